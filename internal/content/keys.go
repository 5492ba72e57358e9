package content

import (
	"regexp"
	"slices"
	"sort"
	"time"

	"relais/internal/diag"
)

// SettingsKind is the kind of content/_index.md, the site settings, for
// Keys; the other kinds are the sections ("events"...).
const SettingsKind = "_index"

// Kinds returns the kinds of content file: SettingsKind, then the sections
// in alphabetical order.
func Kinds() []string {
	kinds := make([]string, 0, len(sections))
	for s := range sections {
		kinds = append(kinds, s)
	}
	sort.Strings(kinds)
	return append([]string{SettingsKind}, kinds...)
}

// Keys returns the front-matter keys that a file of kind accepts, in the
// order the loader reads them, or nil for an unknown kind. The keys of a
// nested set are written after their parent's, "registration.url", and so
// are those of a list's items, "slots.start".
//
// The list is not written down anywhere: Keys runs the loader's own decoding
// over an empty front matter, then over each key holding a set of keys and
// a list of sets, and notes every key it asks for. What the loader accepts
// and what Keys lists cannot drift apart (the documentation's test relies
// on it).
func Keys(kind string) []string {
	if _, ok := sections[kind]; !ok && kind != SettingsKind {
		return nil
	}
	var keys []string
	record := func(key string) {
		key = itemIndex.ReplaceAllString(key, "")
		if !slices.Contains(keys, key) {
			keys = append(keys, key)
		}
	}
	probeKeys(kind, &value{kind: kindMap}, record)
	top := slices.Clone(keys)
	for _, k := range top {
		probe := &value{kind: kindMap, fields: []field{{key: "probe", val: &value{kind: kindString, text: "x"}}}}
		probeKeys(kind, &value{kind: kindMap, fields: []field{{key: k, val: probe}}}, record)
		list := &value{kind: kindList, list: []*value{probe}}
		probeKeys(kind, &value{kind: kindMap, fields: []field{{key: k, val: list}}}, record)
	}
	return keys
}

// itemIndex is the index of a list item in a key ("slots[2].start").
var itemIndex = regexp.MustCompile(`\[\d+\]`)

// probeKeys decodes meta as a file of kind would be, and tells record every
// key the decoding asks for. The problems found are of no interest.
func probeKeys(kind string, meta *value, record func(string)) {
	d := newDecoder("probe", meta, time.UTC, &diag.List{})
	d.trace = record
	if kind == SettingsKind {
		decodeSettings(&Settings{}, d)
		return
	}
	decodeFile(kind, Doc{}, d)
}
