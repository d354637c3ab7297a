package conformance

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"

	"github.com/openpipes/terraform-provider-fivetran/internal/emulator"
)

// SpecEnv names the environment variable that overrides SpecPath.
const SpecEnv = "FIVETRAN_OPENAPI_SPEC"

// ExpectHeader, set to "invalid-request" on a request, marks a request that
// violates the spec on purpose (to exercise an error answer): its request is
// not validated, its response still is.
const ExpectHeader = "X-Conformance-Expect"

// Violation kinds.
const (
	KindRequest  = "request"
	KindResponse = "response"
	KindRoute    = "route"
)

// Violation is one disagreement between an exchange and the spec.
type Violation struct {
	Kind         string // KindRequest, KindResponse or KindRoute
	Method, Path string
	Status       int
	Detail       string
}

// String renders the violation on one line.
func (v Violation) String() string {
	return fmt.Sprintf("%s: %s %s -> %d: %s", v.Kind, v.Method, v.Path, v.Status, oneLine(v.Detail))
}

func oneLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 600 {
		s = s[:600] + "..."
	}
	return s
}

// SpecPath returns the path of the OpenAPI spec (see SpecLocation), or ""
// when the file does not exist.
func SpecPath() string {
	if p, ok := SpecLocation(); ok {
		return p
	}
	return ""
}

// SpecLocation returns where the OpenAPI spec is looked for and whether it
// is there: $FIVETRAN_OPENAPI_SPEC when set, else
// ../shared/fivetran-api/openapi.json relative to the module root (the
// nearest directory at or above the working directory holding go.mod). path
// is "" only when there is neither the variable nor a module root.
func SpecLocation() (path string, present bool) {
	if p := os.Getenv(SpecEnv); p != "" {
		return p, fileExists(p)
	}
	dir, err := os.Getwd()
	if err != nil {
		return "", false
	}
	for {
		if fileExists(filepath.Join(dir, "go.mod")) {
			p := filepath.Clean(filepath.Join(dir, "..", "shared", "fivetran-api", "openapi.json"))
			return p, fileExists(p)
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", false
		}
		dir = parent
	}
}

func fileExists(p string) bool {
	st, err := os.Stat(p) //nolint:gosec // G703: the path is the operator's own choice ($FIVETRAN_OPENAPI_SPEC or the repo layout); it is only stat'ed
	return err == nil && !st.IsDir()
}

// Validator checks exchanges against a loaded spec. It is safe for
// concurrent use.
type Validator struct {
	path     string
	doc      *openapi3.T
	router   routers.Router
	loadTime time.Duration
}

// LoadTime is how long loading the spec and building the router took.
func (v *Validator) LoadTime() time.Duration { return v.loadTime }

// Path is the spec file the validator was loaded from.
func (v *Validator) Path() string { return v.path }

type loaded struct {
	once sync.Once
	v    *Validator
	err  error
}

var (
	cacheMu sync.Mutex
	cache   = map[string]*loaded{}
)

// Load loads the spec at path, once per process and path.
func Load(path string) (*Validator, error) {
	if path == "" {
		return nil, errors.New("conformance: no spec path")
	}
	key := path
	if abs, err := filepath.Abs(path); err == nil {
		key = abs
	}
	cacheMu.Lock()
	l := cache[key]
	if l == nil {
		l = &loaded{}
		cache[key] = l
	}
	cacheMu.Unlock()
	l.once.Do(func() { l.v, l.err = load(key) })
	return l.v, l.err
}

func load(path string) (*Validator, error) {
	start := time.Now()
	loader := openapi3.NewLoader()
	loader.IsExternalRefsAllowed = false
	doc, err := loader.LoadFromFile(path)
	if err != nil {
		return nil, fmt.Errorf("conformance: loading %s: %w", path, err)
	}
	// The spec's only server is https://api.fivetran.com; the emulator runs
	// on a local port. With a single "/" server the router matches on the
	// path only (every spec path starts with /v1).
	doc.Servers = openapi3.Servers{{URL: "/"}}
	mergeTemplatedPaths(doc)
	// gorillamux, unlike the legacy router, does not validate the whole
	// document first: the published spec does not pass (examples that do not
	// match their schemas), which concerns none of the endpoints in scope.
	router, err := gorillamux.NewRouter(doc)
	if err != nil {
		return nil, fmt.Errorf("conformance: building the router for %s: %w", path, err)
	}
	return &Validator{path: path, doc: doc, router: router, loadTime: time.Since(start)}, nil
}

// templateParamRe matches one path parameter of a path template.
var templateParamRe = regexp.MustCompile(`\{[^{}/]+\}`)

// mergeTemplatedPaths folds the spec's paths that differ only in the names
// of their parameters into one: the spec has DELETE /v1/users/{id} and the
// other methods under /v1/users/{userId}, and a router, which matches the
// path before the method, would find only one of the two. The operations of
// each such path move to the one of its group with the most operations
// (the first in sorted order on a tie), their path parameters renamed by
// position; an operation that path already has is kept as it is.
func mergeTemplatedPaths(doc *openapi3.T) {
	groups := map[string][]string{}
	for _, p := range doc.Paths.Keys() {
		key := templateParamRe.ReplaceAllString(p, "{}")
		groups[key] = append(groups[key], p)
	}
	for _, paths := range groups {
		if len(paths) < 2 {
			continue
		}
		slices.SortFunc(paths, func(a, b string) int {
			if d := len(doc.Paths.Value(b).Operations()) - len(doc.Paths.Value(a).Operations()); d != 0 {
				return d
			}
			return strings.Compare(a, b)
		})
		keep := doc.Paths.Value(paths[0])
		keepNames := templateParamRe.FindAllString(paths[0], -1)
		for _, other := range paths[1:] {
			names := templateParamRe.FindAllString(other, -1)
			rename := map[string]string{}
			for i, n := range names {
				rename[strings.Trim(n, "{}")] = strings.Trim(keepNames[i], "{}")
			}
			item := doc.Paths.Value(other)
			for method, op := range item.Operations() {
				if keep.GetOperation(method) != nil {
					continue
				}
				moved := *op
				moved.Parameters = nil
				for _, pr := range append(slices.Clone(item.Parameters), op.Parameters...) {
					if pr == nil || pr.Value == nil || pr.Value.In != openapi3.ParameterInPath {
						moved.Parameters = append(moved.Parameters, pr)
						continue
					}
					renamed := *pr.Value
					if n, found := rename[renamed.Name]; found {
						renamed.Name = n
					}
					moved.Parameters = append(moved.Parameters, &openapi3.ParameterRef{Value: &renamed})
				}
				keep.SetOperation(method, &moved)
			}
			doc.Paths.Delete(other)
		}
	}
}

// Check validates one exchange and returns its violations (nil when it
// conforms or is skipped).
func (v *Validator) Check(x emulator.Exchange) []Violation {
	c, _ := v.check(x)
	if c == nil {
		return nil
	}
	return c.vs
}

// check validates x; skipped reports whether it was skipped entirely.
func (v *Validator) check(x emulator.Exchange) (c *collector, skipped bool) {
	if x.Fault != "" && x.Fault != emulator.FaultLatency && x.Fault != emulator.FaultRateLimit {
		return nil, true // an injected fault is not the API's answer; a rate limit's 429 is
	}
	c = &collector{x: x}
	ctx := context.Background()

	req, err := v.httpRequest(ctx, x)
	if err != nil {
		c.add(KindRequest, err.Error())
		return c, false
	}
	route, pathParams, err := v.router.FindRoute(req)
	if err != nil {
		switch {
		case x.Status == http.StatusUnauthorized:
			// Authentication comes before routing: nothing to check.
			return nil, true
		case errors.Is(err, routers.ErrMethodNotAllowed) && x.Status == http.StatusMethodNotAllowed:
			checkErrorEnvelope(c)
			return c, false
		case errors.Is(err, routers.ErrPathNotFound) && x.Status == http.StatusNotFound && envelopeCode(x.ResponseBody) == "NotFound":
			// A probe of an unknown route, answered with the plain NotFound (API.md, "Errors and not-found codes").
			checkErrorEnvelope(c)
			return c, false
		}
		c.add(KindRoute, fmt.Sprintf("no route in the spec for %s %s (%v)", x.Method, x.Path, err))
		return c, false
	}
	op := route.Operation.OperationID

	// Request.
	if !strings.EqualFold(x.RequestHeader.Get(ExpectHeader), "invalid-request") {
		in := &openapi3filter.RequestValidationInput{
			Request:    req,
			PathParams: pathParams,
			Route:      route,
			Options: &openapi3filter.Options{
				MultiError:          true,
				AuthenticationFunc:  basicAuthPresent,
				SkipSettingDefaults: true,
			},
		}
		if err := openapi3filter.ValidateRequest(ctx, in); err != nil {
			for _, d := range unexcused(op, c, "request", err) {
				c.add(KindRequest, d)
			}
		}
		v.checkDiscriminatedRequest(c, op, route.Operation, x)
	}

	// Response.
	if x.Status >= 400 {
		checkErrorEnvelope(c)
	}
	responses := route.Operation.Responses
	if responses.Status(x.Status) == nil && responses.Default() == nil && x.Status >= 400 {
		if why := undeclaredErrorExcuse(op, x.Status, envelopeCode(x.ResponseBody)); why != "" {
			c.excused = append(c.excused, "undeclared status: "+why)
			return c, false // body already checked against the error envelope
		}
	}
	status, body := x.Status, x.ResponseBody
	if s, found := liveStatusOps[op]; found && x.Status == s.live && responses.Status(s.live) == nil {
		status = s.spec
		c.excused = append(c.excused, fmt.Sprintf("live API: %d where the spec lists %d (API.md, Where the spec and the live API disagree)", s.live, s.spec))
	}
	if x.Status == http.StatusCreated && slices.Contains(unenvelopedCreatedOps, op) {
		data, ok := checkEnvelopeData(c)
		if !ok {
			return c, false
		}
		body = data
		c.excused = append(c.excused, "live API: the envelope around an object the spec describes alone (API.md, Where the spec and the live API disagree)")
	}
	rin := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: &openapi3filter.RequestValidationInput{Request: req, PathParams: pathParams, Route: route},
		Status:                 status,
		Header:                 x.ResponseHeader,
		Options:                &openapi3filter.Options{MultiError: true, IncludeResponseStatus: true},
	}
	rin.SetBodyBytes(body)
	if err := openapi3filter.ValidateResponse(ctx, rin); err != nil {
		for _, d := range unexcused(op, c, "response", err) {
			c.add(KindResponse, d)
		}
	}
	if x.Status == http.StatusOK && slices.Contains(unenvelopedOps, op) {
		checkUnenveloped(c, op, responses.Status(http.StatusOK))
	}
	v.checkDiscriminatedResponse(c, op, route.Operation, x)
	return c, false
}

// checkDiscriminatedRequest and checkDiscriminatedResponse check the
// request body and the answer's data (or each list item) of one of
// discriminatedOps, whose schemas name a discriminator without oneOf or
// anyOf (the service picks the schema of the config), which kin-openapi
// does not follow, against the schema the discriminator's mapping picks. A
// body without the discriminating property (a private link PATCH, which
// sends config only) cannot be placed and is left alone; so is a value the
// mapping does not name, which the enum check reports.
func (v *Validator) checkDiscriminatedRequest(c *collector, op string, o *openapi3.Operation, x emulator.Exchange) {
	if !slices.Contains(discriminatedOps, op) || o.RequestBody == nil || o.RequestBody.Value == nil {
		return
	}
	if mt := o.RequestBody.Value.Content.Get("application/json"); mt != nil && mt.Schema != nil {
		var body any
		if json.Unmarshal(x.RequestBody, &body) == nil {
			v.visitDiscriminated(c, op, "request", mt.Schema.Value, body)
		}
	}
}

func (v *Validator) checkDiscriminatedResponse(c *collector, op string, o *openapi3.Operation, x emulator.Exchange) {
	if !slices.Contains(discriminatedOps, op) || x.Status < 200 || x.Status > 299 || o.Responses == nil {
		return
	}
	resp := o.Responses.Status(x.Status)
	if resp == nil || resp.Value == nil {
		return
	}
	mt := resp.Value.Content.Get("application/json")
	if mt == nil || mt.Schema == nil || mt.Schema.Value == nil {
		return
	}
	data := mt.Schema.Value.Properties["data"]
	var env struct {
		Data any `json:"data"`
	}
	if data == nil || data.Value == nil || json.Unmarshal(x.ResponseBody, &env) != nil {
		return
	}
	if data.Value.Discriminator != nil {
		v.visitDiscriminated(c, op, "response", data.Value, env.Data)
		return
	}
	items := data.Value.Properties["items"]
	m, _ := env.Data.(map[string]any)
	list, _ := m["items"].([]any)
	if items == nil || items.Value == nil || items.Value.Items == nil || items.Value.Items.Value == nil {
		return
	}
	for _, it := range list {
		v.visitDiscriminated(c, op, "response", items.Value.Items.Value, it)
	}
}

// visitDiscriminated validates value against the schema schema's
// discriminator picks for it, if schema has a discriminator kin-openapi
// does not follow.
func (v *Validator) visitDiscriminated(c *collector, op, side string, schema *openapi3.Schema, value any) {
	if schema == nil || schema.Discriminator == nil || len(schema.OneOf) > 0 || len(schema.AnyOf) > 0 {
		return
	}
	obj, _ := value.(map[string]any)
	key, _ := obj[schema.Discriminator.PropertyName].(string)
	ref, found := schema.Discriminator.Mapping[key]
	if !found {
		return
	}
	name := strings.TrimPrefix(ref.Ref, "#/components/schemas/")
	picked := v.doc.Components.Schemas[name]
	if picked == nil || picked.Value == nil {
		c.add(KindResponse, fmt.Sprintf("the discriminator maps %q to %s, which the spec does not define", key, ref.Ref))
		return
	}
	opts := []openapi3.SchemaValidationOption{openapi3.MultiErrors(), openapi3.VisitAsResponse()}
	kind := KindResponse
	if side == "request" {
		opts[1], kind = openapi3.VisitAsRequest(), KindRequest
	}
	// The picked schema is allOf the discriminating schema (checked already)
	// and the service's own part: each part is visited apart, so that its
	// errors come one by one, as the excuses expect them, not folded into
	// one allOf error.
	parts := []*openapi3.Schema{picked.Value}
	if len(picked.Value.AllOf) > 0 {
		parts = nil
		for _, p := range picked.Value.AllOf {
			if p != nil && p.Value != nil && p.Value != schema {
				parts = append(parts, p.Value)
			}
		}
	}
	for _, part := range parts {
		if err := part.VisitJSON(value, opts...); err != nil {
			for _, d := range unexcused(op, c, side, err) {
				c.add(kind, name+": "+d)
			}
		}
	}
}

// checkUnenveloped checks the answer of one of unenvelopedOps as the
// envelope, {code: non-empty string, message: string, data: object}, with
// data against the operation's 200 schema.
func checkUnenveloped(c *collector, op string, resp *openapi3.ResponseRef) {
	var schema *openapi3.Schema
	if resp != nil && resp.Value != nil {
		if mt := resp.Value.Content.Get("application/json"); mt != nil && mt.Schema != nil {
			schema = mt.Schema.Value
		}
	}
	if schema == nil {
		c.add(KindResponse, "the spec no longer gives this operation a 200 schema: drop it from unenvelopedOps")
		return
	}
	var env map[string]any
	if err := json.Unmarshal(c.x.ResponseBody, &env); err != nil {
		c.add(KindResponse, "response body is not a JSON object: "+err.Error())
		return
	}
	if code, ok := env["code"].(string); !ok || code == "" {
		c.add(KindResponse, "envelope without a string code")
	}
	if m, present := env["message"]; present {
		if _, ok := m.(string); !ok {
			c.add(KindResponse, "envelope message is not a string")
		}
	}
	data, ok := env["data"].(map[string]any)
	if !ok {
		c.add(KindResponse, "envelope without a data object")
		return
	}
	if err := schema.VisitJSON(data, openapi3.MultiErrors(), openapi3.VisitAsResponse()); err != nil {
		for _, d := range unexcused(op, c, "response", err) {
			c.add(KindResponse, "envelope data: "+d)
		}
	}
}

// checkEnvelopeData checks the answer of one of unenvelopedCreatedOps as
// the envelope, {code: non-empty string, message: string, data: object},
// and returns data's JSON, which the caller checks against the schema.
func checkEnvelopeData(c *collector) ([]byte, bool) {
	var env map[string]any
	if err := json.Unmarshal(c.x.ResponseBody, &env); err != nil {
		c.add(KindResponse, "response body is not a JSON object: "+err.Error())
		return nil, false
	}
	if code, ok := env["code"].(string); !ok || code == "" {
		c.add(KindResponse, "envelope without a string code")
	}
	if m, present := env["message"]; present {
		if _, ok := m.(string); !ok {
			c.add(KindResponse, "envelope message is not a string")
		}
	}
	data, ok := env["data"].(map[string]any)
	if !ok {
		c.add(KindResponse, "envelope without a data object")
		return nil, false
	}
	buf, err := json.Marshal(data)
	if err != nil {
		c.add(KindResponse, "envelope data cannot be encoded: "+err.Error())
		return nil, false
	}
	return buf, true
}

func (v *Validator) httpRequest(ctx context.Context, x emulator.Exchange) (*http.Request, error) {
	u := &url.URL{Scheme: "http", Host: "emulator.invalid", Path: x.Path, RawQuery: x.RawQuery}
	req, err := http.NewRequestWithContext(ctx, x.Method, u.String(), bytes.NewReader(x.RequestBody))
	if err != nil {
		return nil, err
	}
	req.Header = x.RequestHeader.Clone()
	if req.Header == nil {
		req.Header = http.Header{}
	}
	if len(x.RequestBody) == 0 {
		req.Body = http.NoBody
		req.ContentLength = 0
	}
	return req, nil
}

// basicAuthPresent satisfies the spec's basicAuth requirement when an
// "Authorization: Basic ..." header is present (whether the credentials are
// right is the emulator's business, and a 401 says so).
func basicAuthPresent(_ context.Context, in *openapi3filter.AuthenticationInput) error {
	s := in.SecurityScheme
	if s == nil || s.Type != "http" || !strings.EqualFold(s.Scheme, "basic") {
		return fmt.Errorf("unsupported security scheme %q", in.SecuritySchemeName)
	}
	scheme, _, _ := strings.Cut(in.RequestValidationInput.Request.Header.Get("Authorization"), " ")
	if !strings.EqualFold(scheme, "Basic") {
		return errors.New("no Authorization: Basic header")
	}
	return nil
}

// envelopeCode returns the envelope's "code" ("" when the body is not a JSON
// object with a string code).
func envelopeCode(body []byte) string {
	var env struct {
		Code any `json:"code"`
	}
	if json.Unmarshal(body, &env) != nil {
		return ""
	}
	s, _ := env.Code.(string)
	return s
}

type collector struct {
	x       emulator.Exchange
	vs      []Violation
	excused []string // reasons of the excused spec conflicts
}

func (c *collector) add(kind, detail string) {
	c.vs = append(c.vs, Violation{Kind: kind, Method: c.x.Method, Path: c.x.Path, Status: c.x.Status, Detail: detail})
}

// checkErrorEnvelope checks an error response against the envelope (API.md,
// "The envelope"): JSON, {code: non-empty string, message:
// string}, no data. The spec declares no body for error statuses.
func checkErrorEnvelope(c *collector) {
	x := c.x
	ct := x.ResponseHeader.Get("Content-Type")
	if !strings.HasPrefix(ct, "application/json") {
		c.add(KindResponse, fmt.Sprintf("error response Content-Type %q, want application/json (every answer is a JSON envelope)", ct))
		return
	}
	var env map[string]any
	if err := json.Unmarshal(x.ResponseBody, &env); err != nil {
		c.add(KindResponse, "error response body is not a JSON object: "+err.Error())
		return
	}
	if code, ok := env["code"].(string); !ok || code == "" {
		c.add(KindResponse, "error envelope without a string code")
	}
	if m, present := env["message"]; present {
		if _, ok := m.(string); !ok {
			c.add(KindResponse, "error envelope message is not a string")
		}
	}
	if _, present := env["data"]; present {
		c.add(KindResponse, "error envelope carries data (errors carry code and message only)")
	}
}
