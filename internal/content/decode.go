package content

import (
	"fmt"
	"net/mail"
	"net/url"
	"strconv"
	"strings"
	"time"

	"relais/internal/date"
	"relais/internal/diag"
	"relais/internal/safety"
)

// decoder reads typed values out of one front-matter map, records which keys
// were asked for, and reports every problem with its line. Its accessors never
// fail: they add a problem and return the zero value, so that one pass reports
// all the mistakes of a file.
type decoder struct {
	file   string
	prefix string // "registration." inside a nested map
	m      *value
	loc    *time.Location
	errs   *diag.List
	known  []string
	// publishPrivate is the file's publish_private: its author says that
	// what looks private (a passcode, an e-mail address in a link) is meant
	// to be published.
	publishPrivate bool
	// trace, when set, hears every key the decoding asks for, with its
	// prefix ("registration.url"): Keys lists the accepted keys with it.
	trace func(key string)
}

// newDecoder returns a decoder over a file's front matter.
func newDecoder(file string, m *value, loc *time.Location, errs *diag.List) *decoder {
	return &decoder{file: file, m: m, loc: loc, errs: errs, publishPrivate: isTrue(m.get("publish_private"))}
}

func (d *decoder) pos(line int) diag.Pos { return diag.Pos{File: d.file, Line: line} }

// lookup returns the value of key, or nil when it is absent or empty.
func (d *decoder) lookup(key string) *value {
	d.known = append(d.known, key)
	if d.trace != nil {
		d.trace(d.prefix + key)
	}
	v := d.m.get(key)
	if v.isEmpty() {
		return nil
	}
	return v
}

// keyLine is the line of key, or of the map itself when the key is absent.
func (d *decoder) keyLine(key string) int {
	for _, f := range d.m.fields {
		if f.key == key {
			return f.line
		}
	}
	return d.m.line
}

func (d *decoder) missing(key string) {
	d.errs.Add(d.pos(d.m.line), "missing required key %q", d.prefix+key)
}

// wrongKind reports a value of the wrong kind. It shows scalars as written,
// since "draft must be true or false, not text" leaves the editor to guess
// what was wrong with `draft: "yes"`, and "weight must be a whole number, not
// a number" (for 1.5) reads as a contradiction.
func (d *decoder) wrongKind(key string, v *value, want string) {
	var got string
	switch v.kind {
	case kindString:
		got = fmt.Sprintf("the text %q", v.text)
		if v.text == "true" || v.text == "false" {
			got += " (remove the quotes)"
		} else if _, err := strconv.Atoi(v.text); err == nil {
			got += " (remove the quotes)"
		}
	case kindNumber, kindBool:
		got = v.text
	default:
		got = v.kind.String()
	}
	d.errs.Add(d.pos(v.line), "%s must be %s, not %s", d.prefix+key, want, got)
}

// str reads a text value. Numbers are taken as text: `title: 2022` is a title.
func (d *decoder) str(key string, required bool) string {
	v := d.lookup(key)
	if v == nil {
		if required {
			d.missing(key)
		}
		return ""
	}
	if v.kind != kindString && v.kind != kindNumber {
		d.wrongKind(key, v, "text")
		return ""
	}
	return strings.TrimSpace(v.text)
}

func (d *decoder) boolean(key string) bool {
	v := d.lookup(key)
	if v == nil {
		return false
	}
	if v.kind != kindBool {
		d.wrongKind(key, v, "true or false")
		return false
	}
	return v.text == "true"
}

func (d *decoder) integer(key string) int {
	v := d.lookup(key)
	if v == nil {
		return 0
	}
	n, err := strconv.Atoi(v.text)
	if v.kind != kindNumber || err != nil {
		d.wrongKind(key, v, "a whole number")
		return 0
	}
	return n
}

// date reads a day or a date-time. want restricts it: "day", "time" or "" for either.
func (d *decoder) date(key string, required bool, want string) date.Value {
	v := d.lookup(key)
	if v == nil {
		if required {
			d.missing(key)
		}
		return date.Value{}
	}
	return d.dateValue(key, v, want)
}

func (d *decoder) dateValue(key string, v *value, want string) date.Value {
	if v.kind != kindString && v.kind != kindNumber {
		d.wrongKind(key, v, "a date such as 2021-10-07 or 2021-10-07T09:00")
		return date.Value{}
	}
	dv, err := date.Parse(v.text, d.loc)
	if err != nil {
		d.errs.Add(d.pos(v.line), "%s: %v", d.prefix+key, err)
		return date.Value{}
	}
	switch {
	case want == "day" && !dv.IsDay():
		d.errs.Add(d.pos(v.line), "%s must be a day such as %s, without a time", d.prefix+key, dv.Time().Format("2006-01-02"))
		return date.Value{}
	case want == "time" && dv.IsDay():
		d.errs.Add(d.pos(v.line), "%s must be a date and time such as %sT09:00", d.prefix+key, dv.Time().Format("2006-01-02"))
		return date.Value{}
	}
	return dv
}

// url reads an absolute URL. schemes lists the accepted ones.
func (d *decoder) url(key string, schemes ...string) string {
	s := d.str(key, false)
	if s == "" {
		return ""
	}
	u, err := url.Parse(s)
	if err != nil || u.Scheme == "" || (u.Host == "" && u.Opaque == "") {
		msg := fmt.Sprintf("%s must be an absolute address such as https://example.org/, not %q", d.prefix+key, s)
		// "www.example.org" is the commonest slip: say what to write.
		if err == nil && u.Scheme == "" && u.Host == "" && strings.Contains(strings.Split(u.Path, "/")[0], ".") {
			msg += fmt.Sprintf("; did you mean %q?", "https://"+s)
		}
		d.errs.Add(d.pos(d.keyLine(key)), "%s", msg)
		return ""
	}
	allowed := false
	for _, sc := range schemes {
		allowed = allowed || strings.EqualFold(u.Scheme, sc)
	}
	if !allowed {
		d.errs.Add(d.pos(d.keyLine(key)), "%s: the %q scheme is not allowed (use %s)", d.prefix+key, u.Scheme, orList(schemes))
		return ""
	}
	if target, ok := safety.Unwrap(s); ok {
		d.errs.Warn(d.pos(d.keyLine(key)), "%s: redirect link replaced by the address it wraps, %s: paste the real address (such links expire and reveal who received the mail)", d.prefix+key, target)
		s = target
	}
	if msg := safety.URLProblem(s); msg != "" && !d.publishPrivate {
		d.errs.Add(d.pos(d.keyLine(key)), "%s: %s (if it must be published, set publish_private: true)", d.prefix+key, msg)
		return ""
	}
	return s
}

// orList writes "a, b or c".
func orList(list []string) string {
	if len(list) < 2 {
		return strings.Join(list, "")
	}
	return strings.Join(list[:len(list)-1], ", ") + " or " + list[len(list)-1]
}

// oneOf reads a text value that must be one of choices.
func (d *decoder) oneOf(key string, choices ...string) string {
	s := d.str(key, false)
	if s == "" {
		return ""
	}
	for _, c := range choices {
		if s == c {
			return s
		}
	}
	msg := fmt.Sprintf("%s must be one of %s, not %q", d.prefix+key, quoteAll(choices), s)
	if near := nearest(s, choices); near != "" {
		msg += fmt.Sprintf("; did you mean %q?", near)
	}
	d.errs.Add(d.pos(d.keyLine(key)), "%s", msg)
	return ""
}

// strings reads a list of texts.
func (d *decoder) strings(key string) []string {
	v := d.lookup(key)
	if v == nil {
		return nil
	}
	if v.kind != kindList {
		d.wrongKind(key, v, "a list such as [a, b]")
		return nil
	}
	var out []string
	for _, c := range v.list {
		if c.kind != kindString || strings.TrimSpace(c.text) == "" {
			d.errs.Add(d.pos(c.line), "%s: each item must be a text", d.prefix+key)
			continue
		}
		out = append(out, strings.TrimSpace(c.text))
	}
	return out
}

// address reads one e-mail address ("a@example.org" or "Nom <a@example.org>").
func (d *decoder) address(key string) string {
	s := d.str(key, false)
	if s != "" && !d.checkAddress(key, s, d.keyLine(key)) {
		return ""
	}
	return s
}

// addresses reads a list of e-mail addresses.
func (d *decoder) addresses(key string) []string {
	var out []string
	v := d.m.get(key)
	for i, s := range d.strings(key) {
		line := d.keyLine(key)
		if v != nil && i < len(v.list) {
			line = v.list[i].line
		}
		if d.checkAddress(key, s, line) {
			out = append(out, s)
		}
	}
	return out
}

func (d *decoder) checkAddress(key, s string, line int) bool {
	if _, err := mail.ParseAddress(s); err != nil {
		d.errs.Add(d.pos(line), "%s: %q is not an e-mail address such as \"Nom <nom@example.org>\"", d.prefix+key, s)
		return false
	}
	return true
}

// sub returns a decoder over the map under key, or nil when it is absent.
func (d *decoder) sub(key string, v *value) *decoder {
	if v.kind != kindMap {
		d.wrongKind(key, v, "a set of keys")
		return nil
	}
	return &decoder{file: d.file, prefix: d.prefix + key + ".", m: v, loc: d.loc, errs: d.errs, publishPrivate: d.publishPrivate, trace: d.trace}
}

// finish reports the keys nobody asked for: typos must not pass silently.
func (d *decoder) finish() {
	for _, f := range d.m.fields {
		if contains(d.known, f.key) {
			continue
		}
		msg := fmt.Sprintf("unknown key %q", d.prefix+f.key)
		if near := suggestKey(f.key, d.known); near != "" {
			msg += fmt.Sprintf("; did you mean %q?", d.prefix+near)
		} else {
			msg += fmt.Sprintf(" (known keys: %s)", strings.Join(d.known, ", "))
		}
		d.errs.Add(d.pos(f.line), "%s", msg)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func quoteAll(list []string) string {
	q := make([]string, len(list))
	for i, s := range list {
		q[i] = strconv.Quote(s)
	}
	return strings.Join(q, ", ")
}
