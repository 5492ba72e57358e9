package date_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"relais/internal/date"
)

// describeProse writes what ParseProse read, in one line, for comparison.
func describeProse(start, end date.Value, slots []date.Slot, problems []string, ok bool) string {
	if !ok {
		return "not a date"
	}
	s := start.String()
	if !end.IsZero() {
		s += " to " + end.String()
	}
	for _, sl := range slots {
		s += fmt.Sprintf(" [%s %s]", sl.Start, sl.End)
	}
	for _, p := range problems {
		s += "; " + p
	}
	return s
}

func TestParseProse(t *testing.T) {
	loc := paris(t)
	meeting := time.Date(2021, 9, 23, 0, 0, 0, 0, loc)
	tests := []struct{ in, want string }{
		{"Jeudi 7 et vendredi 8 octobre 2021", "2021-10-07 to 2021-10-08"},
		{"Jeudi 7 et vendredi 8 octobre 2021  ", "2021-10-07 to 2021-10-08"},
		{"Mardi 7 et Mercredi 8 décembre 2021", "2021-12-07 to 2021-12-08"},
		{"MARDI 7 ET MERCREDI 8 DECEMBRE 2021", "2021-12-07 to 2021-12-08"},
		{"Mardi 19 octobre 2021", "2021-10-19"},
		{"vendredi 1er octobre 2021", "2021-10-01"},
		{"le 1er octobre 2021", "2021-10-01"},
		{"du lundi 4 au vendredi 8 octobre 2021", "2021-10-04 to 2021-10-08"},
		{"du jeudi 30 septembre au samedi 2 octobre 2021", "2021-09-30 to 2021-10-02"},
		{"du 30 décembre au 2 janvier 2022", "2021-12-30 to 2022-01-02"},
		{"jeudi 30 septembre et vendredi 1er octobre 2021", "2021-09-30 to 2021-10-01"},
		{"vendredi 31 décembre 2021 et samedi 1er janvier 2022", "2021-12-31 to 2022-01-01"},
		{"02/12/2021", "2021-12-02"},
		{"7 oct. 2021", "2021-10-07"},
		{"jeudi 7 octobre 2021.", "2021-10-07"},
		{"2.12.2021", "2021-12-02"},
		{"mardi 16 novembre 2021 à 10 h 30", "2021-11-16T10:30"},
		{"mardi 16 novembre 2021 à 10h30", "2021-11-16T10:30"},
		{"mardi 16 novembre 2021 à 10:30", "2021-11-16T10:30"},
		{"mardi 16 novembre 2021 dès 9h", "2021-11-16T09:00"},
		{"mardi 16 novembre 2021, de 10 h 30 à 12 h", "2021-11-16T10:30 to 2021-11-16T12:00"},
		{"mardi 19 octobre 2021, de 9 h à 12 h et de 14 h à 17 h", "2021-10-19T09:00 [2021-10-19T09:00 2021-10-19T12:00] [2021-10-19T14:00 2021-10-19T17:00]"},
		{"mardi 19 octobre 2021 de 9h à 12h et de 14h à 17h", "2021-10-19T09:00 [2021-10-19T09:00 2021-10-19T12:00] [2021-10-19T14:00 2021-10-19T17:00]"},
		{"lundi 4 octobre 2021, de 9 h à 12 h ; mardi 5 octobre 2021, de 14 h à 17 h", "2021-10-04T09:00 [2021-10-04T09:00 2021-10-04T12:00] [2021-10-05T14:00 2021-10-05T17:00]"},
		{"samedi 30 octobre 2021 à 20 h – dimanche 31 octobre à 4 h", "2021-10-30T20:00 to 2021-10-31T04:00"},
		{"samedi 30 octobre 2021, de 20 h au dimanche 31 octobre à 2 h", "2021-10-30T20:00 to 2021-10-31T02:00"},
		{"Mardi 7 décembre", "2021-12-07"},
		{"lundi 4 octobre", "2021-10-04"},
		{"vendredi 12 août", "2022-08-12"},  // before the meeting minus a month: next year
		{"jeudi 2 septembre", "2021-09-02"}, // on or after the meeting minus a month
		{"lundi 30 août", "2021-08-30"},     // within a month before the meeting
		{"Mercredi 7 décembre 2021", "2021-12-07; \"Mercredi 7 décembre 2021\": 7 déc. 2021 is a mardi, not a mercredi"},
		{"31 février 2021", "not a date"},
		{"3 bassins", "not a date"},
		{"16/18", "not a date"},
		{"2018/2019", "not a date"},
		{"Visite du lycée le mardi 19 octobre 2021", "not a date"},
		{"avant le lundi 4 octobre", "not a date"},
		{"", "not a date"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := describeProse(date.ParseProse(tt.in, meeting, loc)); got != tt.want {
				t.Errorf("ParseProse(%q) = %s, want %s", tt.in, got, tt.want)
			}
		})
	}
}

func TestFindDates(t *testing.T) {
	loc := paris(t)
	meeting := time.Date(2021, 9, 23, 0, 0, 0, 0, loc)
	tests := []struct{ in, want string }{
		{"Les jeudi 7 et vendredi 8 octobre 2021 à la cité de l'innovation à Chartres", "«Les jeudi 7 et vendredi 8 octobre 2021» 2021-10-07..2021-10-08"},
		{"via le formulaire suivant https://x avant le lundi 4 octobre.", "«avant le lundi 4 octobre» 2021-10-04 deadline(avant le) year-inferred"},
		{"inscription jusqu'au 4 octobre 2021", "«jusqu'au 4 octobre 2021» 2021-10-04 deadline(jusqu'au)"},
		{"au plus tard le lundi 4 octobre 2021", "«au plus tard le lundi 4 octobre 2021» 2021-10-04 deadline(au plus tard le)"},
		{"d'ici le 4 octobre 2021", "«d'ici le 4 octobre 2021» 2021-10-04 deadline(d'ici le)"},
		{"Date limite : 4 octobre 2021", "«Date limite : 4 octobre 2021» 2021-10-04 deadline(Date limite :)"},
		{"organise le mardi 19 octobre 2021 une journée", "«le mardi 19 octobre 2021» 2021-10-19"},
		{"le mardi 16 novembre 2021 à 10 h 30.", "«le mardi 16 novembre 2021 à 10 h 30» 2021-11-16 at 10 h 30"},
		{"le 7 octobre 2021 et 8 salariés", "«le 7 octobre 2021» 2021-10-07"},
		{"Rendez-vous le 4 mars. Puis le 1er avr. 2022", "«le 4 mars» 2022-03-04 year-inferred | «le 1er avr. 2022» 2022-04-01"},
		{"En 2018/2019, une première évaluation ; 16/18 ; 3 bassins ; sur 24h00", ""},
		{"Jeudi 23 septembre 2021 puis le 02/12/2021", "«Jeudi 23 septembre 2021» 2021-09-23 | «le 02/12/2021» 2021-12-02"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			var parts []string
			for _, m := range date.FindDates(tt.in, meeting, loc) {
				s := "«" + m.Text + "» " + m.First.String()
				if m.Last != m.First {
					s += ".." + m.Last.String()
				}
				for _, r := range m.Times {
					s += " at " + r.From.String()
				}
				if m.Deadline {
					s += " deadline(" + m.Cue + ")"
				}
				if m.YearInferred {
					s += " year-inferred"
				}
				if tt.in[m.Offset:m.Offset+len(m.Text)] != m.Text {
					t.Errorf("offset %d does not point at %q", m.Offset, m.Text)
				}
				parts = append(parts, s)
			}
			if got := strings.Join(parts, " | "); got != tt.want {
				t.Errorf("FindDates(%q) =\n%s\nwant\n%s", tt.in, got, tt.want)
			}
		})
	}
}

func TestFindTimes(t *testing.T) {
	tests := []struct{ in, want string }{
		{"le matin de 9h à 12h et l’après-midi de 14h à 17h.", "9 h-12 h, 14 h-17 h"},
		{"de 9 h à 12 h et de 14 h à 17 h", "9 h-12 h, 14 h-17 h"},
		{"entre 10h30 et 11 h 45", "10 h 30-11 h 45"},
		{"de 9:00 - 12:00", "9 h-12 h"},
		{"non pas sur 24h00 non-stop mais de 25h à 3h", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			var parts []string
			for _, r := range date.FindTimes(tt.in) {
				parts = append(parts, r.From.String()+"-"+r.To.String())
			}
			if got := strings.Join(parts, ", "); got != tt.want {
				t.Errorf("FindTimes(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// FuzzProseRoundTrip renders events with FormatEvent and reads them back with
// ParseProse: the text read must render to the same text.
func FuzzProseRoundTrip(f *testing.F) {
	f.Add(int64(1633590000), int64(86400), true, uint8(0))
	f.Add(int64(1637055000), int64(5400), false, uint8(0))
	f.Add(int64(1634626800), int64(3600), false, uint8(2))
	f.Add(int64(1635616800), int64(9*3600), false, uint8(0))
	f.Add(int64(1640905200), int64(3*86400), true, uint8(0))
	f.Add(int64(1633039200), int64(2*86400), false, uint8(3))
	loc := paris(f)
	f.Fuzz(func(t *testing.T, startUnix, length int64, day bool, nslots uint8) {
		startUnix = 1<<31 + startUnix%(1<<32) // years 1900–2200
		length %= 40 * 86400
		if length < 0 {
			length = -length
		}
		st := time.Unix(startUnix, 0).In(loc).Truncate(time.Minute)
		et := st.Add(time.Duration(length) * time.Second).Truncate(time.Minute)
		start, end := date.At(st), date.At(et)
		if day {
			start, end = date.Day(st), date.Day(et)
		}
		var slots []date.Slot
		for i := range int(nslots % 4) {
			s := st.Add(time.Duration(i) * time.Duration(length) * time.Second / 3).Truncate(time.Minute)
			slots = append(slots, date.Slot{Start: date.At(s), End: date.At(s.Add(90 * time.Minute))})
		}
		text := date.FormatEvent(start, end, slots)
		s, e, sl, problems, ok := date.ParseProse(text, st, loc)
		if !ok {
			t.Fatalf("ParseProse(%q) did not read it (FormatEvent(%v, %v, %d slots))", text, start, end, len(slots))
		}
		if len(problems) > 0 {
			t.Errorf("ParseProse(%q): %v", text, problems)
		}
		if again := date.FormatEvent(s, e, sl); again != text {
			t.Errorf("FormatEvent(%v, %v, %d slots) = %q, read back as %v, %v, %v, which renders %q", start, end, len(slots), text, s, e, sl, again)
		}
	})
}

// FuzzFindDates reads any text: no panic, offsets inside the text, days in order.
func FuzzFindDates(f *testing.F) {
	for _, s := range []string{"Jeudi 7 et vendredi 8 octobre 2021", "avant le lundi 4 octobre", "du 1er au 3 mai", "02/12/2021 à 10h30",
		"de 9h à 12h et de 14h à 17h", "le 31 février", "jusqu'au 29 février", "1/1/0000"} {
		f.Add(s, int64(1632348000))
	}
	loc := paris(f)
	f.Fuzz(func(t *testing.T, text string, ref int64) {
		r := time.Unix(ref%(1<<33), 0).In(loc)
		for _, m := range date.FindDates(text, r, loc) {
			if m.Offset < 0 || m.Offset+len(m.Text) > len(text) || text[m.Offset:m.Offset+len(m.Text)] != m.Text {
				t.Fatalf("FindDates(%q): mention %q at %d is not in the text", text, m.Text, m.Offset)
			}
			if !m.First.IsDay() || !m.Last.IsDay() || m.Last.Time().Before(m.First.Time()) {
				t.Errorf("FindDates(%q): %q gives %v..%v", text, m.Text, m.First, m.Last)
			}
		}
		for _, c := range date.FindTimes(text) {
			if c.From.Hour > 23 || c.To.Hour > 23 || c.From.Min > 59 || c.To.Min > 59 {
				t.Errorf("FindTimes(%q): %v", text, c)
			}
		}
		date.ParseProse(text, r, loc)
	})
}
