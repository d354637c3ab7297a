package emulator

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

type exchangeLog struct {
	mu sync.Mutex
	xs []Exchange
}

func (l *exchangeLog) add(x Exchange) {
	l.mu.Lock()
	l.xs = append(l.xs, x)
	l.mu.Unlock()
}

func (l *exchangeLog) all() []Exchange {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]Exchange(nil), l.xs...)
}

func TestObserve(t *testing.T) {
	var log exchangeLog
	emu, c := emuStart(t, func(o *Options) { o.Observe = log.add })

	created := c.expect(c.do("POST", "/groups?x=1", `{"name":"observed"}`), 201, "")
	c.expect(c.do("GET", "/groups/nope", nil), 404, "NotFound_Group")
	emu.InjectNext(Fault503, 1, "GET", "GET /v1/groups")
	c.expect(c.do("GET", "/groups", nil), 503, "")
	emu.InjectNext(FaultDropAfterCommit, 1, "POST", "POST /v1/groups")
	req, _ := http.NewRequestWithContext(context.Background(), "POST", c.base+"/groups", strings.NewReader(`{"name":"dropped"}`))
	req.SetBasicAuth("k", "s")
	req.Header.Set("Content-Type", "application/json")
	if resp, err := http.DefaultClient.Do(req); err == nil {
		resp.Body.Close()
		t.Fatalf("drop-after-commit with an observer: expected a connection error, got %d", resp.StatusCode)
	}
	// Close waits for the handlers, except that of the hijacked (dropped)
	// connection, which the server has already forgotten: wait for it.
	emu.Close()
	for deadline := time.Now().Add(5 * time.Second); len(log.all()) < 4 && time.Now().Before(deadline); {
		time.Sleep(time.Millisecond)
	}

	xs := log.all()
	if len(xs) != 4 || len(xs) != len(emu.Requests()) {
		t.Fatalf("observed %d exchanges, logged %d requests", len(xs), len(emu.Requests()))
	}
	byPath := map[string]Exchange{}
	for _, x := range xs {
		byPath[x.Method+" "+x.Path+" "+x.Fault] = x
	}

	x := byPath["POST /v1/groups "]
	if x.Status != 201 || x.RawQuery != "x=1" || string(x.RequestBody) != `{"name":"observed"}` ||
		x.RequestHeader.Get("Content-Type") != "application/json" || x.ResponseHeader.Get("Content-Type") != "application/json" {
		t.Fatalf("create exchange: %+v", x)
	}
	var env struct {
		Code string         `json:"code"`
		Data map[string]any `json:"data"`
	}
	if err := json.Unmarshal(x.ResponseBody, &env); err != nil || env.Code != "Success" || env.Data["id"] != created.data()["id"] {
		t.Fatalf("create response body %q: %v", x.ResponseBody, err)
	}

	if x := byPath["GET /v1/groups/nope "]; x.Status != 404 || !strings.Contains(string(x.ResponseBody), "NotFound_Group") {
		t.Fatalf("404 exchange: %+v", x)
	}
	if x := byPath["GET /v1/groups 503"]; x.Status != 503 || len(x.ResponseBody) == 0 {
		t.Fatalf("fault exchange: %+v", x)
	}
	if x := byPath["POST /v1/groups drop-after-commit"]; x.Status != 0 || len(x.ResponseBody) != 0 || string(x.RequestBody) != `{"name":"dropped"}` {
		t.Fatalf("dropped exchange: %+v", x)
	}
	// The drop still committed the POST.
	if gs := emu.Groups(); len(gs) != 2 {
		t.Fatalf("groups after the drop: %v", gs)
	}
}
