package markdown

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestFoldSpaces(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"a b", "a b"},
		{"  a \n\t b  ", "a b"},
		{"10\u00a0h\u00a030", "10\u00a0h\u00a030"},
		{"a\nb", "a b"},
		{"a  b", "a b"},
	}
	for _, tt := range tests {
		if got := foldSpaces(tt.in); got != tt.want {
			t.Errorf("foldSpaces(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTruncate(t *testing.T) {
	tests := []struct {
		in   string
		n    int
		want string
	}{
		{"court", 10, "court"},
		{"Le forum des métiers aura lieu", 12, "Le forum…"},
		{"Un  texte\navec  des espaces", 100, "Un texte avec des espaces"},
		{"mot-très-long-sans-espace", 5, "mot-t…"},
		{"Réunion : le 16 novembre, à Blois.", 26, "Réunion : le 16 novembre…"},
	}
	for _, tt := range tests {
		if got := Truncate(tt.in, tt.n); got != tt.want {
			t.Errorf("Truncate(%q, %d) = %q, want %q", tt.in, tt.n, got, tt.want)
		}
	}
}

func TestFrenchHTML(t *testing.T) {
	tests := []struct{ in, want string }{
		{`<p>Le « forum » : oui !</p>`, "<p>Le «\u00a0forum\u00a0»\u00a0: oui\u202f!</p>"},
		{`<a href="/x?a=1" title="a : b">lien : x</a>`, "<a href=\"/x?a=1\" title=\"a : b\">lien\u00a0: x</a>"},
		{`<pre><code>a : b</code></pre><p>c : d</p>`, "<pre><code>a : b</code></pre><p>c\u00a0: d</p>"},
		{`<p>du <code>x ; y</code> ; z</p>`, "<p>du <code>x ; y</code>\u202f; z</p>"},
		{`pas de balise ?`, "pas de balise\u202f?"},
		{`a < b : c`, "a < b : c"},
	}
	for _, tt := range tests {
		if got := frenchHTML(tt.in); got != tt.want {
			t.Errorf("frenchHTML(%q)\n have %q\n want %q", tt.in, got, tt.want)
		}
	}
}

// truncateWhole is Truncate's definition: fold the spaces of the whole text,
// then cut. Truncate folds only as far as it cuts.
func truncateWhole(text string, n int) string {
	text = foldSpaces(text)
	if utf8.RuneCountInString(text) <= n {
		return text
	}
	i := 0
	for k := 0; k < n; k++ {
		_, size := utf8.DecodeRuneInString(text[i:])
		i += size
	}
	return cutAtWord(text[:i])
}

func FuzzTruncate(f *testing.F) {
	f.Add("Le forum des métiers aura lieu", 12)
	f.Add("  a \n\t b  c", 3)
	f.Add("éé éé", 2)
	f.Fuzz(func(t *testing.T, text string, n int) {
		if !utf8.ValidString(text) || n < 0 || n > 400 {
			return
		}
		if got, want := Truncate(text, n), truncateWhole(text, n); got != want {
			t.Fatalf("Truncate(%q, %d) = %q, want %q", text, n, got, want)
		}
	})
}

// frenchReplacer is FrenchSpaces's definition, which it is faster than.
var frenchReplacer = strings.NewReplacer(
	"« ", "«\u00a0",
	" »", "\u00a0»",
	" :", "\u00a0:",
	" ;", "\u202f;",
	" !", "\u202f!",
	" ?", "\u202f?",
)

func FuzzFrenchSpaces(f *testing.F) {
	for _, s := range []string{"Le « forum » : oui !", "« »", "« :", "a ; b ? c ! d", " »", "«", " ", "x\u00a0:", "n° 2005 : x", "«x» « y » ! ?"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := FrenchSpaces(s), frenchReplacer.Replace(s); got != want {
			t.Fatalf("FrenchSpaces(%q) = %q, want %q", s, got, want)
		}
	})
}
