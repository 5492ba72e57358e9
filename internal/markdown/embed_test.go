package markdown_test

import (
	"bytes"
	"fmt"
	"html/template"
	"strings"
	"testing"

	nethtml "golang.org/x/net/html"

	"relais/internal/markdown"
)

func TestEmbed(t *testing.T) {
	tests := []struct {
		name   string
		body   string
		level  int
		prefix string
		want   string
	}{
		{
			name:  "no heading and no id: unchanged",
			body:  "<p>Permanence <strong>chaque mardi</strong> : <a href=\"https://example.org/?id=3\">inscription</a>.</p>\n",
			level: 5, prefix: "actu-a",
			want: "<p>Permanence <strong>chaque mardi</strong> : <a href=\"https://example.org/?id=3\">inscription</a>.</p>\n",
		},
		{
			name:  "h2 under an h4 becomes h5, its id prefixed, the link to it too",
			body:  "<p>Voir les <a href=\"#horaires\">horaires</a>.</p>\n<h2 id=\"horaires\">Horaires</h2>\n<p>9 h – 17 h</p>\n",
			level: 5, prefix: "actu-cio",
			want: "<p>Voir les <a href=\"#actu-cio-horaires\">horaires</a>.</p>\n<h5 id=\"actu-cio-horaires\">Horaires</h5>\n<p>9 h – 17 h</p>\n",
		},
		{
			name:  "levels keep their distance, capped at h6",
			body:  "<h2 id=\"a\">A</h2>\n<h3 id=\"b\">B</h3>\n<h4 id=\"c\">C</h4>\n<h2 id=\"d\">D</h2>\n",
			level: 5, prefix: "p",
			want: "<h5 id=\"p-a\">A</h5>\n<h6 id=\"p-b\">B</h6>\n<h6 id=\"p-c\">C</h6>\n<h5 id=\"p-d\">D</h5>\n",
		},
		{
			name:  "the highest heading decides, not the first",
			body:  "<h4 id=\"x\">X</h4>\n<h3 id=\"y\">Y</h3>\n",
			level: 3, prefix: "p",
			want: "<h4 id=\"p-x\">X</h4>\n<h3 id=\"p-y\">Y</h3>\n",
		},
		{
			name:  "a body whose headings are too deep moves up",
			body:  "<h5 id=\"x\">X</h5>\n",
			level: 3, prefix: "p",
			want: "<h3 id=\"p-x\">X</h3>\n",
		},
		{
			name:  "already at the level: only ids change",
			body:  "<h3 id=\"x\">X</h3>\n",
			level: 3, prefix: "p",
			want: "<h3 id=\"p-x\">X</h3>\n",
		},
		{
			name:  "headings without id",
			body:  "<h2>A</h2><H3 class=\"c\">B</H3>",
			level: 4, prefix: "p",
			want: "<h4>A</h4><h5 class=\"c\">B</h5>",
		},
		{
			name:  "footnotes: ids and their links, before and after",
			body:  "<p>Texte<sup id=\"fnref:1\"><a href=\"#fn:1\" class=\"footnote-ref\" role=\"doc-noteref\">1</a></sup>.</p>\n<div class=\"footnotes\" role=\"doc-endnotes\">\n<hr>\n<ol>\n<li id=\"fn:1\">\n<p>Note.&#160;<a href=\"#fnref:1\" class=\"footnote-backref\" role=\"doc-backlink\">↩︎</a></p>\n</li>\n</ol>\n</div>\n",
			level: 5, prefix: "actu-a",
			want: "<p>Texte<sup id=\"actu-a-fnref:1\"><a href=\"#actu-a-fn:1\" class=\"footnote-ref\" role=\"doc-noteref\">1</a></sup>.</p>\n<div class=\"footnotes\" role=\"doc-endnotes\">\n<hr>\n<ol>\n<li id=\"actu-a-fn:1\">\n<p>Note.&#160;<a href=\"#actu-a-fnref:1\" class=\"footnote-backref\" role=\"doc-backlink\">↩︎</a></p>\n</li>\n</ol>\n</div>\n",
		},
		{
			name:  "links to ids the body does not define stay",
			body:  "<h2 id=\"a\">A</h2><a href=\"#ailleurs\">x</a><a href=\"/page/#a\">y</a><a href=\"#\">haut</a>",
			level: 3, prefix: "p",
			want: "<h3 id=\"p-a\">A</h3><a href=\"#ailleurs\">x</a><a href=\"/page/#a\">y</a><a href=\"#\">haut</a>",
		},
		{
			name:  "a percent-encoded fragment",
			body:  "<h2 id=\"é\">É</h2><a href=\"#%C3%A9\">x</a>",
			level: 3, prefix: "p",
			want: "<h3 id=\"p-é\">É</h3><a href=\"#p-%C3%A9\">x</a>",
		},
		{
			name:  "references by id in raw HTML",
			body:  "<label for=\"q\">Q</label><input id=\"q\" aria-describedby=\"aide autre\"/><p id=\"aide\">Aide</p>",
			level: 3, prefix: "p",
			want: "<label for=\"p-q\">Q</label><input id=\"p-q\" aria-describedby=\"p-aide autre\" /><p id=\"p-aide\">Aide</p>",
		},
		{
			name:  "attribute values stay escaped",
			body:  "<h2 id=\"a\" title=\"&quot;x&quot; &amp; y\">A</h2>",
			level: 3, prefix: "p",
			want: "<h3 id=\"p-a\" title=\"&quot;x&quot; &amp; y\">A</h3>",
		},
		{
			name:  "headings in a script or a comment are text",
			body:  "<!-- <h2 id=\"c\"> --><script>var s = '<h2 id=\"s\">';</script><h2>A</h2>",
			level: 4, prefix: "p",
			want: "<!-- <h2 id=\"c\"> --><script>var s = '<h2 id=\"s\">';</script><h4>A</h4>",
		},
		{
			name:  "unclosed and stray tags pass through",
			body:  "<h2 id=\"a\">A</p></h3><h9>",
			level: 5, prefix: "p",
			want: "<h5 id=\"p-a\">A</p></h6><h9>",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := string(markdown.Embed(template.HTML(tt.body), tt.level, tt.prefix))
			if got != tt.want {
				t.Errorf("Embed(%q, %d, %q)\n have %q\n want %q", tt.body, tt.level, tt.prefix, got, tt.want)
			}
		})
	}
}

// TestEmbedConverted embeds what Convert makes of two news items that share
// a sub-heading: once embedded, the page they share has unique ids and a
// continuous outline, and each body's own page keeps its ids.
func TestEmbedConverted(t *testing.T) {
	c := markdown.New()
	a := c.Convert([]byte("Voir les [horaires](#horaires).\n\n## Horaires\n\n### Le mardi\n\nDe 9 h à 12 h[^1].\n\n[^1]: Sauf en août.\n"), markdown.Options{French: true})
	b := c.Convert([]byte("Nouveaux [horaires](#horaires).\n\n## Horaires\n\nDu lundi au vendredi[^1].\n\n[^1]: Sauf les jours fériés.\n"), markdown.Options{French: true})
	if !strings.Contains(string(a.HTML), `<h2 id="horaires">`) {
		t.Fatalf("the news page lost its ids:\n%s", a.HTML)
	}
	page := "<h4>A</h4>\n" + string(markdown.Embed(a.HTML, 5, "actu-a")) + "<h4>B</h4>\n" + string(markdown.Embed(b.HTML, 5, "actu-b"))
	ids := map[string]int{}
	var levels []int
	z := nethtml.NewTokenizer(strings.NewReader(page))
	for tt := z.Next(); tt != nethtml.ErrorToken; tt = z.Next() {
		tok := z.Token()
		if tt != nethtml.StartTagToken {
			continue
		}
		if len(tok.Data) == 2 && tok.Data[0] == 'h' && tok.Data[1] >= '1' && tok.Data[1] <= '6' {
			levels = append(levels, int(tok.Data[1]-'0'))
		}
		for _, at := range tok.Attr {
			if at.Key == "id" {
				ids[at.Val]++
			}
			if at.Key == "href" && strings.HasPrefix(at.Val, "#") && !strings.Contains(page, `id="`+at.Val[1:]+`"`) {
				t.Errorf("link to %s, an id the page does not have", at.Val)
			}
		}
	}
	for id, n := range ids {
		if n > 1 {
			t.Errorf("id %q is given %d times", id, n)
		}
	}
	if fmt.Sprint(levels) != "[4 5 6 4 5]" {
		t.Errorf("heading levels %v, want [4 5 6 4 5]", levels)
	}
}

// FuzzEmbed embeds arbitrary HTML: Embed must never panic, balanced
// headings stay balanced, the text is unchanged, and every id it leaves
// carries the prefix.
func FuzzEmbed(f *testing.F) {
	c := markdown.New()
	for _, b := range exampleBodies(f) {
		f.Add(string(c.Convert(b, markdown.Options{French: true}).HTML), uint8(5))
	}
	f.Add("<h2 id=\"horaires\">Horaires</h2><a href=\"#horaires\">x</a>", uint8(3))
	f.Add("<H1 ID='a'>x</H1><h6 id=a>y</h6><script><h2></script>", uint8(6))
	f.Add("<p id=\"fn:1\">x<a href=\"#fn%3A1\">y</a></p><img id=\"i\"/>", uint8(1))
	f.Fuzz(func(t *testing.T, body string, level uint8) {
		out := string(markdown.Embed(template.HTML(body), int(level%8), "actu-x"))
		in := scan(body)
		got := scan(out)
		if in.balanced() && !got.balanced() {
			t.Fatalf("balanced headings became unbalanced:\n in  %q\n out %q", body, out)
		}
		if in.text != got.text {
			t.Fatalf("text changed:\n in  %q\n out %q", in.text, got.text)
		}
		for _, id := range got.ids {
			if !strings.HasPrefix(id, "actu-x-") {
				t.Fatalf("id %q without the prefix:\n in  %q\n out %q", id, body, out)
			}
		}
	})
}

// scanned is what FuzzEmbed compares of an HTML text.
type scanned struct {
	open  [7]int // start tags of h1 to h6, less their end tags
	text  string // the text and comments, in order
	ids   []string
	nests bool // an end tag of a heading that is not open
}

func (s scanned) balanced() bool {
	return !s.nests && s.open == [7]int{}
}

func scan(src string) scanned {
	var s scanned
	var text bytes.Buffer
	z := nethtml.NewTokenizer(strings.NewReader(src))
	for tt := z.Next(); tt != nethtml.ErrorToken; tt = z.Next() {
		switch tt {
		case nethtml.TextToken, nethtml.CommentToken:
			text.Write(z.Raw())
		case nethtml.StartTagToken, nethtml.EndTagToken, nethtml.SelfClosingTagToken:
			tok := z.Token()
			n := 0
			if len(tok.Data) == 2 && tok.Data[0] == 'h' && tok.Data[1] >= '1' && tok.Data[1] <= '6' {
				n = int(tok.Data[1] - '0')
			}
			switch {
			case n > 0 && tt == nethtml.StartTagToken:
				s.open[n]++
			case n > 0 && tt == nethtml.EndTagToken:
				s.open[n]--
				s.nests = s.nests || s.open[n] < 0
			}
			if tt != nethtml.EndTagToken {
				for _, a := range tok.Attr {
					if a.Key == "id" && a.Val != "" {
						s.ids = append(s.ids, a.Val)
					}
				}
			}
		}
	}
	s.text = text.String()
	return s
}

// BenchmarkEmbed embeds a news body as the 10,000-file benchmark site has
// them (internal/gen): three sub-headings, lists, links, 3 kB of HTML.
func BenchmarkEmbed(b *testing.B) {
	para := "La chambre de métiers présente des immersions en milieu professionnel en direction des parents dès la rentrée prochaine. Voir aussi [le relevé](https://example.org/releves/2021-01-07/).\n\n"
	src := para + "## Objectifs\n\n" + para + para + "- présentation des métiers ;\n- évaluation de l'action ;\n- restitution collective.\n\n## Ressources\n\n" + para + para + "## Témoignages\n\n" + para + para
	body := markdown.New().Convert([]byte(src), markdown.Options{French: true}).HTML
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		markdown.Embed(body, 5, "actu-mission-locale-de-blois-accueille")
	}
}
