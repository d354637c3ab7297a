package provider

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestExamples: every example is `terraform fmt` clean and validates against
// the provider's schema (no credentials needed).
func TestExamples(t *testing.T) {
	accPreCheck(t)
	root := filepath.Join("..", "..", "examples")
	var dirs []string
	_ = filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && (strings.HasSuffix(p, ".tf") || strings.HasSuffix(p, ".tfquery.hcl")) {
			dir := filepath.Dir(p)
			if len(dirs) == 0 || dirs[len(dirs)-1] != dir {
				dirs = append(dirs, dir)
			}
		}
		return nil
	})
	if len(dirs) < 5 {
		t.Fatalf("found only %d example folders under %s", len(dirs), root)
	}
	for _, dir := range dirs {
		t.Run(filepath.ToSlash(strings.TrimPrefix(dir, root+string(filepath.Separator))), func(t *testing.T) {
			t.Parallel()
			if strings.HasPrefix(filepath.ToSlash(dir), filepath.ToSlash(root)+"/actions/") {
				skipBelowTerraform(t, "1.14.0") // action blocks
			}
			files, _ := filepath.Glob(filepath.Join(dir, "*.tf"))
			queries, _ := filepath.Glob(filepath.Join(dir, "*.tfquery.hcl"))
			if len(queries) > 0 {
				// list blocks: Terraform 1.14 (make test-latest) validates them with -query.
				skipBelowTerraform(t, "1.14.0")
			}
			// import-by-string-id.tf and import-by-identity.tf are alternatives
			// (tfplugindocs shows both): each is validated with the rest alone.
			var common, alternatives []string
			for _, f := range append(files, queries...) {
				if strings.HasPrefix(filepath.Base(f), "import-by-") {
					alternatives = append(alternatives, f)
				} else {
					common = append(common, f)
				}
			}
			sets := [][]string{common}
			if len(alternatives) > 0 {
				sets = nil
				for _, alt := range alternatives {
					sets = append(sets, append(slices.Clone(common), alt))
				}
			}
			for _, set := range sets {
				validateExample(t, dir, set, len(queries) > 0)
			}
		})
	}
}

// validateExample checks that files are `terraform fmt` clean and validate
// together. A file that needs a newer Terraform than the one under test is
// left out (make test-latest validates it).
func validateExample(t *testing.T, dir string, files []string, query bool) {
	t.Helper()
	r := newTFRunner(t)
	hasTerraformBlock := false
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if needs := snippetNeed(string(b)); needs != "" {
			if ok, _ := terraformAtLeast(t, needs); !ok {
				continue
			}
		}
		hasTerraformBlock = hasTerraformBlock || strings.Contains(string(b), "required_providers")
		r.write(filepath.Base(f), string(b))
	}
	if !hasTerraformBlock {
		r.write("zz_required_providers.tf", requiredProviders)
	}
	if out, code := r.run("fmt", "-check", "-diff"); code != 0 {
		t.Fatalf("terraform fmt -check failed in %s:\n%s", dir, out)
	}
	if query {
		r.must("validate", "-query")
	} else {
		r.must("validate")
	}
}

// TestExamplesOrderThroughReferences: the live API accepts a connection in a
// group that has no destination yet (API.md, "Connections"), so nothing but the
// reference makes Terraform create a connection after its destination and
// destroy it before. Every connection in examples/ whose group is managed in
// the same configuration takes group_id from the destination.
func TestExamplesOrderThroughReferences(t *testing.T) {
	root, err := os.OpenRoot(filepath.Join("..", "..", "examples"))
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	blockRe := regexp.MustCompile(`(?s)resource "fivetran_connection" "(\w+)" \{(.*?)\n\}`)
	groupRe := regexp.MustCompile(`(?m)^\s*group_id\s*=\s*(\S+)`)
	checked := 0
	err = fs.WalkDir(root.FS(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || !strings.HasSuffix(p, ".tf") {
			return nil
		}
		b, err := fs.ReadFile(root.FS(), p)
		if err != nil {
			return err
		}
		for _, m := range blockRe.FindAllStringSubmatch(string(b), -1) {
			g := groupRe.FindStringSubmatch(m[2])
			if g == nil {
				t.Errorf("%s: connection %q has no group_id line", p, m[1])
				continue
			}
			checked++
			if strings.HasPrefix(g[1], "fivetran_group.") {
				t.Errorf("%s: connection %q takes group_id from %s; reference the destination (fivetran_destination.<name>.group_id) so that Terraform orders them", p, m[1], g[1])
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked < 3 {
		t.Fatalf("found only %d connections under %s: the check proves nothing", checked, root.Name())
	}
}
