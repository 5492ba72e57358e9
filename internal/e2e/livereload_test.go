package e2e

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"relais/internal/build"
	relaisserve "relais/internal/serve"
	"relais/internal/testsite"
)

// TestE2ELiveReload opens a page of relais serve in Chromium, edits the news
// item it shows, and waits for the page to show the new title by itself; then
// breaks the file and waits for the error overlay, and fixes it.
func TestE2ELiveReload(t *testing.T) {
	tl := needTools(t)
	site, err := testsite.Extract("../../testdata/sites/reseau.txtar", t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	ready := make(chan string, 1)
	srv := relaisserve.New(relaisserve.Config{Build: build.Config{Root: site.Root, NowText: site.Now}, Addr: "127.0.0.1:0",
		Ready: func(u string) { ready <- u }})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Run(ctx) }()
	defer func() { cancel(); <-done }()
	root := <-ready

	tab := newTab(t, startBrowser(t, tl.chromium))
	if err := navigate(tab, root, "/actualites/ml-permanence/"); err != nil {
		t.Fatal(err)
	}
	// A marker that a reload would wipe out.
	mark := func() {
		c, cancel := context.WithTimeout(tab, pageTimeout)
		defer cancel()
		if _, err := chromedp.Run(c, chromedp.Evaluate[bool](`window.relaisMarker = true`)); err != nil {
			t.Fatal(err)
		}
	}
	waitFor := func(what, js string) {
		t.Helper()
		deadline := time.Now().Add(5 * time.Second)
		for time.Now().Before(deadline) {
			c, cancel := context.WithTimeout(tab, pageTimeout)
			ok, err := chromedp.Run(c, chromedp.Evaluate[bool](js))
			cancel()
			if err == nil && ok {
				return
			}
			time.Sleep(50 * time.Millisecond)
		}
		t.Fatalf("the open page did not %s", what)
	}
	mark()
	file := filepath.Join(site.Root, "content/news/ml-permanence.md")
	orig, _ := os.ReadFile(file)
	edit := strings.Replace(string(orig), "Nouvelle permanence à Amboise", "Permanence à Loches", 1)
	if err := os.WriteFile(file, []byte(edit), 0o644); err != nil {
		t.Fatal(err)
	}
	waitFor("reload with the new title", `!window.relaisMarker && document.querySelector("h1").textContent === "Permanence à Loches"`)

	mark()
	if err := os.WriteFile(file, []byte(strings.Replace(edit, "2021-09-30", "2021-09-31", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	waitFor("show the error overlay", `!window.relaisMarker && !!document.querySelector(".relais-errors") && document.querySelector(".relais-errors").textContent.includes("content/news/ml-permanence.md:3")`)

	if err := os.WriteFile(file, []byte(edit), 0o644); err != nil {
		t.Fatal(err)
	}
	waitFor("recover from the error", `!document.querySelector(".relais-errors") && document.querySelector("h1").textContent === "Permanence à Loches"`)
}
