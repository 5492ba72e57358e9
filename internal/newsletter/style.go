package newsletter

import (
	htmltemplate "html/template"
	"strings"
)

// bodyStyles are the styles of the elements of a converted Markdown body
// inside the mail. Mail clients drop or ignore a stylesheet (Outlook for
// Windows, some webmails), so each element carries its own: the mail's own
// markup is written with inline styles in its template, and the bodies get
// these when they are placed in it. A fixed table of a few elements needs no
// CSS inliner, and leaves the rest of the markup byte for byte as goldmark
// wrote it.
var bodyStyles = map[string]string{
	"p":          "margin:0 0 12px;",
	"ul":         "margin:0 0 12px;padding-left:24px;",
	"ol":         "margin:0 0 12px;padding-left:24px;",
	"li":         "margin:0 0 4px;",
	"a":          "color:#1a4f8b;text-decoration:underline;",
	"h3":         "margin:24px 0 8px;font-size:19px;line-height:1.3;color:#17375e;",
	"h4":         "margin:20px 0 8px;font-size:17px;line-height:1.3;color:#17375e;",
	"h5":         "margin:16px 0 8px;font-size:16px;line-height:1.3;color:#17375e;",
	"h6":         "margin:16px 0 8px;font-size:15px;line-height:1.3;color:#17375e;",
	"blockquote": "margin:0 0 12px;padding:0 0 0 12px;border-left:3px solid #c9d0d8;",
	"table":      "border-collapse:collapse;margin:0 0 12px;",
	"th":         "border:1px solid #c9d0d8;padding:4px 8px;text-align:left;",
	"td":         "border:1px solid #c9d0d8;padding:4px 8px;text-align:left;",
	"pre":        "margin:0 0 12px;white-space:pre-wrap;font-family:Consolas,Menlo,monospace;font-size:14px;",
	"code":       "font-family:Consolas,Menlo,monospace;font-size:14px;",
	"hr":         "border:0;border-top:1px solid #c9d0d8;margin:16px 0;",
	"img":        "max-width:100%;height:auto;",
}

// inlineStyles gives each element of a body that bodyStyles names its
// style, before any style it already has (goldmark aligns table cells with
// one). It reads the HTML that goldmark writes, tag by tag: tags are
// lower-case, attribute values quoted with ", and a "<" in text is "&lt;".
func inlineStyles(body htmltemplate.HTML) htmltemplate.HTML {
	s := string(body)
	var b strings.Builder
	b.Grow(len(s) + 48*strings.Count(s, "<")) // a style is about 40 bytes a tag
	for {
		i := strings.IndexByte(s, '<')
		if i < 0 {
			b.WriteString(s)
			return htmltemplate.HTML(b.String())
		}
		b.WriteString(s[:i+1])
		s = s[i+1:]
		if strings.HasPrefix(s, "!--") { // a comment (raw HTML), as it is
			end := strings.Index(s, "-->")
			if end < 0 {
				end = len(s) - 3
			}
			b.WriteString(s[:end+3])
			s = s[end+3:]
			continue
		}
		n := 0
		for n < len(s) && (s[n] >= 'a' && s[n] <= 'z' || s[n] >= '0' && s[n] <= '9') {
			n++
		}
		style, ok := bodyStyles[s[:n]]
		end := strings.IndexByte(s, '>')
		if !ok || end < n || n < len(s) && s[n] != ' ' && s[n] != '>' && s[n] != '/' {
			continue
		}
		if j := strings.Index(s[:end], ` style="`); j >= 0 {
			j += len(` style="`)
			b.WriteString(s[:j] + style)
			s = s[j:]
			continue
		}
		b.WriteString(s[:n] + ` style="` + style + `"`)
		s = s[n:]
	}
}
