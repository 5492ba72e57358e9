// Package testsite extracts the test sites of testdata/sites/*.txtar for the
// tests of other packages. A test site holds its inputs (content/, layouts/,
// static/), its expected output under want/, and in its comment the build's
// settings: "now: 2021-10-01", "drafts: true", "base-url: https://...".
package testsite

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/rogpeppe/go-internal/txtar"
)

// Site is an extracted test site.
type Site struct {
	Name    string
	Root    string // the folder holding content/, layouts/, static/
	Now     string // as written after "now:"
	Drafts  bool
	BaseURL string
	Archive *txtar.Archive
}

// Files lists the test sites: dir is the repository's testdata/sites.
func Files(dir string) ([]string, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.txtar"))
	if err == nil && len(files) == 0 {
		err = fmt.Errorf("no test sites in %s", dir)
	}
	return files, err
}

// Extract writes the inputs of the test site file into the folder root.
func Extract(file, root string) (*Site, error) {
	a, err := txtar.ParseFile(file)
	if err != nil {
		return nil, err
	}
	s := &Site{Name: strings.TrimSuffix(filepath.Base(file), ".txtar"), Root: root, Archive: a}
	for _, f := range a.Files {
		if strings.HasPrefix(f.Name, "want/") {
			continue
		}
		p := filepath.Join(root, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return nil, err
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			return nil, err
		}
	}
	for _, line := range strings.Split(string(a.Comment), "\n") {
		k, v, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		v = strings.TrimSpace(v)
		switch strings.TrimSpace(k) {
		case "now":
			s.Now = v
		case "drafts":
			s.Drafts = v == "true"
		case "base-url":
			s.BaseURL = v
		}
	}
	if s.Now == "" {
		return nil, fmt.Errorf("%s: the comment must say now: YYYY-MM-DD", file)
	}
	return s, nil
}
