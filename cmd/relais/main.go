// Command relais builds the static site of a network of partner organisations
// (agenda, minutes, news, partners) from a tree of Markdown files.
//
// It is the only part of relais that reads the command line, the environment
// and the clock.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"runtime/metrics"
	"sort"
	"strings"
	"sync"
	"time"
)

// command is one subcommand, in the style of cmd/go.
type command struct {
	name  string
	usage string // the synopsis after "relais "
	short string
	long  string
	run   func(env *environment, args []string) int
}

// environment is what the command reads from the outside world, so that
// tests can give their own.
type environment struct {
	stdout, stderr io.Writer
	getenv         func(string) string
	now            func() int64 // Unix seconds
}

// Exit statuses.
const (
	exitOK      = 0
	exitContent = 1 // the content has errors
	exitUsage   = 2 // bad command line
)

var commands []*command

func init() {
	commands = []*command{buildCommand, serveCommand, checkCommand, newCommand, importCommand, newsletterCommand}
}

func main() {
	env := &environment{stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv, now: unixNow}
	os.Exit(run(env, os.Args[1:]))
}

func run(env *environment, args []string) int {
	if len(args) == 0 {
		usage(env.stderr)
		return exitUsage
	}
	switch args[0] {
	case "-h", "-help", "--help", "help":
		if len(args) > 1 {
			if c := lookup(args[1]); c != nil {
				fmt.Fprint(env.stdout, c.help())
				return exitOK
			}
		}
		usage(env.stdout)
		return exitOK
	}
	c := lookup(args[0])
	if c == nil {
		fmt.Fprintf(env.stderr, "relais: unknown command %q\n\n", args[0])
		usage(env.stderr)
		return exitUsage
	}
	return c.run(env, args[1:])
}

// batchGC has a one-shot command (build, check) collect garbage half as
// often as Go does by default (GOGC=200) while its live heap is small, and
// as often as the default once it passes largeHeap, unless GOGC says
// otherwise. Peak memory is about the live heap times 1 + GOGC/100: on a
// generated 10,000-page site GOGC=200 saves about 15% of the CPU time for a
// peak of 330 MB rather than 235 MB (Hugo takes 1.1 GB there); on the
// 100,000-page site it would raise the peak from 2.3 GB to 3.2 GB. relais
// serve keeps the default: it runs for hours. The returned function stops
// watching the heap and restores the setting.
func batchGC(env *environment) (stop func()) {
	if env.getenv("GOGC") != "" {
		return func() {}
	}
	old := debug.SetGCPercent(200)
	done := make(chan struct{})
	var watching sync.WaitGroup
	watching.Go(func() {
		live := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
		tick := time.NewTicker(20 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
			}
			if metrics.Read(live); live[0].Value.Kind() == metrics.KindUint64 && live[0].Value.Uint64() > largeHeap {
				debug.SetGCPercent(100)
				return
			}
		}
	})
	return func() {
		close(done)
		watching.Wait()
		debug.SetGCPercent(old)
	}
}

// largeHeap is the live heap of a site of some 20,000 pages, beyond which
// memory matters more than the garbage collector's CPU time.
const largeHeap = 192 << 20

func lookup(name string) *command {
	for _, c := range commands {
		if c.name == name {
			return c
		}
	}
	return nil
}

func usage(w io.Writer) {
	fmt.Fprint(w, `relais builds the website of a network of partners (agenda, minutes,
news, partner pages) from the Markdown files of its content/ folder.

Usage:

	relais <command> [flags]

Commands:

`)
	for _, c := range commands {
		fmt.Fprintf(w, "\t%-8s %s\n", c.name, c.short)
	}
	fmt.Fprint(w, "\nUse \"relais <command> --help\" for more about a command.\n")
	fmt.Fprint(w, "Every key of the content files: docs/content-model.md; the editors' guide, in French:\ndocs/guide-redaction.md (both in relais's repository).\n")
}

func (c *command) help() string {
	return fmt.Sprintf("Usage: relais %s\n\n%s\n", c.usage, strings.TrimSpace(c.long))
}

// flags returns a flag set for the command. It prints nothing itself: parse
// prints the help to stdout when asked for, and errors to stderr.
func (c *command) flags(env *environment) *flag.FlagSet {
	fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return fs
}

// printHelp writes the command's help and its flags.
func (c *command) printHelp(w io.Writer, fs *flag.FlagSet) {
	fmt.Fprint(w, c.help())
	fmt.Fprintln(w, "\nFlags:")
	fs.SetOutput(w)
	fs.PrintDefaults()
	fs.SetOutput(io.Discard)
}

// parse parses the flags; it returns -1 when the command may go on, else
// the exit status.
func (c *command) parse(env *environment, fs *flag.FlagSet, args []string) int {
	err := fs.Parse(args)
	switch {
	case errors.Is(err, flag.ErrHelp):
		c.printHelp(env.stdout, fs)
		return exitOK
	case err != nil:
		fmt.Fprintf(env.stderr, "relais %s: %v\n\n", c.name, err)
		c.printHelp(env.stderr, fs)
		return exitUsage
	case fs.NArg() > 0 && c.name != "new" && c.name != "import" && c.name != "newsletter":
		fmt.Fprintf(env.stderr, "relais %s: unexpected argument %q\n\n", c.name, fs.Arg(0))
		c.printHelp(env.stderr, fs)
		return exitUsage
	}
	return -1
}

func sortedKeys(m map[string]int) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
