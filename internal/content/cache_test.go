package content_test

import (
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/rogpeppe/go-internal/txtar"

	"relais/internal/content"
)

// TestLoadCachedAfterEdits: after each change, as relais serve's watcher
// reports it, a load through the cache gives what a fresh load gives, tree
// and problems, and edits of files without problems start from the last
// tree.
func TestLoadCachedAfterEdits(t *testing.T) {
	a, err := txtar.ParseFile("../../testdata/sites/reseau.txtar")
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{}
	mod := time.Date(2021, 10, 1, 0, 0, 0, 0, time.UTC)
	for _, f := range a.Files {
		if strings.HasPrefix(f.Name, "content/") {
			fsys[f.Name] = &fstest.MapFile{Data: f.Data, ModTime: mod}
		}
	}
	c := content.NewCache()
	c.Watched = true
	if _, problems := content.LoadCached(fsys, c); problems.Err() != nil {
		t.Fatal(problems)
	}
	edit := func(p, old, new string) func() {
		return func() {
			f := fsys[p]
			if !strings.Contains(string(f.Data), old) {
				t.Fatalf("%s has no %q", p, old)
			}
			fsys[p] = &fstest.MapFile{Data: []byte(strings.Replace(string(f.Data), old, new, 1)), ModTime: f.ModTime}
		}
	}
	steps := []struct {
		name    string
		file    string
		change  func()
		oneFile bool // the load starts from the last tree
	}{
		{"news title", "content/news/ml-permanence.md", edit("content/news/ml-permanence.md", "Nouvelle permanence", "Une permanence"), true},
		{"event's date", "content/events/bilan.md", edit("content/events/bilan.md", "2021-09-30T16:00", "2021-09-30T17:00"), true},
		{"partner", "content/partners/cio.md", edit("content/partners/cio.md", `"title": "CIO de Tours",`, `"title": "CIO de Tours", "short": "CIO-T",`), true},
		{"a key in error", "content/news/cap-emploi-site.md", edit("content/news/cap-emploi-site.md", `date = 2021-09-30`, `date = "le 30"`), false},
		{"fixed", "content/news/cap-emploi-site.md", edit("content/news/cap-emploi-site.md", `date = "le 30"`, `date = 2021-09-30`), false},
		{"after the fix", "content/news/cap-emploi-site.md", edit("content/news/cap-emploi-site.md", "nouveau site", "site"), true},
		{"added", "content/news/nouvelle.md", func() {
			fsys["content/news/nouvelle.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Nouvelle\ndate: \"2021-09-01\"\npartner: cio\n---\n"), ModTime: mod}
		}, false},
		{"removed", "content/news/nouvelle.md", func() { delete(fsys, "content/news/nouvelle.md") }, false},
		{"settings", "content/_index.md", edit("content/_index.md", "Réseau Orientation Touraine\"", "Réseau Orientation\""), false},
		{"draft", "content/news/cio-brouillon.md", edit("content/news/cio-brouillon.md", "pas encore", "toujours pas"), true},
	}
	for _, st := range steps {
		st.change()
		before := content.EditLoads(c)
		c.Forget(st.file)
		got, gotProblems := content.LoadCached(fsys, c)
		want, wantProblems := content.Load(fsys)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: the tree differs from a fresh load", st.name)
		}
		if g, w := gotProblems.Error(), wantProblems.Error(); g != w {
			t.Errorf("%s: problems\n%s\nwant\n%s", st.name, g, w)
		}
		if one := content.EditLoads(c) > before; one != st.oneFile {
			t.Errorf("%s: started from the last tree: %v, want %v", st.name, one, st.oneFile)
		}
	}
}
