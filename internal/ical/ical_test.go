package ical

import (
	"bytes"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	ics "github.com/arran4/golang-ical"

	"relais/internal/content"
	"relais/internal/markdown"
	"relais/internal/site"
)

func buildSite(t *testing.T, files map[string]string) *site.Site {
	t.Helper()
	fsys := fstest.MapFS{"content/_index.md": {Data: []byte("---\ntitle: Réseau\nbase_url: https://reseau.example.org\n---\n")}}
	for p, s := range files {
		fsys["content/"+p] = &fstest.MapFile{Data: []byte(s)}
	}
	tree, errs := content.Load(fsys)
	if err := errs.Err(); err != nil {
		t.Fatal(err)
	}
	s, errs := site.Build(tree, markdown.New(), site.Options{Now: time.Date(2021, 10, 1, 8, 0, 0, 0, time.UTC)})
	if err := errs.Err(); err != nil {
		t.Fatal(err)
	}
	return s
}

var events = map[string]string{
	"events/forum.md": `---
title: Forum, des métiers; et plus
start: "2021-10-19"
slots:
  - {start: "2021-10-19T09:00", end: "2021-10-19T12:00"}
  - {start: "2021-10-19T14:00", end: "2021-10-19T17:00"}
location: Lycée Val de Cher, Saint-Aignan
registration: {url: "https://forms.example.org/x", deadline: "2021-10-04"}
---
Une journée « forum du lycée » avec une description assez longue pour être pliée à soixante-quinze octets, accents compris : éèàùç.
`,
	"events/hackathon.md": "---\ntitle: Hackathon\nstart: \"2021-10-07\"\nend: \"2021-10-08\"\norganizer: SPRO 28\n---\n",
	"events/nuit.md":      "---\ntitle: Nuit de l'orientation\nstart: \"2021-10-30T20:00\"\nend: \"2021-10-31T04:00\"\nstatus: postponed\n---\n",
	"events/atelier.md":   "---\ntitle: Atelier\nstart: \"2021-11-16T10:30\"\nonline: https://visio.example.org/a\nstatus: cancelled\n---\n",
}

// TestCalendarInstants parses the calendar with the library and checks every
// event's start and end instants in UTC, across the October DST change.
func TestCalendarInstants(t *testing.T) {
	s := buildSite(t, events)
	raw := Write(s, s.Events, Options{Name: "Agenda"})
	cal, err := ics.ParseCalendar(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("the calendar does not parse: %v", err)
	}
	type span struct{ start, end string }
	want := map[string]span{
		"hackathon@reseau.example.org": {"2021-10-07", "2021-10-09"}, // exclusive end: the day after
		"forum-1@reseau.example.org":   {"2021-10-19T07:00:00Z", "2021-10-19T10:00:00Z"},
		"forum-2@reseau.example.org":   {"2021-10-19T12:00:00Z", "2021-10-19T15:00:00Z"},
		"nuit@reseau.example.org":      {"2021-10-30T18:00:00Z", "2021-10-31T03:00:00Z"}, // 9 hours: the clocks go back
		"atelier@reseau.example.org":   {"2021-11-16T09:30:00Z", ""},
	}
	got := map[string]span{}
	for _, ev := range cal.Events() {
		uid := ev.Id()
		var sp span
		if ev.GetProperty(ics.ComponentPropertyDtStart).GetValueType() == ics.ValueDataTypeDate {
			st, err1 := ev.GetAllDayStartAt()
			en, err2 := ev.GetAllDayEndAt()
			if err1 != nil || err2 != nil {
				t.Fatalf("%s: %v %v", uid, err1, err2)
			}
			sp = span{st.Format("2006-01-02"), en.Format("2006-01-02")}
		} else {
			st, err := ev.GetStartAt()
			if err != nil {
				t.Fatalf("%s: %v", uid, err)
			}
			sp.start = st.UTC().Format(time.RFC3339)
			if ev.GetProperty(ics.ComponentPropertyDtEnd) != nil {
				en, err := ev.GetEndAt()
				if err != nil {
					t.Fatalf("%s: %v", uid, err)
				}
				sp.end = en.UTC().Format(time.RFC3339)
			}
		}
		got[uid] = sp
	}
	for uid, w := range want {
		if got[uid] != w {
			t.Errorf("%s: have %+v, want %+v", uid, got[uid], w)
		}
	}
	if len(got) != len(want) {
		t.Errorf("have %d events, want %d: %v", len(got), len(want), got)
	}
}

// TestCalendarFormat checks what calendar apps are picky about.
func TestCalendarFormat(t *testing.T) {
	s := buildSite(t, events)
	raw := string(Write(s, s.Events, Options{Name: "Agenda"}))
	if !strings.HasSuffix(raw, "END:VCALENDAR\r\n") {
		t.Error("the calendar does not end with CRLF")
	}
	for i, line := range strings.Split(strings.TrimSuffix(raw, "\r\n"), "\r\n") {
		if strings.ContainsAny(line, "\r\n") {
			t.Errorf("line %d has a bare CR or LF: %q", i+1, line)
		}
		if len(line) > 75 {
			t.Errorf("line %d is %d octets long: %q", i+1, len(line), line)
		}
	}
	unfolded := strings.ReplaceAll(raw, "\r\n ", "")
	for _, want := range []string{
		"BEGIN:VTIMEZONE\r\nTZID:Europe/Paris\r\n",
		"RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
		"RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
		"DTSTART;TZID=Europe/Paris:20211019T090000\r\n",
		"DTSTART;VALUE=DATE:20211007\r\nDTEND;VALUE=DATE:20211009\r\n",
		"SUMMARY:Forum\\, des métiers\\; et plus\r\n",
		"STATUS:CANCELLED\r\nSEQUENCE:2\r\nSUMMARY:Annulé – Atelier\r\n",
		"STATUS:TENTATIVE\r\nSEQUENCE:1\r\nSUMMARY:Reporté – Nuit de l'orientation\r\n",
		"DTSTAMP:20211001T080000Z\r\n",
		"X-WR-CALNAME:Agenda\r\n",
		"REFRESH-INTERVAL;VALUE=DURATION:PT6H\r\n",
		"X-PUBLISHED-TTL:PT6H\r\n",
		"URL:https://reseau.example.org/agenda/forum/\r\n",
		"Inscription : https://forms.example.org/x (avant le lundi 4 octobre 2021)",
		"Organisation : SPRO 28",
		"LOCATION:https://visio.example.org/a\r\n",
	} {
		if !strings.Contains(unfolded, want) {
			t.Errorf("calendar lacks %q", want)
		}
	}
	// Folding never splits a UTF-8 sequence.
	for _, line := range strings.Split(raw, "\r\n") {
		if !utf8Valid(line) {
			t.Errorf("folding split a character: %q", line)
		}
	}
}

func utf8Valid(s string) bool { return strings.ToValidUTF8(s, "\uFFFD") == s }

func TestCalendarIsDeterministic(t *testing.T) {
	s := buildSite(t, events)
	a := Write(s, s.Events, Options{Name: "A"})
	for range 5 {
		if b := Write(s, s.Events, Options{Name: "A"}); !bytes.Equal(a, b) {
			t.Fatal("two writes differ")
		}
	}
}

func TestYearlyRule(t *testing.T) {
	tests := []struct {
		day  string
		want string
	}{
		{"2021-03-28", "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU"},
		{"2021-03-14", "FREQ=YEARLY;BYMONTH=3;BYDAY=2SU"}, // United States
		{"2021-11-07", "FREQ=YEARLY;BYMONTH=11;BYDAY=1SU"},
		{"2021-10-03", "FREQ=YEARLY;BYMONTH=10;BYDAY=1SU"}, // Sydney
	}
	for _, tt := range tests {
		d, _ := time.Parse("2006-01-02", tt.day)
		if got := yearlyRule(d); got != tt.want {
			t.Errorf("%s: have %s, want %s", tt.day, got, tt.want)
		}
	}
}

func TestZoneWithoutDaylightSaving(t *testing.T) {
	loc, err := time.LoadLocation("Asia/Tokyo")
	if err != nil {
		t.Skip(err)
	}
	var b strings.Builder
	cal := ics.NewCalendar()
	cal.AddVTimezone(vtimezone(loc, 2021))
	_ = cal.SerializeTo(&b, ics.WithNewLineWindows)
	out := b.String()
	if !strings.Contains(out, "TZOFFSETFROM:+0900\r\nTZOFFSETTO:+0900") || strings.Contains(out, "DAYLIGHT") {
		t.Errorf("Tokyo's VTIMEZONE:\n%s", out)
	}
}

// A writer serializes an event once for its own calendar and the agenda's,
// keeps it no longer than both took it, and writes the same bytes when asked
// again (relais serve).
func TestWriterLetsEventsGoAfterBothCalendars(t *testing.T) {
	s := buildSite(t, events)
	fresh := func(e *site.Event) []byte { return Write(s, []*site.Event{e}, Options{Name: e.Title}) }
	want := Write(s, s.Events, Options{Name: "Agenda"})
	w := NewWriter(s)
	if got := w.Write(s.Events, Options{Name: "Agenda"}); !bytes.Equal(got, want) {
		t.Fatal("the agenda differs from a fresh writer's")
	}
	for _, e := range s.Events {
		if _, kept := w.events.Load(e); !kept {
			t.Errorf("%s: not kept for its own calendar", e.Slug)
		}
		if got := w.Write([]*site.Event{e}, Options{Name: e.Title}); !bytes.Equal(got, fresh(e)) {
			t.Errorf("%s: its calendar differs from a fresh writer's", e.Slug)
		}
		if _, kept := w.events.Load(e); kept {
			t.Errorf("%s: still kept after both calendars", e.Slug)
		}
	}
	for range 2 {
		if got := w.Write(s.Events, Options{Name: "Agenda"}); !bytes.Equal(got, want) {
			t.Fatal("the agenda written again differs")
		}
	}
}
