package main

import (
	"context"
	"crypto/x509"
	"fmt"
	netmail "net/mail"
	"os"
	"path/filepath"
	"strings"

	"relais/internal/build"
	"relais/internal/newsletter"
)

var newsletterCommand = &command{
	name:  "newsletter",
	usage: "newsletter [--src DIR] [--now DATE] [--to ADDR,…] [--out FILE.eml] [--send] [ID]",
	short: "write a relevé's mail as a draft, or send it",
	long: `
Newsletter writes the e-mail edition of the minutes ID (2021-09-23; the newest
published minutes without ID): the meeting, the partners' news, the agenda and
the decisions, as an HTML part for mail clients and a plain-text part. It
writes a draft .eml (--out, default lettre-ID.eml) that Outlook and
Thunderbird open as a message to check and send.

--send sends it through the SMTP server of the RELAIS_SMTP_URL environment
variable (smtp://user:password@host:587 for STARTTLS, smtps://...:465 for TLS;
a URL without credentials may use a plain connection, for a local relay), from
newsletter.from to newsletter.to of content/_index.md, or to the --to
addresses. A password is sent only over TLS and never printed. RELAIS_SMTP_CA
may name a PEM file of certificates to trust besides the system's. With --send,
the .eml is written only when --out is given.

"Now", the day the mail is written, is --now, else SOURCE_DATE_EPOCH, else the
clock; it dates the mail and decides which events are still to come. The same
sources and the same "now" give the same bytes.

Exit status: 0 when the mail was written (and sent to every recipient), 1 when
the content has errors or a recipient was refused, 2 on a bad command line.`,
}

func init() { newsletterCommand.run = runNewsletter }

func runNewsletter(env *environment, args []string) int {
	var f siteFlags
	var to, out string
	var send bool
	fs := newsletterCommand.flags(env)
	fs.StringVar(&f.src, "src", ".", "the site's folder, the one holding content/")
	fs.StringVar(&f.now, "now", "", "write the mail as of this day or time, e.g. 2021-09-24")
	fs.StringVar(&to, "to", "", "comma-separated recipients, instead of newsletter.to")
	fs.StringVar(&out, "out", "", "the .eml file to write (default: lettre-ID.eml; none with --send)")
	fs.BoolVar(&send, "send", false, "send the mail through RELAIS_SMTP_URL")
	// The ID may come before flags, as in "newsletter 2021-09-23 --out x.eml":
	// the flag package stops at the first argument, so parse what follows it.
	var ids []string
	for {
		if code := newsletterCommand.parse(env, fs, args); code >= 0 {
			return code
		}
		if fs.NArg() == 0 {
			break
		}
		ids = append(ids, fs.Arg(0))
		args = fs.Args()[1:]
	}
	if len(ids) > 1 {
		fmt.Fprintf(env.stderr, "relais newsletter: one minutes ID at most, not %q\n", strings.Join(ids, " "))
		return exitUsage
	}
	id := ""
	if len(ids) == 1 {
		id = ids[0]
	}
	var recipients []string
	for _, a := range strings.Split(to, ",") {
		if a = strings.TrimSpace(a); a == "" {
			continue
		}
		if _, err := netmail.ParseAddress(a); err != nil {
			fmt.Fprintf(env.stderr, "relais newsletter: --to: %q is not an e-mail address\n", a)
			return exitUsage
		}
		recipients = append(recipients, a)
	}
	var server newsletter.Server
	if send {
		// The server is read before anything is composed: a missing
		// variable is said at once.
		raw := env.getenv("RELAIS_SMTP_URL")
		if raw == "" {
			fmt.Fprintln(env.stderr, "relais newsletter: --send needs the RELAIS_SMTP_URL environment variable (smtp://user:password@host:587 or smtps://user:password@host:465)")
			return exitUsage
		}
		var err error
		if server, err = newsletter.ParseServer(raw); err != nil {
			fmt.Fprintf(env.stderr, "relais newsletter: %v\n", err)
			return exitUsage
		}
		if ca := env.getenv("RELAIS_SMTP_CA"); ca != "" {
			pem, err := os.ReadFile(ca)
			if err != nil {
				fmt.Fprintf(env.stderr, "relais newsletter: RELAIS_SMTP_CA: %v\n", err)
				return exitUsage
			}
			pool, err := x509.SystemCertPool()
			if err != nil {
				pool = x509.NewCertPool()
			}
			if !pool.AppendCertsFromPEM(pem) {
				fmt.Fprintf(env.stderr, "relais newsletter: RELAIS_SMTP_CA: no PEM certificate in %s\n", ca)
				return exitUsage
			}
			server.RootCAs = pool
		}
	}
	cfg, err := f.config(env)
	if err != nil {
		fmt.Fprintf(env.stderr, "relais newsletter: %v\n", err)
		return exitUsage
	}
	letter, addr, sum, err := build.Newsletter(cfg, id)
	if sum != nil {
		printProblems(env, sum.Warnings)
	}
	if err != nil {
		return reportError(env, err)
	}
	if len(recipients) > 0 {
		addr.To = recipients
	}
	if out == "" && !send {
		out = filepath.Join(".", "lettre-"+letter.MinutesID+".eml")
	}
	if out != "" {
		if err := writeDraft(out, letter, addr); err != nil {
			fmt.Fprintf(env.stderr, "relais newsletter: %v\n", err)
			return exitContent
		}
		fmt.Fprintf(env.stdout, "relais: wrote %s: %q, %d %s\n", out, letter.Subject, len(addr.To), plural(len(addr.To), "recipient", "recipients"))
	}
	if !send {
		return exitOK
	}
	results, err := newsletter.Send(context.Background(), server, letter, addr)
	if err != nil {
		fmt.Fprintf(env.stderr, "relais newsletter: %v\n", err)
		return exitContent
	}
	code := exitOK
	for _, r := range results {
		if r.Err != nil {
			fmt.Fprintf(env.stderr, "relais: refused %s: %v\n", r.Recipient, r.Err)
			code = exitContent
			continue
		}
		fmt.Fprintf(env.stdout, "relais: sent to %s\n", r.Recipient)
	}
	return code
}

// writeDraft writes the .eml beside its final name, then renames it: an
// interrupted run leaves no half mail.
func writeDraft(path string, l *newsletter.Letter, a newsletter.Addresses) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".lettre-*.eml")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := l.WriteDraft(tmp, a); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
