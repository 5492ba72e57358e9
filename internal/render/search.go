package render

import (
	"strings"

	"relais/internal/date"
	"relais/internal/search"
	"relais/internal/site"
)

// searchIndexPath is the folder of the search index in the output.
var searchIndexPath = strings.TrimPrefix(site.SearchIndexURL, "/")

// SearchIndex indexes every page a reader may look for: the minutes, the
// news, the events, the partners and the free pages.
func SearchIndex(s *site.Site) *search.Index {
	partners := make([]search.PartnerRef, len(s.Partners))
	index := make(map[*site.Partner]int, len(s.Partners))
	for i, p := range s.Partners {
		partners[i] = search.PartnerRef{Slug: p.Slug, Name: p.Name()}
		index[p] = i
	}
	upcoming := make(map[*site.Event]bool, len(s.Upcoming))
	for _, e := range s.Upcoming {
		upcoming[e] = true
	}
	docs := make([]search.Doc, 0, len(s.Minutes)+len(s.News)+len(s.Events)+len(s.Partners)+len(s.Pages))
	for _, m := range s.Minutes {
		docs = append(docs, search.Doc{Kind: search.Minutes, URL: m.URL, Title: m.Title + ", " + date.FormatDay(m.Date.Time()),
			When: date.FormatDay(m.Date.Time()), Date: m.Date.Time(), Text: m.Place, HTML: string(m.HTML)})
	}
	for _, n := range s.News {
		d := search.Doc{Kind: search.News, URL: n.URL, Title: n.Title, When: date.FormatDay(n.Date.Time()), Date: n.Date.Time(), HTML: string(n.HTML)}
		if n.Partner != nil {
			d.Partners = []int{index[n.Partner]}
			d.Text = n.Partner.Title + "\n" + n.Partner.Short
		}
		docs = append(docs, d)
	}
	for _, e := range s.Events {
		d := search.Doc{Kind: search.Event, URL: e.URL, Title: e.Title, When: e.When, Date: e.Start.Time(), Upcoming: upcoming[e]}
		var text strings.Builder
		for _, part := range []string{e.Location, e.Organizer} {
			text.WriteString(part)
			text.WriteByte('\n')
		}
		add := func(p *site.Partner) {
			for _, i := range d.Partners {
				if i == index[p] {
					return
				}
			}
			d.Partners = append(d.Partners, index[p])
			text.WriteString(p.Title + "\n" + p.Short + "\n")
		}
		if e.OrganizerPartner != nil {
			add(e.OrganizerPartner)
		}
		for _, p := range e.Partners {
			add(p)
		}
		d.Text, d.HTML = text.String(), string(e.HTML)
		docs = append(docs, d)
	}
	for _, p := range s.Partners {
		// Its page lists its news and events: their titles, which name it,
		// weigh as its page's h3 do; its excerpt is the start of its text,
		// which the script would otherwise fetch the whole page for.
		d := search.Doc{Kind: search.Partner, URL: p.URL, Title: p.Title, Partners: []int{index[p]}, Text: p.Short, HTML: string(p.HTML),
			Excerpt: p.Body.Text}
		for _, n := range p.News[:min(len(p.News), NewsPerPage)] {
			d.Listed = append(d.Listed, n.Title)
		}
		for _, e := range p.Upcoming {
			d.Listed = append(d.Listed, e.Title)
		}
		for _, e := range p.Past {
			d.Listed = append(d.Listed, e.Title)
		}
		docs = append(docs, d)
	}
	for _, p := range s.Pages {
		docs = append(docs, search.Doc{Kind: search.Page, URL: p.URL, Title: p.Title, HTML: string(p.HTML)})
	}
	return search.Build(docs, partners)
}
