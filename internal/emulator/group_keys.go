package emulator

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"net/http"
	"strconv"
	"strings"
)

// A group's SSH public key and Google Cloud service account (API.md,
// "Groups"): what Fivetran authenticates with, for every connection and the
// destination of the group, to a customer's SSH tunnel server (the key goes
// into the tunnel user's authorized_keys) and to Google Cloud resources the
// customer grants the service account access to.
//
//   - GET /v1/groups/{groupId}/public-key answers 200 "Group SSH public
//     key retrieved successfully" with data {public_key} (the spec's
//     message and shape). The key is a 4096-bit RSA public key in the
//     authorized_keys form, "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAACAQ…==
//     fivetran user key\n": the comment is the spec's example's, the
//     size and exponent those of keys Fivetran users publish, and the
//     trailing newline what go-fivetran's test of this route expects and
//     what Fivetran users' imported connection configs carry (the live
//     end-to-end test recorded only that the key is not empty). The
//     modulus is random bytes, not a product of primes: the key parses as
//     an RSA key and nothing ever signs with it.
//   - A group gets its key when it is created, derived from the seed and
//     the group's id (the same seed and requests give the same keys), and
//     keeps it in the state file, so that a restart with another seed does
//     not change it. A group from a state file of before this route gets
//     one at its first read.
//   - GET /v1/groups/{groupId}/service-account answers 200 "Group service
//     account retrieved successfully" with data {service_account} (the
//     spec's message and shape):
//     "g-<group id, _ as ->@fivetran-production.iam.gserviceaccount.com".
//     The local part is the form go-fivetran's end-to-end test recorded
//     live (in Fivetran's staging project); the project is production's,
//     as go-fivetran's unit test and Fivetran users' configurations name
//     it. It follows from the id alone, so it needs no storage.
//   - An unknown group answers 404 NotFound_Group (CONTRACT: every group
//     sub-resource does). Neither route changes anything; faults and rate
//     limits apply to them as to every route.

const (
	groupKeyComment       = "fivetran user key"
	groupKeyBits          = 4096
	groupKeyExponent      = 65537
	serviceAccountProject = "fivetran-production"
)

// derivedGroupKey is the public key a group gets: the same for the same
// seed and id.
func (e *Emulator) derivedGroupKey(groupID string) string {
	modulus := make([]byte, 0, groupKeyBits/8+sha256.Size)
	for block := 0; len(modulus) < groupKeyBits/8; block++ {
		sum := sha256.Sum256([]byte("group-key/" + strconv.FormatInt(e.seed, 10) + "/" + groupID + "/" + strconv.Itoa(block)))
		modulus = append(modulus, sum[:]...)
	}
	modulus = modulus[:groupKeyBits/8]
	modulus[0] |= 0x80 // all groupKeyBits bits
	modulus[len(modulus)-1] |= 1
	var blob []byte
	blob = sshString(blob, []byte("ssh-rsa"))
	blob = sshString(blob, sshMpint(big32(groupKeyExponent)))
	blob = sshString(blob, sshMpint(modulus))
	return "ssh-rsa " + base64.StdEncoding.EncodeToString(blob) + " " + groupKeyComment + "\n"
}

// big32 is n's big-endian bytes without leading zeros.
func big32(n uint32) []byte {
	b := binary.BigEndian.AppendUint32(nil, n)
	for len(b) > 1 && b[0] == 0 {
		b = b[1:]
	}
	return b
}

// sshMpint is the SSH wire form of a positive integer's big-endian bytes
// (RFC 4251): a zero byte in front when the top bit is set.
func sshMpint(b []byte) []byte {
	if len(b) > 0 && b[0]&0x80 != 0 {
		return append([]byte{0}, b...)
	}
	return b
}

// sshString appends b to dst as an SSH wire string: its length, then it.
func sshString(dst, b []byte) []byte {
	dst = binary.BigEndian.AppendUint32(dst, uint32(len(b))) //nolint:gosec // G115: at most a few hundred bytes
	return append(dst, b...)
}

// keyGroup gives a new group its public key. Call with e.mu held.
func (e *Emulator) keyGroup(o *object) {
	if o.Internal == nil {
		o.Internal = map[string]any{}
	}
	o.Internal["public_key"] = e.derivedGroupKey(str(o.Data["id"]))
}

// groupPublicKey returns the group's key, giving one to a group of an
// older state file (and reporting so: the caller commits). Call with e.mu
// held.
func (e *Emulator) groupPublicKey(o *object) (key string, added bool) {
	if k := str(o.Internal["public_key"]); k != "" {
		return k, false
	}
	e.keyGroup(o)
	return str(o.Internal["public_key"]), true
}

// groupServiceAccount is the email of the group's service account.
func groupServiceAccount(groupID string) string {
	return "g-" + strings.ReplaceAll(groupID, "_", "-") + "@" + serviceAccountProject + ".iam.gserviceaccount.com"
}

func (e *Emulator) getGroupPublicKey(q *request) *response {
	id := q.r.PathValue("id")
	e.mu.Lock()
	defer e.mu.Unlock()
	o := e.st.Groups[id]
	if o == nil {
		return e.groupNotFound(id)
	}
	key, added := e.groupPublicKey(o)
	if added {
		e.commit()
	}
	return ok(http.StatusOK, "Group SSH public key retrieved successfully", map[string]any{"public_key": key})
}

func (e *Emulator) getGroupServiceAccount(q *request) *response {
	id := q.r.PathValue("id")
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.st.Groups[id] == nil {
		return e.groupNotFound(id)
	}
	return ok(http.StatusOK, "Group service account retrieved successfully", map[string]any{"service_account": groupServiceAccount(id)})
}

// GroupPublicKey returns the SSH public key of a group, as GET
// /v1/groups/{groupId}/public-key answers it, and false for an unknown
// group.
func (e *Emulator) GroupPublicKey(groupID string) (string, bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	o := e.st.Groups[groupID]
	if o == nil {
		return "", false
	}
	key, added := e.groupPublicKey(o)
	if added {
		e.commit()
	}
	return key, true
}

// GroupServiceAccount returns the email of a group's service account, as
// GET /v1/groups/{groupId}/service-account answers it, and false for an
// unknown group.
func (e *Emulator) GroupServiceAccount(groupID string) (string, bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.st.Groups[groupID] == nil {
		return "", false
	}
	return groupServiceAccount(groupID), true
}
