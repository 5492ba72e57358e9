package newsletter_test

import (
	"bytes"
	"errors"
	"flag"
	"net/mail"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/rogpeppe/go-internal/diff"

	"relais/internal/build"
	"relais/internal/diag"
	"relais/internal/newsletter"
	"relais/internal/testsite"
)

var update = flag.Bool("update", false, "rewrite the golden files of testdata/")

const sitesDir = "../../testdata/sites"

// reseau extracts the test site reseau (testdata/sites/reseau.txtar) and
// returns its build configuration.
func reseau(t *testing.T) build.Config {
	t.Helper()
	s, err := testsite.Extract(filepath.Join(sitesDir, "reseau.txtar"), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return build.Config{Root: s.Root, NowText: s.Now, Drafts: s.Drafts, BaseURL: s.BaseURL}
}

func draft(t *testing.T, l *newsletter.Letter, a newsletter.Addresses) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := l.WriteDraft(&b, a); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// golden compares have with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, have []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, have, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/newsletter -update and review the file)", err)
	}
	if !bytes.Equal(have, want) {
		t.Errorf("%s differs (run go test ./internal/newsletter -update and review the diff):\n%s", path, diff.Diff("want", want, "have", have))
	}
}

// TestGolden writes the mail of each relevé of the test site reseau as of
// its "now": the whole draft of the newest, the text part of every one.
func TestGolden(t *testing.T) {
	cfg := reseau(t)
	for _, id := range []string{"2020-12-10", "2021-06-15", "2021-09-30"} {
		l, addr, _, err := build.Newsletter(cfg, id)
		if err != nil {
			t.Fatalf("%s: %v", id, err)
		}
		golden(t, "reseau-"+id+".txt", l.Text)
		if id == "2021-09-30" {
			golden(t, "reseau-"+id+".eml", draft(t, l, addr))
		}
	}
}

// TestSameBytes: the same sources and the same now give the same draft,
// twice in one process and from a fresh build.
func TestSameBytes(t *testing.T) {
	cfg := reseau(t)
	l1, a1, _, err := build.Newsletter(cfg, "")
	if err != nil {
		t.Fatal(err)
	}
	l2, a2, _, err := build.Newsletter(cfg, "")
	if err != nil {
		t.Fatal(err)
	}
	d1, d2 := draft(t, l1, a1), draft(t, l2, a2)
	if !bytes.Equal(d1, d2) {
		t.Fatalf("two drafts of the same relevé differ:\n%s", diff.Diff("first", d1, "second", d2))
	}
	if !bytes.Contains(d1, []byte("Date: Fri, 01 Oct 2021 12:00:00 +0200\r\n")) {
		t.Errorf("the Date header is not the test site's now (2021-10-01T12:00 in Paris):\n%s", head(d1))
	}
	if !bytes.Contains(d1, []byte("Message-ID: <releve-2021-09-30@orientation-touraine.example.org>\r\n")) {
		t.Errorf("the Message-ID is not made of the minutes id and the site's host:\n%s", head(d1))
	}
	cfg.NowText = "2021-10-02"
	l3, a3, _, err := build.Newsletter(cfg, "")
	if err != nil {
		t.Fatal(err)
	}
	if d3 := draft(t, l3, a3); bytes.Equal(d1, d3) {
		t.Error("another now gives the same draft: the Date header does not follow now")
	}
}

func head(b []byte) []byte {
	if i := bytes.Index(b, []byte("\r\n\r\n")); i >= 0 {
		return b[:i]
	}
	return b
}

// TestTextLines: every line of every text part is at most 78 characters,
// but for a numbered link whose address alone is longer.
func TestTextLines(t *testing.T) {
	for _, l := range allLetters(t) {
		for i, line := range strings.Split(string(l.Text), "\n") {
			if n := utf8.RuneCountInString(line); n > newsletter.Width && !isLongRef(line) {
				t.Errorf("%s: line %d has %d characters: %q", l.MinutesID, i+1, n, line)
			}
		}
	}
}

var refLine = regexp.MustCompile(`^\[\d+\] \S+$`)

func isLongRef(line string) bool { return refLine.MatchString(line) }

// allLetters composes the mail of every relevé of the example site and of
// every test site.
func allLetters(t *testing.T) []*newsletter.Letter {
	t.Helper()
	var cfgs []build.Config
	cfgs = append(cfgs, build.Config{Root: "../..", NowText: "2021-09-24"})
	files, err := testsite.Files(sitesDir)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		s, err := testsite.Extract(f, t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		cfgs = append(cfgs, build.Config{Root: s.Root, NowText: s.Now, Drafts: s.Drafts, BaseURL: s.BaseURL})
	}
	var letters []*newsletter.Letter
	for _, cfg := range cfgs {
		_, _, _, err := build.Newsletter(cfg, "")
		if err != nil && strings.Contains(err.Error(), "no published minutes") {
			continue
		}
		ids, err := minutesIDs(cfg.Root)
		if err != nil {
			t.Fatal(err)
		}
		for _, id := range ids {
			l, _, _, err := build.Newsletter(cfg, id)
			if err != nil {
				t.Fatalf("%s %s: %v", cfg.Root, id, err)
			}
			letters = append(letters, l)
		}
	}
	if len(letters) < 4 {
		t.Fatalf("only %d relevés found in the example and the test sites", len(letters))
	}
	return letters
}

func minutesIDs(root string) ([]string, error) {
	files, err := filepath.Glob(filepath.Join(root, "content", "minutes", "*.md"))
	var ids []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		if bytes.Contains(b, []byte("draft: true")) {
			continue
		}
		ids = append(ids, strings.TrimSuffix(filepath.Base(f), ".md"))
	}
	return ids, err
}

// TestAddressesStayOutOfPublic: the newsletter: addresses of the settings
// are for the mail only; the site never shows them.
func TestAddressesStayOutOfPublic(t *testing.T) {
	cfg := reseau(t)
	out, _, err := build.Render(cfg)
	if err != nil {
		t.Fatal(err)
	}
	_, addr, _, err := build.Newsletter(cfg, "")
	if err != nil {
		t.Fatal(err)
	}
	all := append([]string{addr.From, addr.ReplyTo}, addr.To...)
	if len(all) != 5 {
		t.Fatalf("the test site should have a sender, a reply-to and three recipients, has %q", all)
	}
	for _, a := range all {
		m, err := mail.ParseAddress(a)
		if err != nil {
			t.Fatal(err)
		}
		for path, b := range out {
			if bytes.Contains(b, []byte(m.Address)) {
				t.Errorf("public/%s shows the newsletter address %s", path, m.Address)
			}
		}
	}
	if _, ok := out["releves/2021-09-30/lettre/index.html"]; !ok {
		t.Error("no web view releves/2021-09-30/lettre/index.html in the build")
	}
	if !bytes.Contains(out["releves/2021-09-30/index.html"], []byte(`href="/releves/2021-09-30/lettre/"`)) {
		t.Error("the minutes page does not link its web view")
	}
}

// TestWebViewIsTheMail: the web view is the HTML part, without the link to
// itself.
func TestWebViewIsTheMail(t *testing.T) {
	cfg := reseau(t)
	out, _, err := build.Render(cfg)
	if err != nil {
		t.Fatal(err)
	}
	l, _, _, err := build.Newsletter(cfg, "2021-09-30")
	if err != nil {
		t.Fatal(err)
	}
	web := string(out["releves/2021-09-30/lettre/index.html"])
	mailHTML := string(l.HTML)
	link := regexp.MustCompile(`(?m)^<p class="pad"[^\n]*lettre/[^\n]*</p>\n`)
	if !link.MatchString(mailHTML) {
		t.Fatal("the mail has no link to its web view")
	}
	if link.MatchString(web) {
		t.Error("the web view links to itself")
	}
	if link.ReplaceAllString(mailHTML, "") != web {
		t.Errorf("the web view is not the mail's HTML part:\n%s", diff.Diff("mail", []byte(mailHTML), "web", []byte(web)))
	}
}

// TestPastedMailStaysOut: what the coordinator pastes from Outlook (the
// seed of ../shared/seeds has it) never reaches the mail: a safelink, which
// carries a recipient's address, is replaced by the address it wraps; a
// meeting passcode stops the mail with the file and line.
func TestPastedMailStaysOut(t *testing.T) {
	const safelink = "https://eur01.safelinks.protection.outlook.com/?url=https%3A%2F%2Fwww.weezevent.com%2Fhack-ton-orientation&data=04%7C01%7Canne.zillhardt%40centrevaldeloire.fr%7C2c06b5184f21426551db08d96d514f63%7Cca1a6daccb414a449f1416aae0487a84%7C0%7C0%7C637661018271688766%7CUnknown%7CTWFpbGZsb3d8eyJWIjoiMC4wLjAwMDAiLCJQIjoiV2luMzIiLCJBTiI6Ik1haWwiLCJXVCI6Mn0%3D%7C1000&sdata=FAT0qOqgj%2FEH%2Fl62R0WuHB3E4U3wFZPM498Ok2QTDYo%3D&reserved=0"
	root := t.TempDir()
	if err := os.CopyFS(filepath.Join(root, "content"), os.DirFS("../../content")); err != nil {
		t.Fatal(err)
	}
	news := filepath.Join(root, "content", "news", "cap-emploi-accueil-agences-pole-emploi.md")
	appendTo(t, news, "\nInscription sur [le site de l'évènement]("+safelink+") ou directement sur "+safelink+"\n")
	cfg := build.Config{Root: root, NowText: "2021-09-24"}
	l, addr, sum, err := build.Newsletter(cfg, "2021-09-23")
	if err != nil {
		t.Fatal(err)
	}
	if len(sum.Warnings) == 0 {
		t.Error("no warning about the safelinks")
	}
	eml := draft(t, l, addr)
	for _, part := range [][]byte{l.Text, l.HTML, eml} {
		for _, secret := range []string{"safelinks", "zillhardt", "centrevaldeloire"} {
			if bytes.Contains(part, []byte(secret)) {
				t.Errorf("the mail holds %q", secret)
			}
		}
	}
	if !bytes.Contains(l.Text, []byte("https://www.weezevent.com/hack-ton-orientation")) {
		t.Error("the text part lacks the address the safelink wrapped")
	}

	minutes := filepath.Join(root, "content", "minutes", "2021-09-23.md")
	appendTo(t, minutes, "\nParticiper à la réunion Zoom\nhttps://us02web.zoom.us/j/87144866509?pwd=d1F5UTJWenhSdDh4eElCbTJ5cUMxdz09\n\nID de réunion : 871 4486 6509\nCode secret : 156626\n")
	l, _, _, err = build.Newsletter(cfg, "2021-09-23")
	var list diag.List
	if !errors.As(err, &list) || l != nil {
		t.Fatalf("a passcode in the minutes gave %v and a letter %v, want positioned errors and none", err, l != nil)
	}
	if !strings.Contains(err.Error(), "content/minutes/2021-09-23.md:") {
		t.Errorf("the error does not name the minutes file and line: %v", err)
	}
}

func appendTo(t *testing.T, path, text string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, append(b, text...), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestSiteLayouts: the site's layouts/newsletter/ replaces the theme's
// templates, as for pages; a broken one is reported with its file and line.
func TestSiteLayouts(t *testing.T) {
	cfg := reseau(t)
	dir := filepath.Join(cfg.Root, "layouts", "newsletter")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	txt := "{{.Site.Title}}\n{{$l := links}}{{range .News}}{{range .News}}* {{.Title}} {{$l.Ref .URL}}\n{{end}}{{end}}\n{{$l.Notes}}"
	if err := os.WriteFile(filepath.Join(dir, "letter.txt"), []byte(txt), 0o644); err != nil {
		t.Fatal(err)
	}
	l, _, _, err := build.Newsletter(cfg, "2021-09-30")
	if err != nil {
		t.Fatal(err)
	}
	want := "Réseau Orientation Touraine\n* Cap emploi lance son nouveau site [1]\n* Nouveaux horaires d'accueil du CIO [2]\n* Nouvelle permanence à Amboise [3]\n\n[1] https://orientation-touraine.example.org/actualites/cap-emploi-site/\n[2] https://orientation-touraine.example.org/actualites/cio-accueil/\n[3] https://orientation-touraine.example.org/actualites/ml-permanence/\n"
	if string(l.Text) != want {
		t.Errorf("text part from layouts/newsletter/letter.txt:\n%s\nwant:\n%s", l.Text, want)
	}
	if !bytes.Contains(l.HTML, []byte("Lire cette lettre dans le navigateur")) {
		t.Error("the HTML part is no longer the theme's")
	}

	if err := os.WriteFile(filepath.Join(dir, "letter.html"), []byte("<p>\n{{.Nope}</p>"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, _, _, err = build.Newsletter(cfg, "2021-09-30")
	if err == nil || !strings.HasPrefix(err.Error(), "layouts/newsletter/letter.html:2: ") {
		t.Errorf("a broken letter.html gave %v, want an error at layouts/newsletter/letter.html:2", err)
	}
}

// TestOtherEventsCapped: a mail lists the site's next MaxOtherEvents
// other events, then links the agenda for the rest.
func TestOtherEventsCapped(t *testing.T) {
	root := t.TempDir()
	files := map[string]string{
		"content/_index.md":             "---\ntitle: Réseau\nbase_url: https://reseau.example.org\n---\n",
		"content/minutes/2021-09-23.md": "---\ntitle: Réunion\ndate: \"2021-09-23\"\n---\n\nDécisions.\n",
	}
	for i := range newsletter.MaxOtherEvents + 5 {
		files[filepath.Join("content", "events", "e"+strconv.Itoa(i)+".md")] = "---\ntitle: Atelier " + strconv.Itoa(i) + "\nstart: \"2021-10-" + strconv.Itoa(10+i%18) + "\"\n---\n"
	}
	for name, src := range files {
		p := filepath.Join(root, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	l, _, _, err := build.Newsletter(build.Config{Root: root, NowText: "2021-09-24"}, "")
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(l.Text), "\n* Atelier "); n != newsletter.MaxOtherEvents {
		t.Errorf("the text part lists %d events, want %d", n, newsletter.MaxOtherEvents)
	}
	if !strings.Contains(string(l.Text), "Tout l'agenda [41] et 5 autres évènements à venir") ||
		!strings.Contains(string(l.Text), "[41] https://reseau.example.org/agenda/\n") {
		t.Errorf("the text part does not link the agenda for the 5 others:\n%s", l.Text)
	}
	if !strings.Contains(string(l.HTML), `<a href="https://reseau.example.org/agenda/" style="color:#1a4f8b;text-decoration:underline;">Tout l&#39;agenda</a> et 5 autres évènements à venir`) {
		t.Error("the HTML part does not link the agenda for the 5 others")
	}
}
