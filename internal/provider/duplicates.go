package provider

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/openpipes/terraform-provider-fivetran/internal/fivetran"
)

// duplicateGuard looks, when a plan creates a group, a destination, a
// connection or a proxy agent, for the object Fivetran already has in its
// place: a plan that
// creates what exists is almost always a move or an import left out (a
// migration from another provider, a resource taken out of state). It says
// so at plan, at the attribute, naming the existing object's id and how to
// adopt it.
//
// A group whose name another group has is an error: Fivetran accepts it, so
// the apply would make a second group beside the real one, and everything
// declared in it. The plan refuses it, and so does the create itself (for a
// group that appeared after the plan, or two resources given one name in
// one apply), unless the provider setting allow_duplicate_group_names says
// a second group of one name is meant. A listed group is confirmed by its
// own GET before the refusal, since a list that lags still shows a group
// deleted a moment ago.
//
// A destination for a group that has one, a connection whose name its group
// has, and a proxy agent whose name another has, are warnings: Fivetran itself refuses both creates, naming the
// object in the way, so neither is ever duplicated. An error at plan would
// cost more there. Terraform plans every create a second time during the
// apply, in a process that has refreshed nothing, and a
// create_before_destroy replacement then finds its own old object, which
// the provider cannot tell from a duplicate: the apply stops before the
// create, Terraform keeps the old object deposed, and every later apply
// meets the same. A group has no attribute that forces a replacement, so
// only -replace or taint with create_before_destroy meets that case there,
// and the error says how to get out (allow_duplicate_group_names for that
// one apply). The plan cannot warn of it: Terraform keeps only errors from
// its plan of a replacement's create half, and the first half cannot tell
// that a replacement was asked for.
//
// Each look-up is made once per provider process (one plan), whatever the
// number of resources that need it: one GET per group for destinations,
// one list of a group's connections, one list of the groups. A look-up that
// fails is a warning and the plan goes on. Lists lag writes (API.md, "Lists
// that lag"), so a list may miss an object made a moment ago; the guard can
// only miss a duplicate, never report one that is not there.
//
// Terraform also plans the create half of a replacement, and of a tainted
// object, as a create with no prior state; the object found is then the
// resource's own. So every object this process meets in state (a refresh, a
// plan of a change, a delete) is remembered by kind and id, and is never
// reported: the refresh runs before the plan of the same resource, and the
// delete before the create of a replacement in the apply.
type duplicateGuard struct {
	// allowGroupNames is allow_duplicate_group_names: a group whose name
	// another group has is then a warning, not an error.
	allowGroupNames bool

	mu      sync.Mutex
	inState map[string]bool // kind + "/" + id
	lookups map[string]*duplicateLookup
	// created: the names of the groups this process created (Create), by
	// name, their ids.
	created map[string]string
}

type duplicateLookup struct {
	once sync.Once
	val  any
	err  error
}

// remember records that this process met the object of kind with id in state.
func (g *duplicateGuard) remember(kind, id string) {
	if id == "" {
		return
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.inState == nil {
		g.inState = map[string]bool{}
	}
	g.inState[kind+"/"+id] = true
}

// plannedCreate reads a plan: a create (no prior state) gives the planned
// value of attr, when it is known; any other plan remembers the prior
// object's id and gives nothing to check.
func (g *duplicateGuard) plannedCreate(ctx context.Context, kind string, attr path.Path, req resource.ModifyPlanRequest,
	diags *diag.Diagnostics) (string, bool) {
	if req.Plan.Raw.IsNull() {
		return "", false // destroy
	}
	if !req.State.Raw.IsNull() {
		var id types.String
		diags.Append(req.State.GetAttribute(ctx, path.Root("id"), &id)...)
		g.remember(kind, id.ValueString())
		return "", false
	}
	var v types.String
	diags.Append(req.Plan.GetAttribute(ctx, attr, &v)...)
	return v.ValueString(), !v.IsUnknown() && !v.IsNull()
}

func (g *duplicateGuard) managed(kind, id string) bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.inState[kind+"/"+id]
}

// lookupOnce runs find once per key and process; later callers get its result.
func lookupOnce[T any](g *duplicateGuard, key string, find func() (T, error)) (T, error) {
	g.mu.Lock()
	if g.lookups == nil {
		g.lookups = map[string]*duplicateLookup{}
	}
	l := g.lookups[key]
	if l == nil {
		l = &duplicateLookup{}
		g.lookups[key] = l
	}
	g.mu.Unlock()
	l.once.Do(func() { l.val, l.err = find() })
	v, _ := l.val.(T)
	return v, l.err
}

const adoptAdvice = "To manage the existing %[1]s with this resource, adopt it instead of creating another: if the official Fivetran provider " +
	"manages it, move its state here with a moved block from its old address to this one (guide \"Migrating from the official provider\"); " +
	"otherwise import it: an import block with to = <this resource's address> and id = %[2]q."

// ownObject is the one case the guard cannot see: the resource's own object
// kept in state as tainted, when the plan skips the refresh that would
// show it.
const ownObject = "If it is this resource's own object, kept in state as tainted after its setup tests failed, plan without " +
	"-refresh=false: the refresh shows the provider that it is the same object."

// checkDestination warns at the plan of a destination for a group that already
// has one: a group holds one destination, whose id is the group's id, so
// one GET by that id answers.
func (g *duplicateGuard) checkDestination(ctx context.Context, client *fivetran.Client, groupID string, diags *diag.Diagnostics) {
	if g.managed("new group", groupID) {
		return
	}
	exists, err := lookupOnce(g, "destination/"+groupID, func() (bool, error) {
		_, err := client.GetDestination(ctx, groupID)
		if fivetran.IsNotFoundKind(err, fivetran.KindDestination) || fivetran.IsNotFoundKind(err, fivetran.KindGroup) {
			return false, nil // no destination, or no group: either way nothing to duplicate
		}
		return err == nil, err
	})
	switch {
	case err != nil:
		lookupFailed(diags, path.Root("group_id"), "destination", "a destination already in this group", err)
	case exists && !g.managed("destination", groupID):
		diags.AddAttributeWarning(path.Root("group_id"), "Destination already exists for this group",
			fmt.Sprintf("Group %q already has a destination in Fivetran (id %q: a destination's id is its group's id), and a group holds "+
				"only one, so Fivetran will refuse this create and the apply will fail there.\n\n", groupID, groupID)+
				fmt.Sprintf(adoptAdvice, "destination", groupID)+
				"\n\nIf it is the destination this resource replaces, with lifecycle { create_before_destroy = true }: the new one cannot exist "+
				"beside the old one; set create_before_destroy = false. "+ownObject)
	}
}

// checkConnection warns at the plan of a connection whose name (from its
// destination_schema) a connection of the same group already has: names
// are unique in a group. One list of the group's connections answers for
// every connection planned in it.
func (g *duplicateGuard) checkConnection(ctx context.Context, client *fivetran.Client, groupID string, ds destinationSchema,
	diags *diag.Diagnostics) {
	if g.managed("new group", groupID) {
		return
	}
	byName, err := lookupOnce(g, "connections/"+groupID, func() (map[string]string, error) {
		conns, err := client.ListGroupConnections(ctx, groupID, "")
		if fivetran.IsNotFoundKind(err, fivetran.KindGroup) {
			return nil, nil // no group: no connection to duplicate
		}
		if err != nil {
			return nil, err
		}
		out := make(map[string]string, len(conns))
		for _, c := range conns {
			out[c.Schema] = c.ID
		}
		return out, nil
	})
	// The name comes from one to three keys of destination_schema (the
	// prefix, or the schema name with a table or table group name): the
	// diagnostic points at the attribute, which Terraform shows as the line
	// that sets it.
	at := path.Root("destination_schema")
	id, found := byName[ds.connectionName()]
	switch {
	case err != nil:
		lookupFailed(diags, at, "connection", "a connection with the same name in this group", err)
	case found && !g.managed("connection", id):
		diags.AddAttributeWarning(at, "Connection name already used in its group",
			fmt.Sprintf("Group %q already has a connection (id %q) with the name this destination_schema gives, and a connection's name "+
				"is unique in its group, so Fivetran will refuse this create and the apply will fail there.\n\n", groupID, id)+
				fmt.Sprintf(adoptAdvice, "connection", id)+" To create a new connection instead, give it another destination_schema."+
				"\n\nIf it is the connection this resource replaces, with lifecycle { create_before_destroy = true }: a connection cannot be "+
				"created before its old self is destroyed, since both would have the same name in the same group. Set "+
				"create_before_destroy = false for this connection (Terraform then destroys the old one first), or give the replacement "+
				"another destination_schema. "+ownObject)
	}
}

// uniqueNamed is a kind of object whose names are unique in an account
// (proxy agents, private links, hybrid deployment agents): Fivetran refuses
// a create of a name another object of the kind has.
type uniqueNamed struct {
	kind   string // its key among the objects in state (remember, managed)
	object string // its name in messages
	attr   string // the attribute that holds the name
	// names lists the objects of the kind: name → id.
	names func(ctx context.Context) (map[string]string, error)
	// advice is said after how to adopt the existing object.
	advice string
}

// checkUniqueName warns at the plan of a create whose name an object of the
// kind in Fivetran has already, and that no resource of this configuration
// holds: Fivetran will refuse the create. One list answers for every create
// of the kind planned.
func (g *duplicateGuard) checkUniqueName(ctx context.Context, u uniqueNamed, name string, diags *diag.Diagnostics) {
	byName, err := lookupOnce(g, u.kind+"/names", func() (map[string]string, error) { return u.names(ctx) })
	at := path.Root(u.attr)
	id, found := byName[name]
	switch {
	case err != nil:
		lookupFailed(diags, at, u.object, "a "+u.object+" with the same name", err)
	case found && !g.managed(u.kind, id):
		diags.AddAttributeWarning(at, capitalize(u.object)+" name already used",
			fmt.Sprintf("Fivetran already has a %s (id %q) with this %s, and names are unique in an account, so Fivetran "+
				"will refuse this create and the apply will fail there.\n\n", u.object, id, u.attr)+
				fmt.Sprintf(adoptAdvice, u.object, id)+u.advice+" To create a new one instead, give it another "+u.attr+"."+
				"\n\nIf it is the "+u.object+" this resource replaces, with lifecycle { create_before_destroy = true }: the new one "+
				"cannot take the old one's name while the old one exists; give the replacement another "+u.attr+". "+ownObject)
	}
}

// The kinds whose names are unique, for checkUniqueName.
func proxyAgentNames(client *fivetran.Client) uniqueNamed {
	return uniqueNamed{kind: "proxy_agent", object: "proxy agent", attr: "display_name",
		advice: " An imported agent's secrets cannot be read back: set secrets_version to have new ones issued.",
		names: func(ctx context.Context) (map[string]string, error) {
			agents, err := client.ListProxyAgents(ctx)
			out := make(map[string]string, len(agents))
			for _, a := range agents {
				out[a.DisplayName] = a.ID
			}
			return out, err
		}}
}

func privateLinkNames(client *fivetran.Client) uniqueNamed {
	return uniqueNamed{kind: "private_link", object: "private link", attr: "name",
		names: func(ctx context.Context) (map[string]string, error) {
			links, err := client.ListPrivateLinks(ctx)
			out := make(map[string]string, len(links))
			for _, l := range links {
				out[l.Name] = l.ID
			}
			return out, err
		}}
}

func hybridAgentNames(client *fivetran.Client) uniqueNamed {
	return uniqueNamed{kind: "hybrid_agent", object: "hybrid deployment agent", attr: "display_name",
		advice: " An imported agent's credentials cannot be read back: set secrets_version to have new ones issued.",
		names: func(ctx context.Context) (map[string]string, error) {
			agents, err := client.ListHybridAgents(ctx, "")
			out := make(map[string]string, len(agents))
			for _, a := range agents {
				out[a.DisplayName] = a.ID
			}
			return out, err
		}}
}

// checkGroup refuses (or, with allow_duplicate_group_names, warns about) a
// planned group whose name a group in Fivetran has already. Fivetran allows
// two groups with one name, but a second one is far more often a group
// taken out of state (or left on the official provider) and declared
// again: the apply would make a second group beside the real one, and
// everything declared in it.
func (g *duplicateGuard) checkGroup(ctx context.Context, client *fivetran.Client, name string, diags *diag.Diagnostics) {
	ids, err := g.groupsNamed(ctx, client, name)
	if err != nil {
		lookupFailed(diags, path.Root("name"), "group", "a group with the same name", err)
		return
	}
	g.reportGroups(ids, diags)
}

// cbdGroupWayOut is how a create_before_destroy replacement of a group
// completes: removing create_before_destroy does not help, since Terraform
// keeps the order it chose for the deposed object.
const cbdGroupWayOut = "To complete such a replacement, apply it with allow_duplicate_group_names = true in the provider block (the old group " +
	"is destroyed right after the new one is created), then remove the setting."

// refuseGroupCreate is checkGroup again, just before a group's create
// sends anything: for a group made after the plan, and for two resources
// of one apply given the same name (the plan cannot see that: neither
// exists then). The list is the one this process's plan of the create
// fetched; the groups this process creates are added to it. It holds the
// name for this create, so two creates of one name at once cannot both
// pass: release gives it back when the create failed. A refused create
// holds nothing.
func (g *duplicateGuard) refuseGroupCreate(ctx context.Context, client *fivetran.Client, name string, diags *diag.Diagnostics) (release func()) {
	release = func() {}
	if g.allowGroupNames {
		return release // the plan warned
	}
	ids, err := g.groupsNamed(ctx, client, name)
	if err != nil {
		return release // the plan warned that it could not check
	}
	// Check and hold the name at once, so that two creates of one name
	// cannot both pass.
	g.mu.Lock()
	id, taken := g.created[name]
	if taken {
		ids = append(ids, id)
	} else if len(ids) == 0 {
		if g.created == nil {
			g.created = map[string]string{}
		}
		g.created[name] = "" // being created
		release = func() {
			g.mu.Lock()
			defer g.mu.Unlock()
			if g.created[name] == "" {
				delete(g.created, name)
			}
		}
	}
	g.mu.Unlock()
	if taken && id == "" {
		diags.AddAttributeError(path.Root("name"), "A group with this name exists already",
			"Another resource of this apply is creating a group with this name, and the provider refuses to create two groups with one "+
				"name. Give each group its own name; if two groups with one name are meant, set allow_duplicate_group_names = true in the "+
				"provider block.")
		return release
	}
	g.reportGroups(slices.DeleteFunc(ids, func(id string) bool { return id == "" }), diags)
	return release
}

// rememberCreated records a group this process created, with its name.
func (g *duplicateGuard) rememberCreated(id, name string) {
	g.remember("new group", id)
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.created == nil {
		g.created = map[string]string{}
	}
	g.created[name] = id
}

// groupsNamed gives the ids of the groups named name that this process has
// not met in state, each confirmed by its own GET: a list that lags still
// shows a group deleted a moment ago, and a group gone is no duplicate.
func (g *duplicateGuard) groupsNamed(ctx context.Context, client *fivetran.Client, name string) ([]string, error) {
	byName, err := g.groupList(ctx, client)
	if err != nil {
		return nil, err
	}
	var ids []string
	for _, id := range byName[name] {
		if g.managed("group", id) || g.managed("new group", id) {
			continue
		}
		current, err := lookupOnce(g, "group/"+id, func() (string, error) {
			gr, err := client.GetGroup(ctx, id)
			if fivetran.IsNotFoundKind(err, fivetran.KindGroup) {
				return "", nil
			}
			if err != nil {
				return "", err
			}
			return gr.Name, nil
		})
		if err != nil {
			return nil, err
		}
		// A group gone, or renamed since the list, is not in the way.
		if current == name {
			ids = append(ids, id)
		}
	}
	return ids, nil
}

// groupList is the account's groups by name, listed once per process.
func (g *duplicateGuard) groupList(ctx context.Context, client *fivetran.Client) (map[string][]string, error) {
	return lookupOnce(g, "groups", func() (map[string][]string, error) {
		groups, err := client.ListGroups(ctx)
		if err != nil {
			return nil, err
		}
		out := map[string][]string{}
		for _, gr := range groups {
			out[gr.Name] = append(out[gr.Name], gr.ID)
		}
		return out, nil
	})
}

func (g *duplicateGuard) reportGroups(ids []string, diags *diag.Diagnostics) {
	if len(ids) == 0 {
		return
	}
	slices.Sort(ids)
	ids = slices.Compact(ids)
	exists := fmt.Sprintf("Fivetran already has a group with this name (id %s). ", strings.Join(quoted(ids), ", "))
	if g.allowGroupNames {
		diags.AddAttributeWarning(path.Root("name"), "A group with this name exists already",
			exists+"With allow_duplicate_group_names = true, this apply creates a second group beside it. "+
				fmt.Sprintf(adoptAdvice, "group", ids[0]))
		return
	}
	diags.AddAttributeError(path.Root("name"), "A group with this name exists already",
		exists+"Fivetran would accept a second group with the same name, so the provider refuses to create one: a group declared "+
			"again after it left state (or while another provider manages it) would otherwise be made twice, with everything in it.\n\n"+
			fmt.Sprintf(adoptAdvice, "group", ids[0])+
			" To create a new group instead, give it another name; if a second group with this name is meant, set "+
			"allow_duplicate_group_names = true in the provider block.\n\n"+
			"If it is this resource's own group, replaced (with -replace or after terraform taint) with "+
			"lifecycle { create_before_destroy = true }: the new group cannot be created beside the old one. "+cbdGroupWayOut)
}

func quoted(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = fmt.Sprintf("%q", s)
	}
	return out
}

// lookupFailed reports a look-up of the guard that failed. Credentials
// Fivetran refuses fail the plan, as every other call made while planning
// does (planErrorFatal): the create would meet the same refusal at apply,
// after other objects of the apply were created. Anything else is a
// warning, and the plan goes on without the check.
func lookupFailed(diags *diag.Diagnostics, at path.Path, object, what string, err error) {
	if fivetran.IsUnauthorized(err) {
		diags.AddAttributeError(at, "Unable to plan the new "+object, capitalize(explainError(err)))
		return
	}
	diags.AddAttributeWarning(at, "Unable to check for an existing "+object,
		"The provider looks for "+what+" before planning a new one, and the look-up failed; "+
			"the plan goes on without it. "+explainError(err))
}
