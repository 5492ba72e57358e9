// Package gen makes realistic synthetic sites in relais's content format, for
// benchmarks and load tests: partners, minutes every few weeks over several
// years, news reported at the meetings, events of every shape (one day, ranges
// over months and years, timed, across midnight, in several slots, cancelled,
// postponed, online, with a registration deadline) and the free pages every
// French public site has, with French text of realistic length, links
// between files, and the three front-matter syntaxes.
//
// The same options always give the same bytes: everything is drawn from one
// math/rand/v2 PCG source seeded with Options.Seed, in a fixed order. With
// Options.Hugo, the same content is also laid out as a Hugo site under hugo/,
// with minimal but real templates, so that both generators can be timed on the
// same input.
package gen

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// Options say what site to make.
type Options struct {
	Pages int    // about how many content files to make; 1000 when zero
	Seed  uint64 // the same seed gives the same site, byte for byte
	Hugo  bool   // also write the site for Hugo under hugo/
}

// Now is the day the generated sites are meant to be built at
// (relais build --now): the last minutes are just before it, and events run
// on both sides of it.
const Now = "2021-10-01"

// Write writes the site into dir: dir/content/... and, with opts.Hugo,
// dir/hugo/.... Existing files of the same names are replaced; dir is not
// emptied first.
func Write(dir string, opts Options) error {
	files := Files(opts)
	paths := make([]string, 0, len(files))
	for p := range files {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	made := map[string]bool{}
	for _, p := range paths {
		target := filepath.Join(dir, filepath.FromSlash(p))
		if d := filepath.Dir(target); !made[d] {
			if err := os.MkdirAll(d, 0o755); err != nil {
				return err
			}
			made[d] = true
		}
		if err := os.WriteFile(target, files[p], 0o644); err != nil {
			return err
		}
	}
	return nil
}

// Files returns the site's files by slash path relative to the site root
// ("content/events/2021/forum-des-metiers-de-blois.md", "hugo/hugo.toml").
func Files(opts Options) map[string][]byte {
	n := opts.Pages
	if n <= 0 {
		n = 1000
	}
	g := &generator{
		r:     rand.New(rand.NewPCG(opts.Seed, 0x72656c616973)), // "relais"
		hugo:  opts.Hugo,
		files: map[string][]byte{},
		slugs: map[string]bool{},
	}
	g.plan(n)
	g.write()
	return g.files
}

// generator holds the planned site while its files are written.
type generator struct {
	r     *rand.Rand
	hugo  bool
	files map[string][]byte
	slugs map[string]bool // "section/slug" taken; only looked up, never ranged over

	partners []*partner
	minutes  []*minutes
	news     []*news
	events   []*event
}

type partner struct {
	slug, title, short, website string
	format                      format
}

type minutes struct {
	id, title, place string
	day              time.Time
	format           format
	events           []*event // announced at this meeting, in plan order
}

type news struct {
	slug, path, title string
	day               time.Time
	partner           *partner
	minutes           *minutes // nil when not reported at a meeting
	format            format
	bare              bool // YAML dates written bare
}

type event struct {
	slug, path, title string
	start, end        string // "2021-10-19" or "2021-10-19T09:00"; end may be ""
	slots             [][2]string
	location, online  string
	organizer         *partner // nil when organizer is free text or absent
	organizerText     string
	partners          []*partner
	regURL, deadline  string
	status            string
	announced         string // date key, "" when absent
	minutes           *minutes
	format            format
	bare              bool
}

const day = 24 * time.Hour

func ymd(t time.Time) string { return t.Format("2006-01-02") }

// unique reserves a slug in a section: the slug itself, else with the
// suffix, else with a counter.
func (g *generator) unique(section, slug, suffix string) string {
	try := []string{slug, slug + "-" + suffix}
	for _, s := range try {
		if !g.slugs[section+"/"+s] {
			g.slugs[section+"/"+s] = true
			return s
		}
	}
	for i := 2; ; i++ {
		s := fmt.Sprintf("%s-%s-%d", slug, suffix, i)
		if !g.slugs[section+"/"+s] {
			g.slugs[section+"/"+s] = true
			return s
		}
	}
}

// format draws a front-matter syntax: mostly YAML, some TOML and JSON.
func (g *generator) format() format {
	switch x := g.r.IntN(100); {
	case x < 80:
		return yamlFormat
	case x < 92:
		return tomlFormat
	}
	return jsonFormat
}

func (g *generator) plan(n int) {
	r := g.r
	nPartners := max(5, n/100)
	nMinutes := max(3, n/20)
	nNews := n * 55 / 100
	nEvents := n * 35 / 100

	for i := range nPartners {
		// Each kind of partner in many towns, no two alike (450 pairs).
		k := partnerKinds[i%len(partnerKinds)]
		pl := places[(i%len(partnerKinds)*7+i/len(partnerKinds))%len(places)]
		title := k.name + " " + of(pl)
		if round := i / (len(partnerKinds) * len(places)); round > 0 {
			title += fmt.Sprintf(" (antenne %d)", round+1)
		}
		p := &partner{title: title, format: g.format()}
		p.slug = g.unique("partners", slugify(title), "41")
		if r.IntN(2) == 0 {
			p.short = k.short + " " + pl
		}
		if r.IntN(4) > 0 {
			p.website = "https://www." + strings.ReplaceAll(slugify(k.short+" "+pl), "-", "") + ".fr/"
		}
		g.partners = append(g.partners, p)
	}

	// Minutes every 2, 3 or 4 weeks, on the same weekday, the last one a
	// week before Now.
	last := time.Date(2021, 9, 23, 0, 0, 0, 0, time.UTC)
	days := make([]time.Time, nMinutes)
	days[nMinutes-1] = last
	for i := nMinutes - 2; i >= 0; i-- {
		days[i] = days[i+1].Add(-time.Duration(14+7*r.IntN(3)) * day)
	}
	for _, d := range days {
		m := &minutes{id: ymd(d), day: d, title: pick(r, minutesTitles), place: pick(r, minutesPlaces), format: g.format()}
		g.slugs["minutes/"+m.id] = true
		g.minutes = append(g.minutes, m)
	}
	first := days[0]
	now := time.Date(2021, 10, 1, 0, 0, 0, 0, time.UTC)
	span := int(now.Sub(first) / day)

	for range nNews {
		x := &news{format: g.format(), bare: r.IntN(10) < 3}
		// A few partners publish much more than the others.
		u := r.Float64()
		x.partner = g.partners[int(u*u*float64(len(g.partners)))]
		if r.IntN(10) < 7 {
			x.minutes = g.minutes[r.IntN(len(g.minutes))]
			x.day = x.minutes.day.Add(-time.Duration(r.IntN(10)) * day)
		} else {
			x.day = first.Add(time.Duration(r.IntN(span)) * day)
		}
		x.title = g.newsTitle(x.partner)
		x.slug = g.unique("news", slugify(x.title), ymd(x.day))
		x.path = fmt.Sprintf("news/%d/%s.md", x.day.Year(), x.slug)
		g.news = append(g.news, x)
	}

	for range nEvents {
		g.events = append(g.events, g.event(first, span))
	}
}

// event plans one event.
func (g *generator) event(first time.Time, span int) *event {
	r := g.r
	e := &event{format: g.format(), bare: r.IntN(10) < 3}
	var start time.Time
	if r.IntN(100) < 65 {
		e.minutes = g.minutes[r.IntN(len(g.minutes))]
		e.minutes.events = append(e.minutes.events, e)
		start = e.minutes.day.Add(time.Duration(7+r.IntN(150)) * day)
	} else {
		start = first.Add(time.Duration(r.IntN(span+365)) * day)
		if r.IntN(2) == 0 {
			e.announced = ymd(start.Add(-time.Duration(20+r.IntN(70)) * day))
		}
	}
	hm := func(h, m int) string { return fmt.Sprintf("T%02d:%02d", h, m) }
	var kind string
	switch x := r.IntN(100); {
	case x < 25:
		kind = "day"
		e.start = ymd(start)
	case x < 35:
		kind = "days"
		e.start, e.end = ymd(start), ymd(start.Add(day))
	case x < 40:
		kind = "months" // from late in a month into the next
		start = time.Date(start.Year(), start.Month(), 20+r.IntN(8), 0, 0, 0, 0, time.UTC)
		next := time.Date(start.Year(), start.Month()+1, 1+r.IntN(25), 0, 0, 0, 0, time.UTC)
		e.start, e.end = ymd(start), ymd(next)
	case x < 42:
		kind = "years" // the turn of the year
		start = time.Date(start.Year(), 12, 26+r.IntN(4), 0, 0, 0, 0, time.UTC)
		e.start, e.end = ymd(start), ymd(time.Date(start.Year()+1, 1, 2+r.IntN(5), 0, 0, 0, 0, time.UTC))
	case x < 57:
		kind = "time"
		e.start = ymd(start) + hm(8+r.IntN(11), 15*r.IntN(4))
	case x < 77:
		kind = "time-end"
		h := 8 + r.IntN(9)
		e.start, e.end = ymd(start)+hm(h, 30*r.IntN(2)), ymd(start)+hm(h+1+r.IntN(4), 30*r.IntN(2))
	case x < 82:
		kind = "night"
		e.start, e.end = ymd(start)+hm(19+r.IntN(3), 0), ymd(start.Add(day))+hm(r.IntN(2), 30)
	case x < 92:
		kind = "slots"
		e.start = ymd(start)
		e.slots = [][2]string{{ymd(start) + "T09:00", ymd(start) + "T12:00"}, {ymd(start) + "T14:00", ymd(start) + "T17:00"}}
	case x < 97:
		kind = "slots"
		next := start.Add(day)
		e.start, e.end = ymd(start), ymd(next)
		e.slots = [][2]string{{ymd(start) + "T13:30", ymd(start) + "T18:00"}, {ymd(next) + "T09:00", ymd(next) + "T12:30"}}
	default:
		kind = "time-days"
		e.start, e.end = ymd(start)+"T09:00", ymd(start.Add(2*day))+"T17:00"
	}
	place := pick(r, places)
	e.title = g.eventTitle(kind, place)
	switch x := r.IntN(100); {
	case x < 6:
		e.status = "cancelled"
	case x < 10:
		e.status = "postponed"
	}
	e.slug = g.unique("events", slugify(e.title), e.start[:10])
	e.path = fmt.Sprintf("events/%d/%s.md", start.Year(), e.slug)
	if r.IntN(100) < 20 && kind != "night" {
		e.online = "https://meet.jit.si/spro41-" + e.slug
		if r.IntN(2) == 0 {
			e.location = "À distance"
		}
	} else {
		e.location = pick(r, venues) + ", " + place
	}
	switch x := r.IntN(100); {
	case x < 50:
		e.organizer = g.partners[r.IntN(len(g.partners))]
	case x < 80:
		e.organizerText = pick(r, organizers)
	}
	if r.IntN(100) < 40 {
		for _, i := range r.Perm(len(g.partners))[:1+r.IntN(3)] {
			if p := g.partners[i]; p != e.organizer {
				e.partners = append(e.partners, p)
			}
		}
	}
	if r.IntN(100) < 30 {
		e.regURL = pick(r, registrationSites) + e.slug
		if r.IntN(100) < 80 {
			e.deadline = ymd(start.Add(-time.Duration(3+r.IntN(18)) * day))
			if r.IntN(4) == 0 {
				e.deadline += "T12:00"
			}
		}
	}
	return e
}

func (g *generator) newsTitle(p *partner) string {
	r := g.r
	topic := pick(r, topics)
	switch r.IntN(7) {
	case 0:
		return p.title + " : " + topic
	case 1:
		return "Retour sur " + topic + " à " + pick(r, places)
	case 2:
		return "Ouverture des inscriptions : " + topic
	case 3:
		return "« " + upper(topic) + " » : bilan de l'action " + p.title
	case 4:
		return upper(topic) + " : nouvelle session à " + pick(r, places)
	case 5:
		return p.title + " accueille " + pick(r, arrivals)
	}
	return "Du nouveau pour " + topic
}

func (g *generator) eventTitle(kind, place string) string {
	r := g.r
	switch kind {
	case "night":
		return "Nuit de l'orientation " + of(place)
	case "months", "years":
		return "Exposition « " + upper(pick(r, topics)) + " » " + of(place)
	case "slots":
		return pick(r, []string{"Forum des métiers", "Portes ouvertes du lycée", "Salon de l'apprentissage", "Forum de l'alternance"}) + " " + of(place)
	case "time", "time-end":
		return pick(r, []string{"Atelier", "Webinaire", "Café-rencontre", "Réunion d'information", "Job dating"}) + " : " + pick(r, topics)
	}
	return pick(r, []string{"Journée", "Semaine", "Rencontres", "Journée de professionnalisation"}) + " : " + pick(r, topics)
}

// upper capitalizes the first letter of s.
func upper(s string) string {
	for i := range s {
		if i > 0 {
			return strings.ToUpper(s[:i]) + s[i:]
		}
	}
	return strings.ToUpper(s)
}

// of writes "de Blois", "d'Orléans".
func of(place string) string {
	if strings.ContainsAny(place[:1], "AEIOUÉ") || strings.HasPrefix(place, "É") {
		return "d'" + place
	}
	return "de " + place
}

var frenchMonths = []string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
	"septembre", "octobre", "novembre", "décembre"}

// frenchDay writes "23 septembre 2021" ("1er" for the first).
func frenchDay(t time.Time) string {
	d := fmt.Sprint(t.Day())
	if t.Day() == 1 {
		d = "1er"
	}
	return fmt.Sprintf("%s %s %d", d, frenchMonths[t.Month()-1], t.Year())
}

// rel is the relative link from the file at from to the file at to, both
// relative to content/.
func rel(from, to string) string {
	f := strings.Split(path.Dir(from), "/")
	t := strings.Split(to, "/")
	if path.Dir(from) == "." {
		f = nil
	}
	i := 0
	for i < len(f) && i < len(t)-1 && f[i] == t[i] {
		i++
	}
	return strings.Repeat("../", len(f)-i) + strings.Join(t[i:], "/")
}

func minutesPath(m *minutes) string { return "minutes/" + m.id + ".md" }

// write renders every planned item to files.
func (g *generator) write() {
	r := g.r
	g.settings()
	for _, p := range g.partners {
		b := body(r, 120+r.IntN(150), nil, websiteLine(p))
		g.relais("partners/"+p.slug+".md", partnerFields(p), p.format, b)
		if g.hugo {
			g.hugoContent("partners/"+p.slug+"/_index.md", partnerFields(p), p.format, b)
		}
	}
	for i, m := range g.minutes {
		from := minutesPath(m)
		var links []link
		if i > 0 {
			prev := g.minutes[i-1]
			links = append(links, link{"le relevé de la réunion du " + frenchDay(prev.day), rel(from, minutesPath(prev))})
		}
		for j, e := range m.events {
			if j == 3 {
				break
			}
			links = append(links, link{strings.ToLower(e.title[:1]) + e.title[1:], rel(from, e.path)})
		}
		extra := "## Décisions\n\n"
		for k, j := range r.Perm(len(decisions))[:2+r.IntN(4)] {
			if k > 0 {
				extra += " ;\n"
			}
			extra += "- " + decisions[j]
		}
		extra += ".\n"
		extra += "\n## Prochaine réunion\n\n"
		if i+1 < len(g.minutes) {
			next := g.minutes[i+1]
			extra += fmt.Sprintf("La [prochaine réunion](%s) aura lieu le %s (%s).", rel(from, minutesPath(next)), frenchDay(next.day), next.place)
		} else {
			extra += "La date de la prochaine réunion sera communiquée aux partenaires par courriel."
		}
		b := body(r, 250+r.IntN(300), links, extra)
		fs := fields{{"title", m.title}, {"date", stamp{m.id, false}}}
		if m.place != "" {
			fs.add("place", m.place)
		}
		g.relais(from, fs, m.format, b)
		if g.hugo {
			hs := fields{{"title", m.title + " du " + frenchDay(m.day)}, {"date", stamp{m.id, true}}, {"place", m.place}}
			g.hugoContent(from, hs, m.format, b)
		}
	}
	for _, x := range g.news {
		var links []link
		if x.minutes != nil && r.IntN(2) == 0 {
			links = append(links, link{"le relevé de la réunion du " + frenchDay(x.minutes.day), rel(x.path, minutesPath(x.minutes))})
		}
		if r.IntN(3) == 0 {
			e := g.events[r.IntN(len(g.events))]
			links = append(links, link{strings.ToLower(e.title[:1]) + e.title[1:], rel(x.path, e.path)})
		}
		if r.IntN(4) == 0 {
			o := g.news[r.IntN(len(g.news))]
			if o != x {
				links = append(links, link{"l'actualité « " + o.title + " »", rel(x.path, o.path)})
			}
		}
		b := body(r, 150+r.IntN(300), links, "")
		fs := fields{{"title", x.title}, {"date", stamp{ymd(x.day), x.bare}}, {"partner", x.partner.slug}}
		if x.minutes != nil {
			fs.add("minutes", x.minutes.id)
		}
		g.relais(x.path, fs, x.format, b)
		if g.hugo {
			hs := fields{{"title", x.title}, {"date", stamp{ymd(x.day), true}}, {"partners", []string{x.partner.slug}}}
			if x.minutes != nil {
				hs.add("minutes", x.minutes.id)
			}
			g.hugoContent(x.path, hs, x.format, b)
		}
	}
	for _, e := range g.events {
		var links []link
		if e.minutes != nil && r.IntN(3) == 0 {
			links = append(links, link{"le relevé de la réunion du " + frenchDay(e.minutes.day), rel(e.path, minutesPath(e.minutes))})
		}
		if r.IntN(4) == 0 {
			o := g.events[r.IntN(len(g.events))]
			if o != e {
				links = append(links, link{strings.ToLower(o.title[:1]) + o.title[1:], rel(e.path, o.path)})
			}
		}
		extra := ""
		if e.regURL != "" {
			extra = "Pour participer, [inscrivez-vous en ligne](" + e.regURL + ")."
		}
		b := body(r, 150+r.IntN(250), links, extra)
		g.relais(e.path, g.eventFields(e), e.format, b)
		if g.hugo {
			g.hugoContent(e.path, hugoEventFields(e), e.format, b)
		}
	}
	for _, p := range freePages {
		fs := fields{{"title", p.title}, {"menu", p.menu}, {"weight", p.weight}}
		g.relais("pages/"+p.slug+".md", fs, yamlFormat, p.body)
		if g.hugo {
			g.hugoContent(p.slug+".md", fs, yamlFormat, p.body)
		}
	}
	if g.hugo {
		g.hugoSite()
	}
}

func websiteLine(p *partner) string {
	if p.website == "" {
		return ""
	}
	return "Site internet : <" + p.website + ">"
}

func partnerFields(p *partner) fields {
	fs := fields{{"title", p.title}}
	if p.short != "" {
		fs.add("short", p.short)
	}
	if p.website != "" {
		fs.add("website", p.website)
	}
	return fs
}

func (g *generator) settings() {
	intro := "Le Service public régional de l'orientation (SPRO) réunit en Loir-et-Cher les partenaires de l'orientation : " +
		"structures d'accueil, d'information, d'accompagnement et d'insertion des jeunes comme des adultes.\n\n" +
		"Les partenaires se retrouvent en réunion départementale toutes les quelques semaines pour partager leurs actualités " +
		"et décider d'actions communes. Ce site publie les relevés de décisions de ces réunions, les actualités des partenaires " +
		"et l'agenda des évènements à venir.\n"
	fs := fields{
		{"title", siteTitle}, {"description", siteDescription}, {"language", "fr"},
		{"timezone", "Europe/Paris"}, {"base_url", baseURL},
	}
	g.relais("_index.md", fs, yamlFormat, intro)
	if g.hugo {
		g.hugoContent("_index.md", fields{{"title", siteTitle}, {"description", siteDescription}}, yamlFormat, intro)
	}
}

const (
	siteTitle       = "SPRO 41"
	siteDescription = "Service public régional de l'orientation en Loir-et-Cher : actualités des partenaires, agenda et relevés de décisions"
	baseURL         = "https://spro41.example.org"
)

// dateText writes a relais date: "2021-10-19T09:00", sometimes with a space
// for the T, as some editors do.
func dateText(s string, space bool) string {
	if space {
		return strings.Replace(s, "T", " ", 1)
	}
	return s
}

func (g *generator) eventFields(e *event) fields {
	space := g.r.IntN(10) == 0
	st := func(s string) stamp { return stamp{dateText(s, space), e.bare && !space} }
	fs := whereAndWhen(e, "start", st)
	switch {
	case e.organizer != nil:
		fs.add("organizer", e.organizer.slug)
	case e.organizerText != "":
		fs.add("organizer", e.organizerText)
	}
	if len(e.partners) > 0 {
		fs.add("partners", partnerSlugs(e.partners))
	}
	if e.regURL != "" {
		reg := fields{{"url", e.regURL}}
		if e.deadline != "" {
			reg.add("deadline", st(e.deadline))
		}
		fs.add("registration", reg)
	}
	if e.status != "" {
		fs.add("status", e.status)
	}
	if e.announced != "" {
		fs.add("date", st(e.announced))
	}
	if e.minutes != nil {
		fs.add("minutes", e.minutes.id)
	}
	return fs
}

// whereAndWhen writes the keys relais and Hugo sites share: title, start
// (under startKey), end, slots, location and online, with dates written by date.
func whereAndWhen(e *event, startKey string, date func(string) stamp) fields {
	fs := fields{{"title", e.title}, {startKey, date(e.start)}}
	if e.end != "" {
		fs.add("end", date(e.end))
	}
	if len(e.slots) > 0 {
		var slots []fields
		for _, s := range e.slots {
			slots = append(slots, fields{{"start", date(s[0])}, {"end", date(s[1])}})
		}
		fs.add("slots", slots)
	}
	if e.location != "" {
		fs.add("location", e.location)
	}
	if e.online != "" {
		fs.add("online", e.online)
	}
	return fs
}

func partnerSlugs(ps []*partner) []string {
	s := make([]string, len(ps))
	for i, p := range ps {
		s[i] = p.slug
	}
	return s
}

// relais adds a file under content/.
func (g *generator) relais(p string, fs fields, f format, body string) {
	g.files["content/"+p] = []byte(frontMatter(fs, f) + body)
}
