package feed

import (
	"bytes"
	"net/url"
	"strings"

	"golang.org/x/net/html"
)

// urlAttrs are the attributes whose value is a URL, by element.
var urlAttrs = map[string]string{"a": "href", "img": "src", "source": "src", "video": "src", "audio": "src", "area": "href"}

// Absolute rewrites every relative link and image URL of an HTML fragment
// against base, the absolute URL of the page it comes from: feed readers show
// items away from the site, where relative URLs break.
func Absolute(fragment, base string) string {
	b, err := url.Parse(base)
	if err != nil || !b.IsAbs() {
		return fragment
	}
	z := html.NewTokenizer(strings.NewReader(fragment))
	var out bytes.Buffer
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return out.String()
		case html.StartTagToken, html.SelfClosingTagToken:
			raw := string(z.Raw())
			tok := z.Token()
			attr, ok := urlAttrs[tok.Data]
			changed := false
			for i, a := range tok.Attr {
				if !ok || a.Key != attr {
					continue
				}
				u, err := url.Parse(strings.TrimSpace(a.Val))
				if err != nil || u.IsAbs() {
					continue
				}
				// A fragment alone ("#note") becomes the page's URL with it.
				tok.Attr[i].Val = b.ResolveReference(u).String()
				changed = true
			}
			if changed {
				out.WriteString(tok.String())
			} else {
				out.WriteString(raw)
			}
		default:
			out.Write(z.Raw())
		}
	}
}
