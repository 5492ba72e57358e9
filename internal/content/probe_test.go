package content_test

import (
	"fmt"
	"testing"
	"testing/fstest"

	"relais/internal/content"
)

func TestProbe(t *testing.T) {
	srcs := []string{
		"---\ntitle: \"Forum\"\nstart: \"2021-10-07\"\nlocation: Cité: salle A\n---\n",
		"---\ntitle: \"Forum\"\nstart: \"2021-10-07\"\n\tlocation: x\n---\n",
		"---\ntitle: \"Forum\"\nstart: \"2021-10-07\"\nlocation: \"Blois\" salle\n---\n",
		"---\ntitle: \"Forum\"\nstart: [\"2021-10-07\"\n---\n",
		"+++\ntitle = \"Forum\"\nstart = \"2021-10-07\"\nlocation = Blois\n+++\n",
		"+++\ntitle = \"Forum\"\nstart = \"2021-10-07\nlocation = \"Blois\"\n+++\n",
		"+++\ntitle = \"Forum\"\nstart = 2021-10-07\nend = 2021-10-08T09:00:00\n+++\n",
		"{\n  \"title\": \"Forum\"\n  \"start\": \"2021-10-07\"\n}\n\nBody\n",
		"{\n  \"title\": \"Forum\",\n  \"start\": \"2021-10-07\",\n}\n\nBody\n",
		"{\n  \"title\": \"Forum\",\n  \"start\": \"2021-10-07\"\n  }\n\nBody\n",
		"{\"title\": \"Forum\", \"start\": \"2021-10-07\"}\n\nBody\n",
		"{\n  \"title\": \"Forum\",\n  \"start\": 2021-10-07\n}\n\nBody\n",
		"---\na: &a [*a]\ntitle: x\n---\n",
	}
	for _, s := range srcs {
		fsys := fstest.MapFS{"content/_index.md": {Data: []byte("---\ntitle: x\n---\n")}, "content/events/x.md": {Data: []byte(s)}}
		tr, errs := content.Load(fsys)
		fmt.Printf("%q\n  => %v\n", s, errs)
		if len(tr.Events) > 0 {
			fmt.Printf("  start=%v end=%v\n", tr.Events[0].Start, tr.Events[0].End)
		}
	}
}
