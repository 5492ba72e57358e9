package build

import (
	"errors"

	"golang.org/x/sys/unix"
)

// exchangeFolders exchanges two folders in one atomic step with
// renameat2(RENAME_EXCHANGE). File systems and kernels without it (EINVAL,
// ENOSYS) give errNoExchange.
func exchangeFolders(a, b string) error {
	err := unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
	if errors.Is(err, unix.EINVAL) || errors.Is(err, unix.ENOSYS) || errors.Is(err, unix.EOPNOTSUPP) {
		return errNoExchange
	}
	return err
}
