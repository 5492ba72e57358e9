package markdown_test

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"relais/internal/markdown"
)

// exampleBodies returns the bodies of the example site's files: what follows
// their YAML front matter.
func exampleBodies(t testing.TB) [][]byte {
	var bodies [][]byte
	err := filepath.WalkDir("../../content", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if rest, ok := bytes.CutPrefix(b, []byte("---\n")); ok {
			if _, body, ok := bytes.Cut(rest, []byte("\n---\n")); ok {
				b = body
			}
		}
		bodies = append(bodies, b)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(bodies) == 0 {
		t.Fatal("no example bodies")
	}
	return bodies
}

// fuzzResolve resolves some links, fails on others, and returns URLs that
// need escaping, so that every branch of the link rewriting is reached.
func fuzzResolve(dest string) (string, error) {
	switch {
	case strings.HasPrefix(dest, "x"):
		return "", errors.New("link to " + dest + ": no such content file")
	case strings.HasPrefix(dest, "y"):
		return `/a "b" <c>/` + dest, nil
	}
	return "/page/", nil
}

// FuzzConvert converts arbitrary bodies: Convert must never panic, and every
// problem must be on a line of the body.
func FuzzConvert(f *testing.F) {
	for _, b := range exampleBodies(f) {
		f.Add(false, b)
		f.Add(true, b)
	}
	f.Add(false, []byte("# T\n\n[a](x.md) [b](y.md?#f) ![c](../z.md)\n\n| a |\n|---|\n| [d](x.md) |\n\n[^1]: n\n\nT[^1] ~~s~~ www.e.org\n"))
	f.Add(true, []byte("<div>\n[a](x.md)\n</div>\n\n<script>x</script>\n"))
	f.Fuzz(func(t *testing.T, unsafe bool, src []byte) {
		// French typography rides along with the unsafe flag, so that both
		// settings are fuzzed without a third argument.
		r := markdown.New().Convert(src, markdown.Options{UnsafeHTML: unsafe, French: !unsafe, Resolve: fuzzResolve})
		lines := bytes.Count(src, []byte("\n")) + 1
		for _, p := range r.Problems {
			if p.Line < 1 || p.Line > lines {
				t.Fatalf("problem at line %d of a body of %d lines: %s", p.Line, lines, p.Msg)
			}
		}
		if !unsafe && (bytes.Contains(src, []byte("<script")) || bytes.Contains(src, []byte("<SCRIPT"))) &&
			strings.Contains(strings.ToLower(string(r.HTML)), "<script") {
			t.Fatalf("raw HTML let through without UnsafeHTML:\n%s", r.HTML)
		}
		if utf8.Valid(src) && !utf8.ValidString(r.Summary) {
			t.Fatalf("summary is not valid UTF-8: %q", r.Summary)
		}
		if utf8.Valid(src) && !utf8.ValidString(string(r.HTML)) {
			t.Fatalf("HTML is not valid UTF-8: %q", r.HTML)
		}
		if s := markdown.Truncate(r.Text, 40); utf8.Valid(src) && (!utf8.ValidString(s) || utf8.RuneCountInString(s) > 41) {
			t.Fatalf("Truncate(%q, 40) = %q", r.Text, s)
		}
		for _, h := range r.Headings {
			if h.ID == "" || h.Level < 1 || h.Level > 6 {
				t.Fatalf("heading %+v", h)
			}
		}
	})
}
