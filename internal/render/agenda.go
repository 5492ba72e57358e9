package render

import (
	"encoding/json"
	"html/template"
	"time"

	"relais/internal/site"
)

// jsonEvent is an event of /agenda.json, for partners who show the agenda on
// their own site. Field names are part of the published interface.
type jsonEvent struct {
	ID           string            `json:"id"`
	Title        string            `json:"title"`
	URL          string            `json:"url"`
	Start        string            `json:"start"`
	End          string            `json:"end,omitempty"`
	AllDay       bool              `json:"all_day"`
	When         string            `json:"when"`
	Slots        []jsonSlot        `json:"slots,omitempty"`
	Location     string            `json:"location,omitempty"`
	Online       string            `json:"online,omitempty"`
	Organizer    *jsonOrganizer    `json:"organizer,omitempty"`
	Status       string            `json:"status"`
	Registration *jsonRegistration `json:"registration,omitempty"`
	Ends         string            `json:"ends"`
	Upcoming     bool              `json:"upcoming"`
}

type jsonSlot struct {
	Start string `json:"start"`
	End   string `json:"end"`
}

type jsonOrganizer struct {
	Name string `json:"name"`
	URL  string `json:"url,omitempty"`
}

type jsonRegistration struct {
	URL      string `json:"url"`
	Deadline string `json:"deadline,omitempty"`
	Closes   string `json:"closes,omitempty"`
}

// agendaJSON writes every event, soonest first.
func agendaJSON(s *site.Site) ([]byte, error) {
	doc := struct {
		Title     string      `json:"title"`
		URL       string      `json:"url"`
		Generated string      `json:"generated"`
		Events    []jsonEvent `json:"events"`
	}{Title: s.Title, URL: absURL(s.BaseURL, site.AgendaURL), Generated: s.Now.Format(time.RFC3339), Events: []jsonEvent{}}
	for _, e := range s.Events {
		j := jsonEvent{
			ID: e.Slug, Title: e.Title, URL: absURL(s.BaseURL, e.URL), Start: e.Start.ISO(), AllDay: e.Start.IsDay(),
			When: e.When, Location: e.Location, Online: e.Online, Status: e.Status,
			Ends: e.Ends.Format(time.RFC3339), Upcoming: !e.HasEnded(s.Now),
		}
		if !e.End.IsZero() {
			j.End = e.End.ISO()
		}
		for _, sl := range e.Slots {
			j.Slots = append(j.Slots, jsonSlot{Start: sl.Start.ISO(), End: sl.End.ISO()})
		}
		switch {
		case e.OrganizerPartner != nil:
			j.Organizer = &jsonOrganizer{Name: e.OrganizerPartner.Title, URL: absURL(s.BaseURL, e.OrganizerPartner.URL)}
		case e.Organizer != "":
			j.Organizer = &jsonOrganizer{Name: e.Organizer}
		}
		if r := e.Registration; r != nil {
			j.Registration = &jsonRegistration{URL: r.URL}
			if !r.Deadline.IsZero() {
				j.Registration.Deadline = r.Deadline.ISO()
				j.Registration.Closes = r.Closes.Format(time.RFC3339)
			}
		}
		doc.Events = append(doc.Events, j)
	}
	b, err := json.MarshalIndent(doc, "", "  ")
	return append(b, '\n'), err
}

// eventJSONLD is the schema.org Event of an event page, for search engines.
func eventJSONLD(s *site.Site, e *site.Event) (template.JS, error) {
	type thing = map[string]any
	status := map[string]string{
		"scheduled": "https://schema.org/EventScheduled",
		"cancelled": "https://schema.org/EventCancelled",
		"postponed": "https://schema.org/EventPostponed",
	}[e.Status]
	ld := thing{
		"@context":    "https://schema.org",
		"@type":       "Event",
		"name":        e.Title,
		"startDate":   e.Start.ISO(),
		"eventStatus": status,
		"url":         absURL(s.BaseURL, e.URL),
	}
	switch {
	case len(e.Slots) > 0:
		ld["startDate"] = e.Slots[0].Start.ISO()
		ld["endDate"] = e.Slots[len(e.Slots)-1].End.ISO()
	case !e.End.IsZero():
		ld["endDate"] = e.End.ISO()
	}
	if e.Summary != "" {
		ld["description"] = e.Summary
	}
	var places []thing
	if e.Location != "" {
		places = append(places, thing{"@type": "Place", "name": e.Location, "address": e.Location})
	}
	if e.Online != "" {
		places = append(places, thing{"@type": "VirtualLocation", "url": e.Online})
	}
	switch {
	case e.Location != "" && e.Online != "":
		ld["eventAttendanceMode"] = "https://schema.org/MixedEventAttendanceMode"
		ld["location"] = places
	case e.Online != "":
		ld["eventAttendanceMode"] = "https://schema.org/OnlineEventAttendanceMode"
		ld["location"] = places[0]
	case e.Location != "":
		ld["eventAttendanceMode"] = "https://schema.org/OfflineEventAttendanceMode"
		ld["location"] = places[0]
	}
	switch {
	case e.OrganizerPartner != nil:
		org := thing{"@type": "Organization", "name": e.OrganizerPartner.Title, "url": absURL(s.BaseURL, e.OrganizerPartner.URL)}
		ld["organizer"] = org
	case e.Organizer != "":
		ld["organizer"] = thing{"@type": "Organization", "name": e.Organizer}
	}
	if r := e.Registration; r != nil {
		offer := thing{"@type": "Offer", "url": r.URL, "price": "0", "priceCurrency": "EUR", "availability": "https://schema.org/InStock"}
		if !r.Closes.IsZero() {
			offer["validThrough"] = r.Closes.Format(time.RFC3339)
			if r.IsClosed(s.Now) {
				offer["availability"] = "https://schema.org/SoldOut"
			}
		}
		ld["offers"] = offer
	}
	b, err := json.MarshalIndent(ld, "", "  ")
	// html/template escapes the JSON for a script element itself when given a
	// template.JS; keys are sorted by encoding/json, so the bytes are stable.
	return template.JS(b), err
}
