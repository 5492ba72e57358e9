// Package markdown converts content bodies to HTML with one shared goldmark
// configuration: CommonMark plus GitHub tables, strikethrough, autolinks and
// footnotes, heading ids that read well in French, links to other content
// files rewritten to their page URL, and raw HTML off unless asked for.
package markdown

import (
	"bufio"
	"bytes"
	"fmt"
	stdhtml "html"
	"html/template"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
	"golang.org/x/text/unicode/norm"

	"relais/internal/safety"
)

// Converter converts Markdown to HTML. It is safe for concurrent use: goldmark
// keeps per-document state in the parser context, not in the instance.
type Converter struct {
	safe, unsafe goldmark.Markdown
}

// New returns a Converter.
func New() *Converter {
	return &Converter{safe: newGoldmark(false), unsafe: newGoldmark(true)}
}

func newGoldmark(unsafe bool) goldmark.Markdown {
	rendererOpts := []goldmark.Option{}
	if unsafe {
		rendererOpts = append(rendererOpts, goldmark.WithRendererOptions(html.WithUnsafe()))
	}
	return goldmark.New(append(rendererOpts,
		goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.Linkify,
			extension.TaskList, extension.NewFootnote(extension.WithFootnoteBacklinkHTML("↩︎"))),
		// Heading ids are made by the transformer from the heading's text:
		// parser.WithAutoHeadingID makes them from its source, markup
		// included ("## Voir [le forum](forum.md)" gave voir-le-forum-forum-md).
		goldmark.WithParserOptions(parser.WithASTTransformers(util.Prioritized(transformer{}, 100))),
	)...)
}

// Options tell Convert about the document.
type Options struct {
	// UnsafeHTML lets raw HTML through.
	UnsafeHTML bool
	// French applies French typography: unbreakable spaces before high
	// punctuation and inside guillemets (see FrenchSpaces).
	French bool
	// TextLimit, when positive, lets Text stop once it holds that many
	// characters (spaces folded), at the end of a block: only a summary of
	// it is needed.
	TextLimit int
	// Resolve maps a link to another content file, as written ("../events/x.md#when"),
	// to its page URL. It returns an error message when there is no such page.
	Resolve func(dest string) (string, error)
	// BasePath is the path the site is published under ("/reseau", "" at
	// the root of a host). It is put in front of root-relative links
	// ("/medias/plan.pdf"), which editors write from the site's root, as
	// Hugo's relURL does.
	BasePath string
}

// Problem is something wrong in a body, at a line of the body (1-based).
// Warnings are safe to publish but probably unintended.
type Problem struct {
	Line    int
	Msg     string
	Warning bool
}

// Heading is a section heading of the document, for tables of contents.
type Heading struct {
	Level int
	ID    string
	Text  string
}

// Result is a converted document.
type Result struct {
	HTML     template.HTML
	Summary  string // the text of the first paragraph
	Text     string // the document as plain text, paragraphs separated by blank lines (up to Options.TextLimit)
	Headings []Heading
	Problems []Problem
}

// state travels with one conversion through the parser context.
type state struct {
	src      []byte
	opts     Options
	problems []Problem
	headings []Heading
	summary  string
	text     string
}

var stateKey = parser.NewContextKey()

// Convert converts one document.
func (c *Converter) Convert(src []byte, opts Options) Result {
	md := c.safe
	if opts.UnsafeHTML {
		md = c.unsafe
	}
	st := &state{src: src, opts: opts}
	ctx := parser.NewContext(parser.WithIDs(newFrenchIDs()))
	ctx.Set(stateKey, st)
	var buf bytes.Buffer
	buf.Grow(len(src) + len(src)/2) // the HTML of a body is a little longer than its Markdown
	if err := md.Convert(src, &buf, parser.WithContext(ctx)); err != nil {
		st.problems = append(st.problems, Problem{Line: 1, Msg: fmt.Sprintf("markdown: %v", err)})
	}
	res := Result{HTML: template.HTML(buf.String()), Summary: st.summary, Text: st.text, Headings: st.headings, Problems: st.problems}
	if opts.French {
		res.HTML = template.HTML(frenchHTML(string(res.HTML)))
		res.Summary = FrenchSpaces(res.Summary)
		res.Text = FrenchSpaces(res.Text)
		for i := range res.Headings {
			res.Headings[i].Text = FrenchSpaces(res.Headings[i].Text)
		}
	}
	return res
}

// transformer rewrites the parsed document: content links, heading levels,
// table header scopes, the summary and the headings list.
type transformer struct{}

func (transformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	st, _ := pc.Get(stateKey).(*state)
	if st == nil {
		return
	}
	src := reader.Source()
	// The page title is the h1: a body that uses "#" headings is shifted one
	// level down so that each page keeps one h1 and a proper hierarchy.
	shift := 0
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if h, ok := n.(*ast.Heading); ok && entering && h.Level == 1 {
			shift = 1
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	var autolinks []*ast.AutoLink
	var first *ast.Paragraph // its text is the summary, once links are rewritten
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			n.Level = min(n.Level+shift, 6)
			text := plainText(n, src)
			id := pc.IDs().Generate([]byte(text), ast.KindHeading)
			n.SetAttributeString("id", id)
			st.headings = append(st.headings, Heading{Level: n.Level, ID: string(id), Text: text})
		case *ast.Paragraph:
			if first == nil && !inListOrNote(n) {
				first = n
			}
		case *ast.Link:
			n.Destination = st.link(n, n.Destination)
		case *ast.AutoLink:
			if n.AutoLinkType == ast.AutoLinkURL {
				autolinks = append(autolinks, n)
			}
		case *ast.Image:
			n.Destination = st.link(n, n.Destination)
		case *east.TableHeader:
			for c := n.FirstChild(); c != nil; c = c.NextSibling() {
				c.SetAttributeString("scope", []byte("col"))
			}
		}
		return ast.WalkContinue, nil
	})
	for _, a := range autolinks {
		st.autolink(a, src)
	}
	if first != nil {
		st.summary = plainText(first, src)
	}
	st.text = documentText(doc, src, st.opts.TextLimit)
}

// autolink checks a bare URL like a link; a redirect link is replaced by a
// link to the address it wraps, written out.
func (st *state) autolink(a *ast.AutoLink, src []byte) {
	raw := string(a.URL(src))
	dest := st.link(a, []byte(raw))
	if string(dest) == raw {
		return
	}
	link := ast.NewLink()
	link.Destination = dest
	link.AppendChild(link, ast.NewString(dest))
	a.Parent().ReplaceChild(a.Parent(), a, link)
}

// documentText renders the document as plain text, for calendars and feed
// summaries: one paragraph per block, list items marked with "- ". With a
// positive limit, it stops after the block that brings the text, spaces
// folded, to that many characters.
func documentText(doc ast.Node, src []byte, limit int) string {
	var blocks []string
	runes := 0 // of the blocks so far, each folded: the text has at least as many
	add := func(t string) ast.WalkStatus {
		blocks = append(blocks, t)
		if limit > 0 {
			if runes += utf8.RuneCountInString(foldSpaces(t)); runes >= limit {
				return ast.WalkStop
			}
		}
		return ast.WalkSkipChildren
	}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Paragraph, *ast.Heading, *ast.TextBlock:
			t := plainText(n, src)
			if _, inItem := n.Parent().(*ast.ListItem); inItem && n.PreviousSibling() == nil {
				t = "- " + t
			}
			if _, isHeading := n.(*ast.Heading); isHeading && t != "" && !strings.ContainsRune(".:!?", rune(t[len(t)-1])) {
				t += "." // so that a heading reads as a sentence once paragraphs are joined
			}
			if t == "" {
				return ast.WalkSkipChildren, nil
			}
			return add(t), nil
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			var b strings.Builder
			lines := n.Lines()
			for i := 0; i < lines.Len(); i++ {
				seg := lines.At(i)
				b.Write(seg.Value(src))
			}
			return add(strings.TrimRight(b.String(), "\n")), nil
		case *east.TableRow, *east.TableHeader:
			var cells []string
			for c := n.FirstChild(); c != nil; c = c.NextSibling() {
				cells = append(cells, plainText(c, src))
			}
			return add(strings.Join(cells, " | ")), nil
		}
		return ast.WalkContinue, nil
	})
	return strings.Join(blocks, "\n\n")
}

// inListOrNote tells a paragraph of a list item or of a footnote: neither is
// a summary. A footnote is a block where it is defined, which may come before
// the first paragraph ("[^1]: ..." at the top gave the note as the summary);
// a list item's paragraph may be nested in a quote within the item.
func inListOrNote(n ast.Node) bool {
	for p := n.Parent(); p != nil; p = p.Parent() {
		switch p.(type) {
		case *ast.ListItem, *east.Footnote:
			return true
		}
	}
	return false
}

// link checks a link and rewrites it: a link to a content file becomes the
// page's URL, a redirect link (Outlook safelinks...) the address it wraps.
func (st *state) link(n ast.Node, dest []byte) []byte {
	d := string(dest)
	if msg := safety.SchemeProblem(d); msg != "" {
		st.problems = append(st.problems, Problem{Line: st.line(n), Msg: msg})
		return dest
	}
	if target, ok := safety.Unwrap(d); ok {
		st.problems = append(st.problems, Problem{Line: st.line(n), Warning: true,
			Msg: fmt.Sprintf("redirect link replaced by the address it wraps, %s: paste the real address (such links expire and reveal who received the mail)", target)})
		d, dest = target, []byte(target)
	}
	if msg := safety.URLProblem(d); msg != "" {
		st.problems = append(st.problems, Problem{Line: st.line(n), Msg: msg})
		return dest
	}
	u, err := url.Parse(d)
	if err == nil && st.opts.BasePath != "" && u.Scheme == "" && u.Host == "" && strings.HasPrefix(d, "/") && !strings.HasPrefix(d, "//") {
		return []byte(st.opts.BasePath + d)
	}
	if err != nil || u.Scheme != "" || u.Host != "" || strings.HasPrefix(d, "/") || strings.HasPrefix(d, "#") {
		return dest
	}
	if !strings.HasSuffix(u.Path, ".md") || st.opts.Resolve == nil {
		return dest
	}
	target, rerr := st.opts.Resolve(d)
	if rerr != nil {
		st.problems = append(st.problems, Problem{Line: st.line(n), Msg: rerr.Error()})
		return dest
	}
	return []byte(target)
}

// line finds the line of n in the body, from the nearest node that knows its offset.
func (st *state) line(n ast.Node) int {
	for ; n != nil; n = n.Parent() {
		if p := n.Pos(); p >= 0 {
			return 1 + bytes.Count(st.src[:min(p, len(st.src))], []byte("\n"))
		}
	}
	return 1
}

// plainText returns the text of n's inline content, with spaces for breaks.
func plainText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch t := c.(type) {
		case *ast.Text:
			v := t.Segment.Value(src)
			if !t.IsRaw() {
				v = unescape(v)
			}
			b.Write(v)
			if t.SoftLineBreak() || t.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(t.Value)
		case *ast.CodeSpan:
			for cc := t.FirstChild(); cc != nil; cc = cc.NextSibling() {
				if tx, ok := cc.(*ast.Text); ok {
					b.Write(tx.Segment.Value(src))
				}
			}
			return ast.WalkSkipChildren, nil
		case *ast.AutoLink:
			b.Write(t.Label(src))
		case *east.FootnoteLink:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return foldSpaces(b.String())
}

// foldSpaces trims a text and turns each run of ASCII spaces, tabs and line
// breaks into one space. No-break spaces stay: they are typography.
func isSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' }

func foldSpaces(s string) string {
	clean := len(s) == 0 || !isSpace(s[0]) && !isSpace(s[len(s)-1])
	for i := 0; clean && i+1 < len(s); i++ {
		clean = !(isSpace(s[i]) && (s[i] != ' ' || isSpace(s[i+1])))
	}
	if clean {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for i := 0; i < len(s); i++ {
		if isSpace(s[i]) {
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// unescape resolves the escapes of Markdown text (`\*`, "&eacute;", "&#233;")
// the way the HTML renderer does, and returns plain text: summaries and
// heading texts showed "Caf&eacute;", which templates then escaped again.
func unescape(v []byte) []byte {
	if bytes.IndexByte(v, '\\') < 0 && bytes.IndexByte(v, '&') < 0 {
		return v // nothing to resolve: most text
	}
	var buf bytes.Buffer
	w := bufio.NewWriter(&buf)
	html.NewWriter().Write(w, v)
	_ = w.Flush()
	return []byte(stdhtml.UnescapeString(buf.String()))
}

// frenchIDs makes heading ids from their text: accents folded, lower case,
// words joined by hyphens ("Actualités des partenaires" gives
// "actualites-des-partenaires"), numbered when repeated.
type frenchIDs struct {
	used map[string]bool
}

func newFrenchIDs() *frenchIDs { return &frenchIDs{used: map[string]bool{}} }

// Slugify turns a text into an identifier for URLs and anchors.
func Slugify(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			// a combining accent: dropped, its letter was written
		case r == 'œ' || r == 'Œ':
			b.WriteString("oe")
			dash = false
		case r == 'æ' || r == 'Æ':
			b.WriteString("ae")
			dash = false
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			b.WriteRune(unicode.ToLower(r))
			dash = false
		default:
			if !dash && b.Len() > 0 {
				b.WriteByte('-')
				dash = true
			}
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}

func (ids *frenchIDs) Generate(value []byte, _ ast.NodeKind) []byte {
	base := Slugify(string(value))
	if base == "" {
		base = "section"
	}
	id := base
	for i := 2; ids.used[id]; i++ {
		id = fmt.Sprintf("%s-%d", base, i)
	}
	ids.used[id] = true
	return []byte(id)
}

func (ids *frenchIDs) Put(value []byte) { ids.used[string(value)] = true }

// Truncate cuts plain text at a word boundary so that it holds at most n
// characters, and marks the cut with "…". Runs of spaces and line breaks
// are folded first; no-break spaces ("10 h 30") are kept.
func Truncate(text string, n int) string {
	// Fold spaces only as far as the cut: a body is thousands of characters,
	// a description a few hundred.
	var b strings.Builder
	b.Grow(min(len(text), 4*n+4))
	runes, space := 0, false
	for i := 0; i < len(text); i++ {
		c := text[i]
		if isSpace(c) {
			space = b.Len() > 0
			continue
		}
		if space {
			if runes == n {
				return cutAtWord(b.String())
			}
			b.WriteByte(' ')
			runes++
			space = false
		}
		if c&0xC0 != 0x80 { // a character starts
			if runes == n {
				return cutAtWord(b.String())
			}
			runes++
		}
		b.WriteByte(c)
	}
	return b.String() // short enough
}

// cutAtWord ends a text cut in the middle at its last word boundary, unless
// that drops more than half of it, with an ellipsis.
func cutAtWord(cut string) string {
	if i := strings.LastIndexByte(cut, ' '); i > len(cut)/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,;:.–-") + "…"
}
