package main

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"

	"github.com/openpipes/terraform-provider-fivetran/internal/emulator"
)

// The scale mode plans the same objects once more with connection list items
// that carry no config (the emulator's ListsWithoutConfig). The emulator
// takes that switch only when it starts, and the objects cannot move to a
// second emulator without its state file, which it would rewrite after every
// one of thousands of creates. So the benchmark serves the emulator through
// withoutListConfig, which, while switched on, removes config from the items
// of the connection list answers and passes everything else as it is: the
// emulator still answers, counts and logs every request.

// listsNoConfig is the switch.
var listsNoConfig atomic.Bool

func init() {
	listsWithoutConfig = func(_ *emulator.Running, on bool) { listsNoConfig.Store(on) }
}

// startEmulator starts the emulator behind withoutListConfig.
func startEmulator(opts emulator.Options) (*emulator.Running, error) {
	e, err := emulator.New(opts)
	if err != nil {
		return nil, err
	}
	srv := httptest.NewServer(withoutListConfig(e, &listsNoConfig))
	return &emulator.Running{Emulator: e, URL: srv.URL + "/v1", Server: srv}, nil
}

// isConnectionList reports whether a request lists connections: the
// account's list or a group's.
func isConnectionList(r *http.Request) bool {
	if r.Method != http.MethodGet {
		return false
	}
	p := strings.TrimSuffix(r.URL.Path, "/")
	if p == "/v1/connections" {
		return true
	}
	rest, ok := strings.CutPrefix(p, "/v1/groups/")
	return ok && strings.Count(rest, "/") == 1 && strings.HasSuffix(rest, "/connections")
}

func withoutListConfig(next http.Handler, on *atomic.Bool) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !on.Load() || !isConnectionList(r) {
			next.ServeHTTP(w, r)
			return
		}
		rec := httptest.NewRecorder()
		next.ServeHTTP(rec, r)
		body := rec.Body.Bytes()
		if rec.Code == http.StatusOK {
			body = stripListConfig(body)
		}
		for k, v := range rec.Header() {
			w.Header()[k] = v
		}
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		w.WriteHeader(rec.Code)
		_, _ = w.Write(body)
	})
}

// stripListConfig removes config from every item of a list answer
// ({"data": {"items": [...]}}); any other body is returned as it is.
func stripListConfig(body []byte) []byte {
	var env map[string]any
	if json.Unmarshal(body, &env) != nil {
		return body
	}
	data, _ := env["data"].(map[string]any)
	items, _ := data["items"].([]any)
	if items == nil {
		return body
	}
	for _, it := range items {
		if m, ok := it.(map[string]any); ok {
			delete(m, "config")
		}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if enc.Encode(env) != nil {
		return body
	}
	return buf.Bytes()
}
