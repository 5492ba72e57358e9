package serve

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"relais/internal/build"
	"relais/internal/gen"
)

// BenchmarkEditToServed measures the time from saving one news file to its
// new title being served, on the example site and on a generated site of
// 10,000 pages, as a browser showing the page sees it: its live-reload
// stream says "reload", then the page is fetched (the server re-renders the
// open page to decide, as it does for a browser).
func BenchmarkEditToServed(b *testing.B) {
	b.Run("example", func(b *testing.B) {
		root := b.TempDir()
		if err := os.CopyFS(filepath.Join(root, "content"), os.DirFS("../../content")); err != nil {
			b.Fatal(err)
		}
		benchEdit(b, root, "2021-10-01", "content/news/cap-emploi-accueil-agences-pole-emploi.md", "/actualites/cap-emploi-accueil-agences-pole-emploi/")
	})
	b.Run("10k", func(b *testing.B) {
		root := b.TempDir()
		if err := gen.Write(root, gen.Options{Pages: 10000, Seed: 1}); err != nil {
			b.Fatal(err)
		}
		news, _ := filepath.Glob(filepath.Join(root, "content/news/*/*.md"))
		if len(news) == 0 {
			news, _ = filepath.Glob(filepath.Join(root, "content/news/*.md"))
		}
		sort.Strings(news)
		rel, _ := filepath.Rel(root, news[len(news)/2])
		slug := strings.TrimSuffix(filepath.Base(rel), ".md")
		benchEdit(b, root, gen.Now, filepath.ToSlash(rel), "/actualites/"+slug+"/")
	})
}

func benchEdit(b *testing.B, root, now, file, page string) {
	ready := make(chan string, 1)
	srv := New(Config{Build: build.Config{Root: root, NowText: now}, Addr: "127.0.0.1:0", Ready: func(u string) { ready <- u }})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Run(ctx) }()
	defer func() { cancel(); <-done }()
	url := <-ready
	path := filepath.Join(root, filepath.FromSlash(file))
	orig, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	get := func() string {
		resp, err := http.Get(url + page)
		if err != nil {
			b.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		return string(body)
	}
	if !strings.Contains(get(), "<h1>") {
		b.Fatalf("%s is not served", page)
	}
	// The page's live-reload stream, as the page's script opens it.
	resp, err := http.Get(url + "/_relais/events?path=" + page)
	if err != nil {
		b.Fatal(err)
	}
	defer resp.Body.Close()
	events := make(chan string, 16)
	go func() {
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			if e, ok := strings.CutPrefix(sc.Text(), "event: "); ok {
				events <- e
			}
		}
		close(events)
	}()
	b.ResetTimer()
	var total time.Duration
	for i := 0; b.Loop(); i++ {
		title := fmt.Sprintf("Titre modifié numéro %d", i)
		text := strings.Replace(string(orig), "title:", "title: \""+title+"\"\nx_old_title:", 1)
		text = removeOldTitle(text)
		start := time.Now()
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			b.Fatal(err)
		}
		select {
		case e := <-events:
			if e != "reload" {
				b.Fatalf("event %q, want reload", e)
			}
		case <-time.After(10 * time.Second):
			b.Fatalf("no reload 10 s after the edit")
		}
		if !strings.Contains(get(), title) {
			b.Fatalf("reloaded, but the page does not show the new title")
		}
		total += time.Since(start)
	}
	b.ReportMetric(float64(total.Milliseconds())/float64(b.N), "ms/edit")
}

// removeOldTitle drops the line that held the previous title.
func removeOldTitle(text string) string {
	var out []string
	for _, l := range strings.Split(text, "\n") {
		if !strings.HasPrefix(l, "x_old_title:") {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}
