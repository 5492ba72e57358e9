package importer

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing/fstest"
	"time"

	"relais/internal/content"
	"relais/internal/date"
	"relais/internal/diag"
	"relais/internal/markdown"
	"relais/internal/site"
)

// Config says what to import where.
type Config struct {
	Root    string // the site's folder, the one holding content/
	File    string // the relevé: .docx, .txt or .md
	Meeting string // the meeting's day (2021-09-23) when the relevé does not say it; "" to read it
	DryRun  bool   // write nothing
}

// Draft is a file the import writes.
type Draft struct {
	Path string // relative to the site root, with forward slashes
	Data []byte
}

// Result is what an import made and what the reviewer should check.
type Result struct {
	Drafts  []Draft
	Points  diag.List // one per point to check, as warnings
	Minutes int
	News    int
	Events  int
	// Partners counts the new draft partners (labels that match none of the site's).
	Partners int
}

// Summary returns the report's last line: "1 minutes, 6 news, 5 events, 0 new
// partners; 7 points to check".
func (r *Result) Summary() string {
	n := len(r.Points)
	pts := "points"
	if n == 1 {
		pts = "point"
	}
	partners := "partners"
	if r.Partners == 1 {
		partners = "partner"
	}
	return fmt.Sprintf("%d minutes, %d news, %d events, %d new %s; %d %s to check", r.Minutes, r.News, r.Events, r.Partners, partners, n, pts)
}

// Read reads a relevé into blocks, by its file name's extension.
func Read(name string, data []byte) ([]Block, error) {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".docx":
		return ReadDocx(data)
	case ".txt", ".text":
		return ReadText(data), nil
	case ".md", ".markdown":
		return ReadMarkdown(data), nil
	}
	return nil, fmt.Errorf("%s: unsupported file type %q: give a .docx, .txt or .md file", name, filepath.Ext(name))
}

// Import reads the relevé, drafts its files, checks them with the rest of the site and,
// unless DryRun, writes them. Nothing is written when the drafts would not pass: the
// error is then a diag.List of their problems.
func Import(cfg Config) (*Result, error) {
	data, err := os.ReadFile(cfg.File)
	if err != nil {
		return nil, fmt.Errorf("cannot read the relevé: %w", err)
	}
	blocks, err := Read(cfg.File, data)
	if err != nil {
		return nil, err
	}
	siteFS := os.DirFS(cfg.Root)
	settings, problems := content.LoadSettings(siteFS)
	if settings == nil {
		return nil, problems.Err()
	}
	var meeting date.Value
	if cfg.Meeting != "" {
		meeting, err = date.Parse(cfg.Meeting, settings.Location)
		if err != nil || !meeting.IsDay() {
			return nil, fmt.Errorf("--meeting: give the meeting's day as 2021-09-23")
		}
	}
	tree, _ := content.Load(siteFS)
	var partners []Partner
	if tree != nil {
		for _, p := range tree.Partners {
			partners = append(partners, Partner{Slug: p.Slug, Title: p.Title, Short: p.Short})
		}
	}
	taken, err := takenSlugs(siteFS)
	if err != nil {
		return nil, err
	}
	res, err := Draw(blocks, partners, taken, settings.Location, meeting)
	if err != nil {
		return nil, err
	}
	return res, commit(cfg.Root, siteFS, res, cfg.DryRun)
}

// commit checks the drafts with the site and writes them, unless dryRun.
func commit(root string, siteFS fs.FS, res *Result, dryRun bool) error {
	if err := validate(siteFS, res.Drafts); err != nil {
		return err
	}
	if dryRun {
		return nil
	}
	return write(root, res.Drafts)
}

// takenSlugs returns the file names (without .md) of each section of the site's
// content, in every sub-folder: a draft takes none of them.
func takenSlugs(fsys fs.FS) (map[string]map[string]bool, error) {
	taken := map[string]map[string]bool{}
	err := fs.WalkDir(fsys, content.Root, func(p string, de fs.DirEntry, err error) error {
		if errors.Is(err, fs.ErrNotExist) && p == content.Root {
			return fs.SkipAll
		}
		if err != nil {
			return err
		}
		if de.IsDir() || !strings.HasSuffix(p, ".md") {
			return nil
		}
		sec := content.SectionOf(p)
		if taken[sec] == nil {
			taken[sec] = map[string]bool{}
		}
		taken[sec][strings.TrimSuffix(path.Base(p), ".md")] = true
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("reading the site: %w", err)
	}
	return taken, nil
}

// Partner is a partner of the site, which paragraph labels are matched against.
type Partner struct{ Slug, Title, Short string }

// Draw drafts the files of a relevé read into blocks, for a site with these partners
// and these file names taken in each section ("events" → slugs).
func Draw(blocks []Block, partners []Partner, taken map[string]map[string]bool, loc *time.Location, meeting date.Value) (*Result, error) {
	blocks = clean(blocks)
	var infos []partnerInfo
	for _, p := range partners {
		infos = append(infos, partnerInfo{slug: p.Slug, title: p.Title, short: p.Short})
	}
	slugs := map[string]map[string]bool{}
	for sec, m := range taken {
		slugs[sec] = maps.Clone(m)
	}
	r := segment(blocks, infos, meeting, loc)
	if r.meeting.IsZero() {
		return nil, errors.New("the relevé does not say the meeting's day in its header: give it with --meeting 2021-09-23")
	}
	d := &drafter{r: r, loc: loc, slugs: slugs, sitePartners: infos}
	d.draft()
	res := &Result{}
	for _, f := range d.files {
		res.Drafts = append(res.Drafts, Draft{Path: f.path, Data: f.bytes()})
		for _, p := range f.points {
			res.Points.Warn(diag.Pos{File: f.path, Line: p.line}, "%s", p.msg)
		}
		switch f.kind {
		case "minutes":
			res.Minutes++
		case "news":
			res.News++
		case "events":
			res.Events++
		case "partners":
			res.Partners++
		}
	}
	res.Points.Sort()
	return res, nil
}

// validate loads the drafts with the rest of the site and models it with drafts, as
// relais check --drafts would; it returns the drafts' problems.
//
// The site's content and the drafts meet in an fstest.MapFS: a plain map that makes up
// the folders of the new files (content/events/2021/), which an overlay of the site's
// folder would have to do by hand; content.Load reads every file anyway.
func validate(siteFS fs.FS, drafts []Draft) error {
	mem := fstest.MapFS{}
	err := fs.WalkDir(siteFS, content.Root, func(p string, de fs.DirEntry, err error) error {
		if err != nil || de.IsDir() {
			return err
		}
		data, err := fs.ReadFile(siteFS, p)
		if err != nil {
			return err
		}
		mem[p] = &fstest.MapFile{Data: data}
		return nil
	})
	if err != nil {
		return fmt.Errorf("reading the site: %w", err)
	}
	return check(mem, drafts)
}

// check models mem with the drafts added and returns the problems found in the drafts.
func check(mem fstest.MapFS, drafts []Draft) error {
	ours := map[string]bool{}
	for _, d := range drafts {
		mem[d.Path] = &fstest.MapFile{Data: d.Data}
		ours[d.Path] = true
	}
	tree, problems := content.Load(mem)
	if tree != nil {
		var now time.Time
		if len(tree.Minutes) > 0 {
			now = tree.Minutes[0].Date.Time()
		}
		_, more := site.Build(tree, markdown.New(), site.Options{Now: now, Drafts: true})
		problems.Append(more)
	}
	var bad diag.List
	seen := map[string]bool{}
	for _, p := range problems.Fatal() {
		if ours[p.Pos.File] && !seen[p.Error()] {
			seen[p.Error()] = true
			bad = append(bad, p)
		}
	}
	return bad.Err()
}

// write creates the drafts. It never replaces a file: when one exists (made since the
// site was read), or a file cannot be written, it removes the drafts it wrote and
// returns the error.
func write(root string, drafts []Draft) (err error) {
	for _, d := range drafts {
		if _, err := os.Lstat(filepath.Join(root, filepath.FromSlash(d.Path))); err == nil {
			return fmt.Errorf("%s already exists; nothing was written", d.Path)
		}
	}
	var done []string
	defer func() {
		if err != nil {
			for _, p := range done {
				os.Remove(p)
			}
		}
	}()
	for _, d := range drafts {
		p := filepath.Join(root, filepath.FromSlash(d.Path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err != nil {
			return fmt.Errorf("%s: %w; nothing was written", d.Path, err)
		}
		done = append(done, p)
		_, err = f.Write(d.Data)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return fmt.Errorf("%s: %w; nothing was written", d.Path, err)
		}
	}
	return nil
}
