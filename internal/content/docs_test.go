package content_test

import (
	"bufio"
	"maps"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"relais/internal/content"
	"relais/internal/markdown"
	"relais/internal/site"
)

// The documents for editors and developers, from this package's folder.
const (
	contentModelDoc = "../../docs/content-model.md"
	guideDoc        = "../../docs/guide-redaction.md"
)

// TestContentModelListsEveryKey fails when a front-matter key that the
// loader accepts has no row in docs/content-model.md: a line "| `key` |" in
// the section of its kind (the "##" section whose heading names
// `content/_index.md` or `content/<section>/`), or, for a key that every kind
// accepts, in the section "Keys of every file".
func TestContentModelListsEveryKey(t *testing.T) {
	src, err := os.ReadFile(contentModelDoc)
	if err != nil {
		t.Fatal(err)
	}
	sections := docSections(string(src))
	common, ok := sections["Keys of every file"]
	if !ok {
		t.Fatalf("%s: no section \"## Keys of every file\"", contentModelDoc)
	}
	everywhere := content.Keys(content.SettingsKind)
	for _, kind := range content.Kinds() {
		everywhere = slices.DeleteFunc(everywhere, func(k string) bool { return !slices.Contains(content.Keys(kind), k) })
	}
	for _, kind := range content.Kinds() {
		label := "content/" + kind + "/"
		if kind == content.SettingsKind {
			label = "content/_index.md"
		}
		name := "`" + label // the heading may go on: `content/events/<slug>.md`
		var text string
		for heading, body := range sections {
			if strings.Contains(heading, name) {
				text = body
			}
		}
		if text == "" {
			t.Errorf("%s: no \"##\" section whose heading names %s", contentModelDoc, label)
			continue
		}
		for _, key := range content.Keys(kind) {
			row := "| `" + key + "` |"
			if !strings.Contains(text, row) && !(slices.Contains(everywhere, key) && strings.Contains(common, row)) {
				t.Errorf("%s: key %q of %s has no row %q in the section about it", contentModelDoc, key, label, row)
			}
		}
	}
}

// docSections splits a Markdown document at its "## " headings: heading →
// text up to the next one (its "###" sub-sections included).
func docSections(doc string) map[string]string {
	out := map[string]string{}
	heading := ""
	var b strings.Builder
	for _, line := range strings.SplitAfter(doc, "\n") {
		if h, ok := strings.CutPrefix(line, "## "); ok {
			out[heading] = b.String()
			heading = strings.TrimSpace(h)
			b.Reset()
			continue
		}
		b.WriteString(line)
	}
	out[heading] = b.String()
	return out
}

// example is a whole file shown in a document, after a marker line
// "<!-- fichier content/x.md -->" (it must load and build without any
// problem) or "<!-- erreur content/x.md -->" (it must draw the messages of the
// ```text block that follows it).
type example struct {
	line  int    // of the block in the document
	path  string // where the file goes: content/...
	src   string
	wrong bool
	want  []string // messages, for a wrong example
}

var marker = regexp.MustCompile(`^<!-- (fichier|erreur) (content/\S+\.md) -->$`)

// readExamples reads the examples of a document. A block that starts like a
// whole file (--- or +++) without a marker is a mistake: every such example
// must be tested.
func readExamples(t *testing.T, doc string) []example {
	t.Helper()
	f, err := os.Open(doc)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var (
		out       []example
		pending   *example // marked, its block not yet read
		expecting *example // wrong, its messages not yet read
		inBlock   bool
		lang      string
		block     []string
		blockLine int
	)
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		fence := strings.HasPrefix(line, "```")
		switch {
		case inBlock && fence:
			inBlock = false
			src := strings.Join(block, "")
			switch {
			case pending != nil:
				pending.line, pending.src = blockLine, src
				if pending.wrong {
					expecting = pending
				} else {
					out = append(out, *pending)
				}
				pending = nil
			case expecting != nil:
				if lang != "text" {
					t.Errorf("%s:%d: the messages of the wrong example of line %d must follow it in a ```text block", doc, blockLine, expecting.line)
				}
				for _, l := range strings.Split(src, "\n") {
					if strings.TrimSpace(l) != "" {
						expecting.want = append(expecting.want, strings.TrimSpace(l))
					}
				}
				out = append(out, *expecting)
				expecting = nil
			case strings.HasPrefix(src, "---\n") || strings.HasPrefix(src, "+++\n"):
				t.Errorf("%s:%d: a whole-file example needs a line <!-- fichier content/… --> or <!-- erreur content/… --> before it, to be tested", doc, blockLine)
			}
		case inBlock:
			block = append(block, line+"\n")
		case fence:
			inBlock, lang, block, blockLine = true, strings.TrimPrefix(line, "```"), nil, n+1
		case marker.MatchString(line):
			if pending != nil || expecting != nil {
				t.Errorf("%s:%d: marker before the previous example was complete", doc, n)
			}
			m := marker.FindStringSubmatch(line)
			pending = &example{line: n, path: m[2], wrong: m[1] == "erreur"}
		case pending != nil && strings.TrimSpace(line) != "":
			t.Errorf("%s:%d: the marker of line %d must be followed by its block", doc, n, pending.line)
			pending = nil
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if pending != nil || expecting != nil {
		t.Errorf("%s: the last example is not complete", doc)
	}
	return out
}

// buildSite loads and builds a site as relais check does, and returns every
// problem, one a line.
func buildSite(fsys fstest.MapFS) string {
	tree, errs := content.Load(fsys)
	if tree != nil && errs.Err() == nil {
		now := time.Date(2021, 10, 1, 0, 0, 0, 0, time.UTC)
		_, more := site.Build(tree, markdown.New(), site.Options{Now: now})
		errs.Append(more)
	}
	l := slices.Clone(errs)
	l.Sort()
	return l.Error()
}

// TestDocExamples loads the whole-file examples of each document: those
// marked "fichier" together, as one site that must build without a single
// problem (warnings included); each one marked "erreur" added to that site,
// which must then report the messages shown after it.
func TestDocExamples(t *testing.T) {
	for _, doc := range []string{contentModelDoc, guideDoc} {
		t.Run(strings.TrimPrefix(doc, "../../"), func(t *testing.T) {
			examples := readExamples(t, doc)
			valid := fstest.MapFS{"content/_index.md": {Data: []byte(settingsFile)}}
			seen := map[string]int{}
			for _, ex := range examples {
				if ex.wrong {
					continue
				}
				if prev, dup := seen[ex.path]; dup {
					t.Errorf("%s:%d: %s is already the example of line %d", doc, ex.line, ex.path, prev)
				}
				seen[ex.path] = ex.line
				valid[ex.path] = &fstest.MapFile{Data: []byte(ex.src)}
			}
			if len(seen) == 0 {
				t.Fatalf("%s: no example marked <!-- fichier content/… -->", doc)
			}
			if got := buildSite(valid); got != "" {
				t.Errorf("%s: the examples do not build cleanly:\n%s", doc, got)
			}
			for _, ex := range examples {
				if !ex.wrong {
					continue
				}
				fsys := maps.Clone(valid)
				fsys[ex.path] = &fstest.MapFile{Data: []byte(ex.src)}
				got := buildSite(fsys)
				if len(ex.want) == 0 {
					t.Errorf("%s:%d: the wrong example shows no message", doc, ex.line)
				}
				for _, w := range ex.want {
					if !slices.Contains(strings.Split(got, "\n"), w) {
						t.Errorf("%s:%d: %s does not report\n\t%s\nit reports:\n%s", doc, ex.line, ex.path, w, indent(got))
					}
				}
			}
		})
	}
}

func indent(s string) string {
	if s == "" {
		return "\t(nothing)"
	}
	return "\t" + strings.ReplaceAll(s, "\n", "\n\t")
}
