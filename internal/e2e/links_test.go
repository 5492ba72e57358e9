package e2e

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"
)

// An output is the built site under check: a folder as it would be deployed.
type output struct {
	name     string          // "example", or the name of the test site
	dir      string          // the output folder
	hosts    []string        // hosts whose absolute URLs are internal (from base_url)
	basePath string          // path of base_url, "/" when it has none
	files    map[string]bool // every file, as a slash-separated path relative to dir
	pages    []string        // the HTML files, sorted
	now      time.Time       // the build's now; zero for fixtures
}

// openOutput lists the files of the output folder dir. baseURL is the site's
// base_url ("" when it has none): absolute links to its host are internal.
func openOutput(name, dir, baseURL string) (*output, error) {
	o := &output{name: name, dir: dir, basePath: "/", files: map[string]bool{}}
	if baseURL != "" {
		u, err := url.Parse(baseURL)
		if err != nil || u.Host == "" {
			return nil, fmt.Errorf("base_url %q is not an absolute URL", baseURL)
		}
		o.hosts = append(o.hosts, strings.ToLower(u.Host))
		if p := strings.TrimSuffix(u.Path, "/"); p != "" {
			o.basePath = p + "/"
		}
	}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		o.files[rel] = true
		if strings.HasSuffix(rel, ".html") {
			o.pages = append(o.pages, rel)
		}
		return nil
	})
	slices.Sort(o.pages)
	return o, err
}

// urlPath is the path at which the output file rel is served: pagePath
// under the base URL's path ("/sous/dossier/agenda/" for agenda/index.html).
func (o *output) urlPath(rel string) string {
	return strings.TrimSuffix(o.basePath, "/") + pagePath(rel)
}

// filesWithSuffix returns the files whose names end in suffix, sorted.
func (o *output) filesWithSuffix(suffix string) []string {
	var names []string
	for f := range o.files {
		if strings.HasSuffix(f, suffix) {
			names = append(names, f)
		}
	}
	slices.Sort(names)
	return names
}

// A ref is one URL written in a file of the output.
type ref struct {
	line int
	tag  string // "a", "img", "url()" in CSS, "loc" in a sitemap...
	attr string // "href", "srcset"...; "" for CSS and XML
	val  string
}

func (r ref) elem() string {
	if r.attr == "" {
		return fmt.Sprintf("%s %q", r.tag, clip(r.val, 150))
	}
	return fmt.Sprintf("<%s %s=%q>", r.tag, r.attr, clip(r.val, 150))
}

// urlAttrs are the attributes that hold one URL, by element.
var urlAttrs = map[string][]string{
	"a":          {"href"},
	"area":       {"href"},
	"link":       {"href"},
	"script":     {"src"},
	"img":        {"src"},
	"source":     {"src"},
	"video":      {"src", "poster"},
	"audio":      {"src"},
	"track":      {"src"},
	"iframe":     {"src"},
	"embed":      {"src"},
	"object":     {"data"},
	"form":       {"action"},
	"input":      {"src", "formaction"},
	"button":     {"formaction"},
	"blockquote": {"cite"},
	"q":          {"cite"},
	"ins":        {"cite"},
	"del":        {"cite"},
	"use":        {"href", "xlink:href"},
	"image":      {"href", "xlink:href"},
}

// metaURLs are the <meta> properties whose content is a URL of the page.
var metaURLs = map[string]bool{
	"og:url": true, "og:image": true, "og:image:url": true, "og:image:secure_url": true,
	"twitter:image": true, "twitter:url": true,
}

// A scannedPage is what the link check needs of an HTML page.
type scannedPage struct {
	refs []ref
	ids  map[string]bool // ids, and names of <a name>: the fragments it has
	base string          // href of its <base>, if any
}

// scanHTML tokenizes an HTML page and collects its URLs and ids, with the
// line of each URL.
func scanHTML(data []byte) scannedPage {
	sp := scannedPage{ids: map[string]bool{}}
	z := html.NewTokenizer(bytes.NewReader(data))
	line := 1
	inStyle := false
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return sp
		}
		// Raw is only valid until the next call on z: count first.
		raw := z.Raw()
		start := line
		line += bytes.Count(raw, []byte("\n"))
		if tt == html.TextToken && inStyle {
			sp.refs = append(sp.refs, cssRefs(raw, start, "style")...)
			continue
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			if tt == html.EndTagToken {
				inStyle = false
			}
			continue
		}
		tok := z.Token()
		tag := tok.Data
		inStyle = tag == "style" && tt == html.StartTagToken
		attrs := map[string]string{}
		for _, a := range tok.Attr {
			if _, dup := attrs[a.Key]; !dup {
				attrs[a.Key] = a.Val
			}
		}
		if id, ok := attrs["id"]; ok && id != "" {
			sp.ids[id] = true
		}
		if name, ok := attrs["name"]; ok && tag == "a" && name != "" {
			sp.ids[name] = true
		}
		if style, ok := attrs["style"]; ok {
			sp.refs = append(sp.refs, cssRefs([]byte(style), start, tag+" style")...)
		}
		switch tag {
		case "base":
			if h, ok := attrs["href"]; ok && sp.base == "" {
				sp.base = h
			}
			continue
		case "meta":
			if strings.EqualFold(attrs["http-equiv"], "refresh") {
				if _, u, ok := strings.Cut(attrs["content"], "="); ok {
					sp.refs = append(sp.refs, ref{start, tag, "content", strings.Trim(u, `'" `)})
				}
			}
			if prop := attrs["property"] + attrs["name"]; metaURLs[prop] {
				sp.refs = append(sp.refs, ref{start, tag, "content", attrs["content"]})
			}
			continue
		}
		for _, a := range urlAttrs[tag] {
			if v, ok := attrs[a]; ok {
				sp.refs = append(sp.refs, ref{start, tag, a, v})
			}
		}
		if v, ok := attrs["srcset"]; ok && (tag == "img" || tag == "source") {
			for _, u := range srcsetURLs(v) {
				sp.refs = append(sp.refs, ref{start, tag, "srcset", u})
			}
		}
	}
}

// srcsetURLs returns the URLs of a srcset attribute: "a.png 1x, b.png 2x".
func srcsetURLs(v string) []string {
	var urls []string
	for cand := range strings.SplitSeq(v, ",") {
		if f := strings.Fields(cand); len(f) > 0 {
			urls = append(urls, f[0])
		}
	}
	return urls
}

var (
	cssURL    = regexp.MustCompile(`url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]*))\s*\)`)
	cssImport = regexp.MustCompile(`@import\s+(?:"([^"]*)"|'([^']*)')`)
)

// cssRefs returns the url(...) and @import references of CSS text that
// starts at line first.
func cssRefs(css []byte, first int, tag string) []ref {
	var refs []ref
	for _, re := range []*regexp.Regexp{cssURL, cssImport} {
		for _, m := range re.FindAllSubmatchIndex(css, -1) {
			var v string
			for g := 1; g < len(m)/2; g++ {
				if m[2*g] >= 0 && m[2*g+1] > m[2*g] {
					v = string(css[m[2*g]:m[2*g+1]])
				}
			}
			if v == "" {
				continue
			}
			line := first + bytes.Count(css[:m[0]], []byte("\n"))
			kind := tag + " url()"
			if re == cssImport {
				kind = tag + " @import"
			}
			refs = append(refs, ref{line: line, tag: kind, val: v})
		}
	}
	slices.SortStableFunc(refs, func(a, b ref) int { return a.line - b.line })
	return refs
}

// sitemapRefs returns the <loc> URLs of a sitemap.
func sitemapRefs(data []byte) ([]ref, error) {
	var refs []ref
	d := xml.NewDecoder(bytes.NewReader(data))
	inLoc := false
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return refs, nil
		}
		if err != nil {
			return refs, err
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			inLoc = tok.Name.Local == "loc"
		case xml.EndElement:
			inLoc = false
		case xml.CharData:
			if inLoc {
				line, _ := d.InputPos()
				refs = append(refs, ref{line: line, tag: "loc", val: strings.TrimSpace(string(tok))})
			}
		}
	}
}

// robotsRefs returns the Sitemap: URLs of robots.txt.
func robotsRefs(data []byte) []ref {
	var refs []ref
	for i, l := range strings.Split(string(data), "\n") {
		if k, v, ok := strings.Cut(l, ":"); ok && strings.EqualFold(strings.TrimSpace(k), "sitemap") {
			refs = append(refs, ref{line: i + 1, tag: "Sitemap:", val: strings.TrimSpace(v)})
		}
	}
	return refs
}

// linkCount counts the references that a check looked at.
type linkCount struct {
	internal int // resolved against the output
	external int // other hosts and schemes, not fetched
}

// A linkChecker resolves the references of one output against its files.
type linkChecker struct {
	o     *output
	pages map[string]scannedPage // by file
	count linkCount
	probs []problem
}

func newLinkChecker(o *output) (*linkChecker, error) {
	lc := &linkChecker{o: o, pages: map[string]scannedPage{}}
	for _, p := range o.pages {
		data, err := os.ReadFile(filepath.Join(o.dir, p))
		if err != nil {
			return nil, err
		}
		lc.pages[p] = scanHTML(data)
	}
	return lc, nil
}

// checkLinks resolves every internal reference of the output's HTML pages,
// CSS files, sitemap and robots.txt, and reports those that lead nowhere.
func checkLinks(o *output) (linkCount, []problem, error) {
	lc, err := newLinkChecker(o)
	if err != nil {
		return linkCount{}, nil, err
	}
	for _, p := range o.pages {
		sp := lc.pages[p]
		base := &url.URL{Path: o.urlPath(p)}
		// Hosts serve the error page at the address that was not found,
		// at any depth: its links must not be relative (but a fragment
		// alone is the page itself).
		deep := &url.URL{Path: o.urlPath("une/adresse/absente/index.html")}
		if sp.base != "" {
			if b, err := url.Parse(sp.base); err == nil {
				base = base.ResolveReference(b)
			}
		}
		for _, r := range sp.refs {
			if p == "404.html" && sp.base == "" && !strings.HasPrefix(r.val, "#") {
				n := len(lc.probs)
				lc.check(pagePath(p), deep, r)
				for i := n; i < len(lc.probs); i++ {
					lc.probs[i].Msg += " (the error page is served at any address: its links must start with /)"
				}
				continue
			}
			lc.check(pagePath(p), base, r)
		}
	}
	for _, f := range o.filesWithSuffix(".css") {
		data, err := os.ReadFile(filepath.Join(o.dir, f))
		if err != nil {
			return lc.count, lc.probs, err
		}
		for _, r := range cssRefs(data, 1, "css") {
			lc.check("/"+f, &url.URL{Path: o.urlPath(f)}, r)
		}
	}
	for _, f := range o.filesWithSuffix(".xml") {
		if path.Base(f) != "sitemap.xml" {
			continue
		}
		data, err := os.ReadFile(filepath.Join(o.dir, f))
		if err != nil {
			return lc.count, lc.probs, err
		}
		refs, err := sitemapRefs(data)
		if err != nil {
			lc.probs = append(lc.probs, problem{Page: "/" + f, Check: "sitemap", Msg: err.Error()})
		}
		for _, r := range refs {
			lc.check("/"+f, &url.URL{Path: o.urlPath(f)}, r)
		}
	}
	if o.files["robots.txt"] {
		data, err := os.ReadFile(filepath.Join(o.dir, "robots.txt"))
		if err != nil {
			return lc.count, lc.probs, err
		}
		for _, r := range robotsRefs(data) {
			lc.check("/robots.txt", &url.URL{Path: o.basePath}, r)
		}
	}
	sortProblems(lc.probs)
	return lc.count, lc.probs, nil
}

// check resolves one reference found in the file named by page.
func (lc *linkChecker) check(page string, base *url.URL, r ref) {
	msg, internal := lc.resolve(base, r.val)
	if !internal {
		lc.count.external++
		return
	}
	lc.count.internal++
	if msg != "" {
		lc.probs = append(lc.probs, problem{Page: page, Line: r.line, Check: "broken link", Elem: r.elem(), Msg: msg})
	}
}

// resolve looks for the file and the fragment that the reference val designates.
// It returns internal=false for a URL that is not the site's own (another
// host, mailto:, tel:, data:...), and otherwise a message saying what is
// missing, or "" when the file and the fragment exist.
func (lc *linkChecker) resolve(base *url.URL, val string) (msg string, internal bool) {
	val = strings.TrimSpace(val)
	if val == "" {
		return "", false // the page itself; vnu reports empty values where they are errors
	}
	u, err := url.Parse(val)
	if err != nil {
		return fmt.Sprintf("malformed URL: %v", err), true
	}
	switch u.Scheme {
	case "", "http", "https":
	case "webcal": // a calendar subscription: https for the site's own host
		if u.Host == "" {
			return "", false
		}
	default:
		return "", false
	}
	if u.Host != "" {
		if !slices.Contains(lc.o.hosts, strings.ToLower(u.Host)) {
			return "", false
		}
		u = &url.URL{Path: u.Path, Fragment: u.Fragment}
		if u.Path == "" {
			u.Path = "/"
		}
	} else if u.Scheme != "" {
		return "", false // "https:foo", not a URL a site should write
	}
	abs := base.ResolveReference(u)
	p := abs.Path
	if lc.o.basePath != "/" {
		rest, ok := strings.CutPrefix(p, lc.o.basePath)
		if !ok && p+"/" != lc.o.basePath {
			return fmt.Sprintf("%s is outside the site, which base_url puts under %s", p, lc.o.basePath), true
		}
		p = "/" + rest
	}
	rel := strings.TrimPrefix(p, "/")
	switch {
	case rel == "" || strings.HasSuffix(rel, "/"):
		rel += "index.html"
	case !lc.o.files[rel] && lc.o.files[rel+"/index.html"]:
		// A folder without its final slash: servers redirect to it.
		rel += "/index.html"
	}
	if !lc.o.files[rel] {
		return fmt.Sprintf("no file %s in the output", rel), true
	}
	if abs.Fragment == "" || !strings.HasSuffix(rel, ".html") {
		return "", true
	}
	sp, ok := lc.pages[rel]
	if !ok {
		return "", true
	}
	if !sp.ids[abs.Fragment] && !strings.EqualFold(abs.Fragment, "top") {
		return fmt.Sprintf("no id %q in %s", abs.Fragment, pagePath(rel)), true
	}
	return "", true
}

func TestCheckLinks(t *testing.T) {
	tests := []struct {
		name    string
		dir     string
		baseURL string
		want    []string // problems, as printed
		count   linkCount
	}{
		{
			name:    "good",
			dir:     "testdata/fixtures/good",
			baseURL: "https://spro41.example.org",
			count:   linkCount{internal: 28, external: 4},
		},
		{
			name:    "broken",
			dir:     "testdata/fixtures/broken-links",
			baseURL: "https://spro41.example.org/",
			want: []string{
				`/:9: broken link: <link href="/css/missing.css">: no file css/missing.css in the output`,
				`/:12: broken link: <a href="/agenda/absent/">: no file agenda/absent/index.html in the output`,
				`/:13: broken link: <a href="agenda/#juin">: no id "juin" in /agenda/`,
				`/:14: broken link: <a href="#nulle-part">: no id "nulle-part" in /`,
				`/:15: broken link: <a href="https://spro41.example.org/releves/">: no file releves/index.html in the output`,
				`/:16: broken link: <img src="/img/logo.png">: no file img/logo.png in the output`,
				`/:17: broken link: <img srcset="/img/b-2x.png">: no file img/b-2x.png in the output`,
				`/:19: broken link: <form action="/recherche/">: no file recherche/index.html in the output`,
				`/:21: broken link: <script src="../js/agenda.js">: no file js/agenda.js in the output`,
				`/agenda/:7: broken link: <a href="../actualites">: no file actualites in the output`,
				`/agenda/:8: broken link: <a href="webcal://spro41.example.org/agenda.ics">: no file agenda.ics in the output`,
				`/css/site.css:3: broken link: css url() "../fonts/absente.woff2": no file fonts/absente.woff2 in the output`,
				`/sitemap.xml:4: broken link: loc "https://spro41.example.org/partenaires/": no file partenaires/index.html in the output`,
			},
			count: linkCount{internal: 19, external: 1},
		},
		{
			name:    "base path",
			dir:     "testdata/fixtures/base-path",
			baseURL: "https://reseau.example.org/sous/dossier/",
			want: []string{
				`/:13: broken link: <a href="/agenda/">: /agenda/ is outside the site, which base_url puts under /sous/dossier/`,
				`/:13: broken link: <a href="https://reseau.example.org/agenda/">: /agenda/ is outside the site, which base_url puts under /sous/dossier/`,
				`/:14: broken link: <img src="/img/logo.svg">: /img/logo.svg is outside the site, which base_url puts under /sous/dossier/`,
				`/:14: broken link: <a href="../">: /sous/ is outside the site, which base_url puts under /sous/dossier/`,
				`/404.html:11: broken link: <a href="agenda/">: no file une/adresse/absente/agenda/index.html in the output (the error page is served at any address: its links must start with /)`,
				`/404.html:11: broken link: <a href="css/site.css">: no file une/adresse/absente/css/site.css in the output (the error page is served at any address: its links must start with /)`,
			},
			count: linkCount{internal: 20},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o, err := openOutput(tt.name, tt.dir, tt.baseURL)
			if err != nil {
				t.Fatal(err)
			}
			count, probs, err := checkLinks(o)
			if err != nil {
				t.Fatal(err)
			}
			have := problemStrings(probs)
			if !slices.Equal(have, tt.want) {
				t.Errorf("checkLinks problems:\nhave:\n%s\nwant:\n%s", strings.Join(have, "\n"), strings.Join(tt.want, "\n"))
			}
			if count != tt.count {
				t.Errorf("checkLinks count = %+v, want %+v", count, tt.count)
			}
		})
	}
}
