package date

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// This file reads dates and times from French prose, as coordinators write them in a
// relevé, the inverse of FormatEvent:
//
//	one      := [weekday] ("1er" | 1–31) [month [yyyy]]  |  dd/mm/yyyy
//	days     := ["le" | "les"] one (("," | "et") one)*  |  "du" one "au" one
//	            (month and year flow from right to left: "jeudi 7 et vendredi 8 octobre 2021")
//	time     := H ("h" | ":") [MM]                          "10 h 30", "10h30", "10:30", "9h"
//	times    := [","] ("à" | "dès") time [("–" | "-") one ["à" time]]
//	          | [","] ("de" | "entre") time ("à" | "et" | "-") time (("et" | ",") range)*
//	deadline := ("avant le" | "jusqu'au" | "au plus tard le" | "d'ici le" | "date limite :") days
//
// Case and accents are optional. A year left out is inferred from a reference date
// (the meeting's): the first such day on or after the reference minus 31 days. A
// weekday that does not match its date is reported and never corrects the date.

// Clock is a time of day as written in prose.
type Clock struct{ Hour, Min int }

// String returns c in the French form "10 h 30", with plain spaces.
func (c Clock) String() string {
	if c.Min == 0 {
		return fmt.Sprintf("%d h", c.Hour)
	}
	return fmt.Sprintf("%d h %02d", c.Hour, c.Min)
}

// ClockRange is a time ("à 10 h 30", To zero and HasTo false) or a range of times
// ("de 9 h à 12 h") read from prose. ToDay is the day the range ends when it is not the
// day it starts ("de 20 h au dimanche 31 octobre à 2 h"; "à 20 h – dimanche 31
// octobre" gives a last day without a time), else the zero Value.
type ClockRange struct {
	From, To Clock
	HasTo    bool
	ToDay    Value
	Text     string // as written
	Offset   int    // byte offset of Text in the text searched
}

// Mention is a day or a range of days found in prose, with the times written right after
// it.
type Mention struct {
	Text         string // the words read, as written, the deadline's cue included
	Offset       int    // byte offset of Text in the text searched
	First, Last  Value  // whole days; Last equals First for one day
	Times        []ClockRange
	Deadline     bool   // introduced by "avant le", "jusqu'au", "au plus tard le", "d'ici le"...
	Cue          string // the words that introduced a deadline, as written
	YearInferred bool   // no year was written: it comes from the reference date
	Problems     []string
}

// token is a word, a number or a mark of prose.
type token struct {
	kind     byte   // 'w' word (folded: lower case, no accents), 'n' number, 'p' punctuation
	text     string // folded word, digits, or the mark
	num      int    // value of a number (-1 when longer than 4 digits)
	pos, end int    // byte offsets in the text
}

// tokenize cuts s into words, numbers and marks; spaces separate, and so does every
// change between letters and digits ("10h30" is 10, h, 30).
func tokenize(s string) []token {
	var toks []token
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case unicode.IsSpace(r):
			i += n
		case r >= '0' && r <= '9':
			j := i
			v := 0
			for j < len(s) && s[j] >= '0' && s[j] <= '9' {
				if v >= 0 {
					v = v*10 + int(s[j]-'0')
					if j-i >= 4 {
						v = -1
					}
				}
				j++
			}
			toks = append(toks, token{kind: 'n', text: s[i:j], num: v, pos: i, end: j})
			i = j
		case unicode.IsLetter(r):
			j := i
			var b strings.Builder
			for j < len(s) {
				r, n := utf8.DecodeRuneInString(s[j:])
				if !unicode.IsLetter(r) {
					break
				}
				b.WriteString(fold(r))
				j += n
			}
			toks = append(toks, token{kind: 'w', text: b.String(), pos: i, end: j})
			i = j
		default:
			toks = append(toks, token{kind: 'p', text: s[i : i+n], pos: i, end: i + n})
			i += n
		}
	}
	return toks
}

// fold returns r in lower case without its accent.
func fold(r rune) string {
	switch unicode.ToLower(r) {
	case 'à', 'â', 'ä', 'á':
		return "a"
	case 'é', 'è', 'ê', 'ë':
		return "e"
	case 'î', 'ï', 'í':
		return "i"
	case 'ô', 'ö', 'ó':
		return "o"
	case 'û', 'ù', 'ü', 'ú':
		return "u"
	case 'ç':
		return "c"
	case 'œ':
		return "oe"
	}
	return string(unicode.ToLower(r))
}

var weekdays = map[string]time.Weekday{"dimanche": time.Sunday, "lundi": time.Monday, "mardi": time.Tuesday,
	"mercredi": time.Wednesday, "jeudi": time.Thursday, "vendredi": time.Friday, "samedi": time.Saturday}

var months = map[string]time.Month{
	"janvier": 1, "janv": 1, "fevrier": 2, "fevr": 2, "fev": 2, "mars": 3, "avril": 4, "avr": 4, "mai": 5,
	"juin": 6, "juillet": 7, "juil": 7, "aout": 8, "septembre": 9, "sept": 9, "octobre": 10, "oct": 10,
	"novembre": 11, "nov": 11, "decembre": 12, "dec": 12,
}

// abbreviated are the months' abbreviations that take a period ("oct.").
var abbreviated = map[string]bool{"janv": true, "fevr": true, "fev": true, "avr": true, "juil": true,
	"sept": true, "oct": true, "nov": true, "dec": true}

// oneDay is a day as written, before month and year flow from the right.
type oneDay struct {
	weekday    time.Weekday
	hasWeekday bool
	day, year  int
	month      time.Month
	first      int // index of its first token
}

// proseParser reads tokens of one text.
type proseParser struct {
	text string
	toks []token
	ref  time.Time // reference for a year left out; zero: a year is required
	loc  *time.Location
}

func (p *proseParser) word(i int, words ...string) bool { return p.is(i, 'w', words) }

func (p *proseParser) mark(i int, marks ...string) bool { return p.is(i, 'p', marks) }

// is tells whether token i is of the kind and one of the texts.
func (p *proseParser) is(i int, kind byte, texts []string) bool {
	return i >= 0 && i < len(p.toks) && p.toks[i].kind == kind && slices.Contains(texts, p.toks[i].text)
}

func (p *proseParser) number(i, lo, hi int) (int, bool) {
	if i >= len(p.toks) || p.toks[i].kind != 'n' || p.toks[i].num < lo || p.toks[i].num > hi {
		return 0, false
	}
	return p.toks[i].num, true
}

// one reads a day at token i; it returns the index after it.
func (p *proseParser) one(i int) (oneDay, int, bool) {
	d := oneDay{first: i}
	// Numeric: 02/12/2021, 2.12.2021, 02-12-2021.
	if dd, ok := p.number(i, 1, 31); ok && p.mark(i+1, "/", ".", "-") {
		sep := p.toks[i+1].text
		if mm, ok := p.number(i+2, 1, 12); ok && p.mark(i+3, sep) && len(p.toks) > i+4 && p.toks[i+4].kind == 'n' && len(p.toks[i+4].text) == 4 {
			d.day, d.month, d.year = dd, time.Month(mm), p.toks[i+4].num
			return d, i + 5, true
		}
	}
	if i < len(p.toks) && p.toks[i].kind == 'w' {
		if wd, ok := weekdays[p.toks[i].text]; ok {
			d.weekday, d.hasWeekday = wd, true
			i++
		}
	}
	dd, ok := p.number(i, 1, 31)
	if !ok {
		return d, 0, false
	}
	d.day = dd
	i++
	if p.word(i, "er") && dd == 1 {
		i++
	}
	if i < len(p.toks) && p.toks[i].kind == 'w' {
		if m, ok := months[p.toks[i].text]; ok {
			d.month = m
			i++
			if p.mark(i, ".") && abbreviated[p.toks[i-1].text] {
				i++ // "oct."
			}
			if i < len(p.toks) && p.toks[i].kind == 'n' && len(p.toks[i].text) == 4 {
				d.year = p.toks[i].num
				i++
			}
		}
	}
	return d, i, true
}

// days reads days at token i: a list or a range. It returns the first and last day and
// the index after them.
func (p *proseParser) days(i int) (m Mention, next int, ok bool) {
	var list []oneDay
	rangeForm := false
	if p.word(i, "du") {
		a, j, ok := p.one(i + 1)
		if ok && p.word(j, "au") {
			if b, k, ok := p.one(j + 1); ok {
				list, next, rangeForm = []oneDay{a, b}, k, true
			}
		}
	}
	if !rangeForm {
		start := i
		if p.word(i, "le", "les") {
			start = i + 1
		}
		a, j, ok := p.one(start)
		if !ok {
			return m, 0, false
		}
		list, next = []oneDay{a}, j
		for p.mark(next, ",") || p.word(next, "et") {
			b, k, ok := p.one(next + 1)
			if !ok {
				break
			}
			list, next = append(list, b), k
		}
		// Drop the days after the last one with a month: "le 7 octobre et 8 salariés".
		last := -1
		for k, d := range list {
			if d.month != 0 {
				last = k
			}
		}
		if last < 0 {
			return m, 0, false
		}
		if last < len(list)-1 {
			list = list[:last+1]
			next = p.lastTokenOf(list[last]) + 1
		}
	}
	// Month and year flow from right to left.
	for k := len(list) - 2; k >= 0; k-- {
		if list[k].month == 0 {
			list[k].month = list[k+1].month
			if list[k].year == 0 {
				list[k].year = list[k+1].year
			}
		} else if list[k].year == 0 && list[k+1].year != 0 {
			// "du 30 décembre au 2 janvier 2022": the first day is in the year before
			// when its month comes later in the year.
			list[k].year = list[k+1].year
			if list[k].month > list[k+1].month {
				list[k].year--
			}
		}
	}
	if list[0].month == 0 {
		return m, 0, false
	}
	if list[len(list)-1].year == 0 {
		if p.ref.IsZero() {
			return m, 0, false
		}
		floor := p.ref.AddDate(0, 0, -31)
		last := list[len(list)-1]
		y := floor.Year()
		if time.Date(y, last.month, last.day, 0, 0, 0, 0, time.UTC).Before(time.Date(floor.Year(), floor.Month(), floor.Day(), 0, 0, 0, 0, time.UTC)) {
			y++
		}
		for k := range list {
			if list[k].year == 0 {
				list[k].year = y
				if list[k].month > last.month {
					list[k].year = y - 1
				}
			}
		}
		m.YearInferred = true
	}
	var vals []Value
	for _, d := range list {
		if d.year < 1000 || d.year > 9999 || d.day > daysIn(d.year, d.month) {
			return m, 0, false
		}
		v := Value{t: startOfDay(d.year, d.month, d.day, p.loc), day: true}
		if d.hasWeekday && v.t.Weekday() != d.weekday {
			written := strings.TrimSpace(p.text[p.toks[d.first].pos:p.toks[p.lastTokenOf(d)].end])
			m.Problems = append(m.Problems, fmt.Sprintf("%q: %s is a %s, not a %s", written,
				FormatShort(v.t), weekdayName(v.t.Weekday()), weekdayName(d.weekday)))
		}
		vals = append(vals, v)
	}
	m.First, m.Last = vals[0], vals[len(vals)-1]
	if m.Last.t.Before(m.First.t) {
		return m, 0, false
	}
	return m, next, true
}

// lastTokenOf returns the index of the last token of d.
func (p *proseParser) lastTokenOf(d oneDay) int {
	_, next, _ := p.one(d.first)
	return next - 1
}

// clock reads a time at token i.
func (p *proseParser) clock(i int) (Clock, int, bool) {
	h, ok := p.number(i, 0, 24)
	if !ok {
		return Clock{}, 0, false
	}
	switch {
	case p.word(i+1, "h"):
		if mm, ok := p.number(i+2, 0, 59); ok && len(p.toks[i+2].text) == 2 {
			return Clock{h % 24, mm}, i + 3, true
		}
		return Clock{h % 24, 0}, i + 2, true
	case p.mark(i+1, ":"):
		if mm, ok := p.number(i+2, 0, 59); ok && len(p.toks[i+2].text) == 2 {
			return Clock{h % 24, mm}, i + 3, true
		}
	}
	return Clock{}, 0, false
}

// clockRange reads "de 9 h à 12 h" (or "entre … et …") at token i.
func (p *proseParser) clockRange(i int, day Value) (ClockRange, int, bool) {
	if !p.word(i, "de", "entre") {
		return ClockRange{}, 0, false
	}
	from, j, ok := p.clock(i + 1)
	if !ok {
		return ClockRange{}, 0, false
	}
	r := ClockRange{From: from, HasTo: true}
	switch {
	case p.word(j, "a", "et") || p.mark(j, "-", "–"):
		to, k, ok := p.clock(j + 1)
		if !ok {
			return ClockRange{}, 0, false
		}
		r.To, j = to, k
	case p.word(j, "au") && !day.IsZero():
		d, k, ok := p.one(j + 1)
		if !ok || !p.word(k, "a") {
			return ClockRange{}, 0, false
		}
		to, k2, ok := p.clock(k + 1)
		if !ok {
			return ClockRange{}, 0, false
		}
		end, ok := p.complete(d, day)
		if !ok {
			return ClockRange{}, 0, false
		}
		r.To, r.ToDay, j = to, end, k2
	default:
		return ClockRange{}, 0, false
	}
	r.Offset, r.Text = p.toks[i].pos, p.text[p.toks[i].pos:p.toks[j-1].end]
	return r, j, true
}

// complete gives a day written without month or year those of ref, and returns it as a
// Value when it exists and is not before ref.
func (p *proseParser) complete(d oneDay, ref Value) (Value, bool) {
	if d.month == 0 {
		d.month = ref.t.Month()
	}
	if d.year == 0 {
		d.year = ref.t.Year()
	}
	if d.year < 1000 || d.year > 9999 || d.day > daysIn(d.year, d.month) {
		return Value{}, false
	}
	v := Value{t: startOfDay(d.year, d.month, d.day, p.loc), day: true}
	if v.t.Before(ref.t) {
		return Value{}, false
	}
	return v, true
}

// times reads the times written right after a day at token i.
func (p *proseParser) times(i int, day Value) ([]ClockRange, int) {
	j := i
	if p.mark(j, ",") {
		j++
	}
	if p.word(j, "a", "des") {
		c, k, ok := p.clock(j + 1)
		if !ok {
			return nil, i
		}
		r := ClockRange{From: c}
		// "à 20 h – dimanche 31 octobre à 4 h"
		if p.mark(k, "–", "-") {
			if d, k2, ok := p.one(k + 1); ok && d.hasWeekday {
				if end, ok := p.complete(d, day); ok {
					r.ToDay, k = end, k2
					if p.word(k, "a") {
						if to, k3, ok := p.clock(k + 1); ok {
							r.To, r.HasTo, k = to, true, k3
						}
					}
				}
			}
		}
		r.Offset, r.Text = p.toks[j].pos, p.text[p.toks[j].pos:p.toks[k-1].end]
		return []ClockRange{r}, k
	}
	var out []ClockRange
	r, k, ok := p.clockRange(j, day)
	if !ok {
		return nil, i
	}
	out, j = append(out, r), k
	for p.word(j, "et") || p.mark(j, ",") {
		r, k, ok := p.clockRange(j+1, day)
		if !ok {
			break
		}
		out, j = append(out, r), k
	}
	return out, j
}

// deadlineCue returns the index of the first token of the words that make the days at
// token i a deadline, or -1.
func (p *proseParser) deadlineCue(i int) int {
	k := i
	if !p.word(k, "le") && p.word(k-1, "le") {
		k--
	}
	w := func(j int, words ...string) bool { return j >= 0 && p.word(j, words...) }
	apos := func(j int) bool { return j >= 0 && p.mark(j, "'", "’") }
	switch {
	case w(k-1, "avant"):
		return k - 1
	case w(k-1, "au", "a") && apos(k-2) && w(k-3, "jusqu"): // jusqu'au, jusqu'à
		return k - 3
	case w(k-1, "tard") && w(k-2, "plus") && w(k-3, "au"): // au plus tard le
		return k - 3
	case w(k-1, "ici") && apos(k-2) && w(k-3, "d"): // d'ici le
		return k - 3
	}
	// "date limite : …", "date limite d'inscription : …"
	for j := k - 1; j >= 0 && j >= k-5; j-- {
		if w(j, "limite") {
			if w(j-1, "date") {
				return j - 1
			}
			return j
		}
	}
	return -1
}

// FindDates returns the days, ranges of days and deadlines written in text, in order.
// ref is the reference for years left out (the meeting's day; zero: such dates are
// not read); the Values are days in loc (nil means UTC).
func FindDates(text string, ref time.Time, loc *time.Location) []Mention {
	if loc == nil {
		loc = time.UTC
	}
	p := &proseParser{text: text, toks: tokenize(text), ref: ref, loc: loc}
	var out []Mention
	for i := 0; i < len(p.toks); {
		m, next, ok := p.days(i)
		if !ok {
			i++
			continue
		}
		m.Times, next = p.times(next, m.First)
		start := i
		if c := p.deadlineCue(i); c >= 0 {
			m.Deadline = true
			end := i
			if p.word(i, "le") {
				end = i + 1
			}
			m.Cue = strings.TrimSpace(text[p.toks[c].pos:p.toks[end].pos])
			start = c
		}
		m.Offset, m.Text = p.toks[start].pos, text[p.toks[start].pos:p.toks[next-1].end]
		out = append(out, m)
		i = next
	}
	return out
}

// FindTimes returns the times written as ranges ("de 9h à 12h", "entre 14 h et 17 h")
// anywhere in text, in order.
func FindTimes(text string) []ClockRange {
	p := &proseParser{text: text, toks: tokenize(text), loc: time.UTC}
	var out []ClockRange
	for i := 0; i < len(p.toks); i++ {
		if r, next, ok := p.clockRange(i, Value{}); ok {
			out = append(out, r)
			i = next - 1
		}
	}
	return out
}

// ParseProse reads text that is only a date, as FormatEvent writes it or as a relevé
// heads an agenda item ("Jeudi 7 et vendredi 8 octobre 2021", "02/12/2021",
// "mardi 16 novembre 2021 à 10 h 30", "mardi 19 octobre 2021, de 9 h à 12 h et de 14 h
// à 17 h", several days' slots separated by " ; "). It returns the start, the end (the
// zero Value when there is none) and the slots, in the convention of FormatEvent, and
// the problems seen (a weekday that does not match its date). ok is false when text
// holds anything but a date.
func ParseProse(text string, ref time.Time, loc *time.Location) (start, end Value, slots []Slot, problems []string, ok bool) {
	groups := strings.Split(text, " ; ")
	for gi, g := range groups {
		g = strings.TrimRight(strings.TrimSpace(g), ".")
		ms := FindDates(g, ref, loc)
		if len(ms) != 1 || ms[0].Deadline || strings.TrimSpace(g[:ms[0].Offset]) != "" || strings.TrimSpace(g[ms[0].Offset+len(ms[0].Text):]) != "" {
			return Value{}, Value{}, nil, nil, false
		}
		m := ms[0]
		problems = append(problems, m.Problems...)
		if len(groups) > 1 {
			// Several days' slots: each group is one day with its ranges.
			if m.Last != m.First || len(m.Times) == 0 {
				return Value{}, Value{}, nil, nil, false
			}
			for _, r := range m.Times {
				slots = append(slots, m.slot(r, loc))
			}
			if gi == 0 {
				start = slots[0].Start
			}
			continue
		}
		switch {
		case len(m.Times) == 0:
			start = m.First
			if m.Last != m.First {
				end = m.Last
			}
		case m.Last != m.First:
			return Value{}, Value{}, nil, nil, false
		case len(m.Times) == 1:
			r := m.Times[0]
			s := m.slot(r, loc)
			start, end = s.Start, s.End
			if !r.HasTo && !r.ToDay.IsZero() {
				end = r.ToDay // "à 20 h – dimanche 31 octobre": a last day, no time
			}
		default:
			for _, r := range m.Times {
				slots = append(slots, m.slot(r, loc))
			}
			start = slots[0].Start
		}
	}
	return start, end, slots, problems, true
}

// slot returns r on the first day of m as a Slot.
func (m Mention) slot(r ClockRange, loc *time.Location) Slot {
	at := func(day Value, c Clock) Value {
		y, mo, d := day.t.Date()
		ts := candidates(y, mo, d, c.Hour, c.Min, 0, loc)
		if len(ts) == 0 {
			return Value{t: time.Date(y, mo, d, c.Hour, c.Min, 0, 0, loc)}
		}
		return Value{t: ts[0]}
	}
	s := Slot{Start: at(m.First, r.From)}
	if r.HasTo {
		day := m.First
		if !r.ToDay.IsZero() {
			day = r.ToDay
		}
		s.End = at(day, r.To)
	}
	return s
}

// Slot returns the range r on day as a Slot of times in loc.
func (r ClockRange) Slot(day Value, loc *time.Location) Slot {
	return Mention{First: day}.slot(r, loc)
}
