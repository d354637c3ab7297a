package emulator

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"
)

// Webhooks (API.md, "Webhooks"): an account's or a group's subscription to
// Fivetran's events, delivered as HTTP POSTs to a URL the customer runs.
//
//   - POST /v1/webhooks/account and POST /v1/webhooks/group/{groupId}
//     {url, events, active, secret} answer 200 (the spec's status, and the
//     one go-fivetran expects) with the webhook as a GET shows it. url must
//     be an absolute http or https URL; events a non-empty array of
//     non-empty strings, kept as sent (the spec names no event, so none is
//     refused, and duplicates stay); active defaults to false; secret is
//     optional, and "" means none. An unknown group answers 404
//     NotFound_Group, as the other routes of a group do.
//   - The secret is never shown: every answer has "******" when one is set
//     and null when none. The emulator keeps it (in Internal, so that no
//     render can reach it, and in the state file: a test double's secret)
//     because it signs the deliveries with it. The request log holds no
//     body, and the exchanges Observe sees have the secret of a webhook
//     request replaced by the mask (redactWebhookSecret).
//   - PATCH /v1/webhooks/{id} changes url, events, active and secret, with
//     the create's rules; type and group_id cannot be sent (400). DELETE
//     answers 200 without data. Deleting a group deletes its webhooks; a
//     webhook never stops a group's delete.
//   - POST /v1/webhooks/{id}/test {event} really delivers a test event to
//     the webhook's URL (webhookPayload), signed when a secret is set, and
//     answers 200 with what the receiver said: succeed (2xx), its status (0
//     when nothing answered) and a sentence. The delivery waits at most
//     webhookTimeout and follows no redirect; WebhookDeliveries records it.
//     An inactive webhook can be tested too.
//   - Unknown webhooks answer 404 with the plain code NotFound: the spec
//     gives no code, and the official provider's end-to-end test, which ran
//     against the live API, expects exactly that one.

const (
	// webhookSecretMask is what answers show for a set secret.
	webhookSecretMask = "******"
	// webhookTimeout is how long a test delivery waits for the receiver.
	webhookTimeout = 3 * time.Second
	// webhookSignatureHeader carries the hex HMAC-SHA256 of a delivery's
	// body, keyed with the webhook's secret.
	webhookSignatureHeader = "X-Fivetran-Signature-256"
	// webhookTestConnection is the dummy connection a test event is about,
	// as the spec's description of the test route names it.
	webhookTestConnection = "_connection_1"

	webhookTypeAccount = "account"
	webhookTypeGroup   = "group"

	// webhookPostRoute is the one pattern behind the two POST routes below
	// a webhook path: net/http refuses to hold both
	// "POST /v1/webhooks/group/{groupId}" and "POST /v1/webhooks/{id}/test"
	// (/v1/webhooks/group/test matches both, neither is more specific), so
	// the handler tells them apart and routeOf names each by its own pattern.
	webhookPostRoute        = "POST /v1/webhooks/{id}/{action}"
	webhookGroupCreateRoute = "POST /v1/webhooks/group/{groupId}"
	webhookTestRoute        = "POST /v1/webhooks/{id}/test"
)

// WebhookDelivery is one event the emulator delivered to a webhook's URL
// (POST /v1/webhooks/{id}/test), as WebhookDeliveries returns it.
type WebhookDelivery struct {
	WebhookID string
	URL       string
	Event     string
	Status    int    // the receiver's HTTP status; 0 when nothing answered
	Signature string // the X-Fivetran-Signature-256 header sent; "" when the webhook has no secret
}

// webhookRoute names a request to webhookPostRoute by the pattern it
// stands for; "" when it is neither a group webhook create nor a test.
func webhookRoute(path string) string {
	parts := strings.Split(strings.TrimPrefix(path, "/v1/webhooks/"), "/")
	switch {
	case len(parts) != 2 || parts[0] == "" || parts[1] == "":
		return ""
	case parts[0] == webhookTypeGroup:
		return webhookGroupCreateRoute
	case parts[1] == "test":
		return webhookTestRoute
	}
	return ""
}

func (e *Emulator) webhookNotFound() *response {
	return errResp(apiErr(http.StatusNotFound, "NotFound", "Webhook not found."))
}

// parseWebhookURL checks a webhook's url: an absolute http or https URL
// with a host.
func parseWebhookURL(v any) (string, *APIError) {
	s, isString := v.(string)
	if !isString {
		return "", invalid("Field 'url' must be a string")
	}
	u, err := url.Parse(s)
	if err != nil || !u.IsAbs() || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", invalid("Field 'url' must be an absolute http or https URL")
	}
	return s, nil
}

// parseWebhookEvents checks a webhook's events: a non-empty array of
// non-empty strings, returned as sent (order and duplicates kept).
func parseWebhookEvents(v any) ([]any, *APIError) {
	list, isList := v.([]any)
	if !isList {
		return nil, invalid("Field 'events' must be an array of strings")
	}
	if len(list) == 0 {
		return nil, invalid("Field 'events' must not be empty")
	}
	out := make([]any, 0, len(list))
	for _, x := range list {
		s, isString := x.(string)
		if !isString || strings.TrimSpace(s) == "" {
			return nil, invalid("Field 'events' must hold non-empty strings")
		}
		out = append(out, s)
	}
	return out, nil
}

// webhookFields are the checked fields of a create (create true: url and
// events required) or a PATCH body. A null is as if the field were absent.
// The secret is returned apart, "" meaning none; secretSet says whether
// the body sent one.
func parseWebhookBody(b map[string]any, create bool) (fields map[string]any, secret string, secretSet bool, apiErr *APIError) {
	fields = map[string]any{}
	if !create {
		for _, k := range []string{"type", "group_id"} {
			if _, sent := b[k]; sent {
				return nil, "", false, invalid("Field '%s' cannot be changed", k)
			}
		}
	}
	if v := b["url"]; v != nil {
		u, err := parseWebhookURL(v)
		if err != nil {
			return nil, "", false, err
		}
		fields["url"] = u
	} else if create {
		return nil, "", false, invalid("Field 'url' is required")
	}
	if v := b["events"]; v != nil {
		ev, err := parseWebhookEvents(v)
		if err != nil {
			return nil, "", false, err
		}
		fields["events"] = ev
	} else if create {
		return nil, "", false, invalid("Field 'events' is required")
	}
	if v := b["active"]; v != nil {
		a, isBool := toBool(v)
		if !isBool {
			return nil, "", false, invalid("Field 'active' must be a boolean")
		}
		fields["active"] = a
	}
	if v := b["secret"]; v != nil {
		s, isString := v.(string)
		if !isString {
			return nil, "", false, invalid("Field 'secret' must be a string")
		}
		secret, secretSet = s, true
	}
	return fields, secret, secretSet, nil
}

// setWebhookSecret keeps a webhook's secret in Internal, where no render
// reads it, and in Data what answers show for it: the mask, or nil when
// there is none ("" removes it). Data thus never holds the secret, and the
// versions lists show for ListLag (which copy Data only) show the mask
// the webhook had.
func setWebhookSecret(o *object, secret string) {
	in := internal(o)
	if secret == "" {
		delete(in, "secret")
		o.Data["secret"] = nil
		return
	}
	in["secret"] = secret
	o.Data["secret"] = webhookSecretMask
}

// renderWebhook renders a webhook as every answer shows it: the secret
// masked, or null when there is none; group_id null for an account
// webhook (dropped, with the secret's null, under OmitNulls).
func (e *Emulator) renderWebhook(o *object) map[string]any {
	m := copyMap(o.Data)
	if m["secret"] != nil {
		m["secret"] = webhookSecretMask // whatever an out-of-band Patch put there
	}
	return e.nulls(m)
}

// doCreateWebhook validates and inserts a webhook of the group groupID, or
// of the account when groupID is "". Call with e.mu held.
func (e *Emulator) doCreateWebhook(groupID string, b map[string]any) (*object, *APIError) {
	if groupID != "" && e.st.Groups[groupID] == nil {
		return nil, apiErr(http.StatusNotFound, "NotFound_Group", "Group with id '%s' does not exist.", groupID)
	}
	fields, secret, _, err := parseWebhookBody(b, true)
	if err != nil {
		return nil, err
	}
	active, _ := fields["active"].(bool) // false when not sent (an assumption, API.md)
	id := e.newID()
	o := &object{Seq: e.nextSeq(), Data: map[string]any{
		"id": id, "type": webhookTypeAccount, "group_id": nil, "url": fields["url"], "events": fields["events"],
		"active": active, "created_at": e.clock().Format(timeLayout), "created_by": e.opts.UserID,
	}}
	if groupID != "" {
		o.Data["type"], o.Data["group_id"] = webhookTypeGroup, groupID
	}
	setWebhookSecret(o, secret)
	e.st.Webhooks[id] = o
	e.lagList("webhook", id)
	return o, nil
}

// deleteGroupWebhooks deletes the webhooks of a group being deleted: they
// belong to it, and Fivetran's group delete takes what belongs to the
// group with it (an assumption, API.md). Call with e.mu held.
func (e *Emulator) deleteGroupWebhooks(groupID string) {
	for _, o := range sorted(e.st.Webhooks) {
		if o.Data["group_id"] == groupID {
			e.remove("webhook", e.st.Webhooks, str(o.Data["id"]))
		}
	}
}

func (e *Emulator) listWebhooks(q *request) *response {
	p, perr := e.parsePage(q.r)
	if perr != nil {
		return errResp(perr)
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	items := []any{}
	for _, o := range e.listed("webhook", e.st.Webhooks) {
		items = append(items, e.renderWebhook(o))
	}
	return ok(http.StatusOK, "Webhooks retrieved successfully", paginate(items, p))
}

func (e *Emulator) createWebhook(groupID, msg string, q *request) *response {
	b := q.body
	if b == nil {
		b = map[string]any{}
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	o, err := e.doCreateWebhook(groupID, b)
	if err != nil {
		return errResp(err)
	}
	e.commit()
	return ok(http.StatusOK, msg, e.renderWebhook(o))
}

func (e *Emulator) createAccountWebhook(q *request) *response {
	return e.createWebhook("", "Account webhook has been created", q)
}

// webhookPost answers webhookPostRoute: a group webhook create or a test.
func (e *Emulator) webhookPost(q *request) *response {
	switch q.route {
	case webhookGroupCreateRoute:
		return e.createWebhook(q.r.PathValue("action"), "Group webhook has been created", q)
	case webhookTestRoute:
		return e.testWebhook(q)
	}
	return errResp(apiErr(http.StatusNotFound, "NotFound", "HTTP 404 Not Found"))
}

func (e *Emulator) getWebhook(q *request) *response {
	id := q.r.PathValue("id")
	e.mu.Lock()
	defer e.mu.Unlock()
	o := e.st.Webhooks[id]
	if o == nil {
		return e.webhookNotFound()
	}
	return ok(http.StatusOK, "Webhook details retrieved successfully", e.renderWebhook(o))
}

func (e *Emulator) patchWebhook(q *request) *response {
	id := q.r.PathValue("id")
	b := q.body
	if b == nil {
		b = map[string]any{}
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	o := e.st.Webhooks[id]
	if o == nil {
		return e.webhookNotFound()
	}
	fields, secret, secretSet, err := parseWebhookBody(b, false)
	if err != nil {
		return errResp(err)
	}
	if len(fields) > 0 || secretSet {
		e.keepVersion("webhook", o)
		for k, v := range fields {
			o.Data[k] = v
		}
		if secretSet {
			setWebhookSecret(o, secret)
		}
		e.commit()
	}
	return ok(http.StatusOK, "Webhook has been updated", e.renderWebhook(o))
}

func (e *Emulator) deleteWebhook(q *request) *response {
	id := q.r.PathValue("id")
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.st.Webhooks[id] == nil {
		return e.webhookNotFound()
	}
	e.remove("webhook", e.st.Webhooks, id)
	e.commit()
	return ok(http.StatusOK, "Webhook with id '"+id+"' has been deleted", nil)
}

// webhookPayload is the body of a test delivery: the event, when it was
// made, and the dummy connection it is about (the spec's _connection_1),
// in the webhook's group or, for an account webhook, a dummy one.
func webhookPayload(event string, at time.Time, groupID string) []byte {
	if groupID == "" {
		groupID = "_group_1"
	}
	buf, _ := json.Marshal(map[string]any{
		"event": event, "created": at.UTC().Format("2006-01-02T15:04:05.000Z"),
		"connector_type": "webhook_test", "connector_id": webhookTestConnection, "destination_group_id": groupID,
		"data": map[string]any{"test": true},
	})
	return buf
}

// webhookSignature is the hex HMAC-SHA256 of body keyed with secret.
func webhookSignature(secret string, body []byte) string {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write(body)
	return hex.EncodeToString(mac.Sum(nil))
}

// webhookClient is the client of test deliveries: Options.WebhookClient,
// or one that waits webhookTimeout; neither follows redirects unless the
// given client says how to.
func (e *Emulator) webhookClient() *http.Client {
	noRedirect := func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	if e.opts.WebhookClient == nil {
		return &http.Client{Timeout: webhookTimeout, CheckRedirect: noRedirect}
	}
	c := *e.opts.WebhookClient
	if c.CheckRedirect == nil {
		c.CheckRedirect = noRedirect
	}
	return &c
}

// deliver posts body to target and reports the receiver's status (0 when
// nothing answered) and a sentence about it.
func (e *Emulator) deliver(ctx context.Context, target string, body []byte, signature string) (int, string) {
	ctx, cancel := context.WithTimeout(ctx, webhookTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, target, bytes.NewReader(body))
	if err != nil {
		return 0, "The test event could not be sent to the webhook's URL."
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "fivetran-emulator-webhooks")
	if signature != "" {
		req.Header.Set(webhookSignatureHeader, signature)
	}
	resp, err := e.webhookClient().Do(req)
	if err != nil {
		if errors.Is(err, context.DeadlineExceeded) || isTimeout(err) {
			return 0, "The receiver did not answer in time."
		}
		return 0, "The receiver could not be reached."
	}
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	_ = resp.Body.Close()
	if resp.StatusCode >= 200 && resp.StatusCode < 300 {
		return resp.StatusCode, fmt.Sprintf("The receiver accepted the test event with HTTP %d.", resp.StatusCode)
	}
	return resp.StatusCode, fmt.Sprintf("The receiver refused the test event with HTTP %d.", resp.StatusCode)
}

func isTimeout(err error) bool {
	var t interface{ Timeout() bool }
	return errors.As(err, &t) && t.Timeout()
}

func (e *Emulator) testWebhook(q *request) *response {
	id := q.r.PathValue("id")
	b := q.body
	if b == nil {
		b = map[string]any{}
	}
	e.mu.Lock()
	o := e.st.Webhooks[id]
	if o == nil {
		e.mu.Unlock()
		return e.webhookNotFound()
	}
	event, isString := b["event"].(string)
	switch {
	case b["event"] == nil || isString && strings.TrimSpace(event) == "":
		e.mu.Unlock()
		return errResp(invalid("Field 'event' is required"))
	case !isString:
		e.mu.Unlock()
		return errResp(invalid("Field 'event' must be a string"))
	}
	target, secret, groupID := str(o.Data["url"]), str(o.Internal["secret"]), str(o.Data["group_id"])
	at := e.clock()
	e.mu.Unlock()

	// The lock is not held while the receiver answers: it may take
	// webhookTimeout, and it may call the emulator itself.
	body := webhookPayload(event, at, groupID)
	signature := ""
	if secret != "" {
		signature = webhookSignature(secret, body)
	}
	status, msg := e.deliver(q.r.Context(), target, body, signature)
	e.metaMu.Lock()
	e.deliveries = append(e.deliveries, WebhookDelivery{WebhookID: id, URL: target, Event: event, Status: status, Signature: signature})
	e.metaMu.Unlock()
	return ok(http.StatusOK, "Webhook test has been completed", map[string]any{
		"succeed": status >= 200 && status < 300, "status": status, "message": msg,
	})
}

// redactWebhookSecret returns the body of a request to a webhook route with
// its top-level secret replaced by the mask, so that what Options.Observe
// sees holds no secret. A body that is not a JSON object is withheld (nil):
// nothing says where a secret in it would be. Other bodies are returned as
// they are.
func redactWebhookSecret(path string, body []byte) []byte {
	if !strings.HasPrefix(path, "/v1/webhooks") || len(bytes.TrimSpace(body)) == 0 {
		return body
	}
	m, err := decodeObject(body)
	if err != nil {
		return nil
	}
	if m["secret"] == nil || m["secret"] == "" {
		return body // no secret sent
	}
	m["secret"] = webhookSecretMask
	out, err := json.Marshal(m)
	if err != nil {
		return nil
	}
	return out
}

// ---------------------------------------------------------------------------
// Out of band

// Webhooks returns all webhooks as GET shows them (the secret masked).
func (e *Emulator) Webhooks() []map[string]any { return e.list("webhook") }

// CreateWebhook creates a webhook out of band, of the group groupID or,
// when groupID is "", of the account, with the same validation as the
// create routes (body: url, events, active, secret), and returns it as the
// create's answer shows it.
func (e *Emulator) CreateWebhook(groupID string, body map[string]any) (map[string]any, error) {
	b := plain(body) // typed Go values ([]string events) as JSON decodes them
	if b == nil {
		b = map[string]any{}
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	o, err := e.doCreateWebhook(groupID, b)
	if err != nil {
		return nil, err
	}
	e.commit()
	return plain(e.renderWebhook(o)), nil
}

// WebhookDeliveries returns the test events delivered so far, oldest
// first (Reset forgets them).
func (e *Emulator) WebhookDeliveries() []WebhookDelivery {
	e.metaMu.Lock()
	defer e.metaMu.Unlock()
	return slices.Clone(e.deliveries)
}

// webhookKinds are the kind names the out-of-band helpers accept for
// webhooks.
var webhookKinds = []string{"webhook", "webhooks"}

func isWebhookKind(kind string) bool { return slices.Contains(webhookKinds, kind) }
