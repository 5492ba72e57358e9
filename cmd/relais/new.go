package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"relais/internal/content"
	"relais/internal/markdown"
)

var newCommand = &command{
	name:  "new",
	usage: "new [--src DIR] event|news|minutes|partner|page TITLE",
	short: "start a content file with its front matter",
	long: `
New writes content/<section>/<slug>.md with the front matter of its kind, the
title filled in, today's date where one is needed, and the optional keys as
comments to fill in. The slug is made from the title ("Forum des métiers"
gives forum-des-metiers); minutes are named by today's date (2021-09-23.md).
It never replaces an existing file.`,
}

func init() { newCommand.run = runNew }

// templates of new files; %[1]s is the quoted title, %[2]s today's date.
var newTemplates = map[string]struct{ section, text string }{
	"event": {"events", `---
title: %[1]s
start: "%[2]s"            # a day, or a local time: "%[2]sT09:00"
# end: "%[2]s"            # same kind as start; for days, the last day
# slots:                  # for events held in several time ranges
#   - {start: "%[2]sT09:00", end: "%[2]sT12:00"}
#   - {start: "%[2]sT14:00", end: "%[2]sT17:00"}
# location: ""
# online: "https://…"
# organizer: ""           # free text, or the slug of a partner
# partners: []
# registration: {url: "https://…", deadline: "%[2]s"}
# status: scheduled       # or cancelled, postponed
# minutes: ""             # the meeting at which it was announced
---

Describe the event here.
`},
	"news": {"news", `---
title: %[1]s
date: "%[2]s"
partner: ""               # the slug of a file in content/partners/
# minutes: ""             # the meeting at which it was reported
---

Write the news here.
`},
	"minutes": {"minutes", `---
title: %[1]s
date: "%[2]s"
# place: ""
---

## Décisions

`},
	"partner": {"partners", `---
title: %[1]s
# short: ""
# website: "https://…"
---

Describe the partner here.
`},
	"page": {"pages", `---
title: %[1]s
# menu: footer            # or main
# weight: 1
---

`},
}

func runNew(env *environment, args []string) int {
	fs := newCommand.flags(env)
	src := fs.String("src", ".", "the site's folder, the one holding content/")
	if code := newCommand.parse(env, fs, args); code >= 0 {
		return code
	}
	if fs.NArg() < 2 {
		fmt.Fprintf(env.stderr, "relais new: give the kind and the title\n\n")
		newCommand.printHelp(env.stderr, fs)
		return exitUsage
	}
	kind, title := fs.Arg(0), strings.TrimSpace(strings.Join(fs.Args()[1:], " "))
	tmpl, ok := newTemplates[kind]
	if !ok || title == "" {
		fmt.Fprintf(env.stderr, "relais new: the kind must be event, news, minutes, partner or page, then a title\n")
		return exitUsage
	}
	settings, problems := content.LoadSettings(os.DirFS(*src))
	if settings == nil {
		printProblems(env, problems)
		return exitContent
	}
	now := time.Unix(env.now(), 0)
	if sec, err := strconv.ParseInt(env.getenv("SOURCE_DATE_EPOCH"), 10, 64); err == nil {
		now = time.Unix(sec, 0) // reproducible, as in build
	}
	today := now.In(settings.Location).Format("2006-01-02")
	slug := markdown.Slugify(title)
	if kind == "minutes" {
		slug = today
	}
	if slug == "" {
		fmt.Fprintf(env.stderr, "relais new: %q gives no file name; use letters or digits\n", title)
		return exitUsage
	}
	rel := filepath.Join(content.Root, tmpl.section, slug+".md")
	path := filepath.Join(*src, rel)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		fmt.Fprintf(env.stderr, "relais new: %v\n", err)
		return exitContent
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, os.ErrExist) {
		fmt.Fprintf(env.stderr, "relais new: %s already exists\n", filepath.ToSlash(rel))
		return exitContent
	}
	if err != nil {
		fmt.Fprintf(env.stderr, "relais new: %v\n", err)
		return exitContent
	}
	_, err = fmt.Fprintf(f, tmpl.text, strconv.Quote(title), today)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		fmt.Fprintf(env.stderr, "relais new: %v\n", err)
		return exitContent
	}
	fmt.Fprintln(env.stdout, filepath.ToSlash(rel))
	return exitOK
}
