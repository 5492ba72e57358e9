// Package date reads the dates written in front matter and renders them in French.
//
// A front-matter date is either a whole day ("2021-10-07") or a wall-clock time in the
// site's time zone ("2021-10-07T09:00"). [Value] keeps the two apart, because an all-day
// event and an event at midnight are not the same thing on a page or in a calendar.
// Parsing happens in the site's zone, never the build machine's (Netlify builds in UTC),
// and rejects the local times that the spring daylight-saving change skips.
//
// The Format functions write dates the way French readers expect them:
// "jeudi 7 et vendredi 8 octobre 2021", "mardi 16 novembre 2021 à 10 h 30".
package date

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	// The zone database is embedded so that time.LoadLocation("Europe/Paris") works on
	// machines without zoneinfo, such as some CI and Netlify build images.
	_ "time/tzdata"
)

// Value is a date read from front matter: either a whole day (IsDay) or an instant
// with a wall-clock time in a zone.
//
// The zero Value means "no date"; IsZero reports it.
type Value struct {
	t   time.Time // in the site's zone; midnight (the start of the day) for a day
	day bool
}

// formatHint is the reminder given when a date does not have one of the accepted shapes.
const formatHint = "write it as 2021-10-07, or 2021-10-07T09:00 for a time"

// Parse reads s as written in front matter, in loc (the site's time zone; nil means UTC):
//
//	"2021-10-07"                   a day (midnight in loc, IsDay true)
//	"2021-10-07T09:00"             a local time in loc; "2021-10-07 09:00",
//	                               "2021-10-07T09:00:00" and "2021-10-07 09:00:00" too
//	"2021-10-07T09:00+02:00"       an explicit offset ("Z" for UTC, seconds allowed):
//	                               the instant is kept and shown in loc
//
// Surrounding spaces are trimmed; "t" and "z" may be lower-case, and spaces may separate
// a time from its offset, as YAML timestamps allow. Fractions of a second are refused,
// and so are years outside 1000–9999 (typos such as "0021-10-07").
//
// A local time that the spring daylight-saving change skips ("2022-03-27T02:30" in
// Europe/Paris) is an error. An ambiguous local time (the autumn change repeats
// 02:00–03:00 in Europe/Paris) is accepted and takes the first instant, in summer time;
// IsAmbiguous reports it, and an explicit offset selects the other one.
//
// Errors quote the date and say what is wrong, for example
// `invalid date "2021-02-30": February 2021 has 28 days`.
func Parse(s string, loc *time.Location) (Value, error) {
	if loc == nil {
		loc = time.UTC
	}
	in := strings.TrimSpace(s)
	f, ok := scan(in)
	if !ok {
		return Value{}, fmt.Errorf("invalid date %q: %s", in, formatHint)
	}
	if err := f.check(); err != nil {
		return Value{}, fmt.Errorf("invalid date %q: %v", in, err)
	}

	var v Value
	switch {
	case f.zone:
		v.t = time.Date(f.year, f.month, f.day, f.hour, f.min, f.sec, 0, time.FixedZone("", f.offset)).In(loc)
	case !f.clock:
		v = Value{t: startOfDay(f.year, f.month, f.day, loc), day: true}
	default:
		ts := candidates(f.year, f.month, f.day, f.hour, f.min, f.sec, loc)
		if len(ts) == 0 {
			return Value{}, fmt.Errorf("time %q does not exist in %s (the clocks go forward that night)", in, loc)
		}
		v.t = ts[0]
	}
	if err := checkYear(v.t); err != nil {
		return Value{}, fmt.Errorf("invalid date %q: %v", in, err)
	}
	return v, nil
}

// checkYear refuses years that are surely typos ("0021-10-07"), and those past 9999
// that an offset can reach, which String could not write back. Refusing years before
// 1000 also keeps "0001-01-01T00:00Z", the zero time, from parsing as no date at all.
func checkYear(t time.Time) error {
	if y := t.Year(); y < 1000 || y > 9999 {
		return fmt.Errorf("year %d is out of range", y)
	}
	return nil
}

// Day returns the whole day that contains t, in t's location.
func Day(t time.Time) Value {
	y, m, d := t.Date()
	return Value{t: startOfDay(y, m, d, t.Location()), day: true}
}

// At returns the instant t, truncated to the second, shown in t's location.
func At(t time.Time) Value {
	return Value{t: t.Truncate(time.Second)}
}

// IsDay reports whether v is a whole day rather than a time.
func (v Value) IsDay() bool { return v.day }

// IsZero reports whether v is the zero Value, which stands for an absent date.
func (v Value) IsZero() bool { return v.t.IsZero() }

// Time returns the instant of v, in its zone: the start of the day (normally midnight)
// for a day.
func (v Value) Time() time.Time { return v.t }

// IsAmbiguous reports whether v is a time whose wall clock occurs twice in its zone,
// as 02:30 does on the night of the autumn daylight-saving change in Europe/Paris.
// Such a time is accepted by Parse; a check can warn about it.
func (v Value) IsAmbiguous() bool {
	if v.day || v.IsZero() {
		return false
	}
	y, m, d := v.t.Date()
	return len(candidates(y, m, d, v.t.Hour(), v.t.Minute(), v.t.Second(), v.t.Location())) > 1
}

// String returns v in the canonical front-matter form, in v's zone: "2021-10-07" for a
// day, "2021-10-07T09:00" for a time ("2021-10-07T09:00:05" when the seconds are not
// zero), and "" for the zero Value. Parse reads it back to the same Value. The one
// exception to the form is the second occurrence of an ambiguous wall-clock time, which
// carries its offset ("2021-10-31T02:30+01:00") so that it still reads back the same.
func (v Value) String() string {
	switch {
	case v.IsZero():
		return ""
	case v.day:
		return v.t.Format(time.DateOnly)
	}
	s := v.t.Format(clockLayout(v.t))
	y, m, d := v.t.Date()
	if ts := candidates(y, m, d, v.t.Hour(), v.t.Minute(), v.t.Second(), v.t.Location()); len(ts) > 0 && !ts[0].Equal(v.t) {
		s += v.t.Format("-07:00")
	}
	return s
}

// ISO returns the machine-readable form of v for <time datetime>: "2021-10-07" for a
// day, "2021-10-07T09:00+02:00" for a time (RFC 3339, without seconds unless they are
// not zero, with the numeric offset of v's zone at that instant), and "" for the zero
// Value.
func (v Value) ISO() string {
	switch {
	case v.IsZero():
		return ""
	case v.day:
		return v.t.Format(time.DateOnly)
	}
	return v.t.Format(clockLayout(v.t) + "-07:00")
}

// clockLayout is the layout of a date and time, with seconds only when t has some.
func clockLayout(t time.Time) string {
	if t.Second() != 0 {
		return "2006-01-02T15:04:05"
	}
	return "2006-01-02T15:04"
}

// Slot is a time range within an event; both ends are times (not days).
type Slot struct{ Start, End Value }

// fields holds the parts of a date as written, before they are checked.
type fields struct {
	year, day, hour, min, sec int
	month                     time.Month
	clock                     bool   // a time of day was written
	frac                      bool   // the seconds had a fraction
	zone                      bool   // an offset was written
	offset                    int    // seconds east of UTC
	offsetText                string // the offset as written, for errors
	offHour, offMin           int    // the offset's parts, checked for range
}

// scan splits s into fields if it has one of the accepted shapes; the values are
// checked later, so that errors can say which one is wrong.
func scan(s string) (f fields, ok bool) {
	p := s
	num := func(n int) (int, bool) {
		if len(p) < n {
			return 0, false
		}
		v := 0
		for _, c := range []byte(p[:n]) {
			if c < '0' || c > '9' {
				return 0, false
			}
			v = v*10 + int(c-'0')
		}
		p = p[n:]
		return v, true
	}
	lit := func(c byte) bool {
		if len(p) > 0 && p[0] == c {
			p = p[1:]
			return true
		}
		return false
	}

	var month int
	if f.year, ok = num(4); !ok || !lit('-') {
		return f, false
	}
	if month, ok = num(2); !ok || !lit('-') {
		return f, false
	}
	f.month = time.Month(month)
	if f.day, ok = num(2); !ok {
		return f, false
	}
	if p == "" {
		return f, true
	}

	switch {
	case lit('T'), lit('t'):
	case strings.HasPrefix(p, " "):
		p = strings.TrimLeft(p, " ")
	default:
		return f, false
	}
	f.clock = true
	if f.hour, ok = num(2); !ok || !lit(':') {
		return f, false
	}
	if f.min, ok = num(2); !ok {
		return f, false
	}
	if lit(':') {
		if f.sec, ok = num(2); !ok {
			return f, false
		}
		if lit('.') || lit(',') {
			n := len(p)
			p = strings.TrimLeft(p, "0123456789")
			if len(p) == n {
				return f, false
			}
			f.frac = true
		}
	}

	p = strings.TrimLeft(p, " ")
	if p == "" {
		return f, true
	}
	f.zone = true
	f.offsetText = p
	switch {
	case lit('Z'), lit('z'):
	case lit('+'), lit('-'):
		sign := 1
		if f.offsetText[0] == '-' {
			sign = -1
		}
		if f.offHour, ok = num(2); !ok || !lit(':') {
			return f, false
		}
		if f.offMin, ok = num(2); !ok {
			return f, false
		}
		f.offset = sign * (f.offHour*3600 + f.offMin*60)
	default:
		return f, false
	}
	return f, p == ""
}

// check reports the first part of f that does not exist on a calendar or a clock.
func (f fields) check() error {
	if f.month < time.January || f.month > time.December {
		return fmt.Errorf("month %d does not exist", int(f.month))
	}
	if f.day < 1 {
		return fmt.Errorf("day %d does not exist", f.day)
	}
	if n := daysIn(f.year, f.month); f.day > n {
		return fmt.Errorf("%s %d has %d days", f.month, f.year, n)
	}
	switch {
	case f.hour > 23:
		return fmt.Errorf("hour %d does not exist", f.hour)
	case f.min > 59:
		return fmt.Errorf("minute %d does not exist", f.min)
	case f.sec > 59:
		return fmt.Errorf("second %d does not exist", f.sec)
	case f.frac:
		return errors.New("fractions of a second are not supported")
	case f.offHour > 23 || f.offMin > 59:
		return fmt.Errorf("offset %q does not exist", f.offsetText)
	}
	return nil
}

// daysIn returns the number of days in month m of year y.
func daysIn(y int, m time.Month) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// candidates returns, earliest first, the instants whose wall clock in loc reads the
// given date and time: none in a gap (spring forward), two in an overlap (fall back),
// one otherwise. time.Date leaves the choice in those cases unspecified, so the zone
// offsets around the wall clock are tried one by one.
func candidates(y int, m time.Month, d, hh, mm, ss int, loc *time.Location) []time.Time {
	wall := time.Date(y, m, d, hh, mm, ss, 0, time.UTC)
	var ts []time.Time
	for _, off := range offsetsAround(wall, loc) {
		t := wall.Add(-time.Duration(off) * time.Second).In(loc)
		if _, o := t.Zone(); o == off {
			ts = append(ts, t)
		}
	}
	slices.SortFunc(ts, time.Time.Compare)
	return slices.CompactFunc(ts, time.Time.Equal)
}

// offsetsAround returns the offsets (seconds east of UTC) that loc uses within a day of
// wall, read as UTC: offsets stay well within a day, so every instant that can show
// this wall clock lies in that window.
func offsetsAround(wall time.Time, loc *time.Location) []int {
	const window = 26 * time.Hour
	last := wall.Add(window)
	var offsets []int
	cur := wall.Add(-window).In(loc)
	for range 16 { // a zone never changes this often within two days
		_, off := cur.Zone()
		if !slices.Contains(offsets, off) {
			offsets = append(offsets, off)
		}
		_, end := cur.ZoneBounds()
		if end.IsZero() || end.After(last) {
			break
		}
		cur = end
	}
	return offsets
}

// startOfDay returns the first instant of the given day in loc: midnight, or the end
// of the gap when a daylight-saving change skips midnight (as it did in some American
// zones).
func startOfDay(y int, m time.Month, d int, loc *time.Location) time.Time {
	if ts := candidates(y, m, d, 0, 0, 0, loc); len(ts) > 0 {
		return ts[0]
	}
	// Midnight falls in a gap: the day starts at the change of offset that ends it.
	wall := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	var first time.Time
	for _, off := range offsetsAround(wall, loc) {
		t := wall.Add(-time.Duration(off) * time.Second).In(loc)
		start, _ := t.ZoneBounds()
		for _, c := range []time.Time{t, start} {
			if cy, cm, cd := c.Date(); !c.IsZero() && cy == y && cm == m && cd == d && (first.IsZero() || c.Before(first)) {
				first = c
			}
		}
	}
	if first.IsZero() {
		// Not reached for real zones; fall back on the standard library's choice.
		return time.Date(y, m, d, 0, 0, 0, 0, loc)
	}
	return first
}
