package site

import (
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"relais/internal/content"
	"relais/internal/markdown"
)

const settings = "---\ntitle: Réseau\n---\n"

// buildSite loads files (paths under content/) and builds the model at now.
func buildSite(t *testing.T, files map[string]string, now string, drafts bool) (*Site, string) {
	t.Helper()
	fsys := fstest.MapFS{"content/_index.md": {Data: []byte(settings)}}
	for p, s := range files {
		fsys["content/"+p] = &fstest.MapFile{Data: []byte(s)}
	}
	tree, errs := content.Load(fsys)
	if err := errs.Err(); err != nil {
		t.Fatalf("load: %v", err)
	}
	n, err := time.ParseInLocation("2006-01-02T15:04", now, tree.Settings.Location)
	if err != nil {
		t.Fatal(err)
	}
	s, problems := Build(tree, markdown.New(), Options{Now: n, Drafts: drafts})
	problems.Sort()
	return s, problems.Error()
}

func TestBuildReportsCrossFileProblems(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  string
	}{
		{
			name: "unknown partner with a suggestion",
			files: map[string]string{
				"partners/cap-emploi.md": "---\ntitle: Cap emploi\n---\n",
				"news/a.md":              "---\ntitle: A\ndate: \"2021-10-01\"\npartner: cap-emplois\n---\n",
			},
			want: `content/news/a.md:4: unknown partner "cap-emplois": there is no content/partners/cap-emplois.md; did you mean "cap-emploi"?`,
		},
		{
			name: "unknown minutes",
			files: map[string]string{
				"events/e.md": "---\ntitle: E\nstart: \"2021-10-01\"\nminutes: \"2021-09-32\"\n---\n",
			},
			want: `content/events/e.md:4: unknown minutes "2021-09-32": there is no content/minutes/2021-09-32.md`,
		},
		{
			name: "reference to a draft partner",
			files: map[string]string{
				"partners/p.md": "---\ntitle: P\ndraft: true\n---\n",
				"events/e.md":   "---\ntitle: E\nstart: \"2021-10-01\"\npartners: [p]\n---\n",
			},
			want: `content/events/e.md:4: partner "p" is a draft (content/partners/p.md): publish it or remove the reference`,
		},
		{
			name: "organizer that looks like a misspelt slug",
			files: map[string]string{
				"partners/mission-locale.md": "---\ntitle: ML\n---\n",
				"events/e.md":                "---\ntitle: E\nstart: \"2021-10-01\"\norganizer: mission-locle\n---\n",
			},
			want: `content/events/e.md:4: unknown partner "mission-locle": there is no content/partners/mission-locle.md; did you mean "mission-locale"?`,
		},
		{
			name: "duplicate slugs in sub-folders",
			files: map[string]string{
				"events/2021/forum.md": "---\ntitle: A\nstart: \"2021-10-01\"\n---\n",
				"events/2022/forum.md": "---\ntitle: B\nstart: \"2022-10-01\"\n---\n",
			},
			want: `content/events/2022/forum.md:1: duplicate slug "forum": content/events/2021/forum.md has the same file name, and both would be published at /agenda/forum/`,
		},
		{
			name: "free page named like a section",
			files: map[string]string{
				"pages/agenda.md": "---\ntitle: Agenda bis\n---\n",
			},
			want: `content/pages/agenda.md:1: a free page cannot be named "agenda": /agenda/ is the agenda (rename the file)`,
		},
		{
			name: "link to a missing content file, with the body's line",
			files: map[string]string{
				"events/forum.md": "---\ntitle: F\nstart: \"2021-10-01\"\n---\n",
				"news/a.md":       "---\ntitle: A\ndate: \"2021-10-01\"\npartner: p\n---\n\nVoir\nle [forum](../events/forun.md).\n",
				"partners/p.md":   "---\ntitle: P\n---\n",
			},
			want: `content/news/a.md:8: link to content/events/forun.md: no such content file; did you mean ../events/forum.md?`,
		},
		{
			name: "link to a draft",
			files: map[string]string{
				"pages/a.md": "---\ntitle: A\n---\n[b](b.md)\n",
				"pages/b.md": "---\ntitle: B\ndraft: true\n---\n",
			},
			want: `content/pages/a.md:4: link to content/pages/b.md, which is a draft: publish it or remove the link`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, got := buildSite(t, tt.files, "2021-10-01T00:00", false)
			if got != tt.want {
				t.Errorf("problems:\n have %s\n want %s", got, tt.want)
			}
		})
	}
}

func TestDraftsIncludedWithOption(t *testing.T) {
	files := map[string]string{
		"partners/p.md": "---\ntitle: P\ndraft: true\n---\n",
		"events/e.md":   "---\ntitle: E\nstart: \"2021-10-01\"\npartners: [p]\n---\n",
	}
	s, problems := buildSite(t, files, "2021-10-01T00:00", true)
	if problems != "" {
		t.Fatal(problems)
	}
	if len(s.Partners) != 1 || len(s.Partners[0].Events) != 1 {
		t.Errorf("with drafts, the draft partner and its event are linked: %+v", s.Partners)
	}
}

// TestUpcomingAndPast checks the split at the edges of "now".
func TestUpcomingAndPast(t *testing.T) {
	files := map[string]string{
		"events/ended-at-now.md": "---\ntitle: A\nstart: \"2021-10-01T08:00\"\nend: \"2021-10-01T10:00\"\n---\n",
		"events/day-of-now.md":   "---\ntitle: B\nstart: \"2021-10-01\"\n---\n",
		"events/yesterday.md":    "---\ntitle: C\nstart: \"2021-09-30\"\n---\n",
		"events/no-end.md":       "---\ntitle: D\nstart: \"2021-10-01T09:00\"\n---\n",
		"events/slots.md":        "---\ntitle: E\nstart: \"2021-10-01\"\nslots:\n  - {start: \"2021-10-01T08:00\", end: \"2021-10-01T09:00\"}\n---\n",
		"events/later.md":        "---\ntitle: F\nstart: \"2021-10-02\"\nend: \"2021-10-03\"\n---\n",
	}
	s, problems := buildSite(t, files, "2021-10-01T10:00", false)
	if problems != "" {
		t.Fatal(problems)
	}
	slugs := func(evs []*Event) string {
		var out []string
		for _, e := range evs {
			out = append(out, e.Slug)
		}
		return strings.Join(out, " ")
	}
	// An event ending exactly at now is past; an all-day event on the day of
	// now is upcoming until midnight; a timed event without end stays until
	// the end of its day.
	if got, want := slugs(s.Upcoming), "day-of-now no-end later"; got != want {
		t.Errorf("upcoming: have %q, want %q", got, want)
	}
	if got, want := slugs(s.Past), "ended-at-now slots yesterday"; got != want {
		t.Errorf("past: have %q, want %q", got, want)
	}
}

func TestMinutesRelations(t *testing.T) {
	files := map[string]string{
		"partners/b.md":         "---\ntitle: Bêta\n---\n",
		"partners/a.md":         "---\ntitle: Émeraude\n---\n",
		"partners/c.md":         "---\ntitle: Alpha\n---\n",
		"minutes/2021-01-10.md": "---\ntitle: R1\ndate: \"2021-01-10\"\n---\n",
		"minutes/2021-09-23.md": "---\ntitle: R2\ndate: \"2021-09-23\"\n---\n",
		"minutes/2020-12-01.md": "---\ntitle: R0\ndate: \"2020-12-01\"\n---\n",
		"news/n1.md":            "---\ntitle: N1\ndate: \"2021-09-23\"\npartner: a\nminutes: \"2021-09-23\"\n---\n",
		"news/n2.md":            "---\ntitle: N2\ndate: \"2021-09-23\"\npartner: b\nminutes: \"2021-09-23\"\n---\n",
		"news/n3.md":            "---\ntitle: N3\ndate: \"2021-09-24\"\npartner: a\nminutes: \"2021-09-23\"\n---\n",
		"events/e.md":           "---\ntitle: E\nstart: \"2021-10-07\"\nminutes: \"2021-09-23\"\n---\n",
	}
	s, problems := buildSite(t, files, "2021-10-01T00:00", false)
	if problems != "" {
		t.Fatal(problems)
	}
	var titles []string
	for _, p := range s.Partners {
		titles = append(titles, p.Title)
	}
	// French order: accents do not push "Émeraude" after "Z".
	if got, want := strings.Join(titles, ","), "Alpha,Bêta,Émeraude"; got != want {
		t.Errorf("partners order: have %s, want %s", got, want)
	}
	m := s.Minutes[0]
	if m.ID != "2021-09-23" || m.Prev.ID != "2021-01-10" || m.Next != nil || s.Minutes[2].Prev != nil {
		t.Errorf("minutes order or prev/next wrong: %s prev %v", m.ID, m.Prev)
	}
	var groups []string
	for _, g := range m.NewsByPartner {
		var ns []string
		for _, n := range g.News {
			ns = append(ns, n.Slug)
		}
		groups = append(groups, g.Partner.Slug+":"+strings.Join(ns, "+"))
	}
	if got, want := strings.Join(groups, " "), "b:n2 a:n3+n1"; got != want {
		t.Errorf("news by partner: have %s, want %s", got, want)
	}
	e := s.Events[0]
	if e.Minutes != m || e.Announced.String() != "2021-09-23" {
		t.Errorf("event announced at %v (%s), want the minutes' date", e.Minutes, e.Announced)
	}
}

// A one-shot build lets each body's Markdown go once converted, and makes
// the same model as a build that keeps them.
func TestReleaseSourcesKeepsTheModel(t *testing.T) {
	fsys := fstest.MapFS{
		"content/_index.md":         {Data: []byte(settings + "Bienvenue : voir [le forum](events/forum.md).\n")},
		"content/partners/cio.md":   {Data: []byte("---\ntitle: CIO\n---\nLe **CIO** accueille.\n")},
		"content/events/forum.md":   {Data: []byte("---\ntitle: Forum\nstart: \"2021-10-07\"\norganizer: cio\n---\n## Horaires\n\nDe 9 h à 12 h.\n")},
		"content/news/2021-10-a.md": {Data: []byte("{\"title\": \"A\", \"date\": \"2021-10-01\", \"partner\": \"cio\"}\nTexte : [forum](../events/forum.md).\n")},
	}
	models := make([]*Site, 2)
	for i, release := range []bool{false, true} {
		tree, errs := content.Load(fsys)
		if err := errs.Err(); err != nil {
			t.Fatal(err)
		}
		s, problems := Build(tree, markdown.New(), Options{Now: time.Date(2021, 10, 1, 9, 0, 0, 0, time.UTC), ReleaseSources: release})
		if err := problems.Err(); err != nil {
			t.Fatal(err)
		}
		for _, e := range tree.Events {
			if got := e.Body != nil; got == release {
				t.Errorf("ReleaseSources %v: the event's Markdown kept: %v", release, got)
			}
		}
		models[i] = s
	}
	kept, released := models[0], models[1]
	if kept.Intro != released.Intro || kept.Events[0].HTML != released.Events[0].HTML || kept.News[0].HTML != released.News[0].HTML || kept.Partners[0].Text != released.Partners[0].Text {
		t.Errorf("the models differ:\nkept     %q %q\nreleased %q %q", kept.Intro, kept.News[0].HTML, released.Intro, released.News[0].HTML)
	}
	if !strings.Contains(string(released.News[0].HTML), `href="/agenda/forum/"`) {
		t.Errorf("news body without its link: %q", released.News[0].HTML)
	}
}
