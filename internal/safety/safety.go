// Package safety finds what editors paste by accident and the public site
// must not publish: Outlook and Google redirect links that wrap the real
// address (and leak the recipient's e-mail address), meeting passcodes,
// e-mail addresses inside URLs, and link schemes that are not web, mail or
// telephone addresses. It only looks; callers decide what to report.
package safety

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"
)

// Unwrap returns the address that a redirect link wraps: Outlook's
// "safelinks" (https://eur01.safelinks.protection.outlook.com/?url=...),
// Google's (https://www.google.com/url?q=...) and the like. ok is false when
// raw is not such a link.
func Unwrap(raw string) (target string, ok bool) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Host == "" {
		return raw, false
	}
	host := strings.ToLower(u.Hostname())
	var param string
	switch {
	case strings.HasSuffix(host, ".safelinks.protection.outlook.com"):
		param = "url"
	case (host == "www.google.com" || host == "google.com" || strings.HasPrefix(host, "www.google.")) && u.Path == "/url":
		param = "q"
	case host == "l.facebook.com" && u.Path == "/l.php":
		param = "u"
	case host == "urldefense.proofpoint.com" || host == "urldefense.com":
		return raw, false // its encoding is not a plain parameter
	default:
		return raw, false
	}
	target = u.Query().Get(param)
	if target == "" {
		if param == "q" {
			target = u.Query().Get("url")
		}
		if target == "" {
			return raw, false
		}
	}
	// A wrapped safelink inside a safelink happens when mails are forwarded.
	if inner, again := Unwrap(target); again {
		target = inner
	}
	return target, true
}

// allowedSchemes are the schemes a link of the site may use.
var allowedSchemes = map[string]bool{"http": true, "https": true, "mailto": true, "tel": true}

// SchemeProblem returns why a link's scheme is refused, or "" when the link
// is relative or uses http, https, mailto or tel.
func SchemeProblem(raw string) string {
	s := strings.TrimSpace(raw)
	i := strings.IndexByte(s, ':')
	if i <= 0 {
		return ""
	}
	scheme := strings.ToLower(s[:i])
	if strings.ContainsAny(scheme, "/?#") {
		return "" // a colon in a path or query: relative
	}
	if !validScheme(scheme) {
		return ""
	}
	if allowedSchemes[scheme] {
		return ""
	}
	return fmt.Sprintf("the link scheme %q is not allowed: use https://, mailto: or tel:", scheme)
}

func validScheme(s string) bool {
	for i, r := range s {
		switch {
		case r >= 'a' && r <= 'z':
		case i > 0 && (r >= '0' && r <= '9' || r == '+' || r == '-' || r == '.'):
		default:
			return false
		}
	}
	return true
}

// secretParams are query parameters that carry a meeting's passcode.
var secretParams = []string{"pwd", "passcode", "password", "pass", "pw", "tk"}

var emailInText = regexp.MustCompile(`(?i)[a-z0-9._%+\-]+(@|%40)[a-z0-9.\-]+\.[a-z]{2,}`)

// URLProblem returns why an absolute URL must not be published, or "": a
// meeting link that carries its passcode, or an e-mail address inside the
// address (tracking and redirect links do that). mailto: links are fine.
func URLProblem(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Host == "" {
		return ""
	}
	q := u.Query()
	for _, p := range secretParams {
		if q.Get(p) != "" && (p != "tk" || isMeetingHost(u.Hostname())) {
			return fmt.Sprintf("the meeting link carries its passcode (%s=…): publish the link without it and send the passcode to participants privately", p)
		}
	}
	rest := u.RawQuery + u.Fragment
	if u.User != nil {
		rest += u.User.String() + "@"
	}
	if m := emailInText.FindString(rest); m != "" {
		return fmt.Sprintf("the address contains an e-mail address (%s): remove it from the link", m)
	}
	return ""
}

// meetingHosts are the video-conference services whose links come with passcodes.
var meetingHosts = []string{"zoom.us", "zoom.com", "teams.microsoft.com", "teams.live.com", "meet.google.com",
	"webex.com", "gotomeeting.com", "whereby.com", "meet.jit.si", "livestorm.co", "bluejeans.com"}

func isMeetingHost(host string) bool {
	host = strings.ToLower(host)
	for _, h := range meetingHosts {
		if host == h || strings.HasSuffix(host, "."+h) {
			return true
		}
	}
	return false
}

// hasMeetingHost is a quick test before the regular expression, which is
// slow on long texts: most bodies name no video-conference service. It
// looks at the addresses only (what follows "://", up to where meetingLink
// stops), lower-cased, as meetingLink does.
func hasMeetingHost(text string) bool {
	for {
		i := strings.Index(text, "://")
		if i < 0 {
			return false
		}
		text = text[i+3:]
		end := strings.IndexAny(text, urlEnd)
		if end < 0 {
			end = len(text)
		}
		addr := strings.ToLower(text[:end])
		// (?i) also folds the long s into s (ToLower turns the Kelvin
		// sign into k already).
		addr = strings.ReplaceAll(addr, "ſ", "s")
		for _, h := range meetingHosts {
			if strings.Contains(addr, h) {
				return true
			}
		}
		text = text[end:]
	}
}

// urlEnd are the characters that end an address in meetingLink: \s of RE2
// and the closing marks around links.
const urlEnd = " \t\n\f\r)>]\"'"

// meetingLink finds the links of video-conference services in a text.
var meetingLink = regexp.MustCompile(`(?i)https?://[^\s)>\]"']*(zoom\.us|zoom\.com|teams\.microsoft\.com|teams\.live\.com|meet\.google\.com|webex\.com|gotomeeting\.com|whereby\.com|meet\.jit\.si|livestorm\.co|bluejeans\.com)[^\s)>\]"']*`)

// secretLine finds a passcode or password written out, in French or English:
// "Code secret : 156626", "Mot de passe: x", "Passcode 1234", "Code d'accès : 9".
// Without ":" or "=", the value must hold a digit ("Passcode 1234"), so that
// "le mot de passe vous sera envoyé" is not taken for one.
var secretLine = regexp.MustCompile(`(?i)\b(code secret|mot de passe|code d['’]acc[eè]s|code (?:de (?:la )?)?r[ée]union|passcode|password|meeting password|code pin|pin)\s*([:=]?)\s*([0-9A-Za-z][^\s]{2,})`)

// Finding is a line of a text that must not be published.
type Finding struct {
	Line int // 1-based, in the text given
	Msg  string
}

// ScanText looks for passcodes and passwords written next to a meeting link:
// anywhere in a text that has one, since the link and its code are usually a
// few lines apart. Lines start at 1.
func ScanText(text string) []Finding {
	if !hasMeetingHost(text) || !meetingLink.MatchString(text) {
		return nil
	}
	var out []Finding
	for i, line := range strings.Split(text, "\n") {
		if m := secretLine.FindStringSubmatch(line); m != nil && (m[2] != "" || strings.ContainsAny(m[3], "0123456789")) {
			out = append(out, Finding{Line: i + 1, Msg: fmt.Sprintf("%q next to a meeting link: the public site must not publish a meeting's passcode; send it to participants privately", strings.TrimSpace(m[0]))})
		}
	}
	return out
}
