package build

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"relais/internal/diag"
	"relais/internal/parallel"
)

// Files is what Write writes: a render.Plan renders each file when its
// turn comes; a render.Output has them all already.
type Files interface {
	Paths() []string
	Render(path string) ([]byte, error)
}

// Write writes the output files and a copy of staticDir into a staging
// folder beside dir, then exchanges the two folders. Until that last step
// dir is untouched, so a failed or interrupted build leaves the previous
// site whole. The exchange is atomic on Linux and macOS; elsewhere it is
// made of renames, and the next build repairs one that was interrupted.
//
// The staging folder (".public.staging" for "public") is kept between
// builds: it holds the site of the build before, whose files are
// overwritten rather than created again. Creating files is what costs most
// when a site has thousands of pages. A .gitignore in it keeps it out of
// commits.
func Write(out Files, dir, staticDir string) error {
	return writeWith(out, dir, staticDir, exchangeFolders)
}

// writeWith is Write with the function that exchanges two folders, which tests
// replace to try the fallback of the systems without one.
func writeWith(out Files, dir, staticDir string, exchange func(a, b string) error) error {
	dir = filepath.Clean(dir)
	parent := filepath.Dir(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return fmt.Errorf("creating %s: %w", parent, err)
	}
	staging := filepath.Join(parent, "."+filepath.Base(dir)+".staging")
	if err := os.MkdirAll(staging, 0o755); err != nil {
		return fmt.Errorf("creating the staging folder: %w", err)
	}
	unlock, err := lock(staging)
	if err != nil {
		return err
	}
	defer unlock()
	if err := repairSwap(dir); err != nil {
		return err
	}
	// An empty staging folder (the first build, or a clean checkout) needs
	// no look at what is there: one system call a folder and a file less.
	entries, _ := os.ReadDir(staging)
	fresh := len(entries) == 0 || len(entries) == 1 && entries[0].Name() == ".gitignore"
	keep := map[string]bool{} // the files of the new site, when there may be others to prune
	if err := copyTree(staticDir, staging, keep); err != nil {
		return err
	}
	paths := out.Paths()
	if !fresh {
		for _, p := range paths {
			keep[p] = true
		}
	}
	units, shared := plan(paths)
	write := writeFile
	mkdir := mkdirAll
	if fresh {
		write = createFile
		mkdir = func(d string) error {
			// static/ may have made it already.
			if err := os.Mkdir(d, 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
				return err
			}
			return nil
		}
	}
	ready := make([]chan error, len(units)) // closed, or given an error, when the unit's folder exists
	for u := range units {
		ready[u] = make(chan error, 1)
	}
	// One goroutine makes the folders while the workers render: first those
	// that hold other folders, parents before children, then the others (one
	// a page) in the order of the units. Two making folders in the same
	// parent would wait on each other's lock of it.
	go func() {
		var sharedErr error
		made := map[string]bool{".": true}
		for _, d := range shared {
			if err := makeParents(staging, d, made, fresh); err != nil {
				sharedErr = fmt.Errorf("writing %s/: %w", d, err)
				break
			}
		}
		for u, unit := range units {
			if sharedErr != nil {
				ready[u] <- sharedErr
				close(ready[u])
				continue
			}
			if unit.dir != "" {
				if err := mkdir(filepath.Join(staging, filepath.FromSlash(unit.dir))); err != nil {
					ready[u] <- fmt.Errorf("writing %s/: %w", unit.dir, err)
				}
			}
			close(ready[u])
		}
	}()
	errs := make([]error, len(paths))
	parallel.For(len(units), func(u int) {
		unit := units[u]
		rendered := make([][]byte, len(unit.files))
		for k, i := range unit.files {
			rendered[k], errs[i] = out.Render(paths[i])
		}
		if err := <-ready[u]; err != nil {
			errs[unit.files[0]] = err
			return
		}
		for k, i := range unit.files {
			if errs[i] != nil {
				continue
			}
			if err := write(filepath.Join(staging, filepath.FromSlash(paths[i])), rendered[k]); err != nil {
				errs[i] = fmt.Errorf("writing %s: %w", paths[i], err)
			}
		}
	})
	var problems diag.List
	for _, err := range errs {
		var l diag.List
		switch {
		case err == nil:
		case errors.As(err, &l):
			problems.Append(l) // a template failed on some page
		default:
			return err
		}
	}
	if err := problems.Err(); err != nil {
		return err
	}
	if fresh {
		// Nothing of an earlier site to remove but the folder's .gitignore.
		if err := os.Remove(filepath.Join(staging, ".gitignore")); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	} else if err := prune(staging, keep); err != nil {
		return err
	}
	if err := swap(staging, dir, exchange); err != nil {
		return err
	}
	// staging now holds the previous site: keep it out of commits.
	return os.WriteFile(filepath.Join(staging, ".gitignore"), []byte("# relais: the previous build, reused by the next one\n*\n"), 0o644)
}

// writeFile writes a file, replacing a folder of the same name that a
// previous build left where the new site has a file. A file that already
// holds these bytes is left alone: reading it is cheaper than truncating
// and writing it again.
func writeFile(p string, b []byte) error {
	if fi, err := os.Lstat(p); err == nil && fi.Mode().IsRegular() && fi.Size() == int64(len(b)) {
		if old, err := os.ReadFile(p); err == nil && bytes.Equal(old, b) {
			return nil
		}
	}
	err := createFile(p, b)
	if err != nil {
		if fi, serr := os.Lstat(p); serr == nil && fi.IsDir() {
			if rerr := os.RemoveAll(p); rerr == nil {
				return createFile(p, b)
			}
		}
	}
	return err
}

// unit is a share of the writing: the files (indexes into the paths) of a
// folder that only they use, with that folder to make first, or a single file
// of a folder made beforehand (dir "").
type unit struct {
	dir   string
	files []int
}

// plan splits the sorted output paths into units, and lists the folders
// that hold other folders (parents before children), which are made before
// the units are written.
func plan(paths []string) (units []unit, shared []string) {
	parents := map[string]bool{} // folders that hold folders
	for _, p := range paths {
		for d := path.Dir(path.Dir(p)); d != "."; d = path.Dir(d) {
			if parents[d] {
				break
			}
			parents[d] = true
		}
	}
	for d := range parents {
		shared = append(shared, d)
	}
	sort.Strings(shared)      // a parent sorts before its children
	byDir := map[string]int{} // a leaf folder → its unit
	for i, p := range paths {
		d := path.Dir(p)
		if d == "." || parents[d] {
			units = append(units, unit{files: []int{i}})
			continue
		}
		if u, ok := byDir[d]; ok {
			units[u].files = append(units[u].files, i)
			continue
		}
		byDir[d] = len(units)
		units = append(units, unit{dir: d, files: []int{i}})
	}
	// The files of the whole site (feeds, calendar, sitemap) and the
	// sections' lists are the largest: start them first, so that no worker
	// is left alone with one at the end.
	sort.SliceStable(units, func(i, j int) bool {
		return siteWide(paths[units[i].files[0]]) && !siteWide(paths[units[j].files[0]])
	})
	return units, shared
}

// siteWide tells the files at the top of the site and the sections' index pages.
func siteWide(p string) bool {
	dir, file := path.Split(p)
	return dir == "" || file == "index.html" && strings.Count(dir, "/") == 1
}

// makeParents makes the folder d (slash-separated, relative to staging) and
// those above it that made does not have yet. In a fresh staging folder each
// is one mkdir; otherwise mkdirAll, which replaces files in the way.
func makeParents(staging, d string, made map[string]bool, fresh bool) error {
	if made[d] {
		return nil
	}
	if err := makeParents(staging, path.Dir(d), made, fresh); err != nil {
		return err
	}
	full := filepath.Join(staging, filepath.FromSlash(d))
	if !fresh {
		made[d] = true
		return mkdirAll(full)
	}
	if err := os.Mkdir(full, 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
		return err
	}
	made[d] = true
	return nil
}

// mkdirAll makes a folder, replacing a file of the same name that a previous
// build left where the new site has a folder.
func mkdirAll(d string) error {
	err := os.MkdirAll(d, 0o755)
	if err == nil {
		return nil
	}
	for p := d; p != filepath.Dir(p); p = filepath.Dir(p) {
		if fi, serr := os.Lstat(p); serr == nil && !fi.IsDir() {
			if rerr := os.Remove(p); rerr != nil {
				return err
			}
			return os.MkdirAll(d, 0o755)
		}
	}
	return err
}

// prune removes from the staging folder the files and folders that the new
// site does not have (keep lists its files, by slash path).
func prune(staging string, keep map[string]bool) error {
	var dirs []string
	err := filepath.WalkDir(staging, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p == staging {
			return nil
		}
		rel, _ := filepath.Rel(staging, p)
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			dirs = append(dirs, p)
			return nil
		}
		if !keep[rel] {
			return os.Remove(p)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("cleaning the staging folder: %w", err)
	}
	// Deepest first, so that a folder is empty when its turn comes.
	for i := len(dirs) - 1; i >= 0; i-- {
		_ = os.Remove(dirs[i]) // fails, as wanted, when the folder is not empty
	}
	return nil
}

// errNoExchange says that the system or the file system cannot exchange
// two folders in one step.
var errNoExchange = errors.New("no atomic exchange of folders here")

// swap exchanges the folders staging and dir with exchange, one atomic step
// where the system has it (exchangeFolders); when it has not, with renames
// (see swapByRenames). When dir does not exist yet, staging becomes dir.
func swap(staging, dir string, exchange func(a, b string) error) error {
	if _, err := os.Lstat(dir); errors.Is(err, fs.ErrNotExist) {
		if err := os.Rename(staging, dir); err != nil {
			return fmt.Errorf("moving the new site into %s: %w", dir, err)
		}
		return os.MkdirAll(staging, 0o755)
	}
	err := exchange(staging, dir)
	if errors.Is(err, errNoExchange) {
		return swapByRenames(staging, dir)
	}
	if err != nil {
		return fmt.Errorf("exchanging the new site with %s: %w", dir, err)
	}
	return nil
}

// oldFolder is where swapByRenames puts the previous site for a moment:
// ".public.old" for "public".
func oldFolder(dir string) string {
	return filepath.Join(filepath.Dir(dir), "."+filepath.Base(dir)+".old")
}

// swapByRenames swaps the folders with three renames (dir → old, staging →
// dir, old → staging): between the first two, dir is missing for an
// instant. A failure of the second puts the previous site back; an
// interruption (power cut, killed process) is repaired by the next build
// (see repairSwap).
func swapByRenames(staging, dir string) error {
	old := oldFolder(dir)
	if err := os.Rename(dir, old); err != nil {
		return fmt.Errorf("moving the previous site out of %s: %w", dir, err)
	}
	if err := os.Rename(staging, dir); err != nil {
		_ = os.Rename(old, dir)
		return fmt.Errorf("moving the new site into %s: %w", dir, err)
	}
	if err := os.Rename(old, staging); err != nil {
		return fmt.Errorf("keeping the previous site in %s: %w", staging, err)
	}
	return nil
}

// repairSwap finishes what an interrupted swapByRenames left: when dir is
// missing and the previous site is in the old folder, it goes back to dir;
// when dir is there, the old folder is a leftover (dir has the newer site),
// removed so that the next swap can use the name.
func repairSwap(dir string) error {
	old := oldFolder(dir)
	if _, err := os.Lstat(old); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if _, err := os.Lstat(dir); errors.Is(err, fs.ErrNotExist) {
		if err := os.Rename(old, dir); err != nil {
			return fmt.Errorf("putting back the previous site of an interrupted build: %w", err)
		}
		return nil
	}
	if err := os.RemoveAll(old); err != nil {
		return fmt.Errorf("removing %s, left by an interrupted build: %w", old, err)
	}
	return nil
}

// copyTree copies the files of src (when it exists) into dst.
func copyTree(src, dst string, keep map[string]bool) error {
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if os.IsNotExist(err) && p == src {
				return filepath.SkipAll
			}
			return fmt.Errorf("reading static/: %w", err)
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if isHidden(d.Name()) && p != src {
			// .gitkeep, .DS_Store and the like are not part of the site.
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return mkdirAll(target)
		}
		if !d.Type().IsRegular() {
			return nil
		}
		keep[filepath.ToSlash(rel)] = true
		return copyFile(p, target)
	})
}

func copyFile(src, dst string) error {
	b, err := os.ReadFile(src)
	if err != nil {
		return fmt.Errorf("copying static file: %w", err)
	}
	if err := writeFile(dst, b); err != nil {
		return fmt.Errorf("copying static file: %w", err)
	}
	return nil
}

// isHidden tells dot files, except .well-known (RFC 8615), which sites publish.
func isHidden(name string) bool {
	return strings.HasPrefix(name, ".") && name != ".well-known"
}
