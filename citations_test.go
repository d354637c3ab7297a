package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// apiCitation is a comment's pointer into API.md: `API.md, "Heading"`, the
// heading possibly continued on the next comment line.
var apiCitation = regexp.MustCompile(`API\.md, "([^"]+)"`)

// commentBreak joins a comment continued on the next line.
var commentBreak = regexp.MustCompile(`\n\s*//\s*`)

// TestAPIMDCitationsResolve: every `API.md, "Heading"` in the Go code names
// a heading API.md has, so a renamed or dropped section cannot leave the
// comments that rely on it pointing nowhere.
func TestAPIMDCitationsResolve(t *testing.T) {
	md, err := os.ReadFile("API.md")
	if err != nil {
		t.Fatal(err)
	}
	headings := map[string]bool{}
	for _, line := range strings.Split(string(md), "\n") {
		if h, ok := strings.CutPrefix(line, "## "); ok {
			headings[strings.TrimSpace(h)] = true
		}
	}
	cited := 0
	err = filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (strings.HasPrefix(d.Name(), ".") && path != "." || d.Name() == "testdata") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || path == "citations_test.go" {
			return nil
		}
		b, err := os.ReadFile(path) //nolint:gosec // G304: the repository's own files
		if err != nil {
			return err
		}
		text := commentBreak.ReplaceAllString(string(b), " ")
		for _, m := range apiCitation.FindAllStringSubmatch(text, -1) {
			cited++
			if !headings[m[1]] {
				t.Errorf("%s cites API.md, %q: API.md has no such heading", path, m[1])
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if cited == 0 {
		t.Fatal("no API.md citation found: the pattern no longer matches how comments cite it")
	}
}
