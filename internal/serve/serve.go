// Package serve is relais serve: it builds the site, serves it from memory,
// watches the sources and rebuilds after each edit, and reloads the pages
// open in browsers (Server-Sent Events). A failed rebuild keeps the last good
// site online, with the errors shown over every page until they are fixed.
package serve

import (
	"bytes"
	"context"
	"embed"
	"errors"
	"fmt"
	"html"
	"io"
	"net"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"relais/internal/build"
	"relais/internal/diag"
	"relais/internal/render"
	"relais/internal/watch"
)

//go:embed assets
var assets embed.FS

// Config says what to serve and where.
type Config struct {
	Build build.Config // Root, Drafts, Now, BaseURL...; Origin is set to the server's address
	Addr  string       // host:port to listen on; port 0 picks a free one
	Log   io.Writer    // where each rebuild is reported in one line
	// Ready, when set, is called with the site's URL once the server listens:
	// the server's address, and the base URL's path when it has one.
	Ready func(url string)
	// Watch tunes the batching of file events.
	Watch watch.Options
}

// Server serves one site.
type Server struct {
	cfg     Config
	session *build.Session
	state   atomic.Pointer[state]
	mu      sync.Mutex
	clients map[*client]bool
	builds  atomic.Int64
	patched atomic.Int64
	// rendering is held for reading while a page is rendered, and for
	// writing while the session patches the plan in place after an edit.
	rendering sync.RWMutex
}

// state is one result of a build: the last good plan, and the errors of the
// last build when it failed. It is never changed once stored.
type state struct {
	gen    int64        // the build's number: a page knows which build it comes from
	plan   *render.Plan // nil when no build has succeeded yet
	errors []string     // the last build's problems, "file:line: message"
	memo   sync.Map     // path → []byte: pages rendered on request
	// lock is the server's rendering lock: the plan may be patched in
	// place by the next build (its pages were rendered first, see rebuild).
	lock *sync.RWMutex
}

// client is a page open in a browser, listening for reloads.
type client struct {
	path string // the page's path from the site's root
	send chan string
}

// New returns a server for the site; Run starts it.
func New(cfg Config) *Server {
	if cfg.Log == nil {
		cfg.Log = io.Discard
	}
	return &Server{cfg: cfg, clients: map[*client]bool{}}
}

// Run serves until ctx is done, then stops the watcher, closes the
// connections and frees the port.
func (s *Server) Run(ctx context.Context) error {
	cfg := s.cfg
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listening on %s: %w", cfg.Addr, err)
	}
	origin := "http://" + ln.Addr().String()
	cfg.Build.Origin = origin
	s.cfg.Build.Origin = origin
	s.session = build.NewSession(cfg.Build)
	s.session.Watched()
	s.session.Lock = &s.rendering
	start := time.Now()
	s.rebuild(nil)
	st := s.state.Load()
	if st.errors == nil {
		fmt.Fprintf(cfg.Log, "relais: built in %d ms\n", time.Since(start).Milliseconds())
	}
	url := origin + st.basePath()
	w, err := watch.New(cfg.Build.Root, []string{"content", "layouts", "static"}, cfg.Watch)
	if err != nil {
		ln.Close()
		return fmt.Errorf("watching %s: %w", cfg.Build.Root, err)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var wg sync.WaitGroup
	wg.Go(func() { w.Run(ctx) })
	srv := &http.Server{Handler: s, BaseContext: func(net.Listener) context.Context { return ctx }}
	wg.Go(func() { _ = srv.Serve(ln) })
	fmt.Fprintf(cfg.Log, "relais: serving %s/ (Ctrl-C to stop)\n", url)
	if cfg.Ready != nil {
		cfg.Ready(url)
	}
	for {
		select {
		case <-ctx.Done():
			shutdown, stop := context.WithTimeout(context.Background(), 2*time.Second)
			err := srv.Shutdown(shutdown)
			stop()
			wg.Wait()
			if errors.Is(err, context.DeadlineExceeded) {
				return nil // slow clients were cut off
			}
			return err
		case batch := <-w.Batches():
			s.rebuild(batch)
		case err := <-w.Errors():
			fmt.Fprintf(cfg.Log, "relais: watching: %v\n", err)
		}
	}
}

// Builds returns the number of builds done so far, the first one included.
func (s *Server) Builds() int { return int(s.builds.Load()) }

// Patched returns how many of the builds patched the site in place (see
// build.Session.Plan).
func (s *Server) Patched() int { return int(s.patched.Load()) }

// rebuild builds after the files of batch changed, swaps the state in, and
// tells the open pages. It runs on Run's goroutine only.
func (s *Server) rebuild(batch []string) {
	start := time.Now()
	s.builds.Add(1)
	old := s.state.Load()
	if old != nil && old.errors == nil {
		// The session may patch this plan in place: what the open pages
		// show now is kept first, to compare after.
		s.notify(func(c *client) string {
			_, _ = old.render(outputName(c.path))
			return ""
		})
	}
	s.session.Forget(batch...)
	before := s.session.Patched()
	plan, _, err := s.session.Plan()
	s.patched.Add(int64(s.session.Patched() - before))
	changed := describe(batch)
	if err != nil {
		next := &state{gen: s.builds.Load(), errors: problemLines(err), lock: &s.rendering}
		if old != nil {
			next.plan = old.plan
		}
		s.state.Store(next)
		if old == nil || !equal(old.errors, next.errors) {
			fmt.Fprintf(s.cfg.Log, "relais: %s: the site cannot be built, the last good one is still served:\n", changed)
			for _, line := range next.errors {
				fmt.Fprintf(s.cfg.Log, "  %s\n", line)
			}
		}
		s.notify(func(*client) string { return "reload" })
		return
	}
	next := &state{gen: s.builds.Load(), plan: plan, lock: &s.rendering}
	s.state.Store(next)
	if old == nil {
		return
	}
	cssOnly := len(batch) > 0
	for _, p := range batch {
		cssOnly = cssOnly && strings.HasSuffix(p, ".css")
	}
	var rendered, reloaded int
	s.notify(func(c *client) string {
		switch {
		case old.errors != nil || old.plan == nil:
			reloaded++
			return "reload" // the overlay must go
		case cssOnly:
			reloaded++
			return "css"
		}
		name := outputName(c.path)
		before, errBefore := old.render(name)
		after, errAfter := next.render(name)
		rendered++
		if errBefore != nil || errAfter != nil || !bytes.Equal(before, after) || touchesStatic(batch) {
			reloaded++
			return "reload"
		}
		return ""
	})
	if old.errors != nil {
		fmt.Fprintf(s.cfg.Log, "relais: %s: fixed; rebuilt in %d ms\n", changed, time.Since(start).Milliseconds())
		return
	}
	fmt.Fprintf(s.cfg.Log, "relais: %s: rebuilt in %d ms, %d open %s re-rendered, %d reloaded\n",
		changed, time.Since(start).Milliseconds(), rendered, plural(rendered, "page", "pages"), reloaded)
}

func touchesStatic(batch []string) bool {
	for _, p := range batch {
		if strings.HasPrefix(p, "static/") {
			return true
		}
	}
	return false
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// describe names what changed, shortly: "content/news/a.md", "3 files".
func describe(batch []string) string {
	switch len(batch) {
	case 0:
		return "start"
	case 1:
		return batch[0] + " changed"
	case 2, 3:
		return strings.Join(batch, ", ") + " changed"
	}
	return fmt.Sprintf("%d files changed", len(batch))
}

func problemLines(err error) []string {
	var list diag.List
	if errors.As(err, &list) {
		list.Sort()
		lines := make([]string, len(list))
		for i, e := range list {
			lines[i] = e.Error()
		}
		return lines
	}
	return []string{err.Error()}
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// notify sends each open page the message decide returns ("" for none).
func (s *Server) notify(decide func(*client) string) {
	s.mu.Lock()
	clients := make([]*client, 0, len(s.clients))
	for c := range s.clients {
		clients = append(clients, c)
	}
	s.mu.Unlock()
	sort.Slice(clients, func(i, j int) bool { return clients[i].path < clients[j].path })
	for _, c := range clients {
		if msg := decide(c); msg != "" {
			select {
			case c.send <- msg:
			default: // a slow page gets the next one
			}
		}
	}
}

// render renders one output file of the state, once.
func (st *state) render(name string) ([]byte, error) {
	if b, ok := st.memo.Load(name); ok {
		return b.([]byte), nil
	}
	if !st.has(name) {
		return nil, os.ErrNotExist
	}
	st.lock.RLock()
	b, err := st.plan.Render(name)
	st.lock.RUnlock()
	if err != nil {
		return nil, err
	}
	// The first bytes kept stay: a request that waited on a patch of the
	// plan must not replace what rebuild kept of the page before it.
	kept, _ := st.memo.LoadOrStore(name, b)
	return kept.([]byte), nil
}

// has reports whether name is an output file of the state's plan.
func (st *state) has(name string) bool {
	if st.plan == nil {
		return false
	}
	st.lock.RLock()
	defer st.lock.RUnlock()
	return st.plan.Has(name)
}

// outputName maps a request path to an output file: "/agenda/" to
// "agenda/index.html".
func outputName(p string) string {
	clean := path.Clean("/" + p)
	name := strings.TrimPrefix(clean, "/")
	if strings.HasSuffix(p, "/") || name == "" {
		if name != "" {
			name += "/"
		}
		name += "index.html"
	}
	return name
}

// contentTypes are the media types of the site's files.
var contentTypes = map[string]string{
	".html": "text/html; charset=utf-8",
	".css":  "text/css; charset=utf-8",
	".js":   "text/javascript; charset=utf-8",
	".svg":  "image/svg+xml",
	".ics":  "text/calendar; charset=utf-8",
	".xml":  "application/xml; charset=utf-8",
	".json": "application/json; charset=utf-8",
	".txt":  "text/plain; charset=utf-8",
}

func contentType(name string) string {
	switch name {
	case "feed.json":
		return "application/feed+json; charset=utf-8"
	}
	if strings.HasSuffix(name, "/feed.xml") || name == "feed.xml" {
		return "application/rss+xml; charset=utf-8"
	}
	if t, ok := contentTypes[path.Ext(name)]; ok {
		return t
	}
	return ""
}

// ServeHTTP serves the site, the live-reload script and its events. A site
// whose base URL has a path is served under that path only, as it will be
// published: a link that forgets the path fails here too. The server's root
// sends visitors to the site.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	st := s.state.Load()
	base := st.basePath()
	p, inside := sitePath(r.URL.Path, base)
	switch p {
	case "/_relais/events":
		s.events(w, r, base)
		return
	case "/_relais/live.js", "/_relais/live.css":
		b, _ := assets.ReadFile("assets/" + path.Base(p))
		w.Header().Set("Content-Type", contentType(p))
		w.Header().Set("Cache-Control", "no-store")
		w.Write(b)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	if !inside {
		if r.URL.Path == "/" || r.URL.Path == base {
			http.Redirect(w, r, base+"/", http.StatusFound)
			return
		}
		s.notFound(w, r, st)
		return
	}
	name := outputName(p)
	if b, err := st.render(name); err == nil {
		s.write(w, st, name, b, http.StatusOK)
		return
	} else if !errors.Is(err, os.ErrNotExist) {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	if !strings.HasSuffix(p, "/") && st.has(name+"/index.html") {
		http.Redirect(w, r, r.URL.Path+"/", http.StatusMovedPermanently)
		return
	}
	// On Windows a request's path can hold backslashes or a drive letter,
	// which path.Clean leaves alone: IsLocal keeps it inside static/.
	if static := filepath.Join(s.cfg.Build.Root, "static", filepath.FromSlash(name)); filepath.IsLocal(filepath.FromSlash(name)) && isFile(static) {
		if t := contentType(name); t != "" {
			w.Header().Set("Content-Type", t)
		}
		http.ServeFile(w, r, static)
		return
	}
	s.notFound(w, r, st)
}

// notFound answers with the site's error page.
func (s *Server) notFound(w http.ResponseWriter, r *http.Request, st *state) {
	if st.plan == nil {
		s.write(w, st, "index.html", []byte("<!DOCTYPE html>\n<html lang=\"fr\"><head><meta charset=\"utf-8\"><title>relais</title></head><body></body></html>"), http.StatusInternalServerError)
		return
	}
	b, err := st.render("404.html")
	if err != nil {
		http.NotFound(w, r)
		return
	}
	s.write(w, st, "404.html", b, http.StatusNotFound)
}

// sitePath returns the path of a request from the site's root, and whether
// the request is inside the site: under its base path ("/reseau/agenda/"
// gives "/agenda/"). The live-reload files are found at the server's root
// too (a page served before the base path changed still asks there).
func sitePath(p, base string) (string, bool) {
	if base == "" {
		return p, true
	}
	if rest, ok := strings.CutPrefix(p, base); ok && strings.HasPrefix(rest, "/") {
		return rest, true
	}
	return p, strings.HasPrefix(p, "/_relais/")
}

// basePath is the path the site of the state is served under ("" at the
// root, and before the first good build).
func (st *state) basePath() string {
	if st == nil || st.plan == nil {
		return ""
	}
	return st.plan.Site().BasePath
}

func isFile(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.Mode().IsRegular()
}

// write sends a file; HTML pages get the live-reload script and, while the
// sources do not build, the errors.
func (s *Server) write(w http.ResponseWriter, st *state, name string, b []byte, status int) {
	w.Header().Set("Content-Type", contentType(name))
	if strings.HasSuffix(name, ".html") {
		b = inject(b, st.errors, st.gen, st.basePath())
	}
	w.WriteHeader(status)
	w.Write(b)
}

// inject adds the live-reload script and the error overlay to a page. The
// script says which build the page comes from, so that a page served just
// before a rebuild, whose events stream connects after it, still reloads.
func inject(page []byte, errs []string, gen int64, base string) []byte {
	liveTags := fmt.Sprintf(`<link rel="stylesheet" href="%[1]s/_relais/live.css"><script src="%[1]s/_relais/live.js" data-build="%[2]d" defer></script>`, html.EscapeString(base), gen)
	var b bytes.Buffer
	head := bytes.Index(page, []byte("</head>"))
	if head < 0 {
		head = 0
	}
	b.Grow(len(page) + 512)
	b.Write(page[:head])
	b.WriteString(liveTags)
	rest := page[head:]
	if len(errs) > 0 {
		end := bytes.LastIndex(rest, []byte("</body>"))
		if end < 0 {
			end = len(rest)
		}
		b.Write(rest[:end])
		b.WriteString(`<div class="relais-errors" role="alert"><h2>relais : la dernière modification ne peut pas être publiée</h2><pre>`)
		b.WriteString(html.EscapeString(strings.Join(errs, "\n")))
		b.WriteString(`</pre><p>La page affichée est la dernière version correcte. Corrigez le fichier indiqué : la page se recharge d'elle-même.</p></div>`)
		b.Write(rest[end:])
		return b.Bytes()
	}
	b.Write(rest)
	return b.Bytes()
}

// events streams reload messages to one open page (Server-Sent Events). The
// page says its path, under the base path.
func (s *Server) events(w http.ResponseWriter, r *http.Request, base string) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	c := &client{path: r.URL.Query().Get("path"), send: make(chan string, 4)}
	if c.path == "" {
		c.path = "/"
	}
	c.path, _ = sitePath(c.path, base)
	s.mu.Lock()
	s.clients[c] = true
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.clients, c)
		s.mu.Unlock()
	}()
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	fmt.Fprint(w, "retry: 1000\n: relais\n\n")
	if b := r.URL.Query().Get("build"); b != "" && b != strconv.FormatInt(s.state.Load().gen, 10) {
		fmt.Fprintf(w, "event: reload\ndata: %s\n\n", c.path) // a build happened since the page was served
	}
	flusher.Flush()
	for {
		select {
		case <-r.Context().Done():
			return
		case msg := <-c.send:
			fmt.Fprintf(w, "event: %s\ndata: %s\n\n", msg, c.path)
			flusher.Flush()
		}
	}
}

// Snapshot renders every file of the site as currently served, for tests
// that compare it with a full build.
func (s *Server) Snapshot() (render.Output, error) {
	st := s.state.Load()
	if st.plan == nil {
		return nil, errors.New("no build has succeeded")
	}
	st.lock.RLock()
	defer st.lock.RUnlock()
	return st.plan.All()
}
