package build

import (
	"io/fs"
	"os"
)

// sourceFS is os.DirFS(root), reading files with open, fstat, read and close
// only on Linux (see createFile): a build reads thousands. Errors name the
// file as os.DirFS does, relative to root.
type sourceFS struct {
	root string
	fs.FS
}

func newSourceFS(root string) sourceFS { return sourceFS{root, os.DirFS(root)} }

func (s sourceFS) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(s.FS, name) }

func (s sourceFS) Stat(name string) (fs.FileInfo, error) { return fs.Stat(s.FS, name) }
