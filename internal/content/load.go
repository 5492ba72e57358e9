package content

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/adrg/frontmatter"

	"relais/internal/date"
	"relais/internal/diag"
	"relais/internal/parallel"
)

// Root is the folder, relative to the site root, that holds the content.
const Root = "content"

// sections lists the folders of content/ and whether they may have sub-folders.
var sections = map[string]bool{
	"partners": false,
	"minutes":  true,
	"news":     true,
	"events":   true,
	"pages":    false,
}

// Load reads content/ from fsys, whose root is the site root. It returns the
// tree, and every problem found (fatal ones and warnings); the tree is nil
// only when the site settings cannot be read.
func Load(fsys fs.FS) (*Tree, diag.List) { return LoadCached(fsys, nil) }

// Cache keeps parsed files between loads, so that a rebuild after an edit
// parses only the files that changed. A file is parsed again when the
// watcher said so (Forget), or when its size or modification time changed.
// It is safe for concurrent use.
type Cache struct {
	mu    sync.Mutex
	zone  string // the time zone the cached dates were read in
	files map[string]cacheEntry
	// Watched says that Forget hears of every change (relais serve's
	// watcher). Then a load after edits of Markdown files looks at just
	// those files, not the whole tree.
	Watched  bool
	listing  []fileInfo // the last listing of the tree, sorted
	listErrs diag.List  // what the listing found (unknown folders...)
	dirty    map[string]bool
	// last and lastErrs are the last load's result, when Watched: a load
	// after edits of files that parse without a problem starts from it.
	last      *Tree
	lastErrs  diag.List
	editLoads int // loads made by loadEdits, for tests
}

type cacheEntry struct {
	size int64
	mod  time.Time
	add  func(*Tree)
	errs diag.List
}

// NewCache returns an empty cache.
func NewCache() *Cache { return &Cache{files: map[string]cacheEntry{}, dirty: map[string]bool{}} }

// Forget drops files from the cache (paths relative to the site root, with
// forward slashes), so that the next load reads them again.
func (c *Cache) Forget(paths ...string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, p := range paths {
		delete(c.files, p)
		c.dirty[p] = true
	}
}

// list returns the content files: the cached listing updated with the
// changed files when every change is a Markdown file of a section, else a
// new walk of the tree.
func (c *Cache) list(fsys fs.FS, errs *diag.List) ([]fileInfo, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.Watched && c.listing != nil && c.onlySectionFiles() {
		for p := range c.dirty {
			if SectionOf(p) == "" {
				continue // _index.md, layouts/, static/: not in the listing
			}
			i, found := slices.BinarySearchFunc(c.listing, p, func(f fileInfo, p string) int { return strings.Compare(f.path, p) })
			info, err := fs.Stat(fsys, p)
			switch {
			case err != nil && found:
				c.listing = slices.Delete(c.listing, i, i+1)
			case err == nil && found:
				c.listing[i].size, c.listing[i].mod = info.Size(), info.ModTime()
			case err == nil:
				c.listing = slices.Insert(c.listing, i, fileInfo{path: p, size: info.Size(), mod: info.ModTime()})
			}
		}
	} else {
		var listErrs diag.List
		files, err := listFiles(fsys, &listErrs)
		if err != nil {
			return nil, err
		}
		c.listing, c.listErrs = files, listErrs
	}
	clear(c.dirty)
	errs.Append(c.listErrs)
	return slices.Clone(c.listing), nil
}

// onlySectionFiles reports whether every change is to a Markdown file that
// listFiles would list, or to a file it does not list at all.
func (c *Cache) onlySectionFiles() bool {
	for p := range c.dirty {
		switch {
		case !strings.HasPrefix(p, Root+"/"):
			// layouts/, static/: not content
		case p == Root+"/_index.md":
		case SectionOf(p) != "" && path.Ext(p) == ".md" && !isIgnored(path.Base(p)) && sectionAllows(p):
		default:
			return false // a folder, a file of another kind: walk again
		}
	}
	return true
}

// sectionAllows reports whether a path has the depth its section allows.
func sectionAllows(p string) bool {
	rel := strings.TrimPrefix(p, Root+"/")
	sec, rest, _ := strings.Cut(rel, "/")
	return sections[sec] || !strings.Contains(rest, "/")
}

// LoadCached is Load with a cache of parsed files (nil for none). Files are
// parsed in parallel; the tree does not depend on the order they finish in.
func LoadCached(fsys fs.FS, c *Cache) (*Tree, diag.List) {
	if t, errs, ok := c.loadEdits(fsys); ok {
		return t, errs
	}
	var errs diag.List
	settings := loadSettings(fsys, &errs)
	if settings == nil {
		return nil, errs
	}
	t := &Tree{Settings: settings}
	var files []fileInfo
	var err error
	if c != nil {
		files, err = c.list(fsys, &errs)
	} else {
		files, err = listFiles(fsys, &errs)
	}
	if err != nil {
		errs.Add(diag.Pos{File: Root}, "%v", err)
		return t, errs
	}
	entries := make([]cacheEntry, len(files))
	var todo []int
	if c != nil {
		c.mu.Lock()
		if c.zone != settings.Location.String() {
			c.files, c.zone = map[string]cacheEntry{}, settings.Location.String()
		}
		for i, f := range files {
			if e, ok := c.files[f.path]; ok && e.size == f.size && e.mod.Equal(f.mod) {
				entries[i] = e
				continue
			}
			todo = append(todo, i)
		}
		c.mu.Unlock()
	} else {
		for i := range files {
			todo = append(todo, i)
		}
	}
	parallel.For(len(todo), func(k int) {
		i := todo[k]
		var fileErrs diag.List
		add := parseFile(fsys, files[i].path, settings.Location, &fileErrs)
		entries[i] = cacheEntry{size: files[i].size, mod: files[i].mod, add: add, errs: fileErrs}
	})
	if c != nil {
		c.mu.Lock()
		for _, i := range todo {
			c.files[files[i].path] = entries[i]
		}
		c.mu.Unlock()
	}
	for _, e := range entries {
		if e.add != nil {
			e.add(t)
		}
		errs.Append(e.errs)
	}
	if c != nil && c.Watched {
		c.mu.Lock()
		c.last, c.lastErrs = t, slices.Clone(errs)
		c.mu.Unlock()
	}
	return t, errs
}

// loadEdits is the load after edits of files that were there before and
// are still there, which parsed without a problem before and parse without
// one now, in a cache that hears of every change (Watched): the last tree
// with these documents replaced, so that an edit costs the same in a site
// of 100,000 files as in one of 100. It returns false when it cannot tell
// (a file added or removed, settings or layouts changed, a problem): load
// everything then. What it parsed stays in the cache.
func (c *Cache) loadEdits(fsys fs.FS) (*Tree, diag.List, bool) {
	if c == nil {
		return nil, nil, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.Watched || c.last == nil || len(c.dirty) == 0 {
		return nil, nil, false
	}
	type edit struct {
		path    string
		listing int // index in c.listing
		info    fs.FileInfo
	}
	var edits []edit
	for p := range c.dirty {
		if SectionOf(p) == "" || path.Ext(p) != ".md" || isIgnored(path.Base(p)) || !sectionAllows(p) {
			return nil, nil, false
		}
		i, found := slices.BinarySearchFunc(c.listing, p, func(f fileInfo, p string) int { return strings.Compare(f.path, p) })
		info, err := fs.Stat(fsys, p)
		if !found || err != nil || !info.Mode().IsRegular() {
			return nil, nil, false
		}
		edits = append(edits, edit{p, i, info})
	}
	for _, f := range c.lastErrs {
		if c.dirty[f.Pos.File] {
			return nil, nil, false // the file had problems: they may be gone
		}
	}
	t := &Tree{Settings: c.last.Settings, Partners: slices.Clone(c.last.Partners), Minutes: slices.Clone(c.last.Minutes),
		News: slices.Clone(c.last.News), Events: slices.Clone(c.last.Events), Pages: slices.Clone(c.last.Pages)}
	for _, e := range edits {
		var errs diag.List
		add := parseFile(fsys, e.path, t.Settings.Location, &errs)
		entry := cacheEntry{size: e.info.Size(), mod: e.info.ModTime(), add: add, errs: errs}
		c.files[e.path] = entry
		c.listing[e.listing].size, c.listing[e.listing].mod = entry.size, entry.mod
		if add == nil || len(errs) > 0 || !replaceDoc(t, add) {
			return nil, nil, false
		}
	}
	clear(c.dirty)
	c.last = t
	c.editLoads++
	return t, slices.Clone(c.lastErrs), true
}

// replaceDoc puts in t, in place of the document of the same path, the one
// that add adds; false when t has none.
func replaceDoc(t *Tree, add func(*Tree)) bool {
	var one Tree
	add(&one)
	switch {
	case len(one.Partners) == 1:
		return replaceIn(t.Partners, one.Partners[0])
	case len(one.Minutes) == 1:
		return replaceIn(t.Minutes, one.Minutes[0])
	case len(one.News) == 1:
		return replaceIn(t.News, one.News[0])
	case len(one.Events) == 1:
		return replaceIn(t.Events, one.Events[0])
	case len(one.Pages) == 1:
		return replaceIn(t.Pages, one.Pages[0])
	}
	return false
}

// document is what every kind of file of a section is.
type document interface{ doc() *Doc }

func (d *Doc) doc() *Doc { return d }

// atPath finds the document of docs (sorted by path) at path p.
func atPath[T document](docs []T, p string) (int, bool) {
	return slices.BinarySearchFunc(docs, p, func(d T, p string) int { return strings.Compare(d.doc().Path, p) })
}

// replaceIn replaces the element of docs that has x's path.
func replaceIn[T document](docs []T, x T) bool {
	i, found := atPath(docs, x.doc().Path)
	if found {
		docs[i] = x
	}
	return found
}

// Doc returns the document of a section at path p ("content/news/a.md"):
// a *Partner, *Minutes, *News, *Event or *Page, or nil.
func (t *Tree) Doc(p string) any {
	switch SectionOf(p) {
	case "partners":
		if i, ok := atPath(t.Partners, p); ok {
			return t.Partners[i]
		}
	case "minutes":
		if i, ok := atPath(t.Minutes, p); ok {
			return t.Minutes[i]
		}
	case "news":
		if i, ok := atPath(t.News, p); ok {
			return t.News[i]
		}
	case "events":
		if i, ok := atPath(t.Events, p); ok {
			return t.Events[i]
		}
	case "pages":
		if i, ok := atPath(t.Pages, p); ok {
			return t.Pages[i]
		}
	}
	return nil
}

// LoadSettings reads only content/_index.md.
func LoadSettings(fsys fs.FS) (*Settings, diag.List) {
	var errs diag.List
	return loadSettings(fsys, &errs), errs
}

func loadSettings(fsys fs.FS, errs *diag.List) *Settings {
	p := Root + "/_index.md"
	src, err := fs.ReadFile(fsys, p)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			if _, err := fs.Stat(fsys, Root); err != nil {
				errs.Add(diag.Pos{}, "no content/ folder here: run relais in the site's folder, or give it with --src")
				return nil
			}
			errs.Add(diag.Pos{File: p}, "file is missing: every site needs content/_index.md with at least a title")
			return nil
		}
		errs.Add(diag.Pos{File: p}, "%v", err)
		return nil
	}
	doc, meta := split(p, src, errs)
	if meta == nil {
		return nil
	}
	s := &Settings{Doc: doc}
	decodeSettings(s, newDecoder(p, meta, nil, errs))
	return s
}

// decodeSettings reads the keys of content/_index.md.
func decodeSettings(s *Settings, d *decoder) {
	p, errs := d.file, d.errs
	s.Title = d.str("title", true)
	s.Description = d.str("description", false)
	s.Language = d.str("language", false)
	if s.Language == "" {
		s.Language = "fr"
	}
	s.Timezone = d.str("timezone", false)
	if s.Timezone == "" {
		s.Timezone = "Europe/Paris"
	}
	loc, err := time.LoadLocation(s.Timezone)
	if err != nil || s.Timezone == "Local" {
		errs.Add(diag.Pos{File: p, Line: d.keyLine("timezone")}, "unknown time zone %q (write an IANA name such as \"Europe/Paris\")", s.Timezone)
		loc, _ = time.LoadLocation("Europe/Paris")
	}
	s.Location = loc
	s.BaseURL = d.url("base_url", "https", "http")
	s.UnsafeHTML = d.boolean("unsafe_html")
	if v := d.lookup("newsletter"); v != nil {
		if n := d.sub("newsletter", v); n != nil {
			s.Newsletter = &Newsletter{From: n.address("from"), ReplyTo: n.address("reply_to"), To: n.addresses("to")}
			n.finish()
		}
	}
	common(&s.Doc, d)
}

// listFiles returns the Markdown files of the sections, sorted, and reports
// files that have no place in the content model.
// fileInfo is a content file found by listFiles.
type fileInfo struct {
	path string
	size int64
	mod  time.Time
}

func listFiles(fsys fs.FS, errs *diag.List) ([]fileInfo, error) {
	var files []fileInfo
	err := fs.WalkDir(fsys, Root, func(p string, de fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := de.Name()
		if p != Root && isIgnored(name) {
			if de.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		rel := strings.TrimPrefix(p, Root+"/")
		parts := strings.Split(rel, "/")
		if de.IsDir() {
			if p == Root {
				return nil
			}
			sub, known := sections[parts[0]]
			switch {
			case !known:
				errs.Warn(diag.Pos{File: p}, "folder is not part of the content model (%s); it is ignored", sectionNames())
				return fs.SkipDir
			case len(parts) > 1 && !sub:
				errs.Add(diag.Pos{File: p}, "%s/ cannot have sub-folders: move its files up into content/%s/", parts[0], parts[0])
				return fs.SkipDir
			}
			return nil
		}
		if len(parts) == 1 {
			if name != "_index.md" {
				errs.Warn(diag.Pos{File: p}, "file is not part of the content model: put it in one of %s", sectionNames())
			}
			return nil
		}
		if path.Ext(name) != ".md" {
			errs.Warn(diag.Pos{File: p}, "not a Markdown file (.md); it is ignored (files to publish as they are go in static/)")
			return nil
		}
		f := fileInfo{path: p}
		if info, err := de.Info(); err == nil {
			f.size, f.mod = info.Size(), info.ModTime()
		}
		files = append(files, f)
		return nil
	})
	sort.Slice(files, func(i, j int) bool { return files[i].path < files[j].path })
	return files, err
}

func sectionNames() string {
	names := make([]string, 0, len(sections))
	for s := range sections {
		names = append(names, s+"/")
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

// isIgnored tells hidden files and the temporary files of editors.
func isIgnored(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasPrefix(name, "#") ||
		strings.HasSuffix(name, "~") || strings.HasSuffix(name, ".swp") ||
		strings.HasSuffix(name, ".swx") || strings.HasSuffix(name, ".tmp") || name == "4913"
}

// SectionOf returns the section of a content path ("events" for
// "content/events/2021/x.md"), or "".
func SectionOf(p string) string {
	rel, ok := strings.CutPrefix(p, Root+"/")
	if !ok {
		return ""
	}
	sec, _, found := strings.Cut(rel, "/")
	if !found {
		return ""
	}
	if _, known := sections[sec]; !known {
		return ""
	}
	return sec
}

// parseFile reads one file of a section. It returns the function that adds
// the document to a tree, or nil when the file could not be read at all.
func parseFile(fsys fs.FS, p string, loc *time.Location, errs *diag.List) func(*Tree) {
	src, err := fs.ReadFile(fsys, p)
	if err != nil {
		errs.Add(diag.Pos{File: p}, "%v", err)
		return nil
	}
	doc, meta := split(p, src, errs)
	if meta == nil {
		return nil
	}
	return decodeFile(SectionOf(p), doc, newDecoder(p, meta, loc, errs))
}

// decodeFile reads the keys of a file of a section. It returns the function
// that adds the document to a tree.
func decodeFile(section string, doc Doc, d *decoder) func(*Tree) {
	switch section {
	case "partners":
		x := &Partner{Doc: doc}
		x.Title = d.str("title", true)
		x.Short = d.str("short", false)
		x.Website = d.url("website", "https", "http")
		common(&x.Doc, d)
		return func(t *Tree) { t.Partners = append(t.Partners, x) }
	case "minutes":
		x := &Minutes{Doc: doc}
		x.Title = d.str("title", true)
		x.Date = d.date("date", true, "day")
		x.Place = d.str("place", false)
		common(&x.Doc, d)
		return func(t *Tree) { t.Minutes = append(t.Minutes, x) }
	case "news":
		x := &News{Doc: doc}
		x.Title = d.str("title", true)
		x.Date = d.date("date", true, "")
		x.Partner = d.str("partner", true)
		x.Minutes = d.str("minutes", false)
		common(&x.Doc, d)
		return func(t *Tree) { t.News = append(t.News, x) }
	case "events":
		x := &Event{Doc: doc}
		decodeEvent(x, d)
		common(&x.Doc, d)
		return func(t *Tree) { t.Events = append(t.Events, x) }
	case "pages":
		x := &Page{Doc: doc}
		x.Title = d.str("title", true)
		x.Menu = d.oneOf("menu", "main", "footer")
		x.Weight = d.integer("weight")
		common(&x.Doc, d)
		return func(t *Tree) { t.Pages = append(t.Pages, x) }
	}
	return nil
}

// common reads the keys every file may have, then reports unknown keys.
func common(doc *Doc, d *decoder) {
	doc.Draft = d.boolean("draft")
	doc.PublishPrivate = d.boolean("publish_private")
	if v := d.lookup("params"); v != nil {
		if v.kind != kindMap {
			d.wrongKind("params", v, "a set of keys")
		} else {
			doc.Params, _ = v.toAny().(map[string]any)
		}
	}
	d.finish()
}

func decodeEvent(x *Event, d *decoder) {
	x.Title = d.str("title", true)
	x.Start = d.date("start", true, "")
	if v := d.lookup("end"); v != nil {
		x.End = d.dateValue("end", v, "")
		switch {
		case x.Start.IsZero() || x.End.IsZero():
		case x.End.IsDay() != x.Start.IsDay():
			// Name both values: "end must be of the same kind as start"
			// left the editor to find out which kind that was.
			kind := "a day"
			if !x.Start.IsDay() {
				kind = "a date and time"
			}
			d.errs.Add(d.pos(v.line), "end %s must be %s, like start %s", x.End, kind, x.Start)
			x.End = date.Value{}
		case x.End.Time().Before(x.Start.Time()):
			d.errs.Add(d.pos(v.line), "end %s is before start %s", x.End, x.Start)
			x.End = date.Value{}
		}
	}
	if v := d.lookup("slots"); v != nil {
		x.Slots = decodeSlots(x, d, v)
	}
	x.Location = d.str("location", false)
	x.Online = d.url("online", "https", "http")
	x.Organizer = d.str("organizer", false)
	x.Partners = d.strings("partners")
	if v := d.lookup("registration"); v != nil {
		if r := d.sub("registration", v); r != nil {
			x.Registration = &Registration{URL: r.url("url", "https", "http", "mailto", "tel")}
			x.Registration.Deadline = r.date("deadline", false, "")
			if x.Registration.URL == "" && r.m.get("url").isEmpty() {
				r.missing("url")
			}
			r.finish()
		}
	}
	x.Status = d.oneOf("status", Scheduled, Cancelled, Postponed)
	if x.Status == "" {
		x.Status = Scheduled
	}
	x.Date = d.date("date", false, "")
	x.Minutes = d.str("minutes", false)
}

func decodeSlots(x *Event, d *decoder, v *value) []date.Slot {
	if v.kind != kindList {
		d.wrongKind("slots", v, "a list of {start, end}")
		return nil
	}
	var slots []date.Slot
	for i, item := range v.list {
		key := fmt.Sprintf("slots[%d]", i+1)
		s := d.sub(key, item)
		if s == nil {
			continue
		}
		start := s.date("start", true, "time")
		end := s.date("end", true, "time")
		s.finish()
		if start.IsZero() || end.IsZero() {
			continue
		}
		if !end.Time().After(start.Time()) {
			d.errs.Add(d.pos(item.line), "%s: end %s is not after start %s", key, end, start)
			continue
		}
		if !x.Start.IsZero() {
			first := dayOf(x.Start.Time())
			last := first
			if !x.End.IsZero() {
				last = dayOf(x.End.Time())
			}
			if start.Time().Before(first) || end.Time().After(last.AddDate(0, 0, 1)) {
				d.errs.Add(d.pos(item.line), "%s: %s – %s is outside the event's days (start %s%s)", key, start, end, x.Start, endText(x.End))
				continue
			}
		}
		slots = append(slots, date.Slot{Start: start, End: end})
	}
	sort.SliceStable(slots, func(i, j int) bool { return slots[i].Start.Time().Before(slots[j].Start.Time()) })
	return slots
}

func endText(v date.Value) string {
	if v.IsZero() {
		return ""
	}
	return ", end " + v.String()
}

// dayOf returns midnight of t's day, in t's zone.
func dayOf(t time.Time) time.Time {
	y, m, dd := t.Date()
	return time.Date(y, m, dd, 0, 0, 0, 0, t.Location())
}

var bom = []byte("\xef\xbb\xbf")

// split separates the front matter from the body and parses it.
func split(p string, src []byte, errs *diag.List) (Doc, *value) {
	doc := Doc{Path: p, Slug: strings.TrimSuffix(path.Base(p), ".md")}
	if bytes.HasPrefix(src, bom) {
		errs.Add(diag.Pos{File: p, Line: 1}, "file starts with a byte-order mark (BOM): save it as UTF-8 without BOM")
		return doc, nil
	}
	if !utf8.Valid(src) {
		line := 1 + bytes.Count(src[:invalidAt(src)], []byte("\n"))
		errs.Add(diag.Pos{File: p, Line: line}, "text is not valid UTF-8: save the file as UTF-8")
		return doc, nil
	}
	first := 1 // the line of the opening delimiter
	for rest := src; len(rest) > 0; first++ {
		line, after, _ := bytes.Cut(rest, []byte("\n"))
		if len(bytes.TrimSpace(line)) > 0 {
			break
		}
		rest = after
	}
	var (
		rest []byte
		meta *value
		err  error
	)
	if opener := firstByte(src); opener >= 0 && src[opener] == '{' {
		// A bare JSON object, as Hugo reads it: the first JSON value of the
		// file, wherever it ends, then the body.
		first = 1 + bytes.Count(src[:opener], []byte("\n"))
		meta, rest, err = splitJSON(src[opener:], first)
		if err != nil {
			reportSyntax(p, src, first, err, errs)
			return doc, nil
		}
	} else {
		var c captured
		rest, err = frontmatter.MustParse(bytes.NewReader(src), &c, formats...)
		if err != nil {
			opener := openingLine(src)
			switch {
			case errors.Is(err, frontmatter.ErrNotFound) && opener == "":
				errs.Add(diag.Pos{File: p, Line: 1}, "no front matter: the file must start with --- on its own line, then keys such as title: ..., then --- again")
			case errors.Is(err, frontmatter.ErrNotFound):
				errs.Add(diag.Pos{File: p, Line: first}, "front matter opened with %s is not closed: add a line %s after the last key", opener, opener)
			default:
				errs.Add(diag.Pos{File: p, Line: first}, "front matter: %v", err)
			}
			return doc, nil
		}
		switch c.format {
		case "yaml":
			meta, err = parseYAML(c.data, first+1)
		case "toml":
			meta, err = parseTOML(c.data, first+1)
		}
		if err != nil {
			reportSyntax(p, src, first, err, errs)
			return doc, nil
		}
	}
	if tail := src[len(src)-min(len(rest), len(src)):]; bytes.Equal(tail, rest) {
		// The same bytes in src, which is read at its size: the parser's
		// copy sits in a buffer grown for it, up to twice as large, which
		// the model would keep to the end of the build (38 MB of 104 on a
		// 10,000-page site).
		rest = tail
	}
	doc.Body = rest
	doc.BodyLine = 1 + bytes.Count(src[:len(src)-len(rest)], []byte("\n"))
	doc.meta = meta
	return doc, meta
}

// reportSyntax adds the error of a front-matter parser at its line.
func reportSyntax(p string, src []byte, first int, err error, errs *diag.List) {
	var se *syntaxError
	if errors.As(err, &se) {
		// A parser may count line breaks otherwise than by \n: the line
		// must stay inside the file.
		last := 1 + bytes.Count(src, []byte("\n"))
		errs.Add(diag.Pos{File: p, Line: min(se.line, last)}, "%s", se.msg)
		return
	}
	errs.Add(diag.Pos{File: p, Line: first}, "%v", err)
}

// firstByte is the index of the first byte of src that is not white space,
// or -1.
func firstByte(src []byte) int {
	for i, b := range src {
		if b != ' ' && b != '\t' && b != '\n' && b != '\r' {
			return i
		}
	}
	return -1
}

func invalidAt(src []byte) int {
	for i := 0; i < len(src); {
		r, n := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(src)
}

// openingLine returns the first non-blank line when it opens a front matter.
func openingLine(src []byte) string {
	for _, l := range strings.Split(string(src), "\n") {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		if l == "---" || l == "+++" {
			return l
		}
		return ""
	}
	return ""
}

// captured is the raw front matter that adrg/frontmatter found; we decode it
// ourselves to keep the line of every key.
type captured struct {
	format string
	data   []byte
}

func capture(format string) frontmatter.UnmarshalFunc {
	return func(data []byte, v any) error {
		c := v.(*captured)
		c.format = format
		c.data = data
		return nil
	}
}

var formats = []*frontmatter.Format{
	frontmatter.NewFormat("---", "---", capture("yaml")),
	frontmatter.NewFormat("+++", "+++", capture("toml")),
	// A bare JSON object is read by splitJSON, not here: its end is where
	// the value ends, which only a JSON decoder can tell.
}

// isTrue tells a boolean true value; the decoder reports other kinds.
func isTrue(v *value) bool { return v != nil && v.kind == kindBool && v.text == "true" }
