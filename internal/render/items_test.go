package render

import (
	"io/fs"
	"os"
	"testing"
	"testing/fstest"

	"relais/internal/content"
	"relais/internal/date"
	"relais/internal/gen"
	"relais/internal/markdown"
	"relais/internal/site"
	"relais/internal/testsite"
)

// TestItemsEqualTemplates renders every news and event item of the test
// sites, of the example site and of a generated site both with the embedded
// partials and with the Go functions that replace them (items.go): the
// bytes must be the same. An edit of the partials that is not made to
// items.go too fails here.
func TestItemsEqualTemplates(t *testing.T) {
	sites := map[string]*site.Site{}
	files, err := testsite.Files("../../testdata/sites")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		ts, err := testsite.Extract(f, t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		sites[ts.Name] = model(t, os.DirFS(ts.Root), ts.Now, ts.Drafts)
	}
	sites["example"] = model(t, os.DirFS("../.."), "2021-10-01", false)
	generated := fstest.MapFS{}
	for p, b := range gen.Files(gen.Options{Pages: 1000, Seed: 7}) {
		generated[p] = &fstest.MapFile{Data: b}
	}
	sites["generated"] = model(t, generated, gen.Now, false)
	sites["odd values"] = oddSite(t)

	for name, s := range sites {
		th, err := LoadTheme(nil, s.Language, s.BasePath)
		if err != nil {
			t.Fatal(err)
		}
		iw := th.fastNews
		if iw == nil || th.fastEvents == nil {
			t.Fatal("the embedded theme does not use the Go items")
		}
		fast := 0
		for _, n := range s.News {
			for _, heading := range []string{"h2", "h3"} {
				want, err := th.partial("partials/news-item.html", map[string]any{"News": n, "Heading": heading})
				if err != nil {
					t.Fatal(err)
				}
				if got, ok := iw.news(n, heading); ok {
					fast++
					if got != want {
						t.Errorf("%s: news %s, %s:\n got: %s\nwant: %s", name, n.Slug, heading, got, want)
					}
				}
			}
		}
		for _, e := range s.Events {
			for _, state := range []bool{false, true} {
				want, err := th.partial("partials/event-item.html", map[string]any{"Event": e, "Site": s, "State": state})
				if err != nil {
					t.Fatal(err)
				}
				if got, ok := th.fastEvents.event(e, s.Now, state); ok {
					fast++
					if got != want {
						t.Errorf("%s: event %s, state %v:\n got: %s\nwant: %s", name, e.Slug, state, got, want)
					}
				}
			}
		}
		want := 2 * (len(s.News) + len(s.Events))
		if name == "odd values" {
			want = 4 // events e and f have URLs that html/template changes: theirs go to the template
		}
		if fast != want {
			t.Errorf("%s: %d items written in Go, want %d", name, fast, want)
		}
		t.Logf("%s: %d items compared", name, fast)
	}
}

// oddSite has values that html/template escapes or filters: the Go items
// must escape them the same way or leave the item to the template.
func oddSite(t *testing.T) *site.Site {
	fsys := fstest.MapFS{
		"content/_index.md":       {Data: []byte("---\ntitle: Réseau\nbase_url: https://reseau.example.org\n---\n")},
		"content/partners/a-b.md": {Data: []byte("---\ntitle: \"A <b> & 'c' + \\\"d\\\"\"\nshort: \"A&B\"\n---\n")},
		"content/news/x.md":       {Data: []byte("---\ntitle: \"1 + 1 < 3 & 'x' \\\"y\\\" \\u0000\"\ndate: \"2021-09-01\"\npartner: a-b\n---\nRésumé <i>en</i> & + \"guillemets\".\n")},
		"content/events/e.md": {Data: []byte(`---
title: "Forum <d'été> + \"x\""
start: "2021-10-19T09:00"
end: "2021-10-19T12:00"
location: "Salle <A> & 'B'"
organizer: "Org & <Co>"
registration: {url: "https://forms.example.org/x?a=1&b=2+3%20%zz", deadline: "2021-10-04"}
---
`)},
		"content/events/f.md": {Data: []byte(`---
title: F
start: "2021-10-20"
organizer: a-b
online: "https://visio.example.org/a b"
status: postponed
registration: {url: "https://forms.example.org/é?x='y'"}
---
`)},
		"content/events/g.md": {Data: []byte(`---
title: G
start: "2021-10-21"
status: cancelled
registration: {url: "mailto:inscription@example.org?subject=G%20x", deadline: "2021-09-01"}
---
`)},
	}
	return model(t, fsys, "2021-10-01", false)
}

func model(t *testing.T, fsys fs.FS, now string, drafts bool) *site.Site {
	t.Helper()
	tree, errs := content.Load(fsys)
	if err := errs.Err(); err != nil {
		t.Fatal(err)
	}
	v, err := date.Parse(now, tree.Settings.Location)
	if err != nil {
		t.Fatal(err)
	}
	s, errs := site.Build(tree, markdown.New(), site.Options{Now: v.Time(), Drafts: drafts})
	if err := errs.Err(); err != nil {
		t.Fatal(err)
	}
	return s
}
