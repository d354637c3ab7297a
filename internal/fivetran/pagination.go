package fivetran

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
)

// pageLimit is the page size requested by every list call (the API maximum).
const pageLimit = 1000

type page[T any] struct {
	Items      []T    `json:"items"`
	NextCursor string `json:"next_cursor"`
}

// listAll GETs every page of a cursor-paginated list and returns the items in
// order. It sends limit=1000, follows next_cursor until it is absent or
// empty, and fails if the server hands back a cursor it already returned.
func listAll[T any](ctx context.Context, c *Client, path string, query url.Values, opts RequestOptions) ([]T, error) {
	q := url.Values{}
	for k, v := range query {
		q[k] = append([]string(nil), v...)
	}
	q.Set("limit", strconv.Itoa(pageLimit))
	q.Del("cursor")

	seen := map[string]bool{}
	items := []T{}
	for {
		var p page[T]
		if err := c.call(ctx, http.MethodGet, path, q, nil, &p, opts); err != nil {
			return nil, err
		}
		items = append(items, p.Items...)
		if p.NextCursor == "" {
			return items, nil
		}
		if seen[p.NextCursor] {
			return nil, fmt.Errorf("GET %s: pagination loop: the server returned cursor %q twice", path, p.NextCursor)
		}
		seen[p.NextCursor] = true
		q.Set("cursor", p.NextCursor)
	}
}
