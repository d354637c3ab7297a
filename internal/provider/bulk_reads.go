package provider

import (
	"context"
	"maps"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/openpipes/terraform-provider-fivetran/internal/fivetran"
)

// Bulk reads: a refresh may confirm an object from a list fetched in the
// same provider process instead of its own GET. On the live API a plan's
// time is its round trips, and one list page answers for up to 1,000
// objects.
//
// A list is evidence of "unchanged" only. The listed item goes through the
// same mapping the read uses (connectionRead, destinationRead, fromAPI), and
// is used only when the result equals the prior state. Where it differs, is
// missing from the list, or lacks config the state manages, the read makes
// its own GET, which alone decides drift and removal. So a list that lags
// Fivetran's writes can neither show false drift nor remove state; what it
// can do is hide a change made very recently (DESIGN.md, "Bulk reads").
//
// When to list is measured (DESIGN.md, "Bulk reads"): the first read of a
// scope (a group's connections, the account's groups or destinations) makes
// its own GET, and the second one fetches the scope's list, once, for itself
// and every later read of the scope; reads that arrive while it is fetched
// wait for it. A group with one connection in the state, whose destination
// is not in it, so never pays for a list (below for the others).
//
// A destination that this process has read is one the state manages, and
// its group's connections, which can exist only beside it, are most likely
// in the same state, refreshed after it (they reference it). So their list
// is fetched by their first read, and, once any connection is read, fetched
// ahead in the background, one list at a time in the order the destinations
// were read: each group's connections then find their list ready instead of
// waiting a round trip for it, and no group pays for a GET besides its
// list. A group read alone says nothing: it may hold no destination yet.

// listFromRead is the read of a scope (counted from 1) that fetches the
// scope's list; earlier reads make their own GET.
const listFromRead = 2

// Provider settings of config_refresh.
const (
	configRefreshAlways   = "always"
	configRefreshOnChange = "on_change"
)

// List kinds: which list a scope's reads share.
const (
	listConnections  = "connections"  // scope: the group id
	listDestinations = "destinations" // scope: the account
	listGroups       = "groups"       // scope: the account
)

// bulkReads is the provider process's one cache of lists, shared by the
// connection, destination and group resources. It is safe for Terraform's
// parallel reads.
type bulkReads struct {
	// enabled is the provider's bulk_reads setting (default true).
	enabled bool
	// configOnChange is config_refresh = "on_change": when lists leave config
	// out, an item whose other listed settings equal the state confirms it,
	// config included. Off by default: such a read makes its GET.
	configOnChange bool

	// listConnections fetches a group's connection list for the lists
	// fetched ahead; nil: none is (the unit tests of listed).
	listConnections func(ctx context.Context, groupID string) (map[string]any, bool, error)

	mu    sync.Mutex
	lists map[listKey]*bulkList
	// known: the connection lists of the groups whose destinations this
	// process has read (sawDestination), in order; their first read lists.
	known      map[listKey]bool
	knownOrder []string
	// ahead: groups whose connection lists wait to be fetched ahead, and
	// whether the goroutine fetching them runs. aheadOn: a connection has
	// been read, so the state holds connections and lists are worth it.
	ahead        []string
	aheadRunning bool
	aheadOn      bool
	aheadCtx     context.Context
	// withoutConfig: the kinds whose list items came without config, found
	// from the first list of the kind. With config_refresh = "always" their
	// lists prove nothing the read needs, so no further list is fetched.
	withoutConfig map[string]bool
	logOnce       sync.Once
}

type listKey struct{ kind, scope string }

// bulkList is one scope's list: how many reads asked for it, and once
// fetched (done closed), its items by id or the error that fetching met.
type bulkList struct {
	reads int
	done  chan struct{}
	items map[string]any
	err   error
}

func newBulkReads(enabled bool, configRefresh string) *bulkReads {
	return &bulkReads{enabled: enabled, configOnChange: configRefresh == configRefreshOnChange,
		lists: map[listKey]*bulkList{}, withoutConfig: map[string]bool{}, known: map[listKey]bool{}}
}

// sawDestination records that this process read the destination of group
// id: its connections' list is fetched by their first read, and ahead of
// them once connections are being read.
func (b *bulkReads) sawDestination(ctx context.Context, id string) {
	if b == nil || !b.enabled || id == "" {
		return
	}
	k := listKey{listConnections, id}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.known[k] {
		return
	}
	b.known[k] = true
	b.knownOrder = append(b.knownOrder, id)
	if b.aheadOn {
		b.fetchAheadLocked(ctx, id)
	}
}

// fetchAheadLocked queues the connection lists of groups for the goroutine
// that fetches them one at a time, starting it if it is not running. b.mu is
// held. The goroutine outlives the read that started it, so it runs on a
// context without its cancellation, keeping its logger and masks. It logs
// beside that read, and terraform-plugin-log masks a log's fields in place
// in the logger's field map, so setting a field of its own gives it a copy
// of that map.
func (b *bulkReads) fetchAheadLocked(ctx context.Context, groups ...string) {
	if b.listConnections == nil {
		return
	}
	b.ahead = append(b.ahead, groups...)
	if b.aheadRunning || len(b.ahead) == 0 {
		return
	}
	b.aheadRunning = true
	if b.aheadCtx == nil {
		b.aheadCtx = tflog.SetField(context.WithoutCancel(ctx), "fivetran_lists_ahead", true)
	}
	go b.fetchAhead(b.aheadCtx)
}

// fetchAhead fetches the queued connection lists, one at a time, skipping
// any that a read has started meanwhile, and stops for good once lists are
// known to lack the config that reads need.
func (b *bulkReads) fetchAhead(ctx context.Context) {
	for {
		b.mu.Lock()
		if len(b.ahead) == 0 || (b.withoutConfig[listConnections] && !b.configOnChange) {
			b.ahead, b.aheadRunning = nil, false
			b.mu.Unlock()
			return
		}
		scope := b.ahead[0]
		b.ahead = b.ahead[1:]
		l := b.listLocked(listKey{listConnections, scope})
		if l.done != nil {
			b.mu.Unlock()
			continue
		}
		l.done = make(chan struct{})
		b.mu.Unlock()
		tflog.Debug(ctx, "Fetching a group's connection list ahead of its reads", map[string]any{"group_id": scope})
		b.fill(ctx, l, listConnections, scope, func(ctx context.Context) (map[string]any, bool, error) {
			return b.listConnections(ctx, scope)
		})
	}
}

// listLocked returns the list of k, made empty if there is none. b.mu is
// held.
func (b *bulkReads) listLocked(k listKey) *bulkList {
	l := b.lists[k]
	if l == nil {
		l = &bulkList{}
		b.lists[k] = l
	}
	return l
}

// fill fetches l, whose done channel the caller made, and closes done.
func (b *bulkReads) fill(ctx context.Context, l *bulkList, kind, scope string, fetch func(context.Context) (map[string]any, bool, error)) {
	items, withoutConfig, err := fetch(ctx)
	b.mu.Lock()
	l.items, l.err = items, err
	if withoutConfig {
		b.withoutConfig[kind] = true
	}
	b.mu.Unlock()
	close(l.done)
	if err != nil {
		tflog.Debug(ctx, "Listing failed; each object of the scope is read by its own GET", map[string]any{
			"list": kind, "scope": scope, "error": err.Error()})
	} else if withoutConfig {
		b.logWithoutConfig(ctx, kind)
	}
}

// listed returns the item that the list of kind in scope holds for id. ok is
// false when the read must make its own GET: bulk reads are off, this is the
// scope's first read (of a group whose destination this process has not
// read), the list could not be fetched, or it does not hold id.
// fetch returns the list's items by id and whether any item came without
// config; it runs once per scope, and concurrent readers wait for it.
func (b *bulkReads) listed(ctx context.Context, kind, scope, id string,
	fetch func(context.Context) (map[string]any, bool, error)) (item any, ok bool) {
	if b == nil || !b.enabled {
		return nil, false
	}
	k := listKey{kind, scope}
	b.mu.Lock()
	if kind == listConnections && !b.aheadOn {
		// The first connection read: the state holds connections, so the
		// lists of the groups read so far are worth fetching. This read's own
		// group, if among them, is skipped there: the read starts its list
		// below, before the goroutine can take the lock.
		b.aheadOn = true
		b.fetchAheadLocked(ctx, b.knownOrder...)
	}
	if b.withoutConfig[kind] && !b.configOnChange {
		b.mu.Unlock()
		return nil, false
	}
	l := b.listLocked(k)
	l.reads++
	if l.done == nil && l.reads < listFromRead && !b.known[k] {
		b.mu.Unlock()
		return nil, false
	}
	fetcher := l.done == nil
	if fetcher {
		l.done = make(chan struct{})
	}
	done := l.done
	b.mu.Unlock()

	if fetcher {
		b.fill(ctx, l, kind, scope, fetch)
	} else {
		select {
		case <-done:
		case <-ctx.Done():
			return nil, false
		}
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if l.err != nil {
		return nil, false
	}
	item, ok = l.items[id]
	return item, ok
}

// logWithoutConfig says, once per process, what the provider does now that
// it knows the API's lists leave config out: the user's choice is never
// silent.
func (b *bulkReads) logWithoutConfig(ctx context.Context, kind string) {
	b.logOnce.Do(func() {
		if b.configOnChange {
			tflog.Info(ctx, "Fivetran's lists leave config out; with config_refresh = \"on_change\", an object whose listed settings "+
				"equal the state is taken as unchanged without its own GET, so a change outside Terraform to its config alone is not "+
				"seen by this refresh", map[string]any{"list": kind})
			return
		}
		tflog.Info(ctx, "Fivetran's lists leave config out; each object with config is read by its own GET "+
			"(config_refresh = \"on_change\" trades that check for fewer requests)", map[string]any{"list": kind})
	})
}

// listedAs is listed for a list of T: fetch lists the scope, idOf and
// hasConfig read an item.
func listedAs[T any](ctx context.Context, b *bulkReads, kind, scope, id string, list func(context.Context) ([]T, error),
	idOf func(*T) string, hasConfig func(*T) bool) (*T, bool) {
	item, ok := b.listed(ctx, kind, scope, id, func(ctx context.Context) (map[string]any, bool, error) {
		all, err := list(ctx)
		return itemsByID(all, err, idOf, hasConfig)
	})
	if !ok {
		return nil, false
	}
	t, ok := item.(*T)
	return t, ok
}

// itemsByID is a list's answer as listed wants it: its items by id, and
// whether any came without config.
func itemsByID[T any](all []T, err error, idOf func(*T) string, hasConfig func(*T) bool) (map[string]any, bool, error) {
	if err != nil {
		return nil, false, err
	}
	byID := make(map[string]any, len(all))
	withoutConfig := false
	for i := range all {
		byID[idOf(&all[i])] = &all[i]
		withoutConfig = withoutConfig || !hasConfig(&all[i])
	}
	return byID, withoutConfig, nil
}

// candidate is what a listed item gives a read to compare with the prior
// state: the item itself when it carries config (or the read needs none);
// with config_refresh = "on_change", the item with the prior config in
// place of the missing one (priorConfig); otherwise nothing (the read GETs).
func (b *bulkReads) candidate(hasConfig, needsConfig bool, priorConfig func() (map[string]any, bool)) (map[string]any, bool) {
	switch {
	case hasConfig || !needsConfig:
		return nil, true
	case b.configOnChange:
		return priorConfig()
	default:
		return nil, false
	}
}

// readConnection returns the connection a refresh stores, and whether a
// list confirmed it. unchanged maps a listed item the way the read does and
// reports whether the result equals the prior state; only then is the item
// used. Otherwise, and for the first read of a group, it is the GET's answer
// (and its error: the caller decides what a not-found means).
func (d *providerData) readConnection(ctx context.Context, prior connectionModel, unchanged func(*fivetran.Connection) bool) (*fivetran.Connection, bool, error) {
	id := prior.ID.ValueString()
	gid := prior.GroupID.ValueString()
	item, ok := d.bulk.listed(ctx, listConnections, gid, id, func(ctx context.Context) (map[string]any, bool, error) {
		return groupConnections(d.client)(ctx, gid)
	})
	listed, isConnection := item.(*fivetran.Connection)
	if ok && isConnection {
		cfg, usable := d.bulk.candidate(listed.Config != nil, true, func() (map[string]any, bool) {
			return priorConnectionConfig(prior)
		})
		if usable {
			c := *listed
			if cfg != nil {
				c.Config = cfg
			}
			if unchanged(&c) {
				tflog.Debug(ctx, "Connection confirmed unchanged by its group's list", map[string]any{"connection_id": id})
				return &c, true, nil
			}
		}
	}
	c, err := d.client.GetConnection(ctx, id)
	return c, false, err
}

// groupConnections is a group's connection list as listed takes it, for a
// read and for the lists fetched ahead of reads (bulkReads.listConnections).
func groupConnections(client *fivetran.Client) func(context.Context, string) (map[string]any, bool, error) {
	return func(ctx context.Context, groupID string) (map[string]any, bool, error) {
		all, err := client.ListConnections(ctx, fivetran.ListConnectionsOptions{GroupID: groupID})
		return itemsByID(all, err, func(c *fivetran.Connection) string { return c.ID },
			func(c *fivetran.Connection) bool { return c.Config != nil })
	}
}

// priorConnectionConfig is the config a connection's prior state says
// Fivetran holds: its managed config keys and its destination-schema keys.
func priorConnectionConfig(prior connectionModel) (map[string]any, bool) {
	cfg, err := dynamicToMap(prior.Config)
	if err != nil {
		return nil, false
	}
	ds, ok := destinationSchemaOf(prior.DestinationSchema)
	if !ok || !ds.known() {
		return nil, false
	}
	out := maps.Clone(cfg)
	if out == nil {
		out = map[string]any{}
	}
	maps.Copy(out, ds.configKeys())
	return out, true
}

// readDestination is readConnection for a destination, confirmed by the
// account's list of destinations. Their list items carry no config (API.md,
// "Lists"), so a destination whose state manages config is read by its GET
// without counting towards a list, unless config_refresh = "on_change"; one
// that manages none needs nothing the list lacks.
func (d *providerData) readDestination(ctx context.Context, prior destinationModel, unchanged func(*fivetran.Destination) bool) (*fivetran.Destination, bool, error) {
	id := prior.ID.ValueString()
	d.bulk.sawDestination(ctx, id) // a destination's id is its group's
	if !prior.Config.IsNull() && (d.bulk == nil || !d.bulk.configOnChange) {
		x, err := d.client.GetDestination(ctx, id)
		return x, false, err
	}
	listed, ok := listedAs(ctx, d.bulk, listDestinations, "", id, d.client.ListDestinations,
		func(x *fivetran.Destination) string { return x.ID },
		func(x *fivetran.Destination) bool { return x.Config != nil })
	if ok {
		cfg, usable := d.bulk.candidate(listed.Config != nil, !prior.Config.IsNull(), func() (map[string]any, bool) {
			m, err := dynamicToMap(prior.Config)
			return m, err == nil && m != nil
		})
		if usable {
			x := *listed
			if cfg != nil {
				x.Config = cfg
			}
			if unchanged(&x) {
				tflog.Debug(ctx, "Destination confirmed unchanged by the account's list", map[string]any{"destination_id": id})
				return &x, true, nil
			}
		}
	}
	x, err := d.client.GetDestination(ctx, id)
	return x, false, err
}

// readGroup is readConnection for a group, confirmed by the account's list
// of groups (which carries everything the group resource reads).
func (d *providerData) readGroup(ctx context.Context, prior groupModel, unchanged func(*fivetran.Group) bool) (*fivetran.Group, bool, error) {
	id := prior.ID.ValueString()
	listed, ok := listedAs(ctx, d.bulk, listGroups, "", id, d.client.ListGroups,
		func(g *fivetran.Group) string { return g.ID },
		func(*fivetran.Group) bool { return true })
	if ok {
		g := *listed
		if unchanged(&g) {
			tflog.Debug(ctx, "Group confirmed unchanged by the account's list", map[string]any{"group_id": id})
			return &g, true, nil
		}
	}
	g, err := d.client.GetGroup(ctx, id)
	return g, false, err
}

// sameState sets m into st and reports whether st then equals prior; when
// it does not, st is put back to prior, so that a read that goes on to fail
// leaves nothing of the listed item behind.
func sameState(ctx context.Context, st *tfsdk.State, prior tftypes.Value, m any) bool {
	if diags := st.Set(ctx, m); diags.HasError() {
		st.Raw = prior
		return false
	}
	if st.Raw.Equal(prior) {
		return true
	}
	st.Raw = prior
	return false
}
