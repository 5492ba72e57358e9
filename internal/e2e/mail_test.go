package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"html"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"relais/internal/build"
	"relais/internal/newsletter"
)

// The newsletter's checks: every relevé's mail of every site, written as
// relais newsletter writes it, read by two parsers nobody here wrote
// (Python's email package with policy.default, Node's mailparser), and its
// HTML part checked against the caniemail.com data (doiuse-email). The web
// view, releves/<id>/lettre/index.html, is a page of the built site: the Nu
// Html Checker and axe-core check it with every other page (TestE2E).

// mailClients are the clients whose support the HTML part is checked for:
// Gmail, Outlook (Windows, the Windows Mail app, macOS) and Apple Mail.
var mailClients = []string{"gmail.*", "outlook.windows", "outlook.windows-mail", "outlook.macos", "apple-mail.*"}

// mailAllowed are the only features doiuse-email may report, each for the
// clients named: all are progressive enhancement, and the mail reads right
// without them.
var mailAllowed = []struct {
	feature string
	clients []string
	reason  string
}{
	{"`@media`", []string{"gmail.mobile-webmail", "outlook.windows", "outlook.windows-mail"},
		"the phone layout (one column, narrower padding): without it the 600 px column stays, Outlook's from the conditional-comment table"},
	{"`<body> element`", []string{"outlook.macos"},
		"the body only paints the grey around the 600 px column; the column carries its own background"},
	{"`display:none`", []string{"gmail.mobile-webmail"},
		"the hidden preheader; shown, it is a sentence about the mail at its top"},
	{"`overflow`", []string{"outlook.windows", "outlook.windows-mail"},
		"also the preheader's; Outlook for Windows skips it altogether ([if !mso] comment)"},
	{"`role attribute`", []string{"outlook.windows-mail"},
		"role=\"presentation\" on layout tables tells screen readers elsewhere that they are not data tables; ignored, it changes nothing"},
}

var doiuseError = regexp.MustCompile("^(`[^`]+`) is not supported by `([^`]+)`$")

func mailAllows(msg string) bool {
	m := doiuseError.FindStringSubmatch(msg)
	if m == nil {
		return false
	}
	for _, a := range mailAllowed {
		if a.feature == m[1] && slices.Contains(a.clients, m[2]) {
			return true
		}
	}
	return false
}

// mailTools are the programs the mail checks need; "" when not found.
type mailTools struct {
	python, node, script string
}

func findMailTools() mailTools {
	var tl mailTools
	tl.python, _ = exec.LookPath("python3")
	tl.node, _ = exec.LookPath("node")
	if fileExists(filepath.Join("tools", "node_modules", "mailparser", "package.json")) &&
		fileExists(filepath.Join("tools", "node_modules", "@jsx-email", "doiuse-email", "package.json")) {
		tl.script, _ = filepath.Abs(filepath.Join("tools", "checkmail.mjs"))
	}
	return tl
}

// needMailTools returns the tools, or skips (fails when strict) saying what
// to install.
func needMailTools(t *testing.T) mailTools {
	t.Helper()
	tl := findMailTools()
	var missing []string
	if tl.python == "" {
		missing = append(missing, "python3 (apt-get install python3)")
	}
	if tl.node == "" {
		missing = append(missing, "node (apt-get install nodejs npm)")
	}
	if tl.script == "" {
		missing = append(missing, "mailparser and doiuse-email ((cd internal/e2e/tools && npm ci --ignore-scripts))")
	}
	if len(missing) > 0 {
		msg := "e2e: the mail checks need " + strings.Join(missing, ", ")
		if strict() {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	return tl
}

// mailWant is what a mail file must hold; empty fields are not compared.
type mailWant struct {
	subject    string
	text, html string
}

// pyMail is what pyReadMail prints for a file.
type pyMail struct {
	File    string   `json:"file"`
	Subject string   `json:"subject"`
	Type    string   `json:"type"`
	Defects []string `json:"defects"`
	Parts   []struct {
		Type     string `json:"type"`
		Charset  string `json:"charset"`
		Encoding string `json:"cte"`
		Content  string `json:"content"`
	} `json:"parts"`
}

// pyReadMail parses each file with Python's email package and the modern
// policy, and reports the defects it records on the message, its parts and
// their headers.
const pyReadMail = `
import email, json, sys
from email import policy
out = []
for f in sys.argv[1:]:
    m = email.message_from_bytes(open(f, 'rb').read(), policy=policy.default)
    defects, parts = [], []
    for p in m.walk():
        defects += ['%s: %s' % (p.get_content_type(), type(d).__name__) for d in p.defects]
        for k, v in p.items():
            defects += ['%s header: %s' % (k, type(d).__name__) for d in getattr(v, 'defects', ())]
        if p.is_multipart():
            continue
        try:
            content = p.get_content()
        except Exception as e:
            content, defects = '', defects + ['%s: %s' % (p.get_content_type(), e)]
        parts.append({'type': p.get_content_type(), 'charset': p.get_content_charset() or '',
                      'cte': str(p.get('Content-Transfer-Encoding', '')), 'content': content})
    out.append({'file': f, 'subject': str(m['subject'] or ''), 'type': m.get_content_type(),
                'defects': defects, 'parts': parts})
print(json.dumps(out))
`

// nodeMail is what tools/checkmail.mjs prints for a file.
type nodeMail struct {
	File        string   `json:"file"`
	Subject     string   `json:"subject"`
	ContentType string   `json:"contentType"`
	Text        string   `json:"text"`
	HTML        string   `json:"html"`
	Unsent      string   `json:"unsent"`
	Doiuse      []string `json:"doiuse"`
}

// checkMails reads the files with both parsers and checks them: no defect,
// multipart/alternative of a text part then an HTML part, both UTF-8 and
// quoted-printable, the subject and the parts as wanted (both parsers
// agreeing), every link absolute, and no feature doiuse-email reports but
// those of mailAllowed. Problems name the file as their page.
func checkMails(tl mailTools, files []string, want map[string]mailWant) ([]problem, error) {
	py, err := runJSON[pyMail](exec.Command(tl.python, append([]string{"-c", pyReadMail}, files...)...))
	if err != nil {
		return nil, fmt.Errorf("python3: %v", err)
	}
	cmd := exec.Command(tl.node, append([]string{tl.script}, files...)...)
	cmd.Env = append(os.Environ(), "DOIUSE_CLIENTS="+strings.Join(mailClients, ","))
	cmd.Dir = filepath.Dir(tl.script)
	js, err := runJSON[nodeMail](cmd)
	if err != nil {
		return nil, fmt.Errorf("node checkmail.mjs: %v", err)
	}
	if len(py) != len(files) || len(js) != len(files) {
		return nil, fmt.Errorf("%d files, python3 read %d and mailparser %d", len(files), len(py), len(js))
	}
	var probs []problem
	for i, f := range files {
		p, n, w := py[i], js[i], want[f]
		page := filepath.Base(f)
		bad := func(check, format string, args ...any) {
			probs = append(probs, problem{Page: page, Check: check, Msg: fmt.Sprintf(format, args...)})
		}
		for _, d := range p.Defects {
			bad("python email", "defect: %s", d)
		}
		if p.Type != "multipart/alternative" {
			bad("python email", "the message is %s, not multipart/alternative", p.Type)
		}
		var types []string
		for _, part := range p.Parts {
			types = append(types, part.Type)
			if part.Charset != "utf-8" {
				bad("python email", "%s part: charset %q, not utf-8", part.Type, part.Charset)
			}
			if part.Encoding != "quoted-printable" {
				bad("python email", "%s part: Content-Transfer-Encoding %q, not quoted-printable", part.Type, part.Encoding)
			}
		}
		if !slices.Equal(types, []string{"text/plain", "text/html"}) {
			bad("python email", "parts %v, want [text/plain text/html]", types)
		}
		if w.subject != "" {
			if p.Subject != w.subject {
				bad("python email", "subject %q, want %q", p.Subject, w.subject)
			}
			if n.Subject != w.subject {
				bad("mailparser", "subject %q, want %q", n.Subject, w.subject)
			}
		}
		pyPart := func(typ string) string {
			for _, part := range p.Parts {
				if part.Type == typ {
					return part.Content
				}
			}
			return ""
		}
		same := func(check, name, have, want string) {
			if want != "" && normalizeNL(have) != normalizeNL(want) {
				bad(check, "the %s part differs from what relais wrote (%d characters read, %d written)", name, len(normalizeNL(have)), len(normalizeNL(want)))
			}
		}
		same("python email", "text", pyPart("text/plain"), w.text)
		same("python email", "HTML", pyPart("text/html"), w.html)
		same("mailparser", "text", n.Text, w.text)
		same("mailparser", "HTML", n.HTML, w.html)
		for _, ref := range scanHTML([]byte(n.HTML)).refs {
			v := html.UnescapeString(ref.val)
			if u, err := url.Parse(v); err != nil || !u.IsAbs() {
				bad("mailparser", "link not absolute: %s", ref.elem())
			}
		}
		for _, line := range strings.Split(n.Text, "\n") {
			if m := textRef.FindStringSubmatch(strings.TrimSpace(line)); m != nil {
				if u, err := url.Parse(m[1]); err != nil || !u.IsAbs() {
					bad("mailparser", "text part: link not absolute: %s", line)
				}
			}
		}
		for _, e := range n.Doiuse {
			if !mailAllows(e) {
				bad("doiuse-email", "%s", e)
			}
		}
	}
	sortProblems(probs)
	return probs, nil
}

// textRef is a numbered link of the text part: "[3] https://…".
var textRef = regexp.MustCompile(`^\[\d+\] (\S+)$`)

func normalizeNL(s string) string {
	return strings.TrimRight(strings.ReplaceAll(s, "\r\n", "\n"), "\n")
}

func runJSON[T any](cmd *exec.Cmd) ([]T, error) {
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("%v: %s", err, clip(stderr.String(), 2000))
	}
	var v []T
	if err := json.Unmarshal(out, &v); err != nil {
		return nil, fmt.Errorf("reading its output: %v", err)
	}
	return v, nil
}

// TestCheckMails: the checks pass a mail relais wrote (the golden draft of
// internal/newsletter) and find each fault of a broken one.
func TestCheckMails(t *testing.T) {
	tl := needMailTools(t)
	good, err := filepath.Abs("../newsletter/testdata/reseau-2021-09-30.eml")
	if err != nil {
		t.Fatal(err)
	}
	bad, err := filepath.Abs("testdata/fixtures/bad-mail/lettre.eml")
	if err != nil {
		t.Fatal(err)
	}
	probs, err := checkMails(tl, []string{good, bad}, map[string]mailWant{
		good: {subject: "Réseau Orientation Touraine – relevé de décisions du jeudi 30 septembre 2021"},
		bad:  {subject: "SPRO 41 – relevé de décisions du jeudi 23 septembre 2021"},
	})
	if err != nil {
		t.Fatal(err)
	}
	have := problemStrings(probs)
	want := []string{
		"lettre.eml: python email: defect: multipart/alternative: CloseBoundaryNotFoundDefect",
		`lettre.eml: python email: text/plain part: charset "iso-8859-1", not utf-8`,
		`lettre.eml: python email: text/html part: Content-Transfer-Encoding "8bit", not quoted-printable`,
		`lettre.eml: python email: subject "SPRO 41 relevé", want "SPRO 41 – relevé de décisions du jeudi 23 septembre 2021"`,
		`lettre.eml: mailparser: subject "SPRO 41 relevé", want "SPRO 41 – relevé de décisions du jeudi 23 septembre 2021"`,
		`lettre.eml: mailparser: link not absolute: <a href="/agenda/">`,
		"lettre.eml: mailparser: text part: link not absolute: [1] /releves/2021-09-23/",
		"lettre.eml: doiuse-email: `display:flex` is not supported by `outlook.windows`",
		"lettre.eml: doiuse-email: `display:flex` is not supported by `outlook.windows-mail`",
		"lettre.eml: doiuse-email: `position` is not supported by `gmail.desktop-webmail`",
		"lettre.eml: doiuse-email: `position` is not supported by `gmail.ios`",
		"lettre.eml: doiuse-email: `position` is not supported by `gmail.android`",
		"lettre.eml: doiuse-email: `position` is not supported by `gmail.mobile-webmail`",
		"lettre.eml: doiuse-email: `position` is not supported by `outlook.windows`",
		"lettre.eml: doiuse-email: `position` is not supported by `outlook.windows-mail`",
	}
	if !slices.Equal(have, want) {
		t.Errorf("checkMails problems:\nhave:\n%s\nwant:\n%s", strings.Join(have, "\n"), strings.Join(want, "\n"))
	}
}

// sitesMails writes the draft of every relevé of every site into dir, as
// relais newsletter does, and returns the files and what each must hold.
func sitesMails(t *testing.T, dir string) ([]string, map[string]mailWant, map[string]*newsletter.Letter) {
	t.Helper()
	var files []string
	want := map[string]mailWant{}
	letters := map[string]*newsletter.Letter{}
	for _, s := range sites(t) {
		o := builtSite(t, s)
		var ids []string
		for f := range o.files {
			if m := webView.FindStringSubmatch(f); m != nil {
				ids = append(ids, m[1])
			}
		}
		slices.Sort(ids)
		for _, id := range ids {
			cfg := build.Config{Root: s.root, Now: s.now, NowText: s.nowText, BaseURL: s.baseURL, Drafts: s.drafts}
			l, addr, _, err := build.Newsletter(cfg, id)
			if err != nil {
				t.Fatalf("%s: newsletter %s: %v", s.name, id, err)
			}
			var eml bytes.Buffer
			if err := l.WriteDraft(&eml, addr); err != nil {
				t.Fatal(err)
			}
			f := filepath.Join(dir, s.name+"-"+id+".eml")
			if err := os.WriteFile(f, eml.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			files = append(files, f)
			want[f] = mailWant{subject: l.Subject, text: string(l.Text), html: string(l.HTML)}
			letters[s.name+"-"+id] = l
		}
	}
	if len(files) == 0 {
		t.Fatal("no relevé in the example and the test sites")
	}
	return files, want, letters
}

var webView = regexp.MustCompile(`^releves/([^/]+)/lettre/index\.html$`)

// TestE2ENewsletter checks the mail of every relevé of every site, and takes
// the screenshots of the example's.
func TestE2ENewsletter(t *testing.T) {
	tl := needMailTools(t)
	dir := t.TempDir()
	files, want, letters := sitesMails(t, dir)
	probs, err := checkMails(tl, files, want)
	if err != nil {
		t.Fatal(err)
	}
	stats.add(func(st *tally) { st.mails += len(files); st.mailProbs += len(probs) })
	t.Logf("%d mails read by Python's email and mailparser, their HTML checked by doiuse-email for %s: %d problems", len(files), strings.Join(mailClients, ", "), len(probs))
	reportProblems(t, "newsletter", probs)

	l := letters["example-2021-09-23"]
	if l == nil {
		if _, err := os.Stat(filepath.Join(repoRoot, "content", "minutes", "2021-09-23.md")); err == nil {
			t.Fatal("no mail of the example's relevé of 2021-09-23")
		}
		return
	}
	t.Run("screenshots", func(t *testing.T) { mailScreenshots(t, l) })
}

// mailScreenshots saves the HTML part at 600 and 360 px and the text part,
// as a mail client in a fixed-width font shows it, into
// .e2e-screenshots/newsletter/.
func mailScreenshots(t *testing.T, l *newsletter.Letter) {
	btl := needTools(t)
	browser := startBrowser(t, btl.chromium)
	tab := newTab(t, browser)
	src := t.TempDir()
	page := "<!DOCTYPE html><html lang=\"fr\"><meta charset=\"utf-8\"><title>Texte</title>" +
		"<pre style=\"margin:16px;font:15px/1.45 'DejaVu Sans Mono',monospace;white-space:pre-wrap;overflow-wrap:anywhere\">" + html.EscapeString(string(l.Text)) + "</pre></html>"
	if err := os.WriteFile(filepath.Join(src, "lettre.html"), l.HTML, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(src, "texte.html"), []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	root := serve(t, src)
	dir := filepath.Join(outDir, "newsletter")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	shots := []struct {
		page, name string
		width      int64
	}{{"/lettre.html", "lettre-600.png", 600}, {"/lettre.html", "lettre-360.png", 360}, {"/texte.html", "texte.png", 720}}
	for _, sh := range shots {
		var opts []chromedp.EmulateViewportOption
		if sh.width < 600 {
			opts = append(opts, chromedp.EmulateMobile, chromedp.EmulatePortrait)
		}
		ctx, cancel := context.WithTimeout(tab, pageTimeout)
		err := chromedp.Do(ctx, chromedp.EmulateViewport(sh.width, 800, opts...), chromedp.Navigate(root+sh.page))
		var overflow int
		if err == nil {
			overflow, err = chromedp.Run(ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth - document.documentElement.clientWidth`))
		}
		var png []byte
		if err == nil {
			png, err = chromedp.Run(ctx, chromedp.FullScreenshot(100))
		}
		cancel()
		if err != nil {
			t.Fatalf("screenshot of %s at %d px: %v", sh.page, sh.width, err)
		}
		if overflow > 0 && sh.page == "/lettre.html" {
			t.Errorf("the HTML part is %d px wider than a %d px screen", overflow, sh.width)
		}
		if err := os.WriteFile(filepath.Join(dir, sh.name), png, 0o644); err != nil {
			t.Fatal(err)
		}
		stats.add(func(st *tally) { st.screenshots++ })
	}
	_ = chromedp.Do(tab, desktopViewport())
	abs, _ := filepath.Abs(dir)
	t.Logf("newsletter screenshots in %s", abs)
}
