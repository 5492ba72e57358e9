package feed_test

import (
	"bytes"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/mmcdole/gofeed"

	"relais/internal/content"
	"relais/internal/feed"
	"relais/internal/markdown"
	"relais/internal/site"
)

const base = "https://reseau.example.org"

func files() map[string]string {
	return map[string]string{
		"partners/cio.md":        "---\ntitle: CIO de Tours\n---\n",
		"minutes/2021-09-23.md":  "---\ntitle: Réunion\ndate: \"2021-09-23\"\n---\n## Décisions\n\nVoir le [forum](../events/forum.md) et [la charte](/docs/charte.pdf).\n",
		"news/a.md":              "---\ntitle: Nouvelle A\ndate: \"2021-09-23\"\npartner: cio\nminutes: \"2021-09-23\"\n---\nTexte ]]> avec une [note](#x) et ![logo](images/logo.png).\n",
		"news/b.md":              "---\ntitle: Nouvelle B\ndate: \"2021-09-20T14:30\"\npartner: cio\n---\nTexte B.\n",
		"events/forum.md":        "---\ntitle: Forum\nstart: \"2021-10-19\"\norganizer: cio\nminutes: \"2021-09-23\"\n---\nLe forum.\n",
		"events/sans-annonce.md": "---\ntitle: Sans annonce\nstart: \"2021-10-20\"\n---\n",
	}
}

func buildFeed(t *testing.T, fs map[string]string) []byte {
	t.Helper()
	m := fstest.MapFS{"content/_index.md": {Data: []byte("---\ntitle: Réseau\nbase_url: " + base + "\n---\n")}}
	for p, s := range fs {
		m["content/"+p] = &fstest.MapFile{Data: []byte(s)}
	}
	tree, errs := content.Load(m)
	if err := errs.Err(); err != nil {
		t.Fatal(err)
	}
	s, errs := site.Build(tree, markdown.New(), site.Options{Now: time.Date(2021, 10, 1, 0, 0, 0, 0, time.UTC)})
	if err := errs.Err(); err != nil {
		t.Fatal(err)
	}
	b, err := feed.RSS(feed.Feed{Title: s.Title, Link: base + "/", Self: base + "/feed.xml", Description: "d", Language: "fr",
		Updated: s.Now, Items: feed.Items(s, s.News, s.Minutes, s.Events)})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func parse(t *testing.T, b []byte) *gofeed.Feed {
	t.Helper()
	f, err := gofeed.NewParser().Parse(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("the feed does not parse: %v\n%s", err, b)
	}
	return f
}

func TestFeedItems(t *testing.T) {
	f := parse(t, buildFeed(t, files()))
	var got []string
	for _, it := range f.Items {
		got = append(got, it.Title+" | "+it.GUID+" | "+it.Published+" | "+strings.Join(it.Categories, ","))
	}
	want := []string{
		// Same day: minutes, then news, then events; the event not announced is left out.
		"Réunion du jeudi 23 septembre 2021 | " + base + "/releves/2021-09-23/ | Thu, 23 Sep 2021 00:00:00 +0200 | Relevé de décisions",
		"Nouvelle A | " + base + "/actualites/a/ | Thu, 23 Sep 2021 00:00:00 +0200 | CIO de Tours",
		"Forum – mardi 19 octobre 2021 | " + base + "/agenda/forum/ | Thu, 23 Sep 2021 00:00:00 +0200 | Agenda",
		"Nouvelle B | " + base + "/actualites/b/ | Mon, 20 Sep 2021 14:30:00 +0200 | CIO de Tours",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("items:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if f.Language != "fr" || f.FeedLink != base+"/feed.xml" || f.Updated != "Fri, 01 Oct 2021 02:00:00 +0200" {
		t.Errorf("channel: language %q, self %q, lastBuildDate %q", f.Language, f.FeedLink, f.Updated)
	}
}

var urlAttr = regexp.MustCompile(`(?:href|src)="([^"]*)"`)

// TestFeedURLsAreAbsolute: readers show items away from the site.
func TestFeedURLsAreAbsolute(t *testing.T) {
	f := parse(t, buildFeed(t, files()))
	for _, it := range f.Items {
		if it.Content == "" {
			t.Errorf("%s: no content:encoded", it.Title)
		}
		for _, m := range urlAttr.FindAllStringSubmatch(it.Content, -1) {
			if u, err := url.Parse(m[1]); err != nil || !u.IsAbs() {
				t.Errorf("%s: relative URL %q", it.Title, m[1])
			}
		}
	}
	a := f.Items[1].Content
	for _, want := range []string{`href="` + base + `/actualites/a/#x"`, `src="` + base + `/actualites/a/images/logo.png"`, "Texte ]]&gt; avec"} {
		if !strings.Contains(a, want) {
			t.Errorf("content of A lacks %s:\n%s", want, a)
		}
	}
	if m := f.Items[0].Content; !strings.Contains(m, `href="`+base+`/docs/charte.pdf"`) || !strings.Contains(m, `href="`+base+`/agenda/forum/"`) {
		t.Errorf("minutes content: %s", m)
	}
}

// TestGUIDsAreStable adds one news item and wants exactly one new item, the
// others keeping their GUIDs.
func TestGUIDsAreStable(t *testing.T) {
	before := parse(t, buildFeed(t, files()))
	more := files()
	more["news/c.md"] = "---\ntitle: Nouvelle C\ndate: \"2021-09-30\"\npartner: cio\n---\nC.\n"
	after := parse(t, buildFeed(t, more))
	if len(after.Items) != len(before.Items)+1 || after.Items[0].GUID != base+"/actualites/c/" {
		t.Fatalf("want one new item on top: %d then %d items", len(before.Items), len(after.Items))
	}
	for i, it := range before.Items {
		if after.Items[i+1].GUID != it.GUID {
			t.Errorf("item %d changed GUID: %s → %s", i, it.GUID, after.Items[i+1].GUID)
		}
	}
}

func TestFeedKeepsFiftyNewest(t *testing.T) {
	fs := files()
	for i := range 60 {
		d := time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i).Format("2006-01-02")
		fs["news/n"+d+".md"] = "---\ntitle: N " + d + "\ndate: \"" + d + "\"\npartner: cio\n---\n"
	}
	f := parse(t, buildFeed(t, fs))
	if len(f.Items) != feed.MaxItems {
		t.Errorf("have %d items, want %d", len(f.Items), feed.MaxItems)
	}
}

func TestSummaryCutsAtAWord(t *testing.T) {
	long := strings.Repeat("orientation ", 40)
	fs := files()
	fs["news/long.md"] = "---\ntitle: Longue\ndate: \"2021-09-30\"\npartner: cio\n---\n" + long + "\n"
	f := parse(t, buildFeed(t, fs))
	d := f.Items[0].Description
	if !strings.HasSuffix(d, "orientation…") || len([]rune(d)) > 301 {
		t.Errorf("summary not cut at a word: %q", d)
	}
}

func TestJSONFeed(t *testing.T) {
	b, err := feed.JSON(feed.Feed{Title: "R", Link: base + "/", Self: base + "/feed.json", Items: []feed.Item{{Title: "T", URL: base + "/x/", Date: time.Date(2021, 9, 23, 0, 0, 0, 0, time.FixedZone("", 7200)), HTML: "<p>x</p>", Category: "Agenda"}}})
	if err != nil {
		t.Fatal(err)
	}
	f, err := gofeed.NewParser().Parse(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if f.FeedType != "json" || f.Items[0].GUID != base+"/x/" || f.Items[0].Published != "2021-09-23T00:00:00+02:00" {
		t.Errorf("JSON feed: %s %+v", f.FeedType, f.Items[0])
	}
}

// TestCDATAEnd: "]]>" in raw HTML must not end the CDATA section early.
func TestCDATAEnd(t *testing.T) {
	b, err := feed.RSS(feed.Feed{Title: "R", Link: base + "/", Self: base + "/feed.xml", Items: []feed.Item{{Title: "T", URL: base + "/x/", HTML: "<p>a ]]> b</p>"}}})
	if err != nil {
		t.Fatal(err)
	}
	if f := parse(t, b); f.Items[0].Content != "<p>a ]]> b</p>" {
		t.Errorf("content: %q", f.Items[0].Content)
	}
}
