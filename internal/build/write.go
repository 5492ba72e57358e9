package build

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/sys/unix"

	"relais/internal/render"
)

// Write writes the output files and a copy of staticDir into a temporary
// folder beside dir, then puts it in dir's place. Until that last step dir is
// untouched, so a failed or interrupted build leaves the previous site whole.
func Write(out render.Output, dir, staticDir string) error {
	dir = filepath.Clean(dir)
	parent := filepath.Dir(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return fmt.Errorf("creating %s: %w", parent, err)
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(dir)+".new-")
	if err != nil {
		return fmt.Errorf("creating a temporary output folder: %w", err)
	}
	ok := false
	defer func() {
		if !ok {
			os.RemoveAll(tmp)
		}
	}()
	if err := os.Chmod(tmp, 0o755); err != nil {
		return err
	}
	if err := copyTree(staticDir, tmp); err != nil {
		return err
	}
	made := map[string]bool{}
	for _, p := range out.Paths() {
		target := filepath.Join(tmp, filepath.FromSlash(p))
		if d := filepath.Dir(target); !made[d] {
			if err := os.MkdirAll(d, 0o755); err != nil {
				return fmt.Errorf("writing %s: %w", p, err)
			}
			made[d] = true
		}
		if err := os.WriteFile(target, out[p], 0o644); err != nil {
			return fmt.Errorf("writing %s: %w", p, err)
		}
	}
	if err := swap(tmp, dir); err != nil {
		return err
	}
	ok = true
	return nil
}

// swap puts the folder tmp in dir's place and removes the old dir. Where the
// system allows it, the exchange is one atomic rename.
func swap(tmp, dir string) error {
	if _, err := os.Lstat(dir); os.IsNotExist(err) {
		if err := os.Rename(tmp, dir); err != nil {
			return fmt.Errorf("moving the new site into %s: %w", dir, err)
		}
		return nil
	}
	if err := unix.Renameat2(unix.AT_FDCWD, tmp, unix.AT_FDCWD, dir, unix.RENAME_EXCHANGE); err == nil {
		// tmp now holds the previous site.
		return os.RemoveAll(tmp)
	}
	old := tmp + ".old"
	if err := os.Rename(dir, old); err != nil {
		return fmt.Errorf("moving the previous site out of %s: %w", dir, err)
	}
	if err := os.Rename(tmp, dir); err != nil {
		_ = os.Rename(old, dir)
		return fmt.Errorf("moving the new site into %s: %w", dir, err)
	}
	return os.RemoveAll(old)
}

// copyTree copies the files of src (when it exists) into dst.
func copyTree(src, dst string) error {
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
			return os.MkdirAll(target, 0o755)
		}
		if !d.Type().IsRegular() {
			return nil
		}
		return copyFile(p, target)
	})
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return fmt.Errorf("copying static file: %w", err)
	}
	defer in.Close()
	outf, err := os.Create(dst)
	if err != nil {
		return fmt.Errorf("copying static file: %w", err)
	}
	if _, err := io.Copy(outf, in); err != nil {
		outf.Close()
		return fmt.Errorf("copying %s: %w", src, err)
	}
	return outf.Close()
}

// isHidden tells dot files, except .well-known (RFC 8615), which sites publish.
func isHidden(name string) bool {
	return strings.HasPrefix(name, ".") && name != ".well-known"
}
