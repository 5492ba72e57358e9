// Command searchbench compares the search of relais with Pagefind's on a
// built site in headless Chromium: for each query it loads relais's search
// page with the query, and a page that asks Pagefind's JavaScript API for
// the same query and the data of its first ten results, and reports the
// bytes each fetched (from the browser's performance entries: the bodies as
// sent, gzip-compressed as a static host such as Netlify sends text) and
// how many of the first ten results they share. scripts/bench-search runs
// it after building the generated site and running Pagefind on it.
//
//	searchbench -dir public [-chromium /usr/bin/chromium] [-top 10]
package main

import (
	"compress/gzip"
	"context"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"relais/internal/search"
)

// Queries are sensible French searches on the generated site's text
// (internal/gen/text.go and data.go): what partners of an orientation
// network would look for.
var Queries = []string{
	"forum des métiers", "apprentissage", "mission locale", "alternance", "handicap",
	"reconversion", "ateliers CV", "mobilité", "stages collégiens", "bilan de compétences",
	"information jeunesse", "demandeurs d'emploi", "entreprises du territoire", "orientation",
	"lycée professionnel", "remobilisation", "découverte des métiers", "permanences",
	"immersion professionnelle", "chambre de métiers",
}

func main() {
	dir := flag.String("dir", "", "the built site, with Pagefind's index in pagefind/")
	chromium := flag.String("chromium", "/usr/bin/chromium", "the Chromium to run")
	top := flag.Int("top", 10, "how many first results to compare")
	verbose := flag.Bool("v", false, "print the first results of both")
	only := flag.String("q", "", "run this query only")
	flag.Parse()
	if *dir == "" {
		log.Fatal("searchbench: -dir is required")
	}
	root, sent, stop, err := serve(*dir)
	if err != nil {
		log.Fatal(err)
	}
	defer stop()
	ctx, cancel := browser(*chromium)
	defer cancel()
	if _, err := chromedp.Call(ctx, network.SetCacheDisabled, network.SetCacheDisabledParams{CacheDisabled: true}); err != nil {
		log.Fatal(err)
	}
	ix, err := search.Read(os.DirFS(filepath.Join(*dir, "recherche", "index")))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%-28s %10s %10s %6s %6s %8s %8s\n", "query", "relais B", "Pagefind B", "relais", "Pf", "overlap", "Pf found")
	var sumR, sumP, maxR, maxP int
	var overlap, compared float64
	var foundAll, foundOf int
	queries := Queries
	if *only != "" {
		queries = []string{*only}
	}
	for _, q := range queries {
		sent.reset()
		r, err := relais(ctx, root, q, *top)
		if err != nil {
			log.Fatalf("relais %q: %v", q, err)
		}
		if b := sent.sum(relaisFile); b != r.Bytes {
			log.Printf("relais %q: the browser counts %d bytes, the server sent %d", q, r.Bytes, b)
			r.Bytes = max(r.Bytes, b)
		}
		sent.reset()
		p, err := pagefind(ctx, root, q, *top)
		if err != nil {
			log.Fatalf("pagefind %q: %v", q, err)
		}
		// Pagefind fetches from a worker, whose requests the page's
		// performance entries do not list: the server's count is used.
		p.Bytes = max(p.Bytes, sent.sum(func(p string) bool { return strings.HasPrefix(p, "/pagefind/") }))
		shared := 0
		for _, u := range r.URLs {
			if slices.Contains(p.URLs, u) {
				shared++
			}
		}
		n := min(len(r.URLs), len(p.URLs))
		ratio := "-"
		if n > 0 {
			ratio = fmt.Sprintf("%d/%d", shared, n)
			overlap += float64(shared)
			compared += float64(n)
		}
		// Pagefind's first results that relais finds at all, further down.
		all, err := ix.Query(q)
		if err != nil {
			log.Fatal(err)
		}
		found := 0
		for _, u := range p.URLs {
			if slices.Contains(all, u) {
				found++
			}
		}
		foundAll += found
		foundOf += len(p.URLs)
		fmt.Printf("%-28s %10d %10d %6d %6d %8s %5d/%d\n", q, r.Bytes, p.Bytes, r.Total, p.Total, ratio, found, len(p.URLs))
		if *verbose {
			for i := range max(len(r.URLs), len(p.URLs)) {
				fmt.Printf("    %-60s %s\n", at(r.URLs, i), at(p.URLs, i))
			}
			for p, b := range sent.bytes {
				fmt.Printf("      %s %d\n", p, b)
			}
		}
		sumR += r.Bytes
		sumP += p.Bytes
		maxR, maxP = max(maxR, r.Bytes), max(maxP, p.Bytes)
	}
	n := len(queries)
	fmt.Printf("\nbytes fetched a query: relais mean %d, max %d; Pagefind mean %d, max %d\n", sumR/n, maxR, sumP/n, maxP)
	fmt.Printf("top-%d overlap over the %d queries: %.0f%%\n", *top, n, 100*overlap/max(compared, 1))
	fmt.Printf("Pagefind's first %d results that relais finds too: %.0f%%\n", *top, 100*float64(foundAll)/float64(max(foundOf, 1)))
}

func at(l []string, i int) string {
	if i < len(l) {
		return l[i]
	}
	return ""
}

// result is what one search fetched and found.
type result struct {
	Bytes int      // bodies fetched for the search, as sent
	Total int      // results found
	URLs  []string // the first ones' paths
}

// bytesOf sums the bodies of the resources whose URL passes the test.
const bytesOf = `performance.getEntriesByType("resource").filter(e => %s).reduce((n, e) => n + e.encodedBodySize, 0)`

func relais(ctx context.Context, root, q string, top int) (result, error) {
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate(root+"/recherche/?q="+url.QueryEscape(q))); err != nil {
		return result{}, err
	}
	settled := `(() => {
		const s = document.getElementById("search-status").textContent;
		if (document.getElementById("search-results").getAttribute("aria-busy") !== "false" || !/résultat/.test(s)) return false;
		const n = /^Aucun/.test(s) ? 0 : parseInt(s.replace(/\s/g, ""), 10);
		const ex = [...document.querySelectorAll("#search-results .search-excerpt")];
		return ex.length === Math.min(n, 10) && ex.every(e => e.textContent.length > 0);
	})()`
	if err := chromedp.Do(ctx, chromedp.Poll[chromedp.Void](settled, chromedp.WithPollingTimeout(50*time.Second))); err != nil {
		return result{}, err
	}
	// The script, the index and the pages fetched for the excerpts.
	test := `e.name.includes("/recherche/index/") || e.name.includes("/assets/search.js") || e.initiatorType === "fetch"`
	return chromedp.Run(ctx, chromedp.Evaluate[result](fmt.Sprintf(`({
		Bytes: %s,
		Total: parseInt(document.getElementById("search-status").textContent.replace(/\s/g, ""), 10) || 0,
		URLs: [...document.querySelectorAll("#search-results h2 a")].slice(0, %d).map(a => new URL(a.href).pathname),
	})`, fmt.Sprintf(bytesOf, test), top)))
}

func pagefind(ctx context.Context, root, q string, top int) (result, error) {
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate(root+"/404.html")); err != nil {
		return result{}, err
	}
	return chromedp.Run(ctx, chromedp.Evaluate[result](fmt.Sprintf(`(async () => {
		const pf = await import("/pagefind/pagefind.js");
		const r = await pf.search(%q);
		const data = await Promise.all(r.results.slice(0, %d).map(x => x.data()));
		return {
			Bytes: %s,
			Total: r.results.length,
			URLs: data.map(d => new URL(d.url, location.href).pathname),
		};
	})()`, q, top, fmt.Sprintf(bytesOf, `e.name.includes("/pagefind/")`)), chromedp.EvalAwaitPromise))
}

func browser(chromium string) (context.Context, context.CancelFunc) {
	tmp, err := os.MkdirTemp("", "searchbench-")
	if err != nil {
		log.Fatal(err)
	}
	opts := append(slices.Clone(chromedp.DefaultExecAllocatorOptions[:]),
		chromedp.ExecPath(chromium), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(tmp))
	allocCtx, allocCancel := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(allocCtx)
	if err := chromedp.Do(ctx); err != nil {
		log.Fatalf("searchbench: start %s: %v", chromium, err)
	}
	return ctx, func() { cancel(); allocCancel(); os.RemoveAll(tmp) }
}

// relaisFile tells the files a search on relais's page fetches: its
// script, the index and the pages of the results (for their excerpts).
func relaisFile(p string) bool {
	return p == "/assets/search.js" || strings.HasPrefix(p, "/recherche/index/") ||
		strings.HasSuffix(p, "/") && p != "/recherche/"
}

// counter adds up the bytes the server sent, by path.
type counter struct {
	mu    sync.Mutex
	bytes map[string]int
}

func (c *counter) reset() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.bytes = map[string]int{}
}

func (c *counter) add(p string, n int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.bytes[p] += n
}

func (c *counter) sum(keep func(string) bool) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := 0
	for p, b := range c.bytes {
		if keep(p) {
			n += b
		}
	}
	return n
}

// counting counts what goes through w.
type counting struct {
	http.ResponseWriter
	add func(int)
}

func (c counting) Write(b []byte) (int, error) {
	n, err := c.ResponseWriter.Write(b)
	c.add(n)
	return n, err
}

// serve serves dir on the loopback interface, compressing text with gzip
// as static hosts do (Pagefind's index files are compressed already), and
// counts the bytes of the bodies it sends.
func serve(dir string) (string, *counter, func(), error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, nil, err
	}
	files := http.FileServer(http.Dir(dir))
	sent := &counter{bytes: map[string]int{}}
	srv := &http.Server{Handler: http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		var w http.ResponseWriter = counting{rw, func(n int) { sent.add(r.URL.Path, n) }}
		switch path.Ext(r.URL.Path) {
		case ".json", ".js", ".html", ".css", ".svg", "":
			if strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
				w.Header().Set("Content-Encoding", "gzip")
				w.Header().Add("Vary", "Accept-Encoding")
				gz := gzip.NewWriter(w)
				defer gz.Close()
				files.ServeHTTP(gzipWriter{w, gz}, r)
				return
			}
		}
		files.ServeHTTP(w, r)
	})}
	go srv.Serve(l)
	return "http://" + l.Addr().String(), sent, func() { srv.Close() }, nil
}

type gzipWriter struct {
	http.ResponseWriter
	w io.Writer
}

func (g gzipWriter) Write(b []byte) (int, error) { return g.w.Write(b) }

// WriteHeader drops the length of the uncompressed file.
func (g gzipWriter) WriteHeader(code int) {
	g.ResponseWriter.Header().Del("Content-Length")
	g.ResponseWriter.WriteHeader(code)
}
