//go:build !linux

package build

import (
	"io/fs"
	"os"
)

// createFile writes a new file (or replaces one) with b. Linux has a faster
// way (createfile_linux.go); elsewhere, the os package's.
func createFile(p string, b []byte) error {
	return os.WriteFile(p, b, 0o644)
}

// ReadFile reads a file of the site's sources.
func (s sourceFS) ReadFile(name string) ([]byte, error) {
	return fs.ReadFile(s.FS, name)
}
