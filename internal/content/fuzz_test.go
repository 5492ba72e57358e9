package content_test

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"relais/internal/content"
	"relais/internal/diag"
)

// fuzzTargets are the files FuzzFrontMatter writes its input to, chosen by
// its first argument: an event (the richest kind), the site settings (which
// decide whether there is a tree at all), and a news item.
var fuzzTargets = []string{"content/events/x.md", "content/_index.md", "content/news/x.md"}

// seedFiles returns the .md files of the example site and of testdata.
func seedFiles(t testing.TB) map[string][]byte {
	files := map[string][]byte{}
	for _, root := range []string{"../../content", "testdata"} {
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
				return err
			}
			b, err := os.ReadFile(p)
			files[filepath.ToSlash(p)] = b
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if len(files) == 0 {
		t.Fatal("no seed files")
	}
	return files
}

// FuzzFrontMatter loads a site with one arbitrary file. Loading must never
// panic, and every problem must name a file of the site and a line inside it
// (line 0 stands for the whole file).
func FuzzFrontMatter(f *testing.F) {
	for _, src := range seedFiles(f) {
		for i := range fuzzTargets {
			f.Add(uint8(i), src)
		}
	}
	f.Fuzz(func(t *testing.T, which uint8, src []byte) {
		target := fuzzTargets[int(which)%len(fuzzTargets)]
		fsys := fstest.MapFS{
			"content/_index.md":     {Data: []byte(settingsFile)},
			"content/partners/p.md": {Data: []byte("---\ntitle: Partenaire\n---\n")},
		}
		fsys[target] = &fstest.MapFile{Data: src}

		tree, errs := content.Load(fsys)

		if tree == nil && len(errs.Fatal()) == 0 {
			t.Fatalf("no tree and no error")
		}
		bad := map[string]bool{} // files with a fatal problem
		for _, e := range errs {
			file, ok := fsys[e.Pos.File]
			if !ok {
				t.Fatalf("problem names %q, not a file of the site: %v", e.Pos.File, e)
			}
			// A last line without "\n" is a line too; a position just
			// past the last "\n" (end of file) is allowed.
			lines := bytes.Count(file.Data, []byte("\n")) + 1
			if e.Pos.Line < 0 || e.Pos.Line > lines {
				t.Fatalf("problem at line %d of a file of %d lines: %v", e.Pos.Line, lines, e)
			}
			if e.Msg == "" {
				t.Fatalf("problem without a message at %v", e.Pos)
			}
			if e.Severity == diag.Fatal {
				bad[e.Pos.File] = true
			}
		}
		if tree == nil {
			return
		}
		// What Load returns without complaint must honour the contract.
		for _, e := range tree.Events {
			lines := bytes.Count(fsys[e.Path].Data, []byte("\n")) + 1
			if e.BodyLine < 1 || e.BodyLine > lines {
				t.Fatalf("%s: body at line %d of %d", e.Path, e.BodyLine, lines)
			}
			if bad[e.Path] {
				continue
			}
			if e.Title == "" || e.Start.IsZero() {
				t.Fatalf("%s loaded without error but without title or start", e.Path)
			}
			if !e.End.IsZero() && (e.End.IsDay() != e.Start.IsDay() || e.End.Time().Before(e.Start.Time())) {
				t.Fatalf("%s loaded without error with end %v and start %v", e.Path, e.End, e.Start)
			}
			for _, s := range e.Slots {
				if s.Start.IsDay() || s.End.IsDay() || !s.End.Time().After(s.Start.Time()) {
					t.Fatalf("%s loaded without error with slot %v – %v", e.Path, s.Start, s.End)
				}
			}
			if e.Status != content.Scheduled && e.Status != content.Cancelled && e.Status != content.Postponed {
				t.Fatalf("%s loaded without error with status %q", e.Path, e.Status)
			}
		}
		for _, n := range tree.News {
			if !bad[n.Path] && (n.Title == "" || n.Date.IsZero() || n.Partner == "") {
				t.Fatalf("%s loaded without error but without title, date or partner", n.Path)
			}
		}
		if s := tree.Settings; !bad[s.Path] && (s.Title == "" || s.Location == nil) {
			t.Fatalf("settings loaded without error but without title or zone")
		}
	})
}

// TestSeedsAreValid checks that the valid seeds of FuzzFrontMatter load
// without a problem, so that the fuzzer starts from documents that go deep.
func TestSeedsAreValid(t *testing.T) {
	for _, name := range []string{"event-yaml.md", "event-toml.md", "event-json.md", "event-json-hugo.md"} {
		src, err := os.ReadFile(filepath.Join("testdata", "seeds", name))
		if err != nil {
			t.Fatal(err)
		}
		tree := load(t, map[string]string{"events/x.md": string(src)})
		if len(tree.Events) != 1 || len(tree.Events[0].Slots) == 0 || tree.Events[0].Registration == nil {
			t.Errorf("%s: %+v", name, tree.Events)
		}
	}
	src, err := os.ReadFile(filepath.Join("testdata", "seeds", "settings.md"))
	if err != nil {
		t.Fatal(err)
	}
	if tree := load(t, map[string]string{"_index.md": string(src)}); tree.Settings.Timezone != "America/Cayenne" {
		t.Errorf("settings: %+v", tree.Settings)
	}
}
