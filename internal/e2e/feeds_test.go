package e2e

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	goical "github.com/emersion/go-ical"
	"io"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/mmcdole/gofeed"
)

// feedKind returns "rss", "atom" or "rdf" when the XML document is a feed
// (by its root element), and "" otherwise (a sitemap, an SVG...).
func feedKind(data []byte) string {
	d := xml.NewDecoder(bytes.NewReader(data))
	for {
		tok, err := d.Token()
		if err != nil {
			return ""
		}
		if se, ok := tok.(xml.StartElement); ok {
			switch se.Name.Local {
			case "rss":
				return "rss"
			case "feed":
				return "atom"
			case "RDF":
				return "rdf"
			}
			return ""
		}
	}
}

// isJSONFeed reports whether data is a JSON Feed (jsonfeed.org).
func isJSONFeed(data []byte) bool {
	var v struct {
		Version string `json:"version"`
	}
	return json.Unmarshal(data, &v) == nil && strings.HasPrefix(v.Version, "https://jsonfeed.org/")
}

// feedFiles returns the feeds of the output: the .xml, .rss and .atom files
// whose root element is a feed's, and the JSON Feeds.
func feedFiles(o *output) ([]string, error) {
	var feeds []string
	for f := range o.files {
		ext := path.Ext(f)
		switch ext {
		case ".xml", ".rss", ".atom", ".json":
		default:
			continue
		}
		data, err := os.ReadFile(filepath.Join(o.dir, f))
		if err != nil {
			return nil, err
		}
		if ext == ".json" && isJSONFeed(data) || ext != ".json" && (feedKind(data) != "" || path.Base(f) == "feed.xml") {
			feeds = append(feeds, f)
		}
	}
	slices.Sort(feeds)
	return feeds, nil
}

// feedCount counts what checkFeeds parsed.
type feedCount struct {
	feeds, items, calendars, events int
	links                           linkCount
}

// checkFeeds parses every feed of the output with gofeed and every .ics
// file with parseCalendar. A feed must have a title, and each item a title
// or a description, a link or a guid, and a date that parses when it has
// one; links to the site itself must resolve to a file of the output.
func checkFeeds(o *output) (feedCount, []problem, error) {
	var c feedCount
	var probs []problem
	feeds, err := feedFiles(o)
	if err != nil {
		return c, nil, err
	}
	lc, err := newLinkChecker(o)
	if err != nil {
		return c, nil, err
	}
	for _, f := range feeds {
		page := "/" + f
		data, err := os.ReadFile(filepath.Join(o.dir, f))
		if err != nil {
			return c, probs, err
		}
		// gofeed forgives malformed XML, which feed readers do not all do.
		if err := wellFormed(data); path.Ext(f) != ".json" && err != nil {
			probs = append(probs, problem{Page: page, Check: "feed", Msg: "not well-formed XML: " + err.Error()})
			continue
		}
		feed, err := gofeed.NewParser().Parse(bytes.NewReader(data))
		if err != nil {
			probs = append(probs, problem{Page: page, Check: "feed", Msg: "gofeed: " + err.Error()})
			continue
		}
		c.feeds++
		bad := func(elem, format string, args ...any) {
			probs = append(probs, problem{Page: page, Check: "feed", Elem: elem, Msg: fmt.Sprintf(format, args...)})
		}
		if strings.TrimSpace(feed.Title) == "" {
			bad(feed.FeedType, "no title")
		}
		checkLink := func(elem, link string) {
			if link == "" {
				return
			}
			msg, internal := lc.resolve(&url.URL{Path: o.basePath}, link)
			if !internal {
				c.links.external++
				return
			}
			c.links.internal++
			if msg != "" {
				bad(elem, "link %q: %s", link, msg)
			}
		}
		checkLink("feed link", feed.Link)
		if feed.UpdatedParsed == nil && feed.Updated != "" {
			bad("feed date", "%q does not parse as a date", feed.Updated)
		}
		for i, it := range feed.Items {
			c.items++
			elem := fmt.Sprintf("item %d %q", i+1, clip(it.Title, 60))
			if strings.TrimSpace(it.Title) == "" && strings.TrimSpace(it.Description) == "" {
				bad(elem, "neither title nor description")
			}
			if it.Link == "" && it.GUID == "" {
				bad(elem, "neither link nor guid")
			}
			if it.PublishedParsed == nil && it.Published != "" {
				bad(elem, "date %q does not parse", it.Published)
			}
			checkLink(elem, it.Link)
			// Readers show the content away from the site: its URLs must
			// be absolute, and those of the site must resolve.
			for _, r := range scanHTML([]byte(it.Content + it.Description)).refs {
				if u, err := url.Parse(r.val); err == nil && u.Scheme == "" && !strings.HasPrefix(r.val, "#") {
					bad(elem, "relative URL in the content: %s", r.elem())
					continue
				}
				checkLink(elem+" content", r.val)
			}
		}
	}
	for _, f := range o.filesWithSuffix(".ics") {
		data, err := os.ReadFile(filepath.Join(o.dir, f))
		if err != nil {
			return c, probs, err
		}
		n, err := parseCalendar(data)
		if err != nil {
			probs = append(probs, problem{Page: "/" + f, Check: "calendar", Msg: err.Error()})
			continue
		}
		c.calendars++
		c.events += n
		for _, link := range calendarURLs(data) {
			msg, internal := lc.resolve(&url.URL{Path: o.basePath}, link)
			if !internal {
				c.links.external++
				continue
			}
			c.links.internal++
			if msg != "" {
				probs = append(probs, problem{Page: "/" + f, Check: "calendar", Elem: "URL:" + link, Msg: msg})
			}
		}
	}
	sortProblems(probs)
	return c, probs, nil
}

// wellFormed reports the first XML syntax error of data.
func wellFormed(data []byte) error {
	d := xml.NewDecoder(bytes.NewReader(data))
	for {
		if _, err := d.Token(); err == io.EOF {
			return nil
		} else if err != nil {
			return err
		}
	}
}

// parseCalendar parses an .ics file of the output independently of the code
// that wrote it (arran4/golang-ical): with github.com/emersion/go-ical's
// decoder, after a structural check of RFC 5545 content lines (CRLF endings,
// BEGIN/END nesting inside one VCALENDAR, every line NAME[;PARAM]:VALUE).
// Every event must have a UID, a DTSTAMP and a start that resolves to an
// instant, with the calendar's own VTIMEZONE when it names one. It returns
// the number of events.
func parseCalendar(data []byte) (events int, err error) {
	events, err = checkContentLines(data)
	if err != nil {
		return events, err
	}
	cal, err := goical.NewDecoder(bytes.NewReader(data)).Decode()
	if err != nil {
		return events, fmt.Errorf("go-ical: %v", err)
	}
	evs := cal.Events()
	if len(evs) != events {
		return events, fmt.Errorf("go-ical reads %d events, the file has %d", len(evs), events)
	}
	for _, ev := range evs {
		uid, err := ev.Props.Text(goical.PropUID)
		if err != nil || uid == "" {
			return events, fmt.Errorf("an event has no UID")
		}
		if ev.Props.Get(goical.PropDateTimeStamp) == nil {
			return events, fmt.Errorf("%s: no DTSTAMP", uid)
		}
		if _, err := ev.DateTimeStart(nil); err != nil {
			return events, fmt.Errorf("%s: DTSTART: %v", uid, err)
		}
		if ev.Props.Get(goical.PropDateTimeEnd) != nil {
			if _, err := ev.DateTimeEnd(nil); err != nil {
				return events, fmt.Errorf("%s: DTEND: %v", uid, err)
			}
		}
	}
	return events, nil
}

// checkContentLines checks the structure of an iCalendar file and counts
// its VEVENTs.
func checkContentLines(data []byte) (events int, err error) {
	if !bytes.HasSuffix(data, []byte("\r\n")) {
		return 0, fmt.Errorf("does not end with CRLF")
	}
	var stack []string
	lines := strings.Split(strings.TrimSuffix(string(data), "\r\n"), "\r\n")
	for i, l := range lines {
		n := i + 1
		if strings.Contains(l, "\n") {
			return events, fmt.Errorf("line %d: bare LF, lines must end with CRLF", n)
		}
		if strings.HasPrefix(l, " ") || strings.HasPrefix(l, "\t") {
			if i == 0 {
				return 0, fmt.Errorf("line 1: continuation line without a line to continue")
			}
			continue // folded: belongs to the line before
		}
		name, value, ok := strings.Cut(l, ":")
		if !ok || name == "" {
			return events, fmt.Errorf("line %d: %q is not NAME:VALUE", n, clip(l, 60))
		}
		name, _, _ = strings.Cut(name, ";")
		switch strings.ToUpper(name) {
		case "BEGIN":
			if len(stack) == 0 && value != "VCALENDAR" {
				return events, fmt.Errorf("line %d: BEGIN:%s outside VCALENDAR", n, value)
			}
			stack = append(stack, value)
			if value == "VEVENT" {
				events++
			}
		case "END":
			if len(stack) == 0 || stack[len(stack)-1] != value {
				return events, fmt.Errorf("line %d: END:%s does not close %v", n, value, stack)
			}
			stack = stack[:len(stack)-1]
			if len(stack) == 0 && i != len(lines)-1 {
				return events, fmt.Errorf("line %d: content after END:VCALENDAR", n+1)
			}
		default:
			if len(stack) == 0 {
				return events, fmt.Errorf("line %d: %s outside VCALENDAR", n, name)
			}
		}
	}
	if len(stack) != 0 {
		return events, fmt.Errorf("unclosed %v", stack)
	}
	return events, nil
}

// calendarURLs returns the values of the URL properties of an iCalendar
// file, its folded lines unfolded.
func calendarURLs(data []byte) []string {
	unfolded := strings.NewReplacer("\r\n ", "", "\r\n\t", "").Replace(string(data))
	var urls []string
	for l := range strings.SplitSeq(unfolded, "\r\n") {
		name, value, ok := strings.Cut(l, ":")
		if name, _, _ = strings.Cut(name, ";"); ok && strings.EqualFold(name, "URL") {
			urls = append(urls, value)
		}
	}
	return urls
}

func TestCheckFeeds(t *testing.T) {
	tests := []struct {
		name  string
		dir   string
		want  []string
		count feedCount
	}{
		{
			name:  "good",
			dir:   "testdata/fixtures/good",
			count: feedCount{feeds: 2, items: 2, calendars: 1, events: 1, links: linkCount{internal: 7}},
		},
		{
			name: "bad",
			dir:  "testdata/fixtures/bad-feeds",
			want: []string{
				`/agenda.ics: calendar: line 4: END:VCALENDAR does not close [VCALENDAR VEVENT]`,
				`/evenement.ics: calendar: URL:https://spro41.example.org/agenda/disparu/: no file agenda/disparu/index.html in the output`,
				`/feed.xml: feed: item 1 "Forum": date "jeudi 23 septembre" does not parse`,
				`/feed.xml: feed: item 1 "Forum": link "https://spro41.example.org/agenda/absent/": no file agenda/absent/index.html in the output`,
				`/feed.xml: feed: item 1 "Forum": relative URL in the content: <a href="/agenda/">`,
				`/partenaires/cio/feed.xml: feed: not well-formed XML: XML syntax error on line 5: element <channel> closed by </rss>`,
			},
			count: feedCount{feeds: 1, items: 1, calendars: 1, events: 1, links: linkCount{internal: 3}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o, err := openOutput(tt.name, tt.dir, "https://spro41.example.org")
			if err != nil {
				t.Fatal(err)
			}
			count, probs, err := checkFeeds(o)
			if err != nil {
				t.Fatal(err)
			}
			have := problemStrings(probs)
			if !slices.Equal(have, tt.want) {
				t.Errorf("checkFeeds problems:\nhave:\n%s\nwant:\n%s", strings.Join(have, "\n"), strings.Join(tt.want, "\n"))
			}
			if count != tt.count {
				t.Errorf("checkFeeds count = %+v, want %+v", count, tt.count)
			}
		})
	}
}

func TestParseCalendar(t *testing.T) {
	tests := []struct {
		name, ics string
		events    int
		err       string
	}{
		{"empty calendar", "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n", 0, ""},
		{"folded", "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//FR\r\nBEGIN:VEVENT\r\nUID:a@x\r\nDTSTAMP:20210923T000000Z\r\nDTSTART;VALUE=DATE:20211019\r\nSUMMARY:Forum\r\n  du lycée\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", 1, ""},
		{"no UID", "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//FR\r\nBEGIN:VEVENT\r\nDTSTAMP:20210923T000000Z\r\nDTSTART;VALUE=DATE:20211019\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", 1, "an event has no UID"},
		{"unknown zone", "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//FR\r\nBEGIN:VEVENT\r\nUID:a@x\r\nDTSTAMP:20210923T000000Z\r\nDTSTART;TZID=Nowhere/Else:20211019T090000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", 1, "DTSTART"},
		{"LF only", "BEGIN:VCALENDAR\nEND:VCALENDAR\n", 0, "does not end with CRLF"},
		{"unclosed", "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n", 1, "unclosed [VCALENDAR VEVENT]"},
		{"not a property", "BEGIN:VCALENDAR\r\nhello\r\nEND:VCALENDAR\r\n", 0, `line 2: "hello" is not NAME:VALUE`},
		{"outside", "VERSION:2.0\r\n", 0, "line 1: VERSION outside VCALENDAR"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n, err := parseCalendar([]byte(tt.ics))
			have := ""
			if err != nil {
				have = err.Error()
			}
			if (tt.err == "" && have != "") || !strings.Contains(have, tt.err) || n != tt.events {
				t.Errorf("parseCalendar = %d, %q; want %d, %q", n, have, tt.events, tt.err)
			}
		})
	}
}
