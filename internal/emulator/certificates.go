package emulator

import (
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"crypto/sha1" //nolint:gosec // G505: Fivetran shows a certificate's SHA-1 fingerprint; it identifies, it does not protect
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/hex"
	"encoding/pem"
	"fmt"
	"math/big"
	"net/http"
	"slices"
	"strings"
)

// Certificates and fingerprints (API.md, "Certificates and fingerprints"):
// the TLS certificates and SSH host keys a user has approved for one
// connection or destination, so that its setup tests and syncs trust a
// server that presents them.
//
//   - POST /v1/{connections|destinations}/{id}/certificates {hash,
//     encoded_cert} approves a certificate and answers 201 (go-fivetran's
//     end-to-end tests, which passed against the live API, expect 201; the
//     spec says 200) with the approval as a GET shows it: {id, name, hash,
//     type, sha1, sha256, public_key, validated_date, validated_by}. What
//     Fivetran computes comes from the certificate when encoded_cert is a
//     base64 (or PEM) X.509 certificate: name its subject, sha1 and sha256
//     the hex digests of its DER, public_key a description of its key.
//     Anything else is accepted too, with empty name and public_key and the
//     digests of the bytes it decodes to (of the string itself when it is
//     not base64): an assumption, nothing recorded sent a string that is
//     not a certificate. Options.StrictCertificates refuses it (400). type
//     is "TLS", the spec's example. encoded_cert is kept, never answered.
//   - POST .../fingerprints {hash, public_key} approves an SSH host key and
//     answers 201 (recorded, with the dummy hash and key the live test sent)
//     with {id, hash, public_key, validated_date, validated_by}.
//   - validated_by is the full name of the user whose key made the request,
//     the owner (recorded: "<given name> <family name>"; the spec says a
//     user id); validated_date the time of the approval. id is the hash in
//     unpadded base64url, as the spec describes it.
//   - The hash is what the client sends, never checked against the
//     certificate or key: Fivetran's setup test hands it to the client
//     (Fivetran's documentation shows it to be the base64 of the
//     certificate's SHA-256 digest, which CertificateHash computes).
//     Approving a hash again answers 201 with the approval unchanged when
//     the certificate or key is the same, and records a new approval of
//     the new one otherwise (assumption).
//   - GET .../certificates and .../fingerprints list the approvals
//     (paginated, lagging writes like every list); GET and DELETE
//     .../{hash} read and revoke one, found by its hash or its id (the
//     spec's path names the id, the official clients send the hash). A
//     hash that is not approved answers 404 with the plain code NotFound
//     (assumption); an unknown connection or destination its own code. A
//     missing or empty hash, encoded_cert or public_key is 400 naming it.
//   - POST /v1/certificates {hash, encoded_cert, connection_id |
//     destination_id} is the older, account-level form of the approval
//     (connector_id, the name recorded live before the renaming, stands for
//     connection_id): exactly one object must be named (400), and the
//     answer is 200 with a message and no data, as the spec has it.
//   - A source or destination presents a certificate or a host key to the
//     setup tests after PresentCertificate or PresentFingerprint, for an
//     object's id or for the host its config names (host for certificates,
//     tunnel_host for fingerprints). A run of the setup tests then passes
//     "SSH Tunnel Connection" and "Validate Certificate" when the hash
//     presented is approved for the object, or when the request says
//     trust_fingerprints or trust_certificates true, which approves it (the
//     spec: Fivetran trusts it on the user's behalf). Otherwise the test
//     fails, its details holding what the server presented (Fivetran's
//     documentation: a certificate's hash, name, public_key, encoded_cert,
//     sha1 and sha256 in a list; a host key's hash, public_key, type and
//     name in an object), and the object is broken. Nothing presented,
//     nothing changes.
//   - Deleting a connection or destination deletes its approvals.

const (
	certificateKind = "certificate"
	fingerprintKind = "fingerprint"

	ownerConnection  = "connection"
	ownerDestination = "destination"

	// certificateType is the type of every certificate: the spec's example
	// (nothing recorded shows another).
	certificateType = "TLS"
)

// trustArea is one of the two kinds of approval.
type trustArea struct {
	kind    string // certificateKind or fingerprintKind
	field   string // the body field beside hash
	hostKey string // the config key naming the server that presents it
	title   string // the setup test that checks it
	message string // that test's message when it fails
}

var (
	certificateArea = &trustArea{kind: certificateKind, field: "encoded_cert", hostKey: "host",
		title: "Validate Certificate", message: "No trust anchors for this connection"}
	fingerprintArea = &trustArea{kind: fingerprintKind, field: "public_key", hostKey: "tunnel_host",
		title: "SSH Tunnel Connection", message: "The ssh key might have changed"}
)

// presented is what a server shows the setup tests: a hash and the
// certificate (base64) or the public key it stands for.
type presented struct {
	Hash  string `json:"hash"`
	Value string `json:"value"`
}

func (e *Emulator) trustTable(a *trustArea) map[string]*object {
	if a.kind == certificateKind {
		return e.st.Certificates
	}
	return e.st.Fingerprints
}

func (e *Emulator) presentedTable(a *trustArea) map[string]presented {
	if a.kind == certificateKind {
		return e.st.PresentedCertificates
	}
	return e.st.PresentedFingerprints
}

// approvalKey is the key of an approval in its table.
func approvalKey(owner, id, hash string) string { return owner + "|" + id + "|" + hash }

// approvalID is the id the spec gives an approval: its hash in unpadded
// base64url.
func approvalID(hash string) string { return base64.RawURLEncoding.EncodeToString([]byte(hash)) }

func ownsApproval(o *object, owner, id string) bool {
	return str(o.Internal["owner"]) == owner && str(o.Internal["owner_id"]) == id
}

// routeOwner is the kind of object a route of approvals belongs to.
func routeOwner(q *request) string {
	if strings.Contains(q.route, " /v1/destinations/") {
		return ownerDestination
	}
	return ownerConnection
}

// ownerNotFound answers 404 with the code of the object's kind when the
// connection or destination does not exist, else nil. Call with e.mu held.
func (e *Emulator) ownerNotFound(owner, id string) *response {
	if owner == ownerDestination {
		if e.st.Destinations[id] == nil {
			return e.destinationNotFound(id)
		}
		return nil
	}
	if e.st.Connections[id] == nil {
		return e.connectionNotFound(id)
	}
	return nil
}

// approverName is what validated_by says: the full name of the user whose
// API key makes the requests (the account's owner), or its id when the
// owner has no name. Call with e.mu held.
func (e *Emulator) approverName() string {
	if u := e.st.Users[e.ownerID()]; u != nil {
		if name := strings.TrimSpace(str(u.Data["given_name"]) + " " + str(u.Data["family_name"])); name != "" {
			return name
		}
	}
	return e.opts.UserID
}

// ---------------------------------------------------------------------------
// What Fivetran reads from a certificate and a key

// certFacts are the fields Fivetran computes from a certificate.
type certFacts struct {
	name, publicKey, sha1, sha256, hash string
	parsed                              bool // encoded_cert was an X.509 certificate
}

// certificateBytes decodes encoded_cert: base64 of the DER (whitespace
// allowed, padding optional), a PEM block, or base64 of a PEM block. ok is
// false when it is neither base64 nor PEM; then raw is the string's own
// bytes.
func certificateBytes(encoded string) (raw []byte, ok bool) {
	s := strings.TrimSpace(encoded)
	if block, _ := pem.Decode([]byte(s)); block != nil {
		return block.Bytes, true
	}
	compact := strings.Join(strings.Fields(s), "")
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding} {
		if b, err := enc.DecodeString(compact); err == nil && len(b) > 0 {
			if block, _ := pem.Decode(b); block != nil {
				return block.Bytes, true
			}
			return b, true
		}
	}
	return []byte(encoded), false
}

// readCertificate computes what Fivetran shows of a certificate.
func readCertificate(encoded string) certFacts {
	raw, _ := certificateBytes(encoded)
	s1 := sha1.Sum(raw) //nolint:gosec // G401: the SHA-1 fingerprint Fivetran shows, not a protection
	s256 := sha256.Sum256(raw)
	f := certFacts{sha1: hex.EncodeToString(s1[:]), sha256: hex.EncodeToString(s256[:]),
		hash: base64.StdEncoding.EncodeToString(s256[:])}
	cert, err := x509.ParseCertificate(raw)
	if err != nil {
		return f
	}
	f.parsed = true
	f.name = distinguishedName(cert.Subject)
	f.publicKey = describePublicKey(cert)
	return f
}

// CertificateHash returns the hash Fivetran gives a certificate (base64 or
// PEM, as encoded_cert takes it): the base64 of the SHA-256 digest of its
// DER. For a string that is neither, the digest is of its bytes.
func CertificateHash(encodedCert string) string { return readCertificate(encodedCert).hash }

// FingerprintHash returns the hash the emulator gives an SSH public key in
// the authorized_keys form ("ssh-rsa AAAA... comment"): the base64 of the
// SHA-256 digest of the key's blob (or of the whole string when it has no
// base64 blob), padded like a certificate's.
func FingerprintHash(publicKey string) string {
	data := []byte(publicKey)
	if f := strings.Fields(publicKey); len(f) >= 2 {
		if blob, err := base64.StdEncoding.DecodeString(f[1]); err == nil {
			data = blob
		}
	}
	sum := sha256.Sum256(data)
	return base64.StdEncoding.EncodeToString(sum[:])
}

// dnNames are the short names of the attributes of a distinguished name.
var dnNames = map[string]string{
	"2.5.4.3": "CN", "2.5.4.11": "OU", "2.5.4.10": "O", "2.5.4.7": "L", "2.5.4.8": "ST", "2.5.4.6": "C",
	"2.5.4.9": "STREET", "2.5.4.5": "SERIALNUMBER", "0.9.2342.19200300.100.1.25": "DC",
	"0.9.2342.19200300.100.1.1": "UID", "1.2.840.113549.1.9.1": "EMAILADDRESS",
}

// distinguishedName renders a subject the way Fivetran's documentation
// shows a certificate's name: the most specific attribute first, ", "
// between them, a value with a special character in quotes
// (CN=Amazon RDS Root CA, OU=Amazon RDS, O="Amazon Web Services, Inc.", C=US).
func distinguishedName(n pkix.Name) string {
	seq := n.ToRDNSequence()
	parts := make([]string, 0, len(seq))
	for i := len(seq) - 1; i >= 0; i-- {
		var attrs []string
		for _, atv := range seq[i] {
			key := dnNames[atv.Type.String()]
			if key == "" {
				key = "OID." + atv.Type.String()
			}
			attrs = append(attrs, key+"="+dnValue(fmt.Sprint(atv.Value)))
		}
		parts = append(parts, strings.Join(attrs, " + "))
	}
	return strings.Join(parts, ", ")
}

func dnValue(v string) string {
	if v == "" || strings.ContainsAny(v, `,+=<>#;"\`) || strings.TrimSpace(v) != v {
		return `"` + strings.ReplaceAll(strings.ReplaceAll(v, `\`, `\\`), `"`, `\"`) + `"`
	}
	return v
}

// curveNames are the names of the curves of EC keys.
var curveNames = map[string]string{"P-256": "secp256r1", "P-384": "secp384r1", "P-521": "secp521r1", "P-224": "secp224r1"}

// describePublicKey describes a certificate's key as the spec's example
// does ("Sun RSA public key, 2048 bits ... modulus: ... public exponent:
// 65537"), one line per part.
func describePublicKey(cert *x509.Certificate) string {
	switch k := cert.PublicKey.(type) {
	case *rsa.PublicKey:
		return fmt.Sprintf("Sun RSA public key, %d bits\n  params: null\n  modulus: %s\n  public exponent: %d", k.N.BitLen(), k.N, k.E)
	case *ecdsa.PublicKey:
		params := k.Params()
		point, err := k.Bytes()
		size := (params.BitSize + 7) / 8
		if err != nil || len(point) != 1+2*size {
			return fmt.Sprintf("Sun EC public key, %d bits", params.BitSize)
		}
		x, y := new(big.Int).SetBytes(point[1:1+size]), new(big.Int).SetBytes(point[1+size:])
		curve := curveNames[params.Name]
		if curve == "" {
			curve = params.Name
		}
		return fmt.Sprintf("Sun EC public key, %d bits\n  public x coord: %s\n  public y coord: %s\n  parameters: %s", params.BitSize, x, y, curve)
	case ed25519.PublicKey:
		return "Ed25519 public key, 255 bits\n  key: " + hex.EncodeToString(k)
	}
	return cert.PublicKeyAlgorithm.String() + " public key"
}

// sshKeyParts splits a public key in the authorized_keys form into its
// type ("ssh-rsa") and its comment, the name Fivetran shows.
func sshKeyParts(publicKey string) (typ, name string) {
	f := strings.Fields(publicKey)
	if len(f) < 2 {
		return "", ""
	}
	return f[0], strings.Join(f[2:], " ")
}

// ---------------------------------------------------------------------------
// Approvals

// parseApproval reads the hash and the certificate or key of an approval.
func parseApproval(a *trustArea, b map[string]any) (hash, value string, err *APIError) {
	out := make([]string, 0, 2)
	for _, f := range []string{"hash", a.field} {
		v := b[f]
		s, isString := v.(string)
		switch {
		case v == nil:
			return "", "", invalid("Field '%s' is required", f)
		case !isString:
			return "", "", invalid("Field '%s' must be a string", f)
		case strings.TrimSpace(s) == "":
			return "", "", invalid("Field '%s' cannot be empty", f)
		}
		out = append(out, s)
	}
	return out[0], out[1], nil
}

// checkApprovalValue refuses, under Options.StrictCertificates, an
// encoded_cert that is not an X.509 certificate.
func (e *Emulator) checkApprovalValue(a *trustArea, value string) *APIError {
	if a.kind == certificateKind && e.opts.StrictCertificates && !readCertificate(value).parsed {
		return invalid("Field 'encoded_cert' is not a base64-encoded X.509 certificate")
	}
	return nil
}

// approve records the approval of hash, with the certificate or key value,
// for the owner's object id, which exists, and returns it: the approval
// already there when it holds the same value, else a new one. The caller
// commits. Call with e.mu held.
func (e *Emulator) approve(a *trustArea, owner, id, hash, value string) *object {
	t := e.trustTable(a)
	key := approvalKey(owner, id, hash)
	old := t[key]
	if old != nil && str(old.Internal[a.field]) == value {
		return old
	}
	data := map[string]any{"id": approvalID(hash), "hash": hash,
		"validated_date": e.clock().Format(timeLayout), "validated_by": e.approverName()}
	if a.kind == certificateKind {
		f := readCertificate(value)
		data["name"], data["type"], data["sha1"], data["sha256"], data["public_key"] = f.name, certificateType, f.sha1, f.sha256, f.publicKey
	} else {
		data["public_key"] = value
	}
	o := &object{Data: data, Internal: map[string]any{"owner": owner, "owner_id": id, a.field: value}}
	if old != nil {
		o.Seq = old.Seq // a new approval of the same hash keeps its place in the list
	} else {
		o.Seq = e.nextSeq()
		e.lagList(a.kind, key)
	}
	t[key] = o
	return o
}

// findApproval returns the owner's approval that ref names, by its hash or
// by its id, with its key. Call with e.mu held.
func (e *Emulator) findApproval(a *trustArea, owner, id, ref string) (string, *object) {
	t := e.trustTable(a)
	if o := t[approvalKey(owner, id, ref)]; o != nil {
		return approvalKey(owner, id, ref), o
	}
	for _, o := range sorted(t) {
		if ownsApproval(o, owner, id) && o.Data["id"] == ref {
			return approvalKey(owner, id, str(o.Data["hash"])), o
		}
	}
	return "", nil
}

// dropApprovals deletes the approvals of a connection or destination being
// deleted, at once: nothing can list them any more (a destination's id,
// its group's, may come back with a new destination). Call with e.mu held.
func (e *Emulator) dropApprovals(owner, id string) {
	for _, a := range []*trustArea{certificateArea, fingerprintArea} {
		t := e.trustTable(a)
		for key, o := range t {
			if ownsApproval(o, owner, id) {
				delete(t, key)
				delete(e.visibleAt, a.kind+"/"+key)
			}
		}
		e.ghosts = slices.DeleteFunc(e.ghosts, func(g ghost) bool { return g.kind == a.kind && ownsApproval(g.o, owner, id) })
	}
}

func (e *Emulator) approvalNotFound(a *trustArea, owner, id, ref string) *response {
	noun := "Certificate"
	if a.kind == fingerprintKind {
		noun = "Fingerprint"
	}
	return errResp(apiErr(http.StatusNotFound, "NotFound", "%s with hash '%s' is not approved for %s with id '%s'.", noun, ref, owner, id))
}

// ---------------------------------------------------------------------------
// Setup tests

// presentedFor returns what the server of an object presents: what was
// presented for the object's id, else for the host its config names.
// Call with e.mu held.
func (e *Emulator) presentedFor(a *trustArea, id string, config map[string]any) (presented, bool) {
	m := e.presentedTable(a)
	if p, found := m[id]; found {
		return p, true
	}
	if host, _ := config[a.hostKey].(string); strings.TrimSpace(host) != "" {
		p, found := m[presentTarget(host)]
		return p, found
	}
	return presented{}, false
}

// trustTest runs the setup test of one kind of approval for the owner's
// object id: nil when its server presents nothing; PASSED when the hash
// presented is approved for the object, or when flags (the request's)
// trust it, which approves it; FAILED otherwise, with what was presented
// in details. Call with e.mu held.
func (e *Emulator) trustTest(a *trustArea, owner, id string, config, flags map[string]any) (result map[string]any, passed bool) {
	p, found := e.presentedFor(a, id, config)
	if !found {
		return nil, true
	}
	if _, o := e.findApproval(a, owner, id, p.Hash); o != nil && o.Data["hash"] == p.Hash {
		return map[string]any{"title": a.title, "status": "PASSED", "message": ""}, true
	}
	if flags["trust_"+a.kind+"s"] == true {
		e.approve(a, owner, id, p.Hash, p.Value)
		return map[string]any{"title": a.title, "status": "PASSED", "message": ""}, true
	}
	var details any
	if a.kind == certificateKind {
		f := readCertificate(p.Value)
		details = []any{map[string]any{"hash": p.Hash, "name": f.name, "public_key": f.publicKey,
			"encoded_cert": p.Value, "sha1": f.sha1, "sha256": f.sha256}}
	} else {
		typ, name := sshKeyParts(p.Value)
		details = map[string]any{"hash": p.Hash, "public_key": p.Value, "type": typ, "name": name}
	}
	return map[string]any{"title": a.title, "status": "FAILED", "message": a.message, "details": details}, false
}

// ---------------------------------------------------------------------------
// Handlers

// trustRoutes registers the routes of approvals.
func trustRoutes(add func(string, handlerFunc)) {
	for _, owner := range []string{"/v1/connections/{id}/", "/v1/destinations/{id}/"} {
		for _, a := range []*trustArea{certificateArea, fingerprintArea} {
			base := owner + a.kind + "s"
			add("GET "+base, func(e *Emulator, q *request) *response { return e.listApprovals(q, a) })
			add("POST "+base, func(e *Emulator, q *request) *response { return e.approveH(q, a) })
			add("GET "+base+"/{hash}", func(e *Emulator, q *request) *response { return e.getApproval(q, a) })
			add("DELETE "+base+"/{hash}", func(e *Emulator, q *request) *response { return e.revokeApproval(q, a) })
		}
	}
	add("POST /v1/certificates", (*Emulator).approveCertificateAccount)
}

// renderApproval is an approval as every answer shows it (encoded_cert,
// which it keeps, never).
func renderApproval(o *object) map[string]any { return copyMap(o.Data) }

func (e *Emulator) listApprovals(q *request, a *trustArea) *response {
	p, perr := e.parsePage(q.r)
	if perr != nil {
		return errResp(perr)
	}
	owner, id := routeOwner(q), q.r.PathValue("id")
	e.mu.Lock()
	defer e.mu.Unlock()
	if nf := e.ownerNotFound(owner, id); nf != nil {
		return nf
	}
	items := []any{}
	for _, o := range e.listed(a.kind, e.trustTable(a)) {
		if ownsApproval(o, owner, id) {
			items = append(items, renderApproval(o))
		}
	}
	return ok(http.StatusOK, capitalize(owner)+" "+a.kind+"s retrieved successfully", paginate(items, p))
}

func (e *Emulator) approveH(q *request, a *trustArea) *response {
	owner, id := routeOwner(q), q.r.PathValue("id")
	hash, value, err := parseApproval(a, bodyOf(q))
	e.mu.Lock()
	defer e.mu.Unlock()
	if nf := e.ownerNotFound(owner, id); nf != nil {
		return nf
	}
	if err != nil {
		return errResp(err)
	}
	if err := e.checkApprovalValue(a, value); err != nil {
		return errResp(err)
	}
	o := e.approve(a, owner, id, hash, value)
	e.commit()
	return ok(http.StatusCreated, "The "+a.kind+" has been approved.", renderApproval(o))
}

func (e *Emulator) getApproval(q *request, a *trustArea) *response {
	owner, id, ref := routeOwner(q), q.r.PathValue("id"), q.r.PathValue("hash")
	e.mu.Lock()
	defer e.mu.Unlock()
	if nf := e.ownerNotFound(owner, id); nf != nil {
		return nf
	}
	_, o := e.findApproval(a, owner, id, ref)
	if o == nil {
		return e.approvalNotFound(a, owner, id, ref)
	}
	return ok(http.StatusOK, capitalize(owner)+" "+a.kind+" details retrieved successfully", renderApproval(o))
}

func (e *Emulator) revokeApproval(q *request, a *trustArea) *response {
	owner, id, ref := routeOwner(q), q.r.PathValue("id"), q.r.PathValue("hash")
	e.mu.Lock()
	defer e.mu.Unlock()
	if nf := e.ownerNotFound(owner, id); nf != nil {
		return nf
	}
	key, o := e.findApproval(a, owner, id, ref)
	if o == nil {
		return e.approvalNotFound(a, owner, id, ref)
	}
	e.remove(a.kind, e.trustTable(a), key)
	e.commit()
	hash := str(o.Data["hash"])
	// The spec's four messages, as it words them.
	var msg string
	switch {
	case a.kind == certificateKind:
		msg = fmt.Sprintf("Certificate '%s' has been revoked for %s '%s'", hash, owner, id)
	case owner == ownerConnection:
		msg = fmt.Sprintf("Fingerprint with hash '%s' has been revoked for connection with id '%s'", hash, id)
	default:
		msg = fmt.Sprintf("Fingerprint with hash = '%s' has been revoked for destination id = '%s'", hash, id)
	}
	return ok(http.StatusOK, msg, nil)
}

// approveCertificateAccount is POST /v1/certificates: an approval for the
// connection or destination the body names.
func (e *Emulator) approveCertificateAccount(q *request) *response {
	b := bodyOf(q)
	var owner, id string
	for _, f := range []struct{ field, owner string }{
		{"connection_id", ownerConnection}, {"connector_id", ownerConnection}, {"destination_id", ownerDestination},
	} {
		v, present := b[f.field]
		if !present || v == nil {
			continue
		}
		s, isString := v.(string)
		if !isString || strings.TrimSpace(s) == "" {
			return invalidResp("Field '%s' must be a non-empty string", f.field)
		}
		if id != "" {
			return invalidResp("Only one of 'connection_id' and 'destination_id' may be set")
		}
		owner, id = f.owner, s
	}
	if id == "" {
		return invalidResp("Field 'connection_id' or 'destination_id' is required")
	}
	hash, value, err := parseApproval(certificateArea, b)
	if err != nil {
		return errResp(err)
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if nf := e.ownerNotFound(owner, id); nf != nil {
		return nf
	}
	if err := e.checkApprovalValue(certificateArea, value); err != nil {
		return errResp(err)
	}
	e.approve(certificateArea, owner, id, hash, value)
	e.commit()
	return ok(http.StatusOK, "The certificate has been approved.", nil)
}

// ---------------------------------------------------------------------------
// Out of band

// approvalOwner checks the kind an out-of-band helper names: "connection"
// (or "connector") or "destination".
func approvalOwner(kind string) (string, error) {
	switch kind {
	case "connection", "connections", "connector", "connectors":
		return ownerConnection, nil
	case "destination", "destinations":
		return ownerDestination, nil
	}
	return "", fmt.Errorf("emulator: approvals belong to a connection or a destination, not a %q", kind)
}

// presentTarget normalizes what PresentCertificate and PresentFingerprint
// present for: an object's id or a host name.
func presentTarget(target string) string { return strings.ToLower(strings.TrimSpace(target)) }

// PresentCertificate makes the server of target present a TLS certificate
// to the setup tests: target is a connection's id, a destination's (its
// group's id, which may name a destination still to be created) or a host
// name, which stands for every connection and destination whose config
// host names it. hash "" is CertificateHash(encodedCert). Until
// StopPresenting (or Reset), each run of those objects' setup tests has a
// "Validate Certificate" test that passes only when the hash is approved
// for the object or the request says trust_certificates true (which
// approves it), and otherwise fails with what was presented in details.
func (e *Emulator) PresentCertificate(target, hash, encodedCert string) error {
	if presentTarget(target) == "" || strings.TrimSpace(encodedCert) == "" {
		return fmt.Errorf("emulator: PresentCertificate needs a target and a certificate")
	}
	if hash == "" {
		hash = CertificateHash(encodedCert)
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	e.st.PresentedCertificates[presentTarget(target)] = presented{Hash: hash, Value: encodedCert}
	e.commit()
	return nil
}

// PresentFingerprint makes the SSH server of target present a host key
// (publicKey in the authorized_keys form, "ssh-rsa AAAA... comment") to
// the setup tests, as PresentCertificate does a certificate: a host name
// stands for every object whose config tunnel_host names it, hash "" is
// FingerprintHash(publicKey), and the test is "SSH Tunnel Connection",
// which trust_fingerprints true passes (approving the key).
func (e *Emulator) PresentFingerprint(target, hash, publicKey string) error {
	if presentTarget(target) == "" || strings.TrimSpace(publicKey) == "" {
		return fmt.Errorf("emulator: PresentFingerprint needs a target and a public key")
	}
	if hash == "" {
		hash = FingerprintHash(publicKey)
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	e.st.PresentedFingerprints[presentTarget(target)] = presented{Hash: hash, Value: publicKey}
	e.commit()
	return nil
}

// StopPresenting makes the server of target present neither a
// certificate nor a host key any more.
func (e *Emulator) StopPresenting(target string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	delete(e.st.PresentedCertificates, presentTarget(target))
	delete(e.st.PresentedFingerprints, presentTarget(target))
	e.commit()
}

func (e *Emulator) approvalsOf(a *trustArea, kind, id string) ([]map[string]any, error) {
	owner, err := approvalOwner(kind)
	if err != nil {
		return nil, err
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	var out []map[string]any
	for _, o := range sorted(e.trustTable(a)) {
		if ownsApproval(o, owner, id) {
			out = append(out, plain(renderApproval(o)))
		}
	}
	return out, nil
}

// Certificates returns the certificates approved for a connection or
// destination (kind "connection" or "destination"), as GET shows them,
// without lag, in the order they were approved.
func (e *Emulator) Certificates(kind, id string) ([]map[string]any, error) {
	return e.approvalsOf(certificateArea, kind, id)
}

// Fingerprints returns the SSH host keys approved for a connection or
// destination, as Certificates does certificates.
func (e *Emulator) Fingerprints(kind, id string) ([]map[string]any, error) {
	return e.approvalsOf(fingerprintArea, kind, id)
}

// EncodedCertificate returns the encoded_cert kept with an approved
// certificate (which no answer shows), as the client sent it.
func (e *Emulator) EncodedCertificate(kind, id, hash string) (string, bool) {
	owner, err := approvalOwner(kind)
	if err != nil {
		return "", false
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	o := e.st.Certificates[approvalKey(owner, id, hash)]
	if o == nil {
		return "", false
	}
	return str(o.Internal["encoded_cert"]), true
}

func (e *Emulator) approveOutOfBand(a *trustArea, kind, id, hash, value string) (map[string]any, error) {
	owner, err := approvalOwner(kind)
	if err != nil {
		return nil, err
	}
	h, v, aerr := parseApproval(a, map[string]any{"hash": hash, a.field: value})
	e.mu.Lock()
	defer e.mu.Unlock()
	if nf := e.ownerNotFound(owner, id); nf != nil {
		return nil, &APIError{Status: nf.status, Code: nf.code, Message: nf.msg}
	}
	if aerr != nil {
		return nil, aerr
	}
	if aerr := e.checkApprovalValue(a, v); aerr != nil {
		return nil, aerr
	}
	o := e.approve(a, owner, id, h, v)
	e.commit()
	return plain(renderApproval(o)), nil
}

// ApproveCertificate approves a certificate for a connection or
// destination out of band (as a user would in the dashboard), with the
// rules of the approve route, and returns the approval.
func (e *Emulator) ApproveCertificate(kind, id, hash, encodedCert string) (map[string]any, error) {
	return e.approveOutOfBand(certificateArea, kind, id, hash, encodedCert)
}

// ApproveFingerprint approves an SSH host key out of band.
func (e *Emulator) ApproveFingerprint(kind, id, hash, publicKey string) (map[string]any, error) {
	return e.approveOutOfBand(fingerprintArea, kind, id, hash, publicKey)
}

func (e *Emulator) revokeOutOfBand(a *trustArea, kind, id, hash string) error {
	owner, err := approvalOwner(kind)
	if err != nil {
		return err
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	key, o := e.findApproval(a, owner, id, hash)
	if o == nil {
		return fmt.Errorf("emulator: no %s %q approved for %s %q", a.kind, hash, owner, id)
	}
	delete(e.trustTable(a), key)
	delete(e.visibleAt, a.kind+"/"+key)
	e.commit()
	return nil
}

// RevokeCertificate revokes an approved certificate out of band, at once
// (lists too).
func (e *Emulator) RevokeCertificate(kind, id, hash string) error {
	return e.revokeOutOfBand(certificateArea, kind, id, hash)
}

// RevokeFingerprint revokes an approved SSH host key out of band.
func (e *Emulator) RevokeFingerprint(kind, id, hash string) error {
	return e.revokeOutOfBand(fingerprintArea, kind, id, hash)
}
