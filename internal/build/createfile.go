package build

import (
	"io/fs"

	"golang.org/x/sys/unix"
)

// createFile writes a new file (or replaces one) with b, as os.WriteFile
// does, with three system calls: os.OpenFile adds five more to each file
// (registering it with the poller, which refuses regular files, and
// checking its flags), and a build writes thousands.
func createFile(p string, b []byte) error {
	fd, err := unix.Open(p, unix.O_WRONLY|unix.O_CREAT|unix.O_TRUNC|unix.O_CLOEXEC, 0o644)
	if err != nil {
		return &fs.PathError{Op: "open", Path: p, Err: err}
	}
	for len(b) > 0 {
		n, err := unix.Write(fd, b)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			unix.Close(fd)
			return &fs.PathError{Op: "write", Path: p, Err: err}
		}
		b = b[n:]
	}
	if err := unix.Close(fd); err != nil {
		return &fs.PathError{Op: "close", Path: p, Err: err}
	}
	return nil
}
