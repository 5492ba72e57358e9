package build

import (
	"bytes"
	"errors"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/diff"
	"github.com/rogpeppe/go-internal/txtar"

	"relais/internal/diag"
	"relais/internal/render"
	"relais/internal/testsite"
)

var update = flag.Bool("update", false, "rewrite the want/ files of testdata/sites/*.txtar")

// siteCase is a test site: inputs, build settings and expected output.
type siteCase struct {
	file    string
	archive *txtar.Archive
	cfg     Config
}

// loadSite extracts a txtar test site into a temporary folder; the
// archive's comment sets the build (see internal/testsite).
func loadSite(t *testing.T, file string) siteCase {
	t.Helper()
	site, err := testsite.Extract(file, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	cfg := Config{Root: site.Root, Out: filepath.Join(site.Root, "public"), NowText: site.Now, Drafts: site.Drafts, BaseURL: site.BaseURL}
	return siteCase{file: file, archive: site.Archive, cfg: cfg}
}

// readTree reads every file under dir, by slash path.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// isThemeAsset tells the embedded theme's files, which the golden files leave
// out unless the site overrides them: they are the same for every site.
func isThemeAsset(p string) bool { return strings.HasPrefix(p, "assets/") }

func TestGoldenSites(t *testing.T) {
	files, _ := filepath.Glob("../../testdata/sites/*.txtar")
	if len(files) == 0 {
		t.Fatal("no test sites in testdata/sites")
	}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".txtar")
		t.Run(name, func(t *testing.T) {
			sc := loadSite(t, file)
			if _, err := Run(sc.cfg); err != nil {
				t.Fatalf("build failed:\n%v", err)
			}
			have := readTree(t, sc.cfg.Out)
			want := map[string][]byte{}
			overridden := map[string]bool{}
			for _, f := range sc.archive.Files {
				if p, ok := strings.CutPrefix(f.Name, "want/"); ok {
					want[p] = f.Data
				}
				if p, ok := strings.CutPrefix(f.Name, "layouts/"); ok {
					overridden[p] = true
				}
			}
			for p := range have {
				if isThemeAsset(p) && !overridden[p] {
					delete(have, p)
				}
			}
			if *update {
				writeGolden(t, sc, have)
				return
			}
			compareTrees(t, have, want)
		})
	}
}

func compareTrees(t *testing.T, have, want map[string][]byte) {
	t.Helper()
	var paths []string
	for p := range have {
		paths = append(paths, p)
	}
	for p := range want {
		if _, ok := have[p]; !ok {
			paths = append(paths, p)
		}
	}
	sort.Strings(paths)
	for _, p := range paths {
		h, hok := have[p]
		w, wok := want[p]
		switch {
		case !hok:
			t.Errorf("%s: not written", p)
		case !wok:
			t.Errorf("%s: written, but not in want/ (run go test ./internal/build -update and review the diff)", p)
		case !bytes.Equal(h, w):
			t.Errorf("%s differs (run go test ./internal/build -update and review the diff):\n%s", p, diff.Diff("want/"+p, w, "have/"+p, h))
		}
	}
}

func writeGolden(t *testing.T, sc siteCase, have map[string][]byte) {
	t.Helper()
	a := &txtar.Archive{Comment: sc.archive.Comment}
	for _, f := range sc.archive.Files {
		if !strings.HasPrefix(f.Name, "want/") {
			a.Files = append(a.Files, f)
		}
	}
	var paths []string
	for p := range have {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, p := range paths {
		a.Files = append(a.Files, txtar.File{Name: "want/" + p, Data: have[p]})
	}
	if err := os.WriteFile(sc.file, txtar.Format(a), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestExampleSite builds the repository's own example site and checks the
// pages the contract promises.
func TestExampleSite(t *testing.T) {
	out := t.TempDir()
	sum, err := Run(Config{Root: "../..", Out: out, NowText: "2021-10-01"})
	if err != nil {
		t.Fatalf("example site does not build:\n%v", err)
	}
	if len(sum.Warnings) > 0 {
		t.Errorf("example site has warnings:\n%v", sum.Warnings)
	}
	for _, p := range []string{
		"index.html", "agenda/index.html", "agenda/archives/index.html",
		"agenda/hackathon-hack-ton-orientation/index.html", "agenda/forum-lycee-saint-aignan/index.html",
		"releves/index.html", "releves/2021-09-23/index.html", "actualites/index.html",
		"partenaires/index.html", "partenaires/cap-emploi/index.html",
		"mentions-legales/index.html", "accessibilite/index.html", "plan-du-site/index.html",
		"sitemap.xml", "robots.txt", "404.html", "assets/relais.css",
	} {
		if _, err := os.Stat(filepath.Join(out, p)); err != nil {
			t.Errorf("missing %s", p)
		}
	}
	agenda, _ := os.ReadFile(filepath.Join(out, "agenda/index.html"))
	for _, s := range []string{
		"jeudi 7 et vendredi 8 octobre 2021",
		"mardi 19 octobre 2021, de 9\u00a0h à 12\u00a0h et de 14\u00a0h à 17\u00a0h",
		"mardi 16 novembre 2021 à 10\u00a0h\u00a030",
		`datetime="2021-11-16T10:30&#43;01:00"`,
		"avant le <time datetime=\"2021-10-04\">lundi 4 octobre 2021</time>",
	} {
		if !bytes.Contains(agenda, []byte(s)) {
			t.Errorf("agenda lacks %q", s)
		}
	}
	// The editor's cleaning of the seed: no safelinks, no meeting passcode.
	for p, b := range readTree(t, out) {
		for _, bad := range []string{"safelinks.protection.outlook.com", "pwd=", "156626", "Code secret"} {
			if bytes.Contains(b, []byte(bad)) {
				t.Errorf("%s publishes %q", p, bad)
			}
		}
	}
}

// TestReproducible builds the same site twice, with different worker counts
// in between, and wants the same bytes.
func TestReproducible(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	if _, err := Run(Config{Root: "../..", Out: a, Now: time.Date(2021, 10, 1, 8, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	if _, err := Run(Config{Root: "../..", Out: b, Now: time.Date(2021, 10, 1, 8, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	ta, tb := readTree(t, a), readTree(t, b)
	compareTrees(t, ta, tb)
}

// TestFailedBuildLeavesOutput breaks a site after a good build and checks
// that the failed build reports the file and line and changes nothing.
func TestFailedBuildLeavesOutput(t *testing.T) {
	sc := loadSite(t, "../../testdata/sites/reseau.txtar")
	if _, err := Run(sc.cfg); err != nil {
		t.Fatal(err)
	}
	before := readTree(t, sc.cfg.Out)
	bad := filepath.Join(sc.cfg.Root, "content/events/bad.md")
	if err := os.WriteFile(bad, []byte("---\ntitle: Mauvais\nstart: \"2021-10-07\"\nend: \"2021-10-06\"\n---\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Run(sc.cfg)
	var list diag.List
	if !errors.As(err, &list) {
		t.Fatalf("want a list of problems, got %v", err)
	}
	if got, want := err.Error(), "content/events/bad.md:4: end 2021-10-06 is before start 2021-10-07"; got != want {
		t.Errorf("error:\n have %q\n want %q", got, want)
	}
	compareTrees(t, readTree(t, sc.cfg.Out), before)
	entries, _ := os.ReadDir(sc.cfg.Root)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".public") && e.Name() != ".public.staging" {
			t.Errorf("temporary folder %s left behind", e.Name())
		}
	}
}

// TestWriteReplacesOutput checks that files of the previous site that the
// new one does not have are gone, and static files are copied.
func TestWriteReplacesOutput(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	static := filepath.Join(dir, "static")
	os.MkdirAll(filepath.Join(static, "docs"), 0o755)
	os.WriteFile(filepath.Join(static, "docs", "rapport.pdf"), []byte("%PDF"), 0o644)
	if err := Write(render.Output{"old/index.html": []byte("old")}, out, static); err != nil {
		t.Fatal(err)
	}
	if err := Write(render.Output{"index.html": []byte("new")}, out, static); err != nil {
		t.Fatal(err)
	}
	got := readTree(t, out)
	want := map[string][]byte{"index.html": []byte("new"), "docs/rapport.pdf": []byte("%PDF")}
	compareTrees(t, got, want)
}
