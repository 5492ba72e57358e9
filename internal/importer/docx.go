package importer

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
)

// A .docx is a zip of XML parts: word/document.xml holds the paragraphs (w:p) and their
// runs (w:r, text in w:t), word/styles.xml the style names (headings are "heading 1",
// "Titre 1" in French Word, or any style with an outline level),
// word/_rels/document.xml.rels the targets of hyperlinks, word/numbering.xml whether a
// list is numbered. The Go docx libraries lose hyperlinks or tracked insertions (see
// the project's notes), hence this reader over archive/zip and encoding/xml.

// maxPart is the largest XML part read: a relevé is a few hundred kilobytes.
const maxPart = 64 << 20

// ReadDocx reads a Word relevé into blocks: headings (by style name or outline level),
// paragraphs and list items, with bold runs and links (hyperlinks and HYPERLINK
// fields). Text inserted with tracked changes is kept and deleted text dropped; tables
// are read cell by cell, row by row. Line is the paragraph's number in the document.
func ReadDocx(data []byte) ([]Block, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fmt.Errorf("not a Word document (.docx): %v", err)
	}
	part := func(name string) ([]byte, error) {
		for _, f := range zr.File {
			if f.Name == name {
				rc, err := f.Open()
				if err != nil {
					return nil, fmt.Errorf("%s: %v", name, err)
				}
				defer rc.Close()
				b, err := io.ReadAll(io.LimitReader(rc, maxPart+1))
				if err != nil {
					return nil, fmt.Errorf("%s: %v", name, err)
				}
				if len(b) > maxPart {
					return nil, fmt.Errorf("%s is larger than %d MB", name, maxPart>>20)
				}
				return b, nil
			}
		}
		return nil, nil
	}
	doc, err := part("word/document.xml")
	if err != nil {
		return nil, err
	}
	if doc == nil {
		return nil, errors.New("not a Word document (.docx): it has no word/document.xml")
	}
	r := &docxReader{}
	if b, err := part("word/styles.xml"); err == nil && b != nil {
		r.readStyles(b)
	}
	if b, err := part("word/_rels/document.xml.rels"); err == nil && b != nil {
		r.readRels(b)
	}
	if b, err := part("word/numbering.xml"); err == nil && b != nil {
		r.readNumbering(b)
	}
	if err := r.readDocument(doc); err != nil {
		return nil, fmt.Errorf("word/document.xml: %v", err)
	}
	return r.blocks, nil
}

type docxStyle struct {
	name    string
	outline int // outline level + 1; 0 when none
	basedOn string
}

type docxReader struct {
	styles  map[string]docxStyle
	rels    map[string]string // relationship id → target
	ordered map[string]bool   // numId/ilvl → numbered (not bullets)
	blocks  []Block
	paraNum int
}

func attr(se xml.StartElement, local string) (string, bool) {
	for _, a := range se.Attr {
		if a.Name.Local == local {
			return a.Value, true
		}
	}
	return "", false
}

func (r *docxReader) readStyles(b []byte) {
	r.styles = map[string]docxStyle{}
	d := xml.NewDecoder(bytes.NewReader(b))
	var id string
	var cur docxStyle
	for {
		tok, err := d.Token()
		if err != nil {
			break
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "style":
				id, _ = attr(t, "styleId")
				cur = docxStyle{}
			case "name":
				cur.name, _ = attr(t, "val")
			case "basedOn":
				cur.basedOn, _ = attr(t, "val")
			case "outlineLvl":
				v, _ := attr(t, "val")
				if n, err := strconv.Atoi(v); err == nil && n >= 0 && n < 9 {
					cur.outline = n + 1
				}
			}
		case xml.EndElement:
			if t.Name.Local == "style" && id != "" {
				r.styles[id] = cur
			}
		}
	}
}

func (r *docxReader) readRels(b []byte) {
	r.rels = map[string]string{}
	d := xml.NewDecoder(bytes.NewReader(b))
	for {
		tok, err := d.Token()
		if err != nil {
			break
		}
		if t, ok := tok.(xml.StartElement); ok && t.Name.Local == "Relationship" {
			id, _ := attr(t, "Id")
			target, _ := attr(t, "Target")
			r.rels[id] = target
		}
	}
}

func (r *docxReader) readNumbering(b []byte) {
	r.ordered = map[string]bool{}
	abstract := map[string]bool{} // abstractNumId/ilvl → numbered
	numToAbstract := map[string]string{}
	d := xml.NewDecoder(bytes.NewReader(b))
	var absID, lvl, numID string
	for {
		tok, err := d.Token()
		if err != nil {
			break
		}
		if t, ok := tok.(xml.StartElement); ok {
			switch t.Name.Local {
			case "abstractNum":
				absID, _ = attr(t, "abstractNumId")
			case "lvl":
				lvl, _ = attr(t, "ilvl")
			case "numFmt":
				v, _ := attr(t, "val")
				abstract[absID+"/"+lvl] = v != "bullet" && v != "none"
			case "num":
				numID, _ = attr(t, "numId")
			case "abstractNumId":
				v, _ := attr(t, "val")
				numToAbstract[numID] = v
			}
		}
	}
	for num, abs := range numToAbstract {
		for k, v := range abstract {
			if a, l, _ := strings.Cut(k, "/"); a == abs {
				r.ordered[num+"/"+l] = v
			}
		}
	}
}

// headingLevel returns the heading level of a paragraph style, or 0.
func (r *docxReader) headingLevel(styleID string) int {
	for range 8 { // follow basedOn a few steps
		s, ok := r.styles[styleID]
		if !ok {
			break
		}
		if s.outline > 0 {
			return s.outline
		}
		name := strings.ToLower(s.name)
		for _, p := range []string{"heading ", "titre "} {
			if n, err := strconv.Atoi(strings.TrimPrefix(name, p)); err == nil && strings.HasPrefix(name, p) && n >= 1 && n <= 9 {
				return n
			}
		}
		if name == "title" || name == "titre" {
			return 1
		}
		styleID = s.basedOn
	}
	// Without styles.xml, the usual ids.
	id := strings.ToLower(styleID)
	for _, p := range []string{"heading", "titre"} {
		if n, err := strconv.Atoi(strings.TrimPrefix(id, p)); err == nil && strings.HasPrefix(id, p) && n >= 1 && n <= 9 {
			return n
		}
	}
	return 0
}

var hyperlinkField = regexp.MustCompile(`(?i)^\s*HYPERLINK\s+(?:\\[a-z]\s+)*"?([^"\s]+)"?`)

// field is a field code being read: its instruction, and whether its result is shown.
type field struct {
	instr  strings.Builder
	result bool
	link   string
}

// paragraph is the state of the paragraph being read.
type paragraph struct {
	style       string
	outline     int
	numID, ilvl string
	listed      bool
	runs        []Run
}

func (r *docxReader) readDocument(b []byte) error {
	d := xml.NewDecoder(bytes.NewReader(b))
	var (
		p        *paragraph   // the paragraph being read
		outer    []*paragraph // paragraphs around it (a text box's paragraphs sit inside a run)
		bold     bool         // the current run is bold
		inRun    bool
		inRPr    bool
		inText   bool // inside w:t
		inInstr  bool // inside w:instrText
		deleted  int  // depth of w:del
		links    []string
		fields   []*field
		simple   []string // links of w:fldSimple
		textBuf  strings.Builder
		depth    int
		maxDepth = 10000
	)
	link := func() string {
		for i := len(fields) - 1; i >= 0; i-- {
			if fields[i].link != "" && fields[i].result {
				return fields[i].link
			}
		}
		if len(simple) > 0 && simple[len(simple)-1] != "" {
			return simple[len(simple)-1]
		}
		if len(links) > 0 {
			return links[len(links)-1]
		}
		return ""
	}
	inResult := func() bool {
		for _, f := range fields {
			if !f.result {
				return false
			}
		}
		return true
	}
	emit := func(s string) {
		if p == nil || deleted > 0 || !inResult() || s == "" {
			return
		}
		p.runs = append(p.runs, Run{Text: s, Bold: bold, Link: link()})
	}
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			if depth > maxDepth {
				return errors.New("elements nested too deep")
			}
			switch t.Name.Local {
			case "p":
				r.paraNum++
				if p != nil {
					outer = append(outer, p)
				}
				p = &paragraph{}
			case "pStyle":
				if p != nil {
					p.style, _ = attr(t, "val")
				}
			case "outlineLvl":
				if p != nil {
					v, _ := attr(t, "val")
					if n, err := strconv.Atoi(v); err == nil && n >= 0 && n < 9 {
						p.outline = n + 1
					}
				}
			case "numPr":
				if p != nil {
					p.listed = true
				}
			case "numId":
				if p != nil {
					p.numID, _ = attr(t, "val")
				}
			case "ilvl":
				if p != nil {
					p.ilvl, _ = attr(t, "val")
				}
			case "r":
				inRun, bold = true, false
			case "rPr":
				inRPr = inRun
			case "b":
				if inRPr {
					v, ok := attr(t, "val")
					bold = !ok || v == "1" || v == "true" || v == "on"
				}
			case "t":
				inText = inRun
				textBuf.Reset()
			case "instrText":
				inInstr = true
			case "tab":
				if inRun {
					emit(" ")
				}
			case "br", "cr":
				if inRun {
					emit("\n")
				}
			case "noBreakHyphen":
				emit("-")
			case "del", "moveFrom":
				deleted++
			case "hyperlink":
				target := ""
				if id, ok := attr(t, "id"); ok {
					target = r.rels[id]
				}
				links = append(links, target)
			case "fldSimple":
				instr, _ := attr(t, "instr")
				u := ""
				if m := hyperlinkField.FindStringSubmatch(instr); m != nil {
					u = m[1]
				}
				simple = append(simple, u)
			case "fldChar":
				typ, _ := attr(t, "fldCharType")
				switch typ {
				case "begin":
					fields = append(fields, &field{})
				case "separate":
					if n := len(fields); n > 0 {
						f := fields[n-1]
						f.result = true
						if m := hyperlinkField.FindStringSubmatch(f.instr.String()); m != nil {
							f.link = m[1]
						}
					}
				case "end":
					if n := len(fields); n > 0 {
						fields = fields[:n-1]
					}
				}
			}
		case xml.CharData:
			switch {
			case inText:
				textBuf.Write(t)
			case inInstr && len(fields) > 0 && deleted == 0:
				fields[len(fields)-1].instr.Write(t)
			}
		case xml.EndElement:
			depth--
			switch t.Name.Local {
			case "t":
				if inText {
					emit(textBuf.String())
				}
				inText = false
			case "instrText":
				inInstr = false
			case "rPr":
				inRPr = false
			case "r":
				inRun, bold = false, false
			case "del", "moveFrom":
				if deleted > 0 {
					deleted--
				}
			case "hyperlink":
				if n := len(links); n > 0 {
					links = links[:n-1]
				}
			case "fldSimple":
				if n := len(simple); n > 0 {
					simple = simple[:n-1]
				}
			case "p":
				if p != nil {
					r.endParagraph(p)
				}
				p = nil
				if n := len(outer); n > 0 {
					p, outer = outer[n-1], outer[:n-1]
				} else {
					// A field spans paragraphs only in documents Word did not write.
					fields = fields[:0]
				}
			}
		}
	}
	return nil
}

// endParagraph adds the paragraph read as a block.
func (r *docxReader) endParagraph(p *paragraph) {
	var runs []Run
	for _, run := range merge(p.runs) {
		if run.Link != "" || run.Text == "\n" {
			runs = append(runs, run)
			continue
		}
		for _, x := range textRuns(run.Text) {
			x.Bold = run.Bold
			runs = append(runs, x)
		}
	}
	runs = trimBreaks(runs)
	if strings.TrimSpace((&Block{Runs: runs}).Text()) == "" {
		return
	}
	b := Block{Kind: Paragraph, Line: r.paraNum, Runs: runs}
	level := p.outline
	if level == 0 {
		level = r.headingLevel(p.style)
	}
	switch {
	case level > 0:
		b.Kind, b.Level = Heading, min(level, 6)
	case p.listed && p.numID != "0":
		ilvl, _ := strconv.Atoi(p.ilvl)
		b.Kind, b.Level = ListItem, min(max(ilvl, 0), 8)+1
		b.Ordered = r.ordered[p.numID+"/"+strconv.Itoa(ilvl)]
	}
	r.blocks = append(r.blocks, b)
}
