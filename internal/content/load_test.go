package content_test

import (
	"fmt"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"relais/internal/content"
	"relais/internal/date"
	"relais/internal/diag"
)

// settingsFile is a valid content/_index.md.
const settingsFile = "---\ntitle: \"SPRO 41\"\n---\n\nLe réseau.\n"

// newSite returns a site whose content/ holds a valid _index.md and the given
// files, named by their path under content/ (an "_index.md" replaces the
// valid one).
func newSite(files map[string]string) fstest.MapFS {
	fsys := fstest.MapFS{"content/_index.md": {Data: []byte(settingsFile)}}
	for p, src := range files {
		fsys["content/"+p] = &fstest.MapFile{Data: []byte(src)}
	}
	return fsys
}

// report formats problems as relais check prints them: sorted, one a line.
func report(errs diag.List) string {
	l := slices.Clone(errs)
	l.Sort()
	return l.Error()
}

// load loads a site made of files (see newSite) and fails the test on any
// problem.
func load(t *testing.T, files map[string]string) *content.Tree {
	t.Helper()
	tree, errs := content.Load(newSite(files))
	if len(errs) > 0 {
		t.Fatalf("Load: unexpected problems:\n%s", report(errs))
	}
	return tree
}

// TestLoadReportsMistakes checks the exact message, file and line of each kind
// of mistake an editor can make in one file.
func TestLoadReportsMistakes(t *testing.T) {
	tests := []struct {
		name string
		path string // under content/
		src  string
		want string
	}{
		// The front matter itself.
		{
			name: "no front matter",
			path: "events/x.md",
			src:  "Forum des métiers, le 7 octobre.\n",
			want: "content/events/x.md:1: no front matter: the file must start with --- on its own line, then keys such as title: ..., then --- again",
		},
		{
			name: "empty file",
			path: "events/x.md",
			src:  "",
			want: "content/events/x.md:1: no front matter: the file must start with --- on its own line, then keys such as title: ..., then --- again",
		},
		{
			name: "front matter not at the top",
			path: "events/x.md",
			src:  "Intro\n---\ntitle: Forum\n---\n",
			want: "content/events/x.md:1: no front matter: the file must start with --- on its own line, then keys such as title: ..., then --- again",
		},
		{
			name: "unclosed YAML",
			path: "events/x.md",
			src:  "---\ntitle: Forum\nstart: \"2021-10-07\"\n\nCorps.\n",
			want: "content/events/x.md:1: front matter opened with --- is not closed: add a line --- after the last key",
		},
		{
			name: "unclosed YAML after blank lines",
			path: "events/x.md",
			src:  "\n\n---\ntitle: Forum\n",
			want: "content/events/x.md:3: front matter opened with --- is not closed: add a line --- after the last key",
		},
		{
			name: "unclosed TOML",
			path: "events/x.md",
			src:  "+++\ntitle = \"Forum\"\nstart = \"2021-10-07\"\n\nCorps.\n",
			want: "content/events/x.md:1: front matter opened with +++ is not closed: add a line +++ after the last key",
		},
		{
			name: "unclosed JSON followed by the body",
			path: "events/x.md",
			src:  "{\n  \"title\": \"Forum\",\n  \"start\": \"2021-10-07\"\n\nCorps.\n",
			want: "content/events/x.md:1: front matter opened with { is not closed: end the JSON object with } before line 5",
		},
		{
			name: "unclosed JSON after blank lines",
			path: "events/x.md",
			src:  "\n\n{\n  \"title\": \"Forum\",\n  \"start\": \"2021-10-07\"\nCorps.\n",
			want: "content/events/x.md:3: front matter opened with { is not closed: end the JSON object with } before line 6",
		},
		{
			name: "unclosed JSON to the end of the file",
			path: "events/x.md",
			src:  "{\n  \"title\": \"Forum\",\n  \"registration\": {\"url\": \"https://example.org/\"}\n",
			want: "content/events/x.md:1: front matter opened with { is not closed: end the JSON object with }",
		},
		{
			name: "unclosed JSON string",
			path: "events/x.md",
			src:  "{\"title\": \"Forum}\n\nCorps.\n",
			want: `content/events/x.md:1: JSON: invalid character '\n' in string literal`,
		},
		{
			name: "YAML syntax error on file line 4",
			path: "events/x.md",
			src:  "---\ntitle: Forum\nstart: \"2021-10-07\"\nlocation: Cité: salle A\n---\n",
			want: "content/events/x.md:4: YAML: mapping values are not allowed in this context",
		},
		{
			name: "YAML syntax error after blank lines",
			path: "events/x.md",
			src:  "\n\n---\ntitle: Forum\nstart: \"2021-10-07\"\nlocation: Cité: salle A\n---\n",
			want: "content/events/x.md:6: YAML: mapping values are not allowed in this context",
		},
		{
			name: "YAML tab indentation",
			path: "events/x.md",
			src:  "---\ntitle: Forum\nstart: \"2021-10-07\"\n\tlocation: Blois\n---\n",
			want: "content/events/x.md:4: YAML: found character that cannot start any token",
		},
		{
			// A parser (not scanner) error: yaml.v3 counts its lines from 0.
			name: "YAML text after a quoted value",
			path: "events/x.md",
			src:  "---\ntitle: Forum\nstart: \"2021-10-07\"\nlocation: \"Blois\" salle A\n---\n",
			want: "content/events/x.md:4: YAML: did not find expected key",
		},
		{
			name: "YAML unclosed list",
			path: "events/x.md",
			src:  "---\ntitle: Forum\nstart: \"2021-10-07\"\npartners: [cap-emploi, cio-41\n---\n",
			want: "content/events/x.md:4: YAML: did not find expected ',' or ']'",
		},
		{
			name: "YAML list instead of keys",
			path: "events/x.md",
			src:  "---\n- title\n- Forum\n---\n",
			want: "content/events/x.md:2: front matter must be a set of keys (key: value), not a list",
		},
		{
			name: "YAML key given twice",
			path: "events/x.md",
			src:  "---\ntitle: Forum\nstart: \"2021-10-07\"\ntitle: Forum des métiers\n---\n",
			want: `content/events/x.md:4: key "title" is given twice (first at line 2)`,
		},
		{
			name: "YAML alias to itself",
			path: "events/x.md",
			src:  "---\ntitle: Forum\nstart: \"2021-10-07\"\nparams: &p {a: *p}\n---\n",
			want: "content/events/x.md:4: YAML: alias *p refers to a value that contains it",
		},
		{
			name: "YAML alias bomb",
			path: "events/x.md",
			src: "---\ntitle: Forum\nstart: \"2021-10-07\"\nparams:\n" +
				"  a: &a [x, x, x, x, x, x, x, x, x, x]\n" +
				"  b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n" +
				"  c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n" +
				"  d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n" +
				"  e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n" +
				"  f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n" +
				"---\n",
			want: "content/events/x.md:8: YAML: too many values once aliases (*name) are expanded",
		},
		{
			name: "TOML syntax error",
			path: "events/x.md",
			src:  "+++\ntitle = \"Forum\"\nstart = \"2021-10-07\"\nlocation = Blois\n+++\n",
			want: `content/events/x.md:4: TOML: expected value but found "Blois" instead`,
		},
		{
			name: "TOML unterminated string",
			path: "events/x.md",
			src:  "+++\ntitle = \"Forum\nstart = \"2021-10-07\"\n+++\n",
			want: "content/events/x.md:2: TOML: strings cannot contain newlines",
		},
		{
			name: "JSON missing comma",
			path: "events/x.md",
			src:  "{\n  \"title\": \"Forum\"\n  \"start\": \"2021-10-07\"\n}\n\nCorps.\n",
			want: `content/events/x.md:3: JSON: invalid character '"' after object key:value pair`,
		},
		{
			name: "JSON trailing comma",
			path: "events/x.md",
			src:  "{\n  \"title\": \"Forum\",\n  \"start\": \"2021-10-07\",\n}\n\nCorps.\n",
			want: "content/events/x.md:4: JSON: invalid character '}' looking for beginning of object key string",
		},
		{
			name: "JSON key given twice",
			path: "events/x.md",
			src:  "{\n  \"title\": \"Forum\",\n  \"start\": \"2021-10-07\",\n  \"title\": \"Forum\"\n}\n\n",
			want: `content/events/x.md:4: key "title" is given twice`,
		},
		{
			name: "byte-order mark",
			path: "events/x.md",
			src:  "\ufeff---\ntitle: Forum\nstart: \"2021-10-07\"\n---\n",
			want: "content/events/x.md:1: file starts with a byte-order mark (BOM): save it as UTF-8 without BOM",
		},
		{
			name: "invalid UTF-8",
			path: "events/x.md",
			src:  "---\ntitle: Forum\nlocation: \"Cit\xe9\"\n---\n",
			want: "content/events/x.md:3: text is not valid UTF-8: save the file as UTF-8",
		},
		{
			name: "invalid UTF-8 in the body",
			path: "events/x.md",
			src:  "---\ntitle: Forum\nstart: \"2021-10-07\"\n---\n\nCit\xe9\n",
			want: "content/events/x.md:6: text is not valid UTF-8: save the file as UTF-8",
		},

		// Keys.
		{
			name: "unknown key titel",
			path: "events/x.md",
			src:  "---\ntitel: Forum\nstart: \"2021-10-07\"\n---\n",
			want: "content/events/x.md:2: missing required key \"title\"\n" +
				`content/events/x.md:2: unknown key "titel"; did you mean "title"?`,
		},
		{
			name: "unknown key in TOML",
			path: "events/x.md",
			src:  "+++\ntitle = \"Forum\"\nstart = \"2021-10-07\"\nlocaton = \"Blois\"\n+++\n",
			want: `content/events/x.md:4: unknown key "locaton"; did you mean "location"?`,
		},
		{
			name: "unknown key in JSON",
			path: "events/x.md",
			src:  "{\n  \"title\": \"Forum\",\n  \"start\": \"2021-10-07\",\n  \"statuts\": \"cancelled\"\n}\n\n",
			want: `content/events/x.md:4: unknown key "statuts"; did you mean "status"?`,
		},
		{
			name: "French key partenaire",
			path: "news/x.md",
			src:  "---\ntitle: Nouvelle\ndate: \"2021-10-07\"\npartenaire: cap-emploi\n---\n",
			want: "content/news/x.md:2: missing required key \"partner\"\n" +
				`content/news/x.md:4: unknown key "partenaire"; did you mean "partner"?`,
		},
		{
			name: "unknown key without a near one",
			path: "pages/x.md",
			src:  "---\ntitle: À propos\ncouleur: bleu\n---\n",
			want: `content/pages/x.md:3: unknown key "couleur" (known keys: title, menu, weight, draft, publish_private, params)`,
		},
		{
			name: "unknown nested key",
			path: "events/x.md",
			src:  "---\ntitle: Forum\nstart: \"2021-10-07\"\nregistration:\n  url: https://example.org/\n  dealine: \"2021-10-01\"\n---\n",
			want: `content/events/x.md:6: unknown key "registration.dealine"; did you mean "registration.deadline"?`,
		},
		{
			name: "unknown key in a slot",
			path: "events/x.md",
			src:  "---\ntitle: Forum\nstart: \"2021-10-07\"\nslots:\n  - {start: \"2021-10-07T09:00\", fin: \"2021-10-07T12:00\"}\n---\n",
			want: "content/events/x.md:5: missing required key \"slots[1].end\"\n" +
				`content/events/x.md:5: unknown key "slots[1].fin"; did you mean "slots[1].end"?`,
		},

		// Missing required keys, for each kind. The line is that of the
		// front matter's first key (YAML, TOML) or its "{" (JSON).
		{
			name: "settings without title",
			path: "_index.md",
			src:  "---\ndescription: Le réseau\n---\n",
			want: `content/_index.md:2: missing required key "title"`,
		},
		{
			name: "partner without title",
			path: "partners/x.md",
			src:  "---\nshort: CIO\n---\n",
			want: `content/partners/x.md:2: missing required key "title"`,
		},
		{
			name: "minutes without title and date",
			path: "minutes/2021-09-23.md",
			src:  "---\nplace: Blois\n---\n",
			want: "content/minutes/2021-09-23.md:2: missing required key \"date\"\n" +
				`content/minutes/2021-09-23.md:2: missing required key "title"`,
		},
		{
			name: "news without anything",
			path: "news/x.md",
			src:  "---\n---\n",
			want: "content/news/x.md:2: missing required key \"date\"\n" +
				"content/news/x.md:2: missing required key \"partner\"\n" +
				`content/news/x.md:2: missing required key "title"`,
		},
		{
			name: "event without start in TOML",
			path: "events/x.md",
			src:  "+++\n# Forum\ntitle = \"Forum\"\n+++\n",
			want: `content/events/x.md:2: missing required key "start"`,
		},
		{
			name: "event without title in JSON",
			path: "events/x.md",
			src:  "{\n  \"start\": \"2021-10-07\"\n}\n\n",
			want: `content/events/x.md:1: missing required key "title"`,
		},
		{
			name: "page without title",
			path: "pages/x.md",
			src:  "---\nmenu: footer\n---\n",
			want: `content/pages/x.md:2: missing required key "title"`,
		},
		{
			name: "empty required key counts as absent",
			path: "news/x.md",
			src:  "---\ntitle: Nouvelle\ndate: \"2021-10-07\"\npartner: \"\"\n---\n",
			want: `content/news/x.md:2: missing required key "partner"`,
		},
		{
			name: "registration without url",
			path: "events/x.md",
			src:  "---\ntitle: Forum\nstart: \"2021-10-07\"\nregistration:\n  deadline: \"2021-10-01\"\n---\n",
			want: `content/events/x.md:5: missing required key "registration.url"`,
		},

		// Dates.
		{
			name: "impossible date",
			path: "minutes/2021-09-23.md",
			src:  "---\ntitle: Réunion\ndate: \"2021-13-45\"\n---\n",
			want: `content/minutes/2021-09-23.md:3: date: invalid date "2021-13-45": month 13 does not exist`,
		},
		{
			name: "February 30",
			path: "events/x.md",
			src:  "---\ntitle: Forum\nstart: 2021-02-30\n---\n",
			want: `content/events/x.md:3: start: invalid date "2021-02-30": February 2021 has 28 days`,
		},
		{
			name: "not a date",
			path: "news/x.md",
			src:  "---\ntitle: Nouvelle\ndate: le 7 octobre\npartner: cap-emploi\n---\n",
			want: `content/news/x.md:3: date: invalid date "le 7 octobre": write it as 2021-10-07, or 2021-10-07T09:00 for a time`,
		},
		{
			name: "minutes date with a time",
			path: "minutes/2021-09-23.md",
			src:  "---\ntitle: Réunion\ndate: \"2021-09-23T14:00\"\n---\n",
			want: "content/minutes/2021-09-23.md:3: date must be a day such as 2021-09-23, without a time",
		},
		{
			name: "slot with a day",
			path: "events/x.md",
			src:  "---\ntitle: Forum\nstart: \"2021-10-07\"\nslots:\n  - start: \"2021-10-07\"\n    end: \"2021-10-07T12:00\"\n---\n",
			want: "content/events/x.md:5: slots[1].start must be a date and time such as 2021-10-07T09:00",
		},
		{
			name: "end before start",
			path: "events/x.md",
			src:  "---\ntitle: Forum\nstart: \"2021-10-07\"\nend: \"2021-10-06\"\n---\n",
			want: "content/events/x.md:4: end 2021-10-06 is before start 2021-10-07",
		},
		{
			name: "end before start, times",
			path: "events/x.md",
			src:  "+++\ntitle = \"Forum\"\nstart = 2021-10-07T14:00:00\nend = 2021-10-07T09:30:00\n+++\n",
			want: "content/events/x.md:4: end 2021-10-07T09:30 is before start 2021-10-07T14:00",
		},
		{
			name: "end a time, start a day",
			path: "events/x.md",
			src:  "---\ntitle: Forum\nstart: \"2021-10-07\"\nend: \"2021-10-08T17:00\"\n---\n",
			want: "content/events/x.md:4: end 2021-10-08T17:00 must be a day, like start 2021-10-07",
		},
		{
			name: "end a day, start a time",
			path: "events/x.md",
			src:  "{\n  \"title\": \"Forum\",\n  \"start\": \"2021-10-07T09:00\",\n  \"end\": \"2021-10-08\"\n}\n\n",
			want: "content/events/x.md:4: end 2021-10-08 must be a date and time, like start 2021-10-07T09:00",
		},
		{
			name: "slot outside the event's days",
			path: "events/x.md",
			src: "---\ntitle: Forum\nstart: \"2021-10-07\"\nend: \"2021-10-08\"\nslots:\n" +
				"  - {start: \"2021-10-07T09:00\", end: \"2021-10-07T12:00\"}\n" +
				"  - {start: \"2021-10-09T09:00\", end: \"2021-10-09T12:00\"}\n---\n",
			want: "content/events/x.md:7: slots[2]: 2021-10-09T09:00 – 2021-10-09T12:00 is outside the event's days (start 2021-10-07, end 2021-10-08)",
		},
		{
			name: "slot before a timed start's day",
			path: "events/x.md",
			src:  "---\ntitle: Forum\nstart: \"2021-10-07T09:00\"\nslots:\n  - {start: \"2021-10-06T09:00\", end: \"2021-10-06T12:00\"}\n---\n",
			want: "content/events/x.md:5: slots[1]: 2021-10-06T09:00 – 2021-10-06T12:00 is outside the event's days (start 2021-10-07T09:00)",
		},
		{
			name: "slot end not after start",
			path: "events/x.md",
			src:  "---\ntitle: Forum\nstart: \"2021-10-07\"\nslots:\n  - {start: \"2021-10-07T14:00\", end: \"2021-10-07T14:00\"}\n---\n",
			want: "content/events/x.md:5: slots[1]: end 2021-10-07T14:00 is not after start 2021-10-07T14:00",
		},
		{
			name: "time that does not exist",
			path: "events/x.md",
			src:  "---\ntitle: Forum\nstart: \"2022-03-27T02:30\"\n---\n",
			want: `content/events/x.md:3: start: time "2022-03-27T02:30" does not exist in Europe/Paris (the clocks go forward that night)`,
		},
		{
			name: "TOML local time without a day",
			path: "events/x.md",
			src:  "+++\ntitle = \"Forum\"\nstart = 09:00:00\n+++\n",
			want: `content/events/x.md:3: start: invalid date "09:00:00": write it as 2021-10-07, or 2021-10-07T09:00 for a time`,
		},
		{
			name: "TOML fraction of a second",
			path: "events/x.md",
			src:  "+++\ntitle = \"Forum\"\nstart = 2021-10-07T09:00:00.5\n+++\n",
			want: `content/events/x.md:3: start: invalid date "2021-10-07T09:00:00.5": fractions of a second are not supported`,
		},

		// Values of the wrong kind.
		{
			name: "draft yes",
			path: "pages/x.md",
			src:  "---\ntitle: À propos\ndraft: \"yes\"\n---\n",
			want: `content/pages/x.md:3: draft must be true or false, not the text "yes"`,
		},
		{
			name: "draft quoted true",
			path: "pages/x.md",
			src:  "---\ntitle: À propos\ndraft: \"true\"\n---\n",
			want: `content/pages/x.md:3: draft must be true or false, not the text "true" (remove the quotes)`,
		},
		{
			name: "weight abc",
			path: "pages/x.md",
			src:  "---\ntitle: À propos\nweight: abc\n---\n",
			want: `content/pages/x.md:3: weight must be a whole number, not the text "abc"`,
		},
		{
			name: "weight with a fraction",
			path: "pages/x.md",
			src:  "+++\ntitle = \"À propos\"\nweight = 1.5\n+++\n",
			want: `content/pages/x.md:3: weight must be a whole number, not 1.5`,
		},
		{
			name: "weight quoted",
			path: "pages/x.md",
			src:  "{\n  \"title\": \"À propos\",\n  \"weight\": \"2\"\n}\n\n",
			want: `content/pages/x.md:3: weight must be a whole number, not the text "2" (remove the quotes)`,
		},
		{
			name: "partners not a list",
			path: "events/x.md",
			src:  "---\ntitle: Forum\nstart: \"2021-10-07\"\npartners: \"x\"\n---\n",
			want: `content/events/x.md:4: partners must be a list such as [a, b], not the text "x"`,
		},
		{
			name: "partners item not a text",
			path: "events/x.md",
			src:  "---\ntitle: Forum\nstart: \"2021-10-07\"\npartners:\n  - cap-emploi\n  - {slug: cio-41}\n---\n",
			want: "content/events/x.md:6: partners: each item must be a text",
		},
		{
			name: "title a list",
			path: "partners/x.md",
			src:  "---\ntitle: [Cap, emploi]\n---\n",
			want: "content/partners/x.md:2: title must be text, not a list",
		},
		{
			name: "start a boolean",
			path: "events/x.md",
			src:  "---\ntitle: Forum\nstart: true\n---\n",
			want: "content/events/x.md:3: start must be a date such as 2021-10-07 or 2021-10-07T09:00, not true",
		},
		{
			name: "slots not a list",
			path: "events/x.md",
			src:  "---\ntitle: Forum\nstart: \"2021-10-07\"\nslots: \"9h-12h\"\n---\n",
			want: `content/events/x.md:4: slots must be a list of {start, end}, not the text "9h-12h"`,
		},
		{
			name: "registration a text",
			path: "events/x.md",
			src:  "---\ntitle: Forum\nstart: \"2021-10-07\"\nregistration: https://example.org/\n---\n",
			want: `content/events/x.md:4: registration must be a set of keys, not the text "https://example.org/"`,
		},
		{
			name: "params a list",
			path: "pages/x.md",
			src:  "---\ntitle: À propos\nparams: [a, b]\n---\n",
			want: "content/pages/x.md:3: params must be a set of keys, not a list",
		},
		{
			name: "status typo",
			path: "events/x.md",
			src:  "---\ntitle: Forum\nstart: \"2021-10-07\"\nstatus: canceled\n---\n",
			want: `content/events/x.md:4: status must be one of "scheduled", "cancelled", "postponed", not "canceled"; did you mean "cancelled"?`,
		},
		{
			name: "menu unknown",
			path: "pages/x.md",
			src:  "---\ntitle: À propos\nmenu: header\n---\n",
			want: `content/pages/x.md:3: menu must be one of "main", "footer", not "header"`,
		},

		// Addresses.
		{
			name: "website without scheme",
			path: "partners/x.md",
			src:  "---\ntitle: Cap emploi\nwebsite: www.x.fr\n---\n",
			want: `content/partners/x.md:3: website must be an absolute address such as https://example.org/, not "www.x.fr"; did you mean "https://www.x.fr"?`,
		},
		{
			name: "website relative",
			path: "partners/x.md",
			src:  "---\ntitle: Cap emploi\nwebsite: /partenaires/\n---\n",
			want: `content/partners/x.md:3: website must be an absolute address such as https://example.org/, not "/partenaires/"`,
		},
		{
			name: "registration url javascript",
			path: "events/x.md",
			src:  "---\ntitle: Forum\nstart: \"2021-10-07\"\nregistration:\n  url: \"javascript:alert(1)\"\n---\n",
			want: `content/events/x.md:5: registration.url: the "javascript" scheme is not allowed (use https, http, mailto or tel)`,
		},
		{
			name: "online mailto",
			path: "events/x.md",
			src:  "---\ntitle: Forum\nstart: \"2021-10-07\"\nonline: \"mailto:forum@example.org\"\n---\n",
			want: `content/events/x.md:4: online: the "mailto" scheme is not allowed (use https or http)`,
		},

		// Settings.
		{
			name: "unknown timezone",
			path: "_index.md",
			src:  "---\ntitle: SPRO 41\ntimezone: Europe/Pari\n---\n",
			want: `content/_index.md:3: unknown time zone "Europe/Pari" (write an IANA name such as "Europe/Paris")`,
		},
		{
			name: "timezone Local",
			path: "_index.md",
			src:  "---\ntitle: SPRO 41\ntimezone: Local\n---\n",
			want: `content/_index.md:3: unknown time zone "Local" (write an IANA name such as "Europe/Paris")`,
		},
		{
			name: "settings base_url without scheme",
			path: "_index.md",
			src:  "---\ntitle: SPRO 41\nbase_url: spro41.netlify.app\n---\n",
			want: `content/_index.md:3: base_url must be an absolute address such as https://example.org/, not "spro41.netlify.app"; did you mean "https://spro41.netlify.app"?`,
		},
		{
			name: "newsletter recipient not an address",
			path: "_index.md",
			src:  "---\ntitle: SPRO 41\nnewsletter:\n  from: spro41@example.org\n  to:\n    - cio@example.org\n    - Mission locale, ml@example.org\n---\n",
			want: `content/_index.md:7: newsletter.to: "Mission locale, ml@example.org" is not an e-mail address such as "Nom <nom@example.org>"`,
		},
		{
			name: "newsletter from not an address",
			path: "_index.md",
			src:  "+++\ntitle = \"SPRO 41\"\n[newsletter]\nfrom = \"SPRO 41\"\n+++\n",
			want: `content/_index.md:4: newsletter.from: "SPRO 41" is not an e-mail address such as "Nom <nom@example.org>"`,
		},
		{
			name: "newsletter to as one text",
			path: "_index.md",
			src:  "---\ntitle: SPRO 41\nnewsletter:\n  to: cio@example.org\n---\n",
			want: `content/_index.md:4: newsletter.to must be a list such as [a, b], not the text "cio@example.org"`,
		},
		{
			name: "newsletter unknown key",
			path: "_index.md",
			src:  "---\ntitle: SPRO 41\nnewsletter:\n  cc: [cio@example.org]\n---\n",
			want: `content/_index.md:4: unknown key "newsletter.cc" (known keys: from, reply_to, to)`,
		},
		{
			name: "settings unknown key",
			path: "_index.md",
			src:  "---\ntitle: SPRO 41\nlangue: fr\n---\n",
			want: `content/_index.md:3: unknown key "langue"; did you mean "language"?`,
		},

		// Files and folders.
		{
			name: "sub-folder in partners",
			path: "partners/anciens/x.md",
			src:  "---\ntitle: Cap emploi\n---\n",
			want: "content/partners/anciens: partners/ cannot have sub-folders: move its files up into content/partners/",
		},
		{
			name: "sub-folder in pages",
			path: "pages/legal/x.md",
			src:  "---\ntitle: Mentions\n---\n",
			want: "content/pages/legal: pages/ cannot have sub-folders: move its files up into content/pages/",
		},
		{
			name: "not a Markdown file",
			path: "events/affiche.pdf",
			src:  "%PDF-1.4",
			want: "content/events/affiche.pdf: warning: not a Markdown file (.md); it is ignored (files to publish as they are go in static/)",
		},
		{
			name: "file outside the sections",
			path: "notes.md",
			src:  "---\ntitle: Notes\n---\n",
			want: "content/notes.md: warning: file is not part of the content model: put it in one of events/, minutes/, news/, pages/, partners/",
		},
		{
			name: "folder outside the sections",
			path: "blog/x.md",
			src:  "---\ntitle: Billet\n---\n",
			want: "content/blog: warning: folder is not part of the content model (events/, minutes/, news/, pages/, partners/); it is ignored",
		},
		{
			name: "editor files are ignored",
			path: "events/.x.md.swp",
			src:  "\x00\x01",
			want: "",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, errs := content.Load(newSite(map[string]string{tt.path: tt.src}))
			if got := report(errs); got != tt.want {
				t.Errorf("Load %s:\n%s\nhave:\n%s\nwant:\n%s", tt.path, tt.src, got, tt.want)
			}
		})
	}
}

// TestLoadWithoutSettings checks the problems that leave no tree at all.
func TestLoadWithoutSettings(t *testing.T) {
	tests := []struct {
		name string
		fsys fstest.MapFS
		want string
	}{
		{
			name: "no content folder",
			fsys: fstest.MapFS{"README.md": {Data: []byte("# Site\n")}},
			want: "no content/ folder here: run relais in the site's folder, or give it with --src",
		},
		{
			name: "no _index.md",
			fsys: fstest.MapFS{"content/events/x.md": {Data: []byte("---\ntitle: x\n---\n")}},
			want: "content/_index.md: file is missing: every site needs content/_index.md with at least a title",
		},
		{
			name: "_index.md without front matter",
			fsys: fstest.MapFS{"content/_index.md": {Data: []byte("# SPRO 41\n")}},
			want: "content/_index.md:1: no front matter: the file must start with --- on its own line, then keys such as title: ..., then --- again",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tree, errs := content.Load(tt.fsys)
			if tree != nil {
				t.Errorf("Load returned a tree")
			}
			if got := report(errs); got != tt.want {
				t.Errorf("have:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}

// TestLoadReportsAllFiles checks that one pass reports the mistakes of every
// file, sorted by file and line, and still returns the good files.
func TestLoadReportsAllFiles(t *testing.T) {
	fsys := newSite(map[string]string{
		"events/b.md": "---\ntitle: B\nstart: \"2021-10-07\"\nend: \"2021-10-06\"\nlieu: Blois\n---\n",
		"events/a.md": "---\ntitle: A\n---\n",
		"events/c.md": "---\ntitle: C\nstart: \"2021-10-07\"\n---\n",
		"news/n.md":   "---\ntitle: N\ndate: \"2021-10-07\"\npartner: cap-emploi\ndraft: oui\n---\n",
	})
	tree, errs := content.Load(fsys)
	want := strings.Join([]string{
		`content/events/a.md:2: missing required key "start"`,
		`content/events/b.md:4: end 2021-10-06 is before start 2021-10-07`,
		`content/events/b.md:5: unknown key "lieu"; did you mean "location"?`,
		`content/news/n.md:5: draft must be true or false, not the text "oui"`,
	}, "\n")
	if got := report(errs); got != want {
		t.Errorf("have:\n%s\nwant:\n%s", got, want)
	}
	if err := errs.Err(); err == nil || err.Error() != want {
		t.Errorf("Err() = %v, want the same sorted report", err)
	}
	var slugs []string
	for _, e := range tree.Events {
		slugs = append(slugs, e.Slug)
	}
	if want := []string{"a", "b", "c"}; !slices.Equal(slugs, want) {
		t.Errorf("events %v, want %v", slugs, want)
	}
}

// TestLoadWarningsDoNotFail checks that warnings are not fatal.
func TestLoadWarningsDoNotFail(t *testing.T) {
	_, errs := content.Load(newSite(map[string]string{
		"events/affiche.pdf": "%PDF",
		"events/x.md":        "---\ntitle: Forum\nstart: \"2021-10-07\"\n---\n",
	}))
	if len(errs.Warnings()) != 1 || errs.Err() != nil {
		t.Errorf("have %q, want one warning and no error", report(errs))
	}
}

// describe writes out every field of an event (but its Doc), so that events
// read from different syntaxes can be compared and their differences shown.
func describe(e *content.Event) string {
	var b strings.Builder
	dv := func(v date.Value) string {
		switch {
		case v.IsZero():
			return "-"
		case v.IsDay():
			return v.String() + " (day)"
		}
		return v.Time().Format(time.RFC3339) + " " + v.Time().Location().String()
	}
	fmt.Fprintf(&b, "title: %q\nstart: %s\nend: %s\n", e.Title, dv(e.Start), dv(e.End))
	for _, s := range e.Slots {
		fmt.Fprintf(&b, "slot: %s – %s\n", dv(s.Start), dv(s.End))
	}
	fmt.Fprintf(&b, "location: %q\nonline: %q\norganizer: %q\npartners: %q\n", e.Location, e.Online, e.Organizer, e.Partners)
	if r := e.Registration; r != nil {
		fmt.Fprintf(&b, "registration: %q until %s\n", r.URL, dv(r.Deadline))
	}
	// Each file has a blank line after its front matter, which the body
	// starts with in YAML and TOML as in JSON: compare bodies without it.
	fmt.Fprintf(&b, "status: %s\ndate: %s\nminutes: %q\ndraft: %t\nparams: %v\nbody: %q\n",
		e.Status, dv(e.Date), e.Minutes, e.Draft, e.Params, strings.TrimLeft(string(e.Body), "\n"))
	return b.String()
}

// TestLoadSameEventInEachSyntax checks that YAML, TOML and JSON front matter
// give the same event, whether dates are quoted or not.
func TestLoadSameEventInEachSyntax(t *testing.T) {
	files := map[string]string{
		"events/yaml.md": `---
title: "Hackathon « Hack ton orientation »"
start: 2021-10-07
end: "2021-10-08"
slots:
  - start: 2021-10-08T14:00
    end: "2021-10-08 17:00"
  - {start: "2021-10-07T09:00:00", end: "2021-10-07T12:00"}
location: "Cité de l'innovation, Chartres"
online: https://visio.example.org/hack
organizer: spro-28
partners: [cap-emploi, cio-41]
registration:
  url: https://www.weezevent.com/hack
  deadline: 2021-10-01
status: postponed
date: 2021-09-23
minutes: "2021-09-23"
draft: true
params:
  image: hack.png
  places: 40
---

Corps.
`,
		"events/toml.md": `+++
title = "Hackathon « Hack ton orientation »"
start = 2021-10-07
end = "2021-10-08"
location = "Cité de l'innovation, Chartres"
online = "https://visio.example.org/hack"
organizer = "spro-28"
partners = ["cap-emploi", "cio-41"]
status = "postponed"
date = 2021-09-23
minutes = "2021-09-23"
draft = true

[[slots]]
start = 2021-10-08T14:00:00
end = "2021-10-08 17:00"

[[slots]]
start = 2021-10-07T09:00:00
end = 2021-10-07T12:00

[registration]
url = "https://www.weezevent.com/hack"
deadline = 2021-10-01

[params]
image = "hack.png"
places = 40
+++

Corps.
`,
		"events/json.md": `{
  "title": "Hackathon « Hack ton orientation »",
  "start": "2021-10-07",
  "end": "2021-10-08",
  "slots": [
    {"start": "2021-10-08T14:00", "end": "2021-10-08 17:00"},
    {"start": "2021-10-07T09:00:00", "end": "2021-10-07T12:00"}
  ],
  "location": "Cité de l'innovation, Chartres",
  "online": "https://visio.example.org/hack",
  "organizer": "spro-28",
  "partners": ["cap-emploi", "cio-41"],
  "registration": {"url": "https://www.weezevent.com/hack", "deadline": "2021-10-01"},
  "status": "postponed",
  "date": "2021-09-23",
  "minutes": "2021-09-23",
  "draft": true,
  "params": {"image": "hack.png", "places": 40}
}

Corps.
`,
	}
	tree := load(t, files)
	if len(tree.Events) != 3 {
		t.Fatalf("%d events, want 3", len(tree.Events))
	}
	want := `title: "Hackathon « Hack ton orientation »"
start: 2021-10-07 (day)
end: 2021-10-08 (day)
slot: 2021-10-07T09:00:00+02:00 Europe/Paris – 2021-10-07T12:00:00+02:00 Europe/Paris
slot: 2021-10-08T14:00:00+02:00 Europe/Paris – 2021-10-08T17:00:00+02:00 Europe/Paris
location: "Cité de l'innovation, Chartres"
online: "https://visio.example.org/hack"
organizer: "spro-28"
partners: ["cap-emploi" "cio-41"]
registration: "https://www.weezevent.com/hack" until 2021-10-01 (day)
status: postponed
date: 2021-09-23 (day)
minutes: "2021-09-23"
draft: true
params: map[image:hack.png places:40]
body: "Corps.\n"
`
	for _, e := range tree.Events {
		if got := describe(e); got != want {
			t.Errorf("%s:\nhave:\n%s\nwant:\n%s", e.Path, got, want)
		}
	}
	// The params keep their types: templates compare numbers.
	for _, e := range tree.Events {
		if want := map[string]any{"image": "hack.png", "places": int64(40)}; !reflect.DeepEqual(e.Params, want) {
			t.Errorf("%s: params %#v, want %#v", e.Path, e.Params, want)
		}
	}
}

// TestLoadDates checks that dates are read in the site's zone, as days or as
// local times, whatever the syntax and the quoting.
func TestLoadDates(t *testing.T) {
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	day := func(y, m, d int) string {
		return time.Date(y, time.Month(m), d, 0, 0, 0, 0, paris).Format(time.RFC3339) + " day"
	}
	at := func(y, m, d, hh, mm int) string {
		return time.Date(y, time.Month(m), d, hh, mm, 0, 0, paris).Format(time.RFC3339)
	}
	tests := []struct {
		name string
		src  string
		want string
	}{
		{"YAML quoted day", "---\ntitle: x\nstart: \"2021-10-07\"\n---\n", day(2021, 10, 7)},
		{"YAML unquoted day", "---\ntitle: x\nstart: 2021-10-07\n---\n", day(2021, 10, 7)},
		{"YAML unquoted time", "---\ntitle: x\nstart: 2021-10-07T09:00\n---\n", at(2021, 10, 7, 9, 0)},
		{"YAML unquoted time with a space", "---\ntitle: x\nstart: 2021-10-07 09:00\n---\n", at(2021, 10, 7, 9, 0)},
		{"YAML unquoted time with seconds", "---\ntitle: x\nstart: 2021-10-07T09:00:00\n---\n", at(2021, 10, 7, 9, 0)},
		{"YAML offset", "---\ntitle: x\nstart: 2021-10-07T07:00:00Z\n---\n", at(2021, 10, 7, 9, 0)},
		{"TOML unquoted day", "+++\ntitle = \"x\"\nstart = 2021-10-07\n+++\n", day(2021, 10, 7)},
		{"TOML unquoted time", "+++\ntitle = \"x\"\nstart = 2021-10-07T09:00:00\n+++\n", at(2021, 10, 7, 9, 0)},
		{"TOML unquoted time without seconds", "+++\ntitle = \"x\"\nstart = 2021-10-07T09:00\n+++\n", at(2021, 10, 7, 9, 0)},
		{"TOML unquoted time with a space", "+++\ntitle = \"x\"\nstart = 2021-10-07 09:00:00\n+++\n", at(2021, 10, 7, 9, 0)},
		{"TOML offset", "+++\ntitle = \"x\"\nstart = 2021-10-07T09:00:00+02:00\n+++\n", at(2021, 10, 7, 9, 0)},
		{"TOML quoted time", "+++\ntitle = \"x\"\nstart = \"2021-10-07T09:00\"\n+++\n", at(2021, 10, 7, 9, 0)},
		{"JSON day", "{\n\"title\": \"x\",\n\"start\": \"2021-10-07\"\n}\n\n", day(2021, 10, 7)},
		{"JSON time", "{\n\"title\": \"x\",\n\"start\": \"2021-10-07T09:00\"\n}\n\n", at(2021, 10, 7, 9, 0)},
		{"winter time", "---\ntitle: x\nstart: 2021-12-02T09:00\n---\n", at(2021, 12, 2, 9, 0)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tree := load(t, map[string]string{"events/x.md": tt.src})
			s := tree.Events[0].Start
			got := s.Time().Format(time.RFC3339)
			if s.IsDay() {
				got += " day"
			}
			if got != tt.want {
				t.Errorf("start = %s, want %s", got, tt.want)
			}
			if loc := s.Time().Location(); loc.String() != "Europe/Paris" {
				t.Errorf("start in %s, want Europe/Paris", loc)
			}
		})
	}
}

// TestLoadSiteZone checks that the settings' zone applies to every date.
func TestLoadSiteZone(t *testing.T) {
	tree, errs := content.Load(newSite(map[string]string{
		"_index.md":   "---\ntitle: Réseau\ntimezone: America/Cayenne\n---\n",
		"events/x.md": "+++\ntitle = \"x\"\nstart = 2021-10-07T09:00:00\n+++\n",
	}))
	if len(errs) > 0 {
		t.Fatal(report(errs))
	}
	if got, want := tree.Events[0].Start.Time().Format(time.RFC3339), "2021-10-07T09:00:00-03:00"; got != want {
		t.Errorf("start = %s, want %s", got, want)
	}
}

// TestLoadEmptyValuesAreAbsent checks that cleared fields, as Git-based
// editors write them, count as absent.
func TestLoadEmptyValuesAreAbsent(t *testing.T) {
	tests := []struct {
		name string
		src  string
	}{
		{"YAML", `---
title: Forum
start: "2021-10-07"
end: null
slots: []
location: ""
online: ""
organizer: "  "
partners: []
registration: {url: "", deadline: ""}
status: ""
date: ~
minutes:
draft: null
params: {}
---
`},
		{"TOML", `+++
title = "Forum"
start = "2021-10-07"
location = ""
partners = []
status = ""
[registration]
url = ""
deadline = ""
+++
`},
		{"JSON", `{
  "title": "Forum",
  "start": "2021-10-07",
  "end": null,
  "location": "",
  "partners": [],
  "registration": {"url": "", "deadline": ""},
  "draft": null,
  "params": null
}

`},
	}
	want := `title: "Forum"
start: 2021-10-07 (day)
end: -
location: ""
online: ""
organizer: ""
partners: []
status: scheduled
date: -
minutes: ""
draft: false
params: map[]
body: ""
`
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tree := load(t, map[string]string{"events/x.md": tt.src})
			e := tree.Events[0]
			if got := describe(e); got != want {
				t.Errorf("have:\n%s\nwant:\n%s", got, want)
			}
			if e.Registration != nil || e.Slots != nil || e.Partners != nil || e.Params != nil {
				t.Errorf("registration %v, slots %v, partners %v, params %v: want nil", e.Registration, e.Slots, e.Partners, e.Params)
			}
		})
	}
}

// TestLoadDefaults checks the values given to absent optional keys.
func TestLoadDefaults(t *testing.T) {
	tree := load(t, map[string]string{
		"pages/a-propos.md": "---\ntitle: À propos\n---\n",
	})
	s := tree.Settings
	if s.Title != "SPRO 41" || s.Language != "fr" || s.Timezone != "Europe/Paris" || s.Location.String() != "Europe/Paris" || s.UnsafeHTML || s.BaseURL != "" {
		t.Errorf("settings = %+v", *s)
	}
	if got := string(s.Body); got != "\nLe réseau.\n" {
		t.Errorf("settings body = %q", got)
	}
	p := tree.Pages[0]
	if p.Title != "À propos" || p.Menu != "" || p.Weight != 0 || p.Draft || p.Slug != "a-propos" || p.Path != "content/pages/a-propos.md" {
		t.Errorf("page = %+v", *p)
	}
}

// TestLoadEachKind checks the fields of every kind of document.
func TestLoadEachKind(t *testing.T) {
	tree := load(t, map[string]string{
		"_index.md":               "---\ntitle: SPRO 41\ndescription: Le réseau\nlanguage: fr-FR\ntimezone: Europe/Paris\nbase_url: https://spro41.example.org/\nunsafe_html: true\nnewsletter:\n  from: \"SPRO 41 <spro41@example.org>\"\n  to: [cio@example.org, \"Cap emploi <ce@example.org>\"]\n  reply_to: coord@example.org\n---\nIntro\n",
		"partners/cap-emploi.md":  "---\ntitle: Cap emploi\nshort: CE\nwebsite: https://www.capemploi.example/\n---\n",
		"minutes/2021-09-23.md":   "---\ntitle: Réunion départementale\ndate: 2021-09-23\nplace: Blois\n---\n",
		"news/2021/nouvelle.md":   "---\ntitle: Nouvelle\ndate: 2021-09-24T10:00\npartner: cap-emploi\nminutes: 2021-09-23\n---\n",
		"pages/mentions.md":       "---\ntitle: Mentions légales\nmenu: footer\nweight: -2\n---\n",
		"events/2021/10/forum.md": "---\ntitle: Forum\nstart: 2021-10-07\n---\n",
	})
	s := tree.Settings
	if s.Description != "Le réseau" || s.Language != "fr-FR" || s.BaseURL != "https://spro41.example.org/" || !s.UnsafeHTML {
		t.Errorf("settings = %+v", *s)
	}
	if n := s.Newsletter; n == nil || n.From != "SPRO 41 <spro41@example.org>" || strings.Join(n.To, "|") != "cio@example.org|Cap emploi <ce@example.org>" || n.ReplyTo != "coord@example.org" {
		t.Errorf("newsletter = %+v", s.Newsletter)
	}
	if p := tree.Partners[0]; p.Title != "Cap emploi" || p.Short != "CE" || p.Website != "https://www.capemploi.example/" || p.Slug != "cap-emploi" {
		t.Errorf("partner = %+v", *p)
	}
	if m := tree.Minutes[0]; m.Title != "Réunion départementale" || m.Date.String() != "2021-09-23" || !m.Date.IsDay() || m.Place != "Blois" || m.Slug != "2021-09-23" {
		t.Errorf("minutes = %+v", *m)
	}
	if n := tree.News[0]; n.Title != "Nouvelle" || n.Date.String() != "2021-09-24T10:00" || n.Partner != "cap-emploi" || n.Minutes != "2021-09-23" || n.Slug != "nouvelle" || n.Path != "content/news/2021/nouvelle.md" {
		t.Errorf("news = %+v", *n)
	}
	if p := tree.Pages[0]; p.Title != "Mentions légales" || p.Menu != "footer" || p.Weight != -2 {
		t.Errorf("page = %+v", *p)
	}
	// Sub-folders are allowed in events/, at any depth; the slug is the base name.
	if e := tree.Events[0]; e.Slug != "forum" || e.Path != "content/events/2021/10/forum.md" || e.Status != content.Scheduled {
		t.Errorf("event = %+v", *e)
	}
}

// TestLoadSortsByPath checks that each section is sorted by path, whatever
// the order of the folder listing.
func TestLoadSortsByPath(t *testing.T) {
	ev := "---\ntitle: x\nstart: 2021-10-07\n---\n"
	tree := load(t, map[string]string{
		"events/b.md": ev, "events/2021/z.md": ev, "events/a.md": ev, "events/a/c.md": ev,
	})
	var paths []string
	for _, e := range tree.Events {
		paths = append(paths, e.Path)
	}
	want := []string{"content/events/2021/z.md", "content/events/a.md", "content/events/a/c.md", "content/events/b.md"}
	if !slices.Equal(paths, want) {
		t.Errorf("paths %q, want %q", paths, want)
	}
}

// TestLoadParams checks that params are free-form and reach Doc.Params with
// plain Go values.
func TestLoadParams(t *testing.T) {
	tree := load(t, map[string]string{
		"pages/a.md": `---
title: À propos
params:
  image: logo.png
  Couleur: bleu
  ratio: 1.5
  show: true
  tags: [a, 2]
  nested: {deep: {deeper: x}}
  none: null
---
`,
	})
	want := map[string]any{
		"image": "logo.png", "Couleur": "bleu", "ratio": 1.5, "show": true,
		"tags":   []any{"a", int64(2)},
		"nested": map[string]any{"deep": map[string]any{"deeper": "x"}},
		"none":   nil,
	}
	if got := tree.Pages[0].Params; !reflect.DeepEqual(got, want) {
		t.Errorf("params:\nhave %#v\nwant %#v", got, want)
	}
}

// TestLoadLines checks Doc.Line and Doc.BodyLine in each syntax, with and
// without blank lines before the front matter.
func TestLoadLines(t *testing.T) {
	tests := []struct {
		name     string
		src      string
		lines    map[string]int
		bodyLine int
		body     string
	}{
		{
			name:     "YAML",
			src:      "---\ntitle: Forum\n# comment\nstart: \"2021-10-07\"\nregistration:\n  url: https://example.org/\n---\nCorps.\n",
			lines:    map[string]int{"title": 2, "start": 4, "registration": 5, "location": 1},
			bodyLine: 8,
			body:     "Corps.\n",
		},
		{
			name:     "YAML after blank lines",
			src:      "\n\n---\ntitle: Forum\nstart: \"2021-10-07\"\n---\n\nCorps.\n",
			lines:    map[string]int{"title": 4, "start": 5},
			bodyLine: 7,
			body:     "\nCorps.\n",
		},
		{
			name:     "YAML multi-line value",
			src:      "---\ntitle: >\n  Forum\n  des métiers\nstart: \"2021-10-07\"\n---\nCorps.\n",
			lines:    map[string]int{"title": 2, "start": 5},
			bodyLine: 7,
			body:     "Corps.\n",
		},
		{
			name:     "TOML",
			src:      "+++\n# comment\ntitle = \"Forum\"\n\nstart = \"2021-10-07\"\n\n[registration]\nurl = \"https://example.org/\"\n+++\nCorps.\n",
			lines:    map[string]int{"title": 3, "start": 5, "registration": 7},
			bodyLine: 10,
			body:     "Corps.\n",
		},
		{
			name:     "TOML after a blank line",
			src:      "\n+++\ntitle = \"Forum\"\nstart = \"2021-10-07\"\n+++\n\nCorps.\n",
			lines:    map[string]int{"title": 3, "start": 4},
			bodyLine: 6,
			body:     "\nCorps.\n",
		},
		// JSON front matter as Hugo reads it: the first JSON value of the
		// file, then the body, less one line break.
		{
			name:     "JSON",
			src:      "{\n  \"title\": \"Forum\",\n\n  \"start\": \"2021-10-07\"\n}\n\nCorps.\n",
			lines:    map[string]int{"title": 2, "start": 4},
			bodyLine: 6,
			body:     "\nCorps.\n",
		},
		{
			name:     "JSON after blank lines",
			src:      "\n\n{\n  \"title\": \"Forum\", \"start\": \"2021-10-07\"\n}\n\nCorps.\n",
			lines:    map[string]int{"title": 4, "start": 4},
			bodyLine: 6,
			body:     "\nCorps.\n",
		},
		{
			name:     "JSON without a blank line",
			src:      "{\n  \"title\": \"Forum\",\n  \"start\": \"2021-10-07\"\n}\nÀ partir du 1er mars, l'accueil…\n",
			lines:    map[string]int{"title": 2, "start": 3},
			bodyLine: 5,
			body:     "À partir du 1er mars, l'accueil…\n",
		},
		{
			name:     "JSON compact on one line",
			src:      "{\"title\":\"Forum\",\"start\":\"2021-10-07\"}\nCorps.\n",
			lines:    map[string]int{"title": 1, "start": 1},
			bodyLine: 2,
			body:     "Corps.\n",
		},
		{
			name:     "JSON with the body on the line of its }",
			src:      "{\"title\": \"Forum\", \"start\": \"2021-10-07\"} Corps.\nSuite.\n",
			lines:    map[string]int{"title": 1},
			bodyLine: 1,
			body:     " Corps.\nSuite.\n",
		},
		{
			name:     "JSON nested object",
			src:      "{\n  \"title\": \"Forum\",\n  \"registration\": {\n    \"url\": \"https://example.org/\"\n  },\n  \"start\": \"2021-10-07\"\n}\n## Programme\n",
			lines:    map[string]int{"title": 2, "registration": 3, "start": 6},
			bodyLine: 8,
			body:     "## Programme\n",
		},
		{
			name:     "JSON braces inside strings",
			src:      "{\"title\": \"Forum } {\", \"location\": \"{salle}\\n}\",\n\"start\": \"2021-10-07\"}\n}\n",
			lines:    map[string]int{"title": 1, "location": 1, "start": 2},
			bodyLine: 3,
			body:     "}\n",
		},
		{
			name:     "JSON escaped quotes",
			src:      "{\"title\": \"Le \\\"Forum\\\" }\",\n\"start\": \"2021-10-07\"\n}\nCorps.\n",
			lines:    map[string]int{"title": 1, "start": 2},
			bodyLine: 4,
			body:     "Corps.\n",
		},
		{
			name:     "JSON with CRLF",
			src:      "{\r\n  \"title\": \"Forum\",\r\n  \"start\": \"2021-10-07\"\r\n}\r\nCorps.\r\n",
			lines:    map[string]int{"title": 2, "start": 3},
			bodyLine: 5,
			body:     "Corps.\r\n",
		},
		{
			name:     "JSON without a body",
			src:      "{\"title\": \"Forum\", \"start\": \"2021-10-07\"}",
			lines:    map[string]int{"start": 1},
			bodyLine: 1,
			body:     "",
		},
		{
			name:     "CRLF",
			src:      "---\r\ntitle: Forum\r\nstart: \"2021-10-07\"\r\n---\r\nCorps.\r\n",
			lines:    map[string]int{"title": 2, "start": 3},
			bodyLine: 5,
			body:     "Corps.\r\n",
		},
		{
			name:     "no body",
			src:      "---\ntitle: Forum\nstart: \"2021-10-07\"\n---",
			lines:    map[string]int{"start": 3},
			bodyLine: 4,
			body:     "",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tree := load(t, map[string]string{"events/x.md": tt.src})
			e := tree.Events[0]
			for key, want := range tt.lines {
				if got := e.Line(key); got != want {
					t.Errorf("Line(%q) = %d, want %d", key, got, want)
				}
			}
			if e.BodyLine != tt.bodyLine || string(e.Body) != tt.body {
				t.Errorf("body %q at line %d, want %q at line %d", e.Body, e.BodyLine, tt.body, tt.bodyLine)
			}
		})
	}
}

// TestLoadTOMLSlotLines checks that a mistake in the second [[slots]] table
// points at that table, and not at the first one.
func TestLoadTOMLSlotLines(t *testing.T) {
	src := `+++
title = "Forum"
start = 2021-10-07

[[slots]]
start = 2021-10-07T09:00:00
end = 2021-10-07T12:00:00

[[slots]]
start = 2021-10-07T14:00:00
end = 2021-10-07T14:00:00
+++
`
	_, errs := content.Load(newSite(map[string]string{"events/x.md": src}))
	want := "content/events/x.md:9: slots[2]: end 2021-10-07T14:00 is not after start 2021-10-07T14:00"
	if got := report(errs); got != want {
		t.Errorf("have:\n%s\nwant:\n%s", got, want)
	}
}

// TestSectionOf checks the section of content paths.
func TestSectionOf(t *testing.T) {
	tests := []struct{ path, want string }{
		{"content/events/x.md", "events"},
		{"content/events/2021/x.md", "events"},
		{"content/pages/x.md", "pages"},
		{"content/_index.md", ""},
		{"content/blog/x.md", ""},
		{"static/events/x.md", ""},
		{"content", ""},
	}
	for _, tt := range tests {
		if got := content.SectionOf(tt.path); got != tt.want {
			t.Errorf("SectionOf(%q) = %q, want %q", tt.path, got, tt.want)
		}
	}
}

// TestNearest checks the typo suggestions.
func TestNearest(t *testing.T) {
	keys := []string{"title", "start", "end", "location", "partners", "status"}
	tests := []struct{ in, want string }{
		{"titel", "title"},
		{"tilte", "title"},
		{"statut", "status"},
		{"partner", "partners"},
		{"ends", "end"},
		{"couleur", ""},
		{"x", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := content.Nearest(tt.in, keys); got != tt.want {
			t.Errorf("Nearest(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestLoadExampleSite checks that the example site at the root of the
// repository loads without a problem.
func TestLoadExampleSite(t *testing.T) {
	tree, errs := content.Load(os.DirFS("../.."))
	if len(errs) > 0 {
		t.Fatalf("example site:\n%s", report(errs))
	}
	if tree.Settings.Title == "" || len(tree.Events) == 0 || len(tree.News) == 0 || len(tree.Partners) == 0 || len(tree.Minutes) == 0 || len(tree.Pages) == 0 {
		t.Errorf("example site has an empty section: %+v", tree)
	}
}
