package markdown

import (
	"html/template"
	"reflect"
	"strings"
	"testing"

	nethtml "golang.org/x/net/html"
)

// FuzzEmbedRegular checks the scanner of goldmark's regular HTML against
// the tokenizer: where embedRegular takes a body, its output must read as
// embedTokenized's does, token by token.
func FuzzEmbedRegular(f *testing.F) {
	c := New()
	f.Add("<p>Voir <a href=\"#horaires\">ici</a>.</p>\n<h2 id=\"horaires\">Horaires</h2>\n<h3>Mardi</h3>\n", uint8(5))
	f.Add("<p>x<sup id=\"fnref:1\"><a href=\"#fn:1\" class=\"footnote-ref\" role=\"doc-noteref\">1</a></sup></p><li id=\"fn:1\"><input checked=\"\" disabled=\"\" type=\"checkbox\" /></li>", uint8(3))
	f.Add("<h2 id=\"a\"/><h6>x</h6><a href=\"#a\" title=\"&quot;\">y</a><br>", uint8(6))
	for _, src := range []string{"# Titre\n\n## Sous-titre {#x}\n\nTexte[^1] et [lien](#sous-titre).\n\n[^1]: Note.\n", "| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] fait\n"} {
		f.Add(string(c.Convert([]byte(src), Options{French: true}).HTML), uint8(4))
	}
	f.Fuzz(func(t *testing.T, body string, level uint8) {
		l := min(max(int(level%8), 1), 6)
		regular, ok := embedRegular(body, l, "actu-x")
		if !ok {
			return
		}
		tokenized := string(embedTokenized(template.HTML(body), l, "actu-x"))
		if a, b := tokens(regular), tokens(tokenized); !reflect.DeepEqual(a, b) {
			t.Fatalf("the two ways differ on %q:\n regular   %q\n tokenized %q", body, regular, tokenized)
		}
	})
}

// tokens reads HTML as the tokenizer does: types, names, attributes
// unescaped, text.
func tokens(s string) []nethtml.Token {
	var out []nethtml.Token
	z := nethtml.NewTokenizer(strings.NewReader(s))
	for tt := z.Next(); tt != nethtml.ErrorToken; tt = z.Next() {
		out = append(out, z.Token())
	}
	return out
}
