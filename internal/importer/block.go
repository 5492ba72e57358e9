// Package importer cuts a meeting's relevé de décisions (Word, text or Markdown) into
// draft content files: the minutes, one news item per partner paragraph, one event per
// agenda item and the next meeting, each marked draft: true and each inferred value
// commented with the words it comes from.
//
// Each reader turns its format into one intermediate form, a list of [Block]s
// (headings, paragraphs and list items made of runs of text with bold and links, each
// with its source line or paragraph number); segmenting and drafting work on that form
// only. Import checks the drafts with the rest of the site through content and site,
// as relais check --drafts would, before it writes anything.
package importer

import "strings"

// Kind is the kind of a block.
type Kind int

const (
	Paragraph Kind = iota
	Heading
	ListItem
)

// Block is a heading, a paragraph or a list item of the source document.
type Block struct {
	Kind    Kind
	Level   int  // heading level (1–6), or list depth (1 for a top-level item)
	Ordered bool // a numbered list item
	Line    int  // source line (text, Markdown) or paragraph number (Word), from 1
	Runs    []Run

	notes []string // points for the report about this block (what clean removed)
}

// Run is a stretch of text with one formatting. A line break inside a block is a Run
// whose Text is "\n".
type Run struct {
	Text string
	Bold bool
	Link string // the link's target, "" when the run is no link
}

// Text returns the text of b, line breaks included.
func (b *Block) Text() string {
	var s strings.Builder
	for _, r := range b.Runs {
		s.WriteString(r.Text)
	}
	return s.String()
}

// Lines returns the lines of b's text, trimmed.
func (b *Block) Lines() []string {
	ls := strings.Split(b.Text(), "\n")
	for i := range ls {
		ls[i] = strings.TrimSpace(ls[i])
	}
	return ls
}

// Flat returns the text of b on one line, spaces collapsed.
func (b *Block) Flat() string { return strings.Join(strings.Fields(b.Text()), " ") }

// splitFirstLine cuts b after its first line break: the first line and the rest (nil
// when b has one line).
func (b *Block) splitFirstLine() (first string, rest *Block) {
	for i, r := range b.Runs {
		if r.Text == "\n" {
			var s strings.Builder
			for _, x := range b.Runs[:i] {
				s.WriteString(x.Text)
			}
			rb := &Block{Kind: b.Kind, Level: b.Level, Ordered: b.Ordered, Line: b.Line + 1, Runs: b.Runs[i+1:]}
			if strings.TrimSpace(rb.Text()) == "" {
				rb = nil
			}
			return strings.TrimSpace(s.String()), rb
		}
	}
	return strings.TrimSpace(b.Text()), nil
}

// merge joins adjacent runs of the same formatting and link, as Word splits a bold
// label over several runs.
func merge(runs []Run) []Run {
	var out []Run
	for _, r := range runs {
		if r.Text == "" {
			continue
		}
		if n := len(out); n > 0 && r.Text != "\n" && out[n-1].Text != "\n" && out[n-1].Bold == r.Bold && out[n-1].Link == r.Link {
			out[n-1].Text += r.Text
			continue
		}
		out = append(out, r)
	}
	return out
}
