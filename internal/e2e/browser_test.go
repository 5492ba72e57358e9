package e2e

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// pageTimeout bounds one browser step on one page (load, axe, screenshot).
const pageTimeout = 60 * time.Second

// startBrowser starts the one headless Chromium of the test process. The
// tabs of every site are opened in it; it stops when t ends.
func startBrowser(t *testing.T, chromium string) context.Context {
	t.Helper()
	opts := append(slices.Clone(chromedp.DefaultExecAllocatorOptions[:]),
		chromedp.ExecPath(chromium),
		chromedp.Headless,
		chromedp.NoSandbox, // the tests run as root in CI
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		// Without these Chromium tries the network, which is closed here.
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.Flag("lang", "fr-FR"),
		chromedp.UserDataDir(t.TempDir()),
	)
	allocCtx, allocCancel := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(allocCtx)
	t.Cleanup(func() {
		cancel()
		allocCancel()
	})
	// The first Run starts the browser, with no timeout: a timeout there
	// would bound the life of the browser.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("e2e: start %s: %v", chromium, err)
	}
	return ctx
}

// newTab readies the tab of the browser for a site: a 1280×800 desktop
// viewport, and the page always focused, as a person's window would be
// (headless Chromium otherwise treats the page as unfocused). It reuses the
// browser's first tab: Chromium 156 headless does not render a tab opened
// behind it, and a resize or a navigation there then waits forever.
func newTab(t *testing.T, browser context.Context) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(browser, pageTimeout)
	defer cancel()
	if _, err := chromedp.Call(ctx, emulation.SetFocusEmulationEnabled, emulation.SetFocusEmulationEnabledParams{Enabled: true}); err != nil {
		t.Fatalf("e2e: set up the tab: %v", err)
	}
	if err := chromedp.Do(ctx, desktopViewport()); err != nil {
		t.Fatalf("e2e: set up the tab: %v", err)
	}
	return browser
}

// clockScript makes the clock of every page start at the given Unix time in
// milliseconds and run on from there.
const clockScript = `(() => {
	const RealDate = Date;
	const offset = %d - RealDate.now();
	// A function rather than a class, so that Date() without new still works.
	function ShiftedDate(...args) {
		if (!new.target) return new RealDate(RealDate.now() + offset).toString();
		return args.length === 0 ? new RealDate(RealDate.now() + offset) : new RealDate(...args);
	}
	ShiftedDate.prototype = RealDate.prototype;
	ShiftedDate.now = () => RealDate.now() + offset;
	ShiftedDate.parse = RealDate.parse;
	ShiftedDate.UTC = RealDate.UTC;
	globalThis.Date = ShiftedDate;
})()`

// setClock sets the clock of the pages loaded in the tab to now until t
// ends: the pages must look as they do on the day of the build, and their
// scripts (the agenda hides past events) read the browser's clock.
func setClock(t *testing.T, tab context.Context, now time.Time) {
	t.Helper()
	ctx, cancel := context.WithTimeout(tab, pageTimeout)
	defer cancel()
	res, err := chromedp.Call(ctx, cdppage.AddScriptToEvaluateOnNewDocument,
		cdppage.AddScriptToEvaluateOnNewDocumentParams{Source: fmt.Sprintf(clockScript, now.UnixMilli())})
	if err != nil {
		t.Fatalf("e2e: set the clock of the browser: %v", err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(tab, pageTimeout)
		defer cancel()
		_, _ = chromedp.Call(ctx, cdppage.RemoveScriptToEvaluateOnNewDocument,
			cdppage.RemoveScriptToEvaluateOnNewDocumentParams(res))
	})
}

func desktopViewport() chromedp.Action[chromedp.Void] { return chromedp.EmulateViewport(1280, 800) }

// serve serves the output folder over HTTP on the loopback interface only,
// until t ends, and returns its root URL without the final slash.
func serve(t *testing.T, dir string) string { return serveUnder(t, dir, "/") }

// serveUnder serves dir under the path base ("/sous/dossier/"), as a host
// publishes a site whose base URL has a path, and returns the URL of the
// site: the server's address and the path. Nothing is served outside it.
// As Netlify and GitHub Pages do, a missing file gets the site's 404.html,
// when it has one, at the address asked for.
func serveUnder(t *testing.T, dir, base string) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("e2e: listen on 127.0.0.1: %v", err)
	}
	prefix := strings.TrimSuffix(base, "/")
	files := http.FileServer(http.Dir(dir))
	site := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := filepath.Join(dir, filepath.FromSlash(path.Clean("/"+r.URL.Path)))
		if fi, err := os.Stat(name); err == nil && fi.IsDir() {
			name = filepath.Join(name, "index.html")
		}
		_, statErr := os.Stat(name)
		notFound, err := os.ReadFile(filepath.Join(dir, "404.html"))
		if statErr == nil || err != nil {
			files.ServeHTTP(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusNotFound)
		w.Write(notFound)
	})
	srv := httptest.NewUnstartedServer(http.StripPrefix(prefix, site))
	srv.Listener.Close()
	srv.Listener = l
	srv.Start()
	t.Cleanup(srv.Close)
	return srv.URL + prefix
}

// navigate loads the page at urlPath and waits for its load event.
func navigate(ctx context.Context, root, urlPath string) error {
	ctx, cancel := context.WithTimeout(ctx, pageTimeout)
	defer cancel()
	return chromedp.Do(ctx, chromedp.Navigate(root+urlPath))
}

// sections are the first segments of the site's URLs that have pages of
// their own kind (the output contract of the spec).
var sections = map[string]bool{
	"agenda": true, "releves": true, "actualites": true, "partenaires": true, "plan-du-site": true,
}

// pageKind names the template a page comes from, guessed from its URL:
// "/", "/agenda/", "/agenda/archives/", "/agenda/*/", "/actualites/page/N/",
// "/*/" (a free page), "/404.html".
func pageKind(rel string) string {
	p := pagePath(rel)
	if p == "/" || !strings.HasSuffix(p, "/") {
		return p
	}
	segs := strings.Split(strings.Trim(p, "/"), "/")
	if !sections[segs[0]] {
		segs[0] = "*"
	}
	for i := 1; i < len(segs); i++ {
		switch {
		case segs[i] == "archives" || segs[i] == "page":
		case strings.Trim(segs[i], "0123456789") == "":
			segs[i] = "N"
		default:
			segs[i] = "*"
		}
	}
	return "/" + strings.Join(segs, "/") + "/"
}

// pagesByKind picks one page of each kind: the largest, which is likely to
// use the most of its template. It returns them sorted by URL path.
func pagesByKind(o *output) []string {
	best := map[string]string{}
	size := map[string]int64{}
	for _, p := range o.pages {
		fi, err := os.Stat(filepath.Join(o.dir, p))
		if err != nil {
			continue
		}
		k := pageKind(p)
		if _, ok := best[k]; !ok || fi.Size() > size[k] {
			best[k], size[k] = p, fi.Size()
		}
	}
	var picked []string
	for _, p := range best {
		picked = append(picked, p)
	}
	slices.SortFunc(picked, func(a, b string) int { return strings.Compare(pagePath(a), pagePath(b)) })
	return picked
}

// axeRun runs axe-core on the document with the WCAG 2.0 and 2.1 A and AA
// rules only, and keeps what the report needs.
const axeRun = `axe.run(document, {
	runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},
	resultTypes: ['violations'],
}).then(r => r.violations.map(v => ({
	id: v.id, impact: v.impact || '', help: v.help, helpUrl: v.helpUrl,
	nodes: v.nodes.map(n => ({html: n.html, target: n.target.map(String), impact: n.impact || '', summary: n.failureSummary || ''})),
})))`

type axeViolation struct {
	ID      string `json:"id"`
	Impact  string `json:"impact"`
	Help    string `json:"help"`
	HelpURL string `json:"helpUrl"`
	Nodes   []struct {
		HTML    string   `json:"html"`
		Target  []string `json:"target"`
		Impact  string   `json:"impact"`
		Summary string   `json:"summary"`
	} `json:"nodes"`
}

// checkA11y loads the page into the tab, injects axe-core and returns one
// problem per element that breaks a serious or critical rule.
func checkA11y(tab context.Context, axeJS, root, page string) ([]problem, error) {
	if err := navigate(tab, root, page); err != nil {
		return nil, err
	}
	return runAxe(tab, axeJS, page)
}

// runAxe runs axe-core on the page as it is now in the tab, and returns its
// serious and critical violations.
func runAxe(tab context.Context, axeJS, page string) ([]problem, error) {
	ctx, cancel := context.WithTimeout(tab, pageTimeout)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](axeJS)); err != nil {
		return nil, fmt.Errorf("inject axe-core: %v", err)
	}
	vs, err := chromedp.Run(ctx, chromedp.Evaluate[[]axeViolation](axeRun, chromedp.EvalAwaitPromise))
	if err != nil {
		return nil, fmt.Errorf("axe.run: %v", err)
	}
	var probs []problem
	for _, v := range vs {
		for _, n := range v.Nodes {
			impact := cmpOr(n.Impact, v.Impact)
			if impact != "serious" && impact != "critical" {
				continue
			}
			msg := v.Help
			if s := firstLine(n.Summary); s != "" {
				msg += ": " + s
			}
			probs = append(probs, problem{
				Page:  page,
				Check: fmt.Sprintf("axe %s (%s)", v.ID, impact),
				Elem:  fmt.Sprintf("%s %s", strings.Join(n.Target, " "), clip(n.HTML, 160)),
				Msg:   fmt.Sprintf("%s (%s)", msg, v.HelpURL),
			})
		}
	}
	return probs, nil
}

// firstLine returns the first line of axe's failure summary that says
// what is wrong ("Fix any of the following:" only introduces it).
func firstLine(s string) string {
	for l := range strings.SplitSeq(s, "\n") {
		l = strings.TrimSpace(l)
		if l != "" && !strings.HasPrefix(l, "Fix ") {
			return l
		}
	}
	return ""
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// focusStyle is what makes a focus visible: the computed outline and box
// shadow of an element.
type focusStyle struct {
	OutlineStyle string `json:"outlineStyle"`
	OutlineWidth string `json:"outlineWidth"`
	OutlineColor string `json:"outlineColor"`
	BoxShadow    string `json:"boxShadow"`
}

func (s focusStyle) String() string {
	return fmt.Sprintf("outline %s %s %s, box-shadow %s", s.OutlineStyle, s.OutlineWidth, s.OutlineColor, s.BoxShadow)
}

// visibleChange reports whether focused shows a focus indicator that
// unfocused does not have: an outline that is drawn and differs, or a box
// shadow that differs.
func visibleChange(unfocused, focused focusStyle) bool {
	outlineDrawn := focused.OutlineStyle != "none" && focused.OutlineStyle != "hidden" && focused.OutlineWidth != "0px"
	outlineChanged := focused.OutlineStyle != unfocused.OutlineStyle || focused.OutlineWidth != unfocused.OutlineWidth || focused.OutlineColor != unfocused.OutlineColor
	shadowChanged := focused.BoxShadow != unfocused.BoxShadow && focused.BoxShadow != "none"
	return (outlineDrawn && outlineChanged) || shadowChanged
}

// navScript marks the links of the main navigation (data-e2e-nav=i) and
// returns them with their unfocused style. Transitions and animations are
// turned off first, so that a computed style read right after a key press is
// the final one.
const navScript = `(() => {
	const off = document.createElement('style');
	off.textContent = '*, *::before, *::after { transition: none !important; animation: none !important; }';
	document.head.append(off);
	window.__e2eStyle = e => { const s = getComputedStyle(e); return {outlineStyle: s.outlineStyle, outlineWidth: s.outlineWidth, outlineColor: s.outlineColor, boxShadow: s.boxShadow}; };
	const nav = document.querySelector('nav[aria-label="Menu principal"]') || document.querySelector('header nav');
	if (!nav) return null;
	const links = [...nav.querySelectorAll('a[href]')].map((a, i) => {
		const html = a.outerHTML;
		a.dataset.e2eNav = i;
		return {html, style: window.__e2eStyle(a)};
	});
	const focusable = document.querySelectorAll('a[href], area[href], button, input, select, textarea, iframe, summary, [tabindex], [contenteditable]').length;
	return {label: nav.getAttribute('aria-label') || '', links, focusable};
})()`

const focusedScript = `(() => {
	const e = document.activeElement;
	if (!e || e === document.body || e === document.documentElement) return null;
	return {nav: e.dataset.e2eNav === undefined ? -1 : Number(e.dataset.e2eNav), html: e.outerHTML.slice(0, 200), style: window.__e2eStyle(e)};
})()`

type navInfo struct {
	Label string `json:"label"`
	Links []struct {
		HTML  string     `json:"html"`
		Style focusStyle `json:"style"`
	} `json:"links"`
	Focusable int `json:"focusable"`
}

type focusInfo struct {
	Nav   int        `json:"nav"`
	HTML  string     `json:"html"`
	Style focusStyle `json:"style"`
}

// errNoNav is returned by checkKeyboard for a page without a main navigation.
var errNoNav = fmt.Errorf(`no <nav aria-label="Menu principal"> and no nav in the header`)

// checkKeyboard loads the page, presses Tab from the top until every link
// of the main navigation has had the focus, and reports the links that
// never get it and those whose focus is not visible.
func checkKeyboard(tab context.Context, root, page string) ([]problem, error) {
	if err := navigate(tab, root, page); err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(tab, pageTimeout)
	defer cancel()
	nav, err := chromedp.Run(ctx, chromedp.Evaluate[*navInfo](navScript))
	if err != nil {
		return nil, err
	}
	if nav == nil {
		return nil, errNoNav
	}
	if len(nav.Links) == 0 {
		return []problem{{Page: page, Check: "keyboard", Elem: fmt.Sprintf("nav %q", nav.Label), Msg: "the main navigation has no link"}}, nil
	}
	reached := map[int]focusStyle{}
	presses := min(nav.Focusable+2, 400)
	for i := 0; i < presses && len(reached) < len(nav.Links); i++ {
		if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Tab)); err != nil {
			return nil, err
		}
		f, err := chromedp.Run(ctx, chromedp.Evaluate[*focusInfo](focusedScript))
		if err != nil {
			return nil, err
		}
		if f == nil {
			if i > 0 {
				break // the focus has left the page, past its last element
			}
			continue
		}
		if _, seen := reached[f.Nav]; f.Nav >= 0 && !seen {
			reached[f.Nav] = f.Style
		}
	}
	var probs []problem
	for i, l := range nav.Links {
		elem := clip(l.HTML, 160)
		focused, ok := reached[i]
		switch {
		case !ok:
			probs = append(probs, problem{Page: page, Check: "keyboard", Elem: elem,
				Msg: fmt.Sprintf("link of nav %q never reached by Tab from the top of the page", nav.Label)})
		case !visibleChange(l.Style, focused):
			probs = append(probs, problem{Page: page, Check: "keyboard", Elem: elem,
				Msg: fmt.Sprintf("no visible focus: focused %s; unfocused %s", focused, l.Style)})
		}
	}
	return probs, nil
}

// screenshotWidths are a phone's and a desktop's.
var screenshotWidths = []int64{360, 1280}

// screenshot saves full-page PNGs of the page at every width under dir, as
// name-<width>.png, and returns by how many pixels the page overflows the
// viewport horizontally at each width.
func screenshot(tab context.Context, root, page, dir, name string) (map[int64]int, error) {
	defer func() {
		ctx, cancel := context.WithTimeout(tab, pageTimeout)
		defer cancel()
		_ = chromedp.Do(ctx, desktopViewport()) // the next page fails if this did
	}()
	overflow := map[int64]int{}
	for _, w := range screenshotWidths {
		var opts []chromedp.EmulateViewportOption
		if w < 600 {
			opts = append(opts, chromedp.EmulateMobile, chromedp.EmulatePortrait)
		}
		ctx, cancel := context.WithTimeout(tab, pageTimeout)
		err := chromedp.Do(ctx, chromedp.EmulateViewport(w, 800, opts...), chromedp.Navigate(root+page))
		if err == nil {
			overflow[w], err = chromedp.Run(ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth - document.documentElement.clientWidth`))
		}
		var png []byte
		if err == nil {
			png, err = chromedp.Run(ctx, chromedp.FullScreenshot(100))
		}
		cancel()
		if err != nil {
			return overflow, fmt.Errorf("screenshot of %s at %d px: %v", page, w, err)
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%s-%d.png", name, w)), png, 0o644); err != nil {
			return overflow, err
		}
	}
	return overflow, nil
}

// testBrowserCheckers checks the browser checks on fixtures: a correct page
// passes, and a link without an accessible name, a navigation link out of
// the tab order and one without a visible focus each fail, naming the page,
// the rule and the element.
func testBrowserCheckers(t *testing.T, browser context.Context, tl tools) {
	axeJS, err := os.ReadFile(tl.axeJS)
	if err != nil {
		t.Fatal(err)
	}
	tab := newTab(t, browser)
	good := serve(t, "testdata/fixtures/good")
	for _, page := range []string{"/", "/agenda/", "/agenda/forum/"} {
		probs, err := checkA11y(tab, string(axeJS), good, page)
		if err != nil {
			t.Fatalf("checkA11y(good %s): %v", page, err)
		}
		for _, p := range probs {
			t.Errorf("accessible fixture: %s", p)
		}
	}
	probs, err := checkKeyboard(tab, good, "/")
	if err != nil {
		t.Fatalf("checkKeyboard(good): %v", err)
	}
	for _, p := range probs {
		t.Errorf("keyboard fixture: %s", p)
	}

	bad := serve(t, "testdata/fixtures/unnamed-link")
	probs, err = checkA11y(tab, string(axeJS), bad, "/")
	if err != nil {
		t.Fatalf("checkA11y(unnamed-link): %v", err)
	}
	have := problemStrings(probs)
	want := `/: axe link-name (serious): .icone <a href="/agenda/" class="icone"></a>: Links must have discernible text: `
	if !slices.ContainsFunc(have, func(h string) bool { return strings.HasPrefix(h, want) }) {
		t.Errorf("checkA11y(unnamed-link): no problem starting with\n%s\nin:\n%s", want, strings.Join(have, "\n"))
	}
	probs, err = checkKeyboard(tab, bad, "/")
	if err != nil {
		t.Fatalf("checkKeyboard(unnamed-link): %v", err)
	}
	have = problemStrings(probs)
	wantKb := []string{
		`/: keyboard: <a href="/">Accueil</a>: no visible focus: focused outline none 3px rgb(11, 79, 138), box-shadow none; unfocused outline none 3px rgb(11, 79, 138), box-shadow none`,
		`/: keyboard: <a href="/agenda/" tabindex="-1">Agenda</a>: link of nav "Menu principal" never reached by Tab from the top of the page`,
	}
	if !slices.Equal(have, wantKb) {
		t.Errorf("checkKeyboard(unnamed-link):\nhave:\n%s\nwant:\n%s", strings.Join(have, "\n"), strings.Join(wantKb, "\n"))
	}
}

// testSetClock checks that the pages of a tab read the clock that setClock
// sets, whichever way they ask, and that it runs.
func testSetClock(t *testing.T, tab context.Context) {
	root := serve(t, "testdata/fixtures/good")
	now := time.Date(2021, 10, 1, 12, 0, 0, 0, time.UTC)
	t.Run("set", func(t *testing.T) {
		setClock(t, tab, now)
		if err := navigate(tab, root, "/"); err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithTimeout(tab, pageTimeout)
		defer cancel()
		got, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[
			new Date().toISOString().slice(0, 13), new Date(Date.now()).toISOString().slice(0, 13),
			String(Date().includes('2021')), String(new Date() instanceof Date), new Date(2020, 0, 2).toISOString().slice(0, 4),
		]`))
		if err != nil {
			t.Fatal(err)
		}
		want := []string{"2021-10-01T12", "2021-10-01T12", "true", "true", "2020"}
		if !slices.Equal(got, want) {
			t.Errorf("with the clock set to %v, the page reads %q, want %q", now, got, want)
		}
	})
	// The clock is back to the machine's once the test that set it ends.
	if err := navigate(tab, root, "/"); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(tab, pageTimeout)
	defer cancel()
	year, err := chromedp.Run(ctx, chromedp.Evaluate[int](`new Date().getFullYear()`))
	if err != nil {
		t.Fatal(err)
	}
	if year != time.Now().Year() {
		t.Errorf("after the test that set the clock, the page reads the year %d, want %d", year, time.Now().Year())
	}
}

func problemStrings(probs []problem) []string {
	var s []string
	for _, p := range probs {
		s = append(s, p.String())
	}
	return s
}
