package gen

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
)

// format is a front-matter syntax.
type format int

const (
	yamlFormat format = iota
	tomlFormat
	jsonFormat
)

// fields is a front matter, in the order its keys are written. A value is a
// string, a stamp, an int, a bool, a []string, a fields (a set of keys) or a
// []fields (a list of sets of keys).
type fields []field

type field struct {
	key string
	val any
}

// stamp is a date or date-time. YAML and TOML write it bare when bare is set
// (as Hugo wants its dates), quoted otherwise; JSON always quotes it.
type stamp struct {
	text string
	bare bool
}

func (f *fields) add(key string, val any) { *f = append(*f, field{key, val}) }

// quote writes s as a double-quoted string that YAML, TOML and JSON all read.
func quote(s string) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s) // a string always encodes
	return strings.TrimSuffix(b.String(), "\n")
}

// frontMatter writes fs in the given syntax, delimiters included, followed
// by an empty line.
func frontMatter(fs fields, f format) string {
	var b strings.Builder
	switch f {
	case yamlFormat:
		b.WriteString("---\n")
		writeYAML(&b, fs, "")
		b.WriteString("---\n\n")
	case tomlFormat:
		b.WriteString("+++\n")
		for _, x := range fs {
			b.WriteString(x.key + " = " + inline(x.val, tomlFormat) + "\n")
		}
		b.WriteString("+++\n\n")
	case jsonFormat:
		b.WriteString("{\n")
		for i, x := range fs {
			b.WriteString("  " + quote(x.key) + ": " + inline(x.val, jsonFormat))
			if i < len(fs)-1 {
				b.WriteByte(',')
			}
			b.WriteByte('\n')
		}
		b.WriteString("}\n\n")
	}
	return b.String()
}

// writeYAML writes block-style YAML, indented by indent.
func writeYAML(b *strings.Builder, fs fields, indent string) {
	for _, x := range fs {
		switch v := x.val.(type) {
		case fields:
			b.WriteString(indent + x.key + ":\n")
			writeYAML(b, v, indent+"  ")
		case []fields:
			b.WriteString(indent + x.key + ":\n")
			for _, item := range v {
				for i, y := range item {
					lead := indent + "    "
					if i == 0 {
						lead = indent + "  - "
					}
					b.WriteString(lead + y.key + ": " + inline(y.val, yamlFormat) + "\n")
				}
			}
		default:
			b.WriteString(indent + x.key + ": " + inline(v, yamlFormat) + "\n")
		}
	}
}

// inline writes a value on one line: flow YAML, inline TOML or JSON.
func inline(val any, f format) string {
	sep := ": "
	if f == tomlFormat {
		sep = " = "
	}
	switch v := val.(type) {
	case string:
		return quote(v)
	case stamp:
		if v.bare && f != jsonFormat {
			return v.text
		}
		return quote(v.text)
	case int:
		return strconv.Itoa(v)
	case bool:
		return strconv.FormatBool(v)
	case []string:
		q := make([]string, len(v))
		for i, s := range v {
			q[i] = quote(s)
		}
		return "[" + strings.Join(q, ", ") + "]"
	case fields:
		parts := make([]string, len(v))
		for i, x := range v {
			k := x.key
			if f == jsonFormat {
				k = quote(k)
			}
			parts[i] = k + sep + inline(x.val, f)
		}
		return "{" + strings.Join(parts, ", ") + "}"
	case []fields:
		parts := make([]string, len(v))
		for i, x := range v {
			parts[i] = inline(x, f)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	}
	panic("gen: front-matter value of unexpected type")
}
