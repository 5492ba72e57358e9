package build

import (
	"errors"

	"golang.org/x/sys/unix"
)

// exchangeFolders exchanges two folders in one atomic step with
// renamex_np(RENAME_SWAP). File systems without it (ENOTSUP, EINVAL) give
// errNoExchange.
func exchangeFolders(a, b string) error {
	err := unix.RenamexNp(a, b, unix.RENAME_SWAP)
	if errors.Is(err, unix.ENOTSUP) || errors.Is(err, unix.EINVAL) || errors.Is(err, unix.ENOSYS) {
		return errNoExchange
	}
	return err
}
