package content_test

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"relais/internal/content"
)

// TestKeysAreWhatTheLoaderAccepts checks Keys against Load: every key Keys
// lists, written in a file of its kind (a nested one under its parent, as a
// set of keys or as a list of them), is not reported as unknown; a key it
// does not list is.
func TestKeysAreWhatTheLoaderAccepts(t *testing.T) {
	for _, kind := range content.Kinds() {
		keys := content.Keys(kind)
		if !slices.Contains(keys, "title") || !slices.Contains(keys, "draft") {
			t.Errorf("Keys(%q) = %v: title and draft are missing", kind, keys)
		}
		file := fileOfKind(kind)
		load := func(front string) string {
			_, errs := content.Load(newSite(map[string]string{file: "---\n" + front + "---\n"}))
			return report(errs)
		}
		for _, key := range append(keys, "lieu") {
			parent, child, nested := strings.Cut(key, ".")
			forms := []string{fmt.Sprintf("%s: \"x\"\n", key)}
			if nested {
				forms = []string{
					fmt.Sprintf("%s:\n  %s: \"x\"\n", parent, child),
					fmt.Sprintf("%s:\n  - %s: \"x\"\n", parent, child),
				}
			}
			unknown := fmt.Sprintf("unknown key %q", key)
			accepted := false
			for _, f := range forms {
				accepted = accepted || !strings.Contains(load(f), unknown)
			}
			if want := key != "lieu"; accepted != want {
				t.Errorf("%s: key %q accepted = %v, want %v (Keys says %v)", file, key, accepted, want, keys)
			}
		}
	}
	if got := content.Keys("nope"); got != nil {
		t.Errorf("Keys(\"nope\") = %v, want nil", got)
	}
}

// TestKeysOfAnEvent pins the nested keys, which Keys finds by probing.
func TestKeysOfAnEvent(t *testing.T) {
	keys := content.Keys("events")
	for _, want := range []string{"start", "end", "slots", "slots.start", "slots.end", "registration", "registration.url", "registration.deadline", "status", "params"} {
		if !slices.Contains(keys, want) {
			t.Errorf("Keys(\"events\") = %v: %q is missing", keys, want)
		}
	}
	for _, k := range keys {
		if strings.Contains(k, "probe") || strings.Contains(k, "[") {
			t.Errorf("Keys(\"events\") = %v: %q is not a key an editor writes", keys, k)
		}
	}
}

// TestKeysListsEveryKnownKey checks that Keys misses nothing: a key far from
// every known one draws "unknown key ... (known keys: ...)", the loader's own
// list, at the top level and in each set of keys, and Keys must hold them all.
func TestKeysListsEveryKnownKey(t *testing.T) {
	known := regexp.MustCompile(`\(known keys: ([^)]*)\)`)
	for _, kind := range content.Kinds() {
		keys := content.Keys(kind)
		file := fileOfKind(kind)
		fronts := []string{"zzzzzzzzzzzz: 1\n"}
		for _, k := range keys {
			if !strings.Contains(k, ".") {
				fronts = append(fronts, k+":\n  zzzzzzzzzzzz: 1\n", k+":\n  - zzzzzzzzzzzz: 1\n")
			}
		}
		for _, front := range fronts {
			_, errs := content.Load(newSite(map[string]string{file: "---\n" + front + "---\n"}))
			for _, m := range known.FindAllStringSubmatch(report(errs), -1) {
				parent, _, _ := strings.Cut(front, ":")
				for _, k := range strings.Split(m[1], ", ") {
					if parent != "zzzzzzzzzzzz" {
						k = parent + "." + k
					}
					if !slices.Contains(keys, k) {
						t.Errorf("%s: the loader knows %q, Keys(%q) = %v misses it", file, k, kind, keys)
					}
				}
			}
		}
	}
}

// fileOfKind is a file of kind, under content/.
func fileOfKind(kind string) string {
	if kind == content.SettingsKind {
		return "_index.md"
	}
	return kind + "/x.md"
}
