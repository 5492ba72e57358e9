package serve

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"relais/internal/build"
	"relais/internal/search"
	"relais/internal/site"
	"relais/internal/testsite"
)

// running is a server started on a free port in a copy of a test site.
type running struct {
	t    *testing.T
	root string
	url  string
	srv  *Server
	log  *syncBuffer
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func start(t *testing.T) *running {
	t.Helper()
	return startSite(t, "reseau")
}

// startSite serves a test site of testdata/sites, with the base URL of its
// comment if it has one (as the URL environment variable gives it).
func startSite(t *testing.T, name string) *running {
	t.Helper()
	site, err := testsite.Extract("../../testdata/sites/"+name+".txtar", t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	r := &running{t: t, root: site.Root, log: &syncBuffer{}}
	ready := make(chan string, 1)
	r.srv = New(Config{Build: build.Config{Root: site.Root, NowText: site.Now, BaseURL: site.BaseURL}, Addr: "127.0.0.1:0", Log: r.log,
		Ready: func(url string) { ready <- url }})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- r.srv.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("Run: %v", err)
			}
		case <-time.After(5 * time.Second):
			t.Error("the server did not stop")
		}
	})
	select {
	case r.url = <-ready:
	case err := <-done:
		t.Fatalf("the server stopped: %v", err)
	case <-time.After(10 * time.Second):
		t.Fatal("the server did not start")
	}
	return r
}

// fetch gets url and returns the status, the content type and the body.
func fetch(t *testing.T, url string) (int, string, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header.Get("Content-Type"), string(body)
}

// stream opens the live-reload stream at url and returns its lines.
func stream(t *testing.T, url string) <-chan string {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("%s: content type %q", url, ct)
	}
	lines := make(chan string, 16)
	go func() {
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	return lines
}

// waitLine waits for the line want on a stream.
func waitLine(t *testing.T, lines <-chan string, want string) {
	t.Helper()
	timeout := time.After(2 * time.Second)
	for {
		select {
		case l := <-lines:
			if l == want {
				return
			}
		case <-timeout:
			t.Fatalf("no %q", want)
		}
	}
}

func (r *running) get(p string) (int, string) {
	r.t.Helper()
	resp, err := http.Get(r.url + p)
	if err != nil {
		r.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// within polls the page until cond holds, for at most d.
func (r *running) within(d time.Duration, p string, cond func(string) bool) string {
	r.t.Helper()
	deadline := time.Now().Add(d)
	var body string
	for time.Now().Before(deadline) {
		_, body = r.get(p)
		if cond(body) {
			return body
		}
		time.Sleep(10 * time.Millisecond)
	}
	r.t.Fatalf("%s did not change within %v; log:\n%s\npage:\n%s", p, d, r.log.String(), body)
	return ""
}

func (r *running) write(rel, text string) {
	r.t.Helper()
	p := filepath.Join(r.root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		r.t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		r.t.Fatal(err)
	}
}

const news = "---\ntitle: %s\ndate: \"2021-09-30\"\npartner: mission-locale\nminutes: \"2021-09-30\"\n---\n\nLa Mission locale ouvre une permanence.\n"

func newsFile(title string) string { return strings.Replace(news, "%s", title, 1) }

func TestServeEditShowsWithinASecond(t *testing.T) {
	r := start(t)
	code, page := r.get("/actualites/ml-permanence/")
	if code != 200 || !strings.Contains(page, "Nouvelle permanence à Amboise") || !strings.Contains(page, `src="/_relais/live.js"`) {
		t.Fatalf("first page (%d):\n%s", code, page)
	}
	if !strings.Contains(page, `href="`+r.url+`/actualites/ml-permanence/"`) {
		t.Errorf("the canonical link does not point at the local server:\n%s", page)
	}
	r.write("content/news/ml-permanence.md", newsFile("Permanence déplacée à Loches"))
	r.within(time.Second, "/actualites/ml-permanence/", func(b string) bool { return strings.Contains(b, "Permanence déplacée à Loches") })
	// The lists that show it follow.
	r.within(time.Second, "/actualites/", func(b string) bool { return strings.Contains(b, "Permanence déplacée à Loches") })
}

func TestServeAtomicSave(t *testing.T) {
	r := start(t)
	// As vim does: write a new file beside the original, rename it over.
	tmp := filepath.Join(r.root, "content/news/.ml-permanence.md.swp")
	os.WriteFile(tmp, []byte("swap"), 0o644)
	r.write("content/news/ml-permanence.md~", newsFile("Sauvegarde atomique"))
	if err := os.Rename(filepath.Join(r.root, "content/news/ml-permanence.md~"), filepath.Join(r.root, "content/news/ml-permanence.md")); err != nil {
		t.Fatal(err)
	}
	os.Remove(tmp)
	r.within(time.Second, "/actualites/ml-permanence/", func(b string) bool { return strings.Contains(b, "Sauvegarde atomique") })
}

func TestServeNewFolder(t *testing.T) {
	r := start(t)
	r.write("content/events/2022/salon.md", "---\ntitle: Salon de printemps\nstart: \"2022-03-15\"\n---\n")
	r.within(time.Second, "/agenda/", func(b string) bool { return strings.Contains(b, "Salon de printemps") })
	// Files written later in the new folder are seen too.
	time.Sleep(100 * time.Millisecond)
	r.write("content/events/2022/forum.md", "---\ntitle: Forum d'automne\nstart: \"2022-10-15\"\n---\n")
	r.within(time.Second, "/agenda/", func(b string) bool { return strings.Contains(b, "Forum d&#39;automne") })
}

func TestServeErrorOverlayAndRecovery(t *testing.T) {
	r := start(t)
	r.write("content/news/ml-permanence.md", "---\ntitle: Cassé\ndate: \"2021-13-45\"\npartner: mission-locale\n---\n")
	page := r.within(time.Second, "/actualites/ml-permanence/", func(b string) bool { return strings.Contains(b, "relais-errors") })
	if !strings.Contains(page, `content/news/ml-permanence.md:3: date: invalid date &#34;2021-13-45&#34;: month 13 does not exist`) {
		t.Errorf("the overlay does not name the file and line:\n%s", page)
	}
	if !strings.Contains(page, "Nouvelle permanence à Amboise") {
		t.Error("the last good page is not served under the overlay")
	}
	if _, other := r.get("/agenda/"); !strings.Contains(other, "relais-errors") {
		t.Error("other pages do not show the overlay")
	}
	if n := strings.Count(r.log.String(), "month 13 does not exist"); n != 1 {
		t.Errorf("the terminal printed the error %d times:\n%s", n, r.log.String())
	}
	r.write("content/news/ml-permanence.md", newsFile("Réparé"))
	page = r.within(time.Second, "/actualites/ml-permanence/", func(b string) bool { return strings.Contains(b, "Réparé") })
	if strings.Contains(page, "relais-errors") {
		t.Error("the overlay stays after the fix")
	}
}

func TestServeBurstGivesFewRebuilds(t *testing.T) {
	r := start(t)
	before := r.srv.Builds()
	// A loaded machine can pause this goroutine for longer than the
	// watcher's quiet time (10 ms) between two writes, which rightly ends a
	// burst: count those pauses, and allow a rebuild for each of them.
	pauses := 0
	last := time.Now()
	for i := range 20 {
		r.write("content/news/ml-permanence.md", newsFile("Version "+strings.Repeat("x", i)))
		if now := time.Now(); now.Sub(last) > 8*time.Millisecond {
			pauses++
		}
		last = time.Now()
		time.Sleep(2 * time.Millisecond)
	}
	r.within(2*time.Second, "/actualites/ml-permanence/", func(b string) bool { return strings.Contains(b, "Version "+strings.Repeat("x", 19)+"<") })
	time.Sleep(200 * time.Millisecond)
	if n := r.srv.Builds() - before; n > 2+pauses {
		t.Errorf("20 writes with %d pauses of the writer gave %d rebuilds", pauses, n)
	}
}

// equalsFullBuild checks that what the server serves is, byte for byte,
// what a full build of the same sources gives.
func (r *running) equalsFullBuild() {
	t := r.t
	t.Helper()
	served, err := r.srv.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	full, _, err := build.Render(build.Config{Root: r.root, NowText: "2021-10-01T12:00", BaseURL: r.url})
	if err != nil {
		t.Fatal(err)
	}
	if len(served) != len(full) {
		t.Errorf("served %d files, a full build has %d", len(served), len(full))
	}
	for p, b := range full {
		if !bytes.Equal(served[p], b) {
			t.Errorf("%s differs from a full build", p)
		}
	}
}

// TestServeEqualsFullBuild: after edits, what the server serves is, byte
// for byte, what a full build of the same sources gives.
func TestServeEqualsFullBuild(t *testing.T) {
	r := start(t)
	r.write("content/news/ml-permanence.md", newsFile("Titre changé"))
	r.write("content/events/2022/salon.md", "---\ntitle: Salon\nstart: \"2022-03-15\"\n---\nVoir la [permanence](../../news/ml-permanence.md).\n")
	os.Remove(filepath.Join(r.root, "content/events/bilan.md"))
	r.within(time.Second, "/agenda/", func(b string) bool { return strings.Contains(b, "Salon") && !strings.Contains(b, "Réunion de bilan") })
	r.equalsFullBuild()
}

func TestServeLiveReloadEvents(t *testing.T) {
	r := start(t)
	lines := stream(t, r.url+"/_relais/events?path=/actualites/ml-permanence/")
	waitFor := func(want string) { t.Helper(); waitLine(t, lines, want) }
	waitFor(": relais")
	r.write("content/news/ml-permanence.md", newsFile("Rechargé"))
	waitFor("event: reload")
	r.write("layouts/assets/relais.css", "body { color: #222; }\n")
	waitFor("event: css")
	if _, css := r.get("/assets/relais.css"); css != "body { color: #222; }\n" {
		t.Errorf("the new stylesheet is not served: %q", css)
	}
}

func TestServeFilesAndTypes(t *testing.T) {
	r := start(t)
	tests := []struct {
		path, ctype string
		code        int
	}{
		{"/", "text/html; charset=utf-8", 200},
		{"/agenda.ics", "text/calendar; charset=utf-8", 200},
		{"/feed.xml", "application/rss+xml; charset=utf-8", 200},
		{"/feed.json", "application/feed+json; charset=utf-8", 200},
		{"/agenda.json", "application/json; charset=utf-8", 200},
		{"/sitemap.xml", "application/xml; charset=utf-8", 200},
		{"/docs/charte.txt", "text/plain; charset=utf-8", 200},
		{"/nulle-part/", "text/html; charset=utf-8", 404},
	}
	for _, tt := range tests {
		code, ctype, body := fetch(t, r.url+tt.path)
		if code != tt.code || ctype != tt.ctype {
			t.Errorf("%s: %d %q", tt.path, code, ctype)
		}
		if tt.code == 404 && !strings.Contains(body, "Page introuvable") {
			t.Errorf("%s: not the site's 404 page", tt.path)
		}
	}
}

// TestServeStopsCleanly: once stopped, the port is free and the server's
// goroutines (watcher, HTTP, live-reload streams) are gone.
func TestServeStopsCleanly(t *testing.T) {
	site, err := testsite.Extract("../../testdata/sites/minimal.txtar", t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	before := runtime.NumGoroutine()
	ready := make(chan string, 1)
	srv := New(Config{Build: build.Config{Root: site.Root, NowText: site.Now}, Addr: "127.0.0.1:0", Ready: func(u string) { ready <- u }})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Run(ctx) }()
	url := <-ready
	resp, err := http.Get(url + "/_relais/events?path=/")
	if err != nil {
		t.Fatal(err)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	ln, err := net.Listen("tcp", strings.TrimPrefix(url, "http://"))
	if err != nil {
		t.Fatalf("the port is not freed: %v", err)
	}
	ln.Close()
	http.DefaultClient.CloseIdleConnections()
	deadline := time.Now().Add(2 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before {
		buf := make([]byte, 1<<16)
		t.Errorf("%d goroutines left running (%d before):\n%s", n-before, before, buf[:runtime.Stack(buf, true)])
	}
}

// TestServeStalePageReloads: a page served before a rebuild, whose events
// stream connects after it, is told to reload at once.
func TestServeStalePageReloads(t *testing.T) {
	r := start(t)
	_, page := r.get("/agenda/")
	if !strings.Contains(page, `src="/_relais/live.js" data-build="1"`) {
		t.Fatalf("the page does not say its build:\n%s", page)
	}
	r.write("content/news/ml-permanence.md", newsFile("Entre-temps"))
	r.within(time.Second, "/actualites/ml-permanence/", func(b string) bool { return strings.Contains(b, "Entre-temps") })
	client := &http.Client{Timeout: 3 * time.Second} // a failure ends instead of hanging
	resp, err := client.Get(r.url + "/_relais/events?path=/agenda/&build=1")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	sc := bufio.NewScanner(resp.Body)
	for sc.Scan() {
		if sc.Text() == "event: reload" {
			return
		}
	}
	t.Error("no reload for a page of an older build")
}

// TestServeUnderBasePath: a site published under a path is served under it,
// as it will be online: pages, assets, static files and the live-reload
// stream; the server's root leads to it; a URL outside it is not the site's.
func TestServeUnderBasePath(t *testing.T) {
	r := startSite(t, "sous-dossier")
	origin, ok := strings.CutSuffix(r.url, "/sous/dossier")
	if !ok {
		t.Fatalf("the site's URL %q is not under /sous/dossier", r.url)
	}
	if !strings.Contains(r.log.String(), "relais: serving "+r.url+"/ ") {
		t.Errorf("the terminal does not give the site's URL:\n%s", r.log.String())
	}
	noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for _, p := range []string{"/", "/sous/dossier"} {
		resp, err := noFollow.Get(origin + p)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if loc := resp.Header.Get("Location"); resp.StatusCode != http.StatusFound || loc != "/sous/dossier/" {
			t.Errorf("%s: %d to %q, want a redirect to /sous/dossier/", p, resp.StatusCode, loc)
		}
	}
	code, page := r.get("/agenda/")
	for _, want := range []string{
		`<link rel="canonical" href="` + r.url + `/agenda/">`,
		`<link rel="stylesheet" href="/sous/dossier/assets/relais.css">`,
		`<script src="/sous/dossier/_relais/live.js" data-build="1" defer>`,
		`<a href="/sous/dossier/agenda/forum-emploi/">`,
	} {
		if code != 200 || !strings.Contains(page, want) {
			t.Errorf("/sous/dossier/agenda/ (%d) lacks %s", code, want)
		}
	}
	tests := []struct {
		url, ctype string
		code       int
	}{
		{r.url + "/", "text/html; charset=utf-8", 200},
		{r.url + "/assets/relais.css", "text/css; charset=utf-8", 200},
		{r.url + "/_relais/live.js", "text/javascript; charset=utf-8", 200},
		{r.url + "/images/plan-acces.svg", "image/svg+xml", 200},
		{r.url + "/agenda/forum-emploi.ics", "text/calendar; charset=utf-8", 200},
		{r.url + "/nulle/part/", "text/html; charset=utf-8", 404},
		{origin + "/agenda/", "text/html; charset=utf-8", 404}, // a link that forgot the path
		{origin + "/assets/relais.css", "text/html; charset=utf-8", 404},
	}
	for _, tt := range tests {
		code, ctype, body := fetch(t, tt.url)
		if code != tt.code || ctype != tt.ctype {
			t.Errorf("%s: %d %q", tt.url, code, ctype)
		}
		if tt.code == 404 && !strings.Contains(body, `<a href="/sous/dossier/plan-du-site/">`) {
			t.Errorf("%s: not the site's 404 page, with its links under the path:\n%s", tt.url, body)
		}
	}

	// Two open pages: the one whose news item changes reloads, the other
	// is told nothing (the pages' paths are read under the base path).
	changed := stream(t, r.url+"/_relais/events?path=/sous/dossier/actualites/cio-horaires/")
	same := stream(t, r.url+"/_relais/events?path=/sous/dossier/accessibilite/")
	waitLine(t, changed, ": relais")
	waitLine(t, same, ": relais")
	r.write("content/news/cio-horaires.md", "---\ntitle: Horaires d'hiver du CIO\ndate: \"2021-09-20\"\npartner: cio-vendome\n---\n\nFermé le samedi.\n")
	waitLine(t, changed, "event: reload")
	waitLine(t, changed, "data: /actualites/cio-horaires/")
	quiet := time.After(200 * time.Millisecond)
	for waiting := true; waiting; {
		select {
		case l := <-same:
			if l != "" { // the blank line that ends the stream's first comment
				t.Errorf("the unchanged page got %q", l)
			}
		case <-quiet:
			waiting = false
		}
	}
	r.within(time.Second, "/actualites/cio-horaires/", func(b string) bool { return strings.Contains(b, "Horaires d&#39;hiver du CIO") })
}

// servedIndex reads the search index as the search page's script does:
// the manifest, then the shards and the document chunks it lists.
func (r *running) servedIndex() *search.Index {
	r.t.Helper()
	ix := &search.Index{Files: map[string][]byte{}}
	get := func(p string) []byte {
		code, b := r.get(site.SearchIndexURL + p)
		if code != 200 {
			r.t.Fatalf("%s%s: %d", site.SearchIndexURL, p, code)
		}
		ix.Files[p] = []byte(b)
		return []byte(b)
	}
	var m struct {
		N, Chunk int
		Shards   []string
	}
	if err := json.Unmarshal(get(search.ManifestFile), &m); err != nil {
		r.t.Fatal(err)
	}
	for i := range m.Shards {
		get(search.ShardFile(i))
	}
	for c := 0; c*m.Chunk < m.N; c++ {
		get(search.DocFile(c))
	}
	return ix
}

// TestServeSearchFollowsEdits: after an edit, the served index finds the
// new words and no longer the old ones, and the search page changes with
// it (so that an open one reloads).
func TestServeSearchFollowsEdits(t *testing.T) {
	r := start(t)
	_, before := r.get("/recherche/")
	if got, _ := r.servedIndex().Query("amboise "); !slices.Contains(got, "/actualites/ml-permanence/") {
		t.Fatalf("amboise finds %q", got)
	}
	r.write("content/news/ml-permanence.md", newsFile("Permanence déplacée à Loches"))
	r.within(time.Second, "/recherche/", func(b string) bool { return b != before })
	ix := r.servedIndex()
	// The news, then its partner's page, which lists its title.
	if got, _ := ix.Query("loches "); !slices.Equal(got, []string{"/actualites/ml-permanence/", "/partenaires/mission-locale/"}) {
		t.Errorf("after the edit, loches finds %q", got)
	}
	if got, _ := ix.Query("amboise "); slices.Contains(got, "/actualites/ml-permanence/") {
		t.Errorf("after the edit, amboise still finds %q", got)
	}
}

// TestServePatchedEditsWhileServing: edits that the session patches in
// place (a news title, an event's place, a meeting's text) while pages are
// fetched all the time: each open page reloads once with its new text, the
// pages fetched meanwhile are whole, and in the end the server serves, byte
// for byte, what a full build gives (with -race in CI: no page is rendered
// while the model changes).
func TestServePatchedEditsWhileServing(t *testing.T) {
	r := start(t)
	newsPage := "/actualites/ml-permanence/"
	lines := stream(t, r.url+"/_relais/events?path="+newsPage)
	waitLine(t, lines, ": relais")
	stop := make(chan struct{})
	var fetchers sync.WaitGroup
	for _, p := range []string{"/", "/agenda/", newsPage, "/releves/2021-09-30/", "/partenaires/mission-locale/"} {
		fetchers.Go(func() {
			for {
				select {
				case <-stop:
					return
				default:
				}
				resp, err := http.Get(r.url + p)
				if err != nil {
					t.Error(err)
					return
				}
				b, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				if resp.StatusCode != 200 || !bytes.HasSuffix(bytes.TrimSpace(b), []byte("</html>")) {
					t.Errorf("%s: status %d, %d bytes", p, resp.StatusCode, len(b))
					return
				}
			}
		})
	}
	for i := range 5 {
		title := fmt.Sprintf("Permanence numéro %d", i)
		r.write("content/news/ml-permanence.md", newsFile(title))
		waitLine(t, lines, "event: reload")
		r.within(time.Second, newsPage, func(b string) bool { return strings.Contains(b, title) })
	}
	r.write("content/events/bilan.md", "---\ntitle: Réunion de bilan\nstart: \"2021-09-30T14:00\"\nend: \"2021-09-30T16:00\"\nlocation: Blois\nminutes: \"2021-09-30\"\n---\n")
	r.write("content/minutes/2021-09-30.md", "---\ntitle: Réunion de rentrée\ndate: \"2021-09-30\"\n---\n\nLe relevé, complété.\n")
	r.within(time.Second, "/releves/2021-09-30/", func(b string) bool { return strings.Contains(b, "complété") && strings.Contains(b, "Blois") })
	close(stop)
	fetchers.Wait()
	if !strings.Contains(r.log.String(), "rebuilt in") {
		t.Fatalf("log:\n%s", r.log.String())
	}
	if n := r.srv.Patched(); n < 5 {
		t.Errorf("%d rebuilds were patches, want at least 5; log:\n%s", n, r.log.String())
	}
	r.equalsFullBuild()
}
