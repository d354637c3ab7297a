package provider

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/openpipes/terraform-provider-fivetran/internal/fivetran"
)

// The rules that the objects identified by their Fivetran id alone share
// (proxy agents, private links, hybrid deployment agents, webhooks): import
// by id or identity, taking over the official provider's state of the same
// type name, a NotFound confirmed by a list, secrets issued again when an
// answer carrying them was lost, a delete that Fivetran refuses while
// something uses the object, and a data source's look-up by name.

// importByID imports an object by its id (an import id, or an identity
// with Terraform 1.12 and later). example is an import command for the
// message, listedBy the data source that lists the ids.
func importByID(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse, object, example, listedBy string) {
	if id, ok := importedByIdentity(ctx, req, object, &resp.Diagnostics); ok {
		if id != "" {
			resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id)...)
		}
		return
	}
	id := strings.TrimSpace(req.ID)
	if id == "" || !idPattern.MatchString(id) {
		resp.Diagnostics.AddError("Invalid import id",
			fmt.Sprintf("Import a %s by its id, for example: %s (got %q). The %s data source lists them with their ids.", object, example, req.ID, listedBy))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id)...)
}

// officialState is an official provider's state as read for a move
// (move_official.go): it writes itself into this provider's state.
type officialState interface {
	setState(ctx context.Context, st *tfsdk.State, identity *tfsdk.ResourceIdentity, diags *diag.Diagnostics)
}

// upgradeFromOfficial is the state upgrader from schema version 0 of a
// resource whose type name the official provider has too, and whose
// version therefore starts at 1 here: Terraform hands this provider the
// official state as an upgrade from 0 when a configuration only switches
// the resource's provider, and OpenTofu does so for a `moved` block between
// the two. It reads that state as a move does (parse). afterwards says
// what to do when it cannot be read.
func upgradeFromOfficial[T officialState](typeName string, parse func([]byte) (T, error), afterwards string) map[int64]resource.StateUpgrader {
	return map[int64]resource.StateUpgrader{
		0: {StateUpgrader: func(ctx context.Context, req resource.UpgradeStateRequest, resp *resource.UpgradeStateResponse) {
			summary := "Unable to upgrade " + typeName + " state"
			if req.RawState == nil {
				resp.Diagnostics.AddError(summary, "Terraform sent no state to upgrade.")
				return
			}
			old, err := parse(req.RawState.JSON)
			if err != nil {
				resp.Diagnostics.AddError(summary,
					fmt.Sprintf("A %s state of schema version 0 is the official provider's, and this one cannot be read: %s. "+
						"Remove it with `terraform state rm` and import the object by its id%s.", typeName, moveDetail(err), afterwards))
				return
			}
			tflog.Debug(ctx, "Taking over the official provider's state", map[string]any{"type": typeName})
			// The framework hands an upgrader a state with no value yet.
			resp.State.Raw = tftypes.NewValue(resp.State.Schema.Type().TerraformType(ctx), nil)
			old.setState(ctx, &resp.State, nil, &resp.Diagnostics)
		}},
	}
}

// inUsePoll is how often a delete that Fivetran refused because the object
// is in use asks again, while nothing is found using it (what used it was
// just deleted or moved in the same apply, and Fivetran has yet to let
// go); tests shorten it. inUseTries bounds those refusals: after this many
// in a row the delete fails.
var inUsePoll = 5 * time.Second

const inUseTries = 6

// deleteUnlessUsed sends a delete until it is done, as del says: done
// (deleted, or already gone), not yet (asked again after inUsePoll, e.g.
// while Fivetran is busy with the object), or an error. A 409 Conflict is
// Fivetran refusing because something uses the object: users names what
// ("" when nothing is found), and the delete stops there, inUse, when
// something is named or after inUseTries refusals in a row; err is then
// the refusal. Otherwise err is del's error, or the wait's end when the
// operation's timeout came first (the last refusal, if one came before it,
// since it says more).
func deleteUnlessUsed(ctx context.Context, del func() (bool, error), users func() string) (named string, inUse bool, err error) {
	var conflict error
	refused := 0
	err = poll(ctx, every(inUsePoll), func() (bool, error) {
		done, err := del()
		if err == nil || !fivetran.IsConflict(err) {
			conflict, refused = nil, 0
			return done, err
		}
		conflict, refused, named = err, refused+1, users()
		if named != "" || refused >= inUseTries {
			inUse = true
			return true, nil
		}
		tflog.Info(ctx, "Still counted as in use with nothing found using it; asking again", map[string]any{"refused": refused})
		return false, nil
	})
	switch {
	case inUse:
		return named, true, conflict
	case errors.Is(err, errWaitEnded) && conflict != nil:
		return "", false, conflict
	}
	return "", false, err
}

// listPatience bounds how long a data source's look-up by name waits for a
// new object to be listed: lists 1, 2 and 4 seconds apart.
var listPatience = 7 * time.Second

// idListed looks an object up by name in a list that lags writes: an object
// created a moment ago in the same apply (the usual reason to look one up
// by name) may not be listed yet, so find, which returns the id of the
// object with the name or "", is asked again for a few seconds. "" and no
// error: no such object.
func idListed(ctx context.Context, find func() (string, error)) (string, error) {
	var id string
	err := poll(ctx, schedule{first: time.Second, max: 4 * time.Second, budget: listPatience}, func() (bool, error) {
		var err error
		id, err = find()
		return id != "", err
	})
	if err != nil && !errors.Is(err, errWaitEnded) {
		return "", err
	}
	return id, nil
}

// goneConfirmed reports whether err proves an object of kind k gone when
// Fivetran's NotFound for that kind is the plain one an unknown route gives
// too (an api_url without /v1, or a proxy in between), or is not
// established: it counts only once list, on the same base URL, answers.
func goneConfirmed(ctx context.Context, err error, k fivetran.Kind, list func(context.Context) error) bool {
	if !fivetran.IsNotFoundKind(err, k) {
		return false
	}
	if lerr := list(ctx); lerr != nil {
		tflog.Warn(ctx, "An object was answered NotFound, but the list that would confirm it failed; keeping it in state",
			map[string]any{"kind": k.String(), "error": lerr.Error()})
		return false
	}
	return true
}

// askAgainIfLost runs a request that issues secrets (a regeneration, a
// re-authentication), which the client never sends twice itself, and sends
// it again on purpose when its answer was lost: the old secrets may be void
// either way, and only an answer carries the new ones. At most attempts
// times in all.
func askAgainIfLost[T any](ctx context.Context, attempts int, what, id string, call func() (T, error)) (T, error) {
	var out T
	var err error
	for attempt := 1; attempt <= max(1, attempts); attempt++ {
		if out, err = call(); err == nil {
			return out, nil
		}
		if !fivetran.IsOutcomeUnknown(err) || ctx.Err() != nil {
			return out, err
		}
		tflog.Warn(ctx, what+" had no answer; asking again", map[string]any{"id": id, "attempt": attempt})
	}
	return out, err
}

// byIDOrName is how a data source finds one object by its id, or by a name
// that is unique in the account (a name, a display name, an email).
type byIDOrName[T any] struct {
	object   string // "private link"
	listedBy string // the data source that lists them: "fivetran_private_links"
	nameAttr string // the attribute holding the name: "name", "display_name", "email"
	// matched says how names compare, for the message: "exactly", "ignoring case".
	matched string
	id      string // the configured id; "" when looked up by name
	// named lists the objects and returns the id of the one with the
	// configured name, "" when none has it.
	named func(ctx context.Context) (string, error)
	get   func(ctx context.Context, id string) (*T, error)
	// gone reports whether get's error proves the object is gone.
	gone func(ctx context.Context, err error) bool
}

// readByIDOrName finds the object: by a name through the list (waited for
// a while, since lists lag writes: idListed), then by one GET of its id. An
// object that does not exist is an error at the attribute that named it;
// false means the diagnostics say why.
func readByIDOrName[T any](ctx context.Context, l byIDOrName[T], diags *diag.Diagnostics) (*T, bool) {
	notFound := capitalize(l.object) + " not found"
	id, at := l.id, path.Root("id")
	if id == "" {
		at = path.Root(l.nameAttr)
		var err error
		if id, err = idListed(ctx, func() (string, error) { return l.named(ctx) }); err != nil {
			addAPIError(diags, "list", l.object+"s", "", err)
			return nil, false
		}
		if id == "" {
			diags.AddAttributeError(at, notFound, fmt.Sprintf("Fivetran has no %s with this %s (matched %s). The %s data source lists "+
				"the ones this API key can see.", l.object, strings.ReplaceAll(l.nameAttr, "_", " "), l.matched, l.listedBy))
			return nil, false
		}
	}
	obj, err := l.get(ctx, id)
	if err != nil {
		if l.gone(ctx, err) {
			diags.AddAttributeError(at, notFound, fmt.Sprintf("Fivetran has no %s with id %q. The %s data source lists the ones this API "+
				"key can see.", l.object, id, l.listedBy))
			return nil, false
		}
		addAPIError(diags, "read", l.object, id, err)
		return nil, false
	}
	return obj, true
}

// moveFromOfficial is the state mover from the official provider's
// resource of the same type name, parse reading its state: the counterpart
// of upgradeFromOfficial for a `moved` block.
func moveFromOfficial[T officialState](typeName string, parse func([]byte) (T, error)) []resource.StateMover {
	return []resource.StateMover{{StateMover: func(ctx context.Context, req resource.MoveStateRequest, resp *resource.MoveStateResponse) {
		if !checkMoveSource(req, typeName, &resp.Diagnostics) {
			return
		}
		if req.SourceRawState == nil {
			addMoveError(&resp.Diagnostics, req, typeName, moveErrorf("Terraform sent no state"))
			return
		}
		m, err := parse(req.SourceRawState.JSON)
		if err != nil {
			addMoveError(&resp.Diagnostics, req, typeName, err)
			return
		}
		tflog.Debug(ctx, "Moving state from the official provider", map[string]any{"type": typeName})
		m.setState(ctx, &resp.TargetState, resp.TargetIdentity, &resp.Diagnostics)
	}}}
}
