package gen

import (
	"bytes"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"relais/internal/build"
	"relais/internal/content"
)

func TestGeneratedSiteBuildsWithoutProblems(t *testing.T) {
	dir := t.TempDir()
	if err := Write(dir, Options{Pages: 200, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	sum, err := build.Run(build.Config{Root: dir, NowText: Now})
	if err != nil {
		t.Fatalf("build failed:\n%v", err)
	}
	if len(sum.Warnings) > 0 {
		t.Errorf("build warned:\n%v", sum.Warnings)
	}
	pages := 0
	for _, n := range sum.Pages {
		pages += n
	}
	if pages < 200 {
		t.Errorf("built %d pages, want at least 200", pages)
	}
	for _, p := range []string{"index.html", "agenda/index.html", "agenda/archives/index.html", "releves/index.html",
		"actualites/page/2/index.html", "mentions-legales/index.html", "accessibilite/index.html", "feed.xml"} {
		if _, err := os.Stat(filepath.Join(dir, "public", p)); err != nil {
			t.Errorf("missing output: %v", err)
		}
	}
}

func TestSameSeedSameBytes(t *testing.T) {
	a := Files(Options{Pages: 200, Seed: 7, Hugo: true})
	b := Files(Options{Pages: 200, Seed: 7, Hugo: true})
	if len(a) != len(b) {
		t.Fatalf("%d files, then %d", len(a), len(b))
	}
	for p, x := range a {
		if !bytes.Equal(x, b[p]) {
			t.Errorf("%s differs between two generations with the same seed", p)
		}
	}
	// The relais site does not depend on whether the Hugo one is made too.
	c := Files(Options{Pages: 200, Seed: 7})
	for p, x := range c {
		if !bytes.Equal(x, a[p]) {
			t.Errorf("%s differs with and without Hugo", p)
		}
	}
	d := Files(Options{Pages: 200, Seed: 8})
	same := 0
	for p, x := range c {
		if bytes.Equal(x, d[p]) {
			same++
		}
	}
	if same > len(c)/2 {
		t.Errorf("seeds 7 and 8 share %d of %d files", same, len(c))
	}
}

// TestSiteHasEveryShape checks, on the loaded documents, that a site of
// ordinary size holds what the brief asks for.
func TestSiteHasEveryShape(t *testing.T) {
	const n = 2000
	fsys := fstest.MapFS{}
	formats := map[string]int{}
	for p, b := range Files(Options{Pages: n, Seed: 1}) {
		fsys[p] = &fstest.MapFile{Data: b}
		switch {
		case bytes.HasPrefix(b, []byte("---\n")):
			formats["yaml"]++
		case bytes.HasPrefix(b, []byte("+++\n")):
			formats["toml"]++
		case bytes.HasPrefix(b, []byte("{\n")):
			formats["json"]++
		}
	}
	tree, problems := content.Load(fsys)
	if len(problems) > 0 {
		t.Fatalf("load problems:\n%v", problems)
	}
	if got := len(tree.Partners); got != n/100 {
		t.Errorf("%d partners, want %d", got, n/100)
	}
	if got := len(tree.Minutes); got != n/20 {
		t.Errorf("%d minutes, want %d", got, n/20)
	}
	if got := len(tree.News); got != n*55/100 {
		t.Errorf("%d news, want %d", got, n*55/100)
	}
	if got := len(tree.Events); got != n*35/100 {
		t.Errorf("%d events, want %d", got, n*35/100)
	}
	for _, f := range []string{"yaml", "toml", "json"} {
		if formats[f] == 0 {
			t.Errorf("no %s front matter", f)
		}
	}
	years := map[int]bool{}
	for _, m := range tree.Minutes {
		years[m.Date.Time().Year()] = true
	}
	if len(years) < 3 {
		t.Errorf("minutes span %d years, want several", len(years))
	}
	shapes := map[string]int{}
	for _, e := range tree.Events {
		s, end := e.Start.Time(), e.End.Time()
		switch {
		case len(e.Slots) > 0:
			shapes["slots"]++
		case e.End.IsZero() && e.Start.IsDay():
			shapes["one day"]++
		case e.End.IsZero():
			shapes["timed, no end"]++
		case e.Start.IsDay() && end.Year() != s.Year():
			shapes["across years"]++
		case e.Start.IsDay() && end.Month() != s.Month():
			shapes["across months"]++
		case e.Start.IsDay():
			shapes["days"]++
		case end.YearDay() != s.YearDay():
			shapes["timed, across midnight or days"]++
		default:
			shapes["timed with end"]++
		}
		if e.Status != content.Scheduled {
			shapes[e.Status]++
		}
		if e.Online != "" {
			shapes["online"]++
		}
		if e.Registration != nil && !e.Registration.Deadline.IsZero() {
			shapes["registration deadline"]++
		}
		if strings.Count(e.Path, "/") != 3 {
			t.Errorf("%s: events should be in year folders", e.Path)
		}
	}
	for _, s := range []string{"slots", "one day", "timed, no end", "across years", "across months", "days",
		"timed, across midnight or days", "timed with end", "cancelled", "postponed", "online", "registration deadline"} {
		if shapes[s] == 0 {
			t.Errorf("no event of shape %q", s)
		}
	}
	words := 0
	for _, x := range tree.News {
		words += len(strings.Fields(string(x.Body)))
	}
	if avg := words / len(tree.News); avg < 150 || avg > 600 {
		t.Errorf("news have %d words on average, want 150 to 600", avg)
	}
}

// TestHugoSiteMirrorsContent checks that the Hugo site holds the same
// events, news and minutes at the same paths (so that the bodies' relative
// links hold), with dates Hugo reads, and its config and templates.
func TestHugoSiteMirrorsContent(t *testing.T) {
	files := Files(Options{Pages: 200, Seed: 1, Hugo: true})
	for _, p := range []string{"hugo/hugo.toml", "hugo/layouts/_default/baseof.html", "hugo/layouts/_default/single.html",
		"hugo/layouts/_default/list.html", "hugo/layouts/_default/term.html", "hugo/layouts/_default/taxonomy.html",
		"hugo/layouts/index.html", "hugo/content/_index.md", "hugo/content/partners/_index.md", "hugo/content/mentions-legales.md"} {
		if files[p] == nil {
			t.Errorf("missing %s", p)
		}
	}
	for p := range files {
		rest, ok := strings.CutPrefix(p, "content/")
		if !ok || !strings.Contains(rest, "/") {
			continue
		}
		section, _, _ := strings.Cut(rest, "/")
		want := "hugo/content/" + rest
		switch section {
		case "partners":
			want = "hugo/content/partners/" + strings.TrimSuffix(path.Base(rest), ".md") + "/_index.md"
		case "pages":
			want = "hugo/content/" + path.Base(rest)
		}
		h := files[want]
		if h == nil {
			t.Errorf("%s has no Hugo counterpart %s", p, want)
			continue
		}
		if section == "events" || section == "news" || section == "minutes" {
			if !bytes.HasSuffix(h, bodyOf(files[p])) {
				t.Errorf("%s: the Hugo body differs", want)
			}
			if !hugoDateLine.Match(h) {
				t.Errorf("%s: no date Hugo reads:\n%s", want, h)
			}
		}
	}
}

// hugoDateLine matches a bare YAML or TOML date, or a JSON one.
var hugoDateLine = regexp.MustCompile(`(?m)^(date: \d{4}-\d\d-\d\d|date = \d{4}-\d\d-\d\d|  "date": "\d{4}-\d\d-\d\d)`)

// bodyOf returns what follows the front matter (and its empty line).
func bodyOf(b []byte) []byte {
	_, body, _ := bytes.Cut(b, []byte("\n\n"))
	return body
}

// TestHugoSiteBuilds builds the Hugo version with the hugo on PATH.
// scripts/bench-vs-hugo installs Debian's and fails on any Hugo error; CI
// does not install Hugo, and counts a skipped test as a failure, so without
// hugo this test says so in its log and passes.
func TestHugoSiteBuilds(t *testing.T) {
	hugo, err := exec.LookPath("hugo")
	if err != nil {
		t.Log("no hugo on PATH (apt-get install hugo): the Hugo site is not built")
		return
	}
	dir := t.TempDir()
	if err := Write(dir, Options{Pages: 200, Seed: 1, Hugo: true}); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "hugo-public")
	cmd := exec.Command(hugo, "--source", filepath.Join(dir, "hugo"), "--destination", out, "--quiet")
	if b, err := cmd.CombinedOutput(); err != nil || len(b) > 0 {
		t.Fatalf("hugo: %v\n%s", err, b)
	}
	for _, p := range []string{"index.html", "index.xml", "news/page/2/index.html", "partners/index.html",
		"mentions-legales/index.html", "sitemap.xml"} {
		if _, err := os.Stat(filepath.Join(out, p)); err != nil {
			t.Errorf("missing Hugo output: %v", err)
		}
	}
	feeds, _ := filepath.Glob(filepath.Join(out, "partners", "*", "index.xml"))
	if len(feeds) < 5 {
		t.Errorf("%d partner feeds, want one per partner", len(feeds))
	}
}
