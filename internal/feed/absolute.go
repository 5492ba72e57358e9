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
	out.Grow(len(fragment) + len(fragment)/8)
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return out.String()
		case html.StartTagToken, html.SelfClosingTagToken:
			// Written as it is unless it has a relative URL. TagName and
			// TagAttr change the token's bytes in place (lower case,
			// unescaping): they are copied first.
			mark := out.Len()
			out.Write(z.Raw())
			name, more := z.TagName()
			attr, ok := urlAttrs[string(name)]
			if !ok || !more {
				continue
			}
			tok := html.Token{Type: tt, Data: string(name)}
			changed := false
			for more {
				var k, v []byte
				k, v, more = z.TagAttr()
				a := html.Attribute{Key: string(k), Val: string(v)}
				if a.Key == attr {
					if u, err := url.Parse(strings.TrimSpace(a.Val)); err == nil && !u.IsAbs() {
						// A fragment alone ("#note") becomes the page's URL with it.
						a.Val = b.ResolveReference(u).String()
						changed = true
					}
				}
				tok.Attr = append(tok.Attr, a)
			}
			if changed {
				out.Truncate(mark)
				out.WriteString(tok.String())
			}
		default:
			out.Write(z.Raw())
		}
	}
}
