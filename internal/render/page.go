package render

import (
	"encoding/xml"
	"fmt"
	"html/template"
	"strconv"
	"strings"
	"time"

	"relais/internal/date"
	"relais/internal/markdown"
	"relais/internal/site"
)

// Page is what every page template receives.
type Page struct {
	Site     *site.Site
	Kind     string        // the template name without .html: "event", "agenda"...
	URL      string        // the page's link, under the base path: "/agenda/", "/reseau/agenda/"
	Title    string        // the page's own title; empty on the home page
	describe func() string // the description of a list page, computed when the page is rendered
	plan     *Plan         // the build the page belongs to
	Section  string        // the navigation entry it belongs to: "agenda", "releves", "actualites", "partenaires"

	Event    *site.Event
	Minutes  *site.Minutes
	NewsItem *site.News
	Partner  *site.Partner
	FreePage *site.Page

	News   []*site.News // the news of this page of a list
	Pager  *Pager
	Groups []MonthGroup // agenda pages
	Years  []YearGroup  // minutes archive
	// Year is the year of a minutes archive page of one year; YearPages
	// links them all, when there are several years.
	Year      int
	YearPages []YearPage
}

// YearPage is the archive page of one year of minutes.
type YearPage struct {
	Year int
	URL  string
}

// Description is the page's description meta tag. It is computed when the
// page is rendered, not when the site is planned: a rebuild in relais serve
// renders a few pages, not all.
func (p *Page) Description() string {
	switch {
	case p.describe != nil:
		return p.describe()
	case p.Event != nil:
		return eventDescription(p.Event)
	case p.NewsItem != nil:
		return summary(p.NewsItem.Summary, p.NewsItem.Title)
	}
	return ""
}

// Canonical is the page's URL, absolute when the base URL is known. It is
// made when the page is rendered: relais serve plans every page at each
// rebuild and renders a few.
func (p *Page) Canonical() string { return p.Site.AbsURL(p.URL) }

// sitePath is the page's path from the site's root: its URL without the
// base path.
func (p *Page) sitePath() string { return strings.TrimPrefix(p.URL, p.Site.BasePath) }

// NavKey is what the header's navigation depends on: the section, and the
// page itself when it is one of the navigation's entries.
func (p *Page) NavKey() string {
	key := p.Section + "|"
	switch p.sitePath() {
	case site.HomeURL, site.AgendaURL, site.MinutesURL, site.NewsURL, site.PartnersURL:
		key += p.URL
	}
	for _, m := range p.Site.MainMenu {
		if m.URL == p.URL {
			key += p.URL
		}
	}
	return key
}

// HeadKey is what partials/head.html depends on: the partner whose feed it
// links.
func (p *Page) HeadKey() string {
	if p.Partner != nil {
		return p.Partner.Slug
	}
	return ""
}

// BrandKey is what partials/brand.html depends on: whether the page is the
// home page, which its link marks as current.
func (p *Page) BrandKey() string {
	if p.sitePath() == site.HomeURL {
		return "home"
	}
	return ""
}

// SearchKey is what partials/search-field.html depends on: whether the
// page is the search page, which has its own field.
func (p *Page) SearchKey() string {
	if p.sitePath() == site.SearchURL {
		return "search"
	}
	return ""
}

// SearchVersion is the version of the search index: the search page
// changes with it, so that relais serve reloads the page after an edit
// and the browser fetches the new index, never one from its cache.
func (p *Page) SearchVersion() string { return p.plan.search().Version }

// SearchKinds are the kinds of pages the search page can keep to, with the
// keys of their names in words.go ("Relevé|Relevés").
func (p *Page) SearchKinds() []string { return []string{"m", "n", "e", "p", "g"} }

// FooterKey is what the footer depends on: the partner whose feed it
// offers, and the page itself when it is one of the footer's entries.
func (p *Page) FooterKey() string {
	key := "|"
	if p.Partner != nil {
		key = p.Partner.Slug + "|"
	}
	if p.sitePath() == site.SitePlanURL {
		key += p.URL
	}
	for _, m := range p.Site.FooterMenu {
		if m.URL == p.URL {
			key += p.URL
		}
	}
	return key
}

// MonthGroup is a month of the agenda.
type MonthGroup struct {
	Month  string // "Octobre 2021"
	ID     string // "2021-10"
	Events []*site.Event
}

// byMonth groups events by the month they start in, keeping their order.
func byMonth(events []*site.Event) []MonthGroup {
	var groups []MonthGroup
	for _, e := range events {
		t := e.Start.Time()
		id := t.Format("2006-01")
		if n := len(groups); n == 0 || groups[n-1].ID != id {
			groups = append(groups, MonthGroup{Month: date.FormatMonth(t), ID: id})
		}
		g := &groups[len(groups)-1]
		g.Events = append(g.Events, e)
	}
	return groups
}

// YearGroup is a year of the minutes archive.
type YearGroup struct {
	Year    int
	Minutes []*site.Minutes
}

func byYear(minutes []*site.Minutes) []YearGroup {
	var groups []YearGroup
	for _, m := range minutes {
		y := m.Date.Time().Year()
		if n := len(groups); n == 0 || groups[n-1].Year != y {
			groups = append(groups, YearGroup{Year: y})
		}
		g := &groups[len(groups)-1]
		g.Minutes = append(g.Minutes, m)
	}
	return groups
}

// Pager links the pages of a paginated list.
type Pager struct {
	Page, Pages int
	Prev, Next  string     // URLs, empty at the ends
	Links       []PageLink // the first, the last and the pages around this one
}

// PageLink is a link of a pager; a zero Number stands for the pages left out.
type PageLink struct {
	Number int
	URL    string
}

// pagerWindow is how many pages are linked on each side of the current one.
const pagerWindow = 2

func newPager(n, pages int, url func(int) string) *Pager {
	if pages <= 1 {
		return nil
	}
	p := &Pager{Page: n, Pages: pages}
	for i := 1; i <= pages; i++ {
		switch {
		case i == 1, i == pages, i >= n-pagerWindow && i <= n+pagerWindow:
			p.Links = append(p.Links, PageLink{Number: i, URL: url(i)})
		case len(p.Links) > 0 && p.Links[len(p.Links)-1].Number != 0:
			p.Links = append(p.Links, PageLink{}) // "…"
		}
	}
	if n > 1 {
		p.Prev = url(n - 1)
	}
	if n < pages {
		p.Next = url(n + 1)
	}
	return p
}

// funcMap is the functions templates can call.
func funcMap(w map[string]string) template.FuncMap {
	return template.FuncMap{
		"t": func(key string) string {
			if s, ok := w[key]; ok {
				return s
			}
			return key
		},
		// plural picks "singular|plural" by count: {{plural 2 "count.news"}} → "2 actualités"
		// one and many pick a side of "singular|plural": {{one "search.kind.m"}} → "Relevé"
		"one": func(key string) string {
			one, _, _ := strings.Cut(w[key], "|")
			return one
		},
		"many": func(key string) string {
			one, many, ok := strings.Cut(w[key], "|")
			if !ok {
				return one
			}
			return many
		},
		"plural": func(n int, key string) string {
			one, many, _ := strings.Cut(w[key], "|")
			if n > 1 {
				return strconv.Itoa(n) + " " + many
			}
			return strconv.Itoa(n) + " " + one
		},
		"day":        func(v date.Value) string { return date.FormatDay(v.Time()) },
		"dayTitle":   func(v date.Value) string { return date.Capitalize(date.FormatDay(v.Time())) },
		"short":      func(v date.Value) string { return date.FormatShort(v.Time()) },
		"when":       date.FormatValue,
		"iso":        func(v date.Value) string { return v.ISO() },
		"isoTime":    func(t time.Time) string { return t.Format(time.RFC3339) },
		"capitalize": date.Capitalize,
		"abs":        func(base, p string) string { return absURL(base, p) },
		"ended":      func(e *site.Event, now time.Time) bool { return e.HasEnded(now) },
		"closed":     func(r *site.Registration, now time.Time) bool { return r.IsClosed(now) },
		"year":       func(t time.Time) int { return t.Year() },
		"add":        func(a, b int) int { return a + b },
		"jsonld":     eventJSONLD,
		"icsURL":     site.EventCalendarURL,
		"feedURL":    site.PartnerFeedURL,
		"rfc3339":    func(t time.Time) string { return t.Format(time.RFC3339) },
		// embed shows a body inside another page: {{embed .HTML 5 (print "actu-" .Slug)}}
		// puts its highest heading at h5 and prefixes its ids (markdown.Embed).
		"embed": markdown.Embed,
		// webcal turns the calendar's absolute URL into the webcal:// address
		// that calendar apps open as a subscription.
		// The scheme is ours, not the content's: html/template may trust it.
		"webcal": func(base, p string) template.URL {
			u := absURL(base, p)
			if rest, ok := strings.CutPrefix(u, "https://"); ok {
				return template.URL("webcal://" + rest)
			}
			if rest, ok := strings.CutPrefix(u, "http://"); ok {
				return template.URL("webcal://" + rest)
			}
			return ""
		},
		// dict builds the argument of a partial: {{template "x" (dict "Event" . "Site" $.Site)}}
		"dict": func(kv ...any) (map[string]any, error) {
			if len(kv)%2 != 0 {
				return nil, fmt.Errorf("dict takes pairs of key and value")
			}
			m := make(map[string]any, len(kv)/2)
			for i := 0; i < len(kv); i += 2 {
				k, ok := kv[i].(string)
				if !ok {
					return nil, fmt.Errorf("dict: key %v is not a string", kv[i])
				}
				m[k] = kv[i+1]
			}
			return m, nil
		},
		"first": func(n int, list any) any {
			switch l := list.(type) {
			case []*site.Event:
				return l[:min(n, len(l))]
			case []*site.News:
				return l[:min(n, len(l))]
			case []*site.Minutes:
				return l[:min(n, len(l))]
			}
			return list
		},
	}
}

// sitemap writes sitemap.xml for every HTML page but the error page.
func sitemap(s *site.Site, jobs []job) ([]byte, error) {
	type url struct {
		Loc string `xml:"loc"`
	}
	type urlset struct {
		XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
		URLs    []url    `xml:"url"`
	}
	set := urlset{}
	for _, j := range jobs {
		if j.template == "404.html" {
			continue
		}
		set.URLs = append(set.URLs, url{Loc: s.AbsURL(j.data.URL)})
	}
	b, err := xml.MarshalIndent(set, "", "  ")
	if err != nil {
		return nil, err
	}
	return append([]byte(xml.Header), append(b, '\n')...), nil
}
