// Package ical writes the agenda as iCalendar (RFC 5545) files, through
// github.com/arran4/golang-ical, which folds lines at 75 octets without
// splitting UTF-8 sequences and escapes TEXT values. This package decides the
// content: one VEVENT per event or per slot, a VTIMEZONE for the site's zone,
// local times that reference it, all-day events as dates with an exclusive
// end, stable UIDs, and statuses that calendar apps understand.
package ical

import (
	"bytes"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	ics "github.com/arran4/golang-ical"

	"relais/internal/date"
	"relais/internal/site"
)

// Calendar options.
type Options struct {
	Name        string // X-WR-CALNAME
	Description string
	URL         string // absolute URL of the calendar's page
}

const (
	localLayout = "20060102T150405"
	dateLayout  = "20060102"
	// refresh is how often subscribed clients should fetch the calendar again.
	refresh = "PT6H"
)

// Writer writes the calendars of one site. It keeps the VTIMEZONE of each
// year it wrote, which every calendar of that year repeats, and the VEVENTs
// of each event until they are in both the event's own calendar and the
// agenda's: serialized once (a twelfth of rendering a 10,000-page site's
// allocations), but not held to the end of the build (165 MB on a
// 100,000-page site). It is safe for concurrent use.
type Writer struct {
	site   *site.Site
	host   string
	zones  sync.Map // year → []byte: the serialized VTIMEZONE
	events sync.Map // *site.Event → *serialized: its VEVENTs, until their second use
}

// serialized is an event's VEVENTs and how many calendars took them.
type serialized struct {
	b    []byte
	uses atomic.Int32
}

// usesPerBuild is how many calendars hold an event: its own and the agenda's.
const usesPerBuild = 2

// serialization is how the calendars are written: lines folded at 75
// octets, CRLF line ends (RFC 5545, 3.1).
var serialization = &ics.SerializationConfiguration{MaxLength: 75, PropertyMaxLength: 75, NewLine: "\r\n"}

const calendarEnd = "END:VCALENDAR\r\n"

// NewWriter returns a writer for the calendars of s.
func NewWriter(s *site.Site) *Writer { return &Writer{site: s, host: hostOf(s.BaseURL)} }

// Write renders events as one calendar.
func Write(s *site.Site, events []*site.Event, opts Options) []byte {
	return NewWriter(s).Write(events, opts)
}

func (w *Writer) zone(year int) []byte {
	if z, ok := w.zones.Load(year); ok {
		return z.([]byte)
	}
	var buf bytes.Buffer
	_ = vtimezone(w.site.Location, year).SerializeTo(&buf, serialization)
	w.zones.Store(year, buf.Bytes())
	return buf.Bytes()
}

// vevents returns the serialized VEVENTs of e: one, or one per slot.
func (w *Writer) vevents(e *site.Event) []byte {
	v, ok := w.events.Load(e)
	if !ok {
		v, _ = w.events.LoadOrStore(e, &serialized{b: w.serialize(e)})
	}
	ser := v.(*serialized)
	if ser.uses.Add(1) == usesPerBuild {
		w.events.Delete(e) // a later use (relais serve) serializes it again
	}
	return ser.b
}

// serialize writes the VEVENTs of e.
func (w *Writer) serialize(e *site.Event) []byte {
	s := w.site
	var buf bytes.Buffer
	buf.Grow((1 + len(e.Slots)) * (len(e.Text) + len(e.Title) + 1024)) // folded lines add about 3%
	if len(e.Slots) > 0 {
		for i, sl := range e.Slots {
			ev := vevent(s, e, fmt.Sprintf("%s-%d@%s", e.Slug, i+1, w.host))
			setTimes(ev, sl.Start, sl.End, s.Location)
			_ = ev.SerializeTo(&buf, serialization)
		}
	} else {
		ev := vevent(s, e, e.Slug+"@"+w.host)
		setTimes(ev, e.Start, e.End, s.Location)
		_ = ev.SerializeTo(&buf, serialization)
	}
	return buf.Bytes()
}

// Write renders events as one calendar.
func (w *Writer) Write(events []*site.Event, opts Options) []byte {
	s := w.site
	cal := ics.NewCalendar()
	cal.CalendarProperties = nil // set in a fixed order below
	cal.SetProductId("-//relais//" + s.Title + "//FR")
	cal.SetVersion("2.0")
	cal.SetCalscale("GREGORIAN")
	cal.SetMethod(ics.MethodPublish)
	cal.SetName(opts.Name)
	cal.SetXWRCalName(opts.Name)
	if opts.Description != "" {
		cal.SetDescription(opts.Description)
		cal.SetXWRCalDesc(opts.Description)
	}
	if opts.URL != "" {
		cal.SetUrl(opts.URL)
	}
	cal.SetXWRTimezone(s.Location.String())
	cal.SetRefreshInterval(refresh) // the library adds VALUE=DURATION
	cal.SetXPublishedTTL(refresh)
	// The calendar's properties, then its components, each serialized once
	// a build by the same library: the bytes of one Calendar holding them all.
	var head bytes.Buffer
	_ = cal.SerializeTo(&head, serialization)
	head.Truncate(head.Len() - len(calendarEnd))
	var zone []byte
	if needsZone(events) {
		zone = w.zone(firstYear(events))
	}
	size := head.Len() + len(zone) + len(calendarEnd)
	parts := make([][]byte, len(events)) // each event's VEVENTs, taken once
	for i, e := range events {
		parts[i] = w.vevents(e)
		size += len(parts[i])
	}
	out := make([]byte, 0, size)
	out = append(out, head.Bytes()...)
	out = append(out, zone...)
	for _, p := range parts {
		out = append(out, p...)
	}
	return append(out, calendarEnd...)
}

// hostOf returns the host of the base URL, the domain of stable UIDs.
func hostOf(base string) string {
	if u, err := url.Parse(base); err == nil && u.Hostname() != "" {
		return u.Hostname()
	}
	return "relais.invalid"
}

func needsZone(events []*site.Event) bool {
	for _, e := range events {
		if !e.Start.IsDay() || len(e.Slots) > 0 {
			return true
		}
	}
	return false
}

func firstYear(events []*site.Event) int {
	y := 0
	for _, e := range events {
		if ey := e.Start.Time().Year(); y == 0 || ey < y {
			y = ey
		}
	}
	return y
}

// vevent makes the event's VEVENT without its times.
func vevent(s *site.Site, e *site.Event, uid string) *ics.VEvent {
	ev := ics.NewEvent(uid)
	ev.SetDtStampTime(s.Now)
	summary := e.Title
	sequence := 0
	switch {
	case e.IsCancelled():
		// Google removes cancelled events; other clients strike them through.
		summary = "Annulé – " + summary
		ev.SetStatus(ics.ObjectStatusCancelled)
		sequence = 2
	case e.IsPostponed():
		// iCalendar has no "postponed": tentative is the closest.
		summary = "Reporté – " + summary
		ev.SetStatus(ics.ObjectStatusTentative)
		sequence = 1
	default:
		ev.SetStatus(ics.ObjectStatusConfirmed)
	}
	// A status change must raise SEQUENCE for clients to take it.
	ev.SetSequence(sequence)
	ev.SetSummary(summary)
	switch {
	case e.Location != "":
		ev.SetLocation(e.Location)
	case e.Online != "":
		ev.SetLocation(e.Online)
	}
	if s.BaseURL != "" {
		ev.SetURL(s.AbsURL(e.URL))
	}
	ev.SetDescription(description(s, e))
	return ev
}

// description is the plain-text body of the event, with what the calendar
// has no property for: organizer, online link, registration.
func description(s *site.Site, e *site.Event) string {
	var parts []string
	if e.Text != "" {
		parts = append(parts, e.Text)
	}
	// ORGANIZER needs a mailto: address, which the content does not have.
	switch {
	case e.OrganizerPartner != nil:
		parts = append(parts, "Organisation : "+e.OrganizerPartner.Title)
	case e.Organizer != "":
		parts = append(parts, "Organisation : "+e.Organizer)
	}
	if e.Online != "" {
		parts = append(parts, "En ligne : "+e.Online)
	}
	if r := e.Registration; r != nil {
		line := "Inscription : " + r.URL
		if !r.Deadline.IsZero() {
			line += " (avant le " + date.FormatValue(r.Deadline) + ")"
		}
		parts = append(parts, line)
	}
	if s.BaseURL != "" {
		parts = append(parts, s.AbsURL(e.URL))
	}
	return strings.Join(parts, "\n\n")
}

// setTimes writes DTSTART and DTEND: dates for days (the end exclusive: the
// day after the last day), local times in the site's zone otherwise.
func setTimes(ev *ics.VEvent, start, end date.Value, loc *time.Location) {
	if start.IsDay() {
		last := start.Time()
		if !end.IsZero() {
			last = end.Time()
		}
		ev.SetProperty(ics.ComponentPropertyDtStart, start.Time().Format(dateLayout), ics.WithValue(string(ics.ValueDataTypeDate)))
		y, m, d := last.Date()
		ev.SetProperty(ics.ComponentPropertyDtEnd, time.Date(y, m, d+1, 0, 0, 0, 0, time.UTC).Format(dateLayout), ics.WithValue(string(ics.ValueDataTypeDate)))
		ev.SetTimeTransparency(ics.TransparencyTransparent)
		return
	}
	tz := ics.WithTZID(loc.String())
	ev.SetProperty(ics.ComponentPropertyDtStart, start.Time().In(loc).Format(localLayout), tz)
	if !end.IsZero() {
		ev.SetProperty(ics.ComponentPropertyDtEnd, end.Time().In(loc).Format(localLayout), tz)
	}
}

// vtimezone describes loc with yearly rules derived from its transitions in
// year: Outlook ignores TZID without a VTIMEZONE, and wants RRULEs.
func vtimezone(loc *time.Location, year int) *ics.VTimezone {
	tz := ics.NewTimezone(loc.String())
	jan := time.Date(year, 1, 1, 0, 0, 0, 0, loc)
	var transitions []time.Time
	for t := jan; t.Year() == year; {
		_, end := t.ZoneBounds()
		if end.IsZero() || end.Year() != year {
			break
		}
		transitions = append(transitions, end)
		t = end
	}
	if len(transitions) == 0 {
		name, off := jan.Zone()
		std := tz.AddStandard()
		std.AddProperty(ics.ComponentPropertyDtStart, "19700101T000000")
		std.AddProperty(ics.ComponentProperty(ics.PropertyTzoffsetfrom), offset(off))
		std.AddProperty(ics.ComponentProperty(ics.PropertyTzoffsetto), offset(off))
		std.AddProperty(ics.ComponentProperty(ics.PropertyTzname), name)
		return tz
	}
	for _, t := range transitions {
		before := t.Add(-time.Second)
		_, fromOff := before.Zone()
		name, toOff := t.Zone()
		// DTSTART is the wall time of the change, read in the offset before it.
		wall := t.In(time.FixedZone("", fromOff))
		var comp *ics.ComponentBase
		if isDST(t) {
			d := &ics.Daylight{ComponentBase: ics.ComponentBase{}}
			tz.Components = append(tz.Components, d)
			comp = &d.ComponentBase
		} else {
			s := tz.AddStandard()
			comp = &s.ComponentBase
		}
		comp.AddProperty(ics.ComponentPropertyDtStart, wall.Format(localLayout))
		comp.AddProperty(ics.ComponentProperty(ics.PropertyTzoffsetfrom), offset(fromOff))
		comp.AddProperty(ics.ComponentProperty(ics.PropertyTzoffsetto), offset(toOff))
		comp.AddProperty(ics.ComponentProperty(ics.PropertyTzname), name)
		comp.AddProperty(ics.ComponentProperty(ics.PropertyRrule), yearlyRule(wall))
	}
	return tz
}

// isDST tells a daylight-saving offset: larger than the zone's offset in
// January or July, whichever is smaller.
func isDST(t time.Time) bool {
	_, now := t.Zone()
	_, jan := time.Date(t.Year(), 1, 1, 0, 0, 0, 0, t.Location()).Zone()
	_, jul := time.Date(t.Year(), 7, 1, 0, 0, 0, 0, t.Location()).Zone()
	return now > min(jan, jul)
}

// yearlyRule expresses the day of a change as "the nth (or last) weekday of
// the month", as zone rules are written.
func yearlyRule(t time.Time) string {
	days := time.Date(t.Year(), t.Month()+1, 0, 0, 0, 0, 0, time.UTC).Day()
	wd := [...]string{"SU", "MO", "TU", "WE", "TH", "FR", "SA"}[t.Weekday()]
	n := fmt.Sprint((t.Day()-1)/7 + 1)
	if t.Day()+7 > days {
		n = "-1"
	}
	return fmt.Sprintf("FREQ=YEARLY;BYMONTH=%d;BYDAY=%s%s", int(t.Month()), n, wd)
}

func offset(sec int) string {
	sign := "+"
	if sec < 0 {
		sign, sec = "-", -sec
	}
	return fmt.Sprintf("%s%02d%02d", sign, sec/3600, sec%3600/60)
}
