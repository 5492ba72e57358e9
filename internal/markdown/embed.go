package markdown

import (
	"html/template"
	"strings"
)

// Embed prepares a converted body to be shown inside another document: its
// top heading level becomes h<level> (the others follow, none below h6), and
// every id and every link to an id of the body is prefixed with idPrefix, so
// that two bodies on one page neither break its outline nor share an id.
//
// It reads the HTML that Convert writes, tag by tag, without a parser: a
// body is embedded once per build in every mail's web view.
func Embed(html template.HTML, level int, idPrefix string) template.HTML {
	s := string(html)
	top := 7
	for i := 0; ; {
		j := strings.Index(s[i:], "<h")
		if j < 0 {
			break
		}
		i += j + 2
		if n := headingLevel(s, i); n > 0 && n < top {
			top = n
		}
	}
	level = min(max(level, 1), 6)
	var b strings.Builder
	b.Grow(len(s) + len(s)/16)
	for i := 0; i < len(s); {
		j := strings.IndexByte(s[i:], '<')
		if j < 0 {
			b.WriteString(s[i:])
			break
		}
		b.WriteString(s[i : i+j])
		i += j
		end := strings.IndexByte(s[i:], '>')
		if end < 0 {
			b.WriteString(s[i:])
			break
		}
		b.WriteString(embedTag(s[i:i+end+1], top, level, idPrefix))
		i += end + 1
	}
	return template.HTML(b.String())
}

// headingLevel is n when s[i:] continues "<h" as "n>" or "n " (a heading
// tag), else 0.
func headingLevel(s string, i int) int {
	if i+1 < len(s) && s[i] >= '1' && s[i] <= '6' && (s[i+1] == '>' || s[i+1] == ' ') {
		return int(s[i] - '0')
	}
	return 0
}

// embedTag rewrites one tag, "<…>": a heading's level, its id, a link to
// an id of the body.
func embedTag(tag string, top, level int, idPrefix string) string {
	name := 1
	if strings.HasPrefix(tag, "</") {
		name = 2
	}
	if top < 7 && len(tag) > name+1 && tag[name] == 'h' {
		if n := headingLevel(tag, name+1); n > 0 {
			tag = tag[:name+1] + string(rune('0'+min(n-top+level, 6))) + tag[name+2:]
		}
	}
	if idPrefix == "" || name == 2 {
		return tag
	}
	tag = strings.Replace(tag, ` id="`, ` id="`+idPrefix, 1)
	return strings.Replace(tag, ` href="#`, ` href="#`+idPrefix, 1)
}
