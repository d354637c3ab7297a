package fivetran

import (
	"context"
	"encoding/base64"
	"net/http"
)

// Certificate is a TLS certificate approved for a connection or a
// destination: Fivetran trusts it when it connects. Fivetran computes every
// field from the certificate it was given; the encoded certificate itself
// is never returned.
type Certificate struct {
	ID            string `json:"id"`
	Hash          string `json:"hash"`
	Name          string `json:"name"`
	Type          string `json:"type"`
	SHA1          string `json:"sha1"`
	SHA256        string `json:"sha256"`
	PublicKey     string `json:"public_key"`
	ValidatedBy   string `json:"validated_by"`
	ValidatedDate string `json:"validated_date"`
}

// Fingerprint is an SSH host key approved for a connection or a
// destination (reached through an SSH tunnel).
type Fingerprint struct {
	ID            string `json:"id"`
	Hash          string `json:"hash"`
	PublicKey     string `json:"public_key"`
	ValidatedBy   string `json:"validated_by"`
	ValidatedDate string `json:"validated_date"`
}

// ApprovalOwner is what approvals belong to: a connection or a destination.
type ApprovalOwner struct {
	prefix string
	// Kind is the owner's kind, whose NotFound an answer may carry.
	Kind Kind
}

// The owners of approvals.
var (
	ConnectionApprovals  = ApprovalOwner{prefix: "/connections", Kind: KindConnection}
	DestinationApprovals = ApprovalOwner{prefix: "/destinations", Kind: KindDestination}
)

type certificateApproval struct {
	Hash        string `json:"hash"`
	EncodedCert string `json:"encoded_cert"`
}

type fingerprintApproval struct {
	Hash      string `json:"hash"`
	PublicKey string `json:"public_key"`
}

// ListCertificates returns the certificates approved for the owner (all
// pages).
func (c *Client) ListCertificates(ctx context.Context, o ApprovalOwner, ownerID string) ([]Certificate, error) {
	p, err := objPath(o.prefix, ownerID, "/certificates")
	if err != nil {
		return nil, err
	}
	return listAll[Certificate](ctx, c, p, nil, optsV1)
}

// ApproveCertificate approves a certificate for the owner. Approving one
// twice approves it once, so it is retried like a read.
func (c *Client) ApproveCertificate(ctx context.Context, o ApprovalOwner, ownerID, hash, encodedCert string) error {
	return c.noData(ctx, http.MethodPost, o.prefix, ownerID, "/certificates", certificateApproval{Hash: hash, EncodedCert: encodedCert}, optsRepeatable)
}

// approvalID is how a path names an approval: its hash in unpadded
// base64url, as the spec says, since a certificate's hash is standard
// base64 and may hold a "/" that a path cannot.
func approvalID(hash string) string { return base64.RawURLEncoding.EncodeToString([]byte(hash)) }

// GetCertificate reads one approved certificate by its hash; one not
// approved answers the plain NotFound.
func (c *Client) GetCertificate(ctx context.Context, o ApprovalOwner, ownerID, hash string) (*Certificate, error) {
	p, err := objPath(o.prefix, ownerID, "/certificates")
	if err != nil {
		return nil, err
	}
	return callObj[Certificate](ctx, c, http.MethodGet, p, approvalID(hash), "", nil, optsV1)
}

// RevokeCertificate withdraws a certificate's approval.
func (c *Client) RevokeCertificate(ctx context.Context, o ApprovalOwner, ownerID, hash string) error {
	p, err := objPath(o.prefix, ownerID, "/certificates")
	if err != nil {
		return err
	}
	return c.noData(ctx, http.MethodDelete, p, approvalID(hash), "", nil, optsV1)
}

// ListFingerprints returns the SSH fingerprints approved for the owner (all
// pages).
func (c *Client) ListFingerprints(ctx context.Context, o ApprovalOwner, ownerID string) ([]Fingerprint, error) {
	p, err := objPath(o.prefix, ownerID, "/fingerprints")
	if err != nil {
		return nil, err
	}
	return listAll[Fingerprint](ctx, c, p, nil, optsV1)
}

// ApproveFingerprint approves an SSH fingerprint for the owner; like a
// certificate's, retried like a read.
func (c *Client) ApproveFingerprint(ctx context.Context, o ApprovalOwner, ownerID, hash, publicKey string) error {
	return c.noData(ctx, http.MethodPost, o.prefix, ownerID, "/fingerprints", fingerprintApproval{Hash: hash, PublicKey: publicKey}, optsRepeatable)
}

// GetFingerprint reads one approved fingerprint by its hash.
func (c *Client) GetFingerprint(ctx context.Context, o ApprovalOwner, ownerID, hash string) (*Fingerprint, error) {
	p, err := objPath(o.prefix, ownerID, "/fingerprints")
	if err != nil {
		return nil, err
	}
	return callObj[Fingerprint](ctx, c, http.MethodGet, p, approvalID(hash), "", nil, optsV1)
}

// RevokeFingerprint withdraws a fingerprint's approval.
func (c *Client) RevokeFingerprint(ctx context.Context, o ApprovalOwner, ownerID, hash string) error {
	p, err := objPath(o.prefix, ownerID, "/fingerprints")
	if err != nil {
		return err
	}
	return c.noData(ctx, http.MethodDelete, p, approvalID(hash), "", nil, optsV1)
}
