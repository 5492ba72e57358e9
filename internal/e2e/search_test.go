package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"relais/internal/search"
	"relais/internal/site"
)

// searchState is what a reader sees of the search page.
type searchState struct {
	Status   string   // the live region's text
	Titles   []string // the results' titles, in order
	Kinds    []string // the results' kinds
	Excerpts []string // the results' excerpts, as read
	Marks    []string // the words marked in the excerpts
	Query    string   // location.search
	Form     bool     // the search form is shown
	Fallback bool     // the message for browsers without JavaScript is shown
	Live     string   // the live region's politeness
	URLs     []string // the results' paths
}

const readSearch = `(() => {
	const visible = (el) => !!el && !el.hidden && el.offsetParent !== null;
	const all = (sel) => [...document.querySelectorAll(sel)].map(e => e.textContent.trim());
	const status = document.getElementById("search-status");
	return {
		Status: status ? status.textContent.trim() : "",
		Titles: all("#search-results h2"),
		Kinds: all("#search-results .search-kind"),
		Excerpts: all("#search-results .search-excerpt"),
		Marks: all("#search-results mark"),
		Query: location.search,
		Form: visible(document.getElementById("recherche")),
		Fallback: visible(document.getElementById("search-fallback")),
		Live: status ? (status.getAttribute("aria-live") || "") + "/" + (status.getAttribute("role") || "") : "",
		URLs: [...document.querySelectorAll("#search-results h2 a")].map(a => new URL(a.href).pathname),
	};
})()`

// searchSettled waits until the page shows the results of what was typed:
// a count in the live region, and each shown result's excerpt filled.
const searchSettled = `(() => {
	const s = document.getElementById("search-status").textContent;
	if (document.getElementById("search-results").getAttribute("aria-busy") !== "false" || !/résultat/.test(s)) return false;
	const n = /^Aucun/.test(s) ? 0 : parseInt(s, 10);
	const ex = [...document.querySelectorAll("#search-results .search-excerpt")];
	return ex.length === Math.min(n, 10) && ex.every(e => e.textContent.length > 0);
})()`

// typeQuery types query into the page's field as a person would, key by
// key, and waits for the results.
func typeQuery(tab context.Context, query string) (searchState, error) {
	ctx, cancel := context.WithTimeout(tab, pageTimeout)
	defer cancel()
	if err := chromedp.Do(ctx,
		chromedp.Evaluate[chromedp.Void](`document.getElementById("q").value = ""; document.getElementById("q").focus()`),
		chromedp.SendKeys(chromedp.ID("q"), query),
		chromedp.Poll[chromedp.Void](`document.getElementById("q").value === `+jsString(query)+` && `+searchSettled, chromedp.WithPollingTimeout(20*time.Second)),
	); err != nil {
		return searchState{}, err
	}
	return chromedp.Run(ctx, chromedp.Evaluate[searchState](readSearch))
}

// readResults loads a search page's URL and waits for its results.
func readResults(tab context.Context, root, page string) (searchState, error) {
	if err := navigate(tab, root, page); err != nil {
		return searchState{}, err
	}
	ctx, cancel := context.WithTimeout(tab, pageTimeout)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Poll[chromedp.Void](searchSettled, chromedp.WithPollingTimeout(20*time.Second))); err != nil {
		return searchState{}, err
	}
	return chromedp.Run(ctx, chromedp.Evaluate[searchState](readSearch))
}

func first(st searchState) string {
	if len(st.Titles) == 0 {
		return ""
	}
	return st.Titles[0]
}

// testSearchPage searches the reseau test site as a reader would: by
// typing, with a mistake, through the URL, with filters; then checks the
// page with axe-core with results shown, and without JavaScript.
func testSearchPage(t *testing.T, tab context.Context, axeJS, root, dir string) {
	if err := navigate(tab, root, "/recherche/"); err != nil {
		t.Fatal(err)
	}
	t.Run("the script ranks as Go does", func(t *testing.T) {
		ix, err := search.Read(os.DirFS(filepath.Join(dir, filepath.FromSlash(strings.TrimPrefix(site.SearchIndexURL, "/")))))
		if err != nil {
			t.Fatal(err)
		}
		for _, q := range []string{"forum", "réunion ", "emploi ", "orientation", "semaine mét", "permanance ", "l'alternance"} {
			want, err := ix.Query(q)
			if err != nil {
				t.Fatal(err)
			}
			st, err := typeQuery(tab, q)
			if err != nil {
				t.Fatal(err)
			}
			if len(want) == 0 || !slices.Equal(st.URLs, want[:min(10, len(want))]) {
				t.Errorf("%q: the page shows %q, search.Index.Query gives %q", q, st.URLs, want)
			}
		}
	})
	t.Run("typing", func(t *testing.T) {
		st, err := typeQuery(tab, "forum altern")
		if err != nil {
			t.Fatal(err)
		}
		if first(st) != "Forum de l'alternance" || st.Query != "?q=forum+altern" {
			t.Errorf("typing %q shows %q at %q", "forum altern", st.Titles, st.Query)
		}
		if st.Status != fmt.Sprintf("%d résultats pour « forum altern »", len(st.Titles)) || st.Live != "polite/status" {
			t.Errorf("the live region (%s) says %q for %d results", st.Live, st.Status, len(st.Titles))
		}
		if !containsAll(st.Marks, "Forum", "alternance") {
			t.Errorf("the excerpts mark %q, want forum and alternance: %q", st.Marks, st.Excerpts)
		}
	})
	t.Run("a partner's page", func(t *testing.T) {
		// It lists the partner's news, whose titles name it: it comes
		// first, its excerpt from its text, marked.
		st, err := typeQuery(tab, "mission locale ")
		if err != nil {
			t.Fatal(err)
		}
		if len(st.URLs) == 0 || st.URLs[0] != "/partenaires/mission-locale/" {
			t.Fatalf("%q shows %q first", "mission locale ", st.URLs)
		}
		if st.Excerpts[0] != "La Mission locale accueille les jeunes de 16 à 25 ans" || !containsAll(st.Marks, "Mission", "locale") {
			t.Errorf("the partner's excerpt is %q, marks %q", st.Excerpts[0], st.Marks)
		}
	})
	t.Run("accents, plural and a mistake", func(t *testing.T) {
		for _, q := range []string{"metiers ", "MÉTIER ", "orientatoin "} {
			st, err := typeQuery(tab, q)
			if err != nil {
				t.Fatal(err)
			}
			want := map[string]string{"metiers ": "Semaine des métiers", "MÉTIER ": "Semaine des métiers", "orientatoin ": "Nuit de l'orientation"}[q]
			if first(st) != want {
				t.Errorf("%q finds %q first, want %q", q, st.Titles, want)
			}
		}
	})
	t.Run("filters", func(t *testing.T) {
		all, err := readResults(tab, root, "/recherche/?q=emploi")
		if err != nil {
			t.Fatal(err)
		}
		news, err := readResults(tab, root, "/recherche/?q=emploi&type=n")
		if err != nil {
			t.Fatal(err)
		}
		if len(news.Titles) == 0 || len(news.Titles) >= len(all.Titles) {
			t.Errorf("the news filter keeps %q of %q (%s)", news.Titles, all.Titles, news.Status)
		}
		for _, k := range news.Kinds {
			if k != "Actualité" {
				t.Errorf("the news filter shows a result of kind %q", k)
			}
		}
		ctx, cancel := context.WithTimeout(tab, pageTimeout)
		defer cancel()
		if err := chromedp.Do(ctx,
			chromedp.Evaluate[chromedp.Void](`document.getElementById("search-type").value = "";
				const p = document.getElementById("search-partner"); p.value = "mission-locale"; p.dispatchEvent(new Event("change"))`),
			chromedp.Poll[chromedp.Void](`location.search === "?q=emploi&partenaire=mission-locale" && `+searchSettled, chromedp.WithPollingTimeout(20*time.Second)),
		); err != nil {
			t.Fatal(err)
		}
		st, err := chromedp.Run(ctx, chromedp.Evaluate[searchState](readSearch))
		if err != nil {
			t.Fatal(err)
		}
		if len(st.Titles) == 0 || len(st.Titles) >= len(all.Titles) || !slices.Equal(st.Titles, []string{"Forum de l'alternance"}) {
			t.Errorf("the partner filter keeps %q of %q", st.Titles, all.Titles)
		}
	})
	t.Run("axe with results", func(t *testing.T) {
		if _, err := readResults(tab, root, "/recherche/?q=orientation"); err != nil {
			t.Fatal(err)
		}
		probs, err := runAxe(tab, axeJS, "/recherche/?q=orientation")
		if err != nil {
			t.Fatal(err)
		}
		reportProblems(t, "reseau", probs)
	})
	t.Run("without JavaScript", func(t *testing.T) {
		ctx, cancel := context.WithTimeout(tab, pageTimeout)
		defer cancel()
		if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
			t.Fatal(err)
		}
		defer chromedp.Call(tab, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: false})
		if err := navigate(tab, root, "/recherche/?q=forum"); err != nil {
			t.Fatal(err)
		}
		st, err := chromedp.Run(ctx, chromedp.Evaluate[searchState](readSearch))
		if err != nil {
			t.Fatal(err)
		}
		if !st.Fallback || st.Form || len(st.Titles) != 0 {
			t.Errorf("without JavaScript the page shows its fallback: %v, its form: %v, results: %q", st.Fallback, st.Form, st.Titles)
		}
	})
}

// testSearchExample checks what the issue asks of the example site.
func testSearchExample(t *testing.T, tab context.Context, root string) {
	for _, c := range []struct{ page, want string }{
		{"/recherche/?q=forum", "Forum du lycée professionnel Val de Cher à Saint-Aignan"},
		{"/recherche/?q=hackathon", "Hackathon «\u00a0Hack ton orientation\u00a0»"},
		{"/recherche/?q=hackaton", "Hackathon «\u00a0Hack ton orientation\u00a0»"},
	} {
		st, err := readResults(tab, root, c.page)
		if err != nil {
			t.Fatal(err)
		}
		if first(st) != c.want {
			t.Errorf("%s lists %q first, want %q (%s)", c.page, first(st), c.want, st.Status)
		}
	}
}

func jsString(s string) string { b, _ := json.Marshal(s); return string(b) }

func containsAll(list []string, want ...string) bool {
	for _, w := range want {
		found := false
		for _, l := range list {
			if strings.EqualFold(l, w) {
				found = true
			}
		}
		if !found {
			return false
		}
	}
	return true
}
