package site

import (
	"net/url"
	"strconv"
	"strings"
)

// The section-to-path table: the only place that knows the French URLs.
// These are paths of the site, from its root; the URLs of the model
// (Event.URL...) and the links of the pages put the base URL's path in front
// of them (Site.RelURL).
const (
	agendaPath   = "/agenda/"
	minutesPath  = "/releves/"
	newsPath     = "/actualites/"
	partnersPath = "/partenaires/"
	sitePlanPath = "/plan-du-site/"
	searchPath   = "/recherche/"
)

// reservedSlugs are top-level URL segments that a free page cannot take.
var reservedSlugs = map[string]string{
	"agenda":       "the agenda",
	"releves":      "the minutes archive",
	"actualites":   "the news list",
	"partenaires":  "the partners list",
	"plan-du-site": "the site plan",
	"recherche":    "the search page",
	"404":          "the error page",
	"feed":         "the feeds",
	"static":       "static files",
}

func eventURL(slug string) string   { return agendaPath + slug + "/" }
func minutesURL(id string) string   { return minutesPath + id + "/" }
func newsURL(slug string) string    { return newsPath + slug + "/" }
func partnerURL(slug string) string { return partnersPath + slug + "/" }
func pageURL(slug string) string    { return "/" + slug + "/" }

// MinutesYearURL is the URL of the archive page of one year of minutes.
func MinutesYearURL(year int) string { return minutesPath + strconv.Itoa(year) + "/" }

// NewsPageURL is the URL of page n (1-based) of the news list.
func NewsPageURL(n int) string { return pagedURL(newsPath, n) }

// PartnerNewsPageURL is the URL of page n of a partner's news.
func PartnerNewsPageURL(slug string, n int) string { return pagedURL(partnerURL(slug), n) }

func pagedURL(base string, n int) string {
	if n <= 1 {
		return base
	}
	return base + "page/" + strconv.Itoa(n) + "/"
}

// Fixed URLs of the site's list pages.
const (
	HomeURL          = "/"
	AgendaURL        = agendaPath
	AgendaArchiveURL = agendaPath + "archives/"
	MinutesURL       = minutesPath
	NewsURL          = newsPath
	PartnersURL      = partnersPath
	SitePlanURL      = sitePlanPath
	SearchURL        = searchPath
	SearchIndexURL   = searchPath + "index/" // the search index's files (internal/search)
	WidgetURL        = agendaPath + "widget/"
	CalendarURL      = "/agenda.ics"
	AgendaJSONURL    = "/agenda.json"
	FeedURL          = "/feed.xml"
	JSONFeedURL      = "/feed.json"
)

// PartnerFeedURL is the URL of a partner's RSS feed, under the base path as
// the partner's URL is.
func PartnerFeedURL(p *Partner) string { return p.URL + "feed.xml" }

// EventCalendarURL is the URL of an event's own .ics file, under the base
// path as the event's URL is: "/agenda/forum.ics" for "/agenda/forum/".
func EventCalendarURL(e *Event) string { return strings.TrimSuffix(e.URL, "/") + ".ics" }

// RelURL is the link to a path of the site ("/agenda/", or "agenda/"): the
// path under the base URL's path, "/reseau/agenda/" for a site published at
// https://example.org/reseau/. Absolute URLs ("https://…", "//host/…",
// "mailto:…") and fragments are returned as they are.
func (s *Site) RelURL(p string) string { return RelURL(s.BasePath, p) }

// RelURL is Site.RelURL for a site published under basePath.
func RelURL(basePath, p string) string {
	if basePath == "" && strings.HasPrefix(p, "/") || isAbsolute(p) || strings.HasPrefix(p, "#") {
		return p
	}
	return basePath + "/" + strings.TrimPrefix(p, "/")
}

// AbsURL makes a link of the site absolute when the base URL is known: u is
// a URL of the model, or a link from RelURL ("/reseau/agenda/"). Other
// URLs are returned as they are.
func (s *Site) AbsURL(u string) string {
	if s.BaseURL == "" || !strings.HasPrefix(u, "/") || strings.HasPrefix(u, "//") {
		return u
	}
	return strings.TrimSuffix(s.BaseURL, s.BasePath) + u
}

// isAbsolute tells a URL with a scheme or a host from a path.
func isAbsolute(u string) bool {
	if strings.HasPrefix(u, "//") {
		return true
	}
	for i := 0; i < len(u); i++ {
		switch c := u[i]; {
		case c == ':':
			return i > 0
		case c == '/' || c == '?' || c == '#':
			return false
		}
	}
	return false
}

// splitBaseURL returns the scheme and host of an absolute base URL, and its
// path, escaped, without its final slash: "/reseau" for
// https://example.org/reseau/, "" at the root of a host.
func splitBaseURL(base string) (origin, path string) {
	u, err := url.Parse(base)
	if err != nil || u.Host == "" {
		return base, ""
	}
	return u.Scheme + "://" + u.Host, strings.TrimSuffix(u.EscapedPath(), "/")
}
