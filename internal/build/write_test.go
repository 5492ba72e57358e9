package build

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"relais/internal/render"
)

// noExchange is the exchangeFolders of Windows and of the file systems
// without an atomic exchange: Write falls back to renames.
func noExchange(a, b string) error { return errNoExchange }

// TestWriteWithoutExchange: with the fallback swap, a failed build leaves
// the output of the last one, and the folders as they were.
func TestWriteWithoutExchange(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	for _, site := range []render.Output{{"index.html": []byte("1")}, {"index.html": []byte("2"), "a/index.html": []byte("a2")}} {
		if err := writeWith(site, out, "", noExchange); err != nil {
			t.Fatal(err)
		}
	}
	err := writeWith(failing{render.Output{"index.html": []byte("new"), "e/index.html": nil}, "e/index.html"}, out, "", noExchange)
	if err == nil {
		t.Fatal("want the template's error")
	}
	compareTrees(t, readTree(t, out), map[string][]byte{"index.html": []byte("2"), "a/index.html": []byte("a2")})
	assertFolders(t, dir, ".public.staging", "public")
}

// TestWriteExchangeFails: when the exchange fails for another reason than
// its absence, the build fails and the output is the previous site.
func TestWriteExchangeFails(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	old := render.Output{"index.html": []byte("old")}
	if err := Write(old, out, ""); err != nil {
		t.Fatal(err)
	}
	denied := func(a, b string) error { return os.ErrPermission }
	err := writeWith(render.Output{"index.html": []byte("new")}, out, "", denied)
	if !errors.Is(err, os.ErrPermission) || !strings.Contains(err.Error(), "exchanging the new site with") {
		t.Fatalf("want the exchange's error, got %v", err)
	}
	compareTrees(t, readTree(t, out), old)
}

// TestRepairInterruptedSwap starts from the folders as an interrupted
// fallback swap leaves them (after its first rename, or its second): the
// next build repairs them first, so that its own failure still leaves the
// previous site in public, and its success leaves no ".public.old".
func TestRepairInterruptedSwap(t *testing.T) {
	previous := map[string][]byte{"index.html": []byte("previous"), "a/index.html": []byte("a")}
	newer := map[string][]byte{"index.html": []byte("newer")}
	tests := []struct {
		name string
		// the folders beside each other when the next build starts (nil: missing)
		public, old, staging map[string][]byte
		// what public holds after a failed build
		kept map[string][]byte
	}{
		// Killed between "public → .public.old" and "staging → public": the
		// site is missing; the previous one is put back.
		{name: "after the first rename", public: nil, old: previous, staging: newer, kept: previous},
		// Killed between "staging → public" and ".public.old → staging":
		// public has the newer site; the old folder is a leftover.
		{name: "after the second rename", public: newer, old: previous, staging: nil, kept: newer},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, build := range []struct {
				name string
				out  Files
				want map[string][]byte
			}{
				{"failed", failing{render.Output{"index.html": []byte("x"), "e/index.html": nil}, "e/index.html"}, tt.kept},
				{"successful", render.Output{"b/index.html": []byte("b")}, map[string][]byte{"b/index.html": []byte("b")}},
			} {
				t.Run(build.name+" build", func(t *testing.T) {
					dir := t.TempDir()
					makeTree(t, filepath.Join(dir, "public"), tt.public)
					makeTree(t, filepath.Join(dir, ".public.old"), tt.old)
					makeTree(t, filepath.Join(dir, ".public.staging"), tt.staging)
					err := writeWith(build.out, filepath.Join(dir, "public"), "", noExchange)
					if (err != nil) != (build.name == "failed") {
						t.Fatalf("error: %v", err)
					}
					compareTrees(t, readTree(t, filepath.Join(dir, "public")), build.want)
					if build.name == "successful" {
						assertFolders(t, dir, ".public.staging", "public")
					}
				})
			}
		})
	}
}

// failing renders its files but bad, which fails as a template can.
type failing struct {
	render.Output
	bad string
}

func (f failing) Render(p string) ([]byte, error) {
	if p == f.bad {
		return nil, errors.New("template failed")
	}
	return f.Output.Render(p)
}

// makeTree writes files under dir; nil makes nothing.
func makeTree(t *testing.T, dir string, files map[string][]byte) {
	t.Helper()
	for p, b := range files {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// assertFolders checks that dir holds exactly these entries.
func assertFolders(t *testing.T, dir string, want ...string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var have []string
	for _, e := range entries {
		have = append(have, e.Name())
	}
	if strings.Join(have, " ") != strings.Join(want, " ") {
		t.Errorf("%s holds %q, want %q", dir, have, want)
	}
}
