package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"runtime"
	"syscall"

	"relais/internal/serve"
)

var serveCommand = &command{
	name:  "serve",
	usage: "serve [--src DIR] [--addr 127.0.0.1:1313] [--drafts] [--now DATE] [--open]",
	short: "build, serve and rebuild on every edit, reloading the browser",
	long: `
Serve builds the site and serves it at http://127.0.0.1:1313/ (or --addr), from
memory; under the base URL's path when it has one (the URL environment
variable, else base_url in content/_index.md): http://127.0.0.1:1313/reseau/
for https://example.org/reseau/. It watches content/, layouts/ and static/: after each save the site is
rebuilt, only the files that changed are read again, and the pages open in a
browser reload by themselves (a stylesheet change is applied without a
reload). When an edit breaks the site, the last good version stays online and
every page shows the errors, until the file is fixed.

"Now" is --now, else SOURCE_DATE_EPOCH, else the clock when serve starts.
Ctrl-C stops it.`,
}

func init() { serveCommand.run = runServe }

func runServe(env *environment, args []string) int {
	var f siteFlags
	fs := serveCommand.flags(env)
	f.register(fs, false)
	addr := fs.String("addr", "127.0.0.1:1313", "the address to listen on")
	open := fs.Bool("open", false, "open the site in the browser")
	if code := serveCommand.parse(env, fs, args); code >= 0 {
		return code
	}
	cfg, err := f.config(env)
	if err != nil {
		fmt.Fprintf(env.stderr, "relais serve: %v\n", err)
		return exitUsage
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	srv := serve.New(serve.Config{Build: cfg, Addr: *addr, Log: env.stdout, Ready: func(url string) {
		if ready := env.getenv("RELAIS_READY_FILE"); ready != "" {
			// For scripts and tests: the URL, once the server listens.
			_ = os.WriteFile(ready, []byte(url+"\n"), 0o644)
		}
		if *open {
			openBrowser(url + "/")
		}
	}})
	if err := srv.Run(ctx); err != nil {
		fmt.Fprintf(env.stderr, "relais serve: %v\n", err)
		return exitContent
	}
	fmt.Fprintln(env.stdout, "relais: stopped")
	return exitOK
}

// openBrowser opens url with the desktop's browser, if there is one.
func openBrowser(url string) {
	name := "xdg-open"
	switch runtime.GOOS {
	case "darwin":
		name = "open"
	case "windows":
		name = "explorer"
	}
	_ = exec.Command(name, url).Start()
}
