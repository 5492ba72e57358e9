// Package feed writes the site's feeds: RSS 2.0 (with the content and atom
// modules) and JSON Feed 1.1. They are plain structs marshalled by
// encoding/xml and encoding/json, as golang/website does for Atom: the usual
// library, gorilla/feeds, writes neither atom:link rel="self" nor item
// categories. What matters to feed readers is decided here: permanent GUIDs
// (the page URL), English RFC 822 dates with the site's offset, plain-text
// descriptions cut at a word, and full HTML whose links are all absolute.
package feed

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"html"
	"sort"
	"strings"
	"time"

	"relais/internal/date"
	"relais/internal/markdown"
	"relais/internal/site"
)

// MaxItems is the number of items of a feed: the newest.
const MaxItems = 50

// Item is one entry of a feed, whatever it comes from.
type Item struct {
	Title    string
	URL      string // absolute: the permanent identifier too
	Date     time.Time
	Category string
	Summary  string // plain text
	HTML     string // full content, links absolute
	kind     int    // tie-break: minutes, then news, then events
	slug     string
}

// Feed is a feed's channel.
type Feed struct {
	Title       string
	Link        string // the site's (or partner page's) absolute URL
	Self        string // the feed's own absolute URL
	Description string
	Language    string
	Updated     time.Time
	Items       []Item
}

// Items collects the feed items of news, minutes and announced events,
// newest first. Events that were never announced (no date and no minutes)
// are left out.
func Items(s *site.Site, news []*site.News, minutes []*site.Minutes, events []*site.Event) []Item {
	// Sort light items first, and write the summaries and the HTML of the
	// fifty kept only: a site has thousands of candidates.
	type candidate struct {
		Item
		fill func(*Item)
	}
	var all []candidate
	for _, m := range minutes {
		all = append(all, candidate{Item{Date: m.Date.Time(), kind: 0, slug: m.ID}, func(it *Item) {
			it.Title = m.Title + " du " + date.FormatDay(m.Date.Time())
			it.URL, it.Category = s.AbsURL(m.URL), "Relevé de décisions"
			it.Summary = summary(minutesText(m), m.Title)
			it.HTML = Absolute(minutesHTML(m), s.AbsURL(m.URL))
		}})
	}
	for _, n := range news {
		all = append(all, candidate{Item{Date: n.Date.Time(), kind: 1, slug: n.Slug}, func(it *Item) {
			it.Title, it.URL = n.Title, s.AbsURL(n.URL)
			if n.Partner != nil {
				it.Category = n.Partner.Title
			}
			it.Summary = summary(n.Text, n.Title)
			it.HTML = Absolute(string(n.HTML), s.AbsURL(n.URL))
		}})
	}
	for _, e := range events {
		if e.Announced.IsZero() {
			continue
		}
		all = append(all, candidate{Item{Date: e.Announced.Time(), kind: 2, slug: e.Slug}, func(it *Item) {
			it.Title, it.URL, it.Category = e.Title+" – "+e.When, s.AbsURL(e.URL), "Agenda"
			it.Summary = summary(eventText(e), e.Title)
			it.HTML = Absolute(eventHTML(e), s.AbsURL(e.URL))
		}})
	}
	sort.SliceStable(all, func(i, j int) bool {
		a, b := all[i], all[j]
		if !a.Date.Equal(b.Date) {
			return a.Date.After(b.Date)
		}
		if a.kind != b.kind {
			return a.kind < b.kind
		}
		return a.slug < b.slug
	})
	items := make([]Item, min(len(all), MaxItems))
	for i := range items {
		items[i] = all[i].Item
		all[i].fill(&items[i])
	}
	return items
}

// minutesText leads a meeting's summary with what it holds.
func minutesText(m *site.Minutes) string {
	return fmt.Sprintf("%s. %s, %s. %s", date.Capitalize(date.FormatDay(m.Date.Time())),
		count(len(m.News), "actualité des partenaires", "actualités des partenaires"),
		count(len(m.Events), "évènement annoncé", "évènements annoncés"), m.Text)
}

func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// minutesHTML is the content of a minutes item: the news and events of the
// meeting as links, then its decisions.
func minutesHTML(m *site.Minutes) string {
	var b strings.Builder
	list := func(title string, links [][2]string) {
		if len(links) == 0 {
			return
		}
		b.WriteString("<h2>" + title + "</h2>\n<ul>\n")
		for _, l := range links {
			b.WriteString(`<li><a href="` + html.EscapeString(l[0]) + `">`)
			xmlEscape(&b, l[1])
			b.WriteString("</a></li>\n")
		}
		b.WriteString("</ul>\n")
	}
	var news, events [][2]string
	for _, g := range m.NewsByPartner {
		for _, n := range g.News {
			news = append(news, [2]string{n.URL, g.Partner.Name() + " : " + n.Title})
		}
	}
	for _, e := range m.Events {
		events = append(events, [2]string{e.URL, e.Title + " – " + e.When})
	}
	list("Actualités des partenaires", news)
	list("Agenda", events)
	b.WriteString(string(m.HTML))
	return b.String()
}

// eventText leads an event's summary with its practical details.
func eventText(e *site.Event) string {
	parts := []string{date.Capitalize(e.When) + "."}
	if e.IsCancelled() {
		parts = append([]string{"Annulé."}, parts...)
	} else if e.IsPostponed() {
		parts = append([]string{"Reporté."}, parts...)
	}
	if e.Location != "" {
		parts = append(parts, e.Location+".")
	} else if e.Online != "" {
		parts = append(parts, "En ligne.")
	}
	if e.Text != "" {
		parts = append(parts, e.Text)
	}
	return strings.Join(parts, " ")
}

// eventHTML is the content of an event item: its details, then its body.
func eventHTML(e *site.Event) string {
	var b strings.Builder
	b.WriteString("<p><strong>")
	if e.IsCancelled() {
		b.WriteString("Annulé – ")
	} else if e.IsPostponed() {
		b.WriteString("Reporté – ")
	}
	xmlEscape(&b, date.Capitalize(e.When))
	b.WriteString("</strong>")
	if e.Location != "" {
		b.WriteString("<br>")
		xmlEscape(&b, e.Location)
	}
	b.WriteString("</p>\n")
	b.WriteString(string(e.HTML))
	return b.String()
}

func xmlEscape(b *strings.Builder, s string) {
	var buf bytes.Buffer
	_ = xml.EscapeText(&buf, []byte(s))
	b.Write(buf.Bytes())
}

// summary cuts plain text at a word boundary near 300 characters. (Bodies
// other than events' hold only the first 400 or so: see site.textLimit.)
func summary(text, fallback string) string {
	if strings.TrimSpace(text) == "" {
		return fallback
	}
	return markdown.Truncate(text, 300)
}

// rss mirrors RSS 2.0 with the atom and content modules.
type rss struct {
	XMLName   xml.Name   `xml:"rss"`
	Version   string     `xml:"version,attr"`
	AtomNS    string     `xml:"xmlns:atom,attr"`
	ContentNS string     `xml:"xmlns:content,attr"`
	Channel   rssChannel `xml:"channel"`
}

type rssChannel struct {
	Title         string    `xml:"title"`
	Link          string    `xml:"link"`
	Description   string    `xml:"description"`
	Language      string    `xml:"language"`
	LastBuildDate string    `xml:"lastBuildDate"`
	Generator     string    `xml:"generator"`
	AtomLink      atomLink  `xml:"atom:link"`
	Items         []rssItem `xml:"item"`
}

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr"`
}

type rssItem struct {
	Title       string     `xml:"title"`
	Link        string     `xml:"link"`
	GUID        rssGUID    `xml:"guid"`
	PubDate     string     `xml:"pubDate"`
	Category    string     `xml:"category,omitempty"`
	Description string     `xml:"description"`
	Content     rssContent `xml:"content:encoded"`
}

type rssGUID struct {
	ID          string `xml:",chardata"`
	IsPermaLink string `xml:"isPermaLink,attr"`
}

type rssContent struct {
	HTML string `xml:",cdata"`
}

// Generator names relais in the feeds.
const Generator = "relais"

// RSS renders the feed as RSS 2.0.
func RSS(f Feed) ([]byte, error) {
	doc := rss{
		Version: "2.0", AtomNS: "http://www.w3.org/2005/Atom", ContentNS: "http://purl.org/rss/1.0/modules/content/",
		Channel: rssChannel{
			Title: f.Title, Link: f.Link, Description: f.Description, Language: f.Language,
			// RFC 822 wants English names: never format these with a locale.
			LastBuildDate: f.Updated.Format(time.RFC1123Z), Generator: Generator,
			AtomLink: atomLink{Href: f.Self, Rel: "self", Type: "application/rss+xml"},
		},
	}
	for _, it := range f.Items {
		doc.Channel.Items = append(doc.Channel.Items, rssItem{
			Title: it.Title, Link: it.URL, GUID: rssGUID{ID: it.URL, IsPermaLink: "true"},
			PubDate: it.Date.Format(time.RFC1123Z), Category: it.Category, Description: it.Summary,
			// encoding/xml splits "]]>" across two CDATA sections itself.
			Content: rssContent{HTML: it.HTML},
		})
	}
	// MarshalIndent's bytes, in a buffer of about the right size: a feed
	// holds the whole text of fifty items.
	var buf bytes.Buffer
	size := 1024
	for _, it := range f.Items {
		size += 512 + len(it.Title) + len(it.URL)*2 + len(it.Summary) + len(it.HTML) + len(it.HTML)/16
	}
	buf.Grow(size)
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return nil, err
	}
	buf.WriteByte('\n')
	return buf.Bytes(), nil
}

// jsonFeed mirrors JSON Feed 1.1.
type jsonFeed struct {
	Version     string     `json:"version"`
	Title       string     `json:"title"`
	HomePageURL string     `json:"home_page_url"`
	FeedURL     string     `json:"feed_url"`
	Description string     `json:"description,omitempty"`
	Language    string     `json:"language,omitempty"`
	Items       []jsonItem `json:"items"`
}

type jsonItem struct {
	ID            string   `json:"id"`
	URL           string   `json:"url"`
	Title         string   `json:"title"`
	ContentHTML   string   `json:"content_html"`
	Summary       string   `json:"summary,omitempty"`
	DatePublished string   `json:"date_published"`
	Tags          []string `json:"tags,omitempty"`
}

// JSON renders the feed as JSON Feed 1.1.
func JSON(f Feed) ([]byte, error) {
	doc := jsonFeed{Version: "https://jsonfeed.org/version/1.1", Title: f.Title, HomePageURL: f.Link,
		FeedURL: f.Self, Description: f.Description, Language: f.Language, Items: []jsonItem{}}
	for _, it := range f.Items {
		j := jsonItem{ID: it.URL, URL: it.URL, Title: it.Title, ContentHTML: it.HTML, Summary: it.Summary,
			DatePublished: it.Date.Format(time.RFC3339)}
		if it.Category != "" {
			j.Tags = []string{it.Category}
		}
		doc.Items = append(doc.Items, j)
	}
	b, err := json.MarshalIndent(doc, "", "  ")
	return append(b, '\n'), err
}
