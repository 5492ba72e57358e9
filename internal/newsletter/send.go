package newsletter

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	netmail "net/mail"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/wneessen/go-mail"
)

// Server is the SMTP server to send through, from RELAIS_SMTP_URL. Its
// password is never printed: errors about the server name its host and port
// only.
type Server struct {
	Host     string
	Port     int
	TLS      bool // implicit TLS (smtps://); else STARTTLS when the server offers it, required with credentials
	User     string
	Password string
	RootCAs  *x509.CertPool // the certificates to trust; nil for the system's
	Timeout  time.Duration  // of each step; 0 for 30 s
}

// ParseServer reads smtp://user:password@host:587 (STARTTLS; port 587 by
// default) or smtps://user:password@host:465 (TLS; port 465 by default);
// without credentials, smtp://host:25 may be a plain connection (a local
// relay). Its errors never quote the URL, which holds a password.
func ParseServer(raw string) (Server, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return Server{}, errors.New("RELAIS_SMTP_URL is not a valid URL (smtp://user:password@host:587 or smtps://user:password@host:465)")
	}
	var s Server
	switch strings.ToLower(u.Scheme) {
	case "smtp":
		s.Port = 587
	case "smtps":
		s.Port, s.TLS = 465, true
	default:
		return Server{}, fmt.Errorf("RELAIS_SMTP_URL must start with smtp:// or smtps://, not %q", u.Scheme+":")
	}
	s.Host = u.Hostname()
	if s.Host == "" {
		return Server{}, errors.New("RELAIS_SMTP_URL has no host (smtp://user:password@host:587)")
	}
	if p := u.Port(); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || n <= 0 || n > 65535 {
			return Server{}, fmt.Errorf("RELAIS_SMTP_URL: port %q is not a port number", p)
		}
		s.Port = n
	}
	if u.User != nil {
		s.User = u.User.Username()
		s.Password, _ = u.User.Password()
		if s.User == "" {
			return Server{}, errors.New("RELAIS_SMTP_URL has a password but no user name")
		}
	}
	return s, nil
}

// Result is the server's answer for one recipient.
type Result struct {
	Recipient string
	Err       error // nil when accepted
}

// Send sends the mail to its recipients (a.To) in one SMTP transaction:
// each recipient the server refuses is reported, and the others receive the
// message all the same. The message is the draft without X-Unsent. It
// returns an error when nothing could be sent (connection, TLS,
// authentication, sender refused).
func Send(ctx context.Context, srv Server, l *Letter, a Addresses) ([]Result, error) {
	if a.From == "" {
		return nil, errors.New("no sender: set newsletter.from in content/_index.md")
	}
	if len(a.To) == 0 {
		return nil, errors.New("no recipient: set newsletter.to in content/_index.md, or give --to")
	}
	msg, err := l.Message(a, false)
	if err != nil {
		return nil, err
	}
	timeout := srv.Timeout
	if timeout == 0 {
		timeout = 30 * time.Second
	}
	opts := []mail.Option{
		mail.WithPort(srv.Port), mail.WithTimeout(timeout),
		mail.WithTLSConfig(&tls.Config{ServerName: srv.Host, RootCAs: srv.RootCAs, MinVersion: tls.VersionTLS12}),
	}
	switch {
	case srv.TLS:
		opts = append(opts, mail.WithSSL())
	case srv.User != "":
		// Credentials go over TLS only: without STARTTLS the client stops
		// before AUTH.
		opts = append(opts, mail.WithTLSPolicy(mail.TLSMandatory))
	default:
		opts = append(opts, mail.WithTLSPolicy(mail.TLSOpportunistic))
	}
	if srv.User != "" {
		opts = append(opts, mail.WithSMTPAuth(mail.SMTPAuthAutoDiscover), mail.WithUsername(srv.User), mail.WithPassword(srv.Password))
	}
	c, err := mail.NewClient(srv.Host, opts...)
	if err != nil {
		return nil, serverError(srv, err)
	}
	where := srv.Host + ":" + strconv.Itoa(srv.Port)
	client, err := c.DialToSMTPClientWithContext(ctx)
	if err != nil {
		msg := err.Error()
		switch {
		case strings.Contains(msg, "does not support STARTTLS"):
			return nil, fmt.Errorf("smtp %s: the server offers no STARTTLS, and relais sends a password only over TLS (use smtps://, or a URL without credentials for a local relay)", where)
		case errors.As(err, new(*tls.CertificateVerificationError)):
			return nil, fmt.Errorf("smtp %s: the server's certificate is not trusted (%s); if your own authority signed it, name its PEM file in RELAIS_SMTP_CA", where, scrub(msg, srv))
		case strings.Contains(msg, "AUTH failed") || strings.Contains(msg, "authenticate") || strings.Contains(msg, "535 "):
			return nil, fmt.Errorf("smtp %s: the server refused the user name or password of RELAIS_SMTP_URL: %s", where, scrub(msg, srv))
		}
		return nil, serverError(srv, err)
	}
	defer c.CloseWithSMTPClient(client)

	from, err := netmail.ParseAddress(a.From)
	if err != nil {
		return nil, fmt.Errorf("newsletter.from %q: %v", a.From, err)
	}
	if err := client.Mail(from.Address); err != nil {
		return nil, fmt.Errorf("smtp %s: sender %s refused: %s", where, from.Address, scrub(err.Error(), srv))
	}
	var results []Result
	accepted := 0
	for _, to := range a.To {
		addr, err := netmail.ParseAddress(to)
		if err == nil {
			err = client.Rcpt(addr.Address)
		}
		if err == nil {
			accepted++
		} else {
			err = errors.New(scrub(err.Error(), srv))
		}
		results = append(results, Result{Recipient: to, Err: err})
	}
	if accepted == 0 {
		_ = client.Reset()
		return results, nil
	}
	w, err := client.Data()
	if err == nil {
		_, err = msg.WriteTo(w)
		if cerr := w.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		// The server took none of the message.
		for i := range results {
			if results[i].Err == nil {
				results[i].Err = errors.New(scrub(err.Error(), srv))
			}
		}
	}
	return results, nil
}

func serverError(srv Server, err error) error {
	return fmt.Errorf("smtp %s:%d: %s", srv.Host, srv.Port, scrub(err.Error(), srv))
}

// scrub takes the password out of a message, should a server or a library
// ever echo it.
func scrub(msg string, srv Server) string {
	if srv.Password != "" {
		msg = strings.ReplaceAll(msg, srv.Password, "***")
	}
	return msg
}
