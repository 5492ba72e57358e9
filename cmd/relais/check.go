package main

import (
	"fmt"

	"relais/internal/build"
)

var checkCommand = &command{
	name:  "check",
	usage: "check [--src DIR] [--now DATE] [--drafts] [--strict]",
	short: "validate the content, write nothing",
	long: `
Check reads the site exactly as build does and reports every problem, sorted by
file and line, then a count. It writes nothing. Warnings (safe to publish, but
probably unintended) do not fail the check unless --strict is given.

Exit status: 0 when the content is fine, 1 when it has errors (or warnings
with --strict), 2 on a bad command line.`,
}

func init() { checkCommand.run = runCheck }

func runCheck(env *environment, args []string) int {
	var f siteFlags
	fs := checkCommand.flags(env)
	f.register(fs, false)
	strict := fs.Bool("strict", false, "fail on warnings too")
	if code := checkCommand.parse(env, fs, args); code >= 0 {
		return code
	}
	cfg, err := f.config(env)
	if err != nil {
		fmt.Fprintf(env.stderr, "relais check: %v\n", err)
		return exitUsage
	}
	cfg.DryRun = true
	sum, err := build.Run(cfg)
	if err != nil {
		if sum != nil {
			printProblems(env, sum.Warnings)
		}
		return reportError(env, err)
	}
	printProblems(env, sum.Warnings)
	n := len(sum.Warnings)
	fmt.Fprintf(env.stdout, "relais: %d output files checked, no error, %d %s\n", sum.Files, n, plural(n, "warning", "warnings"))
	if *strict && n > 0 {
		return exitContent
	}
	return exitOK
}
