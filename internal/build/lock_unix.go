//go:build unix

package build

import (
	"fmt"
	"os"

	"golang.org/x/sys/unix"
)

// lock takes an exclusive lock on the staging folder, so that two builds of
// the same site never write into it at once.
func lock(staging string) (unlock func(), err error) {
	f, err := os.Open(staging)
	if err != nil {
		return nil, err
	}
	if err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB); err != nil {
		f.Close()
		return nil, fmt.Errorf("another relais build is writing %s: wait for it to end", staging)
	}
	return func() { _ = unix.Flock(int(f.Fd()), unix.LOCK_UN); f.Close() }, nil
}
