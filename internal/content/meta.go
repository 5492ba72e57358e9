package content

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
	"gopkg.in/yaml.v3"
)

// kind is the shape of a front-matter value.
type kind int

const (
	kindNull kind = iota
	kindString
	kindBool
	kindNumber
	kindList
	kindMap
)

func (k kind) String() string {
	return [...]string{"nothing", "text", "true or false", "a number", "a list", "a set of keys"}[k]
}

// value is one front-matter value, whatever the syntax it was written in, with
// the line of the file it starts on. Scalars keep their text as written, so that
// dates are read from their text and not from YAML's or TOML's idea of a date.
type value struct {
	kind   kind
	text   string // scalars
	list   []*value
	fields []field // maps, in source order
	line   int
}

type field struct {
	key  string
	line int
	val  *value
}

// get returns the value of key in a map value, or nil.
func (v *value) get(key string) *value {
	for _, f := range v.fields {
		if f.key == key {
			return f.val
		}
	}
	return nil
}

// isEmpty reports whether v counts as absent: null, "", [] or a map whose
// values are all empty (Git-based editors write these when a field is cleared).
func (v *value) isEmpty() bool {
	if v == nil {
		return true
	}
	switch v.kind {
	case kindNull:
		return true
	case kindString:
		return strings.TrimSpace(v.text) == ""
	case kindList:
		return len(v.list) == 0
	case kindMap:
		for _, f := range v.fields {
			if !f.val.isEmpty() {
				return false
			}
		}
		return true
	}
	return false
}

// syntaxError is a front-matter syntax error at a line of the file.
type syntaxError struct {
	line int
	msg  string
}

func (e *syntaxError) Error() string { return e.msg }

// parseYAML reads a YAML front matter that starts at line first of the file.
func parseYAML(src []byte, first int) (*value, error) {
	fileLine := yamlFileLines(src, first)
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		return nil, yamlError(err, fileLine)
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return &value{kind: kindMap, line: first}, nil
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, &syntaxError{line: fileLine(root.Line), msg: "front matter must be a set of keys (key: value), not " + yamlKind(root)}
	}
	r := &yamlReader{fileLine: fileLine, expanding: map[*yaml.Node]bool{}}
	return r.read(root)
}

// yamlFileLines maps yaml.v3's line numbers to the file's. YAML also counts
// a lone \r as a line break, where editors and messages count \n only.
func yamlFileLines(src []byte, first int) func(int) int {
	if !bytes.Contains(bytes.ReplaceAll(src, []byte("\r\n"), nil), []byte("\r")) {
		return func(n int) int { return n + first - 1 }
	}
	starts := []int{0, 0} // starts[k]: the file line (0-based in src) of YAML line k
	line := 0
	for i := 0; i < len(src); i++ {
		switch {
		case src[i] == '\n':
			line++
			starts = append(starts, line)
		case src[i] == '\r' && (i+1 == len(src) || src[i+1] != '\n'):
			starts = append(starts, line)
		}
	}
	return func(n int) int {
		if n < 1 {
			return first
		}
		return first + starts[min(n, len(starts)-1)]
	}
}

// yamlParserProblems are the messages of yaml.v3's parser (as opposed to its
// scanner). For these, yaml.v3 reports a 0-based line (it adds 1 only to
// scanner errors), so that "did not find expected key" on the fourth line of
// the YAML came out as "line 3".
var yamlParserProblems = map[string]bool{
	"did not find expected <stream-start>":   true,
	"did not find expected <document start>": true,
	"did not find expected node content":     true,
	"did not find expected '-' indicator":    true,
	"did not find expected key":              true,
	"did not find expected ',' or ']'":       true,
	"did not find expected ',' or '}'":       true,
	"found undefined tag handle":             true,
	"found duplicate %YAML directive":        true,
	"found incompatible YAML document":       true,
	"found duplicate %TAG directive":         true,
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

func yamlError(err error, fileLine func(int) int) error {
	msg := err.Error()
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		n, _ := strconv.Atoi(m[1])
		if yamlParserProblems[m[2]] {
			n++ // see yamlParserProblems
		}
		return &syntaxError{line: fileLine(n), msg: "YAML: " + m[2]}
	}
	var te *yaml.TypeError
	if errors.As(err, &te) && len(te.Errors) > 0 {
		msg = te.Errors[0]
	}
	return &syntaxError{line: fileLine(1), msg: "YAML: " + strings.TrimPrefix(msg, "yaml: ")}
}

func yamlKind(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		return "a single value"
	}
	return "this"
}

// yamlReader turns yaml.v3 nodes into values. yaml.v3 leaves aliases
// unexpanded in its nodes, and registers an anchor before parsing its content,
// so "a: &a [*a]" is a cycle and a few nested aliases can stand for billions
// of values: both are stopped here, as yaml.v3 stops them when it decodes into
// Go values, instead of overflowing the stack or exhausting memory.
type yamlReader struct {
	fileLine  func(int) int       // yaml.v3's line → the file's
	values    int                 // values made so far
	expanding map[*yaml.Node]bool // anchored nodes whose alias is being expanded
	aliasLine int                 // line of the outermost alias being expanded, or 0
}

// maxYAMLValues bounds the values of one front matter, aliases expanded; real
// front matter has a few dozen.
const maxYAMLValues = 10000

func (r *yamlReader) read(n *yaml.Node) (*value, error) {
	line := r.fileLine(n.Line)
	if r.values++; r.values > maxYAMLValues {
		if r.aliasLine > 0 {
			line = r.aliasLine // where the alias is used, not where its value is
		}
		return nil, &syntaxError{line: line, msg: "YAML: too many values once aliases (*name) are expanded"}
	}
	switch n.Kind {
	case yaml.AliasNode:
		if n.Alias == nil || r.expanding[n.Alias] {
			return nil, &syntaxError{line: line, msg: fmt.Sprintf("YAML: alias *%s refers to a value that contains it", n.Value)}
		}
		if r.aliasLine == 0 {
			r.aliasLine = line
			defer func() { r.aliasLine = 0 }()
		}
		r.expanding[n.Alias] = true
		defer delete(r.expanding, n.Alias)
		return r.read(n.Alias)
	case yaml.ScalarNode:
		v := &value{text: n.Value, line: line}
		switch n.ShortTag() {
		case "!!null":
			v.kind = kindNull
		case "!!bool":
			v.kind = kindBool
			v.text = strings.ToLower(n.Value)
			if v.text != "true" && v.text != "false" {
				// YAML 1.1 words such as "yes" are plain strings in yaml.v3.
				v.kind = kindString
			}
		case "!!int", "!!float":
			v.kind = kindNumber
		default:
			v.kind = kindString
		}
		return v, nil
	case yaml.SequenceNode:
		v := &value{kind: kindList, line: line}
		for _, c := range n.Content {
			cv, err := r.read(c)
			if err != nil {
				return nil, err
			}
			v.list = append(v.list, cv)
		}
		return v, nil
	case yaml.MappingNode:
		v := &value{kind: kindMap, line: line}
		seen := map[string]int{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, c := n.Content[i], n.Content[i+1]
			if k.Kind != yaml.ScalarNode {
				return nil, &syntaxError{line: r.fileLine(k.Line), msg: "YAML: a key must be a plain name"}
			}
			if prev, dup := seen[k.Value]; dup {
				return nil, &syntaxError{line: r.fileLine(k.Line), msg: fmt.Sprintf("key %q is given twice (first at line %d)", k.Value, prev)}
			}
			seen[k.Value] = r.fileLine(k.Line)
			cv, err := r.read(c)
			if err != nil {
				return nil, err
			}
			v.fields = append(v.fields, field{key: k.Value, line: r.fileLine(k.Line), val: cv})
		}
		return v, nil
	}
	return &value{kind: kindNull, line: line}, nil
}

// parseTOML reads a TOML front matter that starts at line first of the file.
func parseTOML(src []byte, first int) (*value, error) {
	var m map[string]any
	md, err := toml.Decode(string(src), &m)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, &syntaxError{line: pe.Position.Line + first - 1, msg: "TOML: " + pe.Message}
		}
		return nil, &syntaxError{line: first, msg: "TOML: " + err.Error()}
	}
	lines := strings.Split(string(src), "\n")
	order := map[string]int{}
	for i, k := range md.Keys() {
		order[k.String()] = i
	}
	return fromTOML(m, "", lines, 0, first, order), nil
}

func fromTOML(x any, path string, lines []string, from, first int, order map[string]int) *value {
	line := first + from
	switch t := x.(type) {
	case map[string]any:
		v := &value{kind: kindMap, line: line}
		keys := make([]string, 0, len(t))
		for k := range t {
			keys = append(keys, k)
		}
		sort.Slice(keys, func(i, j int) bool { return order[join(path, keys[i])] < order[join(path, keys[j])] })
		for _, k := range keys {
			at := tomlKeyLine(lines, k, from)
			v.fields = append(v.fields, field{key: k, line: first + at, val: fromTOML(t[k], join(path, k), lines, at, first, order)})
		}
		return v
	case []map[string]any:
		// Each [[key]] table of an array has its own header: look for the
		// keys of item i from the i-th header, so that a mistake in the
		// second slot does not point into the first one.
		v := &value{kind: kindList, line: line}
		at := from
		for i, c := range t {
			if i > 0 {
				at = tomlNextHeader(lines, path, at)
			}
			v.list = append(v.list, fromTOML(c, path, lines, at, first, order))
		}
		return v
	case []any:
		v := &value{kind: kindList, line: line}
		for _, c := range t {
			v.list = append(v.list, fromTOML(c, path, lines, from, first, order))
		}
		return v
	case string:
		return &value{kind: kindString, text: t, line: line}
	case bool:
		return &value{kind: kindBool, text: strconv.FormatBool(t), line: line}
	case int64:
		return &value{kind: kindNumber, text: strconv.FormatInt(t, 10), line: line}
	case float64:
		return &value{kind: kindNumber, text: strconv.FormatFloat(t, 'f', -1, 64), line: line}
	case time.Time:
		// BurntSushi/toml decodes unquoted local dates and times to a
		// time.Time in a fixed zone named after their kind, whose offset is
		// that of the build machine: write them back as they were written,
		// without offset, or "start = 2021-10-07" would be an instant (and
		// not a day) shifted by the machine's zone. Fractions of a second are
		// kept so that date.Parse can refuse them.
		switch t.Location().String() {
		case "date-local":
			return &value{kind: kindString, text: t.Format("2006-01-02"), line: line}
		case "datetime-local":
			return &value{kind: kindString, text: t.Format("2006-01-02T15:04:05.999999999"), line: line}
		case "time-local":
			return &value{kind: kindString, text: t.Format("15:04:05.999999999"), line: line}
		}
		// An offset date-time: keep the instant as written, with its offset.
		return &value{kind: kindString, text: t.Format("2006-01-02T15:04:05.999999999Z07:00"), line: line}
	}
	return &value{kind: kindNull, line: line}
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// tomlKeyLine finds the 0-based line, at or after from, where key is set
// ("key =", "[key]", "[[key]]" or "[parent.key]"). BurntSushi/toml keeps no
// positions of keys, and these are only used to point at a line in messages.
func tomlKeyLine(lines []string, key string, from int) int {
	for i := from; i < len(lines); i++ {
		l := strings.TrimSpace(lines[i])
		if l == "" || l[0] == '#' {
			continue
		}
		name := l
		if eq := strings.IndexByte(l, '='); eq >= 0 && l[0] != '[' {
			name = strings.TrimSpace(l[:eq])
		} else {
			name = strings.Trim(l, "[] ")
			if dot := strings.LastIndexByte(name, '.'); dot >= 0 {
				name = name[dot+1:]
			}
		}
		if strings.Trim(name, `"'`) == key {
			return i
		}
	}
	return from
}

// tomlNextHeader returns the 0-based line of the first "[[path]]" header after
// line after, or after when there is none (an inline array of tables).
func tomlNextHeader(lines []string, path string, after int) int {
	for i := after + 1; i < len(lines); i++ {
		l := strings.TrimSpace(lines[i])
		if strings.HasPrefix(l, "[[") && strings.Trim(l, "[] ") == path {
			return i
		}
	}
	return after
}

// splitJSON reads the JSON object at the start of src (whose first line is
// the file's line first) and returns it with the body that follows: what
// comes after its closing brace, less one line break, as Hugo reads it. A
// json.Decoder tells where the object ends, braces in strings and nested
// objects included.
func splitJSON(src []byte, first int) (*value, []byte, error) {
	d := json.NewDecoder(bytes.NewReader(src))
	d.UseNumber()
	lineAt := func(off int64) int { return first + bytes.Count(src[:min(int(off), len(src))], []byte("\n")) }
	v, err := fromJSON(d, lineAt)
	if err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			if at := int(se.Offset); startsLine(src, at) && src[at] != '"' && strings.Contains(se.Error(), "after object key:value pair") {
				// A line of text where a "," or the "}" should come: the
				// body, most likely, after a forgotten "}".
				return nil, nil, &syntaxError{line: first, msg: fmt.Sprintf("front matter opened with { is not closed: end the JSON object with } before line %d", lineAt(int64(at)))}
			}
			return nil, nil, &syntaxError{line: lineAt(se.Offset), msg: "JSON: " + se.Error()}
		}
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			return nil, nil, &syntaxError{line: first, msg: "front matter opened with { is not closed: end the JSON object with }"}
		}
		var s *syntaxError
		if errors.As(err, &s) {
			return nil, nil, s
		}
		return nil, nil, &syntaxError{line: lineAt(d.InputOffset()), msg: "JSON: " + err.Error()}
	}
	// src starts with "{": v is an object.
	body := src[d.InputOffset():]
	body = bytes.TrimPrefix(body, []byte("\r"))
	body = bytes.TrimPrefix(body, []byte("\n"))
	return v, body, nil
}

// startsLine tells whether src[i] is the first byte of its line that is not
// white space.
func startsLine(src []byte, i int) bool {
	if i < 0 || i >= len(src) {
		return false
	}
	line := src[:i]
	if n := bytes.LastIndexByte(line, '\n'); n >= 0 {
		line = line[n+1:]
	}
	return len(bytes.TrimSpace(line)) == 0
}

func fromJSON(d *json.Decoder, lineAt func(int64) int) (*value, error) {
	// The offset before the token is where the previous one ended; skip the
	// white space so that the line is that of the token itself.
	tok, err := d.Token()
	if err != nil {
		return nil, err
	}
	line := lineAt(d.InputOffset())
	switch t := tok.(type) {
	case json.Delim:
		switch t {
		case '{':
			v := &value{kind: kindMap, line: line}
			seen := map[string]bool{}
			for d.More() {
				kt, err := d.Token()
				if err != nil {
					return nil, err
				}
				k, _ := kt.(string)
				kl := lineAt(d.InputOffset())
				if seen[k] {
					return nil, &syntaxError{line: kl, msg: fmt.Sprintf("key %q is given twice", k)}
				}
				seen[k] = true
				cv, err := fromJSON(d, lineAt)
				if err != nil {
					return nil, err
				}
				v.fields = append(v.fields, field{key: k, line: kl, val: cv})
			}
			_, err := d.Token()
			return v, err
		case '[':
			v := &value{kind: kindList, line: line}
			for d.More() {
				cv, err := fromJSON(d, lineAt)
				if err != nil {
					return nil, err
				}
				v.list = append(v.list, cv)
			}
			_, err := d.Token()
			return v, err
		}
	case string:
		return &value{kind: kindString, text: t, line: line}, nil
	case json.Number:
		return &value{kind: kindNumber, text: t.String(), line: line}, nil
	case bool:
		return &value{kind: kindBool, text: strconv.FormatBool(t), line: line}, nil
	}
	return &value{kind: kindNull, line: line}, nil
}

// toAny turns a value into plain Go values for templates (params).
func (v *value) toAny() any {
	switch v.kind {
	case kindString:
		return v.text
	case kindBool:
		return v.text == "true"
	case kindNumber:
		if n, err := strconv.ParseInt(v.text, 10, 64); err == nil {
			return n
		}
		f, _ := strconv.ParseFloat(v.text, 64)
		return f
	case kindList:
		out := make([]any, len(v.list))
		for i, c := range v.list {
			out[i] = c.toAny()
		}
		return out
	case kindMap:
		out := make(map[string]any, len(v.fields))
		for _, f := range v.fields {
			out[f.key] = f.val.toAny()
		}
		return out
	}
	return nil
}
