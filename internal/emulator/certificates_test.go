package emulator_test

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha1" //nolint:gosec // G505: the test computes the SHA-1 fingerprint the API shows
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/openpipes/terraform-provider-fivetran/internal/emulator"
)

// The routes of approved certificates and fingerprints, driven over HTTP
// with every exchange validated against the OpenAPI spec (startPx). Where
// go-fivetran's end-to-end tests, which ran against the live API, sent a
// body or checked an answer, these tests send and check the same.

// certKeys and fpKeys are the fields of an approved certificate and of an
// approved fingerprint, as every answer shows them.
var (
	certKeys = []string{"id", "name", "hash", "type", "sha1", "sha256", "public_key", "validated_date", "validated_by"}
	fpKeys   = []string{"id", "hash", "public_key", "validated_date", "validated_by"}
)

// ownerName is the owner's full name, which validated_by shows (recorded
// live: the given and family names of the key's user).
const ownerName = "Emulator Owner"

// testCert is a self-signed certificate: its DER, base64 (encoded_cert)
// and PEM forms.
type testCert struct {
	der         []byte
	b64, pemStr string
}

func newTestCert(t *testing.T, cn string, rsaKey bool) testCert {
	t.Helper()
	var pub, priv any
	if rsaKey {
		k, err := rsa.GenerateKey(rand.Reader, 1024) //nolint:gosec // G403: a throwaway test key; a small one keeps the test quick
		if err != nil {
			t.Fatal(err)
		}
		pub, priv = &k.PublicKey, k
	} else {
		k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		if err != nil {
			t.Fatal(err)
		}
		pub, priv = &k.PublicKey, k
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(7),
		Subject:      pkix.Name{CommonName: cn, Organization: []string{"Example, Inc."}, Country: []string{"US"}},
		NotBefore:    time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, pub, priv)
	if err != nil {
		t.Fatal(err)
	}
	return testCert{der: der, b64: base64.StdEncoding.EncodeToString(der),
		pemStr: string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}))}
}

// hash is the hash Fivetran gives the certificate: the base64 of its
// SHA-256 digest.
func (c testCert) hash() string {
	sum := sha256.Sum256(c.der)
	return base64.StdEncoding.EncodeToString(sum[:])
}

// certID is the id of an approval of hash: the form the spec's paths
// take, free of the /, + and = a hash holds, which the spec's router would
// not find escaped.
func certID(hash string) string { return base64.RawURLEncoding.EncodeToString([]byte(hash)) }

// sshKey is an SSH host key in the authorized_keys form.
const sshKey = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC6 fivetran user key"

// certGroup creates a group with a postgres destination (no setup tests)
// and a postgres connection in it, and returns the group's (the
// destination's) id and the connection's.
func (c pxClient) certGroup(name string) (gid, cid string) {
	c.t.Helper()
	gid = c.hdaGroup(name)
	c.do("POST", "/destinations", map[string]any{"group_id": gid, "service": "postgres_warehouse", "time_zone_offset": "0",
		"run_setup_tests": false, "config": map[string]any{"host": "warehouse.example.com", "port": 5432}}, 201, "Success")
	cid = jsonString(c.t, c.do("POST", "/connections", map[string]any{"group_id": gid, "service": "postgres", "run_setup_tests": false,
		"config": map[string]any{"schema_prefix": name, "host": "db.example.com", "port": 5432}}, 201, "Success").data()["id"])
	return gid, cid
}

// setupTests returns the setup tests of an answer's data.
func setupTests(t *testing.T, d map[string]any) []map[string]any {
	t.Helper()
	list, _ := d["setup_tests"].([]any)
	out := make([]map[string]any, 0, len(list))
	for _, x := range list {
		m, isMap := x.(map[string]any)
		if !isMap {
			t.Fatalf("setup test %v", x)
		}
		out = append(out, m)
	}
	return out
}

// titles returns the titles of setup tests, each with its status.
func titles(tests []map[string]any) []string {
	var out []string
	for _, x := range tests {
		out = append(out, fmt.Sprint(x["title"], ":", x["status"]))
	}
	return out
}

// TestCertificateApprove: an approval answers 201 Success with the
// certificate as a GET shows it, the fields Fivetran computes read from
// the certificate (base64 or PEM), validated_by the owner's name (as
// recorded live), and never encoded_cert, which the emulator keeps.
func TestCertificateApprove(t *testing.T) {
	var mu sync.Mutex
	var seen []emulator.Exchange
	observe := func(x emulator.Exchange) {
		mu.Lock()
		seen = append(seen, x)
		mu.Unlock()
	}
	emu, c := startPx(t, func(o *emulator.Options) { o.Observe = observe })
	gid, cid := c.certGroup("pg")
	ec := newTestCert(t, "db.example.com", false)
	before := time.Now().UTC().Add(-time.Second)
	for _, owner := range []string{"/connections/" + cid, "/destinations/" + gid} {
		r := c.do("POST", owner+"/certificates", map[string]any{"hash": ec.hash(), "encoded_cert": ec.b64}, 201, "Success")
		c.wantMessage(r, "The certificate has been approved.")
		d := r.data()
		s1, s256 := sha1.Sum(ec.der), sha256.Sum256(ec.der) //nolint:gosec // G401: the fingerprint the API shows
		checkFields(t, d, certKeys, map[string]any{"id": certID(ec.hash()), "hash": ec.hash(),
			"name": `CN=db.example.com, O="Example, Inc.", C=US`, "type": "TLS", "sha1": hex.EncodeToString(s1[:]),
			"sha256": hex.EncodeToString(s256[:]), "validated_by": ownerName})
		if pk := jsonString(t, d["public_key"]); !strings.HasPrefix(pk, "Sun EC public key, 256 bits\n  public x coord: ") {
			t.Errorf("public_key %q", pk)
		}
		at, err := time.Parse(time.RFC3339Nano, jsonString(t, d["validated_date"]))
		if err != nil || at.Before(before) || !pxStampRe.MatchString(jsonString(t, d["validated_date"])) {
			t.Errorf("validated_date %v: %v", d["validated_date"], err)
		}
		if strings.Contains(r.raw, "encoded_cert") || strings.Contains(r.raw, ec.b64[:40]) {
			t.Errorf("the answer holds the certificate: %s", r.raw)
		}
		got := c.do("GET", owner+"/certificates/"+certID(ec.hash()), nil, 200, "Success")
		if fmt.Sprint(got.data()) != fmt.Sprint(d) || strings.Contains(got.raw, "encoded_cert") {
			t.Errorf("GET %v, want %v", got.data(), d)
		}
	}
	if s, found := emu.EncodedCertificate("connection", cid, ec.hash()); !found || s != ec.b64 {
		t.Errorf("EncodedCertificate %q %v", s, found)
	}
	// Options.Observe sees the approvals as sent and answered (a
	// certificate is public: nothing is masked).
	mu.Lock()
	observed := 0
	for _, x := range seen {
		if x.Method == http.MethodPost && strings.HasSuffix(x.Path, "/certificates") && x.Status == 201 &&
			strings.Contains(string(x.RequestBody), ec.b64) && strings.Contains(string(x.ResponseBody), `"validated_by":"`+ownerName+`"`) {
			observed++
		}
	}
	mu.Unlock()
	if observed != 2 {
		t.Errorf("observed %d approvals, want 2", observed)
	}

	// PEM is read as well, and an RSA key described as the spec's example
	// does; the hash is never checked against the certificate.
	rc := newTestCert(t, "rsa.example.com", true)
	d := c.do("POST", "/connections/"+cid+"/certificates", map[string]any{"hash": "any_hash", "encoded_cert": rc.pemStr}, 201, "Success").data()
	if pk := jsonString(t, d["public_key"]); d["name"] != `CN=rsa.example.com, O="Example, Inc.", C=US` || d["hash"] != "any_hash" ||
		!strings.HasPrefix(pk, "Sun RSA public key, 1024 bits\n  params: null\n  modulus: ") || !strings.HasSuffix(pk, "public exponent: 65537") {
		t.Errorf("from PEM: %v", d)
	}
	if emulator.CertificateHash(rc.pemStr) != rc.hash() || emulator.CertificateHash(rc.b64) != rc.hash() {
		t.Errorf("CertificateHash %s, want %s", emulator.CertificateHash(rc.pemStr), rc.hash())
	}

	// A string that is not a certificate is approved, with what can be
	// said of it (an assumption); StrictCertificates refuses it.
	d = c.do("POST", "/destinations/"+gid+"/certificates", map[string]any{"hash": "dummy", "encoded_cert": "encoded_cert"}, 201, "Success").data()
	dummy := sha256.Sum256([]byte("encoded_cert"))
	checkFields(t, d, certKeys, map[string]any{"name": "", "public_key": "", "type": "TLS", "sha256": hex.EncodeToString(dummy[:])})
	_, strict := startPx(t, func(o *emulator.Options) { o.StrictCertificates = true })
	sg, scid := strict.certGroup("pg")
	r := strict.do("POST", "/connections/"+scid+"/certificates", map[string]any{"hash": "dummy", "encoded_cert": "encoded_cert"}, 400, "InvalidInput")
	if !strings.Contains(jsonString(t, r.body["message"]), "'encoded_cert'") {
		t.Errorf("message %s", r.raw)
	}
	strict.do("POST", "/destinations/"+sg+"/certificates", map[string]any{"hash": ec.hash(), "encoded_cert": ec.b64}, 201, "Success")
}

// TestFingerprintApprove: the body the live tests sent, a dummy hash and
// key, answers 201 with the fingerprint as a GET shows it.
func TestFingerprintApprove(t *testing.T) {
	emu, c := startPx(t, nil)
	gid, cid := c.certGroup("pg")
	for _, owner := range []string{"/connections/" + cid, "/destinations/" + gid} {
		r := c.do("POST", owner+"/fingerprints", map[string]any{"hash": "test_hash", "public_key": "test_public_key"}, 201, "Success")
		c.wantMessage(r, "The fingerprint has been approved.")
		checkFields(t, r.data(), fpKeys, map[string]any{"id": base64.RawURLEncoding.EncodeToString([]byte("test_hash")),
			"hash": "test_hash", "public_key": "test_public_key", "validated_by": ownerName})
		if !pxStampRe.MatchString(jsonString(t, r.data()["validated_date"])) {
			t.Errorf("validated_date %v", r.data()["validated_date"])
		}
		got := c.do("GET", owner+"/fingerprints/test_hash", nil, 200, "Success")
		if fmt.Sprint(got.data()) != fmt.Sprint(r.data()) {
			t.Errorf("GET %v", got.data())
		}
	}
	// validated_by follows the owner's name at the time of the approval.
	if err := emu.Patch("user", emuOwnerID(t, emu), map[string]any{"given_name": "Go", "family_name": "5Tran"}); err != nil {
		t.Fatal(err)
	}
	d := c.do("POST", "/connections/"+cid+"/fingerprints", map[string]any{"hash": "h2", "public_key": sshKey}, 201, "Success").data()
	if d["validated_by"] != "Go 5Tran" {
		t.Errorf("validated_by %v", d["validated_by"])
	}
	if got := c.do("GET", "/connections/"+cid+"/fingerprints/test_hash", nil, 200, "Success").data(); got["validated_by"] != ownerName {
		t.Errorf("an earlier approval changed: %v", got)
	}
	if h := emulator.FingerprintHash(sshKey); len(h) != 44 || !strings.HasSuffix(h, "=") {
		t.Errorf("FingerprintHash %q", h)
	}
}

// emuOwnerID returns the id of the account's owner.
func emuOwnerID(t *testing.T, emu *emulator.Running) string {
	t.Helper()
	for _, u := range emu.Users() {
		if u["email"] == ownerEmail {
			return jsonString(t, u["id"])
		}
	}
	t.Fatal("no owner")
	return ""
}

// TestApprovalRules: the 400s naming the field, the 404s of an unknown
// connection (either code) or destination and of a hash nobody approved
// (the plain NotFound), and what approving a hash again does.
func TestApprovalRules(t *testing.T) {
	emu, c := startPx(t, nil)
	gid, cid := c.certGroup("pg")
	ec := newTestCert(t, "db.example.com", false)
	for _, tc := range []struct {
		path  string
		body  map[string]any
		field string
		spec  bool // the body keeps to the spec
	}{
		{"/connections/" + cid + "/certificates", map[string]any{"encoded_cert": ec.b64}, "hash", false},
		{"/connections/" + cid + "/certificates", map[string]any{"hash": "h"}, "encoded_cert", false},
		{"/destinations/" + gid + "/certificates", map[string]any{"hash": "", "encoded_cert": ec.b64}, "hash", true},
		{"/destinations/" + gid + "/certificates", map[string]any{"hash": "h", "encoded_cert": 5}, "encoded_cert", false},
		{"/connections/" + cid + "/fingerprints", map[string]any{"hash": "h"}, "public_key", false},
		{"/destinations/" + gid + "/fingerprints", map[string]any{"hash": "h", "public_key": " "}, "public_key", true},
		{"/destinations/" + gid + "/fingerprints", map[string]any{"hash": nil, "public_key": "k"}, "hash", false},
	} {
		var hdr []string
		if !tc.spec {
			hdr = invalidReq
		}
		r := c.do("POST", tc.path, tc.body, 400, "InvalidInput", hdr...)
		if !strings.Contains(jsonString(t, r.body["message"]), "'"+tc.field+"'") {
			t.Errorf("%s %v: message %s does not name %s", tc.path, tc.body, r.raw, tc.field)
		}
	}
	c.do("POST", "/connections/no_such/certificates", map[string]any{"hash": "h", "encoded_cert": "c"}, 404, "NotFound_Connector")
	c.do("GET", "/connections/no_such/fingerprints", nil, 404, "NotFound_Connector")
	c.do("GET", "/destinations/no_such/certificates/h", nil, 404, "NotFound_Destination")
	c.do("DELETE", "/destinations/no_such/fingerprints/h", nil, 404, "NotFound_Destination")
	c.do("GET", "/connections/"+cid+"/certificates/unknown", nil, 404, "NotFound")
	c.do("DELETE", "/destinations/"+gid+"/fingerprints/unknown", nil, 404, "NotFound")
	_, c2 := startPx(t, func(o *emulator.Options) { o.NotFoundConnectionCode = true })
	c2.do("GET", "/connections/no_such/certificates", nil, 404, "NotFound_Connection")

	// The same certificate again: the approval as it was. Another
	// certificate under the hash: a new approval, in the same place.
	first := c.do("POST", "/connections/"+cid+"/certificates", map[string]any{"hash": "h", "encoded_cert": ec.b64}, 201, "Success").data()
	time.Sleep(2 * time.Millisecond)
	again := c.do("POST", "/connections/"+cid+"/certificates", map[string]any{"hash": "h", "encoded_cert": ec.b64}, 201, "Success").data()
	if fmt.Sprint(again) != fmt.Sprint(first) {
		t.Errorf("approved again: %v, was %v", again, first)
	}
	other := newTestCert(t, "other.example.com", false)
	c.do("POST", "/connections/"+cid+"/certificates", map[string]any{"hash": "h2", "encoded_cert": ec.b64}, 201, "Success")
	replaced := c.do("POST", "/connections/"+cid+"/certificates", map[string]any{"hash": "h", "encoded_cert": other.b64}, 201, "Success").data()
	if replaced["name"] == first["name"] || replaced["validated_date"] == first["validated_date"] {
		t.Errorf("another certificate under the hash: %v, was %v", replaced, first)
	}
	items := c.do("GET", "/connections/"+cid+"/certificates", nil, 200, "Success").items()
	if got := ids(t, items, "hash"); fmt.Sprint(got) != "[h h2]" {
		t.Errorf("list %v", got)
	}
	if s, _ := emu.EncodedCertificate("connection", cid, "h"); s != other.b64 {
		t.Error("the new certificate was not kept")
	}
}

// TestApprovalListGetRevoke: lists are paginated and hold only the
// object's approvals; GET and DELETE find an approval by its hash (also
// one with /, + and =, escaped) or by its id; DELETE answers the spec's
// messages and revokes.
func TestApprovalListGetRevoke(t *testing.T) {
	_, c := startPx(t, nil)
	gid, cid := c.certGroup("pg")
	_, cid2 := c.certGroup("pg2")
	for i := range 5 {
		c.do("POST", "/connections/"+cid+"/fingerprints", map[string]any{"hash": fmt.Sprint("h", i), "public_key": sshKey}, 201, "Success")
	}
	c.do("POST", "/connections/"+cid2+"/fingerprints", map[string]any{"hash": "elsewhere", "public_key": sshKey}, 201, "Success")
	var got []string
	cursor := ""
	for page := 0; ; page++ {
		path := "/connections/" + cid + "/fingerprints?limit=2"
		if cursor != "" {
			path += "&cursor=" + url.QueryEscape(cursor)
		}
		r := c.do("GET", path, nil, 200, "Success")
		if page == 0 {
			c.wantMessage(r, "Connection fingerprints retrieved successfully")
		}
		for _, it := range r.items() {
			checkFields(t, it, fpKeys, nil)
		}
		got = append(got, ids(t, r.items(), "hash")...)
		cursor, _ = r.data()["next_cursor"].(string)
		if cursor == "" {
			break
		}
	}
	if fmt.Sprint(got) != "[h0 h1 h2 h3 h4]" {
		t.Fatalf("pages %v", got)
	}
	empty := c.do("GET", "/destinations/"+gid+"/certificates", nil, 200, "Success")
	c.wantMessage(empty, "Destination certificates retrieved successfully")
	if its, isList := empty.data()["items"].([]any); !isList || len(its) != 0 {
		t.Fatalf("empty list %s", empty.raw)
	}

	// By id, and the messages of the reads.
	id := base64.RawURLEncoding.EncodeToString([]byte("h3"))
	c.wantMessage(c.do("GET", "/connections/"+cid+"/fingerprints/"+id, nil, 200, "Success"), "Connection fingerprint details retrieved successfully")
	c.wantMessage(c.do("DELETE", "/connections/"+cid+"/fingerprints/"+id, nil, 200, "Success"),
		"Fingerprint with hash 'h3' has been revoked for connection with id '"+cid+"'")
	c.do("GET", "/connections/"+cid+"/fingerprints/h3", nil, 404, "NotFound")
	c.do("DELETE", "/connections/"+cid+"/fingerprints/h3", nil, 404, "NotFound")
	if got := ids(t, c.do("GET", "/connections/"+cid+"/fingerprints", nil, 200, "Success").items(), "hash"); fmt.Sprint(got) != "[h0 h1 h2 h4]" {
		t.Fatalf("after the revoke: %v", got)
	}
	c.do("GET", "/connections/"+cid2+"/fingerprints/h0", nil, 404, "NotFound") // another connection's hash

	c.do("POST", "/destinations/"+gid+"/fingerprints", map[string]any{"hash": "d", "public_key": sshKey}, 201, "Success")
	c.wantMessage(c.do("DELETE", "/destinations/"+gid+"/fingerprints/d", nil, 200, "Success"),
		"Fingerprint with hash = 'd' has been revoked for destination id = '"+gid+"'")
	c.do("POST", "/destinations/"+gid+"/certificates", map[string]any{"hash": "dc", "encoded_cert": "x"}, 201, "Success")
	c.wantMessage(c.do("GET", "/destinations/"+gid+"/certificates/dc", nil, 200, "Success"), "Destination certificate details retrieved successfully")
	c.wantMessage(c.do("DELETE", "/destinations/"+gid+"/certificates/dc", nil, 200, "Success"),
		"Certificate 'dc' has been revoked for destination '"+gid+"'")
	c.do("POST", "/connections/"+cid+"/certificates", map[string]any{"hash": "cc", "encoded_cert": "x"}, 201, "Success")
	c.wantMessage(c.do("GET", "/connections/"+cid+"/certificates", nil, 200, "Success"), "Connection certificates retrieved successfully")
	c.wantMessage(c.do("GET", "/connections/"+cid+"/certificates/cc", nil, 200, "Success"), "Connection certificate details retrieved successfully")
	c.wantMessage(c.do("DELETE", "/connections/"+cid+"/certificates/cc", nil, 200, "Success"),
		"Certificate 'cc' has been revoked for connection '"+cid+"'")

	// A real hash holds /, + and =: escaped in the path, it is found (the
	// spec's path names the id, which has none of them). Not validated:
	// the spec's router reads the path unescaped.
	plainEmu, err := emulator.Start(emulator.Options{APIKey: "k", APISecret: "s", Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(plainEmu.Close)
	p := pxClient{t: t, base: plainEmu.URL}
	_, pc := p.certGroup("pg")
	const hash = "r+u4QL4M/GvZe="
	p.do("POST", "/connections/"+pc+"/certificates", map[string]any{"hash": hash, "encoded_cert": "x"}, 201, "Success")
	if d := p.do("GET", "/connections/"+pc+"/certificates/"+url.PathEscape(hash), nil, 200, "Success").data(); d["hash"] != hash {
		t.Fatalf("escaped hash: %v", d)
	}
	if !strings.Contains(url.PathEscape(hash), "%2F") {
		t.Fatal("the hash was not escaped")
	}
	p.do("GET", "/connections/"+pc+"/certificates/"+base64.RawURLEncoding.EncodeToString([]byte(hash)), nil, 200, "Success")
	p.do("DELETE", "/connections/"+pc+"/certificates/"+url.PathEscape(hash), nil, 200, "Success")
}

// TestAccountCertificateApproval: POST /v1/certificates approves for the
// connection (connection_id, or connector_id as recorded before the
// renaming) or the destination the body names, exactly one, and answers
// 200 without data, as the spec has it.
func TestAccountCertificateApproval(t *testing.T) {
	emu, c := startPx(t, nil)
	gid, cid := c.certGroup("pg")
	ec := newTestCert(t, "db.example.com", false)
	r := c.do("POST", "/certificates", map[string]any{"connection_id": cid, "hash": ec.hash(), "encoded_cert": ec.b64}, 200, "Success")
	c.wantMessage(r, "The certificate has been approved.")
	if _, has := r.body["data"]; has {
		t.Errorf("data in %s", r.raw)
	}
	c.do("GET", "/connections/"+cid+"/certificates/"+certID(ec.hash()), nil, 200, "Success")
	c.do("POST", "/certificates", map[string]any{"destination_id": gid, "hash": "d", "encoded_cert": ec.b64}, 200, "Success")
	c.do("POST", "/certificates", map[string]any{"connector_id": cid, "hash": "old", "encoded_cert": ec.b64}, 200, "Success")
	if certs, err := emu.Certificates("connector", cid); err != nil || fmt.Sprint(ids(t, certs, "hash")) != fmt.Sprint([]string{ec.hash(), "old"}) {
		t.Errorf("the connection's certificates %v %v", certs, err)
	}
	if certs, _ := emu.Certificates("destination", gid); len(certs) != 1 || certs[0]["hash"] != "d" {
		t.Errorf("the destination's certificates %v", certs)
	}
	for _, tc := range []struct {
		body  map[string]any
		field string
	}{
		{map[string]any{"hash": "h", "encoded_cert": "c"}, "connection_id"},
		{map[string]any{"connection_id": cid, "destination_id": gid, "hash": "h", "encoded_cert": "c"}, "destination_id"},
		{map[string]any{"connection_id": cid, "encoded_cert": "c"}, "hash"},
		{map[string]any{"destination_id": gid, "hash": "h"}, "encoded_cert"},
		{map[string]any{"destination_id": "", "hash": "h", "encoded_cert": "c"}, "destination_id"},
	} {
		r := c.do("POST", "/certificates", tc.body, 400, "InvalidInput", invalidReq...)
		if !strings.Contains(jsonString(t, r.body["message"]), "'"+tc.field+"'") {
			t.Errorf("%v: message %s does not name %s", tc.body, r.raw, tc.field)
		}
	}
	c.do("POST", "/certificates", map[string]any{"connection_id": "no_such", "hash": "h", "encoded_cert": "c"}, 404, "NotFound_Connector")
	c.do("POST", "/certificates", map[string]any{"destination_id": "no_such", "hash": "h", "encoded_cert": "c"}, 404, "NotFound_Destination")
}

// TestPresentedCertificateSetupTests: a destination's server presents a
// certificate: its setup tests fail with the certificate in details until
// the hash is approved, or until a run says trust_certificates true, which
// approves it; a revoke brings the failure back; StopPresenting ends it.
func TestPresentedCertificateSetupTests(t *testing.T) {
	emu, c := startPx(t, nil)
	gid := c.hdaGroup("wh")
	ec := newTestCert(t, "warehouse.example.com", false)
	if err := emu.PresentCertificate(gid, "", ec.b64); err != nil { // before the destination exists
		t.Fatal(err)
	}
	dest := map[string]any{"group_id": gid, "service": "postgres_warehouse", "time_zone_offset": "0",
		"config": map[string]any{"host": "warehouse.example.com", "port": 5432}}
	d := c.do("POST", "/destinations", dest, 201, "Success").data()
	tests := setupTests(t, d)
	s1, s256 := sha1.Sum(ec.der), sha256.Sum256(ec.der) //nolint:gosec // G401: the fingerprint the API shows
	const name = `CN=warehouse.example.com, O="Example, Inc.", C=US`
	want := map[string]any{"title": "Validate Certificate", "status": "FAILED", "message": "No trust anchors for this connection",
		"details": []any{map[string]any{"hash": ec.hash(), "name": name,
			"encoded_cert": ec.b64, "sha1": hex.EncodeToString(s1[:]), "sha256": hex.EncodeToString(s256[:])}}}
	if len(tests) != 1 || d["setup_status"] != "broken" {
		t.Fatalf("create: %v", d)
	}
	got := tests[0]
	detail, _ := got["details"].([]any)
	if len(detail) == 1 {
		if m, isMap := detail[0].(map[string]any); isMap {
			if pk, _ := m["public_key"].(string); strings.HasPrefix(pk, "Sun EC public key") {
				delete(m, "public_key")
			}
		}
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("failed test %v\nwant %v", got, want)
	}
	if certs, _ := emu.Certificates("destination", gid); len(certs) != 0 {
		t.Fatalf("a failed test approved %v", certs)
	}

	// Approved through the API, the test passes, after the host's.
	c.do("POST", "/destinations/"+gid+"/certificates", map[string]any{"hash": ec.hash(), "encoded_cert": ec.b64}, 201, "Success")
	r := c.do("POST", "/destinations/"+gid+"/test", map[string]any{}, 200, "Success").data()
	if got := titles(setupTests(t, r)); fmt.Sprint(got) != "[Host Connection:PASSED Validate Certificate:PASSED Database Connection:PASSED Permission Test:PASSED]" ||
		r["setup_status"] != "connected" {
		t.Fatalf("approved: %v %v", got, r["setup_status"])
	}
	// Revoked, it fails again; trust_certificates passes and approves.
	c.do("DELETE", "/destinations/"+gid+"/certificates/"+certID(ec.hash()), nil, 200, "Success")
	r = c.do("POST", "/destinations/"+gid+"/test", map[string]any{"trust_fingerprints": true}, 200, "Success").data()
	if got := titles(setupTests(t, r)); fmt.Sprint(got) != "[Validate Certificate:FAILED]" || r["setup_status"] != "broken" {
		t.Fatalf("revoked: %v", got)
	}
	before := time.Now().UTC().Add(-time.Second)
	r = c.do("POST", "/destinations/"+gid+"/test", map[string]any{"trust_certificates": true}, 200, "Success").data()
	if r["setup_status"] != "connected" {
		t.Fatalf("trusted: %v", r)
	}
	certs, _ := emu.Certificates("destination", gid)
	if len(certs) != 1 || certs[0]["hash"] != ec.hash() || certs[0]["validated_by"] != ownerName || certs[0]["name"] != name {
		t.Fatalf("the trusted certificate's approval: %v", certs)
	}
	if at, err := time.Parse(time.RFC3339Nano, jsonString(t, certs[0]["validated_date"])); err != nil || at.Before(before) {
		t.Fatalf("validated_date %v", certs[0]["validated_date"])
	}
	if s, _ := emu.EncodedCertificate("destination", gid, ec.hash()); s != ec.b64 {
		t.Fatal("the trusted certificate was not kept")
	}
	// Trusted once, it stays trusted: the flag acts on its run only.
	if d := c.do("PATCH", "/destinations/"+gid, map[string]any{"run_setup_tests": true, "region": "GCP_US_EAST4"}, 200, "Success").data(); d["setup_status"] != "connected" {
		t.Fatalf("after the trusted run: %v", d)
	}

	// Nothing presented, the tests are as they always were.
	emu.StopPresenting(gid)
	c.do("DELETE", "/destinations/"+gid+"/certificates/"+certID(ec.hash()), nil, 200, "Success")
	r = c.do("POST", "/destinations/"+gid+"/test", map[string]any{}, 200, "Success").data()
	if got := titles(setupTests(t, r)); fmt.Sprint(got) != "[Host Connection:PASSED Database Connection:PASSED Permission Test:PASSED]" {
		t.Fatalf("nothing presented: %v", got)
	}
}

// TestPresentedFingerprintSetupTests: a connection's SSH server presents
// a host key (for the connection's id): "SSH Tunnel Connection" fails with
// the key in details, before any other test; a PATCH that runs the tests
// with trust_fingerprints passes and approves it. A host presenting a
// certificate reaches every connection whose config names it, and a create
// with trust_certificates approves it for the new connection.
func TestPresentedFingerprintSetupTests(t *testing.T) {
	emu, c := startPx(t, nil)
	gid, cid := c.certGroup("pg")
	if err := emu.PresentFingerprint(cid, "fp_hash", sshKey); err != nil {
		t.Fatal(err)
	}
	r := c.do("POST", "/connections/"+cid+"/test", map[string]any{}, 200, "Success").data()
	tests := setupTests(t, r)
	want := map[string]any{"title": "SSH Tunnel Connection", "status": "FAILED", "message": "The ssh key might have changed",
		"details": map[string]any{"hash": "fp_hash", "public_key": sshKey, "type": "ssh-rsa", "name": "fivetran user key"}}
	if status, _ := r["status"].(map[string]any); len(tests) != 1 || fmt.Sprint(tests[0]) != fmt.Sprint(want) || status["setup_state"] != "broken" {
		t.Fatalf("tests %v", tests)
	}
	// A PATCH with run_setup_tests and trust_fingerprints passes, and the
	// key is approved.
	r = c.do("PATCH", "/connections/"+cid, map[string]any{"sync_frequency": 60, "run_setup_tests": true, "trust_fingerprints": true}, 200, "Success").data()
	if got := titles(setupTests(t, r)); fmt.Sprint(got) != "[SSH Tunnel Connection:PASSED Connecting to API:PASSED Validating credentials:PASSED]" {
		t.Fatalf("trusted: %v", got)
	}
	c.do("GET", "/connections/"+cid+"/fingerprints/fp_hash", nil, 200, "Success")
	// A PATCH that runs no tests approves nothing.
	if err := emu.PresentFingerprint(cid, "", sshKey+" 2"); err != nil {
		t.Fatal(err)
	}
	c.do("PATCH", "/connections/"+cid, map[string]any{"sync_frequency": 120, "trust_fingerprints": true}, 200, "Success")
	if fps, _ := emu.Fingerprints("connection", cid); len(fps) != 1 {
		t.Fatalf("fingerprints %v", fps)
	}
	emu.StopPresenting(cid)

	// A host presents a certificate to every connection that names it.
	ec := newTestCert(t, "db.example.com", false)
	if err := emu.PresentCertificate("DB.example.com", "", ec.b64); err != nil {
		t.Fatal(err)
	}
	r = c.do("POST", "/connections/"+cid+"/test", map[string]any{}, 200, "Success").data()
	if got := titles(setupTests(t, r)); fmt.Sprint(got) != "[Validate Certificate:FAILED]" {
		t.Fatalf("the host's certificate: %v", got)
	}
	body := map[string]any{"group_id": gid, "service": "postgres", "trust_certificates": true,
		"config": map[string]any{"schema_prefix": "pg_new", "host": "db.example.com", "port": 5432}}
	d := c.do("POST", "/connections", body, 201, "Success").data()
	newID := jsonString(t, d["id"])
	if got := titles(setupTests(t, d)); fmt.Sprint(got) != "[Connecting to API:PASSED Validate Certificate:PASSED Validating credentials:PASSED]" {
		t.Fatalf("a create that trusts: %v", got)
	}
	if d := c.do("GET", "/connections/"+newID+"/certificates/"+certID(ec.hash()), nil, 200, "Success").data(); d["validated_by"] != ownerName {
		t.Fatalf("the create's approval: %v", d)
	}
	if certs, _ := emu.Certificates("connection", cid); len(certs) != 0 {
		t.Fatalf("another connection's run approved for this one: %v", certs)
	}
	// A connection of another host is not concerned.
	other := map[string]any{"group_id": gid, "service": "postgres",
		"config": map[string]any{"schema_prefix": "pg_other", "host": "other.example.com", "port": 5432}}
	if got := titles(setupTests(t, c.do("POST", "/connections", other, 201, "Success").data())); slices.Contains(got, "Validate Certificate:FAILED") {
		t.Fatalf("another host: %v", got)
	}
	// A failure told to the tests comes first, and approves nothing.
	c3 := jsonString(t, c.do("POST", "/connections", with(body, "run_setup_tests", false, "config",
		map[string]any{"schema_prefix": "pg_3", "host": "db.example.com"}), 201, "Success").data()["id"])
	emu.FailSetupTests(c3, "", "")
	r = c.do("POST", "/connections/"+c3+"/test", map[string]any{"trust_certificates": true}, 200, "Success").data()
	if got := titles(setupTests(t, r)); fmt.Sprint(got) != "[Validating credentials:FAILED]" {
		t.Fatalf("a failure told: %v", got)
	}
	if certs, _ := emu.Certificates("connection", c3); len(certs) != 0 {
		t.Fatalf("a run that failed before the certificate approved it: %v", certs)
	}

	if err := emu.PresentCertificate("", "h", "c"); err == nil {
		t.Error("PresentCertificate without a target")
	}
	if err := emu.PresentFingerprint("x", "h", ""); err == nil {
		t.Error("PresentFingerprint without a key")
	}
}

// TestApprovalsLag: under ListLag a new approval is listed only after the
// lag, a revoked one still for the lag; GET by hash is current.
func TestApprovalsLag(t *testing.T) {
	clock := newPxClock()
	_, c := startPx(t, func(o *emulator.Options) { o.ListLag = 5 * time.Second; o.Now = clock.Now })
	_, cid := c.certGroup("pg")
	c.do("POST", "/connections/"+cid+"/certificates", map[string]any{"hash": "h", "encoded_cert": "c"}, 201, "Success")
	list := func() []string {
		return ids(t, c.do("GET", "/connections/"+cid+"/certificates", nil, 200, "Success").items(), "hash")
	}
	if got := list(); len(got) != 0 {
		t.Fatalf("listed at once: %v", got)
	}
	c.do("GET", "/connections/"+cid+"/certificates/h", nil, 200, "Success")
	clock.advance(6 * time.Second)
	if got := list(); fmt.Sprint(got) != "[h]" {
		t.Fatalf("after the lag: %v", got)
	}
	c.do("DELETE", "/connections/"+cid+"/certificates/h", nil, 200, "Success")
	c.do("GET", "/connections/"+cid+"/certificates/h", nil, 404, "NotFound")
	if got := list(); fmt.Sprint(got) != "[h]" {
		t.Fatalf("revoked, within the lag: %v", got)
	}
	clock.advance(6 * time.Second)
	if got := list(); len(got) != 0 {
		t.Fatalf("revoked, after the lag: %v", got)
	}
}

// TestApprovalsGoWithTheirObject: deleting a connection or a destination
// (also with its group) deletes its approvals, which a new destination of
// the same group, with the same id, does not inherit, even in lists that
// lag; the other object's stay.
func TestApprovalsGoWithTheirObject(t *testing.T) {
	clock := newPxClock()
	emu, c := startPx(t, func(o *emulator.Options) { o.ListLag = 5 * time.Second; o.Now = clock.Now })
	gid, cid := c.certGroup("pg")
	c.do("POST", "/connections/"+cid+"/certificates", map[string]any{"hash": "c", "encoded_cert": "x"}, 201, "Success")
	c.do("POST", "/destinations/"+gid+"/fingerprints", map[string]any{"hash": "d", "public_key": "k"}, 201, "Success")
	c.do("POST", "/destinations/"+gid+"/certificates", map[string]any{"hash": "d", "encoded_cert": "x"}, 201, "Success")
	clock.advance(6 * time.Second)
	c.do("DELETE", "/connections/"+cid, nil, 200, "Success")
	if certs, _ := emu.Certificates("connection", cid); len(certs) != 0 {
		t.Fatalf("the deleted connection's certificates: %v", certs)
	}
	if fps, _ := emu.Fingerprints("destination", gid); len(fps) != 1 {
		t.Fatalf("the destination's fingerprints went with the connection: %v", fps)
	}
	clock.advance(6 * time.Second)
	c.do("DELETE", "/destinations/"+gid, nil, 200, "Success")
	c.do("POST", "/destinations", map[string]any{"group_id": gid, "service": "postgres_warehouse", "time_zone_offset": "0",
		"run_setup_tests": false, "config": map[string]any{"host": "h", "port": 5432}}, 201, "Success")
	clock.advance(6 * time.Second)
	if got := c.do("GET", "/destinations/"+gid+"/fingerprints", nil, 200, "Success").items(); len(got) != 0 {
		t.Fatalf("the new destination inherited %v", got)
	}
	c.do("GET", "/destinations/"+gid+"/certificates/d", nil, 404, "NotFound")

	// A group's delete takes its destination's approvals.
	g2, c2 := c.certGroup("pg2")
	c.do("POST", "/destinations/"+g2+"/certificates", map[string]any{"hash": "d", "encoded_cert": "x"}, 201, "Success")
	c.do("DELETE", "/connections/"+c2, nil, 200, "Success")
	clock.advance(6 * time.Second)
	c.do("DELETE", "/groups/"+g2, nil, 200, "Success")
	if certs, _ := emu.Certificates("destination", g2); len(certs) != 0 {
		t.Fatalf("the deleted group's destination's certificates: %v", certs)
	}
	// So does a delete out of band.
	_, c3 := c.certGroup("pg3")
	if _, err := emu.ApproveFingerprint("connection", c3, "f", "k"); err != nil {
		t.Fatal(err)
	}
	if err := emu.Delete("connection", c3); err != nil {
		t.Fatal(err)
	}
	if fps, _ := emu.Fingerprints("connection", c3); len(fps) != 0 {
		t.Fatalf("Delete kept %v", fps)
	}
}

// TestApprovalsOutOfBandPersistAndReset: ApproveCertificate,
// ApproveFingerprint, RevokeCertificate and RevokeFingerprint (with the
// routes' rules); approvals, encoded certificates and what servers present
// survive a restart; Reset forgets them all.
func TestApprovalsOutOfBandPersistAndReset(t *testing.T) {
	statePath := filepath.Join(t.TempDir(), "state.json")
	opts := func(o *emulator.Options) { o.StatePath = statePath }
	emu, c := startPx(t, opts)
	gid, cid := c.certGroup("pg")
	ec := newTestCert(t, "db.example.com", false)
	d, err := emu.ApproveCertificate("destination", gid, ec.hash(), ec.b64)
	if err != nil || d["name"] != `CN=db.example.com, O="Example, Inc.", C=US` || d["validated_by"] != ownerName {
		t.Fatalf("%v %v", d, err)
	}
	if _, err := emu.ApproveFingerprint("connection", cid, "f", sshKey); err != nil {
		t.Fatal(err)
	}
	var apiErr *emulator.APIError
	if _, err := emu.ApproveFingerprint("connection", "no_such", "f", sshKey); !errors.As(err, &apiErr) || apiErr.Code != "NotFound_Connector" {
		t.Fatalf("an unknown connection: %v", err)
	}
	if _, err := emu.ApproveCertificate("destination", gid, "", ec.b64); !errors.As(err, &apiErr) || apiErr.Status != 400 {
		t.Fatalf("no hash: %v", err)
	}
	if _, err := emu.ApproveCertificate("group", gid, "h", ec.b64); err == nil {
		t.Fatal("a group's approval")
	}
	if err := emu.PresentCertificate(cid, "", ec.b64); err != nil {
		t.Fatal(err)
	}
	if err := emu.PresentFingerprint("bastion.example.com", "", sshKey); err != nil {
		t.Fatal(err)
	}
	beforeCerts, _ := emu.Certificates("destination", gid)
	emu.Close()

	emu2, c2 := startPx(t, opts)
	if after, _ := emu2.Certificates("destination", gid); fmt.Sprint(after) != fmt.Sprint(beforeCerts) || len(after) != 1 {
		t.Fatalf("after a restart: %v, want %v", after, beforeCerts)
	}
	if s, _ := emu2.EncodedCertificate("destination", gid, ec.hash()); s != ec.b64 {
		t.Fatal("the encoded certificate after a restart")
	}
	c2.do("GET", "/connections/"+cid+"/fingerprints/f", nil, 200, "Success")
	r := c2.do("POST", "/connections/"+cid+"/test", map[string]any{}, 200, "Success").data()
	if got := titles(setupTests(t, r)); fmt.Sprint(got) != "[Validate Certificate:FAILED]" {
		t.Fatalf("what was presented was forgotten: %v", got)
	}
	// A change made in the dashboard: a revoke, at once, lists too.
	if err := emu2.RevokeFingerprint("connection", cid, "f"); err != nil {
		t.Fatal(err)
	}
	if err := emu2.RevokeFingerprint("connection", cid, "f"); err == nil {
		t.Fatal("revoked twice")
	}
	if got := c2.do("GET", "/connections/"+cid+"/fingerprints", nil, 200, "Success").items(); len(got) != 0 {
		t.Fatalf("listed after the revoke: %v", got)
	}
	if err := emu2.RevokeCertificate("destination", gid, base64.RawURLEncoding.EncodeToString([]byte(ec.hash()))); err != nil {
		t.Fatal(err) // found by its id too
	}

	if _, err := emu2.ApproveFingerprint("destination", gid, "f", sshKey); err != nil {
		t.Fatal(err)
	}
	emu2.Reset()
	if err := emu2.Save(); err != nil {
		t.Fatal(err)
	}
	state, err := os.ReadFile(statePath)
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{`"certificates"`, `"fingerprints"`, `"presented_certificates"`, `"presented_fingerprints"`} {
		if strings.Contains(string(state), k) {
			t.Errorf("the state file after Reset still holds %s", k)
		}
	}
}

// TestApprovalFaultsAndLimits: injected faults and rate limits apply to
// the new routes as to any other: a fault in front of the API approves
// nothing, one after the commit loses the answer of an approval that
// happened; a route's limit answers 429.
func TestApprovalFaultsAndLimits(t *testing.T) {
	emu, c := startPx(t, nil)
	_, cid := c.certGroup("pg")
	route := "POST /v1/connections/{id}/certificates"
	body := map[string]any{"hash": "h", "encoded_cert": "x"}
	emu.InjectNext(emulator.Fault503, 1, http.MethodPost, route)
	c.do("POST", "/connections/"+cid+"/certificates", body, 503, "")
	if certs, _ := emu.Certificates("connection", cid); len(certs) != 0 {
		t.Fatalf("a refused approval approved %v", certs)
	}
	emu.InjectNext(emulator.Fault502AfterCommit, 1, http.MethodPost, route)
	c.do("POST", "/connections/"+cid+"/certificates", body, 502, "")
	c.do("GET", "/connections/"+cid+"/certificates/h", nil, 200, "Success")
	c.do("POST", "/connections/"+cid+"/certificates", body, 201, "Success") // the repeat finds it approved

	emu.SetRateLimit("GET /v1/connections/{id}/fingerprints", 1, time.Minute)
	c.do("GET", "/connections/"+cid+"/fingerprints", nil, 200, "Success")
	c.do("GET", "/connections/"+cid+"/fingerprints", nil, 429, "TooManyRequests")
	if n := emu.StatusCounts(429)["GET /v1/connections/{id}/fingerprints"]; n != 1 {
		t.Fatalf("429s counted: %d", n)
	}
	if n := emu.Counts()[route]; n != 3 {
		t.Fatalf("the request log's count of approvals: %d", n)
	}
	c.do("PATCH", "/connections/"+cid+"/certificates/h", map[string]any{}, 405, "MethodNotAllowed")
}
