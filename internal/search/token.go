// Package search builds the index of the site's search page (/recherche/):
// French words folded and stemmed, sharded by their first letters so that
// a query fetches only the few files it needs. The client script
// (layouts/assets/search.js) reads what it writes and mirrors its folding.
package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kljensen/snowball/french"
)

// Fold lower-cases s and takes the accents off its letters, as the client
// does with NFD: "Évènement" and "evenement" are the same word.
func Fold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf || 'A' <= c && c <= 'Z' {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		r = unicode.ToLower(r)
		if r < 0xC0 {
			b.WriteRune(r)
			continue
		}
		if f, ok := folded[r]; ok {
			b.WriteString(f)
			continue
		}
		if unicode.Is(unicode.Mn, r) { // a combining accent, from text already decomposed
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// folded maps the lower-case accented Latin letters to their base letters
// (what NFD and the removal of combining marks give), and the ligatures
// French writes to their two letters.
var folded = func() map[rune]string {
	m := map[rune]string{'æ': "ae", 'œ': "oe", 'ß': "ss", 'ø': "o", 'đ': "d", 'ł': "l", 'ı': "i"}
	groups := map[string]string{
		"a": "àáâãäåāăą", "c": "çćĉċč", "d": "ď", "e": "èéêëēĕėęě", "g": "ĝğġģ", "h": "ĥ",
		"i": "ìíîïĩīĭį", "j": "ĵ", "k": "ķ", "l": "ĺļľ", "n": "ñńņň", "o": "òóôõöōŏő",
		"r": "ŕŗř", "s": "śŝşš", "t": "ţť", "u": "ùúûüũūŭůűų", "w": "ŵ", "y": "ýÿŷ", "z": "źżž",
	}
	for base, letters := range groups {
		for _, r := range letters {
			m[r] = base
		}
	}
	return m
}()

// elided are the words French writes with an apostrophe before a vowel:
// "l'orientation" is "orientation" to the index, "qu'il" is "il".
var elided = map[string]bool{
	"l": true, "d": true, "j": true, "m": true, "n": true, "s": true, "t": true, "c": true,
	"qu": true, "jusqu": true, "lorsqu": true, "puisqu": true, "quoiqu": true,
}

// Words calls fn with each word of text, folded, in order: letters and
// digits, split at spaces, punctuation and hyphens ("Saint-Aignan" is
// "saint" and "aignan", "2021-10-19" is "2021", "10" and "19"), without the
// elided article before an apostrophe. Words of one letter are left out.
// Stop words are not: see IsStopWord.
func Words(text string, fn func(word string)) {
	rawWords(text, false, func(raw string) {
		if w := Fold(raw); keep(w) {
			fn(w)
		}
	})
}

// keep reports whether a folded word is long enough to be one: one letter
// is not, one digit is.
func keep(w string) bool {
	if len(w) == 1 {
		return '0' <= w[0] && w[0] <= '9'
	}
	return len(w) > 1 && (len(w) > 4 || utf8.RuneCountInString(w) > 1)
}

// wordByte tells the ASCII bytes that are part of a word.
var wordByte = func() (t [utf8.RuneSelf]bool) {
	for c := range utf8.RuneSelf {
		t[c] = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
	}
	return t
}()

// HTMLWords is Words for HTML: the text of its elements, without the tags
// and their attributes; character references separate words.
func HTMLWords(html string, fn func(word string)) {
	rawWords(html, true, func(raw string) {
		if w := Fold(raw); keep(w) {
			fn(w)
		}
	})
}

// rawWords calls fn with each word of text as written (see Words). In
// markup, tags are skipped and character references end words: the
// elided articles before "&#39;" then stand alone, and are left out as
// words of one letter or stop words.
func rawWords(text string, markup bool, fn func(raw string)) {
	start := -1 // of the current word in text, or -1
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			if wordByte[c] {
				if start < 0 {
					start = i
				}
				i++
				continue
			}
			if c == '\'' && start >= 0 && i+1 < len(text) && elidedBefore(text[start:i], text[i+1:]) {
				start = -1
				i++
				continue
			}
			if start >= 0 {
				fn(text[start:i])
				start = -1
			}
			if markup && c == '<' {
				if end := strings.IndexByte(text[i:], '>'); end >= 0 {
					i += end + 1
					continue
				}
			}
			if markup && c == '&' {
				if end := strings.IndexByte(text[i:min(i+12, len(text))], ';'); end >= 0 {
					i += end + 1
					continue
				}
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) {
			if start < 0 {
				start = i
			}
			i += size
			continue
		}
		if r == '’' && start >= 0 && elidedBefore(text[start:i], text[i+size:]) {
			start = -1
			i += size
			continue
		}
		if start >= 0 {
			fn(text[start:i])
			start = -1
		}
		i += size
	}
	if start >= 0 {
		fn(text[start:])
	}
}

// elidedBefore reports whether word, followed by an apostrophe and then by
// rest, is an elided article: "l" in "l'orientation". Other words with an
// apostrophe ("aujourd'hui") are split there.
func elidedBefore(word, rest string) bool {
	if len(word) > 6 {
		return false
	}
	next, _ := utf8.DecodeRuneInString(rest)
	return unicode.IsLetter(next) && elided[Fold(word)]
}

// IsStopWord reports whether a folded word is too common in French to
// search for ("le", "des", "est"): Snowball's French list, folded, with
// the articles and pronouns it leaves out.
func IsStopWord(word string) bool { return stopWords[word] }

var stopWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(stopList) {
		m[w] = true
	}
	return m
}()

// stopList is github.com/kljensen/snowball/french's IsStopWord list,
// folded, plus "les", "cet", "cette", "dont", "lors", "chez", "aux".
const stopList = `au aux avec ce ces dans de des du elle en et eux il je la le leur lui ma mais me meme
mes moi mon ne nos notre nous on ou par pas pour qu que qui sa se ses son sur ta te tes toi ton tu un une
vos votre vous ete etee etees etes etant etante etants etantes suis es est sommes serai seras sera serons
serez seront serais serait serions seriez seraient etais etait etions etiez etaient fus fut fumes futes
furent sois soit soyons soyez soient fusse fusses fussions fussiez fussent ayant ayante ayantes ayants eu
eue eues eus ai as avons avez ont aurai auras aura aurons aurez auront aurais aurait aurions auriez
auraient avais avait avions aviez avaient eut eumes eutes eurent aie aies ait ayons ayez aient eusse
eusses eussions eussiez eussent les cet cette dont lors chez`

// Stem returns the stem of a folded word (French Snowball): "formations"
// and "formation" are both "format".
func Stem(word string) string {
	if len(word) <= 2 || word[0] >= '0' && word[0] <= '9' {
		return word
	}
	return french.Stem(word, true)
}
