package provider

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"fmt"
	"math/big"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/openpipes/terraform-provider-fivetran/internal/emulator"
	"github.com/openpipes/terraform-provider-fivetran/internal/fivetran"
)

// testCertificate is a self-signed certificate for host, base64 DER, as a
// source presents it.
func testCertificate(t *testing.T, host string) string {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: host},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour), DNSNames: []string{host}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	return base64.StdEncoding.EncodeToString(der)
}

const certsAddr = "fivetran_connector_certificates.app_db"

// TestAccApproval_connectionCertificates: a source presents a certificate
// its connection's setup tests do not trust; approving it through the
// resource makes them pass; an import plans nothing once the certificate is
// written (Fivetran never returns it); a certificate approved outside
// Terraform shows in the plan and is revoked; destroying the resource
// revokes the approval, and the tests fail again.
func TestAccApproval_connectionCertificates(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	g := em.CreateGroup("certs")
	c, err := em.CreateConnection(map[string]any{"group_id": jsonAs[string](t, g["id"]), "service": "github", "run_setup_tests": false,
		"config": map[string]any{"schema": "github"}})
	if err != nil {
		t.Fatal(err)
	}
	connID := jsonAs[string](t, c["id"])
	cert, other := testCertificate(t, "db.example.com"), testCertificate(t, "other.example.com")
	hash := emulator.CertificateHash(cert)
	if err := em.PresentCertificate(connID, hash, cert); err != nil {
		t.Fatal(err)
	}
	client := testClient(t, em)
	testsPass := func() (bool, error) {
		got, err := client.TestConnection(context.Background(), connID, nil, nil)
		if err != nil {
			return false, err
		}
		return len(failedSetupTests(got.SetupTests)) == 0, nil
	}
	if ok, err := testsPass(); err != nil || ok {
		t.Fatalf("the setup tests pass before the certificate is approved (%v)", err)
	}
	cfg := providerConfig(em) + fmt.Sprintf(`
resource "fivetran_connector_certificates" "app_db" {
  connector_id = %q
  certificate {
    hash         = %q
    encoded_cert = %q
  }
}
`, connID, hash, cert)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				Config: cfg,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(certsAddr, tfjsonpath.New("certificate"), knownvalue.SetSizeExact(1)),
				},
				Check: func(*terraform.State) error {
					if ok, err := testsPass(); err != nil || !ok {
						return fmt.Errorf("the setup tests still fail after the approval (%w)", err)
					}
					return nil
				},
			},
			{ResourceName: certsAddr, ImportState: true, ImportStateVerify: true, ImportStateId: connID,
				ImportStateVerifyIdentifierAttribute: "connector_id", ImportStateVerifyIgnore: []string{"certificate"}},
			{
				// Approved outside Terraform: the plan revokes it.
				PreConfig: func() {
					if err := client.ApproveCertificate(context.Background(), fivetran.ConnectionApprovals, connID, emulator.CertificateHash(other), other); err != nil {
						t.Fatal(err)
					}
					// The list lags the approval: wait until it shows it.
					for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
						if certs, err := client.ListCertificates(context.Background(), fivetran.ConnectionApprovals, connID); err == nil && len(certs) == 2 {
							return
						}
					}
				},
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(certsAddr, plancheck.ResourceActionUpdate)},
				},
				Check: func(*terraform.State) error {
					// Read one by one: the list lags the revocation.
					if _, err := client.GetCertificate(context.Background(), fivetran.ConnectionApprovals, connID, emulator.CertificateHash(other)); !fivetran.IsNotFoundKind(err, fivetran.KindApproval) {
						return fmt.Errorf("the certificate approved outside Terraform is still approved (%w)", err)
					}
					if _, err := client.GetCertificate(context.Background(), fivetran.ConnectionApprovals, connID, hash); err != nil {
						return fmt.Errorf("the configured certificate is not approved: %w", err)
					}
					return nil
				},
			},
			{
				// Without the resource, the approval is revoked.
				Config: providerConfig(em),
				Check: func(*terraform.State) error {
					if ok, err := testsPass(); err != nil || ok {
						return fmt.Errorf("the setup tests pass after the approval was revoked (%w)", err)
					}
					return nil
				},
			},
		},
	})
}

// TestAccApproval_destinationFingerprints: an SSH fingerprint approved for a
// destination; a new key for the same host replaces it in place; two blocks
// of one hash are refused at plan.
func TestAccApproval_destinationFingerprints(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	g := em.CreateGroup("tunnel")
	gid := jsonAs[string](t, g["id"])
	if _, err := em.CreateDestination(gid, map[string]any{"service": "postgres_warehouse", "region": "GCP_US_EAST4", "time_zone_offset": "0",
		"run_setup_tests": false, "config": map[string]any{"host": "db.example.com", "port": 5432, "database": "w", "user": "u", "password": "p"}}); err != nil {
		t.Fatal(err)
	}
	cfg := func(blocks ...[2]string) string {
		var b strings.Builder
		for _, x := range blocks {
			fmt.Fprintf(&b, "  fingerprint {\n    hash       = %q\n    public_key = %q\n  }\n", x[0], x[1])
		}
		return providerConfig(em) + fmt.Sprintf("resource \"fivetran_destination_certificates\" \"unused\" {\n  destination_id = %q\n}\n\n"+
			"resource \"fivetran_destination_fingerprints\" \"tunnel\" {\n  destination_id = %q\n%s}\n", gid, gid, b.String())
	}
	const addr = "fivetran_destination_fingerprints.tunnel"
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				Config:      cfg([2]string{"SHA256:one", "ssh-ed25519 AAAA1"}, [2]string{"SHA256:one", "ssh-ed25519 AAAA2"}),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`Two approvals of one hash`),
			},
			{
				Config: cfg([2]string{"SHA256:one", "ssh-ed25519 AAAA1"}),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("fingerprint"), knownvalue.SetSizeExact(1)),
				},
			},
			{
				PreConfig: em.ResetRequests,
				Config:    cfg([2]string{"SHA256:one", "ssh-ed25519 AAAA9"}),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
				},
				Check: func(*terraform.State) error {
					fp, err := testClient(t, em).GetFingerprint(context.Background(), fivetran.DestinationApprovals, gid, "SHA256:one")
					if err != nil || fp.PublicKey != "ssh-ed25519 AAAA9" {
						return fmt.Errorf("Fivetran approves %v (%w)", fp, err)
					}
					return nil
				},
			},
			{
				// Revoked outside Terraform a moment before the destroy: its
				// NotFound is confirmed (the list may still show it), not an error.
				PreConfig: func() {
					if err := testClient(t, em).RevokeFingerprint(context.Background(), fivetran.DestinationApprovals, gid, "SHA256:one"); err != nil {
						t.Fatal(err)
					}
				},
				Config: providerConfig(em),
			},
		},
	})
}

// TestAccApproval_unknownOwner: approvals for a connection Fivetran does
// not have fail at the attribute that names it.
func TestAccApproval_unknownOwner(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{{
			Config: providerConfig(em) + `
resource "fivetran_connector_fingerprints" "x" {
  connector_id = "ghost_connection"
  fingerprint {
    hash       = "SHA256:one"
    public_key = "ssh-ed25519 AAAA1"
  }
}
`,
			ExpectError: regexp.MustCompile(`(?s)Unknown connection.*ghost_connection`),
		}},
	})
}
