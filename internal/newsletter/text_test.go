package newsletter

import (
	htmltemplate "html/template"
	"strings"
	"testing"
	"unicode/utf8"

	"relais/internal/markdown"
)

func TestBodyText(t *testing.T) {
	tests := []struct {
		name, html, want string
	}{
		{"paragraphs and a link",
			`<p>Voir le <a href="https://a.example/x">formulaire</a>.</p>` + "\n" + `<p>Et <a href="https://b.example/">le site</a>, puis <a href="https://a.example/x">le formulaire</a>.</p>`,
			"Voir le formulaire [1].\n\nEt le site [2], puis le formulaire [1].\n--\n[1] https://a.example/x\n[2] https://b.example/\n"},
		{"a long paragraph wraps at 78",
			"<p>" + strings.Repeat("mot ", 30) + "</p>",
			strings.TrimSpace(strings.Repeat("mot ", 19)) + "\n" + strings.TrimSpace(strings.Repeat("mot ", 11)) + "\n--\n"},
		{"no-break spaces hold",
			"<p>" + strings.Repeat("x", 70) + " à 10\u00a0h\u00a030</p>",
			strings.Repeat("x", 70) + " à\n10\u00a0h\u00a030\n--\n"},
		{"loose lists keep blank lines",
			"<ul>\n<li><p>un</p></li>\n<li><p>deux</p></li>\n</ul>",
			"- un\n\n- deux\n--\n"},
		{"lists, nested and ordered",
			"<ul>\n<li>un ;</li>\n<li>deux :\n<ol>\n<li>a</li>\n<li>b</li>\n</ol>\n</li>\n</ul>",
			"- un ;\n- deux :\n\n  1. a\n  2. b\n--\n"},
		{"a list item that wraps hangs under its text",
			"<ul><li>" + strings.Repeat("long ", 20) + "</li></ul>",
			"- " + strings.TrimSpace(strings.Repeat("long ", 15)) + "\n  " + strings.TrimSpace(strings.Repeat("long ", 5)) + "\n--\n"},
		{"headings: underlined down to h3, plain below",
			"<h3 id=\"a\">Titre</h3>\n<p>texte</p>\n<h5>Sous-titre</h5>",
			"Titre\n-----\n\ntexte\n\nSous-titre\n--\n"},
		{"struck text is left out, emphasis kept as text",
			"<p>Ouvert <del>le samedi</del> du <strong>lundi</strong> au <em>vendredi</em>.</p>",
			"Ouvert du lundi au vendredi.\n--\n"},
		{"footnotes: the mark in brackets, no back link",
			`<p>En ligne<sup id="fnref:1"><a href="#fn:1" class="footnote-ref" role="doc-noteref">1</a></sup>.</p>` +
				`<div class="footnotes" role="doc-endnotes"><hr><ol><li id="fn:1"><p>Depuis hier.&#160;<a href="#fnref:1" class="footnote-backref" role="doc-backlink">&#x21a9;&#xfe0e;</a></p></li></ol></div>`,
			"En ligne(1).\n\n* * *\n\n1. Depuis hier.\n--\n"},
		{"a table, one row a line",
			"<table><thead><tr><th>Action</th><th>Pilote</th></tr></thead><tbody><tr><td>Forum</td><td>CIO</td></tr></tbody></table>",
			"Action | Pilote\nForum | CIO\n--\n"},
		{"quote and code",
			"<blockquote><p>cité</p></blockquote><pre><code>a  b\nc\n</code></pre>",
			"> cité\n\n    a  b\n    c\n--\n"},
		{"links within the page have no reference",
			`<p><a href="#plus">plus bas</a></p>`,
			"plus bas\n--\n"},
		{"a line break stays",
			"<p>ligne un<br>\nligne deux</p>",
			"ligne un\nligne deux\n--\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var l Links
			have := l.Text(htmltemplate.HTML(tt.html), "") + "\n--\n" + l.Notes()
			if have != tt.want {
				t.Errorf("have:\n%s\nwant:\n%s", have, tt.want)
			}
		})
	}
}

func TestWrapIndents(t *testing.T) {
	have := wrap(strings.Repeat("abc ", 30), "* ", "  ")
	for i, line := range strings.Split(have, "\n") {
		if n := utf8.RuneCountInString(line); n > Width {
			t.Errorf("line %d has %d characters", i+1, n)
		}
		if i > 0 && !strings.HasPrefix(line, "  abc") {
			t.Errorf("line %d does not hang: %q", i+1, line)
		}
	}
	if !strings.HasPrefix(have, "* abc") {
		t.Errorf("first line: %q", have)
	}
}

func TestTidyText(t *testing.T) {
	have := string(tidyText([]byte("a  \n\n\n\nb\n\nc\n\n\n\n\n\nd\n\n")))
	if want := "a\n\n\nb\n\nc\n\n\nd\n"; have != want {
		t.Errorf("have %q, want %q", have, want)
	}
}

// TestEmbedInMail: a news body's headings go below the mail's, and its ids
// are its own.
func TestEmbedInMail(t *testing.T) {
	body := htmltemplate.HTML(`<h2 id="suite">Suite</h2>` + "\n" + `<h3 id="detail">Détail</h3>` + "\n" + `<p><a href="#suite">haut</a></p>`)
	have := string(markdown.Embed(body, 5, "actu-x"))
	for _, want := range []string{`<h5 id="actu-x-suite">Suite</h5>`, `<h6 id="actu-x-detail">Détail</h6>`, `href="#actu-x-suite"`} {
		if !strings.Contains(have, want) {
			t.Errorf("Embed gave %s, without %s", have, want)
		}
	}
}

func TestInlineStyles(t *testing.T) {
	have := string(inlineStyles(`<p>Un <a href="https://x.example/?a=1&amp;b=2">lien</a></p><p style="color:red">x</p><span>y</span><pre><code>&lt;p&gt;</code></pre><hr><table><tr><td style="text-align:right">1</td></tr></table><!-- <p> -->`))
	want := `<p style="margin:0 0 12px;">Un <a style="color:#1a4f8b;text-decoration:underline;" href="https://x.example/?a=1&amp;b=2">lien</a></p><p style="margin:0 0 12px;color:red">x</p><span>y</span>` +
		`<pre style="margin:0 0 12px;white-space:pre-wrap;font-family:Consolas,Menlo,monospace;font-size:14px;"><code style="font-family:Consolas,Menlo,monospace;font-size:14px;">&lt;p&gt;</code></pre>` +
		`<hr style="border:0;border-top:1px solid #c9d0d8;margin:16px 0;"><table style="border-collapse:collapse;margin:0 0 12px;"><tr><td style="border:1px solid #c9d0d8;padding:4px 8px;text-align:left;text-align:right">1</td></tr></table><!-- <p> -->`
	if have != want {
		t.Errorf("have:\n%s\nwant:\n%s", have, want)
	}
}

// FuzzBodyText: any body converts without panic, and every line but a
// word longer than a line fits in 78 characters.
func FuzzBodyText(f *testing.F) {
	for _, s := range []string{
		"<p>a <a href=\"https://x\">b</a></p>", "<ul><li><p>x</p><ul><li>y</li></ul></li></ul>",
		"<table><tr><td>a</td></tr></table>", "<pre>x\n y</pre>", "<blockquote><blockquote>q</blockquote></blockquote>",
		"<h1>" + strings.Repeat("titre ", 30) + "</h1>", "<p>a<br>b</p><hr>",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		var l Links
		text := l.Text(htmltemplate.HTML(body), "")
		for _, line := range strings.Split(text, "\n") {
			if utf8.RuneCountInString(line) > Width && !oneWord(line) {
				t.Fatalf("line of %d characters: %q", utf8.RuneCountInString(line), line)
			}
		}
	})
}

// oneWord reports whether a line is a single word after its indentation
// and markers ("> ", "- ", "1. "), which wrapping cannot shorten.
func oneWord(line string) bool {
	fields := strings.Fields(line)
	words := 0
	for _, f := range fields {
		if f != ">" && f != "-" && !strings.HasSuffix(f, ".") && f != "|" && f != "*" {
			words++
		}
	}
	return words <= 1 || utf8.RuneCountInString(strings.TrimSpace(line)) > Width-8
}

// FuzzInlineStyles: any body gets its styles without panic, and keeps its
// text: only style attributes are added.
func FuzzInlineStyles(f *testing.F) {
	for _, s := range []string{"<p>a</p>", "<td style=\"x\">", "<!-- <p>", "<a", "<p", "<<p>>", "<!--"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		have := string(inlineStyles(htmltemplate.HTML(body)))
		if len(have) < len(body) {
			t.Fatalf("inlineStyles(%q) = %q, shorter", body, have)
		}
	})
}
