package importer

import (
	"regexp"
	"slices"
	"strings"
	"unicode"

	"relais/internal/safety"
)

// A relevé is mailed to partners: it carries what the public site must not publish.
// clean removes it from the blocks before anything is drafted, with internal/safety's
// rules, and leaves a note on the block where it was, for the report:
//   - redirect links ("safelinks") are replaced by the address they wrap, which also drops
//     the recipient's e-mail address they carry;
//   - a link that carries a meeting passcode or an e-mail address is not copied;
//   - a passcode written next to a meeting link, and the meeting's ID, are not copied.

// notCopiedMeeting is the report's note where a meeting's link, ID or passcode was left out.
const notCopiedMeeting = "meeting link, ID and passcode not copied: send them to participants privately"

// meetingID is the line that gives a video meeting's number.
var meetingID = regexp.MustCompile(`(?i)^\s*(?:ID de (?:la )?r[ée]union|meeting ID|num[ée]ro de (?:la )?r[ée]union)\b`)

// clean applies the rules above to every block, in place; blocks left empty are removed,
// their notes passed on to the next block.
func clean(blocks []Block) []Block {
	for i := range blocks {
		for j := range blocks[i].Runs {
			r := &blocks[i].Runs[j]
			if r.Text != "\n" {
				r.Text = printable(r.Text)
			}
			r.Link = strings.TrimSpace(printable(r.Link))
		}
	}
	// Passcodes: ScanText works on a whole text with its meeting link.
	var all strings.Builder
	type at struct{ block, line int }
	var where []at
	for i := range blocks {
		for j, l := range blocks[i].Lines() {
			all.WriteString(l)
			all.WriteByte('\n')
			where = append(where, at{i, j})
		}
	}
	dropLine := map[at]string{}
	findings := safety.ScanText(all.String())
	for _, f := range findings {
		if f.Line-1 < len(where) {
			dropLine[where[f.Line-1]] = notCopiedMeeting
		}
	}
	if len(findings) > 0 {
		lines := strings.Split(all.String(), "\n")
		for k, w := range where {
			if meetingID.MatchString(lines[k]) {
				dropLine[w] = notCopiedMeeting
			}
		}
	}

	var out []Block
	var carry []string
	for i := range blocks {
		b := blocks[i]
		b.notes = append(carry, b.notes...)
		carry = nil
		var runs []Run
		line := 0
		droppedLink := false
		for _, r := range b.Runs {
			if r.Text == "\n" {
				line++
			}
			if msg, ok := dropLine[at{i, line}]; ok {
				if r.Text == "\n" && len(runs) > 0 {
					continue
				}
				if !contains(b.notes, msg) {
					b.notes = append(b.notes, msg)
				}
				continue
			}
			if r.Link != "" {
				link, note, ok := safeLink(r.Link)
				if note != "" && !ok && !contains(b.notes, note) {
					b.notes = append(b.notes, note)
				}
				if !ok {
					droppedLink = true
					if r.Text == r.Link || strings.HasPrefix(strings.TrimSpace(r.Text), "http") {
						continue
					}
					r.Link = ""
				} else {
					if r.Text == r.Link {
						r.Text = link
					}
					r.Link = link
				}
			}
			runs = append(runs, r)
		}
		b.Runs = trimBreaks(merge(runs))
		text := strings.TrimSpace(b.Flat())
		// "Participer à la réunion Zoom" says nothing once its link is gone.
		if text == "" || droppedLink && len(text) < 60 && !strings.ContainsAny(text, ".!?") {
			carry = b.notes
			continue
		}
		out = append(out, b)
	}
	if len(carry) > 0 && len(out) > 0 {
		out[len(out)-1].notes = append(out[len(out)-1].notes, carry...)
	}
	for i := range out {
		var notes []string
		for _, n := range out[i].notes {
			if !contains(notes, n) {
				notes = append(notes, n)
			}
		}
		out[i].notes = notes
	}
	return out
}

// printable returns s as valid UTF-8 without control characters, which a front matter
// cannot hold: tabs and line separators become spaces, the others are dropped.
func printable(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\t' || r == '\n' || r == '\r' || r == '\u2028' || r == '\u2029' || r == '\u0085':
			return ' '
		case unicode.IsControl(r) || r == '\uFEFF':
			return -1
		}
		return r
	}, s)
}

// safeLink returns the address to publish for a link: a redirect link unwrapped (the
// address it wraps is what the reader followed; the report need not say it). ok is
// false when the link must not be copied at all; note then says why, for the report.
func safeLink(link string) (target, note string, ok bool) {
	target = strings.TrimSpace(link)
	if t, wrapped := safety.Unwrap(target); wrapped {
		target = t
	}
	if p := safety.URLProblem(target); p != "" {
		if strings.Contains(p, "passcode") {
			return "", notCopiedMeeting, false
		}
		return "", "link not copied: it contains an e-mail address", false
	}
	if p := safety.SchemeProblem(target); p != "" {
		return "", "link not copied: " + p, false
	}
	return target, note, true
}

// trimBreaks drops the line breaks at the ends of runs and doubled ones.
func trimBreaks(runs []Run) []Run {
	var out []Run
	for _, r := range runs {
		if r.Text == "\n" && (len(out) == 0 || out[len(out)-1].Text == "\n") {
			continue
		}
		out = append(out, r)
	}
	for len(out) > 0 && out[len(out)-1].Text == "\n" {
		out = out[:len(out)-1]
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// Personal names are kept as written, since publishing them is the coordinator's
// decision; the report lists them. These are the forms relevés use: a civility and a
// name, a first name and a name in capitals, a first name and a name before a verb.
var nameRE = []*regexp.Regexp{
	regexp.MustCompile(`\b(?:M\.|Mme|Mmes|Mlle|Madame|Mesdames|Monsieur|Messieurs|madame|mesdames|monsieur|messieurs)\s+(\p{Lu}[\p{L}'’]+(?:[- ]\p{Lu}[\p{L}'’]+)*)`),
	regexp.MustCompile(`\b(\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?\s+\p{Lu}{2,}(?:-\p{Lu}{2,})?)\b`),
	regexp.MustCompile(`\b(\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?\s+\p{Lu}\p{Ll}+)\s+(?:est|explique|a|présente|rejoint|remplace|indique|précise|rappelle|souligne|informe|annonce|propose|quitte|prend|sera|devient)\b`),
}

// notFirstName are the words that start a sentence before a capitalised word without
// being a first name ("Le CAD", "Pour Cap").
var notFirstName = map[string]bool{}

func init() {
	for _, w := range strings.Fields("le la les l du des de au aux un une ce cet cette ces son sa ses leur leurs " +
		"notre nos votre vos pour par sur dans avec en et ou mais donc car si chaque tout toute tous toutes " +
		"place venue pass service centre val mission chambre cap maison conseil pole réseau gip labo " +
		"journée visite forum salon semaine rencontre réunion atelier projet action opération") {
		notFirstName[w] = true
	}
}

// plural civilities introduce several names: "mesdames Martin, proviseure, et Barbault".
var moreNames = regexp.MustCompile(`\b(?:[Mm]esdames|[Mm]essieurs|Mmes|MM\.)\s+\p{Lu}[\p{L}'’-]+[^.;]*?\bet\s+(\p{Lu}[\p{L}'’-]+)`)

// names returns the personal names written in text, in order, once each.
func names(text string) []string {
	type found struct {
		at   int
		name string
	}
	var all []found
	for _, re := range append(nameRE, moreNames) {
		for _, m := range re.FindAllStringSubmatchIndex(text, -1) {
			name := text[m[2]:m[3]]
			first, _, _ := strings.Cut(name, " ")
			if re != nameRE[0] && re != moreNames && notFirstName[strings.ToLower(first)] {
				continue
			}
			all = append(all, found{m[2], name})
		}
	}
	slices.SortStableFunc(all, func(a, b found) int { return a.at - b.at })
	var out []string
	for _, f := range all {
		if !contains(out, f.name) {
			out = append(out, f.name)
		}
	}
	return out
}
