//go:build !linux && !darwin

package build

// exchangeFolders: Windows and the other systems have no atomic exchange of
// two folders; swap falls back to renames.
func exchangeFolders(a, b string) error { return errNoExchange }
