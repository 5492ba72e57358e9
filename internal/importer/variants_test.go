package importer_test

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"relais/internal/importer"
)

// TestImportVariants imports the seed changed in the ways relevés differ: none of the
// changes may break the cut.
func TestImportVariants(t *testing.T) {
	ar := loadSeed(t)
	seed := string(archiveFile(ar, "releve.txt"))
	const lycee = "content/events/2021/visite-du-lycee-professionnel-de-saint-aignan.md"
	const journee = "content/events/2021/les-demarches-cooperatives-contribuent-a-faciliter.md"
	contains := func(files map[string][]byte, file string, subs ...string) func(t *testing.T) {
		return func(t *testing.T) {
			for _, s := range subs {
				if !bytes.Contains(files[file], []byte(s)) {
					t.Errorf("%s does not contain %q:\n%s", file, s, files[file])
				}
			}
		}
	}
	tests := []struct {
		name   string
		change func(string) string
		check  func(t *testing.T, files map[string][]byte, res *importer.Result)
	}{
		{"trailing spaces stripped", func(s string) string {
			return regexp.MustCompile(`(?m)[ \t]+$`).ReplaceAllString(s, "")
		}, func(t *testing.T, files map[string][]byte, res *importer.Result) {
			contains(files, lycee, `{start: "2021-10-19T09:00", end: "2021-10-19T12:00"}`, `deadline: "2021-10-04"`,
				`url: "https://docs.google.com/spreadsheets/d/1qALsl48t1eu1AsUTIgS0z5TpzTI1s75I6g8U8Kxj1Vs/edit?usp=sharing"`)(t)
			contains(files, "content/news/2021-09-23-gip-alfa-centre.md", "professionnalisation-acteurs-catalogue-gip-alfa-centre-val-loire-2021#A190140>")(t)
			contains(files, "content/events/2021/hackaton-organise-par-le-spro-28.md", `url: "https://www.weezevent.com/hack-ton-orientation"`)(t)
		}},
		{"form feed between pages", func(s string) string {
			return strings.Replace(s, "\n 3)  L’EVALUATION", "\n\f 3)  L’EVALUATION", 1)
		}, func(t *testing.T, files map[string][]byte, res *importer.Result) {
			compareWant(t, ar, files, report(res))
		}},
		{"Windows line ends", func(s string) string {
			return strings.ReplaceAll(s, "\n", "\r\n")
		}, func(t *testing.T, files map[string][]byte, res *importer.Result) {
			compareWant(t, ar, files, report(res))
		}},
		{"numeric date heading", func(s string) string {
			return strings.Replace(s, "Jeudi 2 décembre 2021  \n", "02/12/2021\n", 1)
		}, func(t *testing.T, files map[string][]byte, res *importer.Result) {
			contains(files, journee, `start: "2021-12-02"  # « 02/12/2021 »`)(t)
			// The item before keeps its own slots and registration.
			contains(files, lycee, `start: "2021-10-19"`, `deadline: "2021-10-04"`)(t)
			if bytes.Contains(files[lycee], []byte("démarches coopératives")) {
				t.Errorf("the day after the lycée's visit merged into it")
			}
		}},
		{"wrong weekday", func(s string) string {
			return strings.Replace(s, "Mardi 19 octobre 2021 \n", "Mercredi 19 octobre 2021 \n", 1)
		}, func(t *testing.T, files map[string][]byte, res *importer.Result) {
			contains(files, lycee, `start: "2021-10-19"`)(t)
			if !strings.Contains(report(res), lycee+`:3: wrong weekday, the date was kept as written: "Mercredi 19 octobre 2021": 19 oct. 2021 is a mardi, not a mercredi`) {
				t.Errorf("the wrong weekday is not reported:\n%s", report(res))
			}
		}},
		{"a label that is no partner", func(s string) string {
			return strings.Replace(s, "ce type de reconnaissance. \n", "ce type de reconnaissance. \nContact : Mme Durand, 02 54 00 00 00. \n", 1)
		}, func(t *testing.T, files map[string][]byte, res *importer.Result) {
			if res.News != 6 || res.Partners != 0 {
				t.Errorf("%s, want 6 news and no new partner", res.Summary())
			}
			contains(files, "content/news/2021-09-23-cap-emploi.md", "Contact : Mme Durand")(t)
			if !strings.Contains(report(res), `"Durand"`) {
				t.Errorf("the name is not listed:\n%s", report(res))
			}
		}},
		{"a new partner", func(s string) string {
			return strings.Replace(s, " GIP Alfa Centre :", " Pôle emploi : Les agences accueillent les jeunes. \n\n"+
				" CIO 41 : Une autre nouvelle. \n\n POLE EMPLOI : Une seconde nouvelle. \n\n GIP Alfa Centre :", 1)
		}, func(t *testing.T, files map[string][]byte, res *importer.Result) {
			if res.News != 9 || res.Partners != 1 {
				t.Errorf("%s, want 9 news and 1 new partner", res.Summary())
			}
			contains(files, "content/partners/pole-emploi.md", `title: "Pôle emploi"`, "draft: true")(t)
			contains(files, "content/news/2021-09-23-pole-emploi.md", `partner: "pole-emploi"`)(t)
			contains(files, "content/news/2021-09-23-pole-emploi-2.md", `partner: "pole-emploi"`, "Une seconde nouvelle")(t)
			contains(files, "content/news/2021-09-23-cio-41-2.md", `partner: "cio-41"`, "Une autre nouvelle")(t)
		}},
		{"a partner organises", func(s string) string {
			return strings.Replace(s, "Journée de professionnalisation des personnels", "Le CIO 41 organise une journée de professionnalisation des personnels", 1)
		}, func(t *testing.T, files map[string][]byte, res *importer.Result) {
			contains(files, journee, `organizer: "cio-41"  # « Le CIO 41 organise »`)(t)
		}},
		{"the day inside the header's line", func(s string) string {
			return strings.Replace(s, "Relevé de décision  \n\n \nJeudi 23 septembre 2021 \n", "Relevé de décisions de la réunion du jeudi 23 septembre 2021 \n", 1)
		}, func(t *testing.T, files map[string][]byte, res *importer.Result) {
			contains(files, "content/minutes/2021-09-23.md", `date: "2021-09-23"  # « jeudi 23 septembre 2021 »`, `title: "Réunion départementale SPRO 41"`)(t)
		}},
		{"times that make no slot", func(s string) string {
			return strings.Replace(s, "Journée articulée autour", "Accueil de 14h à 9h. Journée articulée autour", 1)
		}, func(t *testing.T, files map[string][]byte, res *importer.Result) {
			contains(files, journee, `start: "2021-12-02"`)(t)
			if bytes.Contains(files[journee], []byte("slots:")) {
				t.Errorf("a slot ending before it starts was written:\n%s", files[journee])
			}
			if !strings.Contains(report(res), journee+":3: times not read from « de 14h à 9h »") {
				t.Errorf("the times left out are not reported:\n%s", report(res))
			}
		}},
		{"slots on two days in the heading", func(s string) string {
			return strings.Replace(s, "Mardi 7 et Mercredi 8 décembre 2021 \n", "mardi 7 décembre 2021, de 9 h à 12 h ; mercredi 8 décembre 2021, de 14 h à 17 h \n", 1)
		}, func(t *testing.T, files map[string][]byte, res *importer.Result) {
			contains(files, "content/events/2021/venue-du-klub-extraordinaire-sur-le-controis-en-sologne.md",
				`start: "2021-12-07"`, `end: "2021-12-08"`, `{start: "2021-12-08T14:00", end: "2021-12-08T17:00"}`)(t)
		}},
		{"partners' paragraphs without blank lines", func(s string) string {
			i := strings.Index(s, "1) ACTUALITES")
			j := strings.Index(s, " GIP Alfa Centre")
			return s[:i] + strings.ReplaceAll(s[i:j], "\n\n", "\n") + s[j:]
		}, func(t *testing.T, files map[string][]byte, res *importer.Result) {
			if res.News != 6 {
				t.Errorf("%s, want 6 news", res.Summary())
			}
			contains(files, "content/news/2021-09-23-information-jeunesse.md", "les jeunes présentent des parcours")(t)
			contains(files, "content/news/2021-09-23-cio-41.md", "Maria Pouplin")(t)
		}},
		{"an agenda item without year", func(s string) string {
			return strings.Replace(s, "Mardi 19 octobre 2021 \n", "Mardi 19 octobre \n", 1)
		}, func(t *testing.T, files map[string][]byte, res *importer.Result) {
			contains(files, lycee, `start: "2021-10-19"  # « Mardi 19 octobre » : année déduite de la réunion`)(t)
			if !strings.Contains(report(res), lycee+`:3: year of "Mardi 19 octobre" inferred from the meeting date`) {
				t.Errorf("the inferred year is not reported:\n%s", report(res))
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := tt.change(seed)
			if text == seed {
				t.Fatal("the change changes nothing")
			}
			_, res, files := importInto(t, ar, "releve.txt", []byte(text))
			if res.Minutes != 1 || res.Events != 5 {
				t.Errorf("%s, want 1 minutes and 5 events", res.Summary())
			}
			tt.check(t, files, res)
		})
	}
}
