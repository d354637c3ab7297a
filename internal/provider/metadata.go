package provider

import (
	"context"
	"fmt"
	"strconv"
	"sync"

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

func newMetadataCache(client *fivetran.Client) *metadataCache {
	return &metadataCache{client: client, entries: map[string]*metadataEntry{}}
}

// connectorType returns the metadata of one service. A "not found" answer is
// cached too (an unknown service stays unknown for this run); any other failure
// is forgotten, so a later caller can try again.
func (c *metadataCache) connectorType(ctx context.Context, service string) (*fivetran.ConnectorType, error) {
	c.mu.Lock()
	e, ok := c.entries[service]
	if !ok {
		e = &metadataEntry{}
		c.entries[service] = e
	}
	c.mu.Unlock()

	e.once.Do(func() {
		e.ct, e.err = c.client.GetConnectorType(ctx, service)
	})
	if e.err != nil && !fivetran.IsNotFound(e.err) {
		c.mu.Lock()
		if c.entries[service] == e {
			delete(c.entries, service)
		}
		c.mu.Unlock()
	}
	return e.ct, e.err
}

// serviceIDs lists every connector type id, for did-you-mean suggestions. It
// is fetched once per process, and only when a plan names an unknown service.
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
