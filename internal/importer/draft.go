package importer

import (
	"fmt"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"relais/internal/date"
	"relais/internal/markdown"
)

// draftFile is a content file being written, with the points to check in it.
type draftFile struct {
	path   string // relative to the site root: "content/events/2021/x.md"
	lines  []string
	points []point
	kind   string // minutes, news, events, partners
}

type point struct {
	line int
	msg  string
}

func (f *draftFile) add(s string) int {
	f.lines = append(f.lines, s)
	return len(f.lines)
}

// key writes `key: "value"`, with a comment saying where the value comes from.
func (f *draftFile) key(indent, k, v, comment string) int {
	s := indent + k + ": " + strconv.Quote(v)
	if comment != "" {
		s += "  # " + comment
	}
	return f.add(s)
}

func (f *draftFile) point(line int, format string, args ...any) {
	f.points = append(f.points, point{line, fmt.Sprintf(format, args...)})
}

func (f *draftFile) bytes() []byte { return []byte(strings.Join(f.lines, "\n") + "\n") }

// source quotes words of the relevé for a YAML comment: « words », on one line, cut at
// a word when long.
func source(words string) string {
	w := strings.Join(strings.Fields(words), " ")
	if len([]rune(w)) > 80 {
		w = cutAtWord(w, 80) + "…"
	}
	return "« " + w + " »"
}

// drafter turns a relevé into draft files.
type drafter struct {
	r         *releve
	loc       *time.Location
	slugs     map[string]map[string]bool // section → slugs already used
	files     []*draftFile
	minutesID string

	sitePartners []partnerInfo
	newPartners  map[string]string // folded label → slug of the draft partner made for it
}

// unique returns slug, or slug-2, slug-3… when the section already has it.
func (d *drafter) unique(section, slug string) string {
	used := d.slugs[section]
	if used == nil {
		used = map[string]bool{}
		d.slugs[section] = used
	}
	s := slug
	for n := 2; used[s]; n++ {
		s = slug + "-" + strconv.Itoa(n)
	}
	used[s] = true
	return s
}

// slugify makes a file name from a title: Slugify's, at most 60 characters, cut at a dash.
func slugify(title string) string {
	s := markdown.Slugify(title)
	if len(s) > 60 {
		s = s[:60]
		if i := strings.LastIndexByte(s, '-'); i > 20 {
			s = s[:i]
		}
		// Not "…-a-faciliter-l": a word of one or two letters does not end a name.
		for i := strings.LastIndexByte(s, '-'); i > 20 && len(s)-i <= 3; i = strings.LastIndexByte(s, '-') {
			s = s[:i]
		}
	}
	if s == "" {
		s = "sans-titre"
	}
	return s
}

// draft writes every file of the relevé.
func (d *drafter) draft() {
	r := d.r
	day := r.meeting.String()
	d.minutesID = d.unique("minutes", day)

	// The minutes: the sections that are neither news nor agenda.
	m := &draftFile{path: "content/minutes/" + d.minutesID + ".md", kind: "minutes"}
	m.add("---")
	title, why := sentenceCase(r.title), source(r.title)
	if title == "" {
		title, why = "Relevé de décisions du "+date.FormatDay(r.meeting.Time()), "pas de titre dans le relevé"
	}
	m.key("", "title", title, why)
	dateComment := source(r.dateText)
	if r.dateText == "" {
		dateComment = "« --meeting »"
	}
	m.key("", "date", day, dateComment)
	m.add("draft: true")
	m.add("---")
	for _, s := range r.sections {
		if len(s.blocks) == 0 && s.title == "" {
			continue
		}
		if s.title != "" {
			m.add("")
			m.add("## " + escapeLine(sentenceCase(s.title)))
		}
		d.body(m, s.blocks)
	}
	d.files = append(d.files, m)

	for _, n := range r.news {
		d.news(n)
	}
	for _, e := range r.events {
		d.event(e)
	}
	if r.next != nil {
		d.nextMeeting(r.next)
	}
}

// news writes one partner's news item.
func (d *drafter) news(n *newsItem) {
	if n.partner.isNew {
		d.partner(n)
	}
	slug := d.unique("news", d.r.meeting.String()+"-"+n.partner.slug)
	f := &draftFile{path: "content/news/" + slug + ".md", kind: "news"}
	f.add("---")
	var text string
	if len(n.blocks) > 0 {
		text = n.blocks[0].Flat()
	}
	title := date.Capitalize(firstSentence(text))
	if title == "" {
		title = n.label
	}
	tl := f.key("", "title", title, "première phrase du paragraphe")
	if strings.HasSuffix(title, "…") {
		f.point(tl, "title cut at a word from the paragraph's first sentence: shorten it")
	}
	f.key("", "date", d.r.meeting.String(), "date de la réunion")
	pl := f.key("", "partner", n.partner.slug, source(n.label+" :"))
	if n.partner.isNew {
		f.point(pl, "new partner %q: no partner of the site matches the label %q (a draft partner file was made)", n.partner.slug, n.label)
	}
	f.key("", "minutes", d.minutesID, "")
	f.add("draft: true")
	f.add("---")
	d.body(f, n.blocks)
	d.files = append(d.files, f)
}

// partner writes a draft partner for a label that matches none of the site's, once
// for all the paragraphs with that label.
func (d *drafter) partner(n *newsItem) {
	key := foldKey(n.label)
	if slug, ok := d.newPartners[key]; ok {
		n.partner.slug = slug
		return
	}
	if d.newPartners == nil {
		d.newPartners = map[string]string{}
	}
	slug := d.unique("partners", n.partner.slug)
	n.partner.slug = slug
	d.newPartners[key] = slug
	f := &draftFile{path: "content/partners/" + slug + ".md", kind: "partners"}
	f.add("---")
	l := f.key("", "title", n.label, source(n.label+" :"))
	f.point(l, "new partner: check its name and describe it, or use the slug of an existing partner in the news item")
	f.add("draft: true")
	f.add("---")
	d.files = append(d.files, f)
}

var (
	organizedBy = regexp.MustCompile(`(?i)\borganis[ée]e?s?\s+par\s+(?:le |la |les |l['’]\s*)?([^,.;:!?()«»]+)`)
	// "Le lycée Val de Cher à Saint-Aignan organise …"
	placeOrganises = regexp.MustCompile(`(?:^|[.!?]\s+)(?:Le|La|L['’])\s*(\p{L}[^,.;:]*?)\s+à\s+(\p{Lu}[\p{L}\-']+(?:[ -]\p{Lu}[\p{L}\-']+)*)\s+(?:organise|accueille|propose|invite)\b`)
	// "Le CIO 41 organise …", "Cap emploi propose …"
	partnerOrganises = regexp.MustCompile(`(?:^|[.!?:]\s+)(?:Le |La |Les |L['’]\s*)?([^.!?:,;]{2,60}?)\s+(?:organise|organisent|co-organise|propose|proposent|anime|animent)\b`)
	// after the item's date: "à la cité de l'innovation à Chartres"
	placeAfterDate = regexp.MustCompile(`^\s*,?\s*(?:à|au|aux)\s+((?:la |le |les |l['’])?[^,.;:!?()]+)`)
	// in a title: "sur le Controis en Sologne"
	placeInTitle = regexp.MustCompile(`\b(?:sur|à|au)\s+((?:le |la |l['’])\s*\p{Lu}[^,.;:!?()]*)`)
	// an address that is text, not a link: "www.hacktonorientation.fr"
	bareWWW = regexp.MustCompile(`\bwww\.[\w\-.]+\.[a-z]{2,}\S*`)
)

// event writes one agenda item.
func (d *drafter) event(e *eventItem) {
	title := e.title
	if title == "" {
		title = "Évènement du " + date.FormatDay(e.start.Time())
	}
	slug := d.unique("events", slugify(title))
	f := &draftFile{path: path.Join("content/events", strconv.Itoa(e.start.Time().Year()), slug+".md"), kind: "events"}
	f.add("---")
	tl := f.key("", "title", title, "")
	switch {
	case e.title == "":
		f.point(tl, "no title after the date %q: write one", e.heading)
	case e.titleCut:
		f.point(tl, "title cut from a longer line (kept in the text): check it")
	}
	body := blocksText(e.blocks)
	start, end, slots := e.start, e.end, e.slots
	startComment := source(e.heading)
	var timesFrom string
	// The body may give the times: "le mardi 16 novembre 2021 à 10 h 30".
	if start.IsDay() && end.IsZero() && len(slots) == 0 {
		for _, m := range date.FindDates(body, e.start.Time(), d.loc) {
			if m.First == e.start && len(m.Times) > 0 {
				if len(m.Times) == 1 && !m.Times[0].HasTo {
					start, timesFrom = m.Times[0].Slot(e.start, d.loc).Start, m.Text
				} else {
					for _, t := range m.Times {
						slots = append(slots, t.Slot(e.start, d.loc))
					}
					timesFrom = m.Text
				}
				break
			}
		}
	}
	if start.IsDay() && end.IsZero() && len(slots) == 0 {
		var texts []string
		for _, t := range date.FindTimes(body) {
			if t.ToDay.IsZero() {
				slots = append(slots, t.Slot(e.start, d.loc))
				texts = append(texts, t.Text)
			}
		}
		timesFrom = strings.Join(texts, " … ")
	}
	if timesFrom == "" {
		timesFrom = e.heading
	}
	// The contract's slots have both ends, the end after the start.
	var dropped []string
	slots = slices.DeleteFunc(slots, func(s date.Slot) bool {
		bad := s.End.IsZero() || !s.End.Time().After(s.Start.Time())
		if bad {
			dropped = append(dropped, date.FormatValue(s.Start))
		}
		return bad
	})
	if len(slots) > 0 {
		start = date.Day(slots[0].Start.Time())
		if last := date.Day(slots[len(slots)-1].End.Time()); last != start && (end.IsZero() || last.Time().After(end.Time())) {
			end = last
		}
	}
	if !end.IsZero() && end.IsDay() != start.IsDay() {
		dropped = append(dropped, "end "+date.FormatValue(end))
		end = date.Value{}
	}
	if e.yearInferred {
		startComment += " : année déduite de la réunion"
	}
	sl := f.key("", "start", start.String(), startComment)
	if e.yearInferred {
		f.point(sl, "year of %q inferred from the meeting date", e.heading)
	}
	for _, p := range e.problems {
		f.point(sl, "wrong weekday, the date was kept as written: %s", p)
	}
	if !start.IsDay() && timesFrom != e.heading {
		f.lines[sl-1] += " ; heure : " + source(timesFrom)
	}
	if len(dropped) > 0 {
		f.point(sl, "times not read from %s (%s): no end, or an end before the start; write them", source(timesFrom), strings.Join(dropped, ", "))
	}
	if !end.IsZero() {
		f.key("", "end", end.String(), source(e.heading))
	}
	if len(slots) > 0 {
		f.add("slots:  # " + source(timesFrom))
		for _, s := range slots {
			if s.End.IsZero() {
				f.add(fmt.Sprintf("  - {start: %q}", s.Start.String()))
			} else {
				f.add(fmt.Sprintf("  - {start: %q, end: %q}", s.Start.String(), s.End.String()))
			}
		}
	}

	// Where and who.
	var location, locWords, organizer, orgWords string
	unsure := false
	if m := placeOrganises.FindStringSubmatch(body); m != nil {
		organizer = date.Capitalize(m[1])
		location, locWords, orgWords = organizer+", "+m[2], m[0], m[0]
	}
	if location == "" {
		for _, m := range date.FindDates(body, e.start.Time(), d.loc) {
			if m.First != e.start {
				continue
			}
			if p := placeAfterDate.FindStringSubmatch(body[m.Offset+len(m.Text):]); p != nil {
				location, locWords = placeName(p[1]), p[0]
				break
			}
		}
	}
	if location == "" {
		if p := placeInTitle.FindStringSubmatch(title); p != nil {
			location, locWords, unsure = placeName(p[1]), p[0], true
		}
	}
	if location != "" {
		l := f.key("", "location", location, source(strings.TrimSpace(locWords)))
		if unsure {
			f.point(l, "location guessed from %s: check it", source(strings.TrimSpace(locWords)))
		}
	}
	if m := organizedBy.FindStringSubmatch(title + ". " + body); m != nil {
		organizer, orgWords = strings.TrimSpace(m[1]), m[0]
	} else if organizer == "" {
		// "Le CIO 41 organise …": a partner named before the verb.
		for _, m := range partnerOrganises.FindAllStringSubmatch(title+". "+body, -1) {
			if p, ok := matchPartner(m[1], d.sitePartners); ok {
				organizer, orgWords = p.slug, strings.TrimLeft(m[0], ".!?: \n")
				break
			}
		}
	}
	if organizer != "" {
		if p, ok := matchPartner(organizer, d.sitePartners); ok {
			organizer = p.slug
		}
		f.key("", "organizer", organizer, source(orgWords))
	}

	// Registration: the link of the first paragraph that speaks of signing up.
	d.registration(f, e)
	f.key("", "minutes", d.minutesID, "")
	f.add("draft: true")
	f.add("---")
	d.body(f, e.blocks)
	d.files = append(d.files, f)
}

// isWebAddress tells a link the contract takes as a registration address:
// http or https with a host ("https://x.fr@/a", cut oddly from a mail, has none).
func isWebAddress(link string) bool {
	u, err := url.Parse(link)
	return err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != ""
}

// registration writes the registration of an event, read from its text.
func (d *drafter) registration(f *draftFile, e *eventItem) {
	var url, urlWords string
	var guess bool
	var deadline *date.Mention
	for _, b := range e.blocks {
		text := b.Flat()
		k := foldKey(text)
		if url == "" && strings.Contains(k, "inscri") {
			var links []string
			for _, r := range b.Runs {
				if isWebAddress(r.Link) {
					links = append(links, r.Link)
				}
			}
			if len(links) > 0 {
				url, urlWords = links[len(links)-1], text
				guess = len(links)+len(bareWWW.FindAllString(text, -1)) > 1
			}
		}
		if deadline == nil {
			for _, m := range date.FindDates(text, d.r.meeting.Time(), d.loc) {
				if m.Deadline {
					deadline = &m
					break
				}
			}
		}
	}
	if url == "" && deadline == nil {
		return
	}
	if url == "" {
		// The contract's registration needs its link: a deadline alone stays
		// a comment, for the editor to complete, so that the draft loads.
		f.add("# registration:")
		dl := f.add(`#   url: ""  # lien d'inscription absent du relevé`)
		f.add("#   deadline: " + strconv.Quote(deadline.First.String()) + "  # " + source(deadline.Text))
		f.point(dl, "registration deadline %s found without a registration link: add the link, or leave the deadline out", source(deadline.Text))
		return
	}
	f.add("registration:")
	if url != "" {
		ul := f.key("  ", "url", url, source(cutAround(urlWords, "inscri")))
		if guess {
			f.point(ul, "registration link chosen among several addresses of %s: check it", source(cutAround(urlWords, "inscri")))
		}
	}
	if deadline != nil {
		why := source(deadline.Text) + " : dernier jour d'inscription"
		if deadline.YearInferred {
			why += " ; année déduite de la réunion"
		}
		dl := f.key("  ", "deadline", deadline.First.String(), why)
		if strings.HasPrefix(foldKey(deadline.Cue), "avant") {
			f.point(dl, "deadline %s read as %s, the day written, taken as the last day to register: check that it is included", source(deadline.Text), deadline.First)
		}
		if deadline.YearInferred {
			f.point(dl, "deadline year inferred from the meeting date")
		}
		for _, p := range deadline.Problems {
			f.point(dl, "wrong weekday, the date was kept as written: %s", p)
		}
	}
}

// agendaOf finds the agenda of a meeting: "ordre du jour : la programmation 2022".
var agendaOf = regexp.MustCompile(`(?i)ordre du jour\s*:\s*([^\n]+)`)

// nextMeeting writes the event of the next meeting.
func (d *drafter) nextMeeting(n *nextMeeting) {
	m := n.mention
	slug := d.unique("events", "reunion-"+m.First.String())
	f := &draftFile{path: path.Join("content/events", strconv.Itoa(m.First.Time().Year()), slug+".md"), kind: "events"}
	f.add("---")
	text := blocksText(n.blocks)
	title := "Réunion"
	if r := sentenceCase(d.r.title); r != "" {
		title = r
	}
	if a := agendaOf.FindStringSubmatch(text); a != nil {
		title += " : " + strings.TrimSpace(firstSentence(a[1]))
	}
	f.key("", "title", title, "")
	start := m.First
	if len(m.Times) > 0 {
		start = m.Times[0].Slot(m.First, d.loc).Start
	}
	sl := f.key("", "start", start.String(), source(m.Text))
	if m.YearInferred {
		f.point(sl, "year of %s inferred from the meeting date", source(m.Text))
	}
	for _, p := range m.Problems {
		f.point(sl, "wrong weekday, the date was kept as written: %s", p)
	}
	k := foldKey(text)
	remote := strings.Contains(k, "a distance") || strings.Contains(k, "visio") || strings.Contains(k, "en ligne")
	if remote {
		f.key("", "location", "À distance", source("à distance"))
	}
	// The meeting link is the minutes' to leave out; here it is said once, on online:.
	blocks := slices.Clone(n.blocks)
	linkDropped := false
	for i := range blocks {
		if contains(blocks[i].notes, notCopiedMeeting) {
			linkDropped = true
			blocks[i].notes = slices.DeleteFunc(slices.Clone(blocks[i].notes), func(s string) bool { return s == notCopiedMeeting })
		}
	}
	if linkDropped {
		l := f.add(`# online: ""  # lien de la réunion non copié : il porte son code secret`)
		f.point(l, "online meeting: its link, ID and passcode were not copied; add online: with the link without its passcode if the meeting is public")
	}
	f.key("", "minutes", d.minutesID, "")
	f.add("draft: true")
	f.add("---")
	d.body(f, blocks)
	d.files = append(d.files, f)
}

// body writes blocks as Markdown, with the points their notes make.
func (d *drafter) body(f *draftFile, blocks []Block) {
	n := 0 // number of the current numbered-list item
	for i, b := range blocks {
		text := inline(b.Runs)
		if text == "" {
			continue
		}
		if b.Kind != ListItem || i == 0 || blocks[i-1].Kind != ListItem {
			f.add("")
		}
		switch b.Kind {
		case Heading:
			n = 0
			level := min(max(b.Level+1, 3), 6)
			text = strings.Repeat("#", level) + " " + text
		case ListItem:
			text = strings.TrimLeft(listLine.ReplaceAllString(text, "$2"), " ")
			if b.Ordered {
				n++
				text = strconv.Itoa(n) + ". " + text
			} else {
				text = "- " + text
			}
			text = strings.Repeat("   ", max(b.Level-1, 0)) + text
		default:
			n = 0
			text = escapeLine(text)
		}
		l := f.add(text)
		for _, note := range b.notes {
			f.point(l, "%s", note)
		}
		if ns := names(b.Flat()); len(ns) > 0 {
			var q []string
			for _, s := range ns {
				q = append(q, strconv.Quote(s))
			}
			f.point(l, "personal names kept as written, publishing them is your decision: %s", strings.Join(q, ", "))
		}
	}
}

// blocksText returns the text of blocks, one line each.
func blocksText(blocks []Block) string {
	var s []string
	for _, b := range blocks {
		s = append(s, b.Flat())
	}
	return strings.Join(s, "\n")
}

// inline writes runs as Markdown on one line.
func inline(runs []Run) string {
	var b strings.Builder
	for _, r := range runs {
		switch {
		case r.Text == "\n":
			b.WriteByte(' ')
		case r.Link != "":
			label := strings.TrimSpace(r.Text)
			if label == r.Link || label == "" {
				b.WriteString("<" + r.Link + ">")
			} else {
				dest := r.Link
				if strings.ContainsAny(dest, " ()<>") {
					dest = "<" + strings.NewReplacer("<", "%3C", ">", "%3E", " ", "%20").Replace(dest) + ">"
				}
				b.WriteString("[" + escape(label) + "](" + dest + ")")
			}
		case r.Bold && strings.TrimSpace(r.Text) != "":
			lead := r.Text[:len(r.Text)-len(strings.TrimLeft(r.Text, " "))]
			trail := r.Text[len(strings.TrimRight(r.Text, " ")):]
			b.WriteString(lead + "**" + escape(strings.TrimSpace(r.Text)) + "**" + trail)
		default:
			b.WriteString(escape(r.Text))
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

var (
	mdSpecial = strings.NewReplacer(`\`, `\\`, "*", `\*`, "_", `\_`, "`", "\\`", "[", `\[`, "]", `\]`, "<", `\<`, ">", `\>`)
	entity    = regexp.MustCompile(`&(#?[0-9A-Za-z]+;)`)
)

// escape keeps text from reading as Markdown: emphasis, links, HTML and entities.
func escape(s string) string { return entity.ReplaceAllString(mdSpecial.Replace(s), `\&$1`) }

var blockStart = regexp.MustCompile(`^(\d{1,9})([.)])(\s|$)`)

// escapeLine keeps a paragraph from reading as a heading, a list or a quote.
func escapeLine(s string) string {
	if m := blockStart.FindStringSubmatchIndex(s); m != nil {
		return s[:m[4]] + `\` + s[m[4]:]
	}
	if s != "" && strings.ContainsRune("#>-+=~", rune(s[0])) {
		return `\` + s
	}
	return s
}

var sentenceEnd = regexp.MustCompile(`[.!?]\s+`)

// cutAround returns the sentence of text that holds word (folded), for a comment.
func cutAround(text, word string) string {
	for _, s := range sentenceEnd.Split(text, -1) {
		if strings.Contains(foldKey(s), word) {
			return s
		}
	}
	return text
}

// placeName writes a place as a location: "la cité de l'innovation à Chartres" gives
// "Cité de l'innovation, Chartres".
func placeName(s string) string {
	s = strings.TrimSpace(s)
	for _, art := range []string{"la ", "le ", "les ", "l'", "l’"} {
		if strings.HasPrefix(s, art) && len(s) > len(art) && unicode.IsLower(firstRune(s[len(art):])) {
			s = s[len(art):]
			break
		}
	}
	s = strings.Replace(s, " à ", ", ", 1)
	return date.Capitalize(strings.TrimSpace(s))
}

// accented gives their accents back to words of titles written in capitals, where
// Word and mail clients leave them out ("REUNION DEPARTEMENTALE").
var accented = map[string]string{
	"reunion": "réunion", "reunions": "réunions", "departementale": "départementale", "departemental": "départemental",
	"actualites": "actualités", "actualite": "actualité", "evaluation": "évaluation", "evenements": "évènements",
	"evenement": "évènement", "releve": "relevé", "decision": "décision", "decisions": "décisions",
	"regional": "régional", "regionale": "régionale", "activites": "activités", "activite": "activité",
	"presentation": "présentation", "elaboration": "élaboration", "strategie": "stratégie", "operation": "opération",
	"equipe": "équipe", "developpement": "développement", "metiers": "métiers", "metier": "métier",
	"interet": "intérêt", "sante": "santé", "prevention": "prévention", "prevu": "prévu", "bilan": "bilan",
}

// sentenceCase writes a title in capitals as a sentence: words of capitals in lower
// case (with their accents when known), acronyms of up to four letters kept.
func sentenceCase(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	var out []string
	for _, w := range strings.Fields(s) {
		out = append(out, lowerWord(w))
	}
	return date.Capitalize(strings.Join(out, " "))
}

// lowerWord lowers a word in capitals, keeping acronyms; "L’EVALUATION" gives
// "l’évaluation".
func lowerWord(w string) string {
	for _, apos := range []string{"’", "'"} {
		if a, b, ok := strings.Cut(w, apos); ok && len([]rune(a)) == 1 {
			return strings.ToLower(a) + apos + lowerWord(b)
		}
	}
	letters, upper := 0, 0
	for _, r := range w {
		if unicode.IsLetter(r) {
			letters++
			if unicode.IsUpper(r) {
				upper++
			}
		}
	}
	if letters == 0 || upper != letters {
		return w
	}
	k := foldKey(w)
	if a, ok := accented[k]; ok {
		return a + strings.TrimLeftFunc(w, func(r rune) bool { return unicode.IsLetter(r) })
	}
	if letters <= 4 && !stopWords[k] && !shortWords[k] {
		return w // an acronym: SPRO, CEP, CIO
	}
	return strings.ToLower(w)
}

var shortWords = map[string]bool{"en": true, "au": true, "aux": true, "un": true, "une": true, "sur": true, "pour": true,
	"par": true, "avec": true, "dans": true, "ou": true, "a": true, "vie": true, "mise": true, "jour": true, "plan": true}
