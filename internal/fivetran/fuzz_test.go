package fivetran

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzDecodeData feeds arbitrary response bodies to the decoder of every
// typed object: truncated JSON, wrong types, missing fields, unexpected
// nulls, unknown enum values and empty bodies must give an error or a value,
// never a panic.
func FuzzDecodeData(f *testing.F) {
	for _, seed := range []string{
		``,
		`{`,
		`null`,
		`{"code":"Success"}`,
		`{"code":"Success","data":null}`,
		`{"code":"Success","data":{"id":"g","name":"n","created_at":"2024-01-01T00:00:00.000000Z"}}`,
		`{"code":"Success","data":{"id":1,"name":["x"]}}`,
		`{"code":"Success","data":{"id":"c","status":null,"config":{"port":5432,"password":"******","nested":{"a":[1,"2",null]}},"setup_tests":[{"title":"t","status":"WEIRD","message":null}]}}`,
		`{"code":"Success","data":{"id":"c","sync_frequency":"360","paused":"false","status":{"setup_state":7}}}`,
		`{"code":"Success","data":{"items":[{"id":"a"},null,{"id":2}],"next_cursor":5}}`,
		`{"code":"Success","data":{"id":"s","config":{"type":"object","properties":{"x":{"type":"string","enum":[1,"a",null]}}},"auth":[]}}`,
		`{"code":"Success","data":{"id":"d","setup_status":"CONNECTED","config":"not an object"}} trailing`,
		`{"code":"Success","data":{"id":"p","version":null,"usage":[{"id":"c","schema":null,"service":"pg"},null],"connector_count":"3"}}`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		var (
			g  Group
			d  Destination
			c  Connection
			ct ConnectorType
			p  page[Connection]
			pa ProxyAgent
			pp page[ProxyAgent]
		)
		for _, out := range []any{&g, &d, &c, &ct, &p, &pa, &pp} {
			err := decodeData("GET", "/fuzz", body, out)
			if err != nil && !strings.Contains(err.Error(), "GET /fuzz") {
				t.Fatalf("the error does not name the request: %v", err)
			}
		}
	})
}

// FuzzAPIError: any status and body (HTML, truncated JSON, binary, a JSON
// message of any length) becomes an *APIError that keeps the status and has a
// short, valid UTF-8 message.
func FuzzAPIError(f *testing.F) {
	f.Add(502, []byte("<html><body><h1>502 Bad Gateway</h1></body></html>"))
	f.Add(404, []byte(`{"code":"NotFound_Group","message":"Group with id 'x' does not exist."}`))
	f.Add(500, []byte(`{"code":`))
	f.Add(429, []byte(""))
	f.Add(400, []byte{0xff, 0xfe, 0x00})
	f.Fuzz(func(t *testing.T, status int, body []byte) {
		err := newAPIError("POST", "/fuzz", status, body)
		if err == nil {
			t.Fatal("nil error")
		}
		if err.StatusCode != status {
			t.Fatalf("status %d became %d", status, err.StatusCode)
		}
		if len(err.Message) > 400 {
			t.Fatalf("message of %d bytes: error bodies must be trimmed", len(err.Message))
		}
		if !utf8.ValidString(err.Message) {
			t.Fatalf("message %q is not valid UTF-8", err.Message)
		}
		var target *APIError
		if !errors.As(error(err), &target) {
			t.Fatal("not an *APIError")
		}
		_ = err.Error()
		_ = IsNotFoundKind(err, KindGroup)
	})
}
