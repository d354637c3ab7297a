package emulator

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"net"
	"net/http"
)

// Exchange is one request and the response the emulator gave it, passed to
// Options.Observe after the response has been written (for example to
// validate the traffic against the OpenAPI spec).
type Exchange struct {
	Method, Path, RawQuery string
	RequestHeader          http.Header
	RequestBody            []byte // the bytes the emulator read (all of it unless it answered before reading); a webhook's secret and a log service's secrets masked (webhooks.go, external_logging.go)
	Status                 int    // 0 when the connection was dropped
	ResponseHeader         http.Header
	ResponseBody           []byte
	Fault                  string // injected fault ("" for a normal answer, FaultRateLimit for a rate limit's 429); see RequestRecord.Fault
}

// observation captures the request body and the response of one request.
type observation struct {
	r   *http.Request
	req bytes.Buffer
	rw  *recordingWriter
}

// observe wraps w and r.Body so that the exchange can be reported once the
// response has been written. The body is teed, not read ahead, so the
// handler sees exactly what it would see without an observer.
func observe(w http.ResponseWriter, r *http.Request) (*observation, http.ResponseWriter) {
	ob := &observation{r: r}
	if r.Body != nil && r.Body != http.NoBody {
		r.Body = teeBody{Reader: io.TeeReader(r.Body, &ob.req), Closer: r.Body}
	}
	ob.rw = &recordingWriter{ResponseWriter: w}
	return ob, ob.rw
}

func (ob *observation) exchange(rec RequestRecord) Exchange {
	x := Exchange{
		Method:        ob.r.Method,
		Path:          ob.r.URL.Path,
		RawQuery:      ob.r.URL.RawQuery,
		RequestHeader: ob.r.Header.Clone(),
		RequestBody:   redactLogSecrets(ob.r.URL.Path, redactWebhookSecret(ob.r.URL.Path, bytes.Clone(ob.req.Bytes()))),
		Status:        rec.Status,
		Fault:         rec.Fault,
	}
	if !ob.rw.hijacked {
		x.ResponseHeader = ob.rw.Header().Clone()
		x.ResponseBody = bytes.Clone(ob.rw.body.Bytes())
	}
	return x
}

type teeBody struct {
	io.Reader
	io.Closer
}

// recordingWriter copies the response body. It keeps http.Hijacker working
// (the drop-after-commit fault hijacks the connection) and http.Flusher.
type recordingWriter struct {
	http.ResponseWriter
	body     bytes.Buffer
	hijacked bool
}

func (w *recordingWriter) Write(b []byte) (int, error) {
	n, err := w.ResponseWriter.Write(b)
	w.body.Write(b[:n])
	return n, err
}

func (w *recordingWriter) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	hj, ok := w.ResponseWriter.(http.Hijacker)
	if !ok {
		return nil, nil, errors.New("emulator: the response writer does not support hijacking")
	}
	conn, brw, err := hj.Hijack()
	if err == nil {
		w.hijacked = true
	}
	return conn, brw, err
}

func (w *recordingWriter) Flush() {
	if f, ok := w.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (w *recordingWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
