package watch

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"testing/synctest"
	"time"
)

// TestBatcherWaitsForQuiet: a burst of events gives one batch, sent once no
// event came for the quiet time, or when the longest wait is over.
func TestBatcherWaitsForQuiet(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		b := newBatcher(60*time.Millisecond, 400*time.Millisecond)
		var batches [][]string
		done := make(chan struct{})
		events := make(chan string)
		go func() {
			defer close(done)
			for {
				select {
				case p, ok := <-events:
					if !ok {
						return
					}
					b.add(p, time.Now())
				case <-b.timer():
					batches = append(batches, b.flush())
				}
			}
		}()
		// 20 writes, 10 ms apart: one burst.
		for i := range 20 {
			events <- "content/news/a.md"
			if i%2 == 0 {
				events <- "content/news/b.md"
			}
			time.Sleep(10 * time.Millisecond)
		}
		time.Sleep(200 * time.Millisecond)
		// A write that goes on for a second still gets a rebuild every 400 ms.
		for range 100 {
			events <- "content/news/c.md"
			time.Sleep(10 * time.Millisecond)
		}
		time.Sleep(200 * time.Millisecond)
		close(events)
		<-done
		if len(batches) < 3 || len(batches) > 5 {
			t.Fatalf("%d batches: %v", len(batches), batches)
		}
		if !slices.Equal(batches[0], []string{"content/news/a.md", "content/news/b.md"}) {
			t.Errorf("first batch: %v", batches[0])
		}
	})
}

func TestIgnored(t *testing.T) {
	for _, name := range []string{".x.md.swp", "x.md~", "4913", ".#x.md", "#x.md#", "x.md___jb_tmp___", ".DS_Store"} {
		if !Ignored(name) {
			t.Errorf("%s is not ignored", name)
		}
	}
	for _, name := range []string{"x.md", "forum-2021.md", "style.css"} {
		if Ignored(name) {
			t.Errorf("%s is ignored", name)
		}
	}
}

// TestWatcherSeesEditorsAndNewFolders uses the real file system: an
// editor-style save (write a temporary file, rename it over the original), a
// new sub-folder with a file in it, and a removal.
func TestWatcherSeesEditorsAndNewFolders(t *testing.T) {
	root := t.TempDir()
	os.MkdirAll(filepath.Join(root, "content/news"), 0o755)
	os.WriteFile(filepath.Join(root, "content/news/a.md"), []byte("a"), 0o644)
	w, err := New(root, []string{"content", "layouts"}, Options{Quiet: 50 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go w.Run(ctx)
	next := func() []string {
		t.Helper()
		select {
		case b := <-w.Batches():
			return b
		case <-time.After(5 * time.Second):
			t.Fatal("no batch")
			return nil
		}
	}
	// vim: write 4913 and .a.md.swp, then rename a new file over a.md.
	os.WriteFile(filepath.Join(root, "content/news/4913"), nil, 0o644)
	os.WriteFile(filepath.Join(root, "content/news/.a.md.swp"), []byte("x"), 0o644)
	os.WriteFile(filepath.Join(root, "content/news/a.md.tmp"), []byte("b"), 0o644)
	os.Rename(filepath.Join(root, "content/news/a.md.tmp"), filepath.Join(root, "content/news/a.md"))
	if got := next(); !slices.Equal(got, []string{"content/news/a.md"}) {
		t.Errorf("atomic save: %v", got)
	}
	// A new folder with a file, then a file written in it later.
	os.MkdirAll(filepath.Join(root, "content/events/2022"), 0o755)
	os.WriteFile(filepath.Join(root, "content/events/2022/x.md"), []byte("x"), 0o644)
	got := next()
	if !slices.Contains(got, "content/events/2022/x.md") && !slices.Contains(got, "content/events") {
		t.Errorf("new folder: %v", got)
	}
	time.Sleep(100 * time.Millisecond)
	os.WriteFile(filepath.Join(root, "content/events/2022/y.md"), []byte("y"), 0o644)
	if got := next(); !slices.Contains(got, "content/events/2022/y.md") {
		t.Errorf("file in the new folder: %v", got)
	}
	os.Remove(filepath.Join(root, "content/news/a.md"))
	if got := next(); !slices.Equal(got, []string{"content/news/a.md"}) {
		t.Errorf("removal: %v", got)
	}
}
