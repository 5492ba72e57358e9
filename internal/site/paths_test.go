package site

import (
	"testing"
	"testing/fstest"
	"time"

	"relais/internal/content"
	"relais/internal/markdown"
)

func TestRelURLAndAbsURL(t *testing.T) {
	tests := []struct {
		name, base, path, rel, abs string
	}{
		{"root of a host", "https://example.org", "/agenda/", "/agenda/", "https://example.org/agenda/"},
		{"root, no slash", "https://example.org", "agenda/", "/agenda/", "https://example.org/agenda/"},
		{"under a path", "https://example.org/reseau", "/agenda/", "/reseau/agenda/", "https://example.org/reseau/agenda/"},
		{"under a path, no slash", "https://example.org/reseau", "assets/relais.css", "/reseau/assets/relais.css", "https://example.org/reseau/assets/relais.css"},
		{"home under a path", "https://example.org/reseau", "/", "/reseau/", "https://example.org/reseau/"},
		{"empty", "https://example.org/reseau", "", "/reseau/", "https://example.org/reseau/"},
		{"absolute URL", "https://example.org/reseau", "https://autre.example.net/x", "https://autre.example.net/x", "https://autre.example.net/x"},
		{"scheme-relative", "https://example.org/reseau", "//cdn.example.net/x", "//cdn.example.net/x", "//cdn.example.net/x"},
		{"mailto", "https://example.org/reseau", "mailto:a@example.org", "mailto:a@example.org", "mailto:a@example.org"},
		{"fragment", "https://example.org/reseau", "#contenu", "#contenu", "#contenu"},
		{"no base URL", "", "/agenda/", "/agenda/", "/agenda/"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := &Site{BaseURL: tt.base}
			if tt.base != "" {
				_, s.BasePath = splitBaseURL(tt.base)
			}
			if got := s.RelURL(tt.path); got != tt.rel {
				t.Errorf("RelURL(%q) = %q, want %q", tt.path, got, tt.rel)
			}
			if got := s.AbsURL(s.RelURL(tt.path)); got != tt.abs {
				t.Errorf("AbsURL(RelURL(%q)) = %q, want %q", tt.path, got, tt.abs)
			}
		})
	}
}

// TestBuildBasePath: the base URL's path, wherever it comes from, is in
// every URL of the model and in the content links of bodies.
func TestBuildBasePath(t *testing.T) {
	files := fstest.MapFS{
		"content/_index.md":       {Data: []byte("---\ntitle: Réseau\nbase_url: \"https://example.org/r%C3%A9seau/vend%C3%B4me/\"\n---\n")},
		"content/partners/cio.md": {Data: []byte("---\ntitle: CIO\n---\n")},
		"content/news/a.md":       {Data: []byte("---\ntitle: A\ndate: \"2021-09-01\"\npartner: cio\n---\n\nVoir le [forum](../events/forum.md#programme), la [plaquette](/medias/plaquette.pdf) et ![le plan](/images/plan.png), ou [ailleurs](//autre.example.net/x) et [ici](#note).\n")},
		"content/news/b.md":       {Data: []byte("---\ntitle: B\ndate: \"2021-08-01\"\npartner: cio\n---\n\nLe [programme](/medias/programme.pdf).\n")},
		"content/events/forum.md": {Data: []byte("---\ntitle: Forum\nstart: \"2021-10-19\"\norganizer: cio\n---\n")},
	}
	tree, errs := content.Load(files)
	if err := errs.Err(); err != nil {
		t.Fatal(err)
	}
	now := time.Date(2021, 10, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		opts Options
		base string // BaseURL
		path string // BasePath
	}{
		{"from _index.md", Options{Now: now}, "https://example.org/r%C3%A9seau/vend%C3%B4me", "/r%C3%A9seau/vend%C3%B4me"},
		{"from --base-url", Options{Now: now, BaseURL: "https://example.org/sous/dossier/"}, "https://example.org/sous/dossier", "/sous/dossier"},
		{"at the root", Options{Now: now, BaseURL: "https://example.org/"}, "https://example.org", ""},
		{"served by relais serve", Options{Now: now, BaseURL: "https://example.org/sous/dossier", Origin: "http://127.0.0.1:1313"}, "http://127.0.0.1:1313/sous/dossier", "/sous/dossier"},
	}
	cache := NewCache() // as relais serve keeps it: a body converted for one base path is not reused for another
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.opts.Cache = cache
			s, problems := Build(tree, markdown.New(), tt.opts)
			if err := problems.Err(); err != nil {
				t.Fatal(err)
			}
			if s.BaseURL != tt.base || s.BasePath != tt.path {
				t.Errorf("BaseURL, BasePath = %q, %q; want %q, %q", s.BaseURL, s.BasePath, tt.base, tt.path)
			}
			p := tt.path
			for _, u := range [][2]string{
				{s.Partners[0].URL, p + "/partenaires/cio/"},
				{s.News[0].URL, p + "/actualites/a/"},
				{s.Events[0].URL, p + "/agenda/forum/"},
				{EventCalendarURL(s.Events[0]), p + "/agenda/forum.ics"},
				{PartnerFeedURL(s.Partners[0]), p + "/partenaires/cio/feed.xml"},
			} {
				if u[0] != u[1] {
					t.Errorf("URL %q, want %q", u[0], u[1])
				}
			}
			want := `<p>Voir le <a href="` + p + `/agenda/forum/#programme">forum</a>, la <a href="` + p + `/medias/plaquette.pdf">plaquette</a> et <img src="` + p +
				`/images/plan.png" alt="le plan">, ou <a href="//autre.example.net/x">ailleurs</a> et <a href="#note">ici</a>.</p>` + "\n"
			if got := string(s.News[0].HTML); got != want {
				t.Errorf("body:\nhave %s\nwant %s", got, want)
			}
			// A body without content links, whose conversion the cache
			// would otherwise keep.
			want = `<p>Le <a href="` + p + `/medias/programme.pdf">programme</a>.</p>` + "\n"
			if got := string(s.News[1].HTML); got != want {
				t.Errorf("body:\nhave %s\nwant %s", got, want)
			}
		})
	}
}
