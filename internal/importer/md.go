package importer

import (
	"bytes"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// ReadMarkdown reads a relevé written in Markdown (CommonMark) into blocks, through
// goldmark's parser: headings, paragraphs and list items, with bold and links.
func ReadMarkdown(src []byte) []Block {
	src = bytes.TrimPrefix(src, []byte("\ufeff"))
	src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
	doc := goldmark.DefaultParser().Parse(text.NewReader(src))
	var blocks []Block
	lineOf := func(n ast.Node) int {
		lines := n.Lines()
		if lines.Len() == 0 {
			return 0
		}
		return bytes.Count(src[:lines.At(0).Start], []byte("\n")) + 1
	}
	var walk func(n ast.Node, depth int, ordered bool)
	walk = func(n ast.Node, depth int, ordered bool) {
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch c := c.(type) {
			case *ast.Heading:
				blocks = append(blocks, Block{Kind: Heading, Level: c.Level, Line: lineOf(c), Runs: mdRuns(c, src, false, "")})
			case *ast.Paragraph, *ast.TextBlock:
				b := Block{Kind: Paragraph, Line: lineOf(c), Runs: mdRuns(c, src, false, "")}
				if depth > 0 {
					b.Kind, b.Level, b.Ordered = ListItem, depth, ordered
					if _, first := c.Parent().(*ast.ListItem); !first || c.PreviousSibling() != nil {
						b.Kind, b.Level = Paragraph, 0
					}
				}
				blocks = append(blocks, b)
			case *ast.List:
				walk(c, depth+1, c.IsOrdered())
			case *ast.ListItem, *ast.Blockquote:
				walk(c, depth, ordered)
			case *ast.FencedCodeBlock, *ast.CodeBlock:
				var b bytes.Buffer
				for i := 0; i < c.Lines().Len(); i++ {
					seg := c.Lines().At(i)
					b.Write(seg.Value(src))
				}
				blocks = append(blocks, Block{Kind: Paragraph, Line: lineOf(c), Runs: textRuns(string(bytes.TrimSpace(b.Bytes())))})
			}
		}
	}
	walk(doc, 0, false)
	for i := range blocks {
		blocks[i].Runs = merge(blocks[i].Runs)
	}
	return blocks
}

// mdRuns returns the inline content of n as runs.
func mdRuns(n ast.Node, src []byte, bold bool, link string) []Run {
	var runs []Run
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			t := string(c.Segment.Value(src))
			if link != "" {
				runs = append(runs, Run{Text: t, Bold: bold, Link: link})
			} else {
				for _, r := range textRuns(t) {
					r.Bold = bold
					runs = append(runs, r)
				}
			}
			if c.SoftLineBreak() || c.HardLineBreak() {
				runs = append(runs, Run{Text: "\n"})
			}
		case *ast.String:
			runs = append(runs, Run{Text: string(c.Value), Bold: bold, Link: link})
		case *ast.Emphasis:
			runs = append(runs, mdRuns(c, src, bold || c.Level >= 2, link)...)
		case *ast.Link:
			runs = append(runs, mdRuns(c, src, bold, string(c.Destination))...)
		case *ast.AutoLink:
			u := string(c.URL(src))
			if c.AutoLinkType == ast.AutoLinkEmail {
				u = "mailto:" + u
			}
			runs = append(runs, Run{Text: string(c.Label(src)), Bold: bold, Link: u})
		case *ast.CodeSpan:
			var b bytes.Buffer
			for t := c.FirstChild(); t != nil; t = t.NextSibling() {
				if tx, ok := t.(*ast.Text); ok {
					b.Write(tx.Segment.Value(src))
				}
			}
			runs = append(runs, Run{Text: b.String(), Bold: bold, Link: link})
		case *ast.RawHTML:
			for i := 0; i < c.Segments.Len(); i++ {
				seg := c.Segments.At(i)
				runs = append(runs, Run{Text: string(seg.Value(src)), Bold: bold, Link: link})
			}
		case *ast.Image:
			runs = append(runs, mdRuns(c, src, bold, link)...)
		default:
			runs = append(runs, mdRuns(c, src, bold, link)...)
		}
	}
	return runs
}
