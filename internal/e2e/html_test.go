package e2e

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// vnuReport is the JSON output of the Nu Html Checker (--format json).
type vnuReport struct {
	Messages []struct {
		Type        string `json:"type"` // "error", "info", "non-document-error"
		SubType     string `json:"subType"`
		URL         string `json:"url"`
		FirstLine   int    `json:"firstLine"`
		LastLine    int    `json:"lastLine"`
		FirstColumn int    `json:"firstColumn"`
		Message     string `json:"message"`
		Extract     string `json:"extract"`
	} `json:"messages"`
}

// validateHTML runs the Nu Html Checker once over every HTML page of the
// output (one JVM for the whole site) and returns its errors, each naming
// the page, the line and the column.
func validateHTML(tl tools, o *output) ([]problem, error) {
	if len(o.pages) == 0 {
		return nil, nil
	}
	dir, err := filepath.Abs(o.dir)
	if err != nil {
		return nil, err
	}
	args := []string{"-jar", tl.vnuJar, "--format", "json", "--errors-only", "--stdout"}
	args = append(args, o.pages...)
	cmd := exec.Command(tl.java, args...)
	cmd.Dir = dir
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	runErr := cmd.Run() // exit status 1 when a page has errors: read the report first
	var rep vnuReport
	if err := json.Unmarshal(stdout.Bytes(), &rep); err != nil {
		return nil, fmt.Errorf("vnu: %v; unreadable output (%v): %s %s", runErr, err, clip(stdout.String(), 300), clip(stderr.String(), 300))
	}
	if runErr != nil && len(rep.Messages) == 0 {
		return nil, fmt.Errorf("vnu: %v: %s", runErr, clip(stderr.String(), 300))
	}
	var probs []problem
	for _, m := range rep.Messages {
		if m.Type == "info" {
			continue
		}
		page := m.URL
		if u, err := url.Parse(m.URL); err == nil && u.Scheme == "file" {
			if rel, err := filepath.Rel(dir, filepath.Clean(u.Path)); err == nil && !strings.HasPrefix(rel, "..") {
				page = pagePath(rel)
			}
		}
		line := m.FirstLine
		if line == 0 {
			line = m.LastLine
		}
		msg := m.Message
		if m.Extract != "" {
			msg += fmt.Sprintf(" «%s»", clip(m.Extract, 80))
		}
		check := "html"
		if m.Type != "error" {
			check = "html " + m.Type
		}
		probs = append(probs, problem{Page: page, Line: line, Col: m.FirstColumn, Check: check, Msg: msg})
	}
	sortProblems(probs)
	return probs, nil
}

// testValidateHTML checks the checker: a valid page passes, and a broken one
// fails with messages that name the page and the line.
func testValidateHTML(t *testing.T, tl tools) {
	good, err := openOutput("good", "testdata/fixtures/good", "")
	if err != nil {
		t.Fatal(err)
	}
	probs, err := validateHTML(tl, good)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range probs {
		t.Errorf("valid fixture: %s", p)
	}

	broken, err := openOutput("broken-html", "testdata/fixtures/broken-html", "")
	if err != nil {
		t.Fatal(err)
	}
	probs, err = validateHTML(tl, broken)
	if err != nil {
		t.Fatal(err)
	}
	var have []string
	for _, p := range probs {
		have = append(have, p.String())
	}
	// The messages are vnu's: match their start, which names the page,
	// the position and the check.
	want := []string{
		"/:1:1: html: Start tag seen without seeing a doctype first",
		"/:1:7: html: Element “head” is missing a required instance of child element “title”",
		"/agenda/:7:1: html: Unclosed element “ul”",
		"/agenda/:9:1: html: End tag “main” seen, but there were open elements",
		"/agenda/:10:4: html: Bad value “/agenda/ x/” for attribute “href” on element “a”",
	}
	for _, w := range want {
		if !slices.ContainsFunc(have, func(h string) bool { return strings.HasPrefix(h, w) }) {
			t.Errorf("validateHTML(broken-html): no problem starting with %q in:\n%s", w, strings.Join(have, "\n"))
		}
	}
}
