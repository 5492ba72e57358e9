package site

import "strconv"

// The section-to-path table: the only place that knows the French URLs.
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

// PartnerFeedURL is the URL of a partner's RSS feed.
func PartnerFeedURL(p *Partner) string { return p.URL + "feed.xml" }

// EventCalendarURL is the URL of an event's own .ics file.
func EventCalendarURL(e *Event) string { return agendaPath + e.Slug + ".ics" }
