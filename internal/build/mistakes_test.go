package build

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"relais/internal/diag"
	"relais/internal/render"
)

// copyExample copies the repository's example site into a temporary folder.
func copyExample(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	err := filepath.WalkDir("../../content", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel("../..", p)
		target := filepath.Join(root, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return root
}

// TestEditorMistakes makes each mistake an editor makes in a copy of the
// example site, after a good build: each gives one message naming the file
// and the line, and the published site stays byte for byte as it was.
func TestEditorMistakes(t *testing.T) {
	root := copyExample(t)
	cfg := Config{Root: root, NowText: "2021-10-01"}
	if _, err := Run(cfg); err != nil {
		t.Fatal(err)
	}
	good := readTree(t, filepath.Join(root, "public"))
	tests := []struct {
		name, file, src, want string
	}{
		{"no front matter", "content/news/x.md", "Une actualité sans en-tête.\n",
			"content/news/x.md:1: no front matter: the file must start with --- on its own line, then keys such as title: ..., then --- again"},
		{"unclosed front matter", "content/news/x.md", "---\ntitle: X\ndate: \"2021-10-01\"\npartner: cap-emploi\n\nTexte.\n",
			"content/news/x.md:1: front matter opened with --- is not closed: add a line --- after the last key"},
		{"YAML syntax error", "content/news/x.md", "---\ntitle: X\ndate: \"2021-10-01\n---\n",
			"content/news/x.md:3: YAML: found unexpected end of stream"},
		{"unknown key", "content/news/x.md", "---\ntitle: X\ndate: \"2021-10-01\"\npartenaire: cap-emploi\n---\n",
			"content/news/x.md:2: missing required key \"partner\"\ncontent/news/x.md:4: unknown key \"partenaire\"; did you mean \"partner\"?"},
		{"impossible date", "content/events/x.md", "---\ntitle: X\nstart: \"2021-13-45\"\n---\n",
			`content/events/x.md:3: start: invalid date "2021-13-45": month 13 does not exist`},
		{"end before start", "content/events/x.md", "---\ntitle: X\nstart: \"2021-10-07\"\nend: \"2021-10-06\"\n---\n",
			"content/events/x.md:4: end 2021-10-06 is before start 2021-10-07"},
		{"time in the spring gap", "content/events/x.md", "---\ntitle: X\nstart: \"2022-03-27T02:30\"\n---\n",
			`content/events/x.md:3: start: time "2022-03-27T02:30" does not exist in Europe/Paris (the clocks go forward that night)`},
		{"unknown partner", "content/news/x.md", "---\ntitle: X\ndate: \"2021-10-01\"\npartner: cap-emplois\n---\n",
			`content/news/x.md:4: unknown partner "cap-emplois": there is no content/partners/cap-emplois.md; did you mean "cap-emploi"?`},
		{"unknown minutes", "content/events/x.md", "---\ntitle: X\nstart: \"2021-10-07\"\nminutes: \"2021-09-24\"\n---\n",
			`content/events/x.md:4: unknown minutes "2021-09-24": there is no content/minutes/2021-09-24.md; did you mean "2021-09-23"?`},
		{"duplicate slug", "content/events/2021/klub-extraordinaire.md", "---\ntitle: X\nstart: \"2021-10-07\"\n---\n",
			`content/events/klub-extraordinaire.md:1: duplicate slug "klub-extraordinaire": content/events/2021/klub-extraordinaire.md has the same file name, and both would be published at /agenda/klub-extraordinaire/`},
		{"link to a missing file", "content/news/x.md", "---\ntitle: X\ndate: \"2021-10-01\"\npartner: cap-emploi\n---\n\nVoir le [forum](../events/forum-lycee.md).\n",
			"content/news/x.md:7: link to content/events/forum-lycee.md: no such content file; did you mean ../events/forum-lycee-saint-aignan.md?"},
		{"byte-order mark", "content/news/x.md", "\ufeff---\ntitle: X\n---\n",
			"content/news/x.md:1: file starts with a byte-order mark (BOM): save it as UTF-8 without BOM"},
		{"not UTF-8", "content/news/x.md", "---\ntitle: Caf\xe9\n---\n",
			"content/news/x.md:2: text is not valid UTF-8: save the file as UTF-8"},
		{"empty title", "content/pages/x.md", "---\ntitle: \"\"\n---\n",
			`content/pages/x.md:2: missing required key "title"`},
		{"draft referenced", "content/partners/cap-emploi.md", "---\ntitle: Cap emploi\ndraft: true\n---\n",
			""}, // checked below: several files reference it
		{"meeting passcode", "content/events/x.md", "---\ntitle: X\nstart: \"2021-11-16T10:30\"\n---\n\nhttps://us02web.zoom.us/j/87144866509\n\nCode secret : 156626\n",
			`content/events/x.md:8: "Code secret : 156626" next to a meeting link: the public site must not publish a meeting's passcode; send it to participants privately (if it must be published, set publish_private: true)`},
		{"passcode in the online link", "content/events/x.md", "---\ntitle: X\nstart: \"2021-11-16T10:30\"\nonline: https://us02web.zoom.us/j/87144866509?pwd=d1F5UTJW\n---\n",
			"content/events/x.md:4: online: the meeting link carries its passcode (pwd=…): publish the link without it and send the passcode to participants privately (if it must be published, set publish_private: true)"},
		{"javascript link", "content/news/x.md", "---\ntitle: X\ndate: \"2021-10-01\"\npartner: cap-emploi\n---\n[clic](javascript:alert(1))\n",
			`content/news/x.md:6: the link scheme "javascript" is not allowed: use https://, mailto: or tel:`},
		{"e-mail address in a link", "content/news/x.md", "---\ntitle: X\ndate: \"2021-10-01\"\npartner: cap-emploi\n---\n[formulaire](https://forms.example.org/r?u=anne.zillhardt%40centrevaldeloire.fr)\n",
			"content/news/x.md:6: the address contains an e-mail address (anne.zillhardt%40centrevaldeloire.fr): remove it from the link"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(root, filepath.FromSlash(tt.file))
			old, existed := os.ReadFile(path)
			os.MkdirAll(filepath.Dir(path), 0o755)
			if err := os.WriteFile(path, []byte(tt.src), 0o644); err != nil {
				t.Fatal(err)
			}
			defer func() {
				if existed == nil {
					os.WriteFile(path, old, 0o644)
				} else {
					os.Remove(path)
					os.Remove(filepath.Dir(path)) // the sub-folder, when empty
				}
			}()
			_, err := Run(cfg)
			var list diag.List
			if !errors.As(err, &list) {
				t.Fatalf("want content errors, have %v", err)
			}
			got := err.Error()
			if tt.want == "" {
				if !strings.Contains(got, `partner "cap-emploi" is a draft (content/partners/cap-emploi.md): publish it or remove the reference`) ||
					!strings.Contains(got, "content/news/cap-emploi-accueil-agences-pole-emploi.md:4:") {
					t.Errorf("have:\n%s", got)
				}
			} else if got != tt.want {
				t.Errorf("have:\n%s\nwant:\n%s", got, tt.want)
			}
			compareTrees(t, readTree(t, filepath.Join(root, "public")), good)
		})
	}
}

// TestRedirectLinksUnwrapped: an Outlook safelink pasted in a body or in a
// registration URL is published as the address it wraps, with a warning.
func TestRedirectLinksUnwrapped(t *testing.T) {
	root := copyExample(t)
	const safelink = "https://eur01.safelinks.protection.outlook.com/?url=https%3A%2F%2Fwww.weezevent.com%2Fhack-ton-orientation&data=04%7C01%7Canne.zillhardt%40centrevaldeloire.fr%7C2c06&reserved=0"
	src := "---\ntitle: Salon\nstart: \"2021-10-20\"\nregistration:\n  url: " + safelink + "\n---\n\nInscriptions : " + safelink + "\n\nOu [ici](" + safelink + ").\n"
	if err := os.WriteFile(filepath.Join(root, "content/events/salon.md"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	sum, err := Run(Config{Root: root, NowText: "2021-10-01"})
	if err != nil {
		t.Fatal(err)
	}
	var warnings []string
	for _, w := range sum.Warnings {
		warnings = append(warnings, w.Error())
	}
	want := []string{
		"content/events/salon.md:5: warning: registration.url: redirect link replaced by the address it wraps, https://www.weezevent.com/hack-ton-orientation: paste the real address (such links expire and reveal who received the mail)",
		"content/events/salon.md:8: warning: redirect link replaced by the address it wraps, https://www.weezevent.com/hack-ton-orientation: paste the real address (such links expire and reveal who received the mail)",
		"content/events/salon.md:10: warning: redirect link replaced by the address it wraps, https://www.weezevent.com/hack-ton-orientation: paste the real address (such links expire and reveal who received the mail)",
	}
	if strings.Join(warnings, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(warnings, "\n"), strings.Join(want, "\n"))
	}
	for p, b := range readTree(t, filepath.Join(root, "public")) {
		if strings.Contains(string(b), "safelinks") || strings.Contains(string(b), "zillhardt") {
			t.Errorf("%s publishes the redirect link", p)
		}
	}
	page, _ := os.ReadFile(filepath.Join(root, "public/agenda/salon/index.html"))
	if strings.Count(string(page), `href="https://www.weezevent.com/hack-ton-orientation"`) != 3 {
		t.Errorf("the event page does not link the real address three times:\n%s", page)
	}
}

// TestFailedWriteLeavesOutput injects a failure while the new site is
// written: the previous site stays whole and no temporary folder remains.
func TestFailedWriteLeavesOutput(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	if err := Write(render.Output{"index.html": []byte("old"), "a/index.html": []byte("a")}, out, ""); err != nil {
		t.Fatal(err)
	}
	// "index.html/x" cannot be written: index.html is a file.
	err := Write(render.Output{"index.html": []byte("new"), "index.html/x": []byte("x")}, out, "")
	if err == nil {
		t.Fatal("want a write error")
	}
	compareTrees(t, readTree(t, out), map[string][]byte{"index.html": []byte("old"), "a/index.html": []byte("a")})
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 || entries[0].Name() != ".public.staging" {
		t.Errorf("left behind: %v", entries)
	}
}

// TestWriteReusesStaging: the staging folder keeps the previous site for
// the next build; whatever it held, each build's output is exactly its own,
// even where a folder became a file or the reverse. The same with the
// fallback swap of the systems without an atomic exchange, which leaves no
// ".public.old" behind.
func TestWriteReusesStaging(t *testing.T) {
	sites := []render.Output{
		{"index.html": []byte("1"), "a/index.html": []byte("a1"), "b/c.txt": []byte("c1")},
		{"index.html": []byte("2"), "a": []byte("a is a file now"), "d/index.html": []byte("d2")},
		{"index.html": []byte("3"), "a/index.html": []byte("a3"), "b": []byte("b is a file")},
		{"index.html": []byte("4")},
	}
	for _, swap := range []struct {
		name     string
		exchange func(a, b string) error
	}{{"exchange", exchangeFolders}, {"renames", noExchange}} {
		t.Run(swap.name, func(t *testing.T) {
			dir := t.TempDir()
			out := filepath.Join(dir, "public")
			for i, site := range sites {
				if err := writeWith(site, out, "", swap.exchange); err != nil {
					t.Fatalf("build %d: %v", i+1, err)
				}
				compareTrees(t, readTree(t, out), site)
				if i > 0 {
					staged := readTree(t, filepath.Join(dir, ".public.staging"))
					if !strings.HasPrefix(string(staged[".gitignore"]), "# relais") {
						t.Errorf("build %d: the staging folder has no .gitignore", i+1)
					}
					delete(staged, ".gitignore")
					compareTrees(t, staged, sites[i-1])
				}
				assertFolders(t, dir, ".public.staging", "public")
			}
		})
	}
}
