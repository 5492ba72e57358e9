package content

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"relais/internal/date"
	"relais/internal/diag"
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
}

func (d *decoder) pos(line int) diag.Pos { return diag.Pos{File: d.file, Line: line} }

// lookup returns the value of key, or nil when it is absent or empty.
func (d *decoder) lookup(key string) *value {
	d.known = append(d.known, key)
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

func (d *decoder) wrongKind(key string, v *value, want string) {
	d.errs.Add(d.pos(v.line), "%s must be %s, not %s", d.prefix+key, want, v.kind)
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
		d.errs.Add(d.pos(d.keyLine(key)), "%s must be an absolute address such as https://example.org/, not %q", d.prefix+key, s)
		return ""
	}
	for _, sc := range schemes {
		if strings.EqualFold(u.Scheme, sc) {
			return s
		}
	}
	d.errs.Add(d.pos(d.keyLine(key)), "%s: the %q scheme is not allowed (use %s)", d.prefix+key, u.Scheme, strings.Join(schemes, " or "))
	return ""
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

// sub returns a decoder over the map under key, or nil when it is absent.
func (d *decoder) sub(key string, v *value) *decoder {
	if v.kind != kindMap {
		d.wrongKind(key, v, "a set of keys")
		return nil
	}
	return &decoder{file: d.file, prefix: d.prefix + key + ".", m: v, loc: d.loc, errs: d.errs}
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
