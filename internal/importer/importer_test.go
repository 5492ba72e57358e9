package importer_test

import (
	"archive/zip"
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/diff"
	"github.com/rogpeppe/go-internal/txtar"

	"relais/internal/build"
	"relais/internal/importer"
)

var update = flag.Bool("update", false, "rewrite the want/ files of testdata/seed.txtar")

// site writes the files of the archive that are not want/ into a new folder.
func site(t testing.TB, ar *txtar.Archive) string {
	t.Helper()
	dir := t.TempDir()
	for _, f := range ar.Files {
		if strings.HasPrefix(f.Name, "want/") {
			continue
		}
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// report writes the points to check and the summary, as relais import prints them.
func report(res *importer.Result) string {
	var b strings.Builder
	for _, p := range res.Points {
		b.WriteString(p.Pos.String() + ": " + p.Msg + "\n")
	}
	b.WriteString(res.Summary() + "\n")
	return b.String()
}

// written returns the files of dir's content/ that the import made: every file under
// minutes/, news/ and events/ (empty before), and new partners.
func written(t *testing.T, dir string, before map[string]bool) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	filepath.WalkDir(filepath.Join(dir, "content"), func(p string, de os.DirEntry, err error) error {
		if err != nil || de.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		if !before[rel] {
			out[rel], _ = os.ReadFile(p)
		}
		return nil
	})
	return out
}

func loadSeed(t testing.TB) *txtar.Archive {
	t.Helper()
	ar, err := txtar.ParseFile("testdata/seed.txtar")
	if err != nil {
		t.Fatal(err)
	}
	return ar
}

// importInto imports the relevé named file (written into the site made from ar) and
// returns the site's folder, the result and the files written.
func importInto(t *testing.T, ar *txtar.Archive, file string, data []byte) (string, *importer.Result, map[string][]byte) {
	t.Helper()
	dir := site(t, ar)
	before := map[string]bool{}
	for _, f := range ar.Files {
		before[f.Name] = true
	}
	src := filepath.Join(t.TempDir(), file)
	if err := os.WriteFile(src, data, 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := importer.Import(importer.Config{Root: dir, File: src})
	if err != nil {
		t.Fatalf("import: %v", err)
	}
	return dir, res, written(t, dir, before)
}

func archiveFile(ar *txtar.Archive, name string) []byte {
	for _, f := range ar.Files {
		if f.Name == name {
			return f.Data
		}
	}
	return nil
}

// compareWant compares the files written and the report with want/ of the archive.
func compareWant(t *testing.T, ar *txtar.Archive, files map[string][]byte, rep string) {
	t.Helper()
	want := map[string][]byte{}
	for _, f := range ar.Files {
		if name, ok := strings.CutPrefix(f.Name, "want/"); ok {
			want[name] = f.Data
		}
	}
	have := map[string][]byte{"report": []byte(rep)}
	for p, b := range files {
		have[p] = b
	}
	var names []string
	for n := range have {
		names = append(names, n)
	}
	for n := range want {
		if _, ok := have[n]; !ok {
			names = append(names, n)
		}
	}
	slices.Sort(names)
	for _, n := range names {
		if d := diff.Diff("want/"+n, want[n], "have/"+n, have[n]); d != nil {
			t.Errorf("%s differs:\n%s", n, d)
		}
	}
}

// TestImportSeed imports the coordinator's real relevé into the example site without
// its minutes, news and events, and compares the files and the report with want/.
func TestImportSeed(t *testing.T) {
	ar := loadSeed(t)
	dir, res, files := importInto(t, ar, "releve.txt", archiveFile(ar, "releve.txt"))
	rep := report(res)
	if *update {
		var keep []txtar.File
		for _, f := range ar.Files {
			if !strings.HasPrefix(f.Name, "want/") {
				keep = append(keep, f)
			}
		}
		var names []string
		for n := range files {
			names = append(names, n)
		}
		slices.Sort(names)
		for _, n := range names {
			keep = append(keep, txtar.File{Name: "want/" + n, Data: files[n]})
		}
		keep = append(keep, txtar.File{Name: "want/report", Data: []byte(rep)})
		ar.Files = keep
		if err := os.WriteFile("testdata/seed.txtar", txtar.Format(ar), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	compareWant(t, ar, files, rep)

	// What the issue asks for, whatever want/ says.
	if res.Minutes != 1 || res.News != 6 || res.Events != 5 || res.Partners != 0 {
		t.Errorf("summary %q, want 1 minutes, 6 news, 5 events, 0 new partners", res.Summary())
	}
	musts := map[string][]string{
		"content/minutes/2021-09-23.md":                           {`date: "2021-09-23"`, "## L’évaluation du SPRO", "## Le rapport sur la mise en œuvre du CEP", "## Les projets 2022", "\ndraft: true\n"},
		"content/news/2021-09-23-chambre-de-metiers.md":           {`partner: "chambre-de-metiers"`, `minutes: "2021-09-23"`, `date: "2021-09-23"`},
		"content/news/2021-09-23-cap-emploi.md":                   {`partner: "cap-emploi"`},
		"content/news/2021-09-23-cio-41.md":                       {`partner: "cio-41"`},
		"content/news/2021-09-23-mission-locale-romorantinais.md": {`partner: "mission-locale-romorantinais"`},
		"content/news/2021-09-23-information-jeunesse.md":         {`partner: "information-jeunesse"`},
		"content/news/2021-09-23-gip-alfa-centre.md": {`partner: "gip-alfa-centre"`,
			"<http://www.etoile.regioncentre.fr/GIP/site/etoilepro/accueiletoilepro/ressources/axes-professionnalisation/professionnalisation-acteurs-catalogue-gip-alfa-centre-val-loire-2021#A190140>"},
		"content/events/2021/hackaton-organise-par-le-spro-28.md": {`start: "2021-10-07"`, `end: "2021-10-08"`, `location: "Cité de l'innovation, Chartres"`,
			`organizer: "spro-28"`, `url: "https://www.weezevent.com/hack-ton-orientation"`},
		"content/events/2021/visite-du-lycee-professionnel-de-saint-aignan.md": {`start: "2021-10-19"`,
			`{start: "2021-10-19T09:00", end: "2021-10-19T12:00"}`, `{start: "2021-10-19T14:00", end: "2021-10-19T17:00"}`,
			`url: "https://docs.google.com/spreadsheets/d/1qALsl48t1eu1AsUTIgS0z5TpzTI1s75I6g8U8Kxj1Vs/edit?usp=sharing"`,
			`deadline: "2021-10-04"  # « avant le lundi 4 octobre »`},
		"content/events/2021/les-demarches-cooperatives-contribuent-a-faciliter.md":      {`start: "2021-12-02"`},
		"content/events/2021/venue-du-klub-extraordinaire-sur-le-controis-en-sologne.md": {`start: "2021-12-07"`, `end: "2021-12-08"`},
		"content/events/2021/reunion-2021-11-16.md":                                      {`start: "2021-11-16T10:30"`, `location: "À distance"`},
	}
	for p, subs := range musts {
		for _, s := range subs {
			if !bytes.Contains(files[p], []byte(s)) {
				t.Errorf("%s does not contain %q", p, s)
			}
		}
	}
	for p, b := range files {
		for _, secret := range []string{"156626", "pwd=", "safelinks", "zillhardt", "871 4486"} {
			if bytes.Contains(b, []byte(secret)) {
				t.Errorf("%s contains %q", p, secret)
			}
		}
		if !bytes.Contains(b, []byte("\ndraft: true\n")) {
			t.Errorf("%s is not a draft", p)
		}
	}
	if !strings.Contains(rep, "visite-du-lycee-professionnel-de-saint-aignan.md:11: deadline year inferred from the meeting date") {
		t.Errorf("the report does not say the deadline's year was inferred:\n%s", rep)
	}

	// Published as they are, the drafts make a site that checks and builds.
	for p, b := range files {
		b = bytes.Replace(b, []byte("\ndraft: true\n"), []byte("\n"), 1)
		if err := os.WriteFile(filepath.Join(dir, p), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	now := time.Date(2021, 10, 1, 0, 0, 0, 0, time.UTC)
	sum, err := build.Run(build.Config{Root: dir, Now: now})
	if err != nil {
		t.Fatalf("the published drafts do not build:\n%v", err)
	}
	if len(sum.Warnings) > 0 {
		t.Errorf("the published drafts give warnings:\n%v", sum.Warnings)
	}
	if sum.Pages["event"] != 5 || sum.Pages["news"] != 6 || sum.Pages["minutes"] != 1 {
		t.Errorf("built %v, want 5 events, 6 news, 1 minutes", sum.Pages)
	}
}

// docx zips the parts of a .docx written as a txtar archive.
func docx(t testing.TB, ar *txtar.Archive) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range ar.Files {
		w, err := zw.Create(f.Name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(f.Data)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestImportDocx imports the same relevé written in Word (a heading style, a bold
// label split across runs, a hyperlink over several runs, a HYPERLINK field, tracked
// changes, a numbered list and a table): the files are the same as from the text.
func TestImportDocx(t *testing.T) {
	ar := loadSeed(t)
	parts, err := txtar.ParseFile("testdata/seed-docx.txtar")
	if err != nil {
		t.Fatal(err)
	}
	_, res, files := importInto(t, ar, "releve.docx", docx(t, parts))
	compareWant(t, ar, files, report(res))
}

// TestImportMarkdown imports the relevé written in Markdown by an editor.
func TestImportMarkdown(t *testing.T) {
	ar := loadSeed(t)
	md, err := os.ReadFile("testdata/seed.md")
	if err != nil {
		t.Fatal(err)
	}
	_, res, files := importInto(t, ar, "releve.md", md)
	compareWant(t, ar, files, report(res))
}

// TestImportNeverOverwrites imports twice: the second import takes numbered names.
func TestImportNeverOverwrites(t *testing.T) {
	ar := loadSeed(t)
	dir, first, _ := importInto(t, ar, "releve.txt", archiveFile(ar, "releve.txt"))
	src := filepath.Join(dir, "releve.txt")
	before := map[string][]byte{}
	for _, d := range first.Drafts {
		before[d.Path], _ = os.ReadFile(filepath.Join(dir, d.Path))
	}
	second, err := importer.Import(importer.Config{Root: dir, File: src})
	if err != nil {
		t.Fatalf("second import: %v", err)
	}
	for _, d := range second.Drafts {
		if _, taken := before[d.Path]; taken {
			t.Errorf("second import writes %s again", d.Path)
		}
	}
	for p, b := range before {
		if now, _ := os.ReadFile(filepath.Join(dir, p)); !bytes.Equal(now, b) {
			t.Errorf("%s changed", p)
		}
	}
	if !slices.ContainsFunc(second.Drafts, func(d importer.Draft) bool { return d.Path == "content/minutes/2021-09-23-2.md" }) {
		t.Errorf("second import wrote %v, want content/minutes/2021-09-23-2.md among them", paths(second.Drafts))
	}
}

func paths(ds []importer.Draft) []string {
	var ps []string
	for _, d := range ds {
		ps = append(ps, d.Path)
	}
	return ps
}

// TestImportDryRun writes nothing.
func TestImportDryRun(t *testing.T) {
	ar := loadSeed(t)
	dir := site(t, ar)
	res, err := importer.Import(importer.Config{Root: dir, File: filepath.Join(dir, "releve.txt"), DryRun: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Drafts) != 12 {
		t.Errorf("%d drafts, want 12", len(res.Drafts))
	}
	for _, d := range res.Drafts {
		if _, err := os.Stat(filepath.Join(dir, d.Path)); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("dry run wrote %s", d.Path)
		}
	}
}

// TestImportErrors: a relevé that cannot be read, or whose meeting day is unknown,
// writes nothing and says why.
func TestImportErrors(t *testing.T) {
	ar := loadSeed(t)
	dir := site(t, ar)
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	tests := []struct{ name, file, meeting, want string }{
		{"missing file", filepath.Join(dir, "absent.txt"), "", "cannot read the relevé: open "},
		{"no meeting day", write("sans-date.txt", "Relevé\n\n1) ACTUALITES\n\nCIO 41 : rien.\n"), "", "give it with --meeting 2021-09-23"},
		{"bad --meeting", filepath.Join(dir, "releve.txt"), "23/09/2021", "--meeting: give the meeting's day as 2021-09-23"},
		{"not a docx", write("faux.docx", "PK? not a zip"), "", "not a Word document (.docx)"},
		{"unsupported", write("releve.pdf", "%PDF-1.4"), "", `unsupported file type ".pdf"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := importer.Import(importer.Config{Root: dir, File: tt.file, Meeting: tt.meeting})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want it to contain %q", err, tt.want)
			}
			if got := written(t, dir, siteFiles(ar)); len(got) > 0 {
				t.Errorf("wrote %d files", len(got))
			}
		})
	}
}

func siteFiles(ar *txtar.Archive) map[string]bool {
	m := map[string]bool{}
	for _, f := range ar.Files {
		m[f.Name] = true
	}
	return m
}

// BenchmarkImportSeed imports the seed into the example site, written to disk each
// time: reading, cutting, drafting, checking with the site and writing.
func BenchmarkImportSeed(b *testing.B) {
	ar := loadSeed(b)
	for b.Loop() {
		b.StopTimer()
		dir := site(b, ar)
		b.StartTimer()
		if _, err := importer.Import(importer.Config{Root: dir, File: filepath.Join(dir, "releve.txt")}); err != nil {
			b.Fatal(err)
		}
	}
}
