package date_test

import (
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"relais/internal/date"
)

// In the wanted strings below, "~" stands for U+00A0 NO-BREAK SPACE (as in TeX), which
// would otherwise be invisible: "10~h~30" is "10\u00a0h\u00a030".
func nb(s string) string { return strings.ReplaceAll(s, "~", "\u00a0") }

func TestFormatDay(t *testing.T) {
	loc := paris(t)
	tests := []struct {
		name string
		t    time.Time
		want string
	}{
		{"ordinary day", time.Date(2021, 10, 7, 9, 0, 0, 0, loc), "jeudi 7 octobre 2021"},
		{"first of the month", time.Date(2021, 10, 1, 0, 0, 0, 0, loc), "vendredi 1er octobre 2021"},
		{"no leading zero", time.Date(2021, 11, 2, 0, 0, 0, 0, loc), "mardi 2 novembre 2021"},
		{"11th is not 11er", time.Date(2021, 10, 11, 0, 0, 0, 0, loc), "lundi 11 octobre 2021"},
		{"21st is not 21er", time.Date(2021, 10, 21, 0, 0, 0, 0, loc), "jeudi 21 octobre 2021"},
		{"31st", time.Date(2021, 12, 31, 0, 0, 0, 0, loc), "vendredi 31 décembre 2021"},
		{"new year", time.Date(2022, 1, 1, 0, 0, 0, 0, loc), "samedi 1er janvier 2022"},
		{"accented month", time.Date(2022, 2, 6, 0, 0, 0, 0, loc), "dimanche 6 février 2022"},
		{"août", time.Date(2021, 8, 15, 0, 0, 0, 0, loc), "dimanche 15 août 2021"},
		{"uses the time's own location", time.Date(2021, 10, 7, 23, 30, 0, 0, time.UTC), "jeudi 7 octobre 2021"},
		{"same instant in Paris", time.Date(2021, 10, 7, 23, 30, 0, 0, time.UTC).In(loc), "vendredi 8 octobre 2021"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := date.FormatDay(tt.t); got != tt.want {
				t.Errorf("FormatDay(%v) = %q, want %q", tt.t, got, tt.want)
			}
		})
	}
}

func TestWeekdays(t *testing.T) {
	loc := paris(t)
	want := []string{"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"}
	for i, w := range want {
		t.Run(w, func(t *testing.T) {
			d := time.Date(2021, 10, 4+i, 0, 0, 0, 0, loc) // Monday 4 October 2021 onwards
			if got := date.FormatDay(d); !strings.HasPrefix(got, w+" ") {
				t.Errorf("FormatDay(%v) = %q, want it to start with %q", d, got, w)
			}
		})
	}
}

func TestFormatTime(t *testing.T) {
	loc := paris(t)
	tests := []struct {
		name string
		t    time.Time
		want string
	}{
		{"hour and minutes", time.Date(2021, 10, 7, 10, 30, 0, 0, loc), nb("10~h~30")},
		{"whole hour", time.Date(2021, 10, 7, 9, 0, 0, 0, loc), nb("9~h")},
		{"whole hour is not h 00", time.Date(2021, 10, 7, 10, 0, 0, 0, loc), nb("10~h")},
		{"midnight", time.Date(2021, 10, 7, 0, 0, 0, 0, loc), nb("0~h")},
		{"minutes keep their zero", time.Date(2021, 10, 7, 10, 5, 0, 0, loc), nb("10~h~05")},
		{"last minute", time.Date(2021, 10, 7, 23, 59, 0, 0, loc), nb("23~h~59")},
		{"seconds are not shown", time.Date(2021, 10, 7, 9, 0, 59, 0, loc), nb("9~h")},
		{"uses the time's own location", time.Date(2021, 10, 7, 7, 0, 0, 0, time.UTC), nb("7~h")},
		{"same instant in Paris", time.Date(2021, 10, 7, 7, 0, 0, 0, time.UTC).In(loc), nb("9~h")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := date.FormatTime(tt.t)
			if got != tt.want {
				t.Errorf("FormatTime(%v) = %q, want %q", tt.t, got, tt.want)
			}
			if strings.ContainsAny(got, " :") {
				t.Errorf("FormatTime(%v) = %q contains a breaking space or a colon", tt.t, got)
			}
		})
	}
}

func TestFormatMonthAndShort(t *testing.T) {
	loc := paris(t)
	tests := []struct {
		month     time.Month
		wantMonth string
		wantShort string
		wantFirst string
	}{
		{time.January, "Janvier 2022", "15 janv. 2022", "1er janv. 2022"},
		{time.February, "Février 2022", "15 févr. 2022", "1er févr. 2022"},
		{time.March, "Mars 2022", "15 mars 2022", "1er mars 2022"},
		{time.April, "Avril 2022", "15 avr. 2022", "1er avr. 2022"},
		{time.May, "Mai 2022", "15 mai 2022", "1er mai 2022"},
		{time.June, "Juin 2022", "15 juin 2022", "1er juin 2022"},
		{time.July, "Juillet 2022", "15 juil. 2022", "1er juil. 2022"},
		{time.August, "Août 2022", "15 août 2022", "1er août 2022"},
		{time.September, "Septembre 2022", "15 sept. 2022", "1er sept. 2022"},
		{time.October, "Octobre 2022", "15 oct. 2022", "1er oct. 2022"},
		{time.November, "Novembre 2022", "15 nov. 2022", "1er nov. 2022"},
		{time.December, "Décembre 2022", "15 déc. 2022", "1er déc. 2022"},
	}
	for _, tt := range tests {
		t.Run(tt.month.String(), func(t *testing.T) {
			mid := time.Date(2022, tt.month, 15, 12, 0, 0, 0, loc)
			first := time.Date(2022, tt.month, 1, 0, 0, 0, 0, loc)
			if got := date.FormatMonth(mid); got != tt.wantMonth {
				t.Errorf("FormatMonth(%v) = %q, want %q", mid, got, tt.wantMonth)
			}
			if got := date.FormatShort(mid); got != tt.wantShort {
				t.Errorf("FormatShort(%v) = %q, want %q", mid, got, tt.wantShort)
			}
			if got := date.FormatShort(first); got != tt.wantFirst {
				t.Errorf("FormatShort(%v) = %q, want %q", first, got, tt.wantFirst)
			}
		})
	}
}

func TestFormatValue(t *testing.T) {
	loc := paris(t)
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"day", "2021-10-07", "jeudi 7 octobre 2021"},
		{"first of the month", "2021-10-01", "vendredi 1er octobre 2021"},
		{"time", "2021-11-16T10:30", nb("mardi 16 novembre 2021 à 10~h~30")},
		{"whole hour", "2021-11-16T10:00", nb("mardi 16 novembre 2021 à 10~h")},
		{"midnight", "2021-11-16T00:00", nb("mardi 16 novembre 2021 à 0~h")},
		{"converted from UTC", "2021-12-31T23:30Z", nb("samedi 1er janvier 2022 à 0~h~30")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := date.FormatValue(mustParse(t, tt.in, loc)); got != tt.want {
				t.Errorf("FormatValue(%s) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
	t.Run("zero", func(t *testing.T) {
		if got := date.FormatValue(date.Value{}); got != "" {
			t.Errorf("FormatValue(zero) = %q, want \"\"", got)
		}
	})
}

func TestFormatEvent(t *testing.T) {
	loc := paris(t)
	// slots reads "start/end" pairs.
	slots := func(t *testing.T, pairs ...string) []date.Slot {
		var ss []date.Slot
		for _, p := range pairs {
			start, end, _ := strings.Cut(p, "/")
			s := date.Slot{Start: mustParse(t, start, loc)}
			if end != "" {
				s.End = mustParse(t, end, loc)
			}
			ss = append(ss, s)
		}
		return ss
	}
	tests := []struct {
		name       string
		start, end string // "" for an absent end
		slots      []string
		want       string
	}{
		// Days.
		{"one day", "2021-10-19", "", nil, "mardi 19 octobre 2021"},
		{"one day, first of the month", "2021-10-01", "", nil, "vendredi 1er octobre 2021"},
		{"end on the start day", "2021-10-19", "2021-10-19", nil, "mardi 19 octobre 2021"},
		{"two days", "2021-10-07", "2021-10-08", nil, "jeudi 7 et vendredi 8 octobre 2021"},
		{"two days from the first", "2021-10-01", "2021-10-02", nil, "vendredi 1er et samedi 2 octobre 2021"},
		{"two days across months", "2021-09-30", "2021-10-01", nil, "jeudi 30 septembre et vendredi 1er octobre 2021"},
		{"two days across years", "2021-12-31", "2022-01-01", nil, "vendredi 31 décembre 2021 et samedi 1er janvier 2022"},
		{"three days", "2022-03-14", "2022-03-16", nil, "du lundi 14 au mercredi 16 mars 2022"},
		{"five days", "2022-03-14", "2022-03-18", nil, "du lundi 14 au vendredi 18 mars 2022"},
		{"days from the first", "2021-10-01", "2021-10-03", nil, "du vendredi 1er au dimanche 3 octobre 2021"},
		{"days across months", "2021-09-30", "2021-10-02", nil, "du jeudi 30 septembre au samedi 2 octobre 2021"},
		{"days across months to the first", "2021-09-29", "2021-10-01", nil, "du mercredi 29 septembre au vendredi 1er octobre 2021"},
		{"days across years", "2021-12-30", "2022-01-02", nil, "du jeudi 30 décembre 2021 au dimanche 2 janvier 2022"},
		{"days a year apart", "2021-10-07", "2022-10-07", nil, "du jeudi 7 octobre 2021 au vendredi 7 octobre 2022"},
		{"two days over spring forward", "2021-03-27", "2021-03-28", nil, "samedi 27 et dimanche 28 mars 2021"},
		{"two days after spring forward", "2021-03-28", "2021-03-29", nil, "dimanche 28 et lundi 29 mars 2021"},
		{"two days over fall back", "2021-10-31", "2021-11-01", nil, "dimanche 31 octobre et lundi 1er novembre 2021"},
		{"three days over fall back", "2021-10-30", "2021-11-01", nil, "du samedi 30 octobre au lundi 1er novembre 2021"},
		{"end before start is ignored", "2021-10-08", "2021-10-07", nil, "vendredi 8 octobre 2021"},

		// Times.
		{"time", "2021-11-16T10:30", "", nil, nb("mardi 16 novembre 2021 à 10~h~30")},
		{"time on the first", "2021-10-01T09:00", "", nil, nb("vendredi 1er octobre 2021 à 9~h")},
		{"time with an end", "2021-11-16T10:30", "2021-11-16T12:00", nil, nb("mardi 16 novembre 2021, de 10~h~30 à 12~h")},
		{"end equal to start", "2021-11-16T10:30", "2021-11-16T10:30", nil, nb("mardi 16 novembre 2021 à 10~h~30")},
		{"end at midnight the next day", "2021-11-16T20:00", "2021-11-17T00:00", nil, nb("mardi 16 novembre 2021 à 20~h – mercredi 17 novembre à 0~h")},
		{"end the next day", "2021-10-30T20:00", "2021-10-31T04:00", nil, nb("samedi 30 octobre 2021 à 20~h – dimanche 31 octobre à 4~h")},
		{"end the next month", "2021-10-31T20:00", "2021-11-01T02:30", nil, nb("dimanche 31 octobre 2021 à 20~h – lundi 1er novembre à 2~h~30")},
		{"end the next year", "2021-12-31T20:00", "2022-01-01T02:00", nil, nb("vendredi 31 décembre 2021 à 20~h – samedi 1er janvier 2022 à 2~h")},
		{"end over spring forward", "2021-03-27T20:00", "2021-03-28T04:00", nil, nb("samedi 27 mars 2021 à 20~h – dimanche 28 mars à 4~h")},
		{"end in the repeated hour", "2021-10-31T01:30", "2021-10-31T02:30+01:00", nil, nb("dimanche 31 octobre 2021, de 1~h~30 à 2~h~30")},
		{"end before start is ignored", "2021-11-16T10:30", "2021-11-16T09:00", nil, nb("mardi 16 novembre 2021 à 10~h~30")},
		{"end given as a later day", "2021-10-30T20:00", "2021-10-31", nil, nb("samedi 30 octobre 2021 à 20~h – dimanche 31 octobre")},

		// Slots.
		{"two slots", "2021-10-19", "", []string{"2021-10-19T09:00/2021-10-19T12:00", "2021-10-19T14:00/2021-10-19T17:00"},
			nb("mardi 19 octobre 2021, de 9~h à 12~h et de 14~h à 17~h")},
		{"three slots", "2021-10-19T09:00", "", []string{"2021-10-19T09:00/2021-10-19T10:00", "2021-10-19T11:00/2021-10-19T12:00", "2021-10-19T14:00/2021-10-19T17:00"},
			nb("mardi 19 octobre 2021, de 9~h à 10~h, de 11~h à 12~h et de 14~h à 17~h")},
		{"one slot", "2021-10-19", "", []string{"2021-10-19T09:30/2021-10-19T12:00"},
			nb("mardi 19 octobre 2021, de 9~h~30 à 12~h")},
		{"slots are sorted", "2021-10-19", "", []string{"2021-10-19T14:00/2021-10-19T17:00", "2021-10-19T09:00/2021-10-19T12:00"},
			nb("mardi 19 octobre 2021, de 9~h à 12~h et de 14~h à 17~h")},
		{"slots over several days", "2021-10-04", "2021-10-05", []string{"2021-10-04T09:00/2021-10-04T12:00", "2021-10-05T14:00/2021-10-05T17:00"},
			nb("lundi 4 octobre 2021, de 9~h à 12~h ; mardi 5 octobre 2021, de 14~h à 17~h")},
		{"slots over several days, unsorted", "2021-10-04", "2021-10-05", []string{"2021-10-05T14:00/2021-10-05T17:00", "2021-10-04T14:00/2021-10-04T17:00", "2021-10-04T09:00/2021-10-04T12:00"},
			nb("lundi 4 octobre 2021, de 9~h à 12~h et de 14~h à 17~h ; mardi 5 octobre 2021, de 14~h à 17~h")},
		{"slots across months", "2021-09-30", "", []string{"2021-09-30T09:00/2021-09-30T12:00", "2021-10-01T09:00/2021-10-01T12:00"},
			nb("jeudi 30 septembre 2021, de 9~h à 12~h ; vendredi 1er octobre 2021, de 9~h à 12~h")},
		{"slot without an end", "2021-10-19", "", []string{"2021-10-19T09:00/"},
			nb("mardi 19 octobre 2021 à 9~h")},
		{"slot overnight", "2021-10-30", "", []string{"2021-10-30T20:00/2021-10-31T04:00"},
			nb("samedi 30 octobre 2021, de 20~h au dimanche 31 octobre à 4~h")},
		{"slot over the new year", "2021-12-31", "", []string{"2021-12-31T20:00/2022-01-01T02:00"},
			nb("vendredi 31 décembre 2021, de 20~h au samedi 1er janvier 2022 à 2~h")},
		{"slots define the times", "2021-10-19T08:00", "2021-10-19T18:00", []string{"2021-10-19T09:00/2021-10-19T12:00"},
			nb("mardi 19 octobre 2021, de 9~h à 12~h")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := mustParse(t, tt.start, loc)
			var end date.Value
			if tt.end != "" {
				end = mustParse(t, tt.end, loc)
			}
			ss := slots(t, tt.slots...)
			before := append([]date.Slot(nil), ss...)
			if got := date.FormatEvent(start, end, ss); got != tt.want {
				t.Errorf("FormatEvent(%s, %s, %v)\nhave %q\nwant %q", start, end, tt.slots, got, tt.want)
			}
			for i := range ss {
				if ss[i] != before[i] {
					t.Errorf("FormatEvent reordered the caller's slots")
					break
				}
			}
		})
	}
	t.Run("zero start", func(t *testing.T) {
		if got := date.FormatEvent(date.Value{}, date.Value{}, nil); got != "" {
			t.Errorf("FormatEvent(zero) = %q, want \"\"", got)
		}
	})
}

func TestCapitalize(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"date", "jeudi 23 septembre 2021", "Jeudi 23 septembre 2021"},
		{"accent", "été 2021", "Été 2021"},
		{"already capitalised", "Octobre", "Octobre"},
		{"digit", "1er octobre", "1er octobre"},
		{"empty", "", ""},
		{"invalid UTF-8", "\xffa", "\xffa"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := date.Capitalize(tt.in); got != tt.want {
				t.Errorf("Capitalize(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// FuzzFormatEvent checks that any event renders without panicking, in lower case,
// without a colon, "h 00" or a breaking space before "h".
func FuzzFormatEvent(f *testing.F) {
	f.Add(int64(1633590000), int64(3600), false, uint8(0))
	f.Add(int64(1635616800), int64(9*3600), false, uint8(2))
	f.Add(int64(1635544800), int64(3*86400), true, uint8(0))
	f.Add(int64(1640991600), int64(-5), true, uint8(3))
	loc := paris(f)
	f.Fuzz(func(t *testing.T, startUnix, length int64, day bool, nslots uint8) {
		// Keep to years 1900–2200 and events shorter than a year.
		startUnix = 1<<31 + startUnix%(1<<32)
		length %= 366 * 86400
		st := time.Unix(startUnix, 0).In(loc)
		et := st.Add(time.Duration(length) * time.Second)
		start, end := date.At(st), date.At(et)
		if day {
			start, end = date.Day(st), date.Day(et)
		}
		var slots []date.Slot
		for i := range int(nslots % 5) {
			s := st.Add(time.Duration(i) * time.Duration(length) * time.Second / 3)
			slots = append(slots, date.Slot{Start: date.At(s), End: date.At(s.Add(90 * time.Minute))})
		}
		got := date.FormatEvent(start, end, slots)
		r, _ := utf8.DecodeRuneInString(got)
		switch {
		case got == "":
			t.Errorf("FormatEvent(%v, %v, %d slots) is empty", start, end, len(slots))
		case !unicode.IsLower(r):
			t.Errorf("FormatEvent(%v, %v, %d slots) = %q does not start in lower case", start, end, len(slots), got)
		case strings.Contains(got, ":") || strings.Contains(got, "h\u00a000") || strings.Contains(got, " h"):
			t.Errorf("FormatEvent(%v, %v, %d slots) = %q writes an hour wrongly", start, end, len(slots), got)
		}
	})
}
