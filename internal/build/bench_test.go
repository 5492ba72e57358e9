package build

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"relais/internal/content"
	"relais/internal/date"
	"relais/internal/gen"
	"relais/internal/markdown"
	"relais/internal/render"
	"relais/internal/site"
)

// The benchmarks build generated sites (internal/gen) of 1,000 and 10,000
// content files. Each site is generated once per process, on first use, into
// a folder under os.TempDir that TestMain removes; every run of a build or
// write benchmark writes into a new empty output folder. The outputs are
// removed at the end only: on ext4 without a journal, files created in the
// minutes after thousands were deleted are several times slower to create
// (the allocator skips the recently freed inode numbers one by one: see
// scripts/bench-vs-hugo).
//
//	go test -run x -bench . -benchtime 1x ./internal/build/
//
// pages/s counts the HTML pages of the site (what relais build reports as
// "built N pages"), for the whole build and for each stage alike.

// benchSite is a generated site.
type benchSite struct {
	root string
	err  error
}

// stages holds what each stage produces on the 10k site, made once, so that
// each stage's benchmark starts from the previous stage's result. It is made
// only when a stage benchmark runs, so that the whole-build benchmarks run
// without it on the heap.
type stages struct {
	pages int // HTML pages of the built site
	now   time.Time
	tree  *content.Tree
	model *site.Site
	theme *render.Theme
	out   render.Output
}

var (
	benchDir  string // the folder of the generated sites; TestMain removes it
	benchRoot = sync.OnceValues(func() (string, error) {
		d, err := os.MkdirTemp("", "relais-bench-")
		benchDir = d
		return d, err
	})
	site1k    = sync.OnceValue(func() benchSite { return generate(1000) })
	site10k   = sync.OnceValue(func() benchSite { return generate(10000) })
	stages10k = sync.OnceValues(func() (*stages, error) { return prepare(site10k().root) })
)

func TestMain(m *testing.M) {
	code := m.Run()
	if benchDir != "" {
		os.RemoveAll(benchDir)
	}
	os.Exit(code)
}

func generate(n int) benchSite {
	dir, err := benchRoot()
	if err != nil {
		return benchSite{err: err}
	}
	root := filepath.Join(dir, fmt.Sprint("site-", n))
	return benchSite{root: root, err: gen.Write(root, gen.Options{Pages: n, Seed: 1})}
}

func siteOf(b *testing.B, get func() benchSite) string {
	b.Helper()
	s := get()
	if s.err != nil {
		b.Fatalf("generating the site: %v", s.err)
	}
	return s.root
}

func stagesOf(b *testing.B) *stages {
	b.Helper()
	siteOf(b, site10k)
	st, err := stages10k()
	if err != nil {
		b.Fatalf("building the generated site: %v", err)
	}
	runtime.GC() // start each timing from the same clean heap
	return st
}

// prepare runs each stage once on the site at root.
func prepare(root string) (*stages, error) {
	tree, problems := content.Load(os.DirFS(root))
	if err := problems.Err(); err != nil {
		return nil, err
	}
	now, err := date.Parse(gen.Now, tree.Settings.Location)
	if err != nil {
		return nil, err
	}
	st := &stages{tree: tree, now: now.Time()}
	model, problems := site.Build(tree, markdown.New(), site.Options{Now: st.now})
	if err := problems.Err(); err != nil {
		return nil, err
	}
	st.model = model
	if st.theme, err = render.LoadTheme(nil, model.Language, model.BasePath); err != nil {
		return nil, err
	}
	if st.out, err = render.All(model, st.theme); err != nil {
		return nil, err
	}
	for p := range st.out {
		if strings.HasSuffix(p, ".html") {
			st.pages++
		}
	}
	return st, nil
}

func reportPages(b *testing.B, pages int) {
	b.ReportMetric(float64(pages)*float64(b.N)/b.Elapsed().Seconds(), "pages/s")
}

// benchBuild times whole builds (load, model, render, write) into a new
// empty output folder each time.
func benchBuild(b *testing.B, get func() benchSite) {
	root := siteOf(b, get)
	tmp := b.TempDir()
	pages := 0
	runtime.GC()
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		cfg := Config{Root: root, Out: filepath.Join(tmp, fmt.Sprint("public-", i)), NowText: gen.Now}
		sum, err := Run(cfg)
		if err != nil {
			b.Fatal(err)
		}
		pages = 0
		for _, n := range sum.Pages {
			pages += n
		}
	}
	reportPages(b, pages)
}

func BenchmarkBuild1k(b *testing.B)  { benchBuild(b, site1k) }
func BenchmarkBuild10k(b *testing.B) { benchBuild(b, site10k) }

// BenchmarkLoad times content.Load on the 10k site: reading and splitting
// the files, and decoding their front matter.
func BenchmarkLoad(b *testing.B) {
	st := stagesOf(b)
	fsys := os.DirFS(site10k().root)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if _, problems := content.Load(fsys); problems.Err() != nil {
			b.Fatal(problems.Err())
		}
	}
	reportPages(b, st.pages)
}

// BenchmarkModel times site.Build on the loaded 10k site: references,
// cross-file rules, sorting and the Markdown of every body.
func BenchmarkModel(b *testing.B) {
	st := stagesOf(b)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if _, problems := site.Build(st.tree, markdown.New(), site.Options{Now: st.now}); problems.Err() != nil {
			b.Fatal(problems.Err())
		}
	}
	reportPages(b, st.pages)
}

// BenchmarkRender times render.All on the 10k model: every page, feed and
// calendar, in memory.
func BenchmarkRender(b *testing.B) {
	st := stagesOf(b)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if _, err := render.All(st.model, st.theme); err != nil {
			b.Fatal(err)
		}
	}
	reportPages(b, st.pages)
}

// BenchmarkWrite times Write of the rendered 10k site into a new empty
// output folder each time.
func BenchmarkWrite(b *testing.B) {
	st := stagesOf(b)
	tmp := b.TempDir()
	static := filepath.Join(site10k().root, "static")
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		dir := filepath.Join(tmp, fmt.Sprint("public-", i))
		if err := Write(st.out, dir, static); err != nil {
			b.Fatal(err)
		}
	}
	reportPages(b, st.pages)
}

// BenchmarkSearchIndex times the search index of the 10k model: every
// body's words folded and stemmed, grouped and written into shards. Compare
// with BenchmarkBuild10k: it must add at most a tenth.
func BenchmarkSearchIndex(b *testing.B) {
	st := stagesOf(b)
	b.ReportAllocs()
	b.ResetTimer()
	files := 0
	for range b.N {
		files = len(render.SearchIndex(st.model).Files)
	}
	b.ReportMetric(float64(files), "files")
}
