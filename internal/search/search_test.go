package search

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"
	"unicode"
)

func TestWords(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		{"case and accents", "Évènement ÉTÉ Noël œuvre Cœur", "evenement ete noel oeuvre coeur"},
		{"elision", "l'orientation d’un jeune qu'il jusqu'à l’Agence", "orientation un jeune il agence"},
		{"apostrophe inside a word", "aujourd'hui", "aujourd hui"},
		{"hyphens", "Saint-Aignan, Centre-Val de Loire", "saint aignan centre val de loire"},
		{"numbers", "de 16 à 25 ans, 3 places, 10h30, 1er", "de 16 25 ans 3 places 10h30 1er"},
		{"dates", "le 2021-10-19 et le 19/10/2021", "le 2021 10 19 et le 19 10 2021"},
		{"one letter", "à y a", ""},
		{"punctuation", "« forum » — (lycée) : SPRO 41 !", "forum lycee spro 41"},
		{"decomposed accents", "e\u0301ve\u0300nement", "evenement"},
		{"no word", "… — !?", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			Words(tt.text, func(w string) { got = append(got, w) })
			if have := strings.Join(got, " "); have != tt.want {
				t.Errorf("Words(%q) = %q, want %q", tt.text, have, tt.want)
			}
		})
	}
}

func TestHTMLWords(t *testing.T) {
	html := `<h2 id="forum">Le forum</h2>
<p>L&rsquo;orientation &amp; l&#39;emploi, <a href="https://www.example.org/inscription?x=1" rel="external">s&#39;inscrire</a> à&nbsp;Blois.</p>
<ul><li>jusqu'au 4&#x202F;octobre</li></ul>`
	var got []string
	HTMLWords(html, func(w string) { got = append(got, w) })
	want := "le forum orientation emploi inscrire blois au 4 octobre"
	if have := strings.Join(got, " "); have != want {
		t.Errorf("HTMLWords = %q, want %q", have, want)
	}
}

func TestStemGroupsFrenchForms(t *testing.T) {
	groups := [][]string{
		{"formation", "formations"},
		{"evenement", "evenements"},
		{"metier", "metiers"},
		{"orientation", "orientations"},
		{"jeune", "jeunes"},
		{"lycee", "lycees"},
	}
	for _, g := range groups {
		for _, w := range g[1:] {
			if Stem(w) != Stem(g[0]) {
				t.Errorf("Stem(%q) = %q, Stem(%q) = %q: want the same stem", w, Stem(w), g[0], Stem(g[0]))
			}
		}
	}
	if Stem("forum") == Stem("formation") {
		t.Errorf("forum and formation share the stem %q", Stem("forum"))
	}
	if Stem("2021") != "2021" {
		t.Errorf("Stem(2021) = %q", Stem("2021"))
	}
}

func TestStopWords(t *testing.T) {
	for _, w := range []string{"le", "les", "des", "est", "ete", "pour", "cette"} {
		if !IsStopWord(w) {
			t.Errorf("%q is not a stop word", w)
		}
	}
	for _, w := range []string{"forum", "emploi", "jeunes", "mission"} {
		if IsStopWord(w) {
			t.Errorf("%q is a stop word", w)
		}
	}
}

var day = func(s string) time.Time { t, _ := time.Parse("2006-01-02", s); return t }

// corpus is a small site: its documents in no particular order.
var corpus = []Doc{
	{Kind: News, URL: "/actualites/forum-2020/", Title: "Bilan du forum 2020", Date: day("2020-11-02"), Partners: []int{0},
		HTML: "<p>Le <em>forum</em> des métiers a réuni 300 lycéens.</p>"},
	{Kind: Event, URL: "/agenda/forum-2021/", Title: "Forum des métiers", Date: day("2021-10-19"), Upcoming: true,
		Text: "Au lycée Val de Cher, à Saint-Aignan."},
	{Kind: Event, URL: "/agenda/hackathon/", Title: "Hackathon « Hack ton orientation »", Date: day("2021-10-07"),
		Text: "Deux jours pour inventer l'orientation de demain."},
	{Kind: News, URL: "/actualites/atelier/", Title: "Ateliers CV", Date: day("2021-09-01"), Partners: []int{1},
		Text: "Des ateliers, et une visite du forum."},
	{Kind: Minutes, URL: "/releves/2021-09-23/", Title: "Réunion du réseau", Date: day("2021-09-23"),
		Text: "Les partenaires préparent le forum et les formations de l'automne."},
	{Kind: Partner, URL: "/partenaires/cio/", Title: "Centre d'information et d'orientation", Partners: []int{0},
		Text: "Le CIO accueille les jeunes et leurs familles."},
	{Kind: Page, URL: "/a-propos/", Title: "À propos", Text: "Le réseau des partenaires de l'orientation."},
	{Kind: Event, URL: "/agenda/formation-2022/", Title: "Formation des conseillers", Date: day("2022-01-10"), Upcoming: true,
		Text: "Une formation sur l'évolution professionnelle."},
}

var corpusPartners = []PartnerRef{{"cio", "CIO"}, {"mission-locale", "Mission locale"}}

func TestRanking(t *testing.T) {
	ix := Build(corpus, corpusPartners)
	tests := []queryTest{
		// Title matches first, the most relevant first (the news has the
		// word in its title and its text, the upcoming event in its title
		// only), then the text's, the shorter text first.
		{"forum ", []string{"/actualites/forum-2020/", "/agenda/forum-2021/", "/actualites/atelier/", "/releves/2021-09-23/"}},
		{"Forum", []string{"/actualites/forum-2020/", "/agenda/forum-2021/", "/actualites/atelier/", "/releves/2021-09-23/"}},
		// Every word must be found; titles with both first.
		{"forum métiers ", []string{"/agenda/forum-2021/", "/actualites/forum-2020/"}},
		// Stemming: "formations" finds "formation" and the reverse.
		{"formations ", []string{"/agenda/formation-2022/", "/releves/2021-09-23/"}},
		// Accents folded, elision.
		{"l'évènement orientation ", nil},
		{"ORIENTATION ", []string{"/agenda/hackathon/", "/partenaires/cio/", "/a-propos/"}},
		// The last word, while typed, matches the words it begins.
		{"hack", []string{"/agenda/hackathon/"}},
		{"orienta", []string{"/agenda/hackathon/", "/partenaires/cio/", "/a-propos/"}},
		{"orienta ", nil},
		// One typing mistake in a word of five letters or more.
		{"hackaton ", []string{"/agenda/hackathon/"}},
		{"forun ", []string{"/actualites/forum-2020/", "/agenda/forum-2021/", "/actualites/atelier/", "/releves/2021-09-23/"}},
		{"atleiers ", []string{"/actualites/atelier/"}},
		// Stop words alone find nothing; with a word they are left out.
		{"le les des ", nil},
		{"le forum des métiers ", []string{"/agenda/forum-2021/", "/actualites/forum-2020/"}},
	}
	checkQueries(t, ix, tests)
}

// TestRankingByRelevance ranks pages by how much they are about the words
// (BM25: occurrences, saturating, against the page's length; the title's
// worth seven of the text's), equally relevant ones by the index's order.
func TestRankingByRelevance(t *testing.T) {
	salon := "Des stands, des conseillers et des entreprises pour les jeunes du bassin."
	long := strings.Repeat("Le réseau des partenaires a présenté ses actions de l'année aux familles. ", 8)
	docs := []Doc{
		{Kind: News, URL: "/actualites/salon-mai/", Title: "Salon de l'apprentissage", Date: day("2021-05-01"), Text: salon},
		{Kind: News, URL: "/actualites/salon-juin/", Title: "Salon de l'apprentissage", Date: day("2021-06-01"), Text: salon},
		{Kind: Event, URL: "/agenda/salon-decembre/", Title: "Salon de l'apprentissage", Date: day("2021-12-01"), Upcoming: true, Text: salon},
		{Kind: Event, URL: "/agenda/salon-septembre/", Title: "Salon de l'apprentissage", Date: day("2021-09-01"), Text: salon},
		{Kind: News, URL: "/actualites/salon-long/", Title: "Salon de l'apprentissage", Date: day("2021-09-15"), Text: long},
		{Kind: News, URL: "/actualites/tables-rondes/", Title: "Tables rondes", Date: day("2021-07-01"),
			Text: "L'apprentissage en trois tables rondes : l'apprentissage au lycée, l'apprentissage en entreprise."},
		{Kind: News, URL: "/actualites/bilan/", Title: "Bilan de l'année", Date: day("2021-08-01"), Text: long + "Et l'apprentissage."},
		{Kind: News, URL: "/actualites/rentree/", Title: "Rentrée", Date: day("2021-09-20"), Text: long},
	}
	ix := Build(docs, nil)
	tests := []queryTest{
		// The word in the title: the short pages, as relevant as one
		// another (the upcoming event, then the newest), then the long
		// one; then the word in the text: three times, then once in a
		// long text, though newer.
		{"apprentissage ", []string{"/agenda/salon-decembre/", "/agenda/salon-septembre/", "/actualites/salon-juin/", "/actualites/salon-mai/",
			"/actualites/salon-long/", "/actualites/tables-rondes/", "/actualites/bilan/"}},
		{"salon apprentissage ", []string{"/agenda/salon-decembre/", "/agenda/salon-septembre/", "/actualites/salon-juin/", "/actualites/salon-mai/",
			"/actualites/salon-long/"}},
		// Each has one word in its title, the other in its text:
		// "apprentissage" in the title of a page that says "année" eight
		// times counts more than "année" in the title of a page that says
		// "apprentissage" once, though "année" is the rarer word (three
		// pages against seven): its occurrences saturate.
		{"année apprentissage ", []string{"/actualites/salon-long/", "/actualites/bilan/"}},
	}
	checkQueries(t, ix, tests)
}

// TestRankingPartnerPage ranks a partner's page, which lists its news
// under titles that name it, before the news that name it in their title.
func TestRankingPartnerPage(t *testing.T) {
	about := "<p>Accueil, information et accompagnement des jeunes de 16 à 25 ans vers l'emploi et la formation.</p>"
	docs := []Doc{
		{Kind: News, URL: "/actualites/directeur/", Title: "Mission locale de Blois : un nouveau directeur", Date: day("2021-09-01"),
			Partners: []int{1}, Text: "Mission locale de Blois", HTML: "<p>Il a pris ses fonctions lundi.</p>"},
		{Kind: News, URL: "/actualites/numerique/", Title: "Mission locale de Blois : les métiers du numérique", Date: day("2021-06-01"),
			Partners: []int{1}, Text: "Mission locale de Blois", HTML: "<p>Un atelier pour découvrir les métiers du numérique.</p>"},
		{Kind: News, URL: "/actualites/salon/", Title: "Mission locale de Blois : le salon de l'alternance", Date: day("2021-03-01"),
			Partners: []int{1}, Text: "Mission locale de Blois", HTML: "<p>Des entreprises qui recrutent en alternance.</p>"},
		{Kind: Partner, URL: "/partenaires/mission-locale-de-blois/", Title: "Mission locale de Blois", Partners: []int{1}, HTML: about,
			Listed: []string{"Mission locale de Blois : un nouveau directeur", "Mission locale de Blois : les métiers du numérique",
				"Mission locale de Blois : le salon de l'alternance"}},
		{Kind: News, URL: "/actualites/forum/", Title: "Forum des métiers", Date: day("2021-10-01"),
			HTML: "<p>Avec la mission locale et le CIO.</p>"},
	}
	ix := Build(docs, corpusPartners)
	checkQueries(t, ix, []queryTest{
		{"mission locale ", []string{"/partenaires/mission-locale-de-blois/", "/actualites/directeur/", "/actualites/salon/",
			"/actualites/numerique/", "/actualites/forum/"}},
		// The titles it lists find the page too, after the pages with the
		// words in their title.
		{"numérique ", []string{"/actualites/numerique/", "/partenaires/mission-locale-de-blois/"}},
	})
}

type queryTest struct {
	query string
	want  []string // URLs, best first
}

func checkQueries(t *testing.T, ix *Index, tests []queryTest) {
	t.Helper()
	for _, tt := range tests {
		got, err := ix.Query(tt.query)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("Query(%q) = %q, want %q", tt.query, got, tt.want)
		}
	}
}

func TestBuildIsDeterministic(t *testing.T) {
	a := Build(corpus, corpusPartners)
	shuffled := slices.Clone(corpus)
	slices.Reverse(shuffled)
	b := Build(shuffled, corpusPartners)
	if !slices.Equal(a.Paths(), b.Paths()) {
		t.Fatalf("paths differ: %q and %q", a.Paths(), b.Paths())
	}
	for _, p := range a.Paths() {
		if !bytes.Equal(a.Files[p], b.Files[p]) {
			t.Errorf("%s differs between two builds of the same documents", p)
		}
	}
}

// TestShardLayout builds a site of many words with small shards: every
// word must be in the shard its range says, and only there among the
// shards, which keep under the size unless one stem is larger.
func TestShardLayout(t *testing.T) {
	defer func(n int) { maxShard = n }(maxShard)
	maxShard = 400
	var docs []Doc
	for i := range 60 {
		docs = append(docs, Doc{Kind: News, URL: fmt.Sprintf("/actualites/%d/", i), Title: fmt.Sprintf("Actualité %d", i),
			Date: day("2021-01-01").AddDate(0, 0, i), Text: fmt.Sprintf("mot%c%c formation%d partenaires", 'a'+i%26, 'a'+i/26, i%7)})
	}
	ix := Build(docs, nil)
	var m struct {
		N, Chunk int
		Shards   []string
		Kinds    string
	}
	if err := json.Unmarshal(ix.Files[ManifestFile], &m); err != nil {
		t.Fatal(err)
	}
	if m.N != 60 || m.Chunk != DocsPerChunk || len(m.Kinds) != 60 || len(m.Shards) < 4 || m.Shards[0] != "" || !slices.IsSorted(m.Shards) {
		t.Fatalf("manifest: %d docs, %d a chunk, kinds %q, shards %q", m.N, m.Chunk, m.Kinds, m.Shards)
	}
	for _, p := range []string{DocFile(0), DocFile(1)} {
		if _, ok := ix.Files[p]; !ok {
			t.Errorf("no %s for 60 documents", p)
		}
	}
	where := map[string][]int{} // word → the shards it is in
	for i := range m.Shards {
		b, ok := ix.Files[ShardFile(i)]
		if !ok {
			t.Fatalf("no %s", ShardFile(i))
		}
		var sh map[string]entry
		if err := json.Unmarshal(b, &sh); err != nil {
			t.Fatalf("%s: %v", ShardFile(i), err)
		}
		if len(b) > maxShard && len(sh) > 1 {
			t.Errorf("%s holds %d bytes, over %d", ShardFile(i), len(b), maxShard)
		}
		for _, e := range sh {
			var words []string
			_ = json.Unmarshal(e[0], &words)
			for _, w := range words {
				if shardOf(m.Shards, w) == i {
					where[w] = append(where[w], i)
				}
			}
		}
	}
	for _, w := range []string{"motaa", "motzb", "formation3", "partenaires", "actualite", "59"} {
		if len(where[w]) != 1 {
			t.Errorf("the word %q is in shards %v of its range, want one", w, where[w])
		}
	}
	// The exact word first; few documents: its neighbours by one mistake too.
	if got, _ := ix.Query("motzb "); len(got) < 2 || got[0] != "/actualites/51/" {
		t.Errorf("motzb finds %q", got)
	}
	if got, _ := ix.Query("partenaires "); len(got) != 60 {
		t.Errorf("partenaires finds %d documents, want 60", len(got))
	}
}

func FuzzWords(f *testing.F) {
	for _, s := range []string{"<p>l&#39;orientation</p>", "<a href=\"x\">&amp", "l'orientation", "Saint-Aignan", "aujourd’hui", "2021-10-19", "e\u0301te\u0301", "« forum »", "qu'", "'l", "l''a"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		Words(text, func(w string) {
			if w == "" || Fold(w) != w || strings.ContainsFunc(w, func(r rune) bool {
				return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.Is(unicode.Mn, r)
			}) {
				t.Errorf("Words(%q) gives %q", text, w)
			}
			_ = Stem(w)
		})
		HTMLWords(text, func(w string) {
			if w == "" || Fold(w) != w {
				t.Errorf("HTMLWords(%q) gives %q", text, w)
			}
		})
	})
}

// Read gives back the index a build wrote, file for file, and the same
// answers to a query.
func TestReadWhatWasWritten(t *testing.T) {
	written := Build(corpus, corpusPartners)
	fsys := fstest.MapFS{}
	for p, b := range written.Files {
		fsys[p] = &fstest.MapFile{Data: b}
	}
	read, err := Read(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(read.Paths(), written.Paths()) {
		t.Fatalf("read %v, wrote %v", read.Paths(), written.Paths())
	}
	want, _ := written.Query("forum")
	if got, err := read.Query("forum"); err != nil || !slices.Equal(got, want) || len(got) == 0 {
		t.Errorf("forum: read index gives %v (%v), written one %v", got, err, want)
	}
}
