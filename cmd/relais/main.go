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
	"sort"
	"strings"
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
