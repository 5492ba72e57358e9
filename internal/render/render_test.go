package render

import (
	"encoding/json"
	"fmt"
	"html/template"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"relais/internal/content"
	"relais/internal/markdown"
	"relais/internal/site"
)

func renderSite(t *testing.T, files map[string]string, now time.Time) Output {
	t.Helper()
	fsys := fstest.MapFS{"content/_index.md": {Data: []byte("---\ntitle: Réseau\nbase_url: https://reseau.example.org\n---\n")}}
	for p, s := range files {
		fsys["content/"+p] = &fstest.MapFile{Data: []byte(s)}
	}
	tree, errs := content.Load(fsys)
	if err := errs.Err(); err != nil {
		t.Fatal(err)
	}
	s, errs := site.Build(tree, markdown.New(), site.Options{Now: now})
	if err := errs.Err(); err != nil {
		t.Fatal(err)
	}
	th, err := LoadTheme(nil, s.Language, s.BasePath)
	if err != nil {
		t.Fatal(err)
	}
	out, err := All(s, th)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

var agendaFiles = map[string]string{
	"partners/cio.md": "---\ntitle: CIO\n---\n",
	"events/forum.md": `---
title: Forum
start: "2021-10-19"
slots:
  - {start: "2021-10-19T09:00", end: "2021-10-19T12:00"}
  - {start: "2021-10-19T14:00", end: "2021-10-19T17:00"}
location: Lycée, Saint-Aignan
organizer: cio
registration: {url: "https://forms.example.org/x", deadline: "2021-10-04"}
---
Une journée de découverte.
`,
	"events/visio.md":  "---\ntitle: Visio\nstart: \"2021-11-16T10:30\"\nend: \"2021-11-16T12:00\"\nonline: https://visio.example.org/a\nstatus: cancelled\n---\n",
	"events/ancien.md": "---\ntitle: Ancien\nstart: \"2021-09-01\"\n---\n",
}

var jsonLD = regexp.MustCompile(`(?s)<script type="application/ld\+json">(.*?)</script>`)

// TestEventJSONLD checks that each event page carries a schema.org Event that
// parses as JSON, with the fields search engines want.
func TestEventJSONLD(t *testing.T) {
	out := renderSite(t, agendaFiles, time.Date(2021, 10, 1, 0, 0, 0, 0, time.UTC))
	tests := []struct {
		page string
		want map[string]any
	}{
		{"agenda/forum/index.html", map[string]any{
			"@type": "Event", "name": "Forum", "startDate": "2021-10-19T09:00+02:00", "endDate": "2021-10-19T17:00+02:00",
			"eventStatus": "https://schema.org/EventScheduled", "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
			"location.@type": "Place", "location.name": "Lycée, Saint-Aignan", "organizer.name": "CIO",
			"organizer.url": "https://reseau.example.org/partenaires/cio/", "offers.url": "https://forms.example.org/x",
			"offers.validThrough": "2021-10-05T00:00:00+02:00", "url": "https://reseau.example.org/agenda/forum/",
		}},
		{"agenda/visio/index.html", map[string]any{
			"startDate": "2021-11-16T10:30+01:00", "endDate": "2021-11-16T12:00+01:00",
			"eventStatus": "https://schema.org/EventCancelled", "eventAttendanceMode": "https://schema.org/OnlineEventAttendanceMode",
			"location.@type": "VirtualLocation", "location.url": "https://visio.example.org/a",
		}},
		{"agenda/ancien/index.html", map[string]any{"startDate": "2021-09-01"}},
	}
	for _, tt := range tests {
		t.Run(tt.page, func(t *testing.T) {
			m := jsonLD.FindSubmatch(out[tt.page])
			if m == nil {
				t.Fatal("no JSON-LD")
			}
			var ld map[string]any
			if err := json.Unmarshal(m[1], &ld); err != nil {
				t.Fatalf("JSON-LD does not parse: %v\n%s", err, m[1])
			}
			for path, want := range tt.want {
				var v any = ld
				for _, k := range strings.Split(path, ".") {
					if k == "@type" || k == "@context" || !strings.Contains(path, ".") {
						v = v.(map[string]any)[k]
						continue
					}
					obj, _ := v.(map[string]any)
					v = obj[k]
				}
				if v != want {
					t.Errorf("%s: have %v, want %v", path, v, want)
				}
			}
		})
	}
}

func TestAgendaJSON(t *testing.T) {
	out := renderSite(t, agendaFiles, time.Date(2021, 10, 1, 0, 0, 0, 0, time.UTC))
	var doc struct {
		Events []struct {
			ID, Title, URL, Start, End, Status, Ends string
			AllDay                                   bool `json:"all_day"`
			Upcoming                                 bool
			Slots                                    []struct{ Start, End string }
			Organizer                                *struct{ Name, URL string }
			Registration                             *struct{ URL, Deadline, Closes string }
		}
	}
	if err := json.Unmarshal(out["agenda.json"], &doc); err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, e := range doc.Events {
		ids = append(ids, e.ID)
	}
	if got := strings.Join(ids, " "); got != "ancien forum visio" {
		t.Fatalf("events: %s", got)
	}
	f := doc.Events[1]
	if !f.AllDay || len(f.Slots) != 2 || f.Slots[1].End != "2021-10-19T17:00+02:00" || f.Organizer.Name != "CIO" ||
		f.Registration.Deadline != "2021-10-04" || !f.Upcoming || f.URL != "https://reseau.example.org/agenda/forum/" {
		t.Errorf("forum: %+v", f)
	}
	if doc.Events[0].Upcoming || doc.Events[2].Status != "cancelled" {
		t.Errorf("ancien or visio: %+v", doc.Events)
	}
}

// TestAgendaPageMarksEnds checks the hooks of the never-stale script and
// what readers without JavaScript see.
func TestAgendaPageMarksEnds(t *testing.T) {
	out := renderSite(t, agendaFiles, time.Date(2021, 10, 5, 12, 0, 0, 0, time.UTC))
	page := string(out["agenda/index.html"])
	for _, want := range []string{
		`<li class="event-item" data-ends="2021-10-19T17:00:00&#43;02:00">`,
		`<li class="event-item is-cancelled" data-ends="2021-11-16T12:00:00&#43;01:00">`,
		`<p class="status status-cancelled"><strong>Annulé</strong></p>`,
		`<span class="registration-closed">Inscriptions closes</span>`, // the deadline has passed at the build
		`<script src="/assets/agenda.js" defer></script>`,
		`href="webcal://reseau.example.org/agenda.ics"`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("agenda page lacks %s", want)
		}
	}
	if strings.Contains(page, "Ancien") {
		t.Error("a past event is listed as upcoming")
	}
	before := string(renderSite(t, agendaFiles, time.Date(2021, 10, 1, 0, 0, 0, 0, time.UTC))["agenda/index.html"])
	if !strings.Contains(before, `<span class="registration-open" data-closes="2021-10-05T00:00:00&#43;02:00"><a href="https://forms.example.org/x">Inscription<span class="visually-hidden"> : Forum</span></a> avant le <time datetime="2021-10-04">lundi 4 octobre 2021</time></span><span class="registration-closed" hidden>Inscriptions closes</span>`) {
		t.Errorf("open registration not marked for the script:\n%s", before)
	}
}

var minutesFiles = map[string]string{
	"partners/cio.md":       "---\ntitle: CIO\n---\n",
	"partners/ml.md":        "---\ntitle: Mission locale\n---\n",
	"minutes/2020-12-10.md": "---\ntitle: Réunion plénière\ndate: \"2020-12-10\"\nplace: Tours\n---\n",
	"minutes/2021-09-23.md": "---\ntitle: Réunion de rentrée\ndate: \"2021-09-23\"\nplace: Blois\n---\n## L'évaluation du SPRO\n\nUn groupe de travail.\n",
	"news/cio-1.md":         "---\ntitle: Nouvelle direction\ndate: \"2021-09-23\"\npartner: cio\nminutes: \"2021-09-23\"\n---\nTexte CIO.\n",
	"news/ml-1.md":          "---\ntitle: Permanence\ndate: \"2021-09-23\"\npartner: ml\nminutes: \"2021-09-23\"\n---\nTexte ML.\n",
	"events/forum.md":       "---\ntitle: Forum\nstart: \"2021-10-19\"\nminutes: \"2021-09-23\"\n---\n",
	"events/job-dating.md":  "---\ntitle: Job dating\nstart: \"2021-09-24\"\nminutes: \"2021-09-23\"\n---\n",
}

// TestMinutesPage checks that a meeting's page reads like the relevé the
// partners know: its news by partner, its agenda with what is still to come,
// its decisions, and links to the meetings around it.
func TestMinutesPage(t *testing.T) {
	out := renderSite(t, minutesFiles, time.Date(2021, 10, 1, 0, 0, 0, 0, time.UTC))
	page := string(out["releves/2021-09-23/index.html"])
	order := []string{
		"<h1>Réunion de rentrée</h1>",
		`<time datetime="2021-09-23">Jeudi 23 septembre 2021</time> · Blois`,
		`<a href="#actualites">Actualités des partenaires</a>`,
		`<a href="#l-evaluation-du-spro">L&#39;évaluation du SPRO</a>`,
		`<h3 id="partenaire-cio"><a href="/partenaires/cio/">CIO</a></h3>`,
		"Texte CIO.",
		`<h3 id="partenaire-ml"><a href="/partenaires/ml/">Mission locale</a></h3>`,
		"Texte ML.",
		`<h2 id="agenda">Agenda</h2>`,
		`Job dating</a></h3>`,
		`<span class="tag">Terminé</span>`,
		`Forum</a></h3>`,
		`<span class="tag tag-upcoming">À venir</span>`,
		`<h2 id="l-evaluation-du-spro">L'évaluation du SPRO</h2>`,
		`<a href="/releves/2020-12-10/" rel="prev">Réunion précédente`,
	}
	at := 0
	for _, want := range order {
		i := strings.Index(page[at:], want)
		if i < 0 {
			t.Fatalf("minutes page lacks, after position %d: %s\n%s", at, want, page)
		}
		at += i + len(want)
	}
}

func TestMinutesArchiveByYear(t *testing.T) {
	out := renderSite(t, minutesFiles, time.Date(2021, 10, 1, 0, 0, 0, 0, time.UTC))
	page := string(out["releves/index.html"])
	i2021, i2020 := strings.Index(page, `<h2 id="annee-2021">2021</h2>`), strings.Index(page, `<h2 id="annee-2020">2020</h2>`)
	if i2021 < 0 || i2020 < 0 || i2021 > i2020 {
		t.Errorf("years not grouped newest first:\n%s", page)
	}
	if !strings.Contains(page, "2 actualités, 2 évènements") || !strings.Contains(page, "0 actualité, 0 évènement") {
		t.Errorf("counts missing:\n%s", page)
	}
	y := string(out["releves/2020/index.html"])
	if !strings.Contains(y, "Réunion plénière") || strings.Contains(y, "Réunion de rentrée") {
		t.Errorf("the 2020 page holds other years:\n%s", y)
	}
}

func TestPagerWindow(t *testing.T) {
	tests := []struct {
		page, pages int
		want        string
	}{
		{1, 2, "1* 2"},
		{1, 10, "1* 2 3 … 10"},
		{5, 10, "1 … 3 4 5* 6 7 … 10"},
		{10, 10, "1 … 8 9 10*"},
		{4, 10, "1 2 3 4* 5 6 … 10"},
	}
	for _, tt := range tests {
		p := newPager(tt.page, tt.pages, func(n int) string { return fmt.Sprint("/p/", n) })
		var parts []string
		for _, l := range p.Links {
			switch {
			case l.Number == 0:
				parts = append(parts, "…")
			case l.Number == tt.page:
				parts = append(parts, fmt.Sprint(l.Number, "*"))
			default:
				parts = append(parts, fmt.Sprint(l.Number))
			}
		}
		if got := strings.Join(parts, " "); got != tt.want {
			t.Errorf("page %d of %d: %s, want %s", tt.page, tt.pages, got, tt.want)
		}
	}
}

// TestNewsPagination: 45 news items make three pages of 20, linked
// to each other.
func TestNewsPagination(t *testing.T) {
	files := map[string]string{"partners/cio.md": "---\ntitle: CIO\n---\n"}
	for i := range 45 {
		files[fmt.Sprintf("news/n%02d.md", i)] = fmt.Sprintf("---\ntitle: Nouvelle %02d\ndate: \"2021-09-%02d\"\npartner: cio\n---\n", i, i%28+1)
	}
	out := renderSite(t, files, time.Date(2021, 10, 1, 0, 0, 0, 0, time.UTC))
	if _, ok := out["actualites/page/4/index.html"]; ok {
		t.Error("a fourth page")
	}
	p2 := string(out["actualites/page/2/index.html"])
	for _, want := range []string{
		`<a href="/actualites/" rel="prev">Page précédente</a>`,
		`<a href="/actualites/page/3/" rel="next">Page suivante</a>`,
		`<a href="/actualites/page/2/" aria-current="page">Page 2</a>`,
		`<title>Actualités – page 2 – Réseau</title>`,
	} {
		if !strings.Contains(p2, want) {
			t.Errorf("page 2 lacks %s", want)
		}
	}
	if n := strings.Count(p2, `<li class="news-item">`); n != 20 {
		t.Errorf("page 2 has %d items", n)
	}
	if n := strings.Count(string(out["actualites/page/3/index.html"]), `<li class="news-item">`); n != 5 {
		t.Errorf("page 3 has %d items", n)
	}
}

// TestInlineRelURLs: a link written into the template text when it is
// parsed is, byte for byte, what the call of relURL gives when the page is
// rendered; links the escapers would change are left to the call.
func TestInlineRelURLs(t *testing.T) {
	paths := []string{"/agenda/", "agenda/", "/", "", "/assets/relais.css", "/a b/", "/é/", "/%zz", "/x?y=1&z=2", "https://example.org/x", "//cdn.example.net/x", "#contenu"}
	for _, base := range []string{"", "/sous/dossier", "/r%C3%A9seau", "/a'b"} {
		for _, p := range paths {
			src := fmt.Sprintf(`<a href="{{relURL %q}}">x</a><img src="{{relURL %q}}" alt="">`, p, p)
			render := func(text string) string {
				tmpl, err := template.New("t").Funcs(template.FuncMap{"relURL": func(p string) string { return site.RelURL(base, p) }}).Parse(text)
				if err != nil {
					t.Fatal(err)
				}
				var b strings.Builder
				if err := tmpl.Execute(&b, nil); err != nil {
					t.Fatal(err)
				}
				return b.String()
			}
			if inlined, called := render(inlineRelURLs(src, base)), render(src); inlined != called {
				t.Errorf("base %q, path %q: inlined %s, called %s", base, p, inlined, called)
			}
		}
	}
	if got := inlineRelURLs(`<a href="{{relURL "/agenda/"}}">`, "/reseau"); got != `<a href="/reseau/agenda/">` {
		t.Errorf("not inlined: %s", got)
	}
}
