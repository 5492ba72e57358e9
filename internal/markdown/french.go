package markdown

import "strings"

// French typography puts a space before the high punctuation and inside
// guillemets; editors type ordinary spaces there, which let a line break
// leave "»" or ":" alone at the start of a line. FrenchSpaces makes those
// spaces unbreakable: U+00A0 before ":" and inside « », U+202F (narrow) before
// ";", "!" and "?".
func FrenchSpaces(s string) string {
	// Every change is next to one of these bytes, rare in a text: find them
	// with IndexByte (vectorized), each from where the last was found, rather
	// than look at every byte.
	const marks = ":;!?\xc2" // « and » start with C2
	var next [len(marks)]int
	for k := range next {
		next[k] = -2 // not searched yet
	}
	var b []byte  // made at the first change: most texts have none
	copied := 0   // s[:copied] is in b (when b is made)
	consumed := 0 // the end of the last change, as strings.Replacer reads: a space is changed once
	for pos := 0; ; {
		// The nearest mark at or after pos.
		j := -1
		for k := range next {
			if next[k] != -1 && next[k] < pos {
				next[k] = indexFrom(s, marks[k], pos)
			}
			if next[k] >= 0 && (j < 0 || next[k] < j) {
				j = next[k]
			}
		}
		if j < 0 {
			break
		}
		spaceBefore := j-1 >= consumed && s[j-1] == ' '
		at, end, space := -1, 0, "" // the space to change, the end of the change, the new space
		switch c := s[j]; {
		case c == ':' && spaceBefore:
			at, end, space = j-1, j+1, "\u00a0"
		case c != 0xc2 && spaceBefore: // ; ! ?
			at, end, space = j-1, j+1, "\u202f"
		case c == 0xc2 && j+1 < len(s) && s[j+1] == 0xbb && spaceBefore: // " »"
			at, end, space = j-1, j+2, "\u00a0"
		case c == 0xc2 && j+2 < len(s) && s[j+1] == 0xab && s[j+2] == ' ': // "« "
			at, end, space = j+2, j+3, "\u00a0"
		}
		if at < 0 {
			pos = j + 1
			continue
		}
		if b == nil {
			b = make([]byte, 0, len(s)+16)
		}
		b = append(b, s[copied:at]...)
		b = append(b, space...)
		copied, consumed, pos = at+1, end, end
	}
	if b == nil {
		return s
	}
	return string(append(b, s[copied:]...))
}

// indexFrom is the index of c in s at or after from, or -1.
func indexFrom(s string, c byte, from int) int {
	if i := strings.IndexByte(s[from:], c); i >= 0 {
		return from + i
	}
	return -1
}

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
