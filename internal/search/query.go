package search

import (
	"cmp"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Query runs a query on the index as the search page's script does
// (layouts/assets/search.js: the two must agree, which the browser tests
// check), and returns the URLs of the documents found, best first. While
// typing (no space or punctuation at the end), the last word matches the
// words it begins. It serves the tests and the comparison with Pagefind.
func (ix *Index) Query(query string) ([]string, error) {
	var m struct {
		N      int      `json:"n"`
		Chunk  int      `json:"chunk"`
		Shards []string `json:"shards"`
	}
	if err := json.Unmarshal(ix.Files[ManifestFile], &m); err != nil {
		return nil, fmt.Errorf("%s: %v", ManifestFile, err)
	}
	var ws []string
	Words(query, func(w string) {
		if !IsStopWord(w) {
			ws = append(ws, w)
		}
	})
	if len(ws) == 0 {
		return nil, nil
	}
	last, _ := utf8.DecodeLastRuneInString(query)
	typing := !unicode.IsSpace(last) && !unicode.IsPunct(last)
	loaded := map[int]map[string]entry{}
	shards := func(lo, hi string) ([]map[string]entry, error) {
		var out []map[string]entry
		for i := shardOf(m.Shards, lo); i <= shardOf(m.Shards, hi); i++ {
			if loaded[i] == nil {
				var sh map[string]entry
				if err := json.Unmarshal(ix.Files[ShardFile(i)], &sh); err != nil {
					return nil, fmt.Errorf("%s: %v", ShardFile(i), err)
				}
				loaded[i] = sh
			}
			out = append(out, loaded[i])
		}
		return out, nil
	}
	type found struct{ docs, exact map[int]int }
	perWord := make([]found, len(ws))
	for n, w := range ws {
		prefix := typing && n == len(ws)-1 && utf8.RuneCountInString(w) >= 3
		hi := w
		test := func(s string) bool { return s == w }
		if prefix {
			hi = w + "\uffff"
			test = func(s string) bool { return strings.HasPrefix(s, w) }
		}
		sh, err := shards(w, hi)
		if err != nil {
			return nil, err
		}
		f := found{docs: match(sh, test)}
		f.exact = make(map[int]int, len(f.docs))
		for id, weight := range f.docs {
			f.exact[id] = weight
		}
		if utf8.RuneCountInString(w) >= 5 && len(f.docs) < 5 {
			// Few documents: tolerate a typing mistake after the third letter.
			head := string([]rune(w)[:3])
			near, err := shards(head, head+"\uffff")
			if err != nil {
				return nil, err
			}
			for id, weight := range match(near, func(s string) bool { return oneTypo(s, w) }) {
				if _, ok := f.docs[id]; !ok {
					f.docs[id] = weight
				}
			}
		}
		perWord[n] = f
	}
	// The ranking: pages with every word in their title first, then those
	// found with fewer typing mistakes, then the most relevant (the sum of
	// each word's level times its rarity), then the index's order.
	rarity := make([]int, len(ws))
	for n, f := range perWord {
		rarity[n] = idf(m.N, len(f.docs))
	}
	type rank struct{ inTitle, exact, relevance int }
	ranks := map[int]rank{}
	var ids []int
next:
	for id := range perWord[0].docs {
		var r rank
		for n, f := range perWord {
			weight, ok := f.docs[id]
			if !ok {
				continue next
			}
			if weight >= inTitle {
				r.inTitle++
			}
			if _, ok := f.exact[id]; ok {
				r.exact++
			}
			r.relevance += rarity[n] * (weight % inTitle)
		}
		r.inTitle /= len(ws) // 1 when all are
		ids = append(ids, id)
		ranks[id] = r
	}
	sort.Slice(ids, func(i, j int) bool {
		a, b := ranks[ids[i]], ranks[ids[j]]
		if c := cmp.Or(b.inTitle-a.inTitle, b.exact-a.exact, b.relevance-a.relevance); c != 0 {
			return c < 0
		}
		return ids[i] < ids[j]
	})
	urls := make([]string, len(ids))
	chunks := map[int][][]string{}
	for i, id := range ids {
		c := id / m.Chunk
		if chunks[c] == nil {
			var chunk [][]string
			if err := json.Unmarshal(ix.Files[DocFile(c)], &chunk); err != nil {
				return nil, fmt.Errorf("%s: %v", DocFile(c), err)
			}
			chunks[c] = chunk
		}
		urls[i] = chunks[c][id%m.Chunk][0]
	}
	return urls, nil
}

// entry is a stem in a shard: its words, the documents that have it in
// their title and in their text, as differences between ids, and its level
// in each of them, two characters each (see level).
type entry [5]json.RawMessage

// inTitle is added to the level of a word in a document's title.
const inTitle = 1 << 16

// idf is the rarity of a word found in n of the index's all documents, as
// BM25's, in tenths, rounded: the script computes it the same way.
func idf(all, n int) int {
	return int(math.Round(10 * math.Log(1+(float64(all-n)+0.5)/(float64(n)+0.5))))
}

// match returns the documents of the entries with a word that passes
// test, each with the word's level in it, plus inTitle when in its title;
// a document with several of the words keeps the highest.
func match(shards []map[string]entry, test func(string) bool) map[int]int {
	docs := map[int]int{}
	seen := map[string]bool{}
	for _, sh := range shards {
		for stem, e := range sh {
			var words []string
			if seen[stem] || json.Unmarshal(e[0], &words) != nil || !slices.ContainsFunc(words, test) {
				continue
			}
			seen[stem] = true
			for k, title := range []int{inTitle, 0} {
				var deltas []int
				var levels string
				_ = json.Unmarshal(e[k+1], &deltas)
				_ = json.Unmarshal(e[k+3], &levels)
				if len(levels) != 2*len(deltas) {
					continue // an index of another version
				}
				id := 0
				for i, d := range deltas {
					id += d
					weight := title + levelDigit(levels[2*i])*levelBase + levelDigit(levels[2*i+1])
					if docs[id] < weight {
						docs[id] = weight
					}
				}
			}
		}
	}
	return docs
}

// shardOf returns the index of the shard holding word w.
func shardOf(starts []string, w string) int {
	return max(0, sort.Search(len(starts), func(i int) bool { return starts[i] > w })-1)
}

// oneTypo reports whether a and b differ by one letter missing, added or
// changed, or by two neighbours swapped.
func oneTypo(a, b string) bool {
	x, y := []rune(a), []rune(b)
	if a == b || len(x)-len(y) > 1 || len(y)-len(x) > 1 {
		return false
	}
	i := 0
	for i < len(x) && i < len(y) && x[i] == y[i] {
		i++
	}
	rest := func(p []rune, n int) string { return string(p[min(n, len(p)):]) }
	switch {
	case len(x) == len(y):
		return rest(x, i+1) == rest(y, i+1) ||
			i+1 < len(x) && x[i] == y[i+1] && x[i+1] == y[i] && rest(x, i+2) == rest(y, i+2)
	case len(x) > len(y):
		return rest(x, i+1) == rest(y, i)
	default:
		return rest(x, i) == rest(y, i+1)
	}
}
