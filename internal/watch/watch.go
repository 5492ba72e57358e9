// Package watch tells which files of a site changed, in batches: it watches
// folders recursively with fsnotify (including folders created later), sees
// editors' atomic saves (write a temporary file, rename it over the
// original), ignores editors' temporary files, and waits for a burst of
// events to end before reporting it once.
package watch

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Watcher reports changed files under its roots.
type Watcher struct {
	root    string          // the site's folder; reported paths are relative to it
	dirs    map[string]bool // the folders of root that are watched
	fsw     *fsnotify.Watcher
	batches chan []string
	errs    chan error
	quiet   time.Duration
	longest time.Duration
}

// Options tune the batching.
type Options struct {
	// Quiet is how long no event must come for a burst to be over (default
	// 10 ms: an editor's save, even a write-and-rename, takes well under that).
	Quiet time.Duration
	// Longest bounds the wait from the first event of a burst (default 400 ms),
	// so that a file written continuously still gets rebuilds.
	Longest time.Duration
}

// New watches the folders dirs (relative to root, e.g. "content", "layouts",
// "static") and everything below them. Missing folders are skipped.
func New(root string, dirs []string, opts Options) (*Watcher, error) {
	fsw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	w := &Watcher{root: root, fsw: fsw, batches: make(chan []string), errs: make(chan error, 1),
		quiet: opts.Quiet, longest: opts.Longest, dirs: map[string]bool{}}
	if w.quiet == 0 {
		w.quiet = 10 * time.Millisecond
	}
	if w.longest == 0 {
		w.longest = 400 * time.Millisecond
	}
	// The root itself, for the folders created after the start (a site
	// without layouts/ that gets one).
	if err := fsw.Add(root); err != nil {
		fsw.Close()
		return nil, err
	}
	for _, d := range dirs {
		w.dirs[d] = true
		if _, err := w.addTree(filepath.Join(root, d)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			fsw.Close()
			return nil, err
		}
	}
	return w, nil
}

// Batches delivers the changed paths (relative to the root, with forward
// slashes, sorted), one batch per burst of events.
func (w *Watcher) Batches() <-chan []string { return w.batches }

// Errors delivers the watcher's errors.
func (w *Watcher) Errors() <-chan error { return w.errs }

// addTree watches dir and its sub-folders, and returns the files found in
// them (a folder created with files already in it, as cp -r does).
func (w *Watcher) addTree(dir string) ([]string, error) {
	var files []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p != dir && Ignored(d.Name()) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return w.fsw.Add(p)
		}
		files = append(files, p)
		return nil
	})
	return files, err
}

// Run watches until ctx is done, then closes the watcher. It is the one
// goroutine that reads fsnotify, the timers and ctx.
func (w *Watcher) Run(ctx context.Context) {
	defer w.fsw.Close()
	b := newBatcher(w.quiet, w.longest)
	created := map[string]bool{} // in the current burst
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-w.fsw.Events:
			if !ok {
				return
			}
			for _, p := range w.handle(ev) {
				b.add(p, time.Now())
				if ev.Has(fsnotify.Create) {
					created[p] = true
				}
			}
		case err, ok := <-w.fsw.Errors:
			if !ok {
				return
			}
			select {
			case w.errs <- err:
			default:
			}
		case <-b.timer():
			batch := w.dropTransient(b.flush(), created)
			created = map[string]bool{}
			if len(batch) == 0 {
				continue
			}
			select {
			case w.batches <- batch:
			case <-ctx.Done():
				return
			}
		}
	}
}

// handle turns one fsnotify event into the changed paths it means.
func (w *Watcher) handle(ev fsnotify.Event) []string {
	if ev.Op == fsnotify.Chmod || Ignored(filepath.Base(ev.Name)) {
		return nil
	}
	if filepath.Dir(ev.Name) == filepath.Clean(w.root) && !w.dirs[filepath.Base(ev.Name)] {
		return nil // a file of the root, or a folder relais does not read
	}
	paths := []string{ev.Name}
	if ev.Has(fsnotify.Create) {
		if fi, err := os.Stat(ev.Name); err == nil && fi.IsDir() {
			// A new folder: watch it, and report what is already in it.
			files, _ := w.addTree(ev.Name)
			paths = files
		}
	}
	var out []string
	for _, p := range paths {
		rel, err := filepath.Rel(w.root, p)
		if err != nil {
			continue
		}
		out = append(out, filepath.ToSlash(rel))
	}
	return out
}

// dropTransient leaves out the files created and removed within one burst:
// the temporary files of editors and tools that save by renaming (sed -i
// writes "sedXXXXXX"), which are not the site's files.
func (w *Watcher) dropTransient(batch []string, created map[string]bool) []string {
	out := batch[:0]
	for _, p := range batch {
		if created[p] {
			if _, err := os.Lstat(filepath.Join(w.root, filepath.FromSlash(p))); err != nil {
				continue
			}
		}
		out = append(out, p)
	}
	return out
}

// Ignored tells the temporary and backup files of editors, and hidden files:
// vim's .swp and 4913, emacs's #x# and .#x, backups ending in ~, JetBrains'
// ___jb_tmp___, and the like.
func Ignored(name string) bool {
	switch {
	case name == "4913", strings.HasPrefix(name, "."), strings.HasPrefix(name, "#"),
		strings.HasSuffix(name, "~"), strings.HasSuffix(name, ".swp"), strings.HasSuffix(name, ".swx"),
		strings.HasSuffix(name, ".tmp"), strings.HasSuffix(name, "___jb_tmp___"), strings.HasSuffix(name, "___jb_old___"),
		strings.HasSuffix(name, ".crswap"):
		return true
	}
	return false
}

// batcher gathers paths until no event came for quiet, or longest passed
// since the first one. It keeps no clock of its own: the caller passes the
// time, so that tests can use a fake one.
type batcher struct {
	quiet, longest time.Duration
	paths          map[string]bool
	first, last    time.Time
	t              *time.Timer
}

func newBatcher(quiet, longest time.Duration) *batcher {
	return &batcher{quiet: quiet, longest: longest, paths: map[string]bool{}}
}

func (b *batcher) add(p string, now time.Time) {
	if len(b.paths) == 0 {
		b.first = now
	}
	b.paths[p] = true
	b.last = now
	wait := min(b.quiet, b.longest-now.Sub(b.first))
	if b.t == nil {
		b.t = time.NewTimer(max(wait, 0))
	} else {
		b.t.Reset(max(wait, 0))
	}
}

// timer is the channel that fires when the batch is due (nil when empty:
// a nil channel blocks in select).
func (b *batcher) timer() <-chan time.Time {
	if len(b.paths) == 0 || b.t == nil {
		return nil
	}
	return b.t.C
}

func (b *batcher) flush() []string {
	out := make([]string, 0, len(b.paths))
	for p := range b.paths {
		out = append(out, p)
	}
	sort.Strings(out)
	b.paths = map[string]bool{}
	return out
}
