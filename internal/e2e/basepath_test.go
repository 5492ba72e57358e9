package e2e

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// assetsLoaded tells whether every stylesheet of the page loaded, with rules.
// A sheet that did not load as CSS is null, or has rules Chromium will not
// show.
const assetsLoaded = `[...document.querySelectorAll('link[rel="stylesheet"]')].every(l => {
	try { return l.sheet !== null && l.sheet.cssRules.length > 0; } catch (e) { return false; }
})`

// testBasePath reads the sous-dossier test site, published under
// /sous/dossier/, in the browser as a visitor would: its stylesheets load,
// its agenda script runs (it takes the forum out of the upcoming events once
// it is over), and the error page, which hosts serve at any address, keeps
// its stylesheet and links deep in the site.
func testBasePath(t *testing.T, tab context.Context, root string) {
	paris, _ := time.LoadLocation("Europe/Paris")
	built := time.Date(2021, 10, 1, 12, 0, 0, 0, paris)
	for _, page := range []string{"/", "/agenda/", "/agenda/forum-emploi/", "/agenda/widget/", "/une/adresse/absente/"} {
		if !evalAt[bool](t, tab, root, built, page, assetsLoaded) {
			t.Errorf("%s%s: a stylesheet did not load", root, page)
		}
	}
	st := evalAt[agendaState](t, tab, root, built, "/agenda/", readAgenda)
	if !slices.Equal(st.Titles, []string{"Forum de l'emploi"}) {
		t.Errorf("as built, the agenda lists %q", st.Titles)
	}
	st = evalAt[agendaState](t, tab, root, time.Date(2021, 10, 20, 9, 0, 0, 0, paris), "/agenda/", readAgenda)
	if len(st.Titles) != 0 || !st.Empty {
		t.Errorf("after the forum, the agenda lists %q (empty message shown: %v): its script did not run", st.Titles, st.Empty)
	}
	home := evalAt[string](t, tab, root, built, "/une/adresse/absente/", `document.querySelector(".site-title a").href`)
	if want := root + "/"; home != want {
		t.Errorf("the error page, served deep in the site, links home to %q, want %q", home, want)
	}
}

// evalAt loads the page with the browser's clock at now and evaluates expr in it.
func evalAt[T any](t *testing.T, tab context.Context, root string, now time.Time, page, expr string) T {
	t.Helper()
	setClock(t, tab, now)
	if err := navigate(tab, root, page); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(tab, pageTimeout)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatal(err)
	}
	return v
}
