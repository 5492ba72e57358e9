// Package newsletter composes the e-mail edition of a relevé de décisions
// from the site model, as feed and ical adapt the model to their formats: an
// HTML part that mail clients render (inline styles, a table layout of at
// most 600 px), a plain-text part written for reading, and the message
// around them (a draft .eml, or a message sent by SMTP).
//
// Its templates are part of the theme (layouts/newsletter/ in the embedded
// theme of internal/render, replaced file by file by the site's layouts/);
// the words they use are the theme's.
package newsletter

import (
	"bytes"
	"errors"
	"fmt"
	"html"
	htmltemplate "html/template"
	"io/fs"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"sync"
	texttemplate "text/template"
	"time"

	"relais/internal/date"
	"relais/internal/feed"
	"relais/internal/markdown"
	"relais/internal/site"
)

// The templates, by their path in layouts/.
const (
	HTMLTemplate = "newsletter/letter.html"
	TextTemplate = "newsletter/letter.txt"
)

// Theme is the parsed pair of templates of the mail.
type Theme struct {
	html  *htmltemplate.Template
	text  *texttemplate.Template
	words map[string]string
}

// LoadTheme parses the mail's templates from layouts (the theme's files, the
// site's overrides first) with the theme's words. Errors name the file and
// line.
func LoadTheme(layouts fs.FS, words map[string]string) (*Theme, error) {
	th := &Theme{words: words}
	src, err := fs.ReadFile(layouts, HTMLTemplate)
	if err != nil {
		return nil, fmt.Errorf("layouts/%s: %w", HTMLTemplate, err)
	}
	th.html, err = htmltemplate.New(HTMLTemplate).Funcs(htmltemplate.FuncMap(th.funcs())).Parse(withWords(string(src), words, html.EscapeString))
	if err != nil {
		return nil, errors.New("layouts/" + strings.TrimPrefix(err.Error(), "template: "))
	}
	src, err = fs.ReadFile(layouts, TextTemplate)
	if err != nil {
		return nil, fmt.Errorf("layouts/%s: %w", TextTemplate, err)
	}
	th.text, err = texttemplate.New(TextTemplate).Funcs(texttemplate.FuncMap(th.funcs())).Parse(withWords(string(src), words, func(w string) string { return w }))
	if err != nil {
		return nil, errors.New("layouts/" + strings.TrimPrefix(err.Error(), "template: "))
	}
	return th, nil
}

// wordAction is {{t "key"}}, a fixed word, as a whole action.
var wordAction = regexp.MustCompile(`\{\{\s*t\s+"([^"]+)"\s*\}\}`)

// withWords writes the fixed words into a template's text before it is
// parsed, as the theme's pages have them: a mail's web view is rendered for
// every relevé at every build, and a function call per word costs more
// than the rest of its template. escape is what the template would have
// done to the word; {{t "key"}} inside another action stays a call.
func withWords(src string, words map[string]string, escape func(string) string) string {
	return wordAction.ReplaceAllStringFunc(src, func(action string) string {
		if w, ok := words[wordAction.FindStringSubmatch(action)[1]]; ok {
			return escape(w)
		}
		return action
	})
}

// funcs are the functions both templates can call.
func (th *Theme) funcs() map[string]any {
	return map[string]any{
		"t": func(key string) string {
			if s, ok := th.words[key]; ok {
				return s
			}
			return key
		},
		"day":        func(v date.Value) string { return date.FormatDay(v.Time()) },
		"dayTitle":   func(v date.Value) string { return date.Capitalize(date.FormatDay(v.Time())) },
		"when":       date.FormatValue,
		"short":      func(v date.Value) string { return date.FormatShort(v.Time()) },
		"capitalize": date.Capitalize,
		"iso":        func(v date.Value) string { return v.ISO() },
		"upper":      strings.ToUpper,
		// {{eventBlock $ .}} is the template "event" for one event of the
		// agenda. The same event looks the same in every relevé's mail of a
		// build: rendered once, it is reused (see Options.Events).
		"eventBlock": func(d *Data, e Event) (htmltemplate.HTML, error) {
			key := eventKey{e.Event, e.Ended}
			if d.events != nil {
				if h, ok := d.events.Load(key); ok {
					return h.(htmltemplate.HTML), nil
				}
			}
			var b strings.Builder
			if err := th.html.ExecuteTemplate(&b, "event", e); err != nil {
				return "", err
			}
			h := htmltemplate.HTML(b.String())
			if d.events != nil {
				d.events.Store(key, h)
			}
			return h, nil
		},
		// Outlook for Windows (Word's engine) knows neither max-width nor
		// a hidden div: conditional comments give it a fixed 600 px table
		// and keep the preheader from it. html/template drops the comments
		// of a template's text, not those of a value of type HTML; the
		// markup inside comes from the template itself.
		"ifMso": func(markup string) htmltemplate.HTML {
			return htmltemplate.HTML("<!--[if mso]>" + markup + "<![endif]-->")
		},
		"notMso": func(start bool) htmltemplate.HTML {
			if start {
				return "<!--[if !mso]><!-->"
			}
			return "<!--<![endif]-->"
		},
		// Text part: wrap, underline and numbered links (see text.go).
		"wrap":      func(indent, s string) string { return wrap(s, indent, indent) },
		"hang":      func(first, rest, s string) string { return wrap(s, first, rest) },
		"underline": underline,
		"links":     func() *Links { return &Links{} },
	}
}

// Letter is a relevé's mail, composed.
type Letter struct {
	Subject   string
	HTML      []byte // the HTML part: a whole document
	Text      []byte // the plain-text part
	Date      time.Time
	MessageID string // without angle brackets: "releve-2021-09-23@spro41.netlify.app"
	MinutesID string
}

// Options say which edition to compose.
type Options struct {
	// Events, when set, keeps the HTML of each event of the agenda for the
	// next mails of the same build (the same site model and theme): a
	// network's next events are in every relevé's web view.
	Events *sync.Map
	// Web composes the web view (releves/<id>/lettre/index.html) rather
	// than the mail: the same page without the link to itself, and no
	// text part.
	Web bool
}

// Data is what the templates receive.
type Data struct {
	Site      *site.Site
	Minutes   *site.Minutes
	Subject   string
	Preheader string // the line mail clients show after the subject
	Web       bool   // the web view, not the mail

	// Absolute URLs.
	Home, MinutesURL, WebURL, FeedURL, CalendarURL string
	Webcal                                         htmltemplate.URL // "" when the base URL is unknown

	// Every link of the news, the events and the decisions is absolute: a
	// mail is read away from the site.
	News      []PartnerNews
	Agenda    []AgendaGroup // the events announced at the meeting, then the site's others not yet ended at Now
	Decisions htmltemplate.HTML

	events *sync.Map // Options.Events
}

// eventKey is what an event's block in the mail depends on, the model and
// theme of the build being fixed.
type eventKey struct {
	e     *site.Event
	ended bool
}

// AgendaGroup is a list of events under its heading.
type AgendaGroup struct {
	Heading string
	Events  []Event
	More    int    // the events left out, beyond MaxOtherEvents
	MoreURL string // the agenda, absolute, when More > 0
}

// MaxOtherEvents is how many of the site's other coming events a mail
// lists ("Aussi à l'agenda"), the soonest first; it links the agenda for
// the rest. A large network's agenda would otherwise make each mail a
// catalogue.
const MaxOtherEvents = 20

// PartnerNews is a partner's news in the mail.
type PartnerNews struct {
	Partner *site.Partner
	URL     string // absolute
	News    []News
}

// News is one news item in the mail, its body made to sit under the mail's
// headings.
type News struct {
	*site.News
	URL  string // absolute
	Body htmltemplate.HTML
}

// Event is one event of the mail's agenda.
type Event struct {
	*site.Event
	URL          string // absolute
	CalendarURL  string // absolute URL of its .ics
	OrganizerURL string // absolute, when the organizer is a partner
	Ended        bool
	Registration *Registration // nil when none, or when the event has ended
}

// Registration is an event's registration as the mail shows it.
type Registration struct {
	URL      string
	Deadline date.Value
	Closed   bool
}

// MinutesByID returns the published minutes with that id, or the newest when
// id is "".
func MinutesByID(s *site.Site, id string) (*site.Minutes, error) {
	if len(s.Minutes) == 0 {
		return nil, errors.New("the site has no published minutes")
	}
	if id == "" {
		return s.Minutes[0], nil
	}
	for _, m := range s.Minutes {
		if m.ID == id {
			return m, nil
		}
	}
	ids := make([]string, 0, len(s.Minutes))
	for _, m := range s.Minutes {
		ids = append(ids, m.ID)
	}
	if len(ids) > 5 {
		ids = append(ids[:5], "…")
	}
	return nil, fmt.Errorf("no published minutes %q (the newest: %s)", id, strings.Join(ids, ", "))
}

// Compose writes the mail of the minutes m.
func Compose(s *site.Site, m *site.Minutes, th *Theme, opts Options) (*Letter, error) {
	// abs makes a URL of the model (it carries the base path) absolute;
	// fixed does the same for a fixed path of the site ("/agenda.ics").
	abs := s.AbsURL
	fixed := func(p string) string { return s.AbsURL(s.RelURL(p)) }
	w := th.words
	d := &Data{
		Site: s, Minutes: m, Web: opts.Web, events: opts.Events,
		Home: fixed("/"), MinutesURL: abs(m.URL), WebURL: abs(WebViewURL(m)),
		FeedURL: fixed(site.FeedURL), CalendarURL: fixed("/agenda.ics"), Webcal: htmltemplate.URL(webcal(fixed("/agenda.ics"))),
	}
	d.Subject = fmt.Sprintf(w["letter.subject"], s.Title, date.FormatDay(m.Date.Time()))
	for _, pn := range m.NewsByPartner {
		p := PartnerNews{Partner: pn.Partner, URL: abs(pn.Partner.URL)}
		for _, n := range pn.News {
			body := feed.Absolute(string(n.HTML), abs(n.URL))
			p.News = append(p.News, News{News: n, URL: abs(n.URL),
				Body: inlineStyles(markdown.Embed(htmltemplate.HTML(body), 5, "actu-"+n.Slug))})
		}
		d.News = append(d.News, p)
	}
	event := func(e *site.Event) Event {
		ev := Event{Event: e, URL: abs(e.URL), CalendarURL: abs(site.EventCalendarURL(e)), Ended: e.HasEnded(s.Now)}
		if e.OrganizerPartner != nil {
			ev.OrganizerURL = abs(e.OrganizerPartner.URL)
		}
		if r := e.Registration; r != nil && !ev.Ended {
			ev.Registration = &Registration{URL: fixed(r.URL), Deadline: r.Deadline, Closed: r.IsClosed(s.Now)}
		}
		return ev
	}
	announced := AgendaGroup{Heading: w["letter.announced"]}
	for _, e := range m.Events {
		announced.Events = append(announced.Events, event(e))
	}
	also := AgendaGroup{Heading: w["letter.also"]}
	for _, e := range s.Upcoming {
		if slices.Contains(m.Events, e) {
			continue
		}
		if len(also.Events) == MaxOtherEvents {
			also.More++
			continue
		}
		also.Events = append(also.Events, event(e))
	}
	if also.More > 0 {
		also.MoreURL = fixed(site.AgendaURL)
	}
	for _, g := range []AgendaGroup{announced, also} {
		if len(g.Events) > 0 {
			d.Agenda = append(d.Agenda, g)
		}
	}
	if m.HTML != "" {
		body := feed.Absolute(string(m.HTML), abs(m.URL))
		d.Decisions = inlineStyles(markdown.Embed(htmltemplate.HTML(body), 3, "decisions"))
	}
	d.Preheader = preheader(d, len(announced.Events)+len(also.Events)+also.More, w)

	var html, text bytes.Buffer
	// Sized from what it holds: one allocation rather than a buffer
	// growing ten times, for every relevé at every build.
	size := 12<<10 + 2*len(d.Decisions) + 1800*(len(announced.Events)+len(also.Events))
	for _, p := range d.News {
		for _, n := range p.News {
			size += 2*len(n.Body) + 600
		}
	}
	html.Grow(size)
	if err := th.html.Execute(&html, d); err != nil {
		return nil, errors.New("layouts/" + strings.TrimPrefix(err.Error(), "template: "))
	}
	if !opts.Web { // the web view is the HTML part alone
		if err := th.text.Execute(&text, d); err != nil {
			return nil, errors.New("layouts/" + strings.TrimPrefix(err.Error(), "template: "))
		}
	}
	return &Letter{
		Subject: d.Subject, HTML: html.Bytes(), Text: tidyText(text.Bytes()),
		Date: s.Now.In(s.Location), MessageID: messageID(s.BaseURL, m.ID), MinutesID: m.ID,
	}, nil
}

// preheader is the line a mail client shows after the subject: what the
// mail holds.
func preheader(d *Data, events int, w map[string]string) string {
	var parts []string
	if n := countNews(d.News); n > 0 {
		parts = append(parts, plural(n, w["count.news"]))
	}
	if events > 0 {
		parts = append(parts, plural(events, w["count.events"]))
	}
	if d.Decisions != "" {
		parts = append(parts, strings.ToLower(w["minutes.decisions"]))
	}
	head := date.Capitalize(date.FormatDay(d.Minutes.Date.Time()))
	if len(parts) == 0 {
		return head
	}
	return head + " : " + joinFrench(parts)
}

func countNews(pn []PartnerNews) int {
	n := 0
	for _, p := range pn {
		n += len(p.News)
	}
	return n
}

func plural(n int, forms string) string {
	one, many, _ := strings.Cut(forms, "|")
	if n > 1 {
		return fmt.Sprint(n, " ", many)
	}
	return fmt.Sprint(n, " ", one)
}

// joinFrench writes "a, b et c".
func joinFrench(list []string) string {
	if len(list) < 2 {
		return strings.Join(list, "")
	}
	return strings.Join(list[:len(list)-1], ", ") + " et " + list[len(list)-1]
}

// WebViewURL is the path of the web view of the minutes' mail.
func WebViewURL(m *site.Minutes) string { return m.URL + "lettre/" }

// messageID is stable: the same minutes give the same Message-ID, so that a
// draft written twice is the same message.
func messageID(baseURL, id string) string {
	host := "relais.invalid"
	if u, err := url.Parse(baseURL); err == nil && u.Hostname() != "" {
		host = u.Hostname()
	}
	return "releve-" + id + "@" + host
}

func webcal(u string) string {
	if rest, ok := strings.CutPrefix(u, "https://"); ok {
		return "webcal://" + rest
	}
	if rest, ok := strings.CutPrefix(u, "http://"); ok {
		return "webcal://" + rest
	}
	return ""
}
