package render

import (
	"html"
	"html/template"
	"strings"
	"time"

	"relais/internal/date"
	"relais/internal/site"
)

// The list items of news and events are the most rendered fragments of a
// site: each is in several lists (a news item in the news list and on its
// partner's page; an event in the agenda, on partner pages and on a minutes
// page), thousands a build, and html/template costs about a microsecond an
// action through reflection. While the theme's partials/news-item.html and
// partials/event-item.html (with event-status.html and registration.html)
// are the embedded ones, items are written by the functions below, which
// write the same bytes: TestItemsEqualTemplates renders every item of the
// test sites both ways. Text and attributes are escaped by escapeText, as
// html/template's escapers do; a URL that its filter or normalizer would
// change (see safeURL) sends the item to the template.

// itemWriter writes items as the embedded partials do.
type itemWriter struct {
	words map[string]string // the words, HTML-escaped as inlineWords writes them
}

func newItemWriter(w map[string]string) *itemWriter {
	esc := make(map[string]string, len(w))
	for k, v := range w {
		esc[k] = html.EscapeString(v)
	}
	return &itemWriter{words: esc}
}

// news writes partials/news-item.html for heading "h2" or "h3"; ok is false
// when the template must do it.
func (iw *itemWriter) news(n *site.News, heading string) (h template.HTML, ok bool) {
	if heading != "h2" && heading != "h3" || !safeURL(n.URL) {
		return "", false
	}
	var b strings.Builder
	b.Grow(256 + len(n.Title) + len(n.Summary))
	b.WriteString("<li class=\"news-item\">\n")
	writeTitle(&b, "news-"+n.Slug, heading, n.URL, n.Title)
	b.WriteString("\n<p class=\"meta\">")
	if p := n.Partner; p != nil {
		b.WriteString("<span class=\"partner-tag\">")
		escapeText(&b, p.Name())
		b.WriteString("</span> · ")
	}
	b.WriteString("<time datetime=\"")
	escapeText(&b, n.Date.ISO())
	b.WriteString("\">")
	escapeText(&b, date.FormatValue(n.Date))
	b.WriteString("</time></p>")
	if n.Summary != "" {
		b.WriteString("\n<p>")
		escapeText(&b, n.Summary)
		b.WriteString("</p>")
	}
	b.WriteString("\n</article>\n</li>\n")
	return template.HTML(b.String()), true
}

// event writes partials/event-item.html (without the registration's "Verb");
// ok is false when the template must do it.
func (iw *itemWriter) event(e *site.Event, now time.Time, state bool) (h template.HTML, ok bool) {
	if !safeURL(e.URL) {
		return "", false
	}
	if p := e.OrganizerPartner; p != nil && !safeURL(p.URL) {
		return "", false
	}
	w := iw.words
	var b strings.Builder
	b.Grow(512 + len(e.Title) + len(e.Location))
	b.WriteString("<li class=\"event-item")
	if e.IsCancelled() {
		b.WriteString(" is-cancelled")
	}
	if e.IsPostponed() {
		b.WriteString(" is-postponed")
	}
	b.WriteString("\" data-ends=\"")
	escapeText(&b, e.Ends.Format(time.RFC3339))
	b.WriteString("\">\n")
	writeTitle(&b, "ev-"+e.Slug, "h3", e.URL, e.Title)
	// partials/event-status.html, which ends with a line break.
	switch {
	case e.IsCancelled():
		b.WriteString("\n<p class=\"status status-cancelled\"><strong>" + w["event.cancelled"] + "</strong></p>")
	case e.IsPostponed():
		b.WriteString("\n<p class=\"status status-postponed\"><strong>" + w["event.postponed"] + "</strong></p>")
	}
	b.WriteByte('\n')
	b.WriteString("\n<p class=\"event-when\"><time datetime=\"")
	escapeText(&b, e.Start.ISO())
	b.WriteString("\">")
	escapeText(&b, e.When)
	b.WriteString("</time>")
	ended := e.HasEnded(now)
	if state {
		if ended {
			b.WriteString(" <span class=\"tag\">" + w["event.ended"] + "</span>")
		} else {
			b.WriteString(" <span class=\"tag tag-upcoming\">" + w["event.upcoming"] + "</span>")
		}
	}
	b.WriteString("</p>")
	switch {
	case e.Location != "":
		b.WriteString("\n<p class=\"event-where\">")
		escapeText(&b, e.Location)
		b.WriteString("</p>")
	case e.Online != "":
		b.WriteString("\n<p class=\"event-where\">" + w["event.online"] + "</p>")
	}
	switch {
	case e.OrganizerPartner != nil:
		b.WriteString("\n<p class=\"event-by\">" + w["event.organizer"] + " : <a href=\"")
		escapeText(&b, e.OrganizerPartner.URL) // checked by safeURL
		b.WriteString("\">")
		escapeText(&b, e.OrganizerPartner.Name())
		b.WriteString("</a></p>")
	case e.Organizer != "":
		b.WriteString("\n<p class=\"event-by\">" + w["event.organizer"] + " : ")
		escapeText(&b, e.Organizer)
		b.WriteString("</p>")
	}
	if r := e.Registration; r != nil && !ended {
		b.WriteString("\n<p class=\"event-registration\">")
		if !iw.registration(&b, e, r, now) {
			return "", false
		}
		b.WriteString("</p>")
	}
	b.WriteString("\n</article>\n</li>\n")
	return template.HTML(b.String()), true
}

// registration writes partials/registration.html without "Verb".
func (iw *itemWriter) registration(b *strings.Builder, e *site.Event, r *site.Registration, now time.Time) bool {
	w := iw.words
	if r.IsClosed(now) {
		b.WriteString("<span class=\"registration-closed\">" + w["event.closed"] + "</span>")
		return true
	}
	if !safeURL(r.URL) {
		return false
	}
	b.WriteString("<span class=\"registration-open\"")
	if !r.Closes.IsZero() {
		b.WriteString(" data-closes=\"")
		escapeText(b, r.Closes.Format(time.RFC3339))
		b.WriteString("\"")
	}
	b.WriteString("><a href=\"")
	escapeText(b, r.URL) // checked by safeURL
	b.WriteString("\">" + w["event.registration"] + "<span class=\"visually-hidden\"> : ")
	escapeText(b, e.Title)
	b.WriteString("</span></a>")
	if !r.Deadline.IsZero() {
		b.WriteString(" " + w["event.before"] + " <time datetime=\"")
		escapeText(b, r.Deadline.ISO())
		b.WriteString("\">")
		escapeText(b, date.FormatValue(r.Deadline))
		b.WriteString("</time>")
	}
	b.WriteString("</span>")
	if !r.Closes.IsZero() {
		b.WriteString("<span class=\"registration-closed\" hidden>" + w["event.closed"] + "</span>")
	}
	return true
}

// escapeText escapes s as html/template does a string in text or in a
// quoted attribute (its htmlReplacementTable): NUL, ", &, ', +, <, >.
func escapeText(b *strings.Builder, s string) {
	last := 0
	for i := 0; i < len(s); i++ {
		var repl string
		switch s[i] {
		case 0:
			repl = "\uFFFD"
		case '"':
			repl = "&#34;"
		case '&':
			repl = "&amp;"
		case '\'':
			repl = "&#39;"
		case '+':
			repl = "&#43;"
		case '<':
			repl = "&lt;"
		case '>':
			repl = "&gt;"
		default:
			continue
		}
		b.WriteString(s[last:i])
		b.WriteString(repl)
		last = i + 1
	}
	b.WriteString(s[last:])
}

// writeTitle opens an item's article, labelled by its heading, which links
// the item's page: `<article aria-labelledby="ID">` and `<hN id="ID"><a
// href="URL">TITLE</a></hN>` on the next line. url is checked by safeURL.
func writeTitle(b *strings.Builder, id, heading, url, title string) {
	b.WriteString("<article aria-labelledby=\"")
	escapeText(b, id)
	b.WriteString("\">\n<" + heading + " id=\"")
	escapeText(b, id)
	b.WriteString("\"><a href=\"")
	escapeText(b, url)
	b.WriteString("\">")
	escapeText(b, title)
	b.WriteString("</a></" + heading + ">")
}

// safeURL tells a URL that html/template's URL filter passes and its
// normalizer leaves as it is (ASCII letters, digits, the characters of URLs
// and valid percent escapes, with a scheme of http, https or mailto if any),
// so that escapeText writes it as the template would.
func safeURL(u string) bool {
	for i := 0; i < len(u); i++ {
		c := u[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		case strings.IndexByte("-._~:/?#[]@!$&*+,;=", c) >= 0:
		case c == '%' && i+2 < len(u) && isHex(u[i+1]) && isHex(u[i+2]):
		default:
			return false
		}
	}
	if scheme, _, ok := strings.Cut(u, ":"); ok && !strings.Contains(scheme, "/") {
		return strings.EqualFold(scheme, "http") || strings.EqualFold(scheme, "https") || strings.EqualFold(scheme, "mailto")
	}
	return true
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}
