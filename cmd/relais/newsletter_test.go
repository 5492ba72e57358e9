package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"relais/internal/newsletter/smtptest"
	"relais/internal/testsite"
)

// sendSite extracts the test site reseau, whose settings have a
// newsletter: sender and three recipients.
func sendSite(t *testing.T) string {
	t.Helper()
	s, err := testsite.Extract("../../testdata/sites/reseau.txtar", t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return s.Root
}

func runWith(t *testing.T, vars map[string]string, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr strings.Builder
	env := &environment{stdout: &stdout, stderr: &stderr, getenv: func(k string) string { return vars[k] }, now: func() int64 { return 1633039200 }}
	code := run(env, args)
	return code, stdout.String(), stderr.String()
}

// TestNewsletterSend: relais newsletter --send prints a line per recipient
// and exits 1 when one was refused; with credentials it goes over STARTTLS,
// trusting RELAIS_SMTP_CA; the password never shows.
func TestNewsletterSend(t *testing.T) {
	root := sendSite(t)

	s := smtptest.Start(t, smtptest.Options{Refuse: []string{"ml-touraine@example.org"}})
	code, stdout, stderr := runWith(t, map[string]string{"RELAIS_SMTP_URL": s.URL("", "")},
		"newsletter", "--src", root, "--now", "2021-10-01T12:00", "--send")
	if code != exitContent {
		t.Errorf("a refused recipient: exit %d, want 1", code)
	}
	if want := "relais: sent to CIO de Tours <cio.tours@example.org>\nrelais: sent to Cap emploi 37 <contact@capemploi37.example.org>\n"; stdout != want {
		t.Errorf("stdout:\n%s\nwant:\n%s", stdout, want)
	}
	if want := "relais: refused ml-touraine@example.org: 550 \"5.1.1 no such mailbox here\"\n"; stderr != want {
		t.Errorf("stderr:\n%s\nwant:\n%s", stderr, want)
	}
	if matches, _ := filepath.Glob("lettre-*.eml"); len(matches) > 0 {
		t.Errorf("--send without --out wrote %v", matches)
	}

	tlsServer := smtptest.Start(t, smtptest.Options{StartTLS: true, User: "coordination", Password: "Tr0ub4dor&3"})
	ca := filepath.Join(t.TempDir(), "ca.pem")
	if err := os.WriteFile(ca, tlsServer.CertPEM, 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "lettre.eml")
	vars := map[string]string{"RELAIS_SMTP_URL": tlsServer.URL("coordination", "Tr0ub4dor%263"), "RELAIS_SMTP_CA": ca}
	code, stdout, stderr = runWith(t, vars, "newsletter", "--src", root, "--now", "2021-10-01T12:00", "--send", "--out", out, "--to", "ana@example.net")
	if code != exitOK || stderr != "" {
		t.Fatalf("STARTTLS with credentials: exit %d, stderr %q", code, stderr)
	}
	if !strings.HasSuffix(stdout, "relais: sent to ana@example.net\n") || strings.Contains(stdout, "Tr0ub4dor") {
		t.Errorf("stdout: %q", stdout)
	}
	got := tlsServer.Received()
	eml, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || !bytes.Equal(got[0].Data, bytes.Replace(eml, []byte("X-Unsent: 1\r\n"), nil, 1)) {
		t.Errorf("the server did not receive the .eml without X-Unsent (%d messages)", len(got))
	}

	vars["RELAIS_SMTP_URL"] = tlsServer.URL("coordination", "guess-Tr0ub4dor")
	code, stdout, stderr = runWith(t, vars, "newsletter", "--src", root, "--now", "2021-10-01T12:00", "--send")
	if code != exitContent || !strings.Contains(stderr, "refused the user name or password") || strings.Contains(stdout+stderr, "Tr0ub4dor") {
		t.Errorf("wrong password: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
}
