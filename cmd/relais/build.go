package main

import (
	"errors"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"relais/internal/build"
	"relais/internal/date"
	"relais/internal/diag"
)

var buildCommand = &command{
	name:  "build",
	usage: "build [--src DIR] [--out DIR] [--base-url URL] [--now DATE] [--drafts]",
	short: "build the site into public/",
	long: `
Build reads content/, layouts/ and static/ in the source folder and writes the
whole site into the output folder. The new site replaces the old one only when
the build succeeded: after a failed build the previous output is untouched.

"Now" decides which events are upcoming. It is --now when given (a day,
2021-10-01, or a local time, 2021-10-01T09:00, in the site's time zone), else
the SOURCE_DATE_EPOCH environment variable (Unix seconds), else the clock. The
same sources and the same "now" give byte-identical output.

The base URL (for canonical links and the sitemap) is --base-url, else the URL
environment variable (set by Netlify), else base_url in content/_index.md.
When it has a path (https://example.org/reseau/), every link is written
under that path.

Exit status: 0 when the site was built, 1 when the content has errors (each is
printed as file:line: message), 2 on a bad command line.`,
}

func init() { buildCommand.run = runBuild }

// siteFlags are the flags shared by build and check.
type siteFlags struct {
	src, out, baseURL, now string
	drafts                 bool
}

func (f *siteFlags) register(fs interface {
	StringVar(*string, string, string, string)
	BoolVar(*bool, string, bool, string)
}, withOut bool) {
	fs.StringVar(&f.src, "src", ".", "the site's folder, the one holding content/")
	if withOut {
		fs.StringVar(&f.out, "out", "", "the output folder (default: public/ in the site's folder)")
		fs.StringVar(&f.baseURL, "base-url", "", "the absolute URL of the published site")
	}
	fs.StringVar(&f.now, "now", "", "build as of this day or time, e.g. 2021-10-01")
	fs.BoolVar(&f.drafts, "drafts", false, "include files marked draft: true")
}

// config resolves flags, environment and clock into a build configuration.
func (f *siteFlags) config(env *environment) (build.Config, error) {
	cfg := build.Config{Root: f.src, Out: f.out, NowText: f.now, Drafts: f.drafts, BaseURL: f.baseURL}
	if cfg.Out == "" {
		cfg.Out = filepath.Join(f.src, "public")
	}
	if cfg.BaseURL == "" {
		cfg.BaseURL = env.getenv("URL")
	}
	if cfg.BaseURL != "" && !strings.HasPrefix(cfg.BaseURL, "http://") && !strings.HasPrefix(cfg.BaseURL, "https://") {
		return cfg, fmt.Errorf("base URL %q must start with https:// or http://", cfg.BaseURL)
	}
	if f.now != "" {
		// The zone is the site's, read later; the form can be checked now.
		if _, err := date.Parse(f.now, time.UTC); err != nil {
			return cfg, fmt.Errorf("--now: %v", err)
		}
	}
	cfg.Now = time.Unix(env.now(), 0)
	if s := env.getenv("SOURCE_DATE_EPOCH"); s != "" && f.now == "" {
		sec, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return cfg, fmt.Errorf("SOURCE_DATE_EPOCH=%q is not a number of seconds", s)
		}
		cfg.Now = time.Unix(sec, 0)
	}
	return cfg, nil
}

func runBuild(env *environment, args []string) int {
	var f siteFlags
	fs := buildCommand.flags(env)
	f.register(fs, true)
	if code := buildCommand.parse(env, fs, args); code >= 0 {
		return code
	}
	cfg, err := f.config(env)
	if err != nil {
		fmt.Fprintf(env.stderr, "relais build: %v\n", err)
		return exitUsage
	}
	sum, err := build.Run(cfg)
	if sum != nil {
		printProblems(env, sum.Warnings)
	}
	if err != nil {
		return reportError(env, err)
	}
	var kinds []string
	total := 0
	for _, k := range sortedKeys(sum.Pages) {
		kinds = append(kinds, fmt.Sprintf("%d %s", sum.Pages[k], k))
		total += sum.Pages[k]
	}
	fmt.Fprintf(env.stdout, "relais: built %d pages (%s) and %d other files into %s as of %s in %d ms\n",
		total, strings.Join(kinds, ", "), sum.Files-total, cfg.Out, sum.Now.Format("2006-01-02 15:04 MST"), sum.Elapsed.Milliseconds())
	if !sum.Next.At.IsZero() {
		fmt.Fprintf(env.stdout, "relais: next change: %s, %s (rebuild then to keep the site current)\n",
			strings.ReplaceAll(date.FormatValue(date.At(sum.Next.At)), "\u00a0", " "), sum.Next.What)
	}
	return exitOK
}

// reportError prints the problems of a failed build and returns the exit status.
func reportError(env *environment, err error) int {
	var list diag.List
	if errors.As(err, &list) {
		printProblems(env, list)
		n := len(list.Fatal())
		fmt.Fprintf(env.stderr, "%d %s; nothing was written\n", n, plural(n, "error", "errors"))
		return exitContent
	}
	fmt.Fprintf(env.stderr, "relais: %v\n", err)
	return exitContent
}

func printProblems(env *environment, list diag.List) {
	list.Sort()
	for _, e := range list {
		if e.Pos.File == "" {
			fmt.Fprint(env.stderr, "relais: ") // as age does for unpositioned errors
		}
		fmt.Fprintln(env.stderr, e.Error())
	}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func unixNow() int64 { return time.Now().Unix() }
