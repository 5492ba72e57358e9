package diag

import "testing"

func TestListSortsAndFormats(t *testing.T) {
	var l List
	l.Add(Pos{File: "content/news/b.md", Line: 2}, "unknown partner %q", "x")
	l.Warn(Pos{File: "content/events/a.md", Line: 9}, "redirect link replaced")
	l.Add(Pos{File: "content/events/a.md", Line: 4}, "end is before start")
	l.Add(Pos{}, "no content/ folder here")
	l.Sort()
	want := "no content/ folder here\n" +
		"content/events/a.md:4: end is before start\n" +
		"content/events/a.md:9: warning: redirect link replaced\n" +
		`content/news/b.md:2: unknown partner "x"`
	if got := l.Error(); got != want {
		t.Errorf("have:\n%s\nwant:\n%s", got, want)
	}
	if n := len(l.Fatal()); n != 3 {
		t.Errorf("%d fatal problems, want 3", n)
	}
	if err := l.Warnings().Err(); err != nil {
		t.Errorf("warnings alone are an error: %v", err)
	}
	if err := l.Err(); err == nil || len(err.(List)) != 3 {
		t.Errorf("Err() = %v", err)
	}
}
