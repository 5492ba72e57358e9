// Package diag holds the positioned problems that relais reports about a site's
// sources, in the style of go/scanner: each names a file (relative to the site
// root, with forward slashes) and, where it is known, a line.
package diag

import (
	"fmt"
	"sort"
	"strings"
)

// Pos is a place in a source file. Line 0 means the line is unknown.
type Pos struct {
	File string
	Line int
}

// String formats the position as "file:line", or "file" when the line is unknown.
func (p Pos) String() string {
	if p.Line > 0 {
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return p.File
}

// Severity tells whether a problem stops the build.
type Severity int

const (
	// Fatal problems stop the build.
	Fatal Severity = iota
	// Warning problems are reported; the site is still built.
	Warning
)

// Error is one problem found in the sources.
type Error struct {
	Pos      Pos
	Msg      string
	Severity Severity
}

// Error formats the problem as "file:line: message" ("warning: " after the
// position for warnings).
func (e *Error) Error() string {
	prefix := ""
	if e.Severity == Warning {
		prefix = "warning: "
	}
	if e.Pos.File == "" {
		return prefix + e.Msg
	}
	return e.Pos.String() + ": " + prefix + e.Msg
}

// List is a list of problems. The zero value is ready to use.
type List []*Error

// Add appends a fatal problem.
func (l *List) Add(pos Pos, format string, args ...any) {
	*l = append(*l, &Error{Pos: pos, Msg: fmt.Sprintf(format, args...)})
}

// Warn appends a warning.
func (l *List) Warn(pos Pos, format string, args ...any) {
	*l = append(*l, &Error{Pos: pos, Msg: fmt.Sprintf(format, args...), Severity: Warning})
}

// Append adds every problem of other.
func (l *List) Append(other List) { *l = append(*l, other...) }

// Sort orders the problems by file, then line, then message, so that reports
// do not depend on the order in which files were read.
func (l List) Sort() {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i], l[j]
		if a.Pos.File != b.Pos.File {
			return a.Pos.File < b.Pos.File
		}
		if a.Pos.Line != b.Pos.Line {
			return a.Pos.Line < b.Pos.Line
		}
		return a.Msg < b.Msg
	})
}

// Fatal returns the problems that stop the build.
func (l List) Fatal() List { return l.filter(Fatal) }

// Warnings returns the problems that do not stop the build.
func (l List) Warnings() List { return l.filter(Warning) }

func (l List) filter(s Severity) List {
	var out List
	for _, e := range l {
		if e.Severity == s {
			out = append(out, e)
		}
	}
	return out
}

// Err returns the fatal problems as an error, sorted, or nil when there are none.
func (l List) Err() error {
	f := l.Fatal()
	if len(f) == 0 {
		return nil
	}
	f.Sort()
	return f
}

// Error joins the problems one per line.
func (l List) Error() string {
	var b strings.Builder
	for i, e := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}
