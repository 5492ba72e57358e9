package e2e

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"relais/internal/testsite"
)

// A siteSpec is a site to build: the example site or a test site.
type siteSpec struct {
	name       string
	root       string // the folder holding content/, layouts/ and static/
	now        time.Time
	nowText    string // now as written in the archive: the build reads it in the site's zone
	baseURL    string // overrides the site's base_url when set
	drafts     bool
	ownLayouts bool // the site overrides templates of the theme
}

// work holds what the sites share across the tests of the process: the
// folder where the test sites are extracted and built, and the builds.
var work struct {
	mu     sync.Mutex
	dir    string
	specs  []siteSpec
	err    error
	loaded bool
	builds map[string]*buildResult
}

type buildResult struct {
	o   *output
	err error
}

// workDir returns the folder of the process's sites, made on first use.
// It cannot be a t.TempDir: the builds outlive the test that made them.
func workDir() (string, error) {
	if work.dir == "" {
		d, err := os.MkdirTemp("", "relais-e2e-")
		if err != nil {
			return "", err
		}
		work.dir = d
	}
	return work.dir, nil
}

// removeBuilds removes the extracted and built sites; TestMain calls it.
func removeBuilds() {
	work.mu.Lock()
	defer work.mu.Unlock()
	if work.dir != "" {
		os.RemoveAll(work.dir)
	}
}

// sites returns the example site and every test site, extracting the test
// sites on first use.
func sites(t *testing.T) []siteSpec {
	t.Helper()
	stats.add(func(st *tally) { st.started = true })
	work.mu.Lock()
	defer work.mu.Unlock()
	if !work.loaded {
		work.specs, work.err = loadSites()
		work.loaded = true
	}
	if work.err != nil {
		t.Fatalf("e2e: %v", work.err)
	}
	if len(work.specs) == 0 {
		t.Fatalf("e2e: no site to check: no %s and no testdata/sites/*.txtar", filepath.Join(repoRoot, "content"))
	}
	return work.specs
}

var paris = sync.OnceValues(func() (*time.Location, error) { return time.LoadLocation("Europe/Paris") })

// exampleNow is the build's now for the example site, whose content is of
// autumn 2021.
const exampleNow = "2021-10-01"

func loadSites() ([]siteSpec, error) {
	loc, err := paris()
	if err != nil {
		return nil, err
	}
	var specs []siteSpec
	if fi, err := os.Stat(filepath.Join(repoRoot, "content")); err == nil && fi.IsDir() {
		now, _ := time.ParseInLocation(time.DateOnly, exampleNow, loc)
		specs = append(specs, siteSpec{name: "example", root: repoRoot, now: now, nowText: exampleNow, ownLayouts: hasLayouts(repoRoot)})
	}
	// testsite.Files fails when there is none: test sites are optional here.
	archives, _ := testsite.Files(filepath.Join(repoRoot, "testdata", "sites"))
	for _, a := range archives {
		s, err := extractSite(a, loc)
		if err != nil {
			return nil, err
		}
		specs = append(specs, s)
	}
	return specs, nil
}

// extractSite writes the inputs of a test site archive (content/, layouts/,
// static/; not the golden want/ files) to a folder of its own, with the
// build settings of its comment: "now: 2021-10-01", "drafts: true",
// "base-url: https://...".
func extractSite(archive string, loc *time.Location) (siteSpec, error) {
	name := strings.TrimSuffix(filepath.Base(archive), ".txtar")
	dir, err := workDir()
	if err != nil {
		return siteSpec{}, err
	}
	ts, err := testsite.Extract(archive, filepath.Join(dir, "src", name))
	if err != nil {
		return siteSpec{}, err
	}
	s := siteSpec{name: ts.Name, root: ts.Root, nowText: ts.Now, baseURL: ts.BaseURL, drafts: ts.Drafts}
	if s.now, err = parseNow(ts.Now, loc); err != nil {
		return s, fmt.Errorf("testdata/sites/%s: now: %v", filepath.Base(archive), err)
	}
	s.ownLayouts = hasLayouts(s.root)
	return s, nil
}

// hasLayouts reports whether the site overrides templates of the theme:
// whether its layouts/ folder holds .html files.
func hasLayouts(root string) bool {
	found := false
	filepath.WalkDir(filepath.Join(root, "layouts"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".html") {
			found = true
			return fs.SkipAll
		}
		return nil
	})
	return found
}

// parseNow reads the now of a test site, a day (at 00:00) or a local time.
func parseNow(v string, loc *time.Location) (time.Time, error) {
	var err error
	for _, layout := range []string{time.DateOnly, "2006-01-02T15:04", "2006-01-02T15:04:05"} {
		var t time.Time
		if t, err = time.ParseInLocation(layout, v, loc); err == nil {
			return t, nil
		}
	}
	return time.Time{}, err
}

// builtSite builds the site once per process and returns its output; a
// failed build fails every test that needs it.
func builtSite(t *testing.T, s siteSpec) *output {
	t.Helper()
	work.mu.Lock()
	defer work.mu.Unlock()
	if work.builds == nil {
		work.builds = map[string]*buildResult{}
	}
	r, ok := work.builds[s.name]
	if !ok {
		r = &buildResult{}
		work.builds[s.name] = r
		r.o, r.err = buildOutput(s)
		if r.err == nil {
			stats.add(func(st *tally) {
				st.sites = append(st.sites, s.name)
				st.pages += len(r.o.pages)
			})
		} else {
			stats.note("%s: the build failed: %v", s.name, r.err)
		}
	}
	if r.err != nil {
		t.Fatalf("%s: build: %v", s.name, r.err)
	}
	return r.o
}

func buildOutput(s siteSpec) (*output, error) {
	dir, err := workDir()
	if err != nil {
		return nil, err
	}
	out := filepath.Join(dir, "out", s.name)
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return nil, err
	}
	now, err := buildSite(s, out)
	if err != nil {
		return nil, err
	}
	base := s.baseURL
	if base == "" {
		base = siteBaseURL(s.root)
	}
	o, err := openOutput(s.name, out, base)
	if err != nil {
		return nil, err
	}
	o.now = now
	return o, nil
}

var baseURLLine = regexp.MustCompile(`(?m)^\s*"?base_url"?\s*[:=]\s*["']?([^"'\s,]+)`)

// siteBaseURL reads base_url in the front matter of content/_index.md
// (YAML, TOML or JSON alike), or returns "".
func siteBaseURL(root string) string {
	data, err := os.ReadFile(filepath.Join(root, "content", "_index.md"))
	if err != nil {
		return ""
	}
	if m := baseURLLine.FindSubmatch(data); m != nil {
		return string(m[1])
	}
	return ""
}

// TestE2ELinks checks that every internal reference of every site resolves.
func TestE2ELinks(t *testing.T) {
	for _, s := range sites(t) {
		t.Run(s.name, func(t *testing.T) {
			o := builtSite(t, s)
			count, probs, err := checkLinks(o)
			if err != nil {
				t.Fatal(err)
			}
			stats.add(func(st *tally) {
				st.linksInternal += count.internal
				st.linksExternal += count.external
				st.linksBroken += len(probs)
			})
			t.Logf("%s: %d pages, %d internal references checked, %d external not fetched", s.name, len(o.pages), count.internal, count.external)
			reportProblems(t, s.name, probs)
		})
	}
}

// TestE2EFeeds parses every feed and calendar of every site.
func TestE2EFeeds(t *testing.T) {
	for _, s := range sites(t) {
		t.Run(s.name, func(t *testing.T) {
			o := builtSite(t, s)
			count, probs, err := checkFeeds(o)
			if err != nil {
				t.Fatal(err)
			}
			stats.add(func(st *tally) {
				st.feeds += count.feeds
				st.calendars += count.calendars
				st.feedProbs += len(probs)
				st.linksInternal += count.links.internal
				st.linksExternal += count.links.external
			})
			t.Logf("%s: %d feeds (%d items), %d calendars (%d events)", s.name, count.feeds, count.items, count.calendars, count.events)
			reportProblems(t, s.name, probs)
		})
	}
}

// TestE2E runs the validator and browser checks on every site: the Nu Html
// Checker and axe-core on every page, the keyboard on one page of each kind,
// and the screenshots of the example site. The browser's clock is set to the
// build's now, so that the pages look as they would on that day.
func TestE2E(t *testing.T) {
	tl := needTools(t)
	stats.add(func(st *tally) { st.validatorsUsed = true })
	axeJS, err := os.ReadFile(tl.axeJS)
	if err != nil {
		t.Fatal(err)
	}
	browser := startBrowser(t, tl.chromium)

	// First make sure that the checks can fail: a checker that finds
	// nothing on the fixtures' broken pages would pass any site.
	t.Run("checkers", func(t *testing.T) {
		t.Run("html", func(t *testing.T) { testValidateHTML(t, tl) })
		t.Run("browser", func(t *testing.T) { testBrowserCheckers(t, browser, tl) })
		t.Run("clock", func(t *testing.T) { testSetClock(t, newTab(t, browser)) })
	})

	for _, s := range sites(t) {
		t.Run(s.name, func(t *testing.T) {
			o := builtSite(t, s)
			// vnu runs in its own JVM while the browser works.
			type vnuResult struct {
				probs []problem
				err   error
				d     time.Duration
			}
			vnuDone := make(chan vnuResult, 1)
			go func() {
				start := time.Now()
				probs, err := validateHTML(tl, o)
				vnuDone <- vnuResult{probs, err, time.Since(start)}
			}()

			root := serveUnder(t, o.dir, o.basePath)
			tab := newTab(t, browser)
			setClock(t, tab, o.now)
			t.Run("axe", func(t *testing.T) {
				start := time.Now()
				var all []problem
				for _, p := range o.pages {
					probs, err := checkA11y(tab, string(axeJS), root, pagePath(p))
					if err != nil {
						t.Errorf("%s: %s: axe: %v", s.name, pagePath(p), err)
						continue
					}
					all = append(all, probs...)
				}
				stats.add(func(st *tally) {
					st.axePages += len(o.pages)
					st.axeViolations += len(all)
				})
				t.Logf("%s: axe-core on %d pages in %v: %d violations", s.name, len(o.pages), time.Since(start).Round(time.Millisecond), len(all))
				reportProblems(t, s.name, all)
			})
			t.Run("keyboard", func(t *testing.T) {
				// The navigation is the same on every page of a kind: one
				// page of each kind is enough.
				var all []problem
				checked := 0
				for _, p := range pagesByKind(o) {
					probs, err := checkKeyboard(tab, root, pagePath(p))
					if errors.Is(err, errNoNav) && (p != "index.html" || s.ownLayouts) {
						// A page made to be embedded, such as the agenda
						// widget, has no navigation; the home page must.
						t.Logf("%s: %s: %v", s.name, pagePath(p), err)
						continue
					}
					if err != nil {
						t.Errorf("%s: %s: keyboard: %v", s.name, pagePath(p), err)
						continue
					}
					checked++
					all = append(all, probs...)
				}
				stats.add(func(st *tally) {
					st.keyboardPages += checked
					st.keyboardProbs += len(all)
				})
				t.Logf("%s: keyboard navigation on %d pages, one of each kind: %d problems", s.name, checked, len(all))
				reportProblems(t, s.name, all)
			})
			if s.name == "example" {
				t.Run("screenshots", func(t *testing.T) { takeScreenshots(t, tab, root, o) })
			}
			if s.name == "reseau" {
				t.Run("agenda script", func(t *testing.T) { testAgendaScript(t, newTab(t, browser), root) })
				t.Run("search", func(t *testing.T) { testSearchPage(t, newTab(t, browser), string(axeJS), root, o.dir) })
			}
			if s.name == "example" {
				t.Run("search", func(t *testing.T) { testSearchExample(t, newTab(t, browser), root) })
			}
			if s.name == "sous-dossier" {
				t.Run("under its path", func(t *testing.T) { testBasePath(t, newTab(t, browser), root) })
			}
			t.Run("html", func(t *testing.T) {
				r := <-vnuDone
				if r.err != nil {
					t.Fatalf("%s: %v", s.name, r.err)
				}
				stats.add(func(st *tally) {
					st.htmlPages += len(o.pages)
					st.htmlErrors += len(r.probs)
				})
				t.Logf("%s: Nu Html Checker on %d pages in %v: %d errors", s.name, len(o.pages), r.d.Round(time.Millisecond), len(r.probs))
				reportProblems(t, s.name, r.probs)
			})
		})
	}
}

// takeScreenshots saves the home, agenda, one event and one minutes page
// at a phone's and a desktop's width into .e2e-screenshots/<site>/.
func takeScreenshots(t *testing.T, tab context.Context, root string, o *output) {
	dir := filepath.Join(outDir, o.name)
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	// One of each: the largest page of the kind, as pagesByKind picks.
	byKind := map[string]string{}
	for _, p := range pagesByKind(o) {
		byKind[pageKind(p)] = pagePath(p)
	}
	shots := []struct{ name, kind string }{
		{"home", "/"}, {"agenda", "/agenda/"}, {"event", "/agenda/*/"}, {"minutes", "/releves/*/"},
	}
	for _, sh := range shots {
		page, ok := byKind[sh.kind]
		if !ok {
			t.Errorf("%s: screenshots: no page of kind %s (%s)", o.name, sh.kind, sh.name)
			continue
		}
		overflow, err := screenshot(tab, root, page, dir, sh.name)
		if err != nil {
			t.Errorf("%s: %v", o.name, err)
			continue
		}
		stats.add(func(st *tally) { st.screenshots += len(overflow) })
		for _, w := range screenshotWidths {
			if overflow[w] > 0 {
				stats.note("%s %s at %d px: the page is %d px wider than the screen (horizontal scrolling)", o.name, page, w, overflow[w])
			}
		}
		t.Logf("%s: %s (%s) in %s", o.name, page, sh.name, dir)
	}
	abs, _ := filepath.Abs(dir)
	files, _ := filepath.Glob(filepath.Join(abs, "*.png"))
	slices.Sort(files)
	t.Logf("%s: screenshots: %s", o.name, strings.Join(files, " "))
}
