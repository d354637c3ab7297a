package provider

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/openpipes/terraform-provider-fivetran/internal/emulator"
)

// Tests in this file cover every form of credential Fivetran's getting-started
// guide lists, sent through `config` or `auth`: an OAuth client with
// a refresh token, a user and password, a token, and a key pair.

// credentialCase is one credential form: a connection whose HCL takes its
// secret from var.secret, and how to read back what Fivetran received.
type credentialCase struct {
	service string
	// body is the connection's arguments after group_id and service; it
	// references var.secret.
	body string
	// secret makes the secret's value around a unique marker.
	secret func(marker string) string
	// received returns what the emulator holds for the secret(s), in the
	// form want(secret) gives.
	received func(em *emulator.Running, id string) (string, bool)
	want     func(secret string) string
}

// configValue reads a config key of a connection as Fivetran stores it
// (unmasked).
func configValue(key string) func(*emulator.Running, string) (string, bool) {
	return func(em *emulator.Running, id string) (string, bool) {
		c, found := em.Get("connection", id)
		if !found {
			return "", false
		}
		cfg, _ := c["config"].(map[string]any)
		return fmt.Sprint(cfg[key]), true
	}
}

func TestAccCredentials(t *testing.T) {
	accPreCheck(t)
	same := func(s string) string { return s }
	cases := map[string]credentialCase{
		"oauth_client_and_refresh_token": {
			service: "google_ads",
			body: `destination_schema = { name = "ads" }
  config = {
    customer_id = "123-456-7890"
    sync_mode   = "AllAccounts"
  }
  auth = {
    client_access = {
      client_id     = "my-oauth-app"
      client_secret = "cs-${var.secret}"
    }
    refresh_token = var.secret
  }`,
			secret: func(m string) string { return "1//refresh-" + m },
			received: func(em *emulator.Running, id string) (string, bool) {
				a, found := em.ConnectionAuth(id)
				ca, _ := a["client_access"].(map[string]any)
				return fmt.Sprintf("%v %v %v", ca["client_id"], ca["client_secret"], a["refresh_token"]), found
			},
			want: func(s string) string { return "my-oauth-app cs-" + s + " " + s },
		},
		"user_and_password": {
			service: "postgres",
			body: `destination_schema = { prefix = "app" }
  config = {
    host          = "db.example.com"
    port          = 5432
    database      = "app"
    user          = "fivetran"
    password      = var.secret
    update_method = "XMIN"
  }`,
			secret:   func(m string) string { return "pw-" + m },
			received: configValue("password"),
			want:     same,
		},
		"personal_access_token": {
			service: "github",
			body: `destination_schema = { name = "github" }
  config = {
    auth_mode = "PersonalAccessToken"
    pats      = [var.secret]
    sync_mode = "AllRepositories"
  }`,
			secret:   func(m string) string { return "ghp_" + m },
			received: configValue("pats"),
			want:     func(s string) string { return "[" + s + "]" },
		},
		"key_pair": {
			service: "snowflake_db",
			body: `destination_schema = { prefix = "sf" }
  config = {
    host                     = "acme.snowflakecomputing.com"
    database                 = "ANALYTICS"
    user                     = "FIVETRAN"
    auth                     = "KEY_PAIR"
    private_key              = var.secret
    is_private_key_encrypted = false
  }`,
			secret: func(m string) string {
				return "-----BEGIN PRIVATE KEY-----\nMIIEv" + m + "\n-----END PRIVATE KEY-----\n"
			},
			received: configValue("private_key"),
			want:     same,
		},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			testCredentialRotation(t, name, c)
		})
	}
}

// testCredentialRotation creates the case's connection with a secret from a
// sensitive variable, then rotates the secret. Along the way: no plan or
// apply output and no TRACE log line shows a secret, a refresh of the masked
// (or never returned) values plans nothing, and rotating the variable plans
// an in-place update that sends the new value.
func testCredentialRotation(t *testing.T, name string, c credentialCase) {
	em := startEmulator(t)
	logPath := filepath.Join(t.TempDir(), "trace.log")
	r := newTFRunner(t, append(emulatorEnv(em.URL), "TF_LOG=TRACE", "TF_LOG_PATH="+logPath)...)
	r.write("main.tf", requiredProviders+baseConfig+`
variable "secret" {
  type      = string
  sensitive = true
}

resource "fivetran_connection" "c" {
  group_id = fivetran_destination.main.group_id
  service  = "`+c.service+`"
  `+c.body+`
}

output "id" {
  value = fivetran_connection.c.id
}
`)
	markers := []string{"v1x" + name, "v2y" + name}
	var texts []string
	run := func(args ...string) (string, int) {
		t.Helper()
		out, code := r.run(args...)
		texts = append(texts, out)
		if code == 1 {
			t.Fatalf("terraform %s failed:\n%s", strings.Join(args, " "), out)
		}
		return out, code
	}
	var id string
	for i, marker := range markers {
		secret := c.secret(marker)
		r.write("secret.auto.tfvars", fmt.Sprintf("secret = %q\n", secret))
		plan, code := run("plan", "-input=false", "-detailed-exitcode")
		if code != 2 || !strings.Contains(plan, "(sensitive value)") {
			t.Fatalf("plan %d (exit %d) does not change the connection or does not hide the secret:\n%s", i+1, code, plan)
		}
		if i > 0 && !strings.Contains(plan, "fivetran_connection.c will be updated in-place") {
			t.Errorf("rotating the secret does not plan an in-place update:\n%s", plan)
		}
		run("apply", "-input=false", "-auto-approve")
		if id == "" {
			id = strings.TrimSpace(r.must("output", "-raw", "id"))
		}
		if got, found := c.received(em, id); !found || got != c.want(secret) {
			t.Errorf("after apply %d Fivetran holds %q, want %q", i+1, got, c.want(secret))
		}
		if out, code := run("plan", "-input=false", "-detailed-exitcode"); code != 0 {
			t.Errorf("the plan after apply %d is not empty (exit %d):\n%s", i+1, code, out)
		}
	}
	run("destroy", "-input=false", "-auto-approve")
	logs, err := os.ReadFile(logPath)
	if err != nil || len(logs) < 1000 {
		t.Fatalf("no TRACE log to check (%d bytes, %v)", len(logs), err)
	}
	texts = append(texts, withoutCoreDynamicDump(string(logs)))
	for _, text := range texts {
		for _, m := range markers {
			if strings.Contains(text, m) {
				t.Fatalf("a secret (%s) appears in Terraform's output or log:\n%s", m, excerpt(text, m))
			}
		}
	}
}

// withoutCoreDynamicDump drops the log lines in which Terraform core itself
// (not this provider) prints the prior state of every Dynamic attribute,
// `config` and `auth` included, at DEBUG level on each refresh:
// "UpgradeResourceState: ignoring dynamic block: ..." (Terraform's
// internal/terraform/upgrade_resource_state.go). No provider can prevent it;
// the guide warns that TF_LOG=DEBUG or TRACE output is sensitive.
func withoutCoreDynamicDump(log string) string {
	lines := strings.Split(log, "\n")
	kept := lines[:0]
	for _, l := range lines {
		if !strings.Contains(l, "] UpgradeResourceState: ignoring dynamic block: ") {
			kept = append(kept, l)
		}
	}
	return strings.Join(kept, "\n")
}

// excerpt is the text around the first occurrence of s.
func excerpt(text, s string) string {
	i := strings.Index(text, s)
	return text[max(0, i-300):min(len(text), i+len(s)+100)]
}
