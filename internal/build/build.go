// Package build runs a whole build: load the content, build the model, render
// every file, then write the site. It owns the output folder: the new site is
// written into a temporary folder beside it and swapped in only when
// everything succeeded, so the output folder always holds a whole site.
package build

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"relais/internal/content"
	"relais/internal/date"
	"relais/internal/diag"
	"relais/internal/markdown"
	"relais/internal/render"
	"relais/internal/site"
)

// Config says what to build and where.
type Config struct {
	Root    string    // the folder holding content/, layouts/ and static/
	Out     string    // the output folder; default Root/public
	Now     time.Time // the build's "now"
	NowText string    // when set, "now" as written (2021-10-01 or 2021-10-01T09:00), read in the site's zone; wins over Now
	BaseURL string    // overrides base_url of the settings
	Origin  string    // when set, replaces the base URL's scheme and host, keeping its path (relais serve)
	Drafts  bool      // include drafts
	DryRun  bool      // validate and render, write nothing (relais check)
}

// Summary tells what a build did.
type Summary struct {
	Pages    map[string]int // pages written by kind ("event", "news"...)
	Files    int            // every file written, static files included
	Warnings diag.List
	Elapsed  time.Duration
	Now      time.Time
	// Next is when the output next changes by itself (an event ends, a
	// registration closes): the site should be rebuilt then. Zero when never.
	Next site.Change
}

// Run builds the site. Problems in the sources come back as a diag.List
// (test with errors.As); the warnings of a successful build are in the summary.
func Run(cfg Config) (*Summary, error) {
	start := time.Now()
	if cfg.Out == "" {
		cfg.Out = filepath.Join(cfg.Root, "public")
	}
	plan, sum, err := newOneShot(cfg).Plan()
	if err != nil {
		return sum, err
	}
	if cfg.DryRun {
		// Render every file all the same: templates can fail on some data.
		if err := plan.Check(); err != nil {
			return sum, err
		}
	} else if err := Write(plan, cfg.Out, filepath.Join(cfg.Root, "static")); err != nil {
		// Each file is written as soon as it is rendered: the site is never
		// whole in memory.
		return sum, err
	}
	sum.Files = len(plan.Paths())
	for _, p := range plan.Paths() {
		if strings.HasSuffix(p, ".html") {
			sum.Pages[kindOf(p)]++
		}
	}
	sum.Elapsed = time.Since(start)
	return sum, nil
}

// Render loads, models and renders the site in memory.
func Render(cfg Config) (render.Output, *Summary, error) {
	plan, sum, err := newOneShot(cfg).Plan()
	if err != nil {
		return nil, sum, err
	}
	out, err := plan.All()
	if err != nil {
		return nil, sum, err
	}
	return out, sum, nil
}

// Session builds the same site again and again, as relais serve does after
// each edit, keeping what did not change: parsed files and converted bodies.
// A session's plans equal a fresh build's, byte for byte.
type Session struct {
	cfg    Config
	md     *markdown.Converter
	files  *content.Cache
	bodies *site.Cache
	// theme is parsed again only when a file of layouts/ changed (or the
	// site's language, whose words are written into the templates, or its
	// base path, which relURL writes).
	theme      *render.Theme
	themeLang  string
	themeBase  string
	themeDirty bool
	// oneShot: the session makes one plan (relais build, check) and keeps
	// nothing for the next: no cache, and each body's Markdown is let go
	// once converted (285 MB of 968 when the model of a 100,000-page site
	// is largest).
	oneShot bool

	// Lock, when set, is held while the session changes the plan it
	// returned last (see Plan): relais serve renders pages under its read
	// side.
	Lock sync.Locker

	last    *lastPlan // the last plan made, to patch after an edit
	changed []string  // the files forgotten since
	patched int       // how many plans were patches of the one before
}

// lastPlan is the session's last plan, with what it was made of.
type lastPlan struct {
	tree      *content.Tree
	model     *site.Site
	plan      *render.Plan
	loadWarns diag.List // the warnings of loading the content
	sum       Summary
}

// NewSession starts a session.
func NewSession(cfg Config) *Session {
	return &Session{cfg: cfg, md: markdown.New(), files: content.NewCache(), bodies: site.NewCache()}
}

// newOneShot starts a session that makes one plan.
func newOneShot(cfg Config) *Session {
	return &Session{cfg: cfg, md: markdown.New(), oneShot: true}
}

// Watched tells the session that Forget will hear of every change to the
// sources (a file watcher runs), so that a rebuild after edits of Markdown
// files need not walk the whole content tree again.
func (s *Session) Watched() { s.files.Watched = true }

// Forget tells the session that these files (relative to the site root, with
// forward slashes) changed.
func (s *Session) Forget(paths ...string) {
	s.files.Forget(paths...)
	s.changed = append(s.changed, paths...)
	for _, p := range paths {
		if strings.HasPrefix(p, "layouts/") || p == "layouts" {
			s.themeDirty = true
		}
	}
}

// Plan loads and models the site and plans its output, without rendering
// it: pages are rendered when asked for.
//
// After edits that only change what the pages show of news items, events,
// minutes and partners (see site.Patch), the plan is the last one, patched
// in place with the session's Lock held: as fast on a site of 100,000
// files as on one of 100. Otherwise it is made anew.
func (s *Session) Plan() (*render.Plan, *Summary, error) {
	changed := s.changed
	s.changed = nil
	plan, sum, loaded := s.patch(changed)
	if plan != nil {
		s.patched++
		return plan, sum, nil
	}
	s.last = nil
	model, tree, sum, loadWarns, err := s.model(loaded)
	if err != nil {
		return nil, sum, err
	}
	theme, err := s.themeFor(model)
	if err != nil {
		return nil, sum, err
	}
	sum.Next, _ = model.NextChange()
	plan = render.NewPlan(model, theme)
	if err := checkStatic(filepath.Join(s.cfg.Root, "static"), plan); err != nil {
		return nil, sum, err
	}
	if !s.oneShot {
		s.last = &lastPlan{tree: tree, model: model, plan: plan, loadWarns: loadWarns, sum: *sum}
	}
	return plan, sum, nil
}

// Patched tells how many of the session's plans were patches of the plan
// before.
func (s *Session) Patched() int { return s.patched }

// loadedTree is a load of the content, with its problems.
type loadedTree struct {
	tree     *content.Tree
	problems diag.List
}

// patch patches the last plan after edits of the files changed, when
// site.Patch can. When it cannot, it returns what it loaded (nil when it
// did not load), for the build that follows.
func (s *Session) patch(changed []string) (*render.Plan, *Summary, *loadedTree) {
	last := s.last
	if last == nil || len(changed) == 0 || s.themeDirty {
		return nil, nil, nil
	}
	for _, p := range changed {
		if sec := content.SectionOf(p); sec == "pages" || sec == "" || path.Ext(p) != ".md" {
			return nil, nil, nil
		}
	}
	tree, problems := content.LoadCached(newSourceFS(s.cfg.Root), s.files)
	loaded := &loadedTree{tree, slices.Clone(problems)}
	if tree == nil || problems.Err() != nil || !sameMessages(problems, last.loadWarns) ||
		len(tree.News) != len(last.tree.News) || len(tree.Events) != len(last.tree.Events) ||
		len(tree.Minutes) != len(last.tree.Minutes) || len(tree.Partners) != len(last.tree.Partners) {
		return nil, nil, loaded
	}
	edits := make([]site.Edit, 0, len(changed))
	for _, p := range changed {
		old, now := last.tree.Doc(p), tree.Doc(p)
		if old == nil || now == nil {
			return nil, nil, loaded // added or removed
		}
		edits = append(edits, site.Edit{Old: old, New: now})
	}
	now, err := s.now(tree)
	if err != nil {
		return nil, nil, loaded
	}
	if s.Lock != nil {
		s.Lock.Lock()
		defer s.Lock.Unlock()
	}
	changes, ok := site.Patch(last.model, tree, edits, s.md, s.siteOptions(now))
	if !ok {
		return nil, nil, loaded
	}
	last.plan.Refresh(changes)
	last.tree = tree
	sum := last.sum
	sum.Pages = map[string]int{}
	return last.plan, &sum, nil
}

// sameMessages reports whether two lists hold the same problems.
func sameMessages(a, b diag.List) bool {
	return slices.EqualFunc(a, b, func(x, y *diag.Error) bool { return x.Error() == y.Error() })
}

// now is the build's "now": --now when given, read in the site's zone.
func (s *Session) now(tree *content.Tree) (time.Time, error) {
	if s.cfg.NowText == "" {
		return s.cfg.Now, nil
	}
	v, err := date.Parse(s.cfg.NowText, tree.Settings.Location)
	if err != nil {
		return time.Time{}, fmt.Errorf("--now: %v", err)
	}
	return v.Time(), nil
}

// siteOptions are the options of site.Build for this session at now.
func (s *Session) siteOptions(now time.Time) site.Options {
	cfg := s.cfg
	return site.Options{Now: now, Drafts: cfg.Drafts, BaseURL: cfg.BaseURL, Origin: cfg.Origin, Cache: s.bodies, ReleaseSources: s.oneShot}
}

// model loads the content, unless loaded has it already, and builds the
// model. loadWarns are the warnings of loading alone.
func (s *Session) model(loaded *loadedTree) (model *site.Site, tree *content.Tree, sum *Summary, loadWarns diag.List, err error) {
	sum = &Summary{Pages: map[string]int{}}
	if loaded == nil {
		loaded = &loadedTree{}
		loaded.tree, loaded.problems = content.LoadCached(newSourceFS(s.cfg.Root), s.files)
	}
	tree, problems := loaded.tree, loaded.problems
	if tree == nil {
		return nil, nil, sum, nil, problems
	}
	loadWarns = slices.Clone(problems)
	now, err := s.now(tree)
	if err != nil {
		return nil, nil, sum, nil, err
	}
	sum.Now = now.In(tree.Settings.Location)
	model, more := site.Build(tree, s.md, s.siteOptions(now))
	if problems.Err() != nil {
		// The model's own problems are reported too, so that one run shows them all.
		problems.Append(more.Fatal())
		return nil, nil, sum, nil, dedupe(problems)
	}
	problems.Append(more)
	sum.Warnings = problems.Warnings()
	sum.Warnings.Sort()
	if err := problems.Err(); err != nil {
		return nil, nil, sum, nil, err
	}
	return model, tree, sum, loadWarns, nil
}

// themeFor parses the theme, again only when layouts/ or the language changed.
func (s *Session) themeFor(model *site.Site) (*render.Theme, error) {
	cfg := s.cfg
	if s.theme == nil || s.themeDirty || s.themeLang != model.Language || s.themeBase != model.BasePath {
		var layouts fs.FS
		if fi, err := os.Stat(filepath.Join(cfg.Root, "layouts")); err == nil && fi.IsDir() {
			layouts = os.DirFS(filepath.Join(cfg.Root, "layouts"))
		}
		theme, err := render.LoadTheme(layouts, model.Language, model.BasePath)
		if err != nil {
			return nil, err
		}
		s.theme, s.themeLang, s.themeBase, s.themeDirty = theme, model.Language, model.BasePath, false
	}
	return s.theme, nil
}

// dedupe drops problems reported twice (a file's own problem seen again by the model).
func dedupe(l diag.List) diag.List {
	seen := map[string]bool{}
	var out diag.List
	for _, e := range l {
		if k := e.Error(); !seen[k] {
			seen[k] = true
			out = append(out, e)
		}
	}
	out.Sort()
	return out
}

// kindOf names the kind of page at an output path, for the summary.
func kindOf(p string) string {
	parts := strings.Split(p, "/")
	switch {
	case p == "index.html":
		return "home"
	case p == "404.html":
		return "404"
	case p == "agenda/widget/index.html":
		return "widget"
	case parts[0] == "agenda" && len(parts) == 2, p == "agenda/archives/index.html":
		return "agenda"
	case parts[0] == "agenda":
		return "event"
	case parts[0] == "releves" && len(parts) == 4 && parts[2] == "lettre":
		return "newsletter"
	case parts[0] == "releves" && len(parts) == 2:
		return "minutes list"
	case parts[0] == "releves":
		return "minutes"
	case parts[0] == "actualites" && (len(parts) == 2 || parts[1] == "page"):
		return "news list"
	case parts[0] == "actualites":
		return "news"
	case parts[0] == "partenaires" && len(parts) == 2:
		return "partners list"
	case parts[0] == "partenaires":
		return "partner"
	case parts[0] == "plan-du-site":
		return "site plan"
	case p == "recherche/index.html":
		return "search"
	}
	return "page"
}

// checkStatic refuses static files that would replace a generated file.
func checkStatic(dir string, plan *render.Plan) error {
	var errs diag.List
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && p == dir {
				return fs.SkipAll
			}
			return err
		}
		if isHidden(d.Name()) && p != dir {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		if plan.Has(rel) {
			errs.Add(diag.Pos{File: path.Join("static", rel)}, "replaces the generated /%s: remove it, or override the template in layouts/ instead", rel)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("reading static/: %w", err)
	}
	return errs.Err()
}

// KindsSorted lists the page kinds of a summary in a stable order.
func (s *Summary) KindsSorted() []string {
	kinds := make([]string, 0, len(s.Pages))
	for k := range s.Pages {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	return kinds
}
