package importer

import (
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"relais/internal/date"
)

// releve is a relevé cut into its parts.
type releve struct {
	title     string // the header's first line, as written
	titleLine int
	meeting   date.Value // the meeting's day
	dateText  string     // the words it was read from
	dateLine  int
	news      []*newsItem
	events    []*eventItem
	sections  []*section // the other sections, for the minutes
	next      *nextMeeting
}

// partnerRef is the partner a paragraph's label names.
type partnerRef struct {
	slug, title string
	isNew       bool // no partner of the site matches: a draft partner is made
}

type newsItem struct {
	label   string // as written
	line    int
	partner partnerRef
	blocks  []Block // the label is cut from the first
}

type eventItem struct {
	line         int
	heading      string // the date line, as written
	start, end   date.Value
	slots        []date.Slot
	problems     []string
	yearInferred bool
	title        string // as written, on one line
	titleCut     bool   // the title line was longer than a title: it is kept in the body
	blocks       []Block
}

type section struct {
	title  string // as written, without its number
	line   int
	blocks []Block
}

type nextMeeting struct {
	mention date.Mention
	line    int
	blocks  []Block
}

// partnerInfo is a partner of the site, for matching labels.
type partnerInfo struct {
	slug, title, short string
}

// segment cuts blocks into a relevé. meeting is the --meeting day, or zero to read it
// from the header.
func segment(blocks []Block, partners []partnerInfo, meeting date.Value, loc *time.Location) *releve {
	r := &releve{meeting: meeting}
	i := 0
	// The header: network, "Relevé de décision(s)", the meeting's day.
	for ; i < len(blocks); i++ {
		b := &blocks[i]
		text := b.Flat()
		if isSectionHeading(b) && (!r.meeting.IsZero() || numbered.MatchString(text)) {
			break
		}
		if r.dateText == "" {
			if start, _, _, _, ok := date.ParseProse(text, time.Time{}, loc); ok && start.IsDay() {
				if r.meeting.IsZero() {
					r.meeting = start
				}
				r.dateText, r.dateLine = text, b.Line
				continue
			}
		}
		if r.dateText == "" {
			// "Relevé de décisions du 23 septembre 2021": the day inside a line.
			for _, m := range date.FindDates(text, time.Time{}, loc) {
				if !m.Deadline && m.First == m.Last {
					if r.meeting.IsZero() {
						r.meeting = m.First
					}
					r.dateText, r.dateLine = m.Text, b.Line
					break
				}
			}
		}
		if strings.HasPrefix(foldKey(text), "releve de") || r.title != "" {
			continue
		}
		r.title, r.titleLine = text, b.Line
	}
	ref := r.meeting.Time()
	var cur, nextIn *section // nextIn: the section that announces the next meeting
	nextFrom := 0
	kind := ""
	for ; i < len(blocks); i++ {
		b := blocks[i]
		if isSectionHeading(&b) {
			title := strings.TrimSpace(numbered.ReplaceAllString(b.Flat(), ""))
			cur = &section{title: title, line: b.Line}
			switch k := foldKey(title); {
			case strings.Contains(k, "actualit"):
				kind = "news"
			case strings.Contains(k, "agenda") || strings.Contains(k, "evenement") || strings.Contains(k, "a venir"):
				kind = "agenda"
			default:
				kind = "minutes"
				r.sections = append(r.sections, cur)
			}
			continue
		}
		switch kind {
		case "news":
			if parts := splitAtLabels(b, partners); len(parts) > 1 {
				// Partners' paragraphs without a blank line between them: read each.
				blocks = slices.Insert(slices.Delete(blocks, i, i+1), i, parts...)
				b = blocks[i]
			}
			if label, rest, ok := cutLabel(b); ok {
				if p, ok := matchPartner(label, partners); ok || !notPartner(label) {
					if !ok {
						p = partnerRef{slug: slugify(label), title: label, isNew: true}
					}
					item := &newsItem{label: label, line: b.Line, partner: p}
					if rest != nil {
						item.blocks = append(item.blocks, *rest)
					}
					r.news = append(r.news, item)
					continue
				}
			}
			if n := len(r.news); n > 0 {
				r.news[n-1].blocks = append(r.news[n-1].blocks, b)
			} else {
				r.orphan(cur, b)
			}
		case "agenda":
			first, rest := b.splitFirstLine()
			if start, end, slots, problems, ok := date.ParseProse(first, ref, loc); ok {
				ev := &eventItem{line: b.Line, heading: first, start: start, end: end, slots: slots, problems: problems,
					yearInferred: !ref.IsZero() && !hasYear(first)}
				var titleBlock *Block
				if rest != nil {
					titleBlock = rest
				} else if i+1 < len(blocks) && !isSectionHeading(&blocks[i+1]) {
					i++
					titleBlock = &blocks[i]
				}
				if titleBlock != nil {
					ev.title = titleBlock.Flat()
					if t, cut := shortTitle(ev.title); cut {
						ev.title, ev.titleCut = t, true
						ev.blocks = append(ev.blocks, *titleBlock)
					}
				}
				r.events = append(r.events, ev)
				continue
			}
			if n := len(r.events); n > 0 {
				r.events[n-1].blocks = append(r.events[n-1].blocks, b)
			} else {
				r.orphan(cur, b)
			}
		default:
			if cur == nil {
				cur = &section{line: b.Line}
				r.sections = append(r.sections, cur)
			}
			cur.blocks = append(cur.blocks, b)
			k := foldKey(b.Flat())
			if r.next == nil && (strings.Contains(k, "prochaine reunion") || strings.Contains(k, "prochaine seance") || strings.Contains(k, "prochaine rencontre")) {
				if ms := date.FindDates(b.Flat(), ref, loc); len(ms) > 0 {
					r.next = &nextMeeting{mention: ms[0], line: b.Line}
					nextIn, nextFrom = cur, len(cur.blocks)-1
				}
			}
		}
	}
	if r.next != nil {
		// The next meeting is told by the rest of its section (its link, its agenda).
		r.next.blocks = nextIn.blocks[nextFrom:]
	}
	return r
}

// orphan keeps a block that belongs to no item in the minutes, under its section's title.
func (r *releve) orphan(s *section, b Block) {
	if s == nil {
		s = &section{line: b.Line}
	}
	for _, x := range r.sections {
		if x == s {
			s.blocks = append(s.blocks, b)
			return
		}
	}
	s.blocks = append(s.blocks, b)
	r.sections = append(r.sections, s)
}

var numbered = regexp.MustCompile(`^\s*\d{1,2}\s*\)\s*`)

// isSectionHeading reports whether b heads a section: a heading, or a numbered line in
// capitals ("1) ACTUALITES DES PARTENAIRES") that a reader left as a paragraph.
func isSectionHeading(b *Block) bool {
	if b.Kind == Heading && b.Level <= 2 {
		return true
	}
	t := b.Flat()
	return numbered.MatchString(t) && isUpperWord(numbered.ReplaceAllString(t, "")) && !strings.Contains(b.Text(), "\n")
}

var yearRE = regexp.MustCompile(`\b\d{4}\b`)

// hasYear reports whether a date as written gives its year.
func hasYear(s string) bool { return yearRE.MatchString(s) }

var labelRE = regexp.MustCompile(`^\s*([^:«»"“”()\n]{2,60}?)\s*:\s*`)

// cutLabel reads the "Label :" that starts a partner paragraph (a bold run, or text
// before a colon) and returns the label and the block without it.
func cutLabel(b Block) (string, *Block, bool) {
	text := b.Text()
	m := labelRE.FindStringSubmatchIndex(text)
	if m == nil {
		return "", nil, false
	}
	label := strings.TrimSpace(text[m[2]:m[3]])
	r := firstRune(label)
	if !unicode.IsUpper(r) && !unicode.IsDigit(r) || len(strings.Fields(label)) > 7 || strings.HasSuffix(label, ".") {
		return "", nil, false
	}
	if strings.HasPrefix(text[m[1]:], "//") { // "https://…"
		return "", nil, false
	}
	rest := cutPrefix(b, m[1])
	if strings.TrimSpace(rest.Text()) == "" {
		return label, nil, true
	}
	return label, &rest, true
}

// splitAtLabels cuts b before each of its lines, after the first, that starts with the
// label of one of the site's partners.
func splitAtLabels(b Block, partners []partnerInfo) []Block {
	var parts []Block
	cur := Block{Kind: b.Kind, Level: b.Level, Ordered: b.Ordered, Line: b.Line, notes: b.notes}
	line := b.Line
	for i, r := range b.Runs {
		if r.Text == "\n" && i+1 < len(b.Runs) {
			next := Block{Kind: Paragraph, Line: line + 1, Runs: b.Runs[i+1:]}
			first, _ := next.splitFirstLine()
			if label, _, ok := cutLabel(Block{Runs: []Run{{Text: first}}}); ok {
				if _, ok := matchPartner(label, partners); ok {
					parts = append(parts, cur)
					cur = Block{Kind: Paragraph, Line: line + 1}
					line++
					continue
				}
			}
			line++
		}
		cur.Runs = append(cur.Runs, r)
	}
	return append(parts, cur)
}

// cutPrefix returns b without the first n bytes of its text.
func cutPrefix(b Block, n int) Block {
	out := b
	out.Runs = nil
	for _, r := range b.Runs {
		switch {
		case n >= len(r.Text):
			n -= len(r.Text)
		case n > 0:
			r.Text = r.Text[n:] // a link whose text was cut keeps its target
			n = 0
			out.Runs = append(out.Runs, r)
		default:
			out.Runs = append(out.Runs, r)
		}
	}
	if len(out.Runs) > 0 && out.Runs[0].Text == "\n" {
		out.Runs = out.Runs[1:]
	}
	return out
}

// notPartner are labels that start paragraphs without naming a partner.
var notPartner = func() func(string) bool {
	words := map[string]bool{}
	for _, w := range strings.Split("contact|contacts|objet|date|dates|lieu|lieux|horaire|horaires|inscription|inscriptions|"+
		"public|publics|tarif|tarifs|remarque|remarques|nb|note|notes|lien|liens|site|adresse|tel|telephone|mail|courriel|"+
		"email|e mail|ps|attention|rappel|programme|ordre du jour|participants|presents|excuses|absents|referent|referente|"+
		"source|sources|a noter|important|resume|conclusion|decision|decisions|action|actions|info|infos|"+
		"pour information|pour info|question|questions|reponse|suite|cible|objectif|objectifs|theme|duree|cout", "|") {
		words[w] = true
	}
	return func(label string) bool {
		k := foldKey(label)
		if words[k] {
			return true
		}
		// "Contact Mme Durand", "Date limite"
		first, _, _ := strings.Cut(k, " ")
		return words[first] && first != "info"
	}
}()

// stopWords are left out when labels and partner names are compared.
var stopWords = map[string]bool{"la": true, "le": true, "les": true, "l": true, "de": true, "des": true, "du": true, "d": true, "et": true}

// foldKey returns s in lower case, without accents, with every run of other characters
// than letters and digits as one space.
func foldKey(s string) string {
	var b strings.Builder
	space := false
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			// a combining accent: dropped, its letter was written
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			switch r = unicode.ToLower(r); r {
			case 'œ':
				b.WriteString("oe")
			case 'æ':
				b.WriteString("ae")
			default:
				b.WriteRune(r)
			}
		default:
			space = true
		}
	}
	return b.String()
}

// words returns the significant words of a name.
func words(s string) []string {
	var out []string
	for _, w := range strings.Fields(foldKey(s)) {
		if !stopWords[w] {
			out = append(out, w)
		}
	}
	return out
}

// matchPartner finds the partner a label names: by title, short name or slug, accents,
// case and articles ignored; else a partner whose title holds every word of the label
// ("La Chambre des Métiers" for "Chambre de métiers et de l'artisanat").
func matchPartner(label string, partners []partnerInfo) (partnerRef, bool) {
	lw := strings.Join(words(label), " ")
	if lw == "" {
		return partnerRef{}, false
	}
	for _, p := range partners {
		for _, name := range []string{p.title, p.short, strings.ReplaceAll(p.slug, "-", " ")} {
			if name != "" && strings.Join(words(name), " ") == lw {
				return partnerRef{slug: p.slug, title: p.title}, true
			}
		}
	}
	var found []partnerInfo
	for _, p := range partners {
		for _, name := range []string{p.title, p.short} {
			if name != "" && (subset(words(label), words(name)) && len(words(label)) >= 2 || subset(words(name), words(label)) && len(words(name)) >= 2) {
				found = append(found, p)
				break
			}
		}
	}
	if len(found) == 1 {
		return partnerRef{slug: found[0].slug, title: found[0].title}, true
	}
	return partnerRef{}, false
}

// subset reports whether every word of a is in b.
func subset(a, b []string) bool {
	for _, w := range a {
		found := false
		for _, x := range b {
			found = found || x == w
		}
		if !found {
			return false
		}
	}
	return len(a) > 0
}

// shortTitle returns a title of at most 120 characters: s, or s cut at its first comma
// or colon, else at a word with "…". cut reports whether s was shortened.
func shortTitle(s string) (string, bool) {
	s = strings.TrimSpace(s)
	const max = 120
	if len([]rune(s)) <= max {
		return strings.TrimRight(s, " ."), strings.HasSuffix(s, ".") && strings.Count(s, ".") > 1
	}
	for _, sep := range []string{". ", " : ", ", ", " – ", " - "} {
		if i := strings.Index(s, sep); i >= 20 && len([]rune(s[:i])) <= max {
			return strings.TrimSpace(s[:i]), true
		}
	}
	return cutAtWord(s, max) + "…", true
}

// cutAtWord returns the longest run of whole words of s within n characters.
func cutAtWord(s string, n int) string {
	rs := []rune(s)
	if len(rs) <= n {
		return s
	}
	cut := string(rs[:n])
	if i := strings.LastIndexByte(cut, ' '); i > 0 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,;:–-")
}

// firstSentence returns the first sentence of s, cut at a word when longer than a title.
func firstSentence(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	for i, r := range s {
		if (r == '.' || r == '!' || r == '?') && (i+1 == len(s) || s[i+1] == ' ') {
			// Not after an abbreviation such as "M." or "Mme." ("Cap emploi.").
			if j := strings.LastIndexByte(s[:i], ' '); j >= 0 && i-j <= 2 && unicode.IsUpper(firstRune(s[j+1:i])) {
				continue
			}
			s = s[:i]
			break
		}
	}
	if len([]rune(s)) > 90 {
		// At a comma or a colon when that leaves a title, else at a word.
		for _, sep := range []string{", ", " : ", " ; "} {
			if i := strings.Index(s, sep); i >= 30 && len([]rune(s[:i])) <= 90 {
				return s[:i]
			}
		}
		return cutAtWord(s, 90) + "…"
	}
	return s
}
