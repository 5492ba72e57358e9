package build

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"relais/internal/gen"
	"relais/internal/render"
)

// TestSessionPatchEqualsFullBuild edits news items, events, minutes and
// partners one after the other, as an editor does in relais serve, and checks after each edit that
// the session's plan gives, byte for byte, every file a fresh build gives,
// and that the edits which only change what pages show were patched in
// place while the others built the model again.
func TestSessionPatchEqualsFullBuild(t *testing.T) {
	sc := loadSite(t, "../../testdata/sites/reseau.txtar")
	root := sc.cfg.Root
	cfg := sc.cfg
	cfg.Out = ""
	s := NewSession(cfg)
	s.Watched()
	if _, _, err := s.Plan(); err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		name    string
		file    string
		edit    func(string) string
		patched bool   // the plan is a patch of the one before
		fails   string // the build fails with this message
	}{
		{"news title", "content/news/ml-permanence.md", replace("Nouvelle permanence à Amboise", "\"Permanence : Amboise ouvre ses portes !\""), true, ""},
		{"news body with a link to an event", "content/news/cap-emploi-site.md", replace("Le nouveau site est en ligne[^1].", "Le nouveau site est en ligne[^1], avec le [forum](../events/2021/forum-alternance.md#inscription).\n\n## Horaires\n\nToujours."), true, ""},
		{"news of two meetings' bodies, JSON front matter", "content/news/cio-accueil.md", replace("sans rendez-vous", "avec ou sans rendez-vous"), true, ""},
		{"event title, place and status", "content/events/salon-nuit.md", func(s string) string {
			s = replace("Nuit de l'orientation", "La nuit de l'orientation")(s)
			s = replace("Centre de congrès Vinci, Tours", "Vinci, Tours")(s)
			return replace("status: postponed", "status: cancelled")(s)
		}, true, ""},
		{"event of several slots, its registration link", "content/events/2021/forum-alternance.md", func(s string) string {
			s = replace("https://forum.example.org/inscription", "https://forum.example.org/s-inscrire")(s)
			return replace("Sur inscription", "Uniquement sur inscription")(s)
		}, true, ""},
		{"online event's address", "content/events/atelier.md", replace("https://visio.example.org/atelier", "https://visio.example.org/atelier-cv"), true, ""},
		{"draft left out", "content/news/cio-brouillon.md", replace("pas encore publiée", "toujours pas publiée"), true, ""},
		{"minutes title, place and body", "content/minutes/2021-06-15.md", func(s string) string {
			s = replace("title: Réunion plénière", "title: Réunion plénière de juin")(s)
			s = replace("place: à distance", "place: Tours et à distance")(s)
			return replace("aura lieu en octobre", "aura lieu le 19 octobre")(s)
		}, true, ""},
		{"the newest minutes, shown in every mail", "content/minutes/2021-09-30.md", replace("Relevé de la réunion", "Le relevé de la réunion"), true, ""},
		{"partner's short name, website and text", "content/partners/cap-emploi.md", func(s string) string {
			s = replace("short: Cap emploi", "short: Cap emploi Touraine")(s)
			s = replace("https://www.capemploi37.example.org/", "https://capemploi37.example.org/")(s)
			return s + "\nCap emploi accompagne les personnes handicapées.\n"
		}, true, ""},
		{"partner's title: the order changes", "content/partners/cap-emploi.md", replace("title: Cap emploi 37", "title: Zénith emploi 37"), false, ""},
		{"minutes date", "content/minutes/2020-12-10.md", replace("date: 2020-12-10", "date: 2020-12-11"), false, ""},
		{"free page", "content/pages/a-propos.md", replace("Qui sommes-nous ?", "Qui sommes-nous donc ?"), false, ""},
		{"news date: the order changes", "content/news/cio-horaires.md", replace("2021-06-15T09:30", "2021-06-16T09:30"), false, ""},
		{"event's start", "content/events/bilan.md", replace("2021-09-30T14:00", "2021-09-30T13:30"), false, ""},
		{"event's registration deadline", "content/events/job-dating.md", replace("2021-09-20", "2021-09-21"), false, ""},
		{"news partner", "content/news/ml-permanence.md", replace("partner: mission-locale", "partner: cio"), false, ""},
		{"broken link", "content/news/ml-permanence.md", replace("## Horaires", "Voir [ici](nulle-part.md).\n\n## Horaires"), false, "link to content/news/nulle-part.md: no such content file"},
		{"fixed", "content/news/ml-permanence.md", replace("Voir [ici](nulle-part.md).\n\n", ""), false, ""},
		{"published", "content/news/cio-brouillon.md", replace("draft: true\n", ""), false, ""},
		{"title after a full build", "content/news/cio-brouillon.md", replace("toujours pas publiée", "enfin publiée"), true, ""},
	}
	for _, st := range steps {
		p := filepath.Join(root, filepath.FromSlash(st.file))
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		after := st.edit(string(b))
		if after == string(b) {
			t.Fatalf("%s: the edit changes nothing", st.name)
		}
		if err := os.WriteFile(p, []byte(after), 0o644); err != nil {
			t.Fatal(err)
		}
		before := s.Patched()
		s.Forget(st.file)
		plan, _, err := s.Plan()
		if st.fails != "" {
			if err == nil || !strings.Contains(err.Error(), st.fails) {
				t.Fatalf("%s: error %v, want %q", st.name, err, st.fails)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		if got := s.Patched() > before; got != st.patched {
			t.Errorf("%s: patched %v, want %v", st.name, got, st.patched)
		}
		equalsFreshBuild(t, st.name, plan, cfg)
	}
}

// equalsFreshBuild checks that plan gives every file a fresh build of cfg
// gives, byte for byte, after the edit called what.
func equalsFreshBuild(t *testing.T, what string, plan *render.Plan, cfg Config) {
	t.Helper()
	got, err := plan.All()
	if err != nil {
		t.Fatal(err)
	}
	want, _, err := Render(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Errorf("%s: %d files, a fresh build has %d", what, len(got), len(want))
	}
	for path, w := range want {
		if !bytes.Equal(got[path], w) {
			t.Errorf("%s: %s differs from a fresh build", what, path)
		}
	}
}

// replace returns an edit that replaces old with new once.
func replace(old, new string) func(string) string {
	return func(s string) string { return strings.Replace(s, old, new, 1) }
}

// TestSessionPatchEverySite appends a paragraph to the body of every news
// item, event, meeting and partner of every test site, of the example site
// and of a generated site, one file after the other, in a session as
// relais serve keeps it (drafts shown when the site says so, base URLs
// with a path, every kind of front matter): each edit is patched in place,
// and every file then equals a fresh build's.
func TestSessionPatchEverySite(t *testing.T) {
	sites, _ := filepath.Glob("../../testdata/sites/*.txtar")
	if len(sites) < 4 {
		t.Fatalf("only %d test sites", len(sites))
	}
	edited := 0
	for _, file := range sites {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			sc := loadSite(t, file)
			edited += patchEveryFile(t, sc.cfg, 0)
		})
	}
	t.Run("example", func(t *testing.T) {
		root := t.TempDir()
		for _, d := range []string{"content", "layouts", "static"} {
			if err := os.CopyFS(filepath.Join(root, d), os.DirFS(filepath.Join("../..", d))); err != nil {
				t.Fatal(err)
			}
		}
		edited += patchEveryFile(t, Config{Root: root, NowText: "2021-10-01"}, 0)
	})
	t.Run("generated", func(t *testing.T) {
		root := t.TempDir()
		if err := gen.Write(root, gen.Options{Pages: 300, Seed: 3}); err != nil {
			t.Fatal(err)
		}
		edited += patchEveryFile(t, Config{Root: root, NowText: gen.Now}, 24)
	})
	if edited < 60 {
		t.Errorf("%d files edited in all", edited)
	}
}

// patchEveryFile edits the files of the site at cfg.Root one after the
// other (at most max, when not 0) and checks each plan, as
// TestSessionPatchEverySite says. It returns how many it edited.
func patchEveryFile(t *testing.T, cfg Config, max int) int {
	t.Helper()
	cfg.Out = ""
	s := NewSession(cfg)
	s.Watched()
	if _, _, err := s.Plan(); err != nil {
		t.Fatal(err)
	}
	var files []string
	for _, sec := range []string{"news", "events", "minutes", "partners"} {
		filepath.WalkDir(filepath.Join(cfg.Root, "content", sec), func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
				rel, _ := filepath.Rel(cfg.Root, p)
				files = append(files, filepath.ToSlash(rel))
			}
			return nil
		})
	}
	if max > 0 && len(files) > max {
		// Spread over the sections.
		step := len(files) / max
		var some []string
		for i := 0; i < len(files) && len(some) < max; i += step {
			some = append(some, files[i])
		}
		files = some
	}
	for _, f := range files {
		p := filepath.Join(cfg.Root, filepath.FromSlash(f))
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, append(b, "\n\nUn paragraphe ajouté, avec une **mise en valeur**.\n"...), 0o644); err != nil {
			t.Fatal(err)
		}
		before := s.Patched()
		s.Forget(f)
		plan, _, err := s.Plan()
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if s.Patched() == before {
			t.Errorf("%s: built again, not patched", f)
		}
		equalsFreshBuild(t, f, plan, cfg)
	}
	return len(files)
}
