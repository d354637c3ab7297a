package emulator

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
)

// Pagination: opaque cursors, a limit of at most 1000 (MaxPageSize caps it
// further), next_cursor only while items remain.

type page struct {
	skip, limit int
}

// parsePage reads limit and cursor; MaxPageSize caps the limit.
func (e *Emulator) parsePage(r *http.Request) (page, *APIError) {
	p, err := parsePageQuery(r)
	if e.opts.MaxPageSize > 0 {
		p.limit = min(p.limit, e.opts.MaxPageSize)
	}
	return p, err
}

func parsePageQuery(r *http.Request) (page, *APIError) {
	p := page{limit: 100}
	q := r.URL.Query()
	if ls := q.Get("limit"); ls != "" {
		n, err := strconv.Atoi(ls)
		if err != nil || n < 1 || n > 1000 {
			return p, invalid("Invalid value '%s' for parameter 'limit': it must be an integer between 1 and 1000", ls)
		}
		p.limit = n
	}
	if cs := q.Get("cursor"); cs != "" {
		raw, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(cs, "="))
		if err != nil {
			return p, invalid("Invalid cursor '%s'", cs)
		}
		var c struct {
			Skip *int `json:"skip"`
		}
		if err := json.Unmarshal(raw, &c); err != nil || c.Skip == nil || *c.Skip < 0 {
			return p, invalid("Invalid cursor '%s'", cs)
		}
		p.skip = *c.Skip
	}
	return p, nil
}

func encodeCursor(skip int) string {
	return base64.RawURLEncoding.EncodeToString([]byte(fmt.Sprintf(`{"skip":%d}`, skip)))
}

// paginate slices items and builds {"items", "next_cursor"}.
func paginate(items []any, p page) map[string]any {
	start := min(p.skip, len(items))
	end := min(start+p.limit, len(items))
	out := map[string]any{"items": append([]any{}, items[start:end]...)}
	if end < len(items) {
		out["next_cursor"] = encodeCursor(end)
	}
	return out
}
