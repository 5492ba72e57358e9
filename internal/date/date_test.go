package date_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"relais/internal/date"
)

// paris loads the site's default zone; the package embeds time/tzdata, so this works
// without a system zoneinfo.
func paris(t testing.TB) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatalf("loading Europe/Paris: %v", err)
	}
	return loc
}

// mustParse parses s in loc and fails the test on error.
func mustParse(t testing.TB, s string, loc *time.Location) date.Value {
	t.Helper()
	v, err := date.Parse(s, loc)
	if err != nil {
		t.Fatalf("Parse(%q): %v", s, err)
	}
	return v
}

// describe folds a parse result into one comparable string.
func describe(v date.Value, err error) string {
	if err != nil {
		return "error: " + err.Error()
	}
	kind := "time"
	if v.IsDay() {
		kind = "day"
	}
	return fmt.Sprintf("%s %s %s", kind, v.String(), v.ISO())
}

var parseTests = []struct {
	name string
	in   string
	want string
}{
	// Accepted shapes.
	{"day", "2021-10-07", "day 2021-10-07 2021-10-07"},
	{"day in winter", "2021-12-07", "day 2021-12-07 2021-12-07"},
	{"local time with T", "2021-10-07T09:00", "time 2021-10-07T09:00 2021-10-07T09:00+02:00"},
	{"local time with a space", "2021-10-07 09:00", "time 2021-10-07T09:00 2021-10-07T09:00+02:00"},
	{"local time with zero seconds", "2021-10-07T09:00:00", "time 2021-10-07T09:00 2021-10-07T09:00+02:00"},
	{"local time with a space and zero seconds", "2021-10-07 09:00:00", "time 2021-10-07T09:00 2021-10-07T09:00+02:00"},
	{"local time with seconds", "2021-10-07T09:00:05", "time 2021-10-07T09:00:05 2021-10-07T09:00:05+02:00"},
	{"local time in winter", "2021-12-07T09:00", "time 2021-12-07T09:00 2021-12-07T09:00+01:00"},
	{"midnight is a time, not a day", "2021-10-07T00:00", "time 2021-10-07T00:00 2021-10-07T00:00+02:00"},
	{"lower-case t", "2021-10-07t09:00", "time 2021-10-07T09:00 2021-10-07T09:00+02:00"},
	{"surrounding spaces", "  2021-10-07\n", "day 2021-10-07 2021-10-07"},
	{"surrounding spaces around a time", "\t2021-10-07 09:00 ", "time 2021-10-07T09:00 2021-10-07T09:00+02:00"},

	// Explicit offsets keep the instant and show it in the site's zone.
	{"offset of the zone", "2021-10-07T09:00+02:00", "time 2021-10-07T09:00 2021-10-07T09:00+02:00"},
	{"offset with seconds", "2021-10-07T09:00:00+02:00", "time 2021-10-07T09:00 2021-10-07T09:00+02:00"},
	{"offset converted", "2021-10-07T09:00+00:00", "time 2021-10-07T11:00 2021-10-07T11:00+02:00"},
	{"negative offset converted", "2021-10-07T09:00-04:00", "time 2021-10-07T15:00 2021-10-07T15:00+02:00"},
	{"Z", "2021-10-07T07:00Z", "time 2021-10-07T09:00 2021-10-07T09:00+02:00"},
	{"Z with seconds", "2021-10-07T07:00:30Z", "time 2021-10-07T09:00:30 2021-10-07T09:00:30+02:00"},
	{"lower-case z", "2021-10-07T07:00z", "time 2021-10-07T09:00 2021-10-07T09:00+02:00"},
	{"YAML-style space before the offset", "2021-10-07 09:00:00 +02:00", "time 2021-10-07T09:00 2021-10-07T09:00+02:00"},
	{"offset moves to the next day", "2021-10-07T23:30Z", "time 2021-10-08T01:30 2021-10-08T01:30+02:00"},
	{"offset moves to the next year", "2021-12-31T23:30Z", "time 2022-01-01T00:30 2022-01-01T00:30+01:00"},

	// Daylight saving in Europe/Paris: 2021-03-28 02:00 → 03:00, 2021-10-31 03:00 → 02:00.
	{"just before spring forward", "2021-03-28T01:59", "time 2021-03-28T01:59 2021-03-28T01:59+01:00"},
	{"just after spring forward", "2021-03-28T03:00", "time 2021-03-28T03:00 2021-03-28T03:00+02:00"},
	{"spring forward day", "2021-03-28", "day 2021-03-28 2021-03-28"},
	{"spring gap start", "2021-03-28T02:00", `error: time "2021-03-28T02:00" does not exist in Europe/Paris (the clocks go forward that night)`},
	{"spring gap end", "2021-03-28 02:59:59", `error: time "2021-03-28 02:59:59" does not exist in Europe/Paris (the clocks go forward that night)`},
	{"spring gap 2022", "2022-03-27T02:30", `error: time "2022-03-27T02:30" does not exist in Europe/Paris (the clocks go forward that night)`},
	{"spring gap with an offset is an instant", "2022-03-27T02:30+02:00", "time 2022-03-27T01:30 2022-03-27T01:30+01:00"},
	{"ambiguous takes summer time", "2021-10-31T02:30", "time 2021-10-31T02:30 2021-10-31T02:30+02:00"},
	{"ambiguous start", "2021-10-31T02:00", "time 2021-10-31T02:00 2021-10-31T02:00+02:00"},
	{"ambiguous, first instant by offset", "2021-10-31T02:30+02:00", "time 2021-10-31T02:30 2021-10-31T02:30+02:00"},
	{"ambiguous, second instant by offset", "2021-10-31T02:30+01:00", "time 2021-10-31T02:30+01:00 2021-10-31T02:30+01:00"},
	{"after fall back", "2021-10-31T03:00", "time 2021-10-31T03:00 2021-10-31T03:00+01:00"},
	{"fall back day", "2021-10-31", "day 2021-10-31 2021-10-31"},

	// Dates that do not exist.
	{"month 13", "2021-13-45", `error: invalid date "2021-13-45": month 13 does not exist`},
	{"month 0", "2021-00-10", `error: invalid date "2021-00-10": month 0 does not exist`},
	{"February 30", "2021-02-30", `error: invalid date "2021-02-30": February 2021 has 28 days`},
	{"February 29 in a common year", "2021-02-29", `error: invalid date "2021-02-29": February 2021 has 28 days`},
	{"February 29 in a leap year", "2024-02-29", "day 2024-02-29 2024-02-29"},
	{"February 30 in a leap year", "2024-02-30T10:00", `error: invalid date "2024-02-30T10:00": February 2024 has 29 days`},
	{"February 29 in 1900", "1900-02-29", `error: invalid date "1900-02-29": February 1900 has 28 days`},
	{"April 31", "2021-04-31", `error: invalid date "2021-04-31": April 2021 has 30 days`},
	{"day 32", "2021-10-32", `error: invalid date "2021-10-32": October 2021 has 31 days`},
	{"day 0", "2021-10-00", `error: invalid date "2021-10-00": day 0 does not exist`},
	{"hour 24", "2021-10-07T24:00", `error: invalid date "2021-10-07T24:00": hour 24 does not exist`},
	{"hour 25", "2021-10-07 25:00", `error: invalid date "2021-10-07 25:00": hour 25 does not exist`},
	{"minute 60", "2021-10-07T09:60", `error: invalid date "2021-10-07T09:60": minute 60 does not exist`},
	{"second 60", "2021-10-07T09:00:60", `error: invalid date "2021-10-07T09:00:60": second 60 does not exist`},
	{"fraction of a second", "2021-10-07T09:00:00.5", `error: invalid date "2021-10-07T09:00:00.5": fractions of a second are not supported`},
	{"offset out of range", "2021-10-07T09:00+24:00", `error: invalid date "2021-10-07T09:00+24:00": offset "+24:00" does not exist`},
	{"offset minutes out of range", "2021-10-07T09:00-01:60", `error: invalid date "2021-10-07T09:00-01:60": offset "-01:60" does not exist`},

	// Other shapes.
	{"French words", "7 octobre", `error: invalid date "7 octobre": write it as 2021-10-07, or 2021-10-07T09:00 for a time`},
	{"French words with spaces", " 7 octobre ", `error: invalid date "7 octobre": write it as 2021-10-07, or 2021-10-07T09:00 for a time`},
	{"empty", "", `error: invalid date "": write it as 2021-10-07, or 2021-10-07T09:00 for a time`},
	{"French order", "07/10/2021", `error: invalid date "07/10/2021": write it as 2021-10-07, or 2021-10-07T09:00 for a time`},
	{"single-digit day", "2021-10-7", `error: invalid date "2021-10-7": write it as 2021-10-07, or 2021-10-07T09:00 for a time`},
	{"single-digit hour", "2021-10-07T9:00", `error: invalid date "2021-10-07T9:00": write it as 2021-10-07, or 2021-10-07T09:00 for a time`},
	{"French hour", "2021-10-07 9h30", `error: invalid date "2021-10-07 9h30": write it as 2021-10-07, or 2021-10-07T09:00 for a time`},
	{"hour without minutes", "2021-10-07T09", `error: invalid date "2021-10-07T09": write it as 2021-10-07, or 2021-10-07T09:00 for a time`},
	{"offset on a day", "2021-10-07+02:00", `error: invalid date "2021-10-07+02:00": write it as 2021-10-07, or 2021-10-07T09:00 for a time`},
	{"offset without colon", "2021-10-07T09:00+0200", `error: invalid date "2021-10-07T09:00+0200": write it as 2021-10-07, or 2021-10-07T09:00 for a time`},
	{"trailing text", "2021-10-07T09:00 à Blois", `error: invalid date "2021-10-07T09:00 à Blois": write it as 2021-10-07, or 2021-10-07T09:00 for a time`},
	{"two-digit year", "21-10-07", `error: invalid date "21-10-07": write it as 2021-10-07, or 2021-10-07T09:00 for a time`},
	{"five-digit year", "20211-10-07", `error: invalid date "20211-10-07": write it as 2021-10-07, or 2021-10-07T09:00 for a time`},
	{"non-ASCII digits", "２０２１-10-07", `error: invalid date "２０２１-10-07": write it as 2021-10-07, or 2021-10-07T09:00 for a time`},
	{"year past 9999", "9999-12-31T23:00-02:00", `error: invalid date "9999-12-31T23:00-02:00": year 10000 is out of range`},
	{"year before 1000", "0999-12-31T23:00", `error: invalid date "0999-12-31T23:00": year 999 is out of range`},
	{"year typo", "0021-10-07", `error: invalid date "0021-10-07": year 21 is out of range`},
	{"offset before 1000", "1000-01-01T00:00+14:00", `error: invalid date "1000-01-01T00:00+14:00": year 999 is out of range`},
	{"zero time", "0001-01-01T00:00Z", `error: invalid date "0001-01-01T00:00Z": year 1 is out of range`},
	{"first year", "1000-01-01", "day 1000-01-01 1000-01-01"},
	{"last year", "9999-12-31T23:59:59", "time 9999-12-31T23:59:59 9999-12-31T23:59:59+01:00"},
}

func TestParse(t *testing.T) {
	loc := paris(t)
	for _, tt := range parseTests {
		t.Run(tt.name, func(t *testing.T) {
			if got := describe(date.Parse(tt.in, loc)); got != tt.want {
				t.Errorf("Parse(%q)\nhave %s\nwant %s", tt.in, got, tt.want)
			}
		})
	}
}

func TestParseOtherZones(t *testing.T) {
	newYork, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	// America/Sao_Paulo moved its clocks forward at midnight (2018-11-04 00:00 → 01:00),
	// so that day has no midnight.
	saoPaulo, err := time.LoadLocation("America/Sao_Paulo")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		in   string
		loc  *time.Location
		want string
	}{
		{"nil location is UTC", "2021-10-07T09:00", nil, "time 2021-10-07T09:00 2021-10-07T09:00+00:00"},
		{"UTC offset is numeric", "2021-10-07T09:00Z", time.UTC, "time 2021-10-07T09:00 2021-10-07T09:00+00:00"},
		{"converted to New York", "2021-10-07T09:00+02:00", newYork, "time 2021-10-07T03:00 2021-10-07T03:00-04:00"},
		{"New York gap", "2021-03-14T02:30", newYork, `error: time "2021-03-14T02:30" does not exist in America/New_York (the clocks go forward that night)`},
		{"New York overlap", "2021-11-07T01:30", newYork, "time 2021-11-07T01:30 2021-11-07T01:30-04:00"},
		{"day without a midnight", "2018-11-04", saoPaulo, "day 2018-11-04 2018-11-04"},
		{"midnight that does not exist", "2018-11-04T00:00", saoPaulo, `error: time "2018-11-04T00:00" does not exist in America/Sao_Paulo (the clocks go forward that night)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := describe(date.Parse(tt.in, tt.loc)); got != tt.want {
				t.Errorf("Parse(%q, %v)\nhave %s\nwant %s", tt.in, tt.loc, got, tt.want)
			}
		})
	}
}

func TestDayStartsAtMidnight(t *testing.T) {
	loc := paris(t)
	saoPaulo, err := time.LoadLocation("America/Sao_Paulo")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		in   string
		loc  *time.Location
		want time.Time
	}{
		{"ordinary day", "2021-10-07", loc, time.Date(2021, 10, 7, 0, 0, 0, 0, loc)},
		{"spring forward day", "2021-03-28", loc, time.Date(2021, 3, 27, 23, 0, 0, 0, time.UTC)},
		{"fall back day", "2021-10-31", loc, time.Date(2021, 10, 30, 22, 0, 0, 0, time.UTC)},
		{"day whose midnight is skipped starts at 01:00", "2018-11-04", saoPaulo, time.Date(2018, 11, 4, 3, 0, 0, 0, time.UTC)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := mustParse(t, tt.in, tt.loc)
			if !v.IsDay() {
				t.Errorf("Parse(%q).IsDay() = false, want true", tt.in)
			}
			if got := v.Time(); !got.Equal(tt.want) || got.Location() != tt.loc {
				t.Errorf("Parse(%q).Time() = %v, want %v in %v", tt.in, got, tt.want, tt.loc)
			}
		})
	}
}

func TestIsAmbiguous(t *testing.T) {
	loc := paris(t)
	tests := []struct {
		in   string
		want bool
	}{
		{"2021-10-31T02:30", true},
		{"2021-10-31T02:30+01:00", true},
		{"2021-10-31T02:00", true},
		{"2021-10-31T01:59", false},
		{"2021-10-31T03:00", false},
		{"2021-10-31", false},
		{"2021-03-28T03:00", false},
		{"2021-10-07T09:00", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := mustParse(t, tt.in, loc).IsAmbiguous(); got != tt.want {
				t.Errorf("Parse(%q).IsAmbiguous() = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

// TestDaylightSavingDurations checks that events across a change of offset last their
// real length, and that their ISO forms carry the offset of each instant.
func TestDaylightSavingDurations(t *testing.T) {
	loc := paris(t)
	tests := []struct {
		name                 string
		start, end           string
		want                 time.Duration
		wantStart, wantEnd   string
		wantStartISO, endISO string
	}{
		{
			name: "autumn night", start: "2021-10-30T20:00", end: "2021-10-31T04:00", want: 9 * time.Hour,
			wantStartISO: "2021-10-30T20:00+02:00", endISO: "2021-10-31T04:00+01:00",
		},
		{
			name: "spring night", start: "2021-03-27T20:00", end: "2021-03-28T04:00", want: 7 * time.Hour,
			wantStartISO: "2021-03-27T20:00+01:00", endISO: "2021-03-28T04:00+02:00",
		},
		{
			name: "across the repeated hour", start: "2021-10-31T02:30", end: "2021-10-31T02:30+01:00", want: time.Hour,
			wantStartISO: "2021-10-31T02:30+02:00", endISO: "2021-10-31T02:30+01:00",
		},
		{
			name: "autumn days", start: "2021-10-31", end: "2021-11-01", want: 25 * time.Hour,
			wantStartISO: "2021-10-31", endISO: "2021-11-01",
		},
		{
			name: "spring days", start: "2021-03-28", end: "2021-03-29", want: 23 * time.Hour,
			wantStartISO: "2021-03-28", endISO: "2021-03-29",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start, end := mustParse(t, tt.start, loc), mustParse(t, tt.end, loc)
			if got := end.Time().Sub(start.Time()); got != tt.want {
				t.Errorf("duration = %v, want %v", got, tt.want)
			}
			if got := start.ISO(); got != tt.wantStartISO {
				t.Errorf("start ISO = %q, want %q", got, tt.wantStartISO)
			}
			if got := end.ISO(); got != tt.endISO {
				t.Errorf("end ISO = %q, want %q", got, tt.endISO)
			}
		})
	}
}

func TestConstructors(t *testing.T) {
	loc := paris(t)
	tests := []struct {
		name string
		v    date.Value
		want string
	}{
		{"Day drops the time", date.Day(time.Date(2021, 10, 7, 15, 4, 5, 0, loc)), "day 2021-10-07 2021-10-07"},
		{"Day keeps the location's date", date.Day(time.Date(2021, 10, 7, 23, 30, 0, 0, time.UTC).In(loc)), "day 2021-10-08 2021-10-08"},
		{"At keeps the time", date.At(time.Date(2021, 10, 7, 9, 0, 0, 0, loc)), "time 2021-10-07T09:00 2021-10-07T09:00+02:00"},
		{"At keeps seconds", date.At(time.Date(2021, 10, 7, 9, 0, 5, 0, loc)), "time 2021-10-07T09:00:05 2021-10-07T09:00:05+02:00"},
		{"At drops fractions", date.At(time.Date(2021, 10, 7, 9, 0, 5, 999, loc)), "time 2021-10-07T09:00:05 2021-10-07T09:00:05+02:00"},
		{"At in UTC", date.At(time.Date(2021, 10, 7, 9, 0, 0, 0, time.UTC)), "time 2021-10-07T09:00 2021-10-07T09:00+00:00"},
		{"zero", date.Value{}, "time  "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := describe(tt.v, nil); got != tt.want {
				t.Errorf("have %q, want %q", got, tt.want)
			}
		})
	}
}

func TestZero(t *testing.T) {
	loc := paris(t)
	tests := []struct {
		name string
		v    date.Value
		want bool
	}{
		{"zero Value", date.Value{}, true},
		{"At zero time", date.At(time.Time{}), true},
		{"a day", date.Day(time.Date(2021, 10, 7, 0, 0, 0, 0, loc)), false},
		{"a time", date.At(time.Date(2021, 10, 7, 9, 0, 0, 0, loc)), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.v.IsZero(); got != tt.want {
				t.Errorf("IsZero() = %v, want %v", got, tt.want)
			}
		})
	}
}

// FuzzParse checks that Parse never panics, that its errors follow the style guide,
// and that every accepted value reads back from its String (and, when the zone's
// offset is a whole number of minutes, from its ISO form) as the same instant and kind.
func FuzzParse(f *testing.F) {
	for _, tt := range parseTests {
		f.Add(tt.in)
	}
	for _, s := range []string{"1000-01-01T00:09:21", "1911-03-10T23:55", "1911-03-11T00:05", "9999-12-31T23:59:59", "2021-10-31T02:59:59+01:00"} {
		f.Add(s)
	}
	loc := paris(f)
	f.Fuzz(func(t *testing.T, s string) {
		v, err := date.Parse(s, loc)
		if err != nil {
			msg := err.Error()
			if !strings.HasPrefix(msg, "invalid date ") && !strings.HasPrefix(msg, "time ") || strings.HasSuffix(msg, ".") {
				t.Errorf("Parse(%q) error %q does not follow the style", s, msg)
			}
			return
		}
		if v.IsZero() || date.FormatValue(v) == "" {
			t.Errorf("Parse(%q) = %v, a zero Value, without error", s, v)
		}
		w, err := date.Parse(v.String(), loc)
		if err != nil {
			t.Fatalf("Parse(%q) = %q, which does not parse: %v", s, v.String(), err)
		}
		if !w.Time().Equal(v.Time()) || w.IsDay() != v.IsDay() || w.String() != v.String() {
			t.Errorf("Parse(%q) = %s (day %v, %v), which reads back as %s (day %v, %v)",
				s, v, v.IsDay(), v.Time(), w, w.IsDay(), w.Time())
		}
		if _, off := v.Time().Zone(); off%60 == 0 {
			w, err := date.Parse(v.ISO(), loc)
			if err != nil {
				t.Fatalf("Parse(%q).ISO() = %q, which does not parse: %v", s, v.ISO(), err)
			}
			if !w.Time().Equal(v.Time()) || w.IsDay() != v.IsDay() {
				t.Errorf("Parse(%q).ISO() = %q reads back as %s", s, v.ISO(), w)
			}
		}
	})
}
