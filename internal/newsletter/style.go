package newsletter

import (
	"bytes"
	htmltemplate "html/template"
	"strings"

	"golang.org/x/net/html"
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
// style, before any style it already has.
func inlineStyles(body htmltemplate.HTML) htmltemplate.HTML {
	z := html.NewTokenizer(strings.NewReader(string(body)))
	var out bytes.Buffer
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return htmltemplate.HTML(out.String())
		case html.StartTagToken, html.SelfClosingTagToken:
			// Token lowers and unescapes the token's bytes in place: keep them first.
			raw := append([]byte(nil), z.Raw()...)
			tok := z.Token()
			style, ok := bodyStyles[tok.Data]
			if !ok {
				out.Write(raw)
				continue
			}
			found := false
			for i, a := range tok.Attr {
				if a.Key == "style" {
					tok.Attr[i].Val = style + a.Val
					found = true
				}
			}
			if !found {
				tok.Attr = append(tok.Attr, html.Attribute{Key: "style", Val: style})
			}
			out.WriteString(tok.String())
		default:
			out.Write(z.Raw())
		}
	}
}
