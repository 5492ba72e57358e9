package newsletter

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"strings"

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
	// go-mail folds a long encoded subject right after "Subject:", and
	// Python's email then reads a space before the subject: it is encoded
	// here, its first word on the first line.
	m.SetGenHeaderPreformatted(mail.HeaderSubject, encodeSubject(l.Subject))
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

// encodeSubject writes a subject as RFC 2047 encoded words (UTF-8, "Q"),
// folded so that no line of the header passes 76 characters: words of the
// subject are gathered while their encoding fits, spaces kept inside the
// encoded words (a space between two encoded words is not part of the text).
func encodeSubject(s string) string {
	const prefix, suffix = "=?UTF-8?q?", "?="
	limit := 76 - len("Subject: ")
	var lines []string
	var cur strings.Builder
	for _, w := range strings.SplitAfter(s, " ") {
		ew := qEncode(w)
		if cur.Len() > 0 && len(prefix)+cur.Len()+len(ew)+len(suffix) > limit {
			lines = append(lines, prefix+cur.String()+suffix)
			cur.Reset()
			limit = 75 // after the folding space
		}
		cur.WriteString(ew)
	}
	lines = append(lines, prefix+cur.String()+suffix)
	return strings.Join(lines, "\r\n ")
}

// qEncode is RFC 2047's "Q" encoding of text, with the characters allowed
// in any header kept as they are.
func qEncode(s string) string {
	var b strings.Builder
	for _, c := range []byte(s) {
		switch {
		case c == ' ':
			b.WriteByte('_')
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', strings.IndexByte("!*+-/", c) >= 0:
			b.WriteByte(c)
		default:
			fmt.Fprintf(&b, "=%02X", c)
		}
	}
	return b.String()
}
