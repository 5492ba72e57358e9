package feed

import (
	"bytes"
	"net/url"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// absoluteReference is Absolute written plainly, with a Token for every
// tag: Absolute must give the same bytes.
func absoluteReference(fragment, base string) string {
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

func FuzzAbsolute(f *testing.F) {
	for _, s := range []string{
		`<p><a href="/agenda/x/">x</a> <a HREF='../y' title="a>b">y</a> <img src="i.png" alt=""></p>`,
		`<a href="https://ex.org/">abs</a><a href="#note">n</a><A Href="/a?b=1&amp;c=2">q</a>`,
		`<!-- <a href="/c"> --><script>var a = "<a href='/s'>";</script><a href="/z"/>`,
		`<div><img src = " /sp.png " srcset="/a.png 2x"><video src="v.mp4"></video><area href="/m"></div>`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		base := "https://reseau.example.org/actualites/a/"
		if got, want := Absolute(s, base), absoluteReference(s, base); got != want {
			t.Fatalf("Absolute(%q)\n got %q\nwant %q", s, got, want)
		}
	})
}
