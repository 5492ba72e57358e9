package search

import (
	"bytes"
	"cmp"
	"fmt"
	"hash/fnv"
	"io/fs"
	"maps"
	"math"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"relais/internal/parallel"
)

// Kind is what a document is; its letter is what the index and the page's
// kind filter call it.
type Kind byte

const (
	Minutes Kind = 'm' // a relevé de décisions
	News    Kind = 'n'
	Event   Kind = 'e'
	Partner Kind = 'p'
	Page    Kind = 'g' // a free page
)

// Doc is one page to find.
type Doc struct {
	Kind     Kind
	URL      string
	Title    string
	When     string    // the date as the page shows it, in French; "" for partners and pages
	Date     time.Time // for ranking: newer first; zero when undated (ranked last)
	Upcoming bool      // an event not yet over: ranked first, soonest first
	Partners []int     // indexes in the index's partner list
	Text     string    // what the page shows about it, as plain text (place, partner)
	Listed   []string  // the titles of the items its page lists (a partner's news and events)
	Excerpt  string    // for a long page (a partner's), the plain text its result's excerpt is taken from, rather than the page
	HTML     string    // the body, as HTML
}

// PartnerRef is a partner of the site, for the partner filter.
type PartnerRef struct {
	Slug, Name string
}

// Layout of the index, under its folder (/recherche/index/).
const (
	ManifestFile = "index.json" // what every query needs: the first word of each shard, stop words, each document's kind and partners
	shardDir     = "s/"         // the postings of the words of a range, in sorted order: s/12.json
	docDir       = "d/"         // the titles, URLs and dates of DocsPerChunk documents: d/12.json
	// The first results of a query are spread over the index (they are
	// ranked by relevance): small chunks, about 0.6 kB compressed, fetch
	// little that is not shown.
	DocsPerChunk = 8
)

// maxShard is the size a shard's JSON keeps under (unless one stem alone is
// larger), so that a query fetches little. Tests make it small.
var maxShard = 20 << 10

// Index is the files of a site's search index, by path under the index's
// folder.
type Index struct {
	Files   map[string][]byte
	Version string // changes when any file does
}

// Paths returns the paths of the index's files, sorted.
func (ix *Index) Paths() []string { return slices.Sorted(maps.Keys(ix.Files)) }

// Read reads an index as a build wrote it: every file under the root of
// fsys (the site's recherche/index/ folder). The bench and the browser
// tests query the index the site serves.
func Read(fsys fs.FS) (*Index, error) {
	ix := &Index{Files: map[string][]byte{}}
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(fsys, p)
		ix.Files[p] = b
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("reading the search index: %w", err)
	}
	return ix, nil
}

// postings is the documents a stem is found in, by id, ascending.
type postings struct {
	stem     string
	surfaces []string // the words of the site that have this stem, sorted
	title    []int32
	body     []int32 // in the text only
	// the relevance of the stem to each document of title and body, two
	// characters each (see level)
	titleLevels, bodyLevels []byte
	encoded                 []byte // "stem":[[words],[title ids],[text ids],"title levels","text levels"]
}

// Relevance, as BM25 (Robertson and Zaragoza, "The Probabilistic
// Relevance Framework: BM25 and Beyond", 2009) with Pagefind's constants:
// a word's occurrences in a document count for less and less (saturation
// k1), more in a short document than in a long one (length normalisation
// b), and those in the title as titleWeight occurrences in the text
// (Pagefind weighs an h1 as 7 words of text), those in the titles a page
// lists (a partner's news and events, its h3) as listedWeight (Pagefind's
// weight of an h3): the partner whose name is searched comes before the
// pages that only mention it. The query side (Query, search.js)
// multiplies each word's level by the word's rarity over the index (idf)
// and sums them.
const (
	k1           = 1.4
	lengthNorm   = 0.75 // BM25's b
	titleWeight  = 7
	listedWeight = 5
	// a level is the saturated frequency, between 0 and k1+1, in
	// 1/levelSteps, at least 1: documents within a hundredth of BM25's
	// range tie (a twentieth left most first results tied, ordered by
	// date). It is written as two digits of base levelBase,
	// each a character from '0' to '~' without the backslash, which JSON
	// writes as they are (and no string of the index starts with a slash
	// but URLs).
	levelSteps = 100
	levelBase  = 78
	maxLevel   = levelBase*levelBase - 1
)

// level is the relevance of a word to a document: from its occurrences
// in the title and in the text, tf·(k1+1)/(tf + k1·(1−b+b·length/average))
// with tf = titleWeight·inTitle + inText, quantised, as two characters.
// Documents of about the same relevance tie, and the index's order
// (upcoming events, then the newest) ranks them.
func level(inTitle, inText, length int32, average float64) [2]byte {
	tf := float64(titleWeight*inTitle + inText)
	saturated := tf * (k1 + 1) / (tf + k1*(1-lengthNorm+lengthNorm*float64(length)/average))
	l := min(maxLevel, max(1, int(math.Round(saturated*levelSteps))))
	return [2]byte{levelChar(l / levelBase), levelChar(l % levelBase)}
}

// levelChar writes a digit of a level, from 0 to levelBase-1.
func levelChar(d int) byte {
	c := byte('0' + d)
	if c >= '\\' {
		c++
	}
	return c
}

// levelDigit reads a digit of a level written by levelChar.
func levelDigit(c byte) int {
	d := int(c) - '0'
	if c > '\\' {
		d--
	}
	return d
}

// Build makes the index of docs: they are ordered (upcoming events first,
// then newest first, then undated by title) and numbered in that order,
// which breaks the ties of relevance; their words are stemmed and grouped
// by stem, each with its level in each document, and the stems sharded by
// the first letters of their words. The same docs give the same bytes.
func Build(docs []Doc, partners []PartnerRef) *Index {
	docs = slices.Clone(docs)
	slices.SortStableFunc(docs, compareDocs)

	// Each worker reads a run of documents with its own vocabulary: a
	// word's folding and stop-word test are done once per worker, not at
	// each of its thousands of occurrences.
	workers := make([]*reader, min(runtime.GOMAXPROCS(0), max(1, len(docs)/64)))
	per := (len(docs) + len(workers) - 1) / max(1, len(workers))
	parallel.For(len(workers), func(i int) {
		lo := min(i*per, len(docs))
		workers[i] = read(docs[lo:min(lo+per, len(docs))])
	})

	// One vocabulary for the site, each word with its stem.
	global := map[string]int32{}
	var stemIDs = map[string]int32{}
	var all []*postings
	var stemOf []int32 // by global word id
	for _, w := range workers {
		w.global = make([]int32, len(w.words))
		for i, word := range w.words {
			id, ok := global[word]
			if !ok {
				id = int32(len(stemOf))
				global[word] = id
				st := Stem(word)
				sid, ok := stemIDs[st]
				if !ok {
					sid = int32(len(all))
					stemIDs[st] = sid
					all = append(all, &postings{stem: st})
				}
				stemOf = append(stemOf, sid)
				all[sid].surfaces = append(all[sid].surfaces, word)
			}
			w.global[i] = stemOf[id]
		}
	}
	// Each document's stems and their levels, on all cores, then its id
	// in their postings.
	var words int64
	for _, w := range workers {
		for _, n := range w.lengths {
			words += int64(n)
		}
	}
	average := max(1, float64(words)/float64(max(1, len(docs))))
	parallel.For(len(workers), func(i int) { workers[i].toStems(len(all), average) })
	id := int32(0)
	for _, w := range workers {
		for d := range w.titles {
			for k, s := range w.titles[d] {
				all[s].title = append(all[s].title, id)
				all[s].titleLevels = append(all[s].titleLevels, w.titleLevels[d][2*k:2*k+2]...)
			}
			for k, s := range w.bodies[d] {
				all[s].body = append(all[s].body, id)
				all[s].bodyLevels = append(all[s].bodyLevels, w.bodyLevels[d][2*k:2*k+2]...)
			}
			// Let each document's lists go as soon as they are in the
			// postings: on a 100,000-page site both together are the
			// largest thing the build holds.
			w.titles[d], w.bodies[d], w.titleLevels[d], w.bodyLevels[d] = nil, nil, nil, nil
			id++
		}
	}
	parallel.For(len(all), func(i int) {
		slices.Sort(all[i].surfaces)
		all[i].encoded = encodePostings(all[i])
		all[i].title, all[i].body, all[i].titleLevels, all[i].bodyLevels = nil, nil, nil, nil
	})
	slices.SortFunc(all, func(a, b *postings) int { return strings.Compare(a.stem, b.stem) })

	ix := &Index{Files: map[string][]byte{}}
	keys := shard(all, ix)
	writeDocs(docs, ix)
	ix.Files[ManifestFile] = manifest(docs, partners, keys, ix)
	return ix
}

// reader reads the words of a run of documents.
type reader struct {
	raw    map[string]int32 // a word as written → its id in words, or -1 when it is no word to index
	folded map[string]int32 // a folded word → its id in words
	words  []string         // folded
	global []int32          // a word id → the id of its stem, once the site's vocabulary is known
	// each document's word ids, then stem ids, each once; bodies leave
	// out the stems of the title
	titles, bodies [][]int32
	// how many times each of them occurs in the title and in the body
	titleCounts, bodyCounts [][]int32
	lengths                 []int32 // each document's number of words, stop words included
	// each stem's level (see level), once the stems are known
	titleLevels, bodyLevels [][]byte
}

func read(docs []Doc) *reader {
	r := &reader{raw: map[string]int32{}, folded: map[string]int32{}}
	// seen[id] is the stamp of the last text a word was met in: each word
	// once a text, in the order met, without sorting; count[id] is its
	// occurrences in that text.
	var seen, count []int32
	var buf []int32
	stamp, length := int32(0), int32(0)
	weight := int32(1)
	add := func(raw string) {
		length++
		id, ok := r.raw[raw]
		if !ok {
			id = r.word(raw)
			for int(id) >= len(seen) {
				seen = append(seen, 0)
				count = append(count, 0)
			}
		}
		if id < 0 {
			return
		}
		if seen[id] != stamp {
			seen[id] = stamp
			count[id] = 0
			buf = append(buf, id)
		}
		count[id] += weight
	}
	counts := func() []int32 {
		c := make([]int32, len(buf))
		for i, id := range buf {
			c[i] = count[id]
		}
		return c
	}
	r.titles = make([][]int32, len(docs))
	r.bodies = make([][]int32, len(docs))
	r.titleCounts = make([][]int32, len(docs))
	r.bodyCounts = make([][]int32, len(docs))
	r.lengths = make([]int32, len(docs))
	for i := range docs {
		buf, stamp, length = buf[:0], stamp+1, 0
		rawWords(docs[i].Title, false, add)
		r.titles[i], r.titleCounts[i] = slices.Clone(buf), counts()
		buf, stamp = buf[:0], stamp+1
		rawWords(docs[i].Text, false, add)
		rawWords(docs[i].HTML, true, add)
		weight = listedWeight
		for _, l := range docs[i].Listed {
			rawWords(l, false, add)
		}
		weight = 1
		r.bodies[i], r.bodyCounts[i] = slices.Clone(buf), counts()
		r.lengths[i] = length
	}
	return r
}

// word gives a word as written its id, -1 when it is no word to index.
func (r *reader) word(raw string) int32 {
	w := Fold(raw)
	id := int32(-1)
	if keep(w) && !IsStopWord(w) {
		var ok bool
		if id, ok = r.folded[w]; !ok {
			w = strings.Clone(w)
			id = int32(len(r.words))
			r.folded[w] = id
			r.words = append(r.words, w)
		}
	}
	r.raw[strings.Clone(raw)] = id
	return id
}

// toStems turns each document's word ids into stem ids, each once, the
// body's leaving out the title's, and gives each its level: a stem of the
// title counts its occurrences in the title titleWeight times, plus those
// in the body. stems is the number of stems of the site, average the
// average length of its documents.
func (r *reader) toStems(stems int, average float64) {
	seen := make([]int32, stems) // as in read
	inTitle := make([]int32, stems)
	inBody := make([]int32, stems)
	r.titleLevels = make([][]byte, len(r.titles))
	r.bodyLevels = make([][]byte, len(r.titles))
	for d := range r.titles {
		title, body := r.titles[d], r.bodies[d]
		t, b := int32(2*d+1), int32(2*d+2)
		n := 0
		for i, id := range title {
			s := r.global[id]
			if seen[s] != t {
				seen[s] = t
				inTitle[s], inBody[s] = 0, 0
				title[n] = s
				n++
			}
			inTitle[s] += r.titleCounts[d][i]
		}
		title = title[:n]
		n = 0
		for i, id := range body {
			s := r.global[id]
			if seen[s] != t && seen[s] != b {
				seen[s] = b
				inBody[s] = 0
				body[n] = s
				n++
			}
			inBody[s] += r.bodyCounts[d][i]
		}
		body = body[:n]
		r.titles[d], r.bodies[d] = title, body
		r.titleLevels[d] = make([]byte, 2*len(title))
		for k, s := range title {
			l := level(inTitle[s], inBody[s], r.lengths[d], average)
			r.titleLevels[d][2*k], r.titleLevels[d][2*k+1] = l[0], l[1]
		}
		r.bodyLevels[d] = make([]byte, 2*len(body))
		for k, s := range body {
			l := level(0, inBody[s], r.lengths[d], average)
			r.bodyLevels[d][2*k], r.bodyLevels[d][2*k+1] = l[0], l[1]
		}
		r.titleCounts[d], r.bodyCounts[d] = nil, nil
	}
}

// compareDocs ranks documents: upcoming events soonest first, then dated
// pages newest first, then the undated ones by title; URLs break ties.
func compareDocs(a, b Doc) int {
	switch {
	case a.Upcoming != b.Upcoming:
		if a.Upcoming {
			return -1
		}
		return 1
	case a.Upcoming:
		if c := a.Date.Compare(b.Date); c != 0 {
			return c
		}
	case a.Date.IsZero() != b.Date.IsZero():
		if a.Date.IsZero() {
			return 1
		}
		return -1
	default:
		if c := b.Date.Compare(a.Date); c != 0 {
			return c
		}
	}
	return cmp.Or(strings.Compare(a.Title, b.Title), strings.Compare(a.URL, b.URL))
}

// shard writes the stems' postings into shards that each hold the words
// of a range, in sorted order: a stem is in the shard of every word it has,
// as a query looks up the words it was typed with, never stems (the client
// does not stem). A shard ends when it would grow beyond maxShard; a small
// site has one. It returns the first word of each shard ("" for the first).
func shard(all []*postings, ix *Index) []string {
	type word struct {
		w string
		p *postings
	}
	var words []word
	for _, p := range all {
		for _, w := range p.surfaces {
			words = append(words, word{w, p})
		}
	}
	slices.SortFunc(words, func(a, b word) int { return strings.Compare(a.w, b.w) })
	var starts []string
	var entries []*postings
	in := map[*postings]bool{}
	size := 0
	flush := func() {
		if len(starts) == 0 {
			return
		}
		writeShard(ix, len(starts)-1, entries)
		entries = entries[:0]
		clear(in)
	}
	for _, w := range words {
		if in[w.p] {
			continue
		}
		n := len(w.p.encoded) + 2
		if len(starts) == 0 || size+n > maxShard && len(entries) > 0 {
			flush()
			size = 1 // the braces
			if len(starts) == 0 {
				starts = append(starts, "")
			} else {
				starts = append(starts, w.w)
			}
		}
		in[w.p] = true
		entries = append(entries, w.p)
		size += n
	}
	flush()
	return starts
}

func writeShard(ix *Index, n int, es []*postings) {
	es = slices.Clone(es)
	slices.SortFunc(es, func(a, b *postings) int { return strings.Compare(a.stem, b.stem) })
	size := 2
	for _, p := range es {
		size += len(p.encoded) + 2
	}
	b := make([]byte, 0, size)
	b = append(b, '{')
	for i, p := range es {
		if i > 0 {
			b = append(b, ",\n"...)
		}
		b = append(b, p.encoded...)
	}
	b = append(b, "}\n"...)
	ix.Files[ShardFile(n)] = b
}

// ShardFile is the path of the n-th shard under the index's folder.
func ShardFile(n int) string { return shardDir + strconv.Itoa(n) + ".json" }

// encodePostings writes "stem":[[words],[title ids],[text ids],"title
// levels","text levels"], the ids as the differences between successive
// ids (small numbers compress well), the levels two characters for each id.
func encodePostings(p *postings) []byte {
	b := make([]byte, 0, 24+len(p.stem)+8*len(p.surfaces)+4*(len(p.title)+len(p.body)))
	b = strconv.AppendQuote(b, p.stem)
	b = append(b, ":[["...)
	for i, w := range p.surfaces {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendQuote(b, w)
	}
	b = append(b, "],"...)
	b = appendDeltas(b, p.title)
	b = append(b, ',')
	b = appendDeltas(b, p.body)
	b = append(b, ",\""...)
	b = append(b, p.titleLevels...)
	b = append(b, "\",\""...)
	b = append(b, p.bodyLevels...)
	return append(b, "\"]"...)
}

func appendDeltas(b []byte, ids []int32) []byte {
	b = append(b, '[')
	prev := int32(0)
	for i, id := range ids {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, int64(id-prev), 10)
		prev = id
	}
	return append(b, ']')
}

// writeDocs writes what a result shows of each document, DocsPerChunk
// documents a file: [url, title, kind, date], plus the text of its excerpt
// when it has one.
func writeDocs(docs []Doc, ix *Index) {
	for lo := 0; lo < len(docs); lo += DocsPerChunk {
		var b bytes.Buffer
		b.WriteByte('[')
		for i, d := range docs[lo:min(lo+DocsPerChunk, len(docs))] {
			if i > 0 {
				b.WriteString(",\n")
			}
			fmt.Fprintf(&b, "[%s,%s,%q,%s", quote(d.URL), quote(d.Title), string(d.Kind), quote(d.When))
			if d.Excerpt != "" {
				b.WriteString("," + quote(d.Excerpt))
			}
			b.WriteByte(']')
		}
		b.WriteString("]\n")
		ix.Files[DocFile(lo/DocsPerChunk)] = b.Bytes()
	}
}

// DocFile is the path of the n-th chunk of documents.
func DocFile(n int) string { return docDir + strconv.Itoa(n) + ".json" }

// quote writes s as a JSON string (strconv.Quote's escapes are JSON's for
// the text of pages: no control characters reach here but \n and \t).
func quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || r == 0x2028 || r == 0x2029:
			fmt.Fprintf(&b, `\u%04x`, r)
		case r == '<':
			b.WriteString(`\u003c`)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// manifest writes index.json: a version (changes with any file), the number
// of documents and of documents per chunk, the shard keys, the stop words,
// the partners, and each document's kind (one letter each) and partners
// (an index in the partners list, a list of them, or -1).
func manifest(docs []Doc, partners []PartnerRef, keys []string, ix *Index) []byte {
	h := fnv.New64a()
	for _, p := range ix.Paths() {
		h.Write([]byte(p))
		h.Write(ix.Files[p])
	}
	ix.Version = fmt.Sprintf("%x", h.Sum64())
	var b bytes.Buffer
	fmt.Fprintf(&b, "{\"v\":\"%s\",\"n\":%d,\"chunk\":%d,\n\"shards\":[", ix.Version, len(docs), DocsPerChunk)
	for i, k := range keys {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(quote(k))
	}
	b.WriteString("],\n\"stop\":[")
	for i, w := range slices.Sorted(maps.Keys(stopWords)) {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(quote(w))
	}
	b.WriteString("],\n\"partners\":[")
	for i, p := range partners {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, "[%s,%s]", quote(p.Slug), quote(p.Name))
	}
	b.WriteString("],\n\"kinds\":\"")
	for _, d := range docs {
		b.WriteByte(byte(d.Kind))
	}
	b.WriteString("\",\n\"docPartners\":[")
	for i, d := range docs {
		if i > 0 {
			b.WriteByte(',')
		}
		switch len(d.Partners) {
		case 0:
			b.WriteString("-1")
		case 1:
			b.WriteString(strconv.Itoa(d.Partners[0]))
		default:
			b.WriteByte('[')
			for j, p := range d.Partners {
				if j > 0 {
					b.WriteByte(',')
				}
				b.WriteString(strconv.Itoa(p))
			}
			b.WriteByte(']')
		}
	}
	b.WriteString("]}\n")
	return b.Bytes()
}
