package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const state = `{"format_version":"1.0","values":{"root_module":{"resources":[
{"address":"fivetran_group.main","mode":"managed","type":"fivetran_group","name":"main",
 "provider_name":"registry.terraform.io/fivetran/fivetran","values":{"id":"g1","name":"warehouse"},"sensitive_values":{}},
{"address":"fivetran_destination.main","mode":"managed","type":"fivetran_destination","name":"main",
 "provider_name":"registry.terraform.io/fivetran/fivetran","values":{"id":"g1","group_id":"g1","service":"snowflake",
 "config":{"host":"h","password":"dest-Secret-0042"}},"sensitive_values":{"config":{"password":true}}}]}}}`

func TestRun(t *testing.T) {
	dir := t.TempDir()
	in, out := filepath.Join(dir, "state.json"), filepath.Join(dir, "migrate.tf")
	if err := os.WriteFile(in, []byte(state), 0o600); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	if code := run([]string{"-in", in, "-out", out}, strings.NewReader(""), &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, &stderr)
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(got), "to   = fivetran_destination.main_v2") || !strings.Contains(string(got), "var.main_v2_config_password") {
		t.Errorf("unexpected output:\n%s", got)
	}
	if want := "2 moved, 0 removed, 1 secret variables"; !strings.Contains(stderr.String(), want) {
		t.Errorf("stderr %q lacks %q", &stderr, want)
	}
	for _, b := range [][]byte{got, stdout.Bytes(), stderr.Bytes()} {
		if bytes.Contains(b, []byte("dest-Secret-0042")) {
			t.Error("a secret value was written")
		}
	}
	// Standard input to standard output.
	stdout.Reset()
	if code := run(nil, strings.NewReader(state), &stdout, &stderr); code != 0 || !strings.Contains(stdout.String(), "moved {") {
		t.Errorf("stdin to stdout: exit %d, output %q", code, &stdout)
	}
	if code := run([]string{"-in", filepath.Join(dir, "absent.json")}, nil, &stdout, &stderr); code != 1 {
		t.Errorf("a missing input file: exit %d, want 1", code)
	}
}
