// Command gensite writes a synthetic relais site, and optionally the same
// content as a Hugo site, for benchmarks:
//
//	go run ./internal/gen/cmd/gensite -n 10000 -seed 1 -out DIR [-hugo]
//
// The relais site is DIR (build it with relais build --src DIR --now 2021-10-01),
// the Hugo site DIR/hugo. The same flags always give the same files.
package main

import (
	"flag"
	"fmt"
	"os"
	"time"

	"relais/internal/gen"
)

func main() {
	n := flag.Int("n", 1000, "about how many content files to write")
	seed := flag.Uint64("seed", 1, "random seed: the same seed gives the same site")
	out := flag.String("out", "", "folder to write the site into (required)")
	hugo := flag.Bool("hugo", false, "also write the site for Hugo into OUT/hugo")
	flag.Usage = func() {
		fmt.Fprintf(os.Stderr, "usage: gensite [-n PAGES] [-seed N] [-hugo] -out DIR\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	if *out == "" || flag.NArg() > 0 || *n <= 0 {
		flag.Usage()
		os.Exit(2)
	}
	start := time.Now()
	if err := gen.Write(*out, gen.Options{Pages: *n, Seed: *seed, Hugo: *hugo}); err != nil {
		fmt.Fprintf(os.Stderr, "gensite: %v\n", err)
		os.Exit(1)
	}
	fmt.Fprintf(os.Stderr, "gensite: wrote a %d-page site into %s in %v (build it as of %s)\n",
		*n, *out, time.Since(start).Round(time.Millisecond), gen.Now)
}
