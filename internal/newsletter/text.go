package newsletter

import (
	htmltemplate "html/template"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Width is the longest line of the plain-text part, in characters, but for a
// link's address that is longer by itself.
const Width = 78

// Links numbers the links of one section of the plain-text part: the text
// says "formulaire [2]" and the section ends with "[2] https://…".
type Links struct {
	urls []string
}

// Ref returns the reference of u, "[n]", numbering it when it is new.
func (l *Links) Ref(u string) string {
	for i, x := range l.urls {
		if x == u {
			return "[" + strconv.Itoa(i+1) + "]"
		}
	}
	l.urls = append(l.urls, u)
	return "[" + strconv.Itoa(len(l.urls)) + "]"
}

// Notes lists the section's links, one a line: "[1] https://…".
func (l *Links) Notes() string {
	var b strings.Builder
	for i, u := range l.urls {
		b.WriteString("[" + strconv.Itoa(i+1) + "] " + u + "\n")
	}
	return b.String()
}

// Len is the number of links of the section.
func (l *Links) Len() int { return len(l.urls) }

// Text writes an HTML body as plain text, each line starting with indent:
// paragraphs wrapped, lists with their markers, links as references.
func (l *Links) Text(body htmltemplate.HTML, indent string) string {
	nodes, err := html.ParseFragment(strings.NewReader(string(body)), &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div})
	if err != nil {
		return ""
	}
	root := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	for _, n := range nodes {
		root.AppendChild(n)
	}
	tw := &textWriter{links: l}
	tw.container(root, indent)
	return strings.Trim(tw.out.String(), "\n")
}

// textWriter writes blocks separated by blank lines.
type textWriter struct {
	links *Links
	out   strings.Builder
}

func (tw *textWriter) block(s string) {
	if s == "" {
		return
	}
	if tw.out.Len() > 0 {
		tw.out.WriteString("\n\n")
	}
	tw.out.WriteString(strings.TrimRight(s, "\n"))
}

// container writes the children of n: runs of inline content as
// paragraphs, block elements as blocks.
func (tw *textWriter) container(n *html.Node, indent string) {
	var run strings.Builder
	flush := func() {
		if t := strings.TrimSpace(run.String()); t != "" {
			tw.block(wrap(t, indent, indent))
		}
		run.Reset()
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode || !isBlock(c.DataAtom) {
			tw.inline(c, &run)
			continue
		}
		flush()
		switch c.DataAtom {
		case atom.H1, atom.H2, atom.H3:
			t := tw.inlineText(c)
			tw.block(wrap(t, indent, indent) + "\n" + indent + underline("-", t))
		case atom.H4, atom.H5, atom.H6:
			tw.block(wrap(tw.inlineText(c), indent, indent))
		case atom.Ul, atom.Ol:
			tw.list(c, indent)
		case atom.Blockquote:
			tw.block(tw.sub(c, indent+"> "))
		case atom.Pre:
			var lines []string
			for _, line := range strings.Split(strings.TrimRight(textContent(c), "\n"), "\n") {
				lines = append(lines, indent+"    "+line)
			}
			tw.block(strings.Join(lines, "\n"))
		case atom.Hr:
			tw.block(indent + "* * *")
		case atom.Table:
			tw.table(c, indent)
		default:
			tw.container(c, indent)
		}
	}
	flush()
}

// sub writes the content of n on its own, each line starting with indent.
func (tw *textWriter) sub(n *html.Node, indent string) string {
	inner := &textWriter{links: tw.links}
	inner.container(n, indent)
	return inner.out.String()
}

func (tw *textWriter) list(n *html.Node, indent string) {
	var items []string
	i := 0
	for li := n.FirstChild; li != nil; li = li.NextSibling {
		if li.DataAtom != atom.Li {
			continue
		}
		i++
		marker := "- "
		if n.DataAtom == atom.Ol {
			marker = strconv.Itoa(i) + ". "
		}
		pad := strings.Repeat(" ", utf8.RuneCountInString(marker))
		text := tw.sub(li, indent+pad)
		if text == "" {
			continue
		}
		items = append(items, indent+marker+strings.TrimPrefix(text, indent+pad))
	}
	// A loose list, whose items hold paragraphs, keeps blank lines
	// between them.
	sep := "\n"
	for li := n.FirstChild; li != nil; li = li.NextSibling {
		for c := li.FirstChild; c != nil; c = c.NextSibling {
			if c.DataAtom == atom.P {
				sep = "\n\n"
			}
		}
	}
	tw.block(strings.Join(items, sep))
}

func (tw *textWriter) table(n *html.Node, indent string) {
	var rows []string
	var walk func(*html.Node)
	walk = func(x *html.Node) {
		for c := x.FirstChild; c != nil; c = c.NextSibling {
			if c.DataAtom != atom.Tr {
				walk(c)
				continue
			}
			var cells []string
			for td := c.FirstChild; td != nil; td = td.NextSibling {
				if td.DataAtom == atom.Td || td.DataAtom == atom.Th {
					cells = append(cells, tw.inlineText(td))
				}
			}
			rows = append(rows, wrap(strings.Join(cells, " | "), indent, indent+"  "))
		}
	}
	walk(n)
	tw.block(strings.Join(rows, "\n"))
}

// inlineText is the inline content of n on one line, spaces folded.
func (tw *textWriter) inlineText(n *html.Node) string {
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		tw.inline(c, &b)
	}
	return strings.TrimSpace(b.String())
}

// inline writes inline content: text with its spaces folded, links followed
// by their reference.
func (tw *textWriter) inline(n *html.Node, b *strings.Builder) {
	switch n.Type {
	case html.TextNode:
		b.WriteString(foldSpaces(n.Data))
		return
	case html.ElementNode:
	default:
		return
	}
	switch n.DataAtom {
	case atom.Br:
		b.WriteString("\n")
		return
	case atom.Del, atom.S, atom.Script, atom.Style:
		// Struck text is what no longer holds: the sentence reads right without it.
		return
	case atom.Img:
		if alt := attr(n, "alt"); alt != "" {
			b.WriteString("[" + alt + "]")
		}
		return
	case atom.A:
		class := attr(n, "class")
		switch {
		case strings.Contains(class, "footnote-backref"):
			return
		case strings.Contains(class, "footnote-ref"):
			b.WriteString("(" + strings.TrimSpace(textContent(n)) + ")")
			return
		}
		text := tw.inlineText(n)
		href := strings.TrimSpace(attr(n, "href"))
		b.WriteString(text)
		if href != "" && !strings.HasPrefix(href, "#") {
			if text != "" {
				b.WriteString(" ")
			}
			b.WriteString(tw.links.Ref(href))
		}
		return
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		tw.inline(c, b)
	}
}

func isBlock(a atom.Atom) bool {
	switch a {
	case atom.P, atom.Div, atom.Section, atom.Article, atom.Aside, atom.Header, atom.Footer,
		atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Ul, atom.Ol, atom.Li,
		atom.Blockquote, atom.Pre, atom.Hr, atom.Table, atom.Figure, atom.Dl, atom.Dt, atom.Dd, atom.Details:
		return true
	}
	return false
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func textContent(n *html.Node) string {
	if n.Type == html.TextNode {
		return n.Data
	}
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		b.WriteString(textContent(c))
	}
	return b.String()
}

// foldSpaces folds runs of white space (not no-break spaces) into one space.
func foldSpaces(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		if r == ' ' || r == '\n' || r == '\t' || r == '\r' {
			space = true
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	if space {
		b.WriteByte(' ')
	}
	return b.String()
}

// wrap fills s into lines of at most Width characters, the first starting
// with first and the others with rest. A line break in s is kept; a word
// longer than a line stays whole. No-break spaces ("10 h 30") do not break.
func wrap(s, first, rest string) string {
	var lines []string
	prefix := first
	for _, para := range strings.Split(s, "\n") {
		line := prefix
		empty := true
		// strings.Fields would break at no-break spaces too.
		for _, word := range strings.FieldsFunc(para, func(r rune) bool { return r == ' ' || r == '\t' || r == '\r' }) {
			switch {
			case empty:
				line += word
				empty = false
			case utf8.RuneCountInString(line)+1+utf8.RuneCountInString(word) <= Width:
				line += " " + word
			default:
				lines = append(lines, line)
				line = rest + word
			}
		}
		lines = append(lines, line)
		prefix = rest
	}
	return strings.Join(lines, "\n")
}

// underline is a line of c as long as the last line of s.
func underline(c, s string) string {
	if i := strings.LastIndexByte(s, '\n'); i >= 0 {
		s = s[i+1:]
	}
	return strings.Repeat(c, utf8.RuneCountInString(strings.TrimSpace(s)))
}

// tidyText trims the spaces at the end of lines, keeps at most one blank line
// between blocks (templates leave more) and ends the text with one newline.
func tidyText(b []byte) []byte {
	lines := strings.Split(string(b), "\n")
	var out []string
	blank := 0
	for _, line := range lines {
		line = strings.TrimRight(line, " \t")
		if line == "" {
			blank++
			continue
		}
		if len(out) > 0 && blank > 0 {
			out = append(out, "")
			if blank > 2 {
				// Three empty lines or more in the template mark a new
				// section: two blank lines set it apart.
				out = append(out, "")
			}
		}
		blank = 0
		out = append(out, line)
	}
	return []byte(strings.Join(out, "\n") + "\n")
}
