package e2e

import (
	"time"

	"relais/internal/build"
)

// buildSite builds the site s into the folder out, as `relais build --now`
// would, and returns the build's now.
func buildSite(s siteSpec, out string) (time.Time, error) {
	sum, err := build.Run(build.Config{
		Root:    s.root,
		Out:     out,
		Now:     s.now,
		NowText: s.nowText, // read in the site's own zone, as --now is
		BaseURL: s.baseURL,
		Drafts:  s.drafts,
	})
	if err != nil {
		return time.Time{}, err
	}
	if len(sum.Warnings) > 0 {
		stats.note("%s: the build warned: %v", s.name, sum.Warnings)
	}
	return sum.Now, nil
}
