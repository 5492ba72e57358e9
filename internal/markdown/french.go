package markdown

import (
	"regexp"
	"strings"
)

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

// skipped are the elements whose text is code, left as written.
var skipped = regexp.MustCompile(`(?s)<pre[ >].*?</pre>|<code[ >].*?</code>|<[^>]*>`)

// frenchHTML applies FrenchSpaces to the text of an HTML fragment, not to
// its tags, attributes or code.
func frenchHTML(html string) string {
	if !strings.ContainsAny(html, "«»:;!?") {
		return html
	}
	var b strings.Builder
	last := 0
	for _, loc := range skipped.FindAllStringIndex(html, -1) {
		b.WriteString(FrenchSpaces(html[last:loc[0]]))
		b.WriteString(html[loc[0]:loc[1]])
		last = loc[1]
	}
	b.WriteString(FrenchSpaces(html[last:]))
	return b.String()
}
