package build

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	xhtml "golang.org/x/net/html"

	"relais/internal/gen"
)

// TestBasePathEverywhere builds sites published under a path, the test site
// sous-dossier and a generated site large enough to have paginated lists,
// and checks that every URL of every file they publish (pages, feeds,
// calendars, JSON, sitemap, robots.txt, stylesheets) is under that path.
func TestBasePathEverywhere(t *testing.T) {
	const baseURL = "https://example.org/sous/dossier/"
	sc := loadSite(t, "../../testdata/sites/sous-dossier.txtar")
	if sc.cfg.BaseURL != baseURL {
		t.Fatalf("testdata/sites/sous-dossier.txtar: base-url is %q, want %q", sc.cfg.BaseURL, baseURL)
	}
	genRoot := t.TempDir()
	if err := gen.Write(genRoot, gen.Options{Pages: 300, Seed: 7}); err != nil {
		t.Fatal(err)
	}
	sites := []struct {
		name string
		cfg  Config
		must []string // files whose URLs must be checked: the test covers them
	}{
		{"sous-dossier", sc.cfg, []string{"404.html", "agenda/forum-emploi.ics", "robots.txt", "sitemap.xml",
			"agenda.json", "feed.json", "partenaires/cio-vendome/feed.xml", "agenda/widget/index.html", "releves/2021/index.html"}},
		{"generated", Config{Root: genRoot, Out: filepath.Join(genRoot, "public"), NowText: gen.Now, BaseURL: baseURL},
			[]string{"actualites/page/2/index.html"}},
	}
	for _, s := range sites {
		t.Run(s.name, func(t *testing.T) {
			if _, err := Run(s.cfg); err != nil {
				t.Fatalf("build failed:\n%v", err)
			}
			files := readTree(t, s.cfg.Out)
			for _, f := range s.must {
				if _, ok := files[f]; !ok {
					t.Errorf("%s: not written", f)
				}
			}
			checked := 0
			for _, name := range slices.Sorted(mapKeys(files)) {
				probs, ok := strayURLs(name, files[name], "/sous/dossier/")
				if ok {
					checked++
				}
				for _, p := range probs {
					t.Errorf("%s: %s", name, p)
				}
			}
			if checked < len(s.must) {
				t.Errorf("only %d files checked", checked)
			}
		})
	}
}

func mapKeys(m map[string][]byte) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

var (
	// absURLs are the URLs of the test sites' host, in any text.
	absURLs = regexp.MustCompile(`(?:https?|webcal)://example\.org(?::\d+)?([^\s"'<>\\)\]]*)`)
	// attrURLs are root-relative URLs in HTML attributes, in the HTML that
	// feeds and JSON carry.
	attrURLs = regexp.MustCompile(`(?:href|src|action)\s*=\s*["']?(/[^"'\s>]*)`)
	cssURLs  = regexp.MustCompile(`url\(\s*["']?(/[^"')]*)`)
)

// strayURLs returns the URLs of a published file that are not under base (a
// path, "/sous/dossier/"), root-relative or absolute on example.org, and whether it is a
// file whose URLs it knows how to find. The error page, served at any depth,
// must not use relative links either.
func strayURLs(name string, data []byte, base string) ([]string, bool) {
	var probs []string
	rootRelative := func(where, u string) {
		u = strings.TrimSpace(u)
		if strings.HasPrefix(u, "/") && !strings.HasPrefix(u, "//") && !strings.HasPrefix(u, base) {
			probs = append(probs, fmt.Sprintf("%s %q is not under %s", where, u, base))
		}
	}
	text := func(where, s string) {
		for _, m := range absURLs.FindAllStringSubmatch(s, -1) {
			if !strings.HasPrefix(m[1], base) {
				probs = append(probs, fmt.Sprintf("%s %q is not under %s", where, m[0], base))
			}
		}
		for _, m := range attrURLs.FindAllStringSubmatch(s, -1) {
			rootRelative(where+" link", html.UnescapeString(m[1]))
		}
	}
	switch path.Ext(name) {
	case ".html":
		z := xhtml.NewTokenizer(bytes.NewReader(data))
		for {
			tt := z.Next()
			if tt == xhtml.ErrorToken {
				break
			}
			tok := z.Token()
			switch tt {
			case xhtml.TextToken:
				text("text", tok.Data) // JSON-LD, and any URL written out
			case xhtml.StartTagToken, xhtml.SelfClosingTagToken:
				for _, a := range tok.Attr {
					where := fmt.Sprintf("<%s %s>", tok.Data, a.Key)
					vals := []string{a.Val}
					if a.Key == "srcset" {
						vals = nil
						for c := range strings.SplitSeq(a.Val, ",") {
							if f := strings.Fields(c); len(f) > 0 {
								vals = append(vals, f[0])
							}
						}
					}
					for _, v := range vals {
						rootRelative(where, v)
						text(where, v)
						if name == "404.html" && (a.Key == "href" || a.Key == "src") && isRelativePath(v) {
							probs = append(probs, fmt.Sprintf("%s %q is relative: the error page is served at any depth", where, v))
						}
					}
				}
			}
		}
	case ".json":
		var v any
		if err := json.Unmarshal(data, &v); err != nil {
			return []string{err.Error()}, true
		}
		walkStrings(v, func(s string) {
			rootRelative("value", s)
			text("value", s)
		})
	case ".ics":
		text("property", strings.ReplaceAll(string(data), "\r\n ", "")) // unfolded
	case ".xml", ".txt":
		text("text", html.UnescapeString(string(data))) // HTML escaped in XML text, as well as in CDATA
	case ".css":
		for _, m := range cssURLs.FindAllStringSubmatch(string(data), -1) {
			rootRelative("url()", m[1])
		}
		text("css", string(data))
	default:
		return nil, false
	}
	return probs, true
}

// isRelativePath tells a relative path ("agenda/", "../x") from a URL with
// a scheme, a root-relative path and a fragment.
func isRelativePath(u string) bool {
	u = strings.TrimSpace(u)
	if u == "" || strings.HasPrefix(u, "/") || strings.HasPrefix(u, "#") {
		return false
	}
	scheme, _, ok := strings.Cut(u, ":")
	return !ok || strings.ContainsAny(scheme, "/?#")
}

func walkStrings(v any, f func(string)) {
	switch v := v.(type) {
	case string:
		f(v)
	case []any:
		for _, x := range v {
			walkStrings(x, f)
		}
	case map[string]any:
		for _, x := range v {
			walkStrings(x, f)
		}
	}
}

// TestStrayURLs makes sure that the check above finds what it looks for.
func TestStrayURLs(t *testing.T) {
	tests := []struct {
		name, file, data string
		want             []string
	}{
		{"page under the path", "index.html",
			`<link rel="stylesheet" href="/sous/dossier/assets/relais.css"><a href="https://example.org/sous/dossier/agenda/">a</a><a href="https://autre.example.net/x">b</a><a href="agenda/">c</a>`, nil},
		{"root-relative link", "index.html", `<a href="/agenda/">a</a>`,
			[]string{`<a href> "/agenda/" is not under /sous/dossier/`}},
		{"asset and srcset", "agenda/index.html", `<script src="/assets/agenda.js"></script><img srcset="/sous/dossier/a.png 1x, /b.png 2x" alt="">`,
			[]string{`<script src> "/assets/agenda.js" is not under /sous/dossier/`, `<img srcset> "/b.png" is not under /sous/dossier/`}},
		{"absolute URL without the path", "index.html", `<link rel="canonical" href="https://example.org/agenda/">`,
			[]string{`<link href> "https://example.org/agenda/" is not under /sous/dossier/`}},
		{"JSON-LD", "agenda/x/index.html", `<script type="application/ld+json">{"url":"https://example.org/agenda/x/"}</script>`,
			[]string{`text "https://example.org/agenda/x/" is not under /sous/dossier/`}},
		{"error page with a relative link", "404.html", `<a href="plan-du-site/">p</a><a href="mailto:a@example.org">m</a><a href="#contenu">c</a>`,
			[]string{`<a href> "plan-du-site/" is relative: the error page is served at any depth`}},
		{"feed content", "feed.xml", `<item><link>https://example.org/sous/dossier/a/</link><content:encoded><![CDATA[<img src="/images/x.png">]]></content:encoded><description>&lt;a href=&#34;/y/&#34;&gt;</description></item>`,
			[]string{`text link "/images/x.png" is not under /sous/dossier/`, `text link "/y/" is not under /sous/dossier/`}},
		{"JSON feed", "feed.json", `{"home_page_url":"https://example.org/sous/dossier/","items":[{"content_html":"\u003ca href=\"/z/\"\u003e","url":"/sous/dossier/w/"}]}`,
			[]string{`value link "/z/" is not under /sous/dossier/`}},
		{"folded calendar", "agenda.ics", "URL:https://example.org/sous/dossier/agenda/x/\r\nDESCRIPTION:voir https://exa\r\n mple.org/agenda/x/\r\n",
			[]string{`property "https://example.org/agenda/x/" is not under /sous/dossier/`}},
		{"robots", "robots.txt", "User-agent: *\nAllow: /\n\nSitemap: https://example.org/sitemap.xml\n",
			[]string{`text "https://example.org/sitemap.xml" is not under /sous/dossier/`}},
		{"stylesheet", "assets/x.css", `body{background:url("/images/fond.png")}`,
			[]string{`url() "/images/fond.png" is not under /sous/dossier/`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			have, ok := strayURLs(tt.file, []byte(tt.data), "/sous/dossier/")
			if !ok {
				t.Fatalf("%s: not checked", tt.file)
			}
			if !slices.Equal(have, tt.want) {
				t.Errorf("have:\n%s\nwant:\n%s", strings.Join(have, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}
