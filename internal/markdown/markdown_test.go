package markdown_test

import (
	"fmt"
	"path"
	"strings"
	"sync"
	"testing"

	"relais/internal/markdown"
)

// pages are the content files known to resolve, by their path relative to
// content/events/ (the folder of the document being converted), and their URL.
var pages = map[string]string{
	"../events/forum.md":       "/agenda/forum/",
	"forum.md":                 "/agenda/forum/",
	"../minutes/2021-09-23.md": "/releves/2021-09-23/",
	"../news/x.md":             "/actualites/x/",
}

// resolve stands for the site's resolver: it keeps the fragment, drops the
// query, and fails on unknown files.
func resolve(dest string) (string, error) {
	target, frag, _ := strings.Cut(dest, "#")
	target, _, _ = strings.Cut(target, "?")
	u, ok := pages[target]
	if !ok {
		return "", fmt.Errorf("link to %s: no such content file", path.Join("content/events", target))
	}
	if frag != "" {
		u += "#" + frag
	}
	return u, nil
}

// html converts src with opts and returns its HTML, followed by its problems
// as "problem: line N: msg" lines, so that one string says it all.
func html(src string, opts markdown.Options) string {
	r := markdown.New().Convert([]byte(src), opts)
	var b strings.Builder
	b.WriteString(strings.TrimSpace(string(r.HTML)))
	for _, p := range r.Problems {
		fmt.Fprintf(&b, "\nproblem: line %d: %s", p.Line, p.Msg)
	}
	return b.String()
}

// TestConvertHTML checks the HTML of each feature of the Markdown dialect.
func TestConvertHTML(t *testing.T) {
	safe := markdown.Options{Resolve: resolve}
	unsafe := markdown.Options{Resolve: resolve, UnsafeHTML: true}
	tests := []struct {
		name string
		src  string
		opts markdown.Options
		want string
	}{
		{
			name: "French heading ids",
			src:  "## Actualités des partenaires\n\n## L'évaluation du SPRO\n\n### Mise en œuvre\n",
			opts: safe,
			want: `<h2 id="actualites-des-partenaires">Actualités des partenaires</h2>
<h2 id="l-evaluation-du-spro">L'évaluation du SPRO</h2>
<h3 id="mise-en-oeuvre">Mise en œuvre</h3>`,
		},
		{
			name: "repeated headings",
			src:  "## Décisions\n\n## Décisions\n\n## Décisions\n",
			opts: safe,
			want: `<h2 id="decisions">Décisions</h2>
<h2 id="decisions-2">Décisions</h2>
<h2 id="decisions-3">Décisions</h2>`,
		},
		{
			name: "heading id from inline markup",
			src:  "## Le *forum* `2021` [en ligne](https://example.org/)\n",
			opts: safe,
			want: `<h2 id="le-forum-2021-en-ligne">Le <em>forum</em> <code>2021</code> <a href="https://example.org/">en ligne</a></h2>`,
		},
		{
			name: "heading without letters",
			src:  "## !!!\n\n## 日本\n",
			opts: safe,
			want: `<h2 id="section">!!!</h2>
<h2 id="section-2">日本</h2>`,
		},
		{
			name: "heading shifted when the body has an h1",
			src:  "# Le hackathon\n\n## Les défis\n\n###### Détail\n",
			opts: safe,
			want: `<h2 id="le-hackathon">Le hackathon</h2>
<h3 id="les-defis">Les défis</h3>
<h6 id="detail">Détail</h6>`,
		},
		{
			name: "heading not shifted without an h1",
			src:  "## Les défis\n\n### Détail\n",
			opts: safe,
			want: `<h2 id="les-defis">Les défis</h2>
<h3 id="detail">Détail</h3>`,
		},
		{
			name: "setext h1 shifts too",
			src:  "Le hackathon\n============\n",
			opts: safe,
			want: `<h2 id="le-hackathon">Le hackathon</h2>`,
		},
		{
			name: "table header cells are column headers",
			src:  "| Partenaire | Date |\n|---|:-:|\n| CIO 41 | 7 oct. |\n",
			opts: safe,
			want: `<table>
<thead>
<tr>
<th scope="col">Partenaire</th>
<th scope="col" style="text-align:center">Date</th>
</tr>
</thead>
<tbody>
<tr>
<td>CIO 41</td>
<td style="text-align:center">7 oct.</td>
</tr>
</tbody>
</table>`,
		},
		{
			name: "strikethrough",
			src:  "Le forum est ~~reporté~~ maintenu.\n",
			opts: safe,
			want: `<p>Le forum est <del>reporté</del> maintenu.</p>`,
		},
		{
			name: "autolinks",
			src:  "Voir www.example.org, https://example.org/a?b=1 et <https://example.org/c>.\n",
			opts: safe,
			want: `<p>Voir <a href="http://www.example.org">www.example.org</a>, <a href="https://example.org/a?b=1">https://example.org/a?b=1</a> et <a href="https://example.org/c">https://example.org/c</a>.</p>`,
		},
		{
			name: "footnotes",
			src:  "Le SPRO[^spro].\n\n[^spro]: Service public régional de l'orientation.\n",
			opts: safe,
			want: `<p>Le SPRO<sup id="fnref:1"><a href="#fn:1" class="footnote-ref" role="doc-noteref">1</a></sup>.</p>
<div class="footnotes" role="doc-endnotes">
<hr>
<ol>
<li id="fn:1">
<p>Service public régional de l'orientation.&#160;<a href="#fnref:1" class="footnote-backref" role="doc-backlink">↩︎</a></p>
</li>
</ol>
</div>`,
		},
		{
			name: "task list",
			src:  "- [x] fait\n- [ ] à faire\n",
			opts: safe,
			want: `<ul>
<li><input checked="" disabled="" type="checkbox"> fait</li>
<li><input disabled="" type="checkbox"> à faire</li>
</ul>`,
		},
		{
			name: "raw HTML dropped by default",
			src:  "<div class=\"x\">bloc</div>\n\nTexte <b onclick=\"alert(1)\">gras</b>.\n\n<script>alert(1)</script>\n",
			opts: safe,
			want: `<!-- raw HTML omitted -->
<p>Texte <!-- raw HTML omitted -->gras<!-- raw HTML omitted -->.</p>
<!-- raw HTML omitted -->`,
		},
		{
			name: "raw HTML kept when unsafe",
			src:  "<div class=\"x\">bloc</div>\n\nTexte <b>gras</b>.\n",
			opts: unsafe,
			want: `<div class="x">bloc</div>
<p>Texte <b>gras</b>.</p>`,
		},
		{
			name: "javascript links neutralised",
			src:  "[a](javascript:alert(1)) [b](JavaScript:alert(1)) [c](vbscript:x) [d](data:text/html,x) <javascript:alert(1)>\n",
			opts: safe,
			want: `<p><a href="">a</a> <a href="">b</a> <a href="">c</a> <a href="">d</a> <a href="">javascript:alert(1)</a></p>
problem: line 1: the link scheme "javascript" is not allowed: use https://, mailto: or tel:
problem: line 1: the link scheme "javascript" is not allowed: use https://, mailto: or tel:
problem: line 1: the link scheme "vbscript" is not allowed: use https://, mailto: or tel:
problem: line 1: the link scheme "data" is not allowed: use https://, mailto: or tel:
problem: line 1: the link scheme "javascript" is not allowed: use https://, mailto: or tel:`,
		},
		{
			name: "data image is a problem",
			src:  "\n![logo](data:image/png;base64,AAAA)\n",
			opts: safe,
			want: `<p><img src="data:image/png;base64,AAAA" alt="logo"></p>
problem: line 2: the link scheme "data" is not allowed: use https://, mailto: or tel:`,
		},
		{
			name: "content links rewritten",
			src:  "[forum](../events/forum.md), [relevé](../minutes/2021-09-23.md) et [ici](forum.md).\n",
			opts: safe,
			want: `<p><a href="/agenda/forum/">forum</a>, <a href="/releves/2021-09-23/">relevé</a> et <a href="/agenda/forum/">ici</a>.</p>`,
		},
		{
			name: "content link keeps its fragment",
			src:  "[quand](../events/forum.md#quand)\n",
			opts: safe,
			want: `<p><a href="/agenda/forum/#quand">quand</a></p>`,
		},
		{
			name: "content link with an empty query",
			src:  "[forum](forum.md?) et [forum](forum.md?v=2#quand)\n",
			opts: safe,
			want: `<p><a href="/agenda/forum/">forum</a> et <a href="/agenda/forum/#quand">forum</a></p>`,
		},
		{
			name: "content link by reference and with a title",
			src:  "[forum][f] et [actualité](../news/x.md \"La nouvelle\")\n\n[f]: forum.md\n",
			opts: safe,
			want: `<p><a href="/agenda/forum/">forum</a> et <a href="/actualites/x/" title="La nouvelle">actualité</a></p>`,
		},
		{
			name: "other links untouched",
			src:  "[a](https://example.org/x.md) [b](/x.md) [c](#x.md) [d](x.mdx) [e](x.md.html) [f](mailto:a@x.md) [g](notes.txt)\n",
			opts: safe,
			want: `<p><a href="https://example.org/x.md">a</a> <a href="/x.md">b</a> <a href="#x.md">c</a> <a href="x.mdx">d</a> <a href="x.md.html">e</a> <a href="mailto:a@x.md">f</a> <a href="notes.txt">g</a></p>`,
		},
		{
			name: "links untouched without a resolver",
			src:  "[forum](../events/forum.md)\n",
			opts: markdown.Options{},
			want: `<p><a href="../events/forum.md">forum</a></p>`,
		},
		{
			name: "unknown content file is a problem on its line",
			src:  "Premier paragraphe.\n\nUne ligne,\nune autre avec [le lien](absent.md).\n",
			opts: safe,
			want: `<p>Premier paragraphe.</p>
<p>Une ligne,
une autre avec <a href="absent.md">le lien</a>.</p>
problem: line 4: link to content/events/absent.md: no such content file`,
		},
		{
			name: "problems in lists, quotes, tables, headings and references",
			src:  "## Voir [a](a.md)\n\n- item\n- [b](b.md)\n\n> citation\n> [c](c.md)\n\n| x |\n|---|\n| [d](d.md) |\n\n[e][ref]\n\n[ref]: e.md\n",
			opts: safe,
			want: `<h2 id="voir-a">Voir <a href="a.md">a</a></h2>
<ul>
<li>item</li>
<li><a href="b.md">b</a></li>
</ul>
<blockquote>
<p>citation
<a href="c.md">c</a></p>
</blockquote>
<table>
<thead>
<tr>
<th scope="col">x</th>
</tr>
</thead>
<tbody>
<tr>
<td><a href="d.md">d</a></td>
</tr>
</tbody>
</table>
<p><a href="e.md">e</a></p>
problem: line 1: link to content/events/a.md: no such content file
problem: line 4: link to content/events/b.md: no such content file
problem: line 7: link to content/events/c.md: no such content file
problem: line 11: link to content/events/d.md: no such content file
problem: line 13: link to content/events/e.md: no such content file`,
		},
		{
			name: "image to a content file",
			src:  "\n\n![affiche](absent.md)\n",
			opts: safe,
			want: `<p><img src="absent.md" alt="affiche"></p>
problem: line 3: link to content/events/absent.md: no such content file`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := html(tt.src, tt.opts); got != tt.want {
				t.Errorf("Convert(%q):\nhave:\n%s\nwant:\n%s", tt.src, got, tt.want)
			}
		})
	}
}

// TestConvertSummary checks that the summary is the plain text of the first
// paragraph that is not part of a list or a note.
func TestConvertSummary(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want string
	}{
		{"first paragraph", "Premier.\n\nSecond.\n", "Premier."},
		{"markup removed", "Le *forum* des **métiers**, [en ligne](https://example.org/) avec `code` et ~~rien~~.\n", "Le forum des métiers, en ligne avec code et rien."},
		{"lines joined", "Une ligne\nune autre  \net la fin.\n", "Une ligne une autre et la fin."},
		{"after a heading", "## Titre\n\nTexte.\n", "Texte."},
		{"not a list item", "- premier\n- second\n\nTexte.\n", "Texte."},
		{"not a loose list item", "- premier\n\n- second\n\nTexte.\n", "Texte."},
		{"not a quote in a list item", "- > cité\n\nTexte.\n", "Texte."},
		{"not a footnote defined first", "[^1]: La note.\n\nTexte[^1].\n", "Texte."},
		{"without the note reference", "Texte[^1] suite.\n\n[^1]: La note.\n", "Texte suite."},
		{"autolink", "Voir https://example.org.\n", "Voir https://example.org."},
		{"entities", "Caf&eacute; &amp; th&#233;\n", "Café & thé"},
		{"escapes", "\\*pas en italique\\* \\[ni lien\\]\n", "*pas en italique* [ni lien]"},
		{"code kept as written", "`a &amp; \\*b`\n", "a &amp; \\*b"},
		{"raw HTML left out", "Texte <b>gras</b>.\n", "Texte gras."},
		{"none", "## Titre\n\n- item\n", ""},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := markdown.New().Convert([]byte(tt.src), markdown.Options{}).Summary; got != tt.want {
				t.Errorf("Summary of %q = %q, want %q", tt.src, got, tt.want)
			}
		})
	}
}

// TestConvertTextLimit checks that a limited Text stops early but cuts to
// the same summary as the whole text.
func TestConvertTextLimit(t *testing.T) {
	var src strings.Builder
	src.WriteString("## Un titre\n\n")
	for i := range 40 {
		fmt.Fprintf(&src, "Paragraphe %d : du texte   sur\nplusieurs lignes.\n\n- un point\n- un autre\n\n", i)
	}
	src.WriteString("```\ncode   final\n```\n")
	md := markdown.New()
	whole := md.Convert([]byte(src.String()), markdown.Options{French: true}).Text
	for _, limit := range []int{1, 40, 301, 400} {
		part := md.Convert([]byte(src.String()), markdown.Options{French: true, TextLimit: limit}).Text
		if len(part) >= len(whole) || !strings.HasPrefix(whole, part) {
			t.Fatalf("limit %d: Text is not a shorter prefix of the whole text (%d and %d bytes)", limit, len(part), len(whole))
		}
		for _, n := range []int{limit / 2, limit - 1} {
			if n > 0 && markdown.Truncate(part, n) != markdown.Truncate(whole, n) {
				t.Errorf("limit %d: Truncate(part, %d) = %q, want %q", limit, n, markdown.Truncate(part, n), markdown.Truncate(whole, n))
			}
		}
	}
}

// TestConvertHeadings checks the list of headings, after the shift.
func TestConvertHeadings(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want string
	}{
		{"none", "Texte.\n", ""},
		{"levels and ids", "## Décisions\n\n### Mise en œuvre\n\n## Décisions\n", "2 decisions Décisions\n3 mise-en-oeuvre Mise en œuvre\n2 decisions-2 Décisions"},
		{"shifted", "# Titre\n\n## Sous-titre\n", "2 titre Titre\n3 sous-titre Sous-titre"},
		{"plain text", "## Le *forum* `2021`\n", "2 le-forum-2021 Le forum 2021"},
		{"link text only", "## Voir [le forum](forum.md) <b>ici</b>\n", "2 voir-le-forum-ici Voir le forum ici"},
		{"entities", "## Caf&eacute; &amp; th&#233;\n", "2 cafe-the Café & thé"},
		{"explicit id not supported", "## Forum {#f}\n", "2 forum-f Forum {#f}"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var lines []string
			for _, h := range markdown.New().Convert([]byte(tt.src), markdown.Options{}).Headings {
				lines = append(lines, fmt.Sprintf("%d %s %s", h.Level, h.ID, h.Text))
			}
			if got := strings.Join(lines, "\n"); got != tt.want {
				t.Errorf("headings of %q:\nhave:\n%s\nwant:\n%s", tt.src, got, tt.want)
			}
		})
	}
}

// TestConvertIDsPerDocument checks that heading ids are numbered within one
// document, not across the documents of a shared Converter.
func TestConvertIDsPerDocument(t *testing.T) {
	c := markdown.New()
	for range 2 {
		r := c.Convert([]byte("## Décisions\n"), markdown.Options{})
		if len(r.Headings) != 1 || r.Headings[0].ID != "decisions" {
			t.Errorf("headings %+v, want one with id decisions", r.Headings)
		}
	}
}

// TestConvertConcurrent checks that one Converter serves several goroutines
// (run with -race to make it mean something).
func TestConvertConcurrent(t *testing.T) {
	c := markdown.New()
	src := []byte("# Titre\n\nTexte [forum](forum.md) et [absent](absent.md).\n\n## Partie\n")
	want := c.Convert(src, markdown.Options{Resolve: resolve})
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 20 {
				got := c.Convert(src, markdown.Options{Resolve: resolve})
				if got.HTML != want.HTML || len(got.Problems) != 1 || len(got.Headings) != 2 {
					t.Errorf("concurrent Convert differs: %+v", got)
					return
				}
			}
		})
	}
	wg.Wait()
}

// TestSlugify checks the identifiers made from French text.
func TestSlugify(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Actualités des partenaires", "actualites-des-partenaires"},
		{"L'évaluation du SPRO", "l-evaluation-du-spro"},
		{"L’évaluation du SPRO", "l-evaluation-du-spro"},
		{"Mise en œuvre", "mise-en-oeuvre"},
		{"ŒUVRE et Æ", "oeuvre-et-ae"},
		{"Hackathon « Hack ton orientation »", "hackathon-hack-ton-orientation"},
		{"  Ça va ?  ", "ca-va"},
		{"Journée du 2 décembre 2021", "journee-du-2-decembre-2021"},
		{"Émile-Zola -- Blois", "emile-zola-blois"},
		{"naïve", "naive"},
		{"e\u0301te\u0301", "ete"}, // already decomposed
		{"日本", ""},
		{"", ""},
		{"---", ""},
	}
	for _, tt := range tests {
		if got := markdown.Slugify(tt.in); got != tt.want {
			t.Errorf("Slugify(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestConvertResolvesLinksAsWritten checks that Resolve gets each content
// link as written, fragment and query included, once per link, in order.
func TestConvertResolvesLinksAsWritten(t *testing.T) {
	var got []string
	opts := markdown.Options{Resolve: func(dest string) (string, error) {
		got = append(got, dest)
		return "/x/", nil
	}}
	src := "[a](../events/forum.md#quand) [b](x.md?) [c](<dossier/mon fichier.md>) [d](https://e.org/x.md)\n\n![e](../news/x.md)\n"
	markdown.New().Convert([]byte(src), opts)
	want := []string{"../events/forum.md#quand", "x.md?", "dossier/mon fichier.md", "../news/x.md"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("Resolve got %q, want %q", got, want)
	}
}

// TestConvertBasePath: root-relative links and images get the base path, as
// editors write them from the site's root; other links stay as written.
func TestConvertBasePath(t *testing.T) {
	src := "[a](/medias/plan.pdf) ![b](/images/x.png) [c](/) [d](//cdn.example.net/x) [e](plan.pdf) [f](#note) [g](https://example.org/x) [h](mailto:a@example.org)\n"
	tests := []struct{ base, want string }{
		{"", `<p><a href="/medias/plan.pdf">a</a> <img src="/images/x.png" alt="b"> <a href="/">c</a> <a href="//cdn.example.net/x">d</a> <a href="plan.pdf">e</a> <a href="#note">f</a> <a href="https://example.org/x">g</a> <a href="mailto:a@example.org">h</a></p>` + "\n"},
		{"/reseau", `<p><a href="/reseau/medias/plan.pdf">a</a> <img src="/reseau/images/x.png" alt="b"> <a href="/reseau/">c</a> <a href="//cdn.example.net/x">d</a> <a href="plan.pdf">e</a> <a href="#note">f</a> <a href="https://example.org/x">g</a> <a href="mailto:a@example.org">h</a></p>` + "\n"},
	}
	for _, tt := range tests {
		res := markdown.New().Convert([]byte(src), markdown.Options{BasePath: tt.base})
		if string(res.HTML) != tt.want || len(res.Problems) > 0 {
			t.Errorf("base %q:\nhave %s\nwant %s\nproblems %v", tt.base, res.HTML, tt.want, res.Problems)
		}
	}
}

// TestConvertProblemLinesWithCRLF checks problem lines in a body saved with
// Windows line endings.
func TestConvertProblemLinesWithCRLF(t *testing.T) {
	r := markdown.New().Convert([]byte("Un\r\n\r\nDeux\r\n[x](absent.md)\r\n"), markdown.Options{Resolve: resolve})
	if len(r.Problems) != 1 || r.Problems[0].Line != 4 {
		t.Errorf("problems %+v, want one on line 4", r.Problems)
	}
}
