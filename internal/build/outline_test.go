package build

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"
	"golang.org/x/net/html"
)

// TestGoldenOutlines reads every page of the golden sites as a screen
// reader user moves through it: its ids are unique, its links to "#x" land
// on one, it starts with its h1, no heading skips a level on the way down,
// and within an article or a section every heading after the first is
// below it. The bodies shown inside a meeting's page must fit in its
// outline, not restart it at h2.
func TestGoldenOutlines(t *testing.T) {
	files, _ := filepath.Glob("../../testdata/sites/*.txtar")
	for _, file := range files {
		a, err := txtar.ParseFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range a.Files {
			p, ok := strings.CutPrefix(f.Name, "want/")
			if !ok || !strings.HasSuffix(p, ".html") || strings.Contains(p, "widget") {
				continue
			}
			for _, problem := range outlineProblems(f.Data) {
				t.Errorf("%s: %s: %s", filepath.Base(file), p, problem)
			}
		}
	}
}

func outlineProblems(page []byte) []string {
	var problems []string
	ids := map[string]int{}
	var links []string
	type container struct {
		tag   string
		first int // the level of its first heading, 0 before it
	}
	var open []container
	last := 0
	check := func(level int, text string) {
		switch {
		case last == 0 && level != 1:
			problems = append(problems, fmt.Sprintf("the first heading is an h%d (%q), not the h1", level, text))
		case level > last+1 && last > 0:
			problems = append(problems, fmt.Sprintf("h%d %q follows an h%d: a level is skipped", level, text, last))
		}
		last = level
		for i := range open {
			c := &open[i]
			if c.first == 0 {
				c.first = level
			} else if level <= c.first {
				problems = append(problems, fmt.Sprintf("h%d %q is inside the %s of an h%d, not below it", level, text, c.tag, c.first))
			}
		}
	}
	heading := 0 // the level of the heading being read
	var text strings.Builder
	z := html.NewTokenizer(bytes.NewReader(page))
	for tt := z.Next(); tt != html.ErrorToken; tt = z.Next() {
		tok := z.Token()
		switch tt {
		case html.StartTagToken, html.SelfClosingTagToken:
			for _, at := range tok.Attr {
				switch {
				case at.Key == "id":
					ids[at.Val]++
				case at.Key == "href" && strings.HasPrefix(at.Val, "#") && len(at.Val) > 1:
					links = append(links, at.Val[1:])
				}
			}
			if tt == html.SelfClosingTagToken {
				continue
			}
			if tok.Data == "article" || tok.Data == "section" {
				open = append(open, container{tag: tok.Data})
				continue
			}
			if level := headingOf(tok.Data); level > 0 {
				heading, text = level, strings.Builder{}
			}
		case html.TextToken:
			if heading > 0 {
				text.WriteString(tok.Data)
			}
		case html.EndTagToken:
			if (tok.Data == "article" || tok.Data == "section") && len(open) > 0 {
				open = open[:len(open)-1]
			}
			if level := headingOf(tok.Data); level > 0 && heading > 0 {
				check(heading, strings.TrimSpace(text.String()))
				heading = 0
			}
		}
	}
	for id, n := range ids {
		if n > 1 {
			problems = append(problems, fmt.Sprintf("id %q is given %d times", id, n))
		}
	}
	for _, l := range links {
		if ids[l] == 0 {
			problems = append(problems, fmt.Sprintf("link to #%s, which no element of the page has", l))
		}
	}
	return problems
}

// headingOf is n for "hn", else 0.
func headingOf(tag string) int {
	if len(tag) == 2 && tag[0] == 'h' && tag[1] >= '1' && tag[1] <= '6' {
		return int(tag[1] - '0')
	}
	return 0
}
