package importer

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"relais/internal/safety"
)

// Text extracted from a PDF or a mail (the seed's form) has its own habits: lines end
// with a space when the text goes on and with two when a paragraph ends; the link
// targets of each page are appended at its end as bare address lines, one per linked
// fragment; an address is cut across two lines. ReadText undoes them.

var (
	urlOnly     = regexp.MustCompile(`^(?:https?://|www\.)\S+$`)
	urlInText   = regexp.MustCompile(`https?://[^\s<>"«»]+`)
	sectionLine = regexp.MustCompile(`^\s*(\d{1,2})\s*\)\s+(\S.*)$`)
	listLine    = regexp.MustCompile(`^\s*(?:(\d{1,2})[.)]|[-•*–·])\s+(\S.*)$`)
	ruleLine    = regexp.MustCompile(`^\s*[_=*~\-]{3,}\s*$`)
)

// ReadText reads a relevé as plain text into blocks.
func ReadText(src []byte) []Block {
	s := strings.TrimPrefix(string(src), "\ufeff")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	s = strings.ToValidUTF8(s, "\uFFFD")
	// A form feed separates pages: it ends a line and a paragraph.
	s = strings.ReplaceAll(s, "\f", "\n\n")
	lines := strings.Split(s, "\n")

	spaced := trailingSpaceStyle(lines)
	drop, targets := linkTargets(lines, spaced)
	text := make([]string, len(lines))
	copy(text, lines)
	rejoinCutURLs(text, drop, targets)

	textRuns := func(line string) []Run { return linkedRuns(line, targets) }
	var blocks []Block
	var cur *Block
	end := func() {
		if cur != nil {
			cur.Runs = merge(cur.Runs)
			if len(cur.Runs) > 0 && cur.Runs[len(cur.Runs)-1].Text == "\n" {
				cur.Runs = cur.Runs[:len(cur.Runs)-1]
			}
			if strings.TrimSpace(cur.Text()) != "" {
				blocks = append(blocks, *cur)
			}
		}
		cur = nil
	}
	for i, raw := range text {
		if raw == joinedAway {
			continue
		}
		if drop[i] {
			end()
			continue
		}
		line := strings.TrimSpace(raw)
		if line == "" && cur != nil && endsCut(cur) && nextStartsWord(text, i) {
			continue // "Centre-" and "Val de Loire" a blank line apart: one word cut by a page
		}
		if line == "" || ruleLine.MatchString(line) {
			end()
			continue
		}
		if m := sectionLine.FindStringSubmatch(line); m != nil && isUpperWord(m[2]) {
			end()
			blocks = append(blocks, Block{Kind: Heading, Level: 2, Line: i + 1, Runs: textRuns(line)})
			continue
		}
		if m := listLine.FindStringSubmatch(line); m != nil {
			end()
			cur = &Block{Kind: ListItem, Level: 1, Ordered: m[1] != "", Line: i + 1}
			cur.Runs = append(cur.Runs, textRuns(line)...)
		} else if cur == nil {
			cur = &Block{Kind: Paragraph, Line: i + 1, Runs: textRuns(line)}
		} else {
			if !endsCut(cur) {
				cur.Runs = append(cur.Runs, Run{Text: "\n"})
			}
			cur.Runs = append(cur.Runs, textRuns(line)...)
		}
		if spaced && strings.HasSuffix(raw, "  ") {
			end() // two spaces end a paragraph in this form of text
		}
	}
	end()
	return blocks
}

// endsCut reports whether b ends with a word cut at a hyphen ("Centre-"), which the next
// line ends.
func endsCut(b *Block) bool {
	if len(b.Runs) == 0 || b.Runs[len(b.Runs)-1].Link != "" {
		return false
	}
	t := b.Runs[len(b.Runs)-1].Text
	if !strings.HasSuffix(t, "-") || len(t) < 2 {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(t[:len(t)-1])
	return unicode.IsLetter(r)
}

// nextStartsWord reports whether the next line of text that is not blank, after line
// i, starts with a letter.
func nextStartsWord(text []string, i int) bool {
	for _, l := range text[i+1 : min(i+4, len(text))] {
		if l = strings.TrimSpace(l); l != "" && l != joinedAway {
			return unicode.IsLetter(firstRuneOf(l))
		}
	}
	return false
}

func firstRuneOf(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// isUpperWord reports whether the first word of s with letters is in capitals, as the
// seed's section titles are ("1) ACTUALITES", "4) LE RAPPORT", "3) L’EVALUATION").
func isUpperWord(s string) bool {
	for _, w := range strings.Fields(s) {
		n := 0
		for _, r := range w {
			if unicode.IsLetter(r) {
				if !unicode.IsUpper(r) {
					return false
				}
				n++
			}
		}
		if n > 0 {
			return n >= 2
		}
	}
	return false
}

// trailingSpaceStyle reports whether most lines of text end with a space, the mark of
// the extraction tool whose paragraphs end with two.
func trailingSpaceStyle(lines []string) bool {
	n, spaced := 0, 0
	for _, l := range lines {
		if strings.TrimSpace(l) == "" {
			continue
		}
		n++
		if strings.HasSuffix(l, " ") {
			spaced++
		}
	}
	return n > 0 && spaced*2 > n
}

// linkTargets finds the blocks of link targets appended at page ends: runs of bare
// address lines (two or more, or one without the trailing space of text lines). It
// returns the lines to drop and the targets, unwrapped. A lone address line whose end
// is on the next line is text: joined, it is one of the targets.
func linkTargets(lines []string, spaced bool) (drop map[int]bool, targets map[string]bool) {
	drop, targets = map[int]bool{}, map[string]bool{}
	var singles []int
	for i := 0; i < len(lines); {
		j := i
		for j < len(lines) && urlOnly.MatchString(strings.TrimSpace(lines[j])) {
			j++
		}
		switch {
		case j == i:
			i++
			continue
		case j-i >= 2:
			for k := i; k < j; k++ {
				drop[k] = true
				targets[unwrapped(lines[k])] = true
			}
		case spaced && strings.TrimRight(lines[i], " \t") == lines[i]:
			singles = append(singles, i)
		}
		i = j
	}
	for _, i := range singles {
		if i+1 < len(lines) {
			head, _, _ := strings.Cut(strings.TrimLeft(lines[i+1], " \t"), " ")
			if head != "" && targets[strings.TrimSpace(lines[i])+head] {
				continue
			}
		}
		drop[i] = true
		targets[unwrapped(lines[i])] = true
	}
	return drop, targets
}

func unwrapped(line string) string {
	u := strings.TrimSpace(line)
	if t, ok := safety.Unwrap(u); ok {
		return t
	}
	return u
}

// rejoinCutURLs joins an address cut at the end of a line with the start of the next
// line when the joined address is one of the page-end targets.
func rejoinCutURLs(text []string, drop map[int]bool, targets map[string]bool) {
	for i := 0; i+1 < len(text); i++ {
		if drop[i] || drop[i+1] {
			continue
		}
		line := strings.TrimRight(text[i], " \t")
		loc := urlInText.FindAllStringIndex(line, -1)
		if len(loc) == 0 || loc[len(loc)-1][1] != len(line) {
			continue
		}
		u := line[loc[len(loc)-1][0]:]
		next := strings.TrimLeft(text[i+1], " \t")
		head, rest, _ := strings.Cut(next, " ")
		if head == "" {
			continue
		}
		joined := u + head
		if !targets[joined] && !targets[strings.TrimRight(joined, ".,;:)")] {
			continue
		}
		if strings.TrimSpace(rest) == "" {
			// The whole next line was the end of the address: it joins this line,
			// with its paragraph-ending spaces.
			text[i] = line + head + strings.Repeat(" ", trailing(next))
			text[i+1] = joinedAway
			continue
		}
		text[i] = line + head + " "
		text[i+1] = rest
	}
}

// joinedAway marks a line that rejoinCutURLs moved into the line before it.
const joinedAway = "\x00joined"

// trailing counts the spaces that end s.
func trailing(s string) int { return len(s) - len(strings.TrimRight(s, " ")) }

// textRuns cuts a line into text and address runs.
func textRuns(line string) []Run {
	var runs []Run
	last := 0
	for _, m := range urlInText.FindAllStringIndex(line, -1) {
		u := strings.TrimRight(line[m[0]:m[1]], ".,;:)!?»")
		end := m[0] + len(u)
		if m[0] > last {
			runs = append(runs, Run{Text: line[last:m[0]]})
		}
		runs = append(runs, Run{Text: u, Link: u})
		last = end
	}
	if last < len(line) {
		runs = append(runs, Run{Text: line[last:]})
	}
	return runs
}

var bareWWWInText = regexp.MustCompile(`\bwww\.[\w\-]+(?:\.[\w\-]+)+(?:/[^\s<>"«»]*)?`)

// linkedRuns cuts a line into runs as textRuns does, and links an address written
// without its scheme ("www.hacktonorientation.fr") to the page-end target it stands for.
func linkedRuns(line string, targets map[string]bool) []Run {
	var out []Run
	for _, r := range textRuns(line) {
		if r.Link != "" {
			out = append(out, r)
			continue
		}
		last := 0
		for _, m := range bareWWWInText.FindAllStringIndex(r.Text, -1) {
			w := strings.TrimRight(r.Text[m[0]:m[1]], ".,;:)!?»")
			target := ""
			for _, c := range []string{"https://" + w, "http://" + w, "https://" + w + "/", "http://" + w + "/"} {
				if targets[c] {
					target = c
					break
				}
			}
			if target == "" {
				continue
			}
			if m[0] > last {
				out = append(out, Run{Text: r.Text[last:m[0]]})
			}
			out = append(out, Run{Text: w, Link: target})
			last = m[0] + len(w)
		}
		if last < len(r.Text) {
			out = append(out, Run{Text: r.Text[last:]})
		}
	}
	return out
}

// firstRune returns the first letter or digit of s.
func firstRune(s string) rune {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return r
		}
	}
	r, _ := utf8.DecodeRuneInString(s)
	return r
}
