package newsletter

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"

	"github.com/wneessen/go-mail"
)

// Addresses are the mail's sender and recipients, as written in the
// settings ("SPRO 41 <spro41@example.org>").
type Addresses struct {
	From    string
	To      []string
	ReplyTo string
}

// Message returns the mail as go-mail writes and sends it: multipart/
// alternative (text, then HTML), UTF-8, quoted-printable, the subject
// encoded as RFC 2047 says. A draft carries X-Unsent: 1, which makes Outlook
// and Thunderbird open it as a message to check and send; a message to send
// does not.
//
// The bytes depend only on the letter and the addresses: the Date is the
// build's "now", the Message-ID comes from the site's host and the minutes,
// and the MIME boundary, which go-mail draws at random, is set
// (mail.WithBoundary) from a hash of the parts: the same parts, the same
// boundary, and no part can hold a line made of the hash of itself.
func (l *Letter) Message(a Addresses, draft bool) (*mail.Msg, error) {
	m := mail.NewMsg(mail.WithBoundary(l.boundary()), mail.WithNoDefaultUserAgent(),
		mail.WithCharset(mail.CharsetUTF8), mail.WithEncoding(mail.EncodingQP))
	if a.From != "" {
		if err := m.From(a.From); err != nil {
			return nil, fmt.Errorf("newsletter.from %q: %v", a.From, err)
		}
	}
	for _, to := range a.To {
		if err := m.AddTo(to); err != nil {
			return nil, fmt.Errorf("recipient %q: %v", to, err)
		}
	}
	if a.ReplyTo != "" {
		if err := m.ReplyTo(a.ReplyTo); err != nil {
			return nil, fmt.Errorf("newsletter.reply_to %q: %v", a.ReplyTo, err)
		}
	}
	m.Subject(l.Subject)
	m.SetDateWithValue(l.Date)
	m.SetMessageIDWithValue(l.MessageID)
	m.SetUserAgent("relais")
	if draft {
		m.SetGenHeader("X-Unsent", "1")
	}
	m.SetBodyString(mail.TypeTextPlain, string(l.Text))
	m.AddAlternativeString(mail.TypeTextHTML, string(l.HTML))
	return m, nil
}

// boundary is "relais-" and the start of the SHA-256 of both parts.
func (l *Letter) boundary() string {
	h := sha256.New()
	h.Write(l.Text)
	h.Write([]byte{0})
	h.Write(l.HTML)
	return "relais-" + hex.EncodeToString(h.Sum(nil))[:32]
}

// WriteDraft writes the mail as a draft .eml file.
func (l *Letter) WriteDraft(w io.Writer, a Addresses) error {
	m, err := l.Message(a, true)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if _, err := m.WriteTo(&buf); err != nil {
		return fmt.Errorf("writing the mail: %w", err)
	}
	_, err = w.Write(buf.Bytes())
	return err
}
