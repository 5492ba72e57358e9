package markdown

import "strings"

// French typography puts a space before the high punctuation and inside
// guillemets; editors type ordinary spaces there, which let a line break
// leave "»" or ":" alone at the start of a line. FrenchSpaces makes those
// spaces unbreakable: U+00A0 before ":" and inside « », U+202F (narrow) before
// ";", "!" and "?".
func FrenchSpaces(s string) string {
	var b []byte // made at the first change: most texts have none
	done := 0    // s[:done] is in b
	for i := 0; i+1 < len(s); i++ {
		var keep int // bytes kept before the space
		var space string
		switch {
		case s[i] == ' ':
			switch s[i+1] {
			case ':':
				space = "\u00a0"
			case ';', '!', '?':
				space = "\u202f"
			case 0xc2: // "»" is C2 BB
				if i+2 < len(s) && s[i+2] == 0xbb {
					space = "\u00a0"
				}
			}
		case s[i] == 0xc2 && s[i+1] == 0xab && i+2 < len(s) && s[i+2] == ' ': // "« "
			keep, space = 2, "\u00a0"
		}
		if space == "" {
			continue
		}
		if b == nil {
			b = make([]byte, 0, len(s)+16)
		}
		b = append(b, s[done:i+keep]...)
		b = append(b, space...)
		i += keep // the space, which the loop's i++ passes
		done = i + 1
	}
	if b == nil {
		return s
	}
	return string(append(b, s[done:]...))
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
