package newsletter_test

import (
	"bytes"
	"context"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/diff"

	"relais/internal/build"
	"relais/internal/newsletter"
	"relais/internal/newsletter/smtptest"
)

// sent is the message a server must receive: the draft without X-Unsent,
// which would make the recipients' Outlook open it as a draft.
func sent(t *testing.T, l *newsletter.Letter, a newsletter.Addresses) []byte {
	t.Helper()
	d := draft(t, l, a)
	if !bytes.Contains(d, []byte("X-Unsent: 1\r\n")) {
		t.Fatal("the draft has no X-Unsent: 1")
	}
	return bytes.Replace(d, []byte("X-Unsent: 1\r\n"), nil, 1)
}

func reseauLetter(t *testing.T) (*newsletter.Letter, newsletter.Addresses) {
	t.Helper()
	l, a, _, err := build.Newsletter(reseau(t), "")
	if err != nil {
		t.Fatal(err)
	}
	return l, a
}

func server(t *testing.T, s *smtptest.Server, user, password string) newsletter.Server {
	t.Helper()
	srv, err := newsletter.ParseServer(s.URL(user, password))
	if err != nil {
		t.Fatal(err)
	}
	if s.CertPEM != nil {
		srv.RootCAs = s.CertPool()
	}
	srv.Timeout = 10 * time.Second
	return srv
}

// TestSendPlain: a local relay without credentials; one recipient refused,
// the others receive the message, which is the draft but for X-Unsent.
func TestSendPlain(t *testing.T) {
	l, a := reseauLetter(t)
	s := smtptest.Start(t, smtptest.Options{Refuse: []string{"ml-touraine@example.org"}})
	results, err := newsletter.Send(context.Background(), server(t, s, "", ""), l, a)
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, r := range results {
		if r.Err != nil {
			lines = append(lines, "refused "+r.Recipient+": "+r.Err.Error())
		} else {
			lines = append(lines, "sent "+r.Recipient)
		}
	}
	want := `sent CIO de Tours <cio.tours@example.org>
refused ml-touraine@example.org: 550 "5.1.1 no such mailbox here"
sent Cap emploi 37 <contact@capemploi37.example.org>`
	if have := strings.Join(lines, "\n"); have != want {
		t.Errorf("results:\n%s\nwant:\n%s", have, want)
	}
	got := s.Received()
	if len(got) != 1 {
		t.Fatalf("the server received %d messages, want 1", len(got))
	}
	m := got[0]
	if m.From != "reseau@orientation-touraine.example.org" || strings.Join(m.To, ",") != "cio.tours@example.org,contact@capemploi37.example.org" {
		t.Errorf("envelope from %q to %q", m.From, m.To)
	}
	if w := sent(t, l, a); !bytes.Equal(m.Data, w) {
		t.Errorf("the message received is not the draft without X-Unsent:\n%s", diff.Diff("want", w, "received", m.Data))
	}
}

// TestSendStartTLS: credentials over STARTTLS, with a certificate the
// client is told to trust (RELAIS_SMTP_CA in the command).
func TestSendStartTLS(t *testing.T) {
	l, a := reseauLetter(t)
	s := smtptest.Start(t, smtptest.Options{StartTLS: true, User: "coordination", Password: "c0rrect-h0rse"})
	results, err := newsletter.Send(context.Background(), server(t, s, "coordination", "c0rrect-h0rse"), l, a)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range results {
		if r.Err != nil {
			t.Errorf("%s refused: %v", r.Recipient, r.Err)
		}
	}
	got := s.Received()
	if len(got) != 1 || len(got[0].To) != 3 {
		t.Fatalf("received %d messages (%v), want 1 to 3 recipients", len(got), got)
	}
	if w := sent(t, l, a); !bytes.Equal(got[0].Data, w) {
		t.Errorf("the message received is not the draft without X-Unsent:\n%s", diff.Diff("want", w, "received", got[0].Data))
	}

	// A wrong password: a clear error, without the password.
	_, err = newsletter.Send(context.Background(), server(t, s, "coordination", "wr0ng-pa55"), l, a)
	if err == nil {
		t.Fatal("a wrong password sent the mail")
	}
	t.Logf("wrong password: %v", err)
	if msg := err.Error(); !strings.Contains(msg, "refused the user name or password") || strings.Contains(msg, "wr0ng-pa55") {
		t.Errorf("wrong password: %v", err)
	}
	if n := len(s.Received()); n != 1 {
		t.Errorf("%d messages received after a wrong password, want still 1", n)
	}

	// A certificate the client does not trust: no password sent.
	srv := server(t, s, "coordination", "c0rrect-h0rse")
	srv.RootCAs = nil
	before := s.AuthAttempts()
	_, err = newsletter.Send(context.Background(), srv, l, a)
	t.Logf("untrusted certificate: %v", err)
	if err == nil || !strings.Contains(err.Error(), "certificate") || strings.Contains(err.Error(), "c0rrect-h0rse") {
		t.Errorf("untrusted certificate: %v", err)
	}
	if s.AuthAttempts() != before {
		t.Error("the client authenticated with an untrusted certificate")
	}
}

// TestSendNoPasswordInClear: a server that offers AUTH without TLS gets no
// password and no mail.
func TestSendNoPasswordInClear(t *testing.T) {
	l, a := reseauLetter(t)
	s := smtptest.Start(t, smtptest.Options{User: "coordination", Password: "s3cret", InsecureAuth: true})
	_, err := newsletter.Send(context.Background(), server(t, s, "coordination", "s3cret"), l, a)
	t.Logf("plain connection: %v", err)
	if err == nil || !strings.Contains(err.Error(), "relais sends a password only over TLS") || strings.Contains(err.Error(), "s3cret") {
		t.Errorf("credentials over a plain connection: %v", err)
	}
	if s.AuthAttempts() != 0 || s.MailCommands() != 0 {
		t.Errorf("the server saw %d AUTH and %d MAIL commands, want none", s.AuthAttempts(), s.MailCommands())
	}
}

func TestSendNeedsAddresses(t *testing.T) {
	l, a := reseauLetter(t)
	s := smtptest.Start(t, smtptest.Options{})
	for _, tt := range []struct {
		name string
		a    newsletter.Addresses
		want string
	}{
		{"no sender", newsletter.Addresses{To: a.To}, "no sender: set newsletter.from in content/_index.md"},
		{"no recipient", newsletter.Addresses{From: a.From}, "no recipient: set newsletter.to in content/_index.md, or give --to"},
	} {
		_, err := newsletter.Send(context.Background(), server(t, s, "", ""), l, tt.a)
		if err == nil || err.Error() != tt.want {
			t.Errorf("%s: %v, want %q", tt.name, err, tt.want)
		}
	}
	if s.MailCommands() != 0 {
		t.Error("the server got a MAIL command")
	}
}

func TestParseServer(t *testing.T) {
	tests := []struct {
		url, want string
	}{
		{"smtp://mail.example.org", "mail.example.org:587 starttls"},
		{"smtp://relay.local:25", "relay.local:25 starttls"},
		{"smtps://user%40example.org:p%40ss@smtp.example.org", "smtp.example.org:465 tls user@example.org p@ss"},
		{"smtp://coord:secret@smtp.example.org:2525", "smtp.example.org:2525 starttls coord secret"},
		{"SMTP://mail.example.org", "mail.example.org:587 starttls"},
		{"http://user:secret@mail.example.org", `error: RELAIS_SMTP_URL must start with smtp:// or smtps://, not "http:"`},
		{"smtp://:secret@mail.example.org", "error: RELAIS_SMTP_URL has a password but no user name"},
		{"smtp:///nohost", "error: RELAIS_SMTP_URL has no host (smtp://user:password@host:587)"},
		{"smtp://user:secret@mail.example.org:99999", `error: RELAIS_SMTP_URL: port "99999" is not a port number`},
		{"smtp://user:sec ret@mail example.org", "error: RELAIS_SMTP_URL is not a valid URL (smtp://user:password@host:587 or smtps://user:password@host:465)"},
		{"mail.example.org:587", `error: RELAIS_SMTP_URL must start with smtp:// or smtps://, not "mail.example.org:"`},
	}
	for _, tt := range tests {
		s, err := newsletter.ParseServer(tt.url)
		var have string
		if err != nil {
			have = "error: " + err.Error()
		} else {
			mode := "starttls"
			if s.TLS {
				mode = "tls"
			}
			have = strings.TrimSpace(strings.Join([]string{s.Host + ":" + strconv.Itoa(s.Port), mode, s.User, s.Password}, " "))
		}
		if have != tt.want {
			t.Errorf("ParseServer(%q) = %s, want %s", tt.url, have, tt.want)
		}
	}
}

// FuzzParseServer: no panic, and an error never holds the URL's password.
func FuzzParseServer(f *testing.F) {
	f.Add("smtp://user:pass@host:587")
	f.Add("smtps://u:p%zz@h")
	f.Add("smtp://u:secret@[::1")
	f.Add("ftp://u:secret-password@host")
	f.Add("smtp://u:secret-password@host:12x")
	f.Fuzz(func(t *testing.T, raw string) {
		_, err := newsletter.ParseServer(raw)
		u, perr := url.Parse(strings.TrimSpace(raw))
		if err == nil || perr != nil || u.User == nil {
			return
		}
		p, _ := u.User.Password()
		if len(p) >= 6 && !strings.Contains(u.Scheme+u.Host, p) && strings.Contains(err.Error(), p) {
			t.Fatalf("the error %q holds the password %q", err, p)
		}
	})
}
