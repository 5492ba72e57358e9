package e2e

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"
)

// repoRoot is the root of the repository, seen from this package's folder,
// which is where go test runs the tests.
const repoRoot = "../.."

// outDir is the git-ignored folder that receives the screenshots and the
// summary of a run.
var outDir = filepath.Join(repoRoot, ".e2e-screenshots")

// strict reports whether a missing tool is a failure rather than a skip:
// .ci/run sets RELAIS_E2E=1 so that a green CI cannot hide a missing install.
func strict() bool { return os.Getenv("RELAIS_E2E") == "1" }

func TestMain(m *testing.M) {
	start := time.Now()
	code := m.Run()
	removeBuilds()
	if stats.ran() {
		s := stats.report(time.Since(start), code == 0)
		fmt.Print(s)
		if err := os.MkdirAll(outDir, 0o755); err == nil {
			// A failure to write the summary is not a test failure: .ci/run
			// notices the missing file and says so.
			_ = os.WriteFile(filepath.Join(outDir, "summary.txt"), []byte(s), 0o644)
		}
	}
	os.Exit(code)
}

// tools are the programs and files that the validator and browser checks
// need; an empty field means not found.
type tools struct {
	chromium string // the browser binary
	java     string // a Java runtime for vnu.jar
	vnuJar   string // the Nu Html Checker
	axeJS    string // axe.min.js, injected into the pages
}

var findTools = sync.OnceValue(func() tools {
	var tl tools
	for _, p := range []string{os.Getenv("RELAIS_CHROMIUM"), "/usr/bin/chromium"} {
		if p != "" && isExecutable(p) {
			tl.chromium = p
			break
		}
	}
	if tl.chromium == "" {
		tl.chromium, _ = exec.LookPath("chromium")
	}
	tl.java, _ = exec.LookPath("java")
	if p := filepath.Join("tools", "node_modules", "vnu-jar", "build", "dist", "vnu.jar"); fileExists(p) {
		tl.vnuJar, _ = filepath.Abs(p)
	}
	if p := filepath.Join("tools", "node_modules", "axe-core", "axe.min.js"); fileExists(p) {
		tl.axeJS, _ = filepath.Abs(p)
	}
	return tl
})

// needTools returns the tools, or ends the test when one is missing: with a
// skip that says what to install, or with a failure when strict.
func needTools(t *testing.T) tools {
	t.Helper()
	tl := findTools()
	var missing, install []string
	if tl.chromium == "" {
		missing = append(missing, "chromium")
		install = append(install, "apt-get install chromium")
	}
	if tl.java == "" {
		missing = append(missing, "java")
		install = append(install, "apt-get install openjdk-17-jre-headless")
	}
	if tl.vnuJar == "" || tl.axeJS == "" {
		missing = append(missing, "vnu-jar/axe-core")
		install = append(install, "(cd internal/e2e/tools && npm ci --ignore-scripts)")
	}
	if len(missing) == 0 {
		return tl
	}
	msg := fmt.Sprintf("e2e: %s not found; run .ci/run or %s", strings.Join(missing, ", "), strings.Join(install, " and "))
	if strict() {
		t.Fatal(msg + " (RELAIS_E2E=1 makes this a failure)")
	}
	stats.skipped(msg)
	t.Skip(msg)
	return tl
}

func fileExists(name string) bool {
	fi, err := os.Stat(name)
	return err == nil && fi.Mode().IsRegular()
}

func isExecutable(name string) bool {
	fi, err := os.Stat(name)
	return err == nil && fi.Mode().IsRegular() && fi.Mode().Perm()&0o111 != 0
}

// A problem is one finding of a check. Its text names the page (its URL path
// in the site), the line when known, the check and the element.
type problem struct {
	Page  string // "/agenda/"
	Line  int    // 0 when unknown
	Col   int    // 0 when unknown
	Check string // "link", "html", "axe color-contrast (serious)", ...
	Elem  string // the element, attribute or selector concerned
	Msg   string
}

func (p problem) String() string {
	var b strings.Builder
	b.WriteString(p.Page)
	if p.Line > 0 {
		fmt.Fprintf(&b, ":%d", p.Line)
		if p.Col > 0 {
			fmt.Fprintf(&b, ":%d", p.Col)
		}
	}
	b.WriteString(": ")
	b.WriteString(p.Check)
	if p.Elem != "" {
		b.WriteString(": ")
		b.WriteString(p.Elem)
	}
	if p.Msg != "" {
		b.WriteString(": ")
		b.WriteString(p.Msg)
	}
	return b.String()
}

// sortProblems sorts problems by page, then position, keeping the order of
// the problems of one line.
func sortProblems(probs []problem) {
	slices.SortStableFunc(probs, func(a, b problem) int {
		if c := strings.Compare(a.Page, b.Page); c != 0 {
			return c
		}
		if a.Line != b.Line {
			return a.Line - b.Line
		}
		return a.Col - b.Col
	})
}

// reportProblems fails the test with one line per problem, prefixed with
// the site's name.
func reportProblems(t *testing.T, site string, probs []problem) {
	t.Helper()
	const max = 200 // enough to see a pattern, short enough to read a log
	for i, p := range probs {
		if i == max {
			t.Errorf("%s: ... and %d more problems", site, len(probs)-max)
			break
		}
		t.Errorf("%s: %s", site, p)
	}
}

// pagePath is the URL path of the output file rel ("agenda/index.html"):
// "/agenda/". It is how every message names a page.
func pagePath(rel string) string {
	rel = filepath.ToSlash(rel)
	if rel == "index.html" {
		return "/"
	}
	if dir, ok := strings.CutSuffix(rel, "/index.html"); ok {
		return "/" + dir + "/"
	}
	return "/" + rel
}

// clip shortens s to about n bytes for a message, on a rune boundary.
func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}

// stats gathers the counts of the real sites' checks for the summary; the
// tests of the checkers on fixtures do not count.
var stats = &tally{}

type tally struct {
	mu             sync.Mutex
	sites          []string
	pages          int // HTML pages of all sites
	htmlPages      int // pages given to the Nu Html Checker
	htmlErrors     int
	axePages       int
	axeViolations  int // failing elements of serious or critical rules
	keyboardPages  int
	keyboardProbs  int
	feeds          int
	calendars      int
	feedProbs      int
	mails          int // relevés' mails read by the mail parsers
	mailProbs      int
	linksInternal  int
	linksExternal  int
	linksBroken    int
	screenshots    int
	notes          []string // observations that are not failures
	skipReason     string
	validatorsUsed bool
	started        bool // a test of the real sites ran
}

func (s *tally) add(f func(s *tally)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f(s)
}

func (s *tally) skipped(msg string) { s.add(func(s *tally) { s.skipReason = msg }) }

func (s *tally) note(format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	s.add(func(s *tally) { s.notes = append(s.notes, msg) })
}

func (s *tally) ran() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.started
}

func (s *tally) report(d time.Duration, ok bool) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var b strings.Builder
	status := "PASS"
	if !ok {
		status = "FAIL"
	}
	fmt.Fprintf(&b, "e2e summary (%s, %s): %d sites (%s), %d pages checked\n",
		status, d.Round(time.Second), len(s.sites), strings.Join(s.sites, ", "), s.pages)
	if s.validatorsUsed {
		fmt.Fprintf(&b, "  HTML (Nu Html Checker): %d pages, %d errors\n", s.htmlPages, s.htmlErrors)
		fmt.Fprintf(&b, "  accessibility (axe-core, WCAG 2.1 A+AA, serious+critical): %d pages, %d violations\n", s.axePages, s.axeViolations)
		fmt.Fprintf(&b, "  keyboard navigation: %d pages, %d problems\n", s.keyboardPages, s.keyboardProbs)
		fmt.Fprintf(&b, "  screenshots: %d in .e2e-screenshots/\n", s.screenshots)
	} else {
		fmt.Fprintf(&b, "  HTML, accessibility, keyboard, screenshots: not run (%s)\n", s.skipReason)
	}
	fmt.Fprintf(&b, "  feeds and calendars: %d feeds, %d calendars parsed, %d problems\n", s.feeds, s.calendars, s.feedProbs)
	if s.mails > 0 {
		fmt.Fprintf(&b, "  newsletter: %d mails (Python email, mailparser, doiuse-email), %d problems\n", s.mails, s.mailProbs)
	}
	fmt.Fprintf(&b, "  links: %d internal references checked, %d broken; %d external not fetched\n",
		s.linksInternal, s.linksBroken, s.linksExternal)
	for _, n := range s.notes {
		fmt.Fprintf(&b, "  note: %s\n", n)
	}
	return b.String()
}
