package importer

import (
	"archive/zip"
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/rogpeppe/go-internal/txtar"

	"relais/internal/date"
	"relais/internal/diag"
)

// fuzzSite is the example site's settings and partners, which drafts are checked with.
func fuzzSite(t testing.TB) (fstest.MapFS, []Partner) {
	ar, err := txtar.ParseFile("testdata/seed.txtar")
	if err != nil {
		t.Fatal(err)
	}
	mem := fstest.MapFS{}
	var partners []Partner
	for _, f := range ar.Files {
		if strings.HasPrefix(f.Name, "content/") {
			mem[f.Name] = &fstest.MapFile{Data: f.Data}
		}
		if slug, ok := strings.CutPrefix(f.Name, "content/partners/"); ok {
			slug = strings.TrimSuffix(slug, ".md")
			p := Partner{Slug: slug}
			for _, l := range strings.Split(string(f.Data), "\n") {
				if v, ok := strings.CutPrefix(l, "title: "); ok {
					p.Title = strings.Trim(v, `"`)
				}
				if v, ok := strings.CutPrefix(l, "short: "); ok {
					p.Short = strings.Trim(v, `"`)
				}
			}
			partners = append(partners, p)
		}
	}
	return mem, partners
}

// fuzzDraw drafts blocks read from any input: it must not panic, and the drafts must
// load and model with the site without error.
func fuzzDraw(t *testing.T, mem fstest.MapFS, partners []Partner, blocks []Block) {
	loc, _ := time.LoadLocation("Europe/Paris")
	meeting := date.Day(time.Date(2021, 9, 23, 0, 0, 0, 0, loc))
	res, err := Draw(blocks, partners, nil, loc, meeting)
	if err != nil {
		t.Fatalf("Draw: %v", err)
	}
	site := fstest.MapFS{}
	for k, v := range mem {
		site[k] = v
	}
	if err := check(site, res.Drafts); err != nil {
		var msg strings.Builder
		for _, d := range res.Drafts {
			msg.WriteString("-- " + d.Path + " --\n" + string(d.Data))
		}
		t.Fatalf("the drafts do not load:\n%v\n%s", err, msg.String())
	}
}

func FuzzReadText(f *testing.F) {
	seed, err := os.ReadFile("testdata/seed.txtar")
	if err != nil {
		f.Fatal(err)
	}
	ar := txtar.Parse(seed)
	for _, file := range ar.Files {
		if file.Name == "releve.txt" {
			f.Add(file.Data)
		}
	}
	f.Add([]byte("1) ACTUALITES\n\nCIO 41 : « x » [a](b) *c* <d>\n\n2) AGENDA\n\nMardi 7 décembre\nTitre\nInscription avant le 1er décembre https://a.example/x?pwd=1\n"))
	f.Add([]byte("Relevé\n\n1) AGENDA\n\n02/12/2021\n# Titre _x_\n- 1. \\\n3) SUITE\n\nLa prochaine réunion le 2 février 2022 à 9h. https://zoom.us/j/1?pwd=x Code secret : 1234\n"))
	mem, partners := fuzzSite(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzDraw(t, mem, partners, ReadText(data))
	})
}

func FuzzReadMarkdown(f *testing.F) {
	md, err := os.ReadFile("testdata/seed.md")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(md)
	f.Add([]byte("# T\n\n## 1) Agenda\n\n### Mardi 7 décembre 2021\n\n**Titre** : [x](javascript:alert(1)) <b>html</b>\n\n1. a\n   - b\n"))
	mem, partners := fuzzSite(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzDraw(t, mem, partners, ReadMarkdown(data))
	})
}

// FuzzReadDocx fuzzes word/document.xml inside the seed's other parts.
func FuzzReadDocx(f *testing.F) {
	ar, err := txtar.ParseFile("testdata/seed-docx.txtar")
	if err != nil {
		f.Fatal(err)
	}
	var doc []byte
	for _, file := range ar.Files {
		if file.Name == "word/document.xml" {
			doc = file.Data
		}
	}
	f.Add(doc)
	f.Add([]byte(`<w:document><w:body><w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>HYPERLINK "x"</w:instrText></w:r><w:p/><w:del><w:ins><w:r><w:t>a</w:t></w:r></w:ins></w:del></w:p></w:body></w:document>`))
	mem, partners := fuzzSite(f)
	f.Fuzz(func(t *testing.T, document []byte) {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		for _, file := range ar.Files {
			data := file.Data
			if file.Name == "word/document.xml" {
				data = document
			}
			w, _ := zw.Create(file.Name)
			w.Write(data)
		}
		zw.Close()
		blocks, err := ReadDocx(buf.Bytes())
		if err != nil {
			if !strings.HasPrefix(err.Error(), "word/document.xml: ") {
				t.Fatalf("error %q does not say where", err)
			}
			return
		}
		fuzzDraw(t, mem, partners, blocks)
	})
}

// TestCommitRefusesBadDrafts: drafts that would not pass the check are not written,
// and the error says which file and line is wrong.
func TestCommitRefusesBadDrafts(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "content"), 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "content/_index.md"), []byte("---\ntitle: Réseau\n---\n"), 0o644)
	res := &Result{Drafts: []Draft{
		{Path: "content/minutes/2021-09-23.md", Data: []byte("---\ntitle: \"R\"\ndate: \"2021-09-23\"\ndraft: true\n---\n")},
		{Path: "content/events/2021/x.md", Data: []byte("---\ntitle: \"X\"\nstart: \"2021-02-30\"\ndraft: true\n---\n")},
	}}
	err := commit(dir, os.DirFS(dir), res, false)
	var list diag.List
	if !errors.As(err, &list) || !strings.Contains(err.Error(), "content/events/2021/x.md:3: ") {
		t.Fatalf("commit: %v, want the problem of content/events/2021/x.md:3", err)
	}
	for _, d := range res.Drafts {
		if _, err := os.Stat(filepath.Join(dir, d.Path)); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s was written", d.Path)
		}
	}
}

// TestReadDocxTextBox: a text box's paragraphs sit inside a run of another paragraph;
// both are read, the enclosing one whole.
func TestReadDocxTextBox(t *testing.T) {
	doc := `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` +
		`<w:p><w:r><w:t>Avant </w:t></w:r><w:r><w:pict><w:txbxContent><w:p><w:r><w:t>Dans la boîte</w:t></w:r></w:p></w:txbxContent></w:pict></w:r>` +
		`<w:r><w:t>après.</w:t></w:r></w:p></w:body></w:document>`
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.Create("word/document.xml")
	w.Write([]byte(doc))
	zw.Close()
	blocks, err := ReadDocx(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, b := range blocks {
		got = append(got, b.Flat())
	}
	if want := []string{"Dans la boîte", "Avant après."}; !slices.Equal(got, want) {
		t.Errorf("blocks %q, want %q", got, want)
	}
}
