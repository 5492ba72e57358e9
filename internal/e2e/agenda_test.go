package e2e

import (
	"context"
	"slices"
	"testing"
	"time"
)

// agendaState is what a reader sees of the upcoming events on a page.
type agendaState struct {
	Titles []string // the upcoming events listed, in order
	Months []string // the month headings left
	Closed int      // visible "Inscriptions closes"
	Open   int      // visible registration links
	Empty  bool     // the "no upcoming event" message is shown
}

const readAgenda = `(() => {
	const visible = (el) => !el.hidden && el.offsetParent !== null;
	const lists = [...document.querySelectorAll("[data-upcoming]")];
	return {
		Titles: lists.flatMap(l => [...l.querySelectorAll("li[data-ends] h3, li[data-ends] .widget-title a")].map(h => h.textContent.trim())),
		Months: lists.flatMap(l => [...l.querySelectorAll("section.month h2")].map(h => h.textContent.trim())),
		Closed: [...document.querySelectorAll(".registration-closed")].filter(visible).length,
		Open: [...document.querySelectorAll(".registration-open")].filter(visible).length,
		Empty: lists.some(l => { const e = l.querySelector("[data-empty]"); return e && visible(e); }),
	};
})()`

// testAgendaScript reads the agenda of the reseau test site (built on
// 2021-10-01 at noon) with the browser's clock at the build, then days later:
// the script must take the events that ended since out of the upcoming list,
// drop the months left empty, and close the registrations whose deadline
// passed, as a reader who opens the page late would need.
func testAgendaScript(t *testing.T, tab context.Context, root string) {
	read := func(t *testing.T, now time.Time, page string) agendaState {
		t.Helper()
		return evalAt[agendaState](t, tab, root, now, page, readAgenda)
	}
	paris, _ := time.LoadLocation("Europe/Paris")
	t.Run("at the build", func(t *testing.T) {
		st := read(t, time.Date(2021, 10, 1, 12, 0, 0, 0, paris), "/agenda/")
		if !slices.Contains(st.Titles, "Job dating de rentrée") || !slices.Contains(st.Months, "Septembre 2021") || st.Open != 1 {
			t.Errorf("as built, the agenda reads %+v", st)
		}
	})
	t.Run("days later", func(t *testing.T) {
		st := read(t, time.Date(2021, 10, 6, 9, 0, 0, 0, paris), "/agenda/")
		want := []string{"Forum de l'alternance", "Nuit de l'orientation", "Atelier CV", "Semaine des métiers", "Semaine de fin d'année"}
		if !slices.Equal(st.Titles, want) {
			t.Errorf("on 6 October the agenda lists %q, want %q", st.Titles, want)
		}
		if slices.Contains(st.Months, "Septembre 2021") {
			t.Errorf("the month left empty is still shown: %q", st.Months)
		}
		if st.Closed != 1 || st.Open != 0 {
			t.Errorf("the forum's registration (deadline 4 October) reads %d open, %d closed", st.Open, st.Closed)
		}
	})
	t.Run("after the last event", func(t *testing.T) {
		for _, page := range []string{"/agenda/", "/", "/agenda/widget/"} {
			st := read(t, time.Date(2022, 2, 1, 9, 0, 0, 0, paris), page)
			if len(st.Titles) != 0 || !st.Empty {
				t.Errorf("%s in February 2022 still lists %q (empty message shown: %v)", page, st.Titles, st.Empty)
			}
		}
	})
}
