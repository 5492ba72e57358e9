package markdown

import (
	"bytes"
	"html/template"
	"net/url"
	"slices"
	"strings"

	"golang.org/x/net/html"
)

// Embed returns a body's HTML made to sit inside another page, under a
// heading of level level-1: its highest heading becomes an h<level> and the
// others move by as much (capped at h6), so that the page's outline stays
// continuous; every id="x" becomes id="<idPrefix>-x", and the links and
// references to those ids within the body (href="#x", aria-labelledby,
// aria-describedby, for) follow, so that two bodies on one page never share
// an id. The body's own page keeps its HTML as converted, ids included.
//
// Only the tags it changes are written again; everything else is copied as
// it was. A body without a heading or an id comes back as it is.
func Embed(body template.HTML, level int, idPrefix string) template.HTML {
	if !mayNeedEmbedding(string(body)) {
		return body
	}
	level = min(max(level, 1), 6)
	// A meeting's page embeds a body for each of its news items: the
	// regular HTML that goldmark writes is read by a scanner that allocates
	// next to nothing; anything else (raw HTML, comments) by the tokenizer.
	if out, ok := embedRegular(string(body), level, idPrefix); ok {
		return template.HTML(out)
	}
	return embedTokenized(body, level, idPrefix)
}

// embedTokenized is Embed for any HTML, with x/net/html's tokenizer.
func embedTokenized(body template.HTML, level int, idPrefix string) template.HTML {
	src := string(body)
	// First pass: the highest heading and the ids the body defines.
	top := 7
	ids := map[string]bool{}
	z := html.NewTokenizer(strings.NewReader(src))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		name, hasAttr := z.TagName()
		if n := headingLevel(name); n > 0 {
			top = min(top, n)
		}
		for hasAttr {
			var key, val []byte
			key, val, hasAttr = z.TagAttr()
			if string(key) == "id" && len(val) > 0 {
				ids[string(val)] = true
			}
		}
	}
	shift := 0
	if top < 7 {
		shift = level - top
	}
	if shift == 0 && len(ids) == 0 {
		return body
	}
	e := embedder{shift: shift, ids: ids, prefix: idPrefix}
	var out bytes.Buffer
	out.Grow(len(src) + len(src)/8)
	z = html.NewTokenizer(strings.NewReader(src))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		raw := z.Raw()
		switch tt {
		case html.StartTagToken, html.SelfClosingTagToken:
			if !e.tag(&out, z, tt == html.SelfClosingTagToken) {
				out.Write(raw)
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			if n := headingLevel(name); n > 0 && shift != 0 {
				out.WriteString("</h")
				out.WriteByte(byte('0' + e.level(n)))
				out.WriteByte('>')
				continue
			}
			out.Write(raw)
		default:
			out.Write(raw)
		}
	}
	return template.HTML(out.String())
}

// mayNeedEmbedding tells whether src may hold a heading or an id: most
// news items have neither, and need no look at their tags.
func mayNeedEmbedding(src string) bool {
	for i := 0; ; {
		j := strings.IndexByte(src[i:], '<')
		if j < 0 {
			break
		}
		i += j + 1
		if i+1 < len(src) && (src[i]|0x20 == 'h') && src[i+1] >= '1' && src[i+1] <= '6' {
			return true
		}
	}
	for i := 0; ; {
		j := strings.IndexByte(src[i:], '=')
		if j < 0 {
			return false
		}
		i += j
		k := i // HTML allows white space before "=" ("<a id =x>")
		for k > 0 && (src[k-1] == ' ' || src[k-1] == '\t' || src[k-1] == '\n' || src[k-1] == '\r' || src[k-1] == '\f') {
			k--
		}
		if k >= 2 && src[k-2]|0x20 == 'i' && src[k-1]|0x20 == 'd' {
			return true // id=, or a word ending in "id" before "=": a closer look
		}
		i++
	}
}

// embedRegular is Embed for HTML as goldmark writes it, where every "<"
// opens a tag, <name key="value"...> or </name>, in lower case, values in
// double quotes. It notes where the heading levels, the ids and the links to
// "#x" are, then copies src with those changes. It reports false, having
// done nothing, at anything else: a comment, an element whose content is
// raw text, an id or a link with an entity or an escape, an attribute that
// refers to ids otherwise than href.
func embedRegular(src string, level int, prefix string) (string, bool) {
	type edit struct {
		at   int  // where in src
		kind byte // 'h': a heading's digit; 'i': an id's value; '#': a link's fragment
		end  int  // the end of a link's fragment
	}
	edits := make([]edit, 0, 32)
	var ids []string // substrings of src
	top := 7
	for i := 0; ; {
		j := strings.IndexByte(src[i:], '<')
		if j < 0 {
			break
		}
		p := i + j + 1
		closing := p < len(src) && src[p] == '/'
		if closing {
			p++
		}
		n0 := p
		for p < len(src) && (src[p] >= 'a' && src[p] <= 'z' || p > n0 && src[p] >= '0' && src[p] <= '9') {
			p++
		}
		if p == n0 || rawTextElement(src[n0:p]) {
			return "", false
		}
		if n := headingLevel([]byte(src[n0:p])); n > 0 {
			edits = append(edits, edit{at: n0 + 1, kind: 'h'})
			if !closing {
				top = min(top, n)
			}
		}
		if closing {
			if p >= len(src) || src[p] != '>' {
				return "", false
			}
			i = p + 1
			continue
		}
		seen := 0 // "id" and "href" met in this tag: a second one is a mistake the tokenizer drops
	attributes:
		for {
			if p >= len(src) {
				return "", false
			}
			switch {
			case src[p] == '>':
				p++
				break attributes
			case strings.HasPrefix(src[p:], "/>"):
				p += 2
				break attributes
			case src[p] != ' ':
				return "", false
			}
			p++
			if strings.HasPrefix(src[p:], "/>") {
				continue
			}
			k0 := p
			for p < len(src) && (src[p] >= 'a' && src[p] <= 'z' || src[p] >= '0' && src[p] <= '9' || src[p] == '-' || src[p] == '_' || src[p] == ':') {
				p++
			}
			if p == k0 {
				return "", false
			}
			key := src[k0:p]
			if key == "for" || strings.HasPrefix(key, "aria-") && strings.HasSuffix(key, "by") {
				return "", false
			}
			if key == "id" || key == "href" {
				// Counted with or without a value: the tokenizer keeps
				// the first of two, even a bare "id".
				bit := 1
				if key == "href" {
					bit = 2
				}
				if seen&bit != 0 {
					return "", false
				}
				seen |= bit
			}
			if p >= len(src) || src[p] != '=' {
				continue // an attribute without value
			}
			if !strings.HasPrefix(src[p:], `="`) {
				return "", false
			}
			v0 := p + 2
			n := strings.IndexByte(src[v0:], '"')
			if n < 0 {
				return "", false
			}
			val := src[v0 : v0+n]
			p = v0 + n + 1
			switch {
			case key == "id" && val != "":
				if strings.ContainsAny(val, "&") {
					return "", false
				}
				ids = append(ids, val)
				edits = append(edits, edit{at: v0, kind: 'i'})
			case key == "href" && len(val) > 1 && val[0] == '#':
				if strings.ContainsAny(val, "&%") {
					return "", false
				}
				edits = append(edits, edit{at: v0 + 1, kind: '#', end: v0 + n})
			}
		}
		i = p
	}
	shift := 0
	if top < 7 {
		shift = level - top
	}
	if shift == 0 && len(ids) == 0 {
		return src, true
	}
	idPrefix := attrEscaper.Replace(prefix) + "-"
	linkPrefix := attrEscaper.Replace(url.PathEscape(prefix)) + "-"
	var b strings.Builder
	b.Grow(len(src) + len(edits)*len(linkPrefix))
	last := 0
	for _, e := range edits {
		switch e.kind {
		case 'h':
			if shift == 0 {
				continue
			}
			b.WriteString(src[last:e.at])
			b.WriteByte(byte('0' + min(max(int(src[e.at]-'0')+shift, 1), 6)))
			last = e.at + 1
		case 'i':
			b.WriteString(src[last:e.at])
			b.WriteString(idPrefix)
			last = e.at
		case '#':
			if !slices.Contains(ids, src[e.at:e.end]) {
				continue
			}
			b.WriteString(src[last:e.at])
			b.WriteString(linkPrefix)
			last = e.at
		}
	}
	b.WriteString(src[last:])
	return b.String(), true
}

// rawTextElement tells the elements whose content is text to the HTML
// tokenizer, "<" included.
func rawTextElement(name string) bool {
	switch name {
	case "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript", "plaintext":
		return true
	}
	return false
}

// headingLevel is n for "hn" (1 to 6), else 0.
func headingLevel(name []byte) int {
	if len(name) == 2 && name[0] == 'h' && name[1] >= '1' && name[1] <= '6' {
		return int(name[1] - '0')
	}
	return 0
}

// embedder rewrites the tags of one body.
type embedder struct {
	shift  int
	ids    map[string]bool
	prefix string
}

func (e *embedder) level(n int) int { return min(max(n+e.shift, 1), 6) }

// tag writes the start tag the tokenizer is at when it must change, and
// reports whether it did.
func (e *embedder) tag(out *bytes.Buffer, z *html.Tokenizer, selfClosing bool) bool {
	name, hasAttr := z.TagName()
	n := headingLevel(name)
	if !hasAttr && (n == 0 || e.shift == 0) {
		return false
	}
	type attr struct{ key, val string }
	var attrs []attr
	changed := n > 0 && e.shift != 0
	tagName := string(name)
	for hasAttr {
		var k, v []byte
		k, v, hasAttr = z.TagAttr()
		a := attr{string(k), string(v)}
		switch a.key {
		case "id":
			if e.ids[a.val] {
				a.val = e.prefix + "-" + a.val
				changed = true
			}
		case "href":
			if frag, ok := strings.CutPrefix(a.val, "#"); ok {
				if e.targets(frag) {
					a.val = "#" + url.PathEscape(e.prefix) + "-" + frag
					changed = true
				}
			}
		case "aria-labelledby", "aria-describedby", "for":
			words := strings.Fields(a.val)
			for i, w := range words {
				if e.ids[w] {
					words[i] = e.prefix + "-" + w
					changed = true
				}
			}
			a.val = strings.Join(words, " ")
		}
		attrs = append(attrs, a)
	}
	if !changed {
		return false
	}
	out.WriteByte('<')
	if n > 0 {
		out.WriteByte('h')
		out.WriteByte(byte('0' + e.level(n)))
	} else {
		out.WriteString(tagName)
	}
	for _, a := range attrs {
		out.WriteByte(' ')
		out.WriteString(a.key)
		out.WriteString(`="`)
		out.WriteString(attrEscaper.Replace(a.val))
		out.WriteByte('"')
	}
	if selfClosing {
		out.WriteString(" /")
	}
	out.WriteByte('>')
	return true
}

// targets tells whether a link's fragment names an id of the body, as
// written or percent-encoded.
func (e *embedder) targets(frag string) bool {
	if e.ids[frag] {
		return true
	}
	u, err := url.PathUnescape(frag)
	return err == nil && e.ids[u]
}

// attrEscaper escapes a value for a double-quoted attribute.
var attrEscaper = strings.NewReplacer(`&`, "&amp;", `"`, "&quot;", "<", "&lt;", ">", "&gt;")
