// Package site builds the immutable model of a site from its loaded content at
// a given "now": it resolves references between files (partners, minutes,
// organizers, links), enforces the rules that span files (duplicate slugs,
// unknown or draft references), converts bodies to HTML, and sorts and groups
// everything the pages show. Nothing after it mutates the model or reads the clock.
package site

import (
	"fmt"
	"path"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"relais/internal/content"
	"relais/internal/date"
	"relais/internal/diag"
	"relais/internal/markdown"
	"relais/internal/parallel"
	"relais/internal/safety"
)

// Options set what the model depends on besides the content.
type Options struct {
	Now     time.Time
	Drafts  bool   // include drafts
	BaseURL string // overrides base_url of the settings when not empty
	Cache   *Cache // converted bodies kept between builds; nil for none

	// ReleaseSources lets each document's Markdown go (Doc.Body = nil) once
	// it is converted, when the tree serves no other build: the sources of
	// a large site are a third of its model's memory.
	ReleaseSources bool

	// Origin, when set, replaces the scheme and host of the base URL and
	// keeps its path: relais serve serves the site from its own address,
	// under the path it is published at.
	Origin string
}

// builder holds the indexes used while building.
type builder struct {
	tree  *content.Tree
	opts  Options
	md    *markdown.Converter
	errs  diag.List
	site  *Site
	urls  map[string]string // content path → page URL, for published documents
	draft map[string]bool   // content paths of drafts left out

	partners      map[string]*Partner
	minutes       map[string]*Minutes
	converted     map[*content.Doc]conversion
	french        bool            // the site is in French: French typography in texts
	partnerDrafts map[string]bool // every partner slug → is a draft
	minutesDrafts map[string]bool // every minutes id → is a draft
}

// Build makes the model. The returned list holds every problem found, fatal
// or not; the model is nil when there is a fatal one.
func Build(tree *content.Tree, md *markdown.Converter, opts Options) (*Site, diag.List) {
	n := len(tree.Partners) + len(tree.Minutes) + len(tree.News) + len(tree.Events) + len(tree.Pages) + 1
	b := &builder{tree: tree, opts: opts, md: md, urls: make(map[string]string, n), draft: map[string]bool{},
		partners: map[string]*Partner{}, minutes: map[string]*Minutes{},
		partnerDrafts: map[string]bool{}, minutesDrafts: map[string]bool{}}
	for _, p := range tree.Partners {
		b.partnerDrafts[p.Slug] = p.Draft
	}
	for _, m := range tree.Minutes {
		b.minutesDrafts[m.Slug] = m.Draft
	}
	b.build()
	if b.errs.Err() != nil {
		return nil, b.errs
	}
	return b.site, b.errs
}

func (b *builder) build() {
	set := b.tree.Settings
	s := &Site{
		Language: set.Language,
		BaseURL:  strings.TrimSuffix(set.BaseURL, "/"), Location: set.Location,
		Now: b.opts.Now.In(set.Location), Params: set.Params,
	}
	if b.opts.BaseURL != "" {
		s.BaseURL = strings.TrimSuffix(b.opts.BaseURL, "/")
	}
	if s.BaseURL != "" {
		var origin string
		origin, s.BasePath = splitBaseURL(s.BaseURL)
		if s.BasePath != "" {
			s.BaseURL = origin + s.BasePath
		}
	}
	if b.opts.Origin != "" {
		s.BaseURL = strings.TrimSuffix(b.opts.Origin, "/") + s.BasePath
	}
	b.site = s
	b.french = strings.HasPrefix(strings.ToLower(set.Language), "fr")
	s.Title, s.Description = b.text(set.Title), b.text(set.Description)
	b.urls[set.Path] = s.RelURL(HomeURL)
	b.indexURLs()
	b.convertAll()

	for _, p := range b.tree.Partners {
		if b.skip(&p.Doc) {
			continue
		}
		x := &Partner{Slug: p.Slug, Title: b.text(p.Title), Short: p.Short, Website: p.Website, URL: s.RelURL(partnerURL(p.Slug)), Source: p.Path, Params: p.Params}
		x.Body = b.convert(&p.Doc)
		b.partners[p.Slug] = x
		s.Partners = append(s.Partners, x)
	}
	for _, m := range b.tree.Minutes {
		if b.skip(&m.Doc) {
			continue
		}
		x := &Minutes{ID: m.Slug, Title: b.text(m.Title), Place: b.text(m.Place), Date: m.Date, URL: s.RelURL(minutesURL(m.Slug)), Source: m.Path, Params: m.Params}
		x.Body = b.convert(&m.Doc)
		b.minutes[m.Slug] = x
		s.Minutes = append(s.Minutes, x)
	}
	// News and events need the partners and minutes, not each other: they
	// are made side by side (a rebuild of relais serve waits on this), each
	// by a copy of the builder with its own problems, added in order after.
	nb, eb := *b, *b
	nb.errs, eb.errs = nil, nil
	var wg sync.WaitGroup
	wg.Go(func() { s.News = nb.newsItems() })
	s.Events = eb.events()
	wg.Wait()
	b.errs.Append(nb.errs)
	b.errs.Append(eb.errs)
	for _, p := range b.tree.Pages {
		if b.skip(&p.Doc) {
			continue
		}
		x := &Page{Slug: p.Slug, Title: b.text(p.Title), URL: s.RelURL(pageURL(p.Slug)), Menu: p.Menu, Weight: p.Weight, Source: p.Path, Params: p.Params}
		x.Body = b.convert(&p.Doc)
		s.Pages = append(s.Pages, x)
	}
	intro := b.convert(&set.Doc)
	s.Intro = intro.HTML
	b.relate()
}

// newsItems makes the published news items.
func (b *builder) newsItems() []*News {
	var out []*News
	for _, n := range b.tree.News {
		if b.skip(&n.Doc) {
			continue
		}
		out = append(out, b.newsItem(n))
	}
	return out
}

// newsItem makes one news item.
func (b *builder) newsItem(n *content.News) *News {
	x := &News{Slug: n.Slug, Title: b.text(n.Title), Date: n.Date, URL: b.site.RelURL(newsURL(n.Slug)), Source: n.Path, Params: n.Params}
	x.Body = b.convert(&n.Doc)
	if n.Partner != "" { // a missing one was reported by the loader
		x.Partner = b.partner(&n.Doc, "partner", n.Partner)
	}
	if n.Minutes != "" {
		x.Minutes = b.minutesRef(&n.Doc, n.Minutes)
	}
	return x
}

// events makes the published events.
func (b *builder) events() []*Event {
	var out []*Event
	for _, e := range b.tree.Events {
		if b.skip(&e.Doc) {
			continue
		}
		out = append(out, b.event(e))
	}
	return out
}

// text applies the site language's typography to a text of the front matter.
func (b *builder) text(s string) string {
	if b.french {
		return b.opts.Cache.frenchSpaces(s)
	}
	return s
}

// skip reports whether a document is a draft left out of this build.
func (b *builder) skip(d *content.Doc) bool {
	return d.Draft && !b.opts.Drafts
}

// indexURLs maps every content file to its page URL and reports slugs that
// two files share, and free pages that would take a section's URL.
func (b *builder) indexURLs() {
	t := b.tree
	seen := make(map[string]string, len(t.Partners)+len(t.Minutes)+len(t.News)+len(t.Events)+len(t.Pages))
	// Within a section, the same slug is the same URL.
	add := func(d *content.Doc, url string) {
		if other, dup := seen[url]; dup {
			b.errs.Add(diag.Pos{File: d.Path, Line: 1}, "duplicate slug %q: %s has the same file name, and both would be published at %s", d.Slug, other, url)
			return
		}
		seen[url] = d.Path
		if b.skip(d) {
			b.draft[d.Path] = true
			return
		}
		b.urls[d.Path] = b.site.RelURL(url)
	}
	for _, x := range t.Partners {
		add(&x.Doc, partnerURL(x.Slug))
	}
	for _, x := range t.Minutes {
		add(&x.Doc, minutesURL(x.Slug))
	}
	for _, x := range t.News {
		add(&x.Doc, newsURL(x.Slug))
	}
	for _, x := range t.Events {
		add(&x.Doc, eventURL(x.Slug))
	}
	for _, x := range t.Pages {
		if what, taken := reservedSlugs[x.Slug]; taken {
			b.errs.Add(diag.Pos{File: x.Path, Line: 1}, "a free page cannot be named %q: /%s/ is %s (rename the file)", x.Slug, x.Slug, what)
			continue
		}
		add(&x.Doc, pageURL(x.Slug))
	}
}

// convert renders a document's body, rewriting links to other content files.
func (b *builder) convert(d *content.Doc) Body {
	c := b.converted[d]
	for _, p := range c.problems {
		pos := diag.Pos{File: d.Path, Line: d.BodyLine + p.Line - 1}
		if p.Warning {
			b.errs.Warn(pos, "%s", p.Msg)
		} else {
			b.errs.Add(pos, "%s", p.Msg)
		}
	}
	if !d.PublishPrivate {
		for _, f := range c.secrets {
			b.errs.Add(diag.Pos{File: d.Path, Line: d.BodyLine + f.Line - 1}, "%s (if it must be published, set publish_private: true)", f.Msg)
		}
	}
	return c.body
}

// conversion is a converted body and what the conversion found wrong.
type conversion struct {
	body     Body
	problems []markdown.Problem
	secrets  []safety.Finding // passcodes and the like in the text
}

// convertAll converts the bodies of every published document, on all cores.
// It runs after indexURLs: links resolve against the URLs, which no one
// changes while it runs.
func (b *builder) convertAll() {
	var docs []*content.Doc
	add := func(d *content.Doc) {
		if !b.skip(d) {
			docs = append(docs, d)
		}
	}
	t := b.tree
	add(&t.Settings.Doc)
	for _, x := range t.Partners {
		add(&x.Doc)
	}
	for _, x := range t.Minutes {
		add(&x.Doc)
	}
	for _, x := range t.News {
		add(&x.Doc)
	}
	for _, x := range t.Events {
		add(&x.Doc)
	}
	for _, x := range t.Pages {
		add(&x.Doc)
	}
	results := make([]conversion, len(docs))
	urlsSame := b.opts.Cache != nil && b.opts.Cache.sameURLs(b.urls, b.draft)
	parallel.For(len(docs), func(i int) {
		d := docs[i]
		resolve := func(dest string) (string, error) { return b.resolve(d, dest) }
		if b.opts.Cache != nil {
			results[i] = b.opts.Cache.convert(b.md, d.Path, d.Body, t.Settings.UnsafeHTML, b.french, b.site.BasePath, urlsSame, resolve)
			return
		}
		res := b.md.Convert(d.Body, markdown.Options{UnsafeHTML: t.Settings.UnsafeHTML, French: b.french, TextLimit: textLimit(d.Path), BasePath: b.site.BasePath, Resolve: resolve})
		results[i] = conversion{body: Body{HTML: res.HTML, Summary: res.Summary, Text: res.Text, Headings: res.Headings},
			problems: res.Problems, secrets: safety.ScanText(string(d.Body))}
		if b.opts.ReleaseSources {
			d.Body = nil
		}
	})
	b.converted = make(map[*content.Doc]conversion, len(docs))
	for i, d := range docs {
		b.converted[d] = results[i]
	}
}

// textLimit is how much of a body's plain text (Body.Text) the site uses:
// all of an event's (its calendar's description); of the others, what the
// feeds' summaries keep (300 characters in feed.summary, after a line about
// the meeting for minutes).
func textLimit(path string) int {
	if content.SectionOf(path) == "events" {
		return 0
	}
	return 400
}

// resolve maps a relative link to a content file, as written in d, to its URL.
func (b *builder) resolve(d *content.Doc, dest string) (string, error) {
	target, frag, _ := strings.Cut(dest, "#")
	if i := strings.IndexByte(target, '?'); i >= 0 {
		target = target[:i]
	}
	p := path.Join(path.Dir(d.Path), target)
	if u, ok := b.urls[p]; ok {
		if frag != "" {
			u += "#" + frag
		}
		return u, nil
	}
	if b.draft[p] {
		return "", fmt.Errorf("link to %s, which is a draft: publish it or remove the link", p)
	}
	msg := fmt.Sprintf("link to %s: no such content file", p)
	if near := b.nearestFile(p); near != "" {
		msg += fmt.Sprintf("; did you mean %s?", relPath(path.Dir(d.Path), near))
	}
	return "", fmt.Errorf("%s", msg)
}

// nearestFile suggests the published file an editor probably meant: the
// closest in spelling, else the one in the same folder whose name starts
// with what was written ("forum-lycee.md" for "forum-lycee-saint-aignan.md").
func (b *builder) nearestFile(p string) string {
	known := make([]string, 0, len(b.urls))
	for k := range b.urls {
		known = append(known, k)
	}
	sort.Strings(known)
	if near := content.Nearest(p, known); near != "" {
		return near
	}
	stem := strings.TrimSuffix(p, ".md")
	for _, k := range known {
		if path.Dir(k) == path.Dir(p) && strings.HasPrefix(k, stem) {
			return k
		}
	}
	return ""
}

func relPath(from, to string) string {
	f := strings.Split(from, "/")
	t := strings.Split(to, "/")
	i := 0
	for i < len(f) && i < len(t)-1 && f[i] == t[i] {
		i++
	}
	return strings.Repeat("../", len(f)-i) + strings.Join(t[i:], "/")
}

// partner resolves a partner slug written under key in d.
func (b *builder) partner(d *content.Doc, key, slug string) *Partner {
	if p, ok := b.partners[slug]; ok {
		return p
	}
	b.unknownRef(d, key, "partner", slug, "partners", b.partnerDrafts)
	return nil
}

func (b *builder) minutesRef(d *content.Doc, id string) *Minutes {
	if m, ok := b.minutes[id]; ok {
		return m
	}
	b.unknownRef(d, "minutes", "minutes", id, "minutes", b.minutesDrafts)
	return nil
}

// unknownRef reports a reference to a document that is missing, or that is a
// draft left out of this build. drafts maps every slug of the section to
// whether it is a draft.
func (b *builder) unknownRef(d *content.Doc, key, what, slug, section string, drafts map[string]bool) {
	pos := diag.Pos{File: d.Path, Line: d.Line(key)}
	target := content.Root + "/" + section + "/" + slug + ".md"
	if drafts[slug] {
		b.errs.Add(pos, "%s %q is a draft (%s): publish it or remove the reference", what, slug, target)
		return
	}
	slugs := make([]string, 0, len(drafts))
	for s := range drafts {
		slugs = append(slugs, s)
	}
	sort.Strings(slugs)
	msg := fmt.Sprintf("unknown %s %q: there is no %s", what, slug, target)
	if near := content.Nearest(slug, slugs); near != "" {
		msg += fmt.Sprintf("; did you mean %q?", near)
	}
	b.errs.Add(pos, "%s", msg)
}

func (b *builder) event(e *content.Event) *Event {
	x := &Event{Slug: e.Slug, Title: b.text(e.Title), URL: b.site.RelURL(eventURL(e.Slug)), Source: e.Path, Params: e.Params,
		Start: e.Start, End: e.End, Slots: e.Slots, Location: b.text(e.Location), Online: e.Online,
		Status: e.Status, Announced: e.Date}
	x.Body = b.convert(&e.Doc)
	if !e.Start.IsZero() {
		x.When = b.opts.Cache.when(e, func() string { return date.FormatEvent(e.Start, e.End, e.Slots) })
		x.Ends = endOf(e, b.site.Location)
	}
	if e.Organizer != "" {
		if p, ok := b.partners[e.Organizer]; ok {
			x.OrganizerPartner = p
		} else {
			x.Organizer = b.text(e.Organizer)
			if looksLikeSlug(e.Organizer) {
				b.unknownRef(&e.Doc, "organizer", "partner", e.Organizer, "partners", b.partnerDrafts)
			}
		}
	}
	for _, slug := range e.Partners {
		if p := b.partner(&e.Doc, "partners", slug); p != nil {
			x.Partners = append(x.Partners, p)
		}
	}
	if e.Minutes != "" {
		x.Minutes = b.minutesRef(&e.Doc, e.Minutes)
	}
	if x.Announced.IsZero() && x.Minutes != nil {
		x.Announced = x.Minutes.Date
	}
	if r := e.Registration; r != nil {
		x.Registration = &Registration{URL: r.URL, Deadline: r.Deadline}
		if !r.Deadline.IsZero() {
			x.Registration.Closes = r.Deadline.Time()
			if r.Deadline.IsDay() {
				x.Registration.Closes = nextMidnight(r.Deadline.Time(), b.site.Location)
			}
		}
	}
	return x
}

// looksLikeSlug tells an organizer written as a partner slug ("cap-emploi")
// from free text ("Lycée Val de Cher"), to catch misspelt slugs.
func looksLikeSlug(s string) bool {
	if !strings.Contains(s, "-") {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
			return false
		}
	}
	return true
}

// endOf is the instant an event is over: the end of its last slot, its end
// time, or the midnight after its last day. A timed event without an end stays
// on the agenda until the end of its day.
func endOf(e *content.Event, loc *time.Location) time.Time {
	if n := len(e.Slots); n > 0 {
		last := e.Slots[0].End.Time()
		for _, s := range e.Slots[1:] {
			if s.End.Time().After(last) {
				last = s.End.Time()
			}
		}
		if e.End.IsZero() || e.End.IsDay() {
			return last
		}
	}
	switch {
	case !e.End.IsZero() && !e.End.IsDay():
		return e.End.Time()
	case !e.End.IsZero():
		return nextMidnight(e.End.Time(), loc)
	default:
		return nextMidnight(e.Start.Time(), loc)
	}
}

// nextMidnight is the start of the day after t's day, in loc (23 or 25 hours
// later on daylight-saving days).
func nextMidnight(t time.Time, loc *time.Location) time.Time {
	y, m, d := t.In(loc).Date()
	return time.Date(y, m, d+1, 0, 0, 0, 0, loc)
}

// relate sorts every list and links documents to each other.
func (b *builder) relate() {
	s := b.site
	col := collate.New(language.French, collate.Loose)
	sort.SliceStable(s.Partners, func(i, j int) bool {
		if c := col.CompareString(s.Partners[i].Title, s.Partners[j].Title); c != 0 {
			return c < 0
		}
		return s.Partners[i].Slug < s.Partners[j].Slug
	})
	sort.SliceStable(s.Pages, func(i, j int) bool {
		if c := col.CompareString(s.Pages[i].Title, s.Pages[j].Title); c != 0 {
			return c < 0
		}
		return s.Pages[i].Slug < s.Pages[j].Slug
	})
	sort.SliceStable(s.Minutes, func(i, j int) bool {
		a, c := s.Minutes[i], s.Minutes[j]
		if !a.Date.Time().Equal(c.Date.Time()) {
			return a.Date.Time().After(c.Date.Time())
		}
		return a.ID > c.ID
	})
	for i, m := range s.Minutes {
		if i > 0 {
			m.Next = s.Minutes[i-1]
		}
		if i+1 < len(s.Minutes) {
			m.Prev = s.Minutes[i+1]
		}
	}
	var wg sync.WaitGroup
	wg.Go(func() { slices.SortStableFunc(s.News, newestNewsFirst) })
	slices.SortStableFunc(s.Events, soonestEventFirst)
	for _, e := range s.Events {
		if e.HasEnded(s.Now) {
			s.Past = append(s.Past, e)
		} else {
			s.Upcoming = append(s.Upcoming, e)
		}
	}
	sortPast(s.Past)
	wg.Wait()
	for _, n := range s.News {
		if n.Partner != nil {
			n.Partner.News = append(n.Partner.News, n)
		}
		if n.Minutes != nil {
			n.Minutes.News = append(n.Minutes.News, n)
		}
	}
	order := make(map[*Partner]int, len(s.Partners))
	for i, p := range s.Partners {
		order[p] = i
	}
	for _, e := range s.Events {
		// The partners involved, once each, in the partners' order.
		var involved []*Partner
		if e.OrganizerPartner != nil {
			involved = append(involved, e.OrganizerPartner)
		}
		for _, p := range e.Partners {
			if !slices.Contains(involved, p) {
				involved = append(involved, p)
			}
		}
		sort.Slice(involved, func(i, j int) bool { return order[involved[i]] < order[involved[j]] })
		for _, p := range involved {
			p.Events = append(p.Events, e)
			if e.HasEnded(s.Now) {
				p.Past = append(p.Past, e)
			} else {
				p.Upcoming = append(p.Upcoming, e)
			}
		}
		if e.Minutes != nil {
			e.Minutes.Events = append(e.Minutes.Events, e)
		}
	}
	for _, p := range s.Partners {
		sortPast(p.Past)
	}
	for _, m := range s.Minutes {
		m.NewsByPartner = groupByPartner(m.News, order)
	}
	for _, p := range s.Pages {
		switch p.Menu {
		case "main":
			s.MainMenu = append(s.MainMenu, p)
		case "footer":
			s.FooterMenu = append(s.FooterMenu, p)
		}
	}
	byWeight := func(menu []*Page) {
		sort.SliceStable(menu, func(i, j int) bool { return menu[i].Weight < menu[j].Weight })
	}
	byWeight(s.MainMenu)
	byWeight(s.FooterMenu)
}

// sortPast orders past events most recent first, by start.
func sortPast(events []*Event) {
	slices.SortStableFunc(events, func(a, b *Event) int {
		if c := b.Start.Time().Compare(a.Start.Time()); c != 0 {
			return c
		}
		return strings.Compare(a.Slug, b.Slug)
	})
}

// groupByPartner groups news by partner, in the partners' order (order:
// each partner's index in Site.Partners), without going through every
// partner for every meeting: sites with more meetings have more partners.
func groupByPartner(news []*News, order map[*Partner]int) []PartnerNews {
	var groups []PartnerNews
	at := map[*Partner]int{} // partner → its group
	for _, n := range news {
		if _, known := order[n.Partner]; !known {
			continue
		}
		i, ok := at[n.Partner]
		if !ok {
			i = len(groups)
			at[n.Partner] = i
			groups = append(groups, PartnerNews{Partner: n.Partner})
		}
		groups[i].News = append(groups[i].News, n)
	}
	slices.SortFunc(groups, func(a, b PartnerNews) int { return order[a.Partner] - order[b.Partner] })
	return groups
}

// newestNewsFirst orders news by date, newest first, then by slug.
func newestNewsFirst(a, b *News) int {
	if c := b.Date.Time().Compare(a.Date.Time()); c != 0 {
		return c
	}
	return strings.Compare(a.Slug, b.Slug)
}

// soonestEventFirst orders events by start, then end, then slug.
func soonestEventFirst(a, b *Event) int {
	if c := a.Start.Time().Compare(b.Start.Time()); c != 0 {
		return c
	}
	if c := a.Ends.Compare(b.Ends); c != 0 {
		return c
	}
	return strings.Compare(a.Slug, b.Slug)
}
