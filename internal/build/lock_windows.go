package build

import (
	"errors"
	"fmt"

	"golang.org/x/sys/windows"
)

// lock makes sure that two builds of the same site never write into the
// staging folder at once. Windows refuses to rename a folder that a program
// holds open, so the lock is a file beside it (".public.staging.lock"),
// opened without sharing and deleted by the system when it is closed, even
// when relais is killed: a second build cannot open it while the first runs.
func lock(staging string) (unlock func(), err error) {
	name := staging + ".lock"
	p, err := windows.UTF16PtrFromString(name)
	if err != nil {
		return nil, err
	}
	h, err := windows.CreateFile(p, windows.GENERIC_READ|windows.GENERIC_WRITE, 0, nil,
		windows.OPEN_ALWAYS, windows.FILE_ATTRIBUTE_HIDDEN|windows.FILE_FLAG_DELETE_ON_CLOSE, 0)
	if errors.Is(err, windows.ERROR_SHARING_VIOLATION) || errors.Is(err, windows.ERROR_ACCESS_DENIED) {
		return nil, fmt.Errorf("another relais build is writing %s: wait for it to end", staging)
	}
	if err != nil {
		return nil, fmt.Errorf("locking %s: %w", name, err)
	}
	return func() { _ = windows.CloseHandle(h) }, nil
}
