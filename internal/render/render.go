// Package render turns a site model into every output file, in memory. Its
// default theme (templates, stylesheet) is embedded; a file of the same name in
// the site's layouts/ folder replaces the embedded one. Rendering is
// deterministic: the same model gives the same bytes, whatever the number of
// workers.
package render

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"html"
	"html/template"
	"io/fs"
	"regexp"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	texttemplate "text/template"

	"relais/internal/date"
	"relais/internal/diag"
	"relais/internal/feed"
	"relais/internal/ical"
	"relais/internal/markdown"
	"relais/internal/newsletter"
	"relais/internal/parallel"
	"relais/internal/search"
	"relais/internal/site"
)

//go:embed layouts
var embedded embed.FS

// Output maps each output path ("agenda/index.html") to its bytes.
type Output map[string][]byte

// Paths returns the output paths, sorted.
func (o Output) Paths() []string {
	ps := make([]string, 0, len(o))
	for p := range o {
		ps = append(ps, p)
	}
	sort.Strings(ps)
	return ps
}

// Render returns one file of the output.
func (o Output) Render(path string) ([]byte, error) {
	b, ok := o[path]
	if !ok {
		return nil, fmt.Errorf("%s: %w", path, fs.ErrNotExist)
	}
	return b, nil
}

// Theme is the parsed set of templates and assets of a site.
type Theme struct {
	pages  map[string]*pageTemplate // by page template name ("event.html")
	base   *template.Template       // baseof.html and the partials
	robots *texttemplate.Template
	assets map[string][]byte // output path → content
	letter *newsletter.Theme // layouts/newsletter/: the relevés' mail
	// The list items written in Go (see items.go); nil when the site's
	// layouts/ replaces their partials.
	fastNews, fastEvents *itemWriter

	basePath string // the site's base path, which relURL puts in front of paths
}

// pageTemplate is a page kind's template set, ready to execute.
type pageTemplate struct {
	root *template.Template // baseof.html in the page's set, or the page itself when standalone
	size atomic.Int64       // a little more than the largest page of this kind so far
}

// pageTemplates are the page kinds, each a file of layouts/.
var pageTemplates = []string{
	"home.html", "agenda.html", "agenda-archives.html", "event.html",
	"minutes-archive.html", "minutes.html", "news-list.html", "news.html",
	"partners.html", "partner.html", "page.html", "site-plan.html", "404.html", "widget.html", "search.html",
}

// standalone page templates are whole documents, not placed in baseof.html.
var standalone = map[string]bool{"widget.html": true}

// LoadTheme parses the embedded theme with the overrides of siteLayouts (the
// site's layouts/ folder; nil when it has none), for a site in the language
// lang published under basePath (site.Site.BasePath: "" at the root of a
// host). Template errors name the file and line.
func LoadTheme(siteLayouts fs.FS, lang, basePath string) (*Theme, error) {
	def, err := fs.Sub(embedded, "layouts")
	if err != nil {
		return nil, err
	}
	fsys := fs.FS(unionFS{def})
	if siteLayouts != nil {
		fsys = unionFS{siteLayouts, def}
	}
	th := &Theme{basePath: basePath, pages: map[string]*pageTemplate{}, assets: map[string][]byte{}}
	w := wordsFor(lang)
	funcs := funcMap(w)
	// {{relURL "/agenda/"}}: the link to a path of the site, under the base
	// URL's path.
	funcs["relURL"] = func(p string) string { return site.RelURL(basePath, p) }
	// {{shared . "partials/nav.html" .NavKey}}: a partial rendered once per
	// build and key, with the page as its data.
	funcs["shared"] = func(pg *Page, name, key string) (template.HTML, error) {
		return th.sharedPartial(pg.plan, name, key, func() (template.HTML, error) { return th.partial(name, pg) })
	}
	// An event or a news item looks the same in every list that shows it:
	// the templates render each once per build ({{eventItem $ . false}}).
	// Items that the Go writers of items.go can write are written again
	// each time, not kept: on a 100,000-page site keeping them all held
	// 180 MB to the end of the build, and writing them again changes
	// neither the time nor the allocations of BenchmarkRender measurably.
	funcs["eventItem"] = func(pg *Page, e *site.Event, state bool) (template.HTML, error) {
		if th.fastEvents != nil {
			if h, ok := th.fastEvents.event(e, pg.Site.Now, state); ok {
				return h, nil
			}
		}
		items := pg.plan.items()
		i, ok := items.eventIndex[e]
		if !ok {
			return th.sharedPartial(pg.plan, "partials/event-item.html", fmt.Sprint(e.Slug, state), func() (template.HTML, error) {
				return th.eventItem(pg.Site, e, state)
			})
		}
		return fill(&items.events[b2i(state)][i], func() (template.HTML, error) { return th.eventItem(pg.Site, e, state) })
	}
	funcs["newsItem"] = func(pg *Page, n *site.News, heading string) (template.HTML, error) {
		if th.fastNews != nil {
			if h, ok := th.fastNews.news(n, heading); ok {
				return h, nil
			}
		}
		items := pg.plan.items()
		i, ok := items.newsIndex[n]
		if !ok || heading != "h2" && heading != "h3" {
			return th.sharedPartial(pg.plan, "partials/news-item.html", n.Slug+heading, func() (template.HTML, error) {
				return th.newsItem(n, heading)
			})
		}
		return fill(&items.news[b2i(heading == "h2")][i], func() (template.HTML, error) { return th.newsItem(n, heading) })
	}
	base := template.New("baseof.html").Funcs(funcs)
	if err := parseFile(base, fsys, "baseof.html", w, basePath); err != nil {
		return nil, err
	}
	partials, _ := fs.Glob(fsys, "partials/*.html")
	sort.Strings(partials)
	for _, p := range partials {
		if err := parseFile(base.New(p), fsys, p, w, basePath); err != nil {
			return nil, err
		}
	}
	for _, name := range pageTemplates {
		t, err := base.Clone()
		if err != nil {
			return nil, err
		}
		if err := parseFile(t.New(name), fsys, name, w, basePath); err != nil {
			return nil, err
		}
		root := "baseof.html"
		if standalone[name] {
			root = name
		}
		th.pages[name] = &pageTemplate{root: t.Lookup(root)}
	}
	th.base = base
	overridden := func(names ...string) bool {
		for _, n := range names {
			if siteLayouts == nil {
				return false
			}
			if _, err := fs.Stat(siteLayouts, n); err == nil {
				return true
			}
		}
		return false
	}
	if !overridden("partials/news-item.html") {
		th.fastNews = newItemWriter(w)
	}
	if !overridden("partials/event-item.html", "partials/event-status.html", "partials/registration.html") {
		th.fastEvents = newItemWriter(w)
	}
	if th.letter, err = newsletter.LoadTheme(fsys, w); err != nil {
		return nil, err
	}
	robots, err := fs.ReadFile(fsys, "robots.txt")
	if err != nil {
		return nil, fmt.Errorf("layouts/robots.txt: %w", err)
	}
	if th.robots, err = texttemplate.New("robots.txt").Parse(string(robots)); err != nil {
		return nil, fmt.Errorf("layouts/%v", err)
	}
	assets, _ := fs.Glob(fsys, "assets/*")
	for _, a := range assets {
		b, err := fs.ReadFile(fsys, a)
		if err != nil {
			return nil, fmt.Errorf("layouts/%s: %w", a, err)
		}
		th.assets[a] = b
	}
	return th, nil
}

func parseFile(t *template.Template, fsys fs.FS, name string, words map[string]string, basePath string) error {
	src, err := fs.ReadFile(fsys, name)
	if err != nil {
		return fmt.Errorf("layouts/%s: %w", name, err)
	}
	if _, err := t.Parse(inlineRelURLs(inlineWords(string(src), words), basePath)); err != nil {
		// html/template says "template: name:12: ..."; point at the file.
		return errors.New("layouts/" + strings.TrimPrefix(err.Error(), "template: "))
	}
	return nil
}

// wordCall is a template's call for a fixed word, without trim markers.
var wordCall = regexp.MustCompile(`\{\{\s*t\s+"([^"]+)"\s*\}\}`)

// inlineWords writes the fixed words into the template text before it is
// parsed, escaped as html/template would escape them: {{t "agenda"}} is a
// function call on every page otherwise, thousands of times a build. Lines
// keep their numbers, so errors still point at the right line.
func inlineWords(src string, words map[string]string) string {
	return wordCall.ReplaceAllStringFunc(src, func(call string) string {
		key := wordCall.FindStringSubmatch(call)[1]
		w, ok := words[key]
		if !ok {
			return call
		}
		return html.EscapeString(w)
	})
}

// relURLCall is a link attribute whose value is relURL of a fixed path:
// href="{{relURL "/agenda/"}}".
var relURLCall = regexp.MustCompile(`((?:href|src)=")\{\{\s*relURL\s+"([^"]*)"\s*\}\}`)

// plainURL is a path that html/template's URL escapers leave as it is.
var plainURL = regexp.MustCompile(`^/[A-Za-z0-9/\-._~]*(%[0-9A-Fa-f]{2}[A-Za-z0-9/\-._~]*)*$`)

// inlineRelURLs writes the links of fixed paths into the template text
// before it is parsed, as inlineWords does the words: the theme has dozens,
// and a function call in an attribute costs html/template's escapers on
// every page. Only a link that every escaper leaves as it is, in an
// attribute that holds a URL, is written in.
func inlineRelURLs(src, basePath string) string {
	return relURLCall.ReplaceAllStringFunc(src, func(call string) string {
		m := relURLCall.FindStringSubmatch(call)
		u := site.RelURL(basePath, m[2])
		if !plainURL.MatchString(u) {
			return call
		}
		return m[1] + u
	})
}

// sharedPartial renders a partial once per key and reuses the result: the
// navigation and the footer are the same on thousands of pages, and a key
// says what they depend on (see navKey, footerKey). Overridden partials are
// cached the same way, so their output must depend on the key's parts only.
func (th *Theme) sharedPartial(p *Plan, name string, key string, render func() (template.HTML, error)) (template.HTML, error) {
	k := name + "\x00" + key
	if h, ok := p.shared.Load(k); ok {
		return h.(template.HTML), nil
	}
	h, err := render()
	if err != nil {
		return "", err
	}
	p.shared.Store(k, h)
	return h, nil
}

// partial renders a partial template.
func (th *Theme) partial(name string, data any) (template.HTML, error) {
	var buf bytes.Buffer
	if err := th.base.ExecuteTemplate(&buf, name, data); err != nil {
		return "", err
	}
	return template.HTML(buf.String()), nil
}

// newsItem renders partials/news-item.html with the template (the
// newsItem function of the templates tries items.go's writer first).
func (th *Theme) newsItem(n *site.News, heading string) (template.HTML, error) {
	return th.partial("partials/news-item.html", map[string]any{"News": n, "Heading": heading})
}

// eventItem renders partials/event-item.html with the template (the
// eventItem function of the templates tries items.go's writer first).
func (th *Theme) eventItem(s *site.Site, e *site.Event, state bool) (template.HTML, error) {
	return th.partial("partials/event-item.html", map[string]any{"Event": e, "Site": s, "State": state})
}

// itemSlots hold the list item of each event and news item of the site,
// rendered once a build: an item is in several lists (agenda, home,
// partner pages), and a slot is cheaper to find than a key to build.
type itemSlots struct {
	eventIndex map[*site.Event]int // index in site.Events
	newsIndex  map[*site.News]int  // index in site.News
	events     [2][]slot           // by state shown (false, true)
	news       [2][]slot           // by heading (h3, h2)
}

func newItemSlots(s *site.Site) *itemSlots {
	it := &itemSlots{eventIndex: make(map[*site.Event]int, len(s.Events)), newsIndex: make(map[*site.News]int, len(s.News))}
	for i, e := range s.Events {
		it.eventIndex[e] = i
	}
	for i, n := range s.News {
		it.newsIndex[n] = i
	}
	for k := range 2 {
		it.events[k] = make([]slot, len(s.Events))
		it.news[k] = make([]slot, len(s.News))
	}
	return it
}

// slot holds a fragment once rendered. Two workers may both render it
// first: they get the same bytes.
type slot = atomic.Pointer[fragment]

type fragment struct {
	html template.HTML
	err  error
}

// fill returns the fragment of sl, rendering it first if it has none.
func fill(sl *slot, render func() (template.HTML, error)) (template.HTML, error) {
	if v := sl.Load(); v != nil {
		return v.html, v.err
	}
	h, err := render()
	sl.Store(&fragment{h, err})
	return h, err
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// unionFS reads a file from the first file system that has it.
type unionFS []fs.FS

func (u unionFS) Open(name string) (fs.File, error) {
	for _, f := range u {
		file, err := f.Open(name)
		if err == nil {
			return file, nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
	}
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
}

// Glob lists the names that any of the file systems has, once each.
func (u unionFS) Glob(pattern string) ([]string, error) {
	seen := map[string]bool{}
	var out []string
	for _, f := range u {
		names, err := fs.Glob(f, pattern)
		if err != nil {
			return nil, err
		}
		for _, n := range names {
			if !seen[n] {
				seen[n] = true
				out = append(out, n)
			}
		}
	}
	sort.Strings(out)
	return out, nil
}

// job is one page to render.
type job struct {
	out      string // output path
	template string
	data     *Page
}

// Plan is every output file of a site with the function that renders it, so
// that files can be rendered all at once (a build) or one at a time, when
// asked for (relais serve). Both give the same bytes.
type Plan struct {
	th        *Theme
	site      *site.Site
	jobs      []job                    // the HTML pages
	calendars *ical.Writer             // the .ics of each event
	other     []func() ([]byte, error) // the other files
	files     map[string]entry         // every output path
	paths     func() []string          // sorted, when first asked for: serve never asks
	shared    *sync.Map                // partials rendered once: key → template.HTML
	items     func() *itemSlots        // made when a page first shows a list item
	search    func() *search.Index     // made when a file of the index is first asked for
	feedItems func() []feed.Item       // the site's feeds' items, shared by RSS and JSON
	letters   *sync.Map                // the agenda's events in the mails' web views
}

// entry says how to render an output file: a page (jobs[i]), an event's
// calendar (site.Events[i]) or another file (other[i]). Plain values, not a
// closure per file: a plan is made at every rebuild of relais serve.
type entry struct {
	kind uint8
	i    int32
}

const (
	pageFile uint8 = iota
	eventCalendarFile
	otherFile
)

// NewPlan lists the output files of the site. It renders nothing. The
// theme must be loaded for the site's language and base path.
func NewPlan(s *site.Site, th *Theme) *Plan {
	p := &Plan{th: th, site: s}
	p.jobs = plan(s)
	p.resetCaches()
	for _, j := range p.jobs {
		j.data.plan = p
	}
	p.files = make(map[string]entry, len(p.jobs)+len(s.Events)+len(s.Partners)+16)
	for i, j := range p.jobs {
		p.files[j.out] = entry{pageFile, int32(i)}
	}
	for i, e := range s.Events {
		p.files[outputFile(s, site.EventCalendarURL(e))] = entry{eventCalendarFile, int32(i)}
	}
	add := func(path string, f func() ([]byte, error)) {
		p.files[path] = entry{otherFile, int32(len(p.other))}
		p.other = append(p.other, f)
	}
	for path, b := range th.assets {
		add(path, func() ([]byte, error) { return b, nil })
	}
	add("robots.txt", func() ([]byte, error) {
		var robots bytes.Buffer
		if err := th.robots.Execute(&robots, struct{ Sitemap string }{absURL(s.BaseURL, "/sitemap.xml")}); err != nil {
			return nil, fmt.Errorf("layouts/robots.txt: %w", err)
		}
		return robots.Bytes(), nil
	})
	add("sitemap.xml", func() ([]byte, error) { return sitemap(s, p.jobs) })
	add("agenda.ics", func() ([]byte, error) {
		return p.calendars.Write(s.Events, ical.Options{
			Name:        s.Title + " – " + wordsFor(s.Language)["agenda"],
			Description: s.Description,
			URL:         absURL(s.BaseURL, site.AgendaURL),
		}), nil
	})
	addFeeds(s, func() []feed.Item { return p.feedItems() }, add)
	add("agenda.json", func() ([]byte, error) { return agendaJSON(s) })
	// Each relevé's mail, as a page: what "Lire cette lettre dans le
	// navigateur" opens.
	for _, m := range s.Minutes {
		add(outputPath(s, newsletter.WebViewURL(m)), func() ([]byte, error) {
			l, err := newsletter.Compose(s, m, th.letter, newsletter.Options{Web: true, Events: p.letters})
			if err != nil {
				var list diag.List
				list.Add(diag.Pos{File: "layouts/" + newsletter.HTMLTemplate}, "rendering %s: %v", outputPath(s, newsletter.WebViewURL(m)), err)
				return nil, list
			}
			return l.HTML, nil
		})
	}
	return p
}

// resetCaches gives the plan new, empty caches of what its files share:
// partials, list items, calendar entries, feed items, the mails' agenda,
// and the search index. The search index's files are known once it is
// made: relais serve makes it when one of them is first asked for, a build
// when it lists the files.
func (p *Plan) resetCaches() {
	s := p.site
	p.calendars = ical.NewWriter(s)
	p.shared = new(sync.Map)
	p.items = sync.OnceValue(func() *itemSlots { return newItemSlots(s) })
	p.feedItems = sync.OnceValue(func() []feed.Item { return feed.Items(s, s.News, s.Minutes, s.Events) })
	p.letters = new(sync.Map)
	p.search = sync.OnceValue(func() *search.Index { return SearchIndex(s) })
	p.paths = sync.OnceValue(func() []string {
		ix := p.search()
		paths := make([]string, 0, len(p.files)+len(ix.Files))
		for path := range p.files {
			paths = append(paths, path)
		}
		for path := range ix.Files {
			paths = append(paths, searchIndexPath+path)
		}
		sort.Strings(paths)
		return paths
	})
}

// Refresh brings the plan up to date after site.Patch changed documents of
// its model in place: their pages' titles (a partner's title does not
// change), and every cache that holds what they showed. The caller makes
// sure that no file of the plan is being rendered meanwhile.
func (p *Plan) Refresh(changed site.Patched) {
	retitle := func(url, title string) {
		if f, ok := p.files[outputPath(p.site, url)]; ok && f.kind == pageFile {
			p.jobs[f.i].data.Title = title
		}
	}
	for _, n := range changed.News {
		retitle(n.URL, n.Title)
	}
	for _, e := range changed.Events {
		retitle(e.URL, e.Title)
	}
	for _, m := range changed.Minutes {
		retitle(m.URL, minutesTitle(m))
	}
	p.resetCaches()
}

// minutesTitle is the title of a meeting's page.
func minutesTitle(m *site.Minutes) string { return m.Title + ", " + date.FormatDay(m.Date.Time()) }

// Newsletter is the theme's mail templates.
func (th *Theme) Newsletter() *newsletter.Theme { return th.letter }

// Paths returns the output paths, sorted.
func (p *Plan) Paths() []string { return p.paths() }

// Site returns the model the plan renders.
func (p *Plan) Site() *site.Site { return p.site }

// Has reports whether path ("agenda/index.html") is an output file.
func (p *Plan) Has(path string) bool {
	if rest, ok := strings.CutPrefix(path, searchIndexPath); ok {
		_, ok := p.search().Files[rest]
		return ok
	}
	_, ok := p.files[path]
	return ok
}

// Render renders one output file.
func (p *Plan) Render(path string) ([]byte, error) {
	if rest, ok := strings.CutPrefix(path, searchIndexPath); ok {
		if b, ok := p.search().Files[rest]; ok {
			return b, nil
		}
		return nil, fmt.Errorf("%s: %w", path, fs.ErrNotExist)
	}
	f, ok := p.files[path]
	if !ok {
		return nil, fmt.Errorf("%s: %w", path, fs.ErrNotExist)
	}
	switch f.kind {
	case pageFile:
		return p.th.page(p.jobs[f.i])
	case eventCalendarFile:
		e := p.site.Events[f.i]
		return p.calendars.Write([]*site.Event{e}, ical.Options{Name: e.Title, URL: p.site.AbsURL(e.URL)}), nil
	}
	return p.other[f.i]()
}

// page renders one HTML page.
func (th *Theme) page(j job) ([]byte, error) {
	if th.basePath != j.data.Site.BasePath {
		// A caller's mistake, not the content's: relURL would write wrong links.
		return nil, fmt.Errorf("%s: the theme was loaded for the base path %q, the site has %q", j.out, th.basePath, j.data.Site.BasePath)
	}
	pt := th.pages[j.template]
	var buf bytes.Buffer
	// Most pages of a kind have about the same size: one allocation, not
	// the many of a buffer growing from nothing.
	buf.Grow(int(pt.size.Load()))
	if err := pt.root.Execute(&buf, j.data); err != nil {
		var list diag.List
		list.Add(diag.Pos{File: "layouts/" + j.template}, "rendering %s: %v", j.out, templateMsg(err))
		return nil, list
	}
	if n := int64(buf.Len()) + 512; n > pt.size.Load() {
		pt.size.Store(n)
	}
	return buf.Bytes(), nil
}

// All renders every output file of the site, in parallel; the result does
// not depend on the order the workers take the files in.
func All(s *site.Site, th *Theme) (Output, error) {
	return NewPlan(s, th).All()
}

// All renders every file of the plan.
func (p *Plan) All() (Output, error) {
	out := make(Output, len(p.files))
	results := make([][]byte, len(p.Paths()))
	err := p.each(func(i int, b []byte) { results[i] = b })
	if err != nil {
		return nil, err
	}
	for i, path := range p.Paths() {
		out[path] = results[i]
	}
	return out, nil
}

// Check renders every file of the plan and keeps none: templates can fail
// on some data (relais check).
func (p *Plan) Check() error {
	return p.each(func(int, []byte) {})
}

// each renders every file, in parallel, giving each to keep (with its index
// in Paths), and returns the problems of all the files that failed.
func (p *Plan) each(keep func(i int, b []byte)) error {
	paths := p.Paths()
	errs := make([]error, len(paths))
	parallel.For(len(paths), func(i int) {
		b, err := p.Render(paths[i])
		if err != nil {
			errs[i] = err
			return
		}
		keep(i, b)
	})
	var list diag.List
	for _, err := range errs {
		var l diag.List
		switch {
		case err == nil:
		case errors.As(err, &l):
			list.Append(l)
		default:
			return err
		}
	}
	return list.Err()
}

func templateMsg(err error) string {
	msg := err.Error()
	if i := strings.Index(msg, "template: "); i >= 0 {
		msg = msg[i+len("template: "):]
	}
	return msg
}

// outputPath maps a page URL ("/agenda/", "/reseau/agenda/" under a base
// path) to its file ("agenda/index.html").
func outputPath(s *site.Site, url string) string {
	p := outputFile(s, url)
	if p == "" || strings.HasSuffix(p, "/") {
		return p + "index.html"
	}
	return p
}

// outputFile maps the URL of a file ("/reseau/agenda.ics") to its path in
// the output ("agenda.ics").
func outputFile(s *site.Site, url string) string {
	return strings.TrimPrefix(strings.TrimPrefix(url, s.BasePath), "/")
}

// absURL makes a site path absolute when the base URL is known.
func absURL(base, p string) string {
	if base == "" {
		return p
	}
	return base + p
}

// NewsPerPage is the number of news items on each page of the news lists.
const NewsPerPage = 20

func paginate(n int) int {
	if n == 0 {
		return 1
	}
	return (n + NewsPerPage - 1) / NewsPerPage
}

// plan lists every page of the site with its data.
func plan(s *site.Site) []job {
	w := wordsFor(s.Language)
	jobs := make([]job, 0, len(s.Events)+len(s.Minutes)+len(s.News)+paginate(len(s.News))+2*len(s.Partners)+len(s.Pages)+16)
	add := func(tmpl string, p *Page) {
		p.Site = s
		p.Kind = strings.TrimSuffix(tmpl, ".html")
		jobs = append(jobs, job{out: outputPath(s, p.URL), template: tmpl, data: p})
	}
	add("home.html", &Page{URL: s.RelURL(site.HomeURL), describe: func() string { return s.Description }})
	add("agenda.html", &Page{URL: s.RelURL(site.AgendaURL), Title: w["agenda"], Section: "agenda",
		describe: func() string { return fmt.Sprintf(w["desc.agenda"], s.Title) }, Groups: byMonth(s.Upcoming)})
	add("agenda-archives.html", &Page{URL: s.RelURL(site.AgendaArchiveURL), Title: w["agenda.archives"], Section: "agenda",
		describe: func() string { return fmt.Sprintf(w["desc.archives"], s.Title) }, Groups: byMonth(s.Past)})
	for _, e := range s.Events {
		add("event.html", &Page{URL: e.URL, Title: e.Title, Section: "agenda", Event: e})
	}
	years := byYear(s.Minutes)
	var yearPages []YearPage
	if len(years) > 1 {
		for _, y := range years {
			yearPages = append(yearPages, YearPage{Year: y.Year, URL: s.RelURL(site.MinutesYearURL(y.Year))})
		}
	}
	add("minutes-archive.html", &Page{URL: s.RelURL(site.MinutesURL), Title: w["minutes"], Section: "releves",
		describe: func() string { return fmt.Sprintf(w["desc.minutes"], s.Title) }, Years: years, YearPages: yearPages})
	for i, yp := range yearPages {
		add("minutes-archive.html", &Page{URL: yp.URL, Title: fmt.Sprintf("%s %d", w["minutes.year"], yp.Year),
			Section: "releves", describe: func() string { return fmt.Sprintf(w["desc.minutesYear"], yp.Year, s.Title) },
			Years: years[i : i+1], Year: yp.Year, YearPages: yearPages})
	}
	for _, m := range s.Minutes {
		add("minutes.html", &Page{URL: m.URL, Title: minutesTitle(m), Section: "releves", Minutes: m,
			describe: func() string { return fmt.Sprintf(w["desc.minutesOne"], m.Title, date.FormatDay(m.Date.Time())) }})
	}
	pages := paginate(len(s.News))
	for n := 1; n <= pages; n++ {
		lo, hi := (n-1)*NewsPerPage, min(n*NewsPerPage, len(s.News))
		title := w["news"]
		if n > 1 {
			title += fmt.Sprintf(" – page %d", n)
		}
		newsPage := func(n int) string { return s.RelURL(site.NewsPageURL(n)) }
		add("news-list.html", &Page{URL: newsPage(n), Title: title, Section: "actualites",
			describe: func() string { return fmt.Sprintf(w["desc.news"], s.Title) }, News: s.News[lo:hi],
			Pager: newPager(n, pages, newsPage)})
	}
	for _, n := range s.News {
		add("news.html", &Page{URL: n.URL, Title: n.Title, Section: "actualites", NewsItem: n})
	}
	add("partners.html", &Page{URL: s.RelURL(site.PartnersURL), Title: w["partners"], Section: "partenaires",
		describe: func() string { return fmt.Sprintf(w["desc.partners"], s.Title) }})
	for _, p := range s.Partners {
		pages := paginate(len(p.News))
		for n := 1; n <= pages; n++ {
			lo, hi := (n-1)*NewsPerPage, min(n*NewsPerPage, len(p.News))
			title := p.Title
			if n > 1 {
				title += fmt.Sprintf(" – page %d", n)
			}
			partnerPage := func(n int) string { return s.RelURL(site.PartnerNewsPageURL(p.Slug, n)) }
			add("partner.html", &Page{URL: partnerPage(n), Title: title, Section: "partenaires", Partner: p,
				News: p.News[lo:hi], describe: func() string { return summary(p.Summary, fmt.Sprintf(w["desc.partner"], p.Title, s.Title)) },
				Pager: newPager(n, pages, partnerPage)})
		}
	}
	for _, fp := range s.Pages {
		add("page.html", &Page{URL: fp.URL, Title: fp.Title, FreePage: fp, describe: func() string { return summary(fp.Summary, fp.Title) }})
	}
	add("widget.html", &Page{URL: s.RelURL(site.WidgetURL), Title: w["agenda.upcoming"],
		describe: func() string { return fmt.Sprintf(w["desc.widget"], s.Title) }})
	add("search.html", &Page{URL: s.RelURL(site.SearchURL), Title: w["search"], describe: func() string { return fmt.Sprintf(w["desc.search"], s.Title) }})
	add("site-plan.html", &Page{URL: s.RelURL(site.SitePlanURL), Title: w["siteplan"], describe: func() string { return fmt.Sprintf(w["desc.siteplan"], s.Title) }})
	add("404.html", &Page{URL: s.RelURL("/404.html"), Title: w["notfound"], describe: func() string { return w["notfound.text"] }})
	return jobs
}

func eventDescription(e *site.Event) string {
	d := e.When
	if e.Location != "" {
		d += ", " + e.Location
	} else if e.Online != "" {
		d += ", en ligne"
	}
	d += "."
	if e.Summary != "" {
		d += " " + e.Summary
	}
	return summary(date.Capitalize(d), e.Title)
}

// summary cuts s at a word boundary to fit a description meta tag.
func summary(s, fallback string) string {
	if s = strings.TrimSpace(s); s == "" {
		return fallback
	}
	return markdown.Truncate(s, 200)
}

// addFeeds plans the site's RSS and JSON feeds, which share their items,
// and each partner's RSS feed.
func addFeeds(s *site.Site, items func() []feed.Item, add func(path string, f func() ([]byte, error))) {
	mainFeed := func(self string) feed.Feed {
		f := feed.Feed{
			Title: s.Title, Link: absURL(s.BaseURL, "/"), Self: absURL(s.BaseURL, self),
			Description: s.Description, Language: s.Language, Updated: s.Now,
			Items: items(),
		}
		if f.Description == "" {
			f.Description = s.Title
		}
		return f
	}
	add(strings.TrimPrefix(site.FeedURL, "/"), func() ([]byte, error) { return feed.RSS(mainFeed(site.FeedURL)) })
	add(strings.TrimPrefix(site.JSONFeedURL, "/"), func() ([]byte, error) { return feed.JSON(mainFeed(site.JSONFeedURL)) })
	for _, p := range s.Partners {
		add(outputFile(s, site.PartnerFeedURL(p)), func() ([]byte, error) {
			return feed.RSS(feed.Feed{
				Title: p.Title + " – " + s.Title, Link: s.AbsURL(p.URL), Self: s.AbsURL(site.PartnerFeedURL(p)),
				Description: summary(p.Summary, fmt.Sprintf(wordsFor(s.Language)["desc.partner"], p.Title, s.Title)), Language: s.Language, Updated: s.Now,
				Items: feed.Items(s, p.News, nil, p.Events),
			})
		})
	}
}
