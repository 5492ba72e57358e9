package main

import (
	"fmt"

	"relais/internal/importer"
)

var importCommand = &command{
	name:  "import",
	usage: "import [--src DIR] [--meeting DATE] [--dry-run] FILE",
	short: "cut a meeting's relevé (.docx, .txt, .md) into draft files",
	long: `
Import reads the relevé de décisions of a meeting (a Word .docx, text extracted
from a mail or a PDF, or Markdown) and writes it as draft files: the minutes
(content/minutes/<date>.md), one news item per partner paragraph
(content/news/<date>-<partner>.md), one event per agenda item and one for the
next meeting (content/events/<year>/<slug>.md), and a draft partner for a
paragraph label that matches no partner of the site.

Every file has draft: true, and every value read from the text carries a YAML
comment quoting the words it comes from. Redirect links are unwrapped; meeting
links with their passcode, passcodes and e-mail addresses in links are never
copied. "avant le lundi 4 octobre" gives the deadline 2021-10-04: the day
written is taken as the last day to register, and the report says so.

Import never replaces a file (a numbered name is taken instead). Before writing,
it checks the drafts with the rest of the site as "relais check --drafts"
would; when they would not pass, it writes nothing and prints why. It then
prints the files, one line per point to check (file:line: message) and a
summary. The meeting's day is read from the relevé's header, or given with
--meeting.

Exit status: 0 when the drafts were written (or would be, with --dry-run), 1
when the relevé cannot be read or the drafts would not pass, 2 on a bad
command line.`,
}

func init() { importCommand.run = runImport }

func runImport(env *environment, args []string) int {
	fs := importCommand.flags(env)
	src := fs.String("src", ".", "the site's folder, the one holding content/")
	meeting := fs.String("meeting", "", "the meeting's day, e.g. 2021-09-23, when the relevé does not say it")
	dryRun := fs.Bool("dry-run", false, "print what would be written, write nothing")
	if code := importCommand.parse(env, fs, args); code >= 0 {
		return code
	}
	if fs.NArg() != 1 {
		fmt.Fprintf(env.stderr, "relais import: give one file, the relevé (.docx, .txt or .md)\n\n")
		importCommand.printHelp(env.stderr, fs)
		return exitUsage
	}
	res, err := importer.Import(importer.Config{Root: *src, File: fs.Arg(0), Meeting: *meeting, DryRun: *dryRun})
	if err != nil {
		return reportError(env, err)
	}
	prefix := ""
	if *dryRun {
		prefix = "would write "
	}
	for _, d := range res.Drafts {
		fmt.Fprintln(env.stdout, prefix+d.Path)
	}
	for _, p := range res.Points {
		fmt.Fprintf(env.stdout, "%s: %s\n", p.Pos, p.Msg)
	}
	suffix := ""
	if *dryRun {
		suffix = " (dry run: nothing written)"
	}
	fmt.Fprintf(env.stdout, "relais: %s%s\n", res.Summary(), suffix)
	return exitOK
}
