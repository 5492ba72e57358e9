package markdown

import (
	"html/template"
	"regexp"
	"strconv"
	"strings"
)

var (
	embedHeading = regexp.MustCompile(`<(/?)h([1-6])([\s>])`)
	embedID      = regexp.MustCompile(`(\sid=")([^"]*)(")`)
	embedAnchor  = regexp.MustCompile(`(\shref="#)([^"]*)(")`)
)

// Embed prepares a converted body to be shown inside another document: its
// top heading level becomes h<level> (the others follow, none below h6), and
// every id and every link to an id of the body is prefixed with idPrefix, so
// that two bodies on one page neither break its outline nor share an id.
func Embed(html template.HTML, level int, idPrefix string) template.HTML {
	s := string(html)
	top := 7
	for _, m := range embedHeading.FindAllStringSubmatch(s, -1) {
		if n, _ := strconv.Atoi(m[2]); n < top {
			top = n
		}
	}
	if top < 7 {
		level = min(max(level, 1), 6)
		s = embedHeading.ReplaceAllStringFunc(s, func(tag string) string {
			m := embedHeading.FindStringSubmatch(tag)
			n, _ := strconv.Atoi(m[2])
			return "<" + m[1] + "h" + strconv.Itoa(min(n-top+level, 6)) + m[3]
		})
	}
	if idPrefix != "" {
		s = embedID.ReplaceAllString(s, "${1}"+strings.ReplaceAll(idPrefix, "$", "$$")+"${2}${3}")
		s = embedAnchor.ReplaceAllString(s, "${1}"+strings.ReplaceAll(idPrefix, "$", "$$")+"${2}${3}")
	}
	return template.HTML(s)
}
