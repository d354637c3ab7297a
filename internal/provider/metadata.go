package provider

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"sync"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/openpipes/terraform-provider-fivetran/internal/configproj"
	"github.com/openpipes/terraform-provider-fivetran/internal/fivetran"
)

// metadataCache holds connector-type metadata for the life of the provider
// process: at most one GET /v1/metadata/connector-types/{service} per distinct
// service, even when many resources plan at once.
type metadataCache struct {
	client *fivetran.Client
	// budget bounds each fetch, retries included, so that a plan against an
	// API that cannot be reached fails in seconds, not after every retry of
	// every attempt (minutes).
	budget time.Duration

	mu      sync.Mutex
	entries map[string]*metadataEntry

	listOnce sync.Once
	ids      []string
	listErr  error
}

type metadataEntry struct {
	once sync.Once
	ct   *fivetran.ConnectorType
	err  error
}

// errUnknownService: Fivetran confirmed that it has no such connector type.
var errUnknownService = errors.New("unknown connector type")

// metadataError is a metadata fetch that failed; it says how long it tried.
type metadataError struct {
	took, budget time.Duration
	err          error
}

func (e *metadataError) Error() string { return e.err.Error() }
func (e *metadataError) Unwrap() error { return e.err }

func newMetadataCache(client *fivetran.Client) *metadataCache {
	return &metadataCache{client: client, budget: metadataBudget, entries: map[string]*metadataEntry{}}
}

// connectorType returns the metadata of one service, or errUnknownService,
// or the failure. Every outcome is kept for the life of the process: an
// unknown service stays unknown, and an API that cannot be reached costs one
// bounded wait per service, not one per resource.
//
// The API answers an unknown service with the plain NotFound that every
// unknown route gives too (a base URL without /v1), so that answer counts
// only once the list of connector types confirms the route.
func (c *metadataCache) connectorType(ctx context.Context, service string) (*fivetran.ConnectorType, error) {
	c.mu.Lock()
	e, ok := c.entries[service]
	if !ok {
		e = &metadataEntry{}
		c.entries[service] = e
	}
	c.mu.Unlock()

	e.once.Do(func() {
		start := time.Now()
		bctx, cancel := context.WithTimeout(ctx, c.budget)
		defer cancel()
		e.ct, e.err = c.client.GetConnectorType(bctx, service)
		if fivetran.IsNotFoundKind(e.err, fivetran.KindConnectorType) {
			if _, lerr := c.serviceIDs(bctx); lerr != nil {
				e.err = lerr // the route itself is unknown, or the list failed
			} else {
				e.err = fmt.Errorf("%w %q: %w", errUnknownService, service, e.err)
				return
			}
		}
		if e.err != nil {
			e.err = &metadataError{took: time.Since(start), budget: c.budget, err: e.err}
		}
	})
	return e.ct, e.err
}

// addUnreachable reports a plan-time check that could not be made because
// the metadata could not be read: an error, since a plan that Fivetran
// cannot check is no plan to trust. It names the URL, how long it tried and
// the way to plan without the checks.
func (c *metadataCache) addUnreachable(service string, err error, diags *diag.Diagnostics) {
	tried := ""
	var me *metadataError
	if errors.As(err, &me) {
		tried = fmt.Sprintf(" (tried for %s, at most %s)", me.took.Round(10*time.Millisecond), me.budget)
	}
	diags.AddAttributeError(path.Root("service"), "Unable to check the connection against Fivetran's metadata",
		fmt.Sprintf("The metadata of connector type %q could not be read from the Fivetran API at %s%s: %s\n\n"+
			"Plan-time checks need the API: fix the credentials or api_url, "+
			"or set validate_config = false in the provider block to plan without them.",
			service, c.client.BaseURL(), tried, explainError(err)))
}

// serviceIDs lists every connector type id, for did-you-mean suggestions and
// to confirm a NotFound. It is fetched once per process, and only when a plan
// names an unknown service.
func (c *metadataCache) serviceIDs(ctx context.Context) ([]string, error) {
	c.listOnce.Do(func() {
		types, err := c.client.ListConnectorTypes(ctx)
		if err != nil {
			c.listErr = err
			return
		}
		for _, t := range types {
			c.ids = append(c.ids, t.ID)
		}
	})
	return c.ids, c.listErr
}

// schemaFromNode converts the API's metadata tree into configproj's schema.
func schemaFromNode(n *fivetran.SchemaNode) *configproj.Schema {
	if n == nil {
		return nil
	}
	s := &configproj.Schema{
		Type:      n.Type,
		Required:  n.Required,
		Secret:    n.Format == "password",
		Readonly:  n.Readonly,
		Immutable: n.Immutable,
		Items:     schemaFromNode(n.Items),
	}
	for _, e := range n.Enum {
		s.Enum = append(s.Enum, fmt.Sprint(e))
	}
	if n.Properties != nil {
		s.Properties = make(map[string]*configproj.Schema, len(n.Properties))
		for k, p := range n.Properties {
			s.Properties[k] = schemaFromNode(p)
		}
	}
	return s
}

// addProblems reports configproj problems on the attribute path they name.
func addProblems(diags *diag.Diagnostics, root path.Path, problems []configproj.Problem) {
	for _, p := range problems {
		diags.AddAttributeError(attributePath(root, p.Path), p.Summary, p.Detail)
	}
}

// attributePath turns a configproj path (keys, and list indexes as decimal
// strings) into an attribute path under root.
func attributePath(root path.Path, steps []string) path.Path {
	at := root
	for _, step := range steps {
		if i, err := strconv.Atoi(step); err == nil {
			at = at.AtListIndex(i)
		} else {
			at = at.AtMapKey(step)
		}
	}
	return at
}

// addUnknownService reports a service Fivetran does not know, on the
// service attribute, with the closest known id as a suggestion.
func (c *metadataCache) addUnknownService(ctx context.Context, service string, diags *diag.Diagnostics) {
	detail := fmt.Sprintf("Fivetran has no connector type %q.", service)
	if ids, err := c.serviceIDs(ctx); err == nil {
		if s := configproj.Suggest(service, ids); s != "" {
			detail += fmt.Sprintf(" Did you mean %q?", s)
		}
	}
	diags.AddAttributeError(path.Root("service"), "Unknown connector type",
		detail+" The fivetran_connectors_metadata data source lists them all.")
}
