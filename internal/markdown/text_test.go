package markdown

import "testing"

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
