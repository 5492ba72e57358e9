package date

import (
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// The French rendering follows the usual typography: lower-case day and month names,
// "1er" for the first of a month, no leading zero, and hours written "10 h 30" with
// no-break spaces around "h" so that a line never breaks inside a time. Every function
// works in the location of the time it is given: callers pass times already in the
// site's zone.

// nbsp is U+00A0 NO-BREAK SPACE.
const nbsp = "\u00a0"

func weekdayName(d time.Weekday) string {
	return [...]string{"dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"}[d]
}

func monthName(m time.Month) string {
	return [...]string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet",
		"août", "septembre", "octobre", "novembre", "décembre"}[m-1]
}

func shortMonthName(m time.Month) string {
	return [...]string{"janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.",
		"août", "sept.", "oct.", "nov.", "déc."}[m-1]
}

// dayOfMonth writes the day number, "1er" for the first.
func dayOfMonth(d int) string {
	if d == 1 {
		return "1er"
	}
	return strconv.Itoa(d)
}

// FormatDay returns the day of t in French: "jeudi 7 octobre 2021",
// "vendredi 1er octobre 2021".
func FormatDay(t time.Time) string {
	return dayMonth(t) + " " + strconv.Itoa(t.Year())
}

// dayMonth returns the day of t without its year: "jeudi 7 octobre".
func dayMonth(t time.Time) string {
	return weekdayName(t.Weekday()) + " " + dayOfMonth(t.Day()) + " " + monthName(t.Month())
}

// FormatTime returns the time of day of t in French, without seconds: "10 h 30",
// "9 h", "0 h", with U+00A0 NO-BREAK SPACE on both sides of "h".
func FormatTime(t time.Time) string {
	s := strconv.Itoa(t.Hour()) + nbsp + "h"
	if m := t.Minute(); m != 0 {
		s += nbsp + strconv.Itoa(m/10) + strconv.Itoa(m%10)
	}
	return s
}

// FormatMonth returns the month of t, capitalised for use as a heading: "Octobre 2021".
func FormatMonth(t time.Time) string {
	return Capitalize(monthName(t.Month())) + " " + strconv.Itoa(t.Year())
}

// FormatShort returns the day of t in the short French form, with the usual month
// abbreviations and no weekday: "7 oct. 2021", "1er juin 2021".
func FormatShort(t time.Time) string {
	return dayOfMonth(t.Day()) + " " + shortMonthName(t.Month()) + " " + strconv.Itoa(t.Year())
}

// FormatValue returns v in French: "jeudi 7 octobre 2021" for a day,
// "mardi 16 novembre 2021 à 10 h 30" for a time, "" for the zero Value.
func FormatValue(v Value) string {
	switch {
	case v.IsZero():
		return ""
	case v.day:
		return FormatDay(v.t)
	}
	return FormatDay(v.t) + " à " + FormatTime(v.t)
}

// FormatEvent returns when an event takes place, in French, from its start, its
// optional end (the zero Value when absent) and its optional slots:
//
//	a day                      "mardi 19 octobre 2021"
//	two consecutive days       "jeudi 7 et vendredi 8 octobre 2021",
//	                           "jeudi 30 septembre et vendredi 1er octobre 2021",
//	                           "vendredi 31 décembre 2021 et samedi 1er janvier 2022"
//	three days or more         "du lundi 14 au vendredi 18 mars 2022",
//	                           "du jeudi 30 septembre au samedi 2 octobre 2021",
//	                           "du jeudi 30 décembre 2021 au dimanche 2 janvier 2022"
//	a time                     "mardi 16 novembre 2021 à 10 h 30"
//	a time and an end that day "mardi 16 novembre 2021, de 10 h 30 à 12 h"
//	ending on another day      "samedi 30 octobre 2021 à 20 h – dimanche 31 octobre à 4 h"
//	                           (the year on both sides when the years differ)
//	slots on one day           "mardi 19 octobre 2021, de 9 h à 12 h et de 14 h à 17 h"
//	slots on several days      "lundi 4 octobre 2021, de 9 h à 12 h ; mardi 5 octobre 2021, de 14 h à 17 h"
//
// When slots are given they define the times shown, sorted by start, one group per day;
// a slot that ends on a later day reads "de 20 h au dimanche 31 octobre à 2 h". Days are
// counted on the calendar, so a range across a daylight-saving change is still
// "samedi 27 et dimanche 28 mars 2021". An end before the start, or an end that is a
// day while the start is a time and on the same day, adds nothing; a zero start with no
// slots gives "".
func FormatEvent(start, end Value, slots []Slot) string {
	if s := formatSlots(slots); s != "" {
		return s
	}
	if start.IsZero() {
		return ""
	}
	st := start.t
	if end.IsZero() || end.t.Before(st) {
		end = Value{}
	}
	if start.day {
		if end.IsZero() {
			return FormatDay(st)
		}
		return formatDays(st, end.t)
	}
	at := FormatDay(st) + " à " + FormatTime(st)
	switch et := end.t; {
	case end.IsZero() || et.Equal(st):
		return at
	case end.day:
		// A last day given for a timed start: name the day, there is no time to show.
		if calendarDays(st, et) == 0 {
			return at
		}
		return at + " – " + dayMaybeYear(et, st)
	case calendarDays(st, et) == 0:
		return FormatDay(st) + ", de " + FormatTime(st) + " à " + FormatTime(et)
	default:
		return at + " – " + dayMaybeYear(et, st) + " à " + FormatTime(et)
	}
}

// formatDays writes the days from a to b inclusive, naming the month and the year only
// once when the two ends share them.
func formatDays(a, b time.Time) string {
	n := calendarDays(a, b)
	if n <= 0 {
		return FormatDay(a)
	}
	var first string
	switch {
	case a.Year() != b.Year():
		first = FormatDay(a)
	case a.Month() != b.Month():
		first = dayMonth(a)
	default:
		first = weekdayName(a.Weekday()) + " " + dayOfMonth(a.Day())
	}
	if n == 1 {
		return first + " et " + FormatDay(b)
	}
	return "du " + first + " au " + FormatDay(b)
}

// dayMaybeYear writes the day of t, with its year only when it differs from ref's.
func dayMaybeYear(t, ref time.Time) string {
	if t.Year() != ref.Year() {
		return FormatDay(t)
	}
	return dayMonth(t)
}

// calendarDays returns the number of calendar days from a's date to b's, each read in
// its own location; it ignores the clock, and so the length of days around a
// daylight-saving change.
func calendarDays(a, b time.Time) int {
	ay, am, ad := a.Date()
	by, bm, bd := b.Date()
	da := time.Date(ay, am, ad, 0, 0, 0, 0, time.UTC)
	db := time.Date(by, bm, bd, 0, 0, 0, 0, time.UTC)
	return int(db.Sub(da) / (24 * time.Hour))
}

// formatSlots writes the slots sorted by start, one group per day joined by " ; ",
// or "" when there is no slot with a start.
func formatSlots(slots []Slot) string {
	ss := slices.DeleteFunc(slices.Clone(slots), func(s Slot) bool { return s.Start.IsZero() })
	if len(ss) == 0 {
		return ""
	}
	slices.SortStableFunc(ss, func(a, b Slot) int { return a.Start.t.Compare(b.Start.t) })
	var groups []string
	for len(ss) > 0 {
		n := 1
		for n < len(ss) && calendarDays(ss[0].Start.t, ss[n].Start.t) == 0 {
			n++
		}
		parts := make([]string, n)
		for i, s := range ss[:n] {
			parts[i] = formatSlot(s)
		}
		sep := ", "
		if n == 1 && strings.HasPrefix(parts[0], "à ") {
			sep = " " // "mardi 19 octobre 2021 à 9 h", as for a time without an end
		}
		groups = append(groups, FormatDay(ss[0].Start.t)+sep+joinEt(parts))
		ss = ss[n:]
	}
	return strings.Join(groups, " ; ")
}

// formatSlot writes one slot without its day: "de 9 h à 12 h", "à 9 h" without an end,
// "de 20 h au dimanche 31 octobre à 2 h" when it ends on a later day.
func formatSlot(s Slot) string {
	st, et := s.Start.t, s.End.t
	switch {
	case s.End.IsZero() || !et.After(st):
		return "à " + FormatTime(st)
	case calendarDays(st, et) == 0:
		return "de " + FormatTime(st) + " à " + FormatTime(et)
	default:
		return "de " + FormatTime(st) + " au " + dayMaybeYear(et, st) + " à " + FormatTime(et)
	}
}

// joinEt joins parts the French way: "a", "a et b", "a, b et c".
func joinEt(parts []string) string {
	if len(parts) == 1 {
		return parts[0]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " et " + parts[len(parts)-1]
}

// Capitalize upper-cases the first letter of s, for a date at the start of a heading
// or a sentence: "Jeudi 23 septembre 2021".
func Capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return s
	}
	u := unicode.ToUpper(r)
	if u == r {
		return s
	}
	return string(u) + s[n:]
}
