package markdown

import "strings"

// French typography puts a space before the high punctuation and inside
// guillemets; editors type ordinary spaces there, which let a line break
// leave "»" or ":" alone at the start of a line. FrenchSpaces makes those
// spaces unbreakable: U+00A0 before ":" and inside « », U+202F (narrow) before
// ";", "!" and "?".
func FrenchSpaces(s string) string {
	if !strings.ContainsAny(s, ":;!?") && !strings.Contains(s, "«") && !strings.Contains(s, "»") {
		return s // the common case, tested with ASCII sets only
	}
	return frenchReplacer.Replace(s)
}

var frenchReplacer = strings.NewReplacer(
	"« ", "«\u00a0",
	" »", "\u00a0»",
	" :", "\u00a0:",
	" ;", "\u202f;",
	" !", "\u202f!",
	" ?", "\u202f?",
)

// frenchHTML applies FrenchSpaces to the text of an HTML fragment, not to
// its tags, attributes, or the contents of pre and code elements.
func frenchHTML(h string) string {
	if !strings.ContainsAny(h, ":;!?") && !strings.Contains(h, "«") && !strings.Contains(h, "»") {
		return h
	}
	var b strings.Builder
	b.Grow(len(h) + 64)
	for len(h) > 0 {
		lt := strings.IndexByte(h, '<')
		if lt < 0 {
			b.WriteString(FrenchSpaces(h))
			break
		}
		b.WriteString(FrenchSpaces(h[:lt]))
		h = h[lt:]
		end := strings.IndexByte(h, '>')
		if end < 0 {
			b.WriteString(h) // not a tag: leave the rest as written
			break
		}
		tag := h[:end+1]
		b.WriteString(tag)
		h = h[end+1:]
		// Code is written as is, up to its closing tag.
		for _, name := range []string{"pre", "code"} {
			if strings.HasPrefix(tag, "<"+name+">") || strings.HasPrefix(tag, "<"+name+" ") {
				closing := "</" + name + ">"
				if i := strings.Index(h, closing); i >= 0 {
					b.WriteString(h[:i+len(closing)])
					h = h[i+len(closing):]
				}
				break
			}
		}
	}
	return b.String()
}
