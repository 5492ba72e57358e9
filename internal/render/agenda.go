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
			ID: e.Slug, Title: e.Title, URL: s.AbsURL(e.URL), Start: e.Start.ISO(), AllDay: e.Start.IsDay(),
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
			j.Organizer = &jsonOrganizer{Name: e.OrganizerPartner.Title, URL: s.AbsURL(e.OrganizerPartner.URL)}
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
	ld := ldEvent{
		Context:     "https://schema.org",
		Type:        "Event",
		Name:        e.Title,
		StartDate:   e.Start.ISO(),
		EventStatus: eventStatus[e.Status],
		URL:         s.AbsURL(e.URL),
		Description: e.Summary,
	}
	switch {
	case len(e.Slots) > 0:
		ld.StartDate = e.Slots[0].Start.ISO()
		ld.EndDate = e.Slots[len(e.Slots)-1].End.ISO()
	case !e.End.IsZero():
		ld.EndDate = e.End.ISO()
	}
	var places []any
	if e.Location != "" {
		places = append(places, ldPlace{Type: "Place", Address: e.Location, Name: e.Location})
	}
	if e.Online != "" {
		places = append(places, ldVirtualLocation{Type: "VirtualLocation", URL: e.Online})
	}
	switch {
	case e.Location != "" && e.Online != "":
		ld.EventAttendanceMode = "https://schema.org/MixedEventAttendanceMode"
		ld.Location = places
	case e.Online != "":
		ld.EventAttendanceMode = "https://schema.org/OnlineEventAttendanceMode"
		ld.Location = places[0]
	case e.Location != "":
		ld.EventAttendanceMode = "https://schema.org/OfflineEventAttendanceMode"
		ld.Location = places[0]
	}
	switch {
	case e.OrganizerPartner != nil:
		ld.Organizer = &ldOrganization{Type: "Organization", Name: e.OrganizerPartner.Title, URL: s.AbsURL(e.OrganizerPartner.URL)}
	case e.Organizer != "":
		ld.Organizer = &ldOrganization{Type: "Organization", Name: e.Organizer}
	}
	if r := e.Registration; r != nil {
		offer := &ldOffer{Type: "Offer", Availability: "https://schema.org/InStock", Price: "0", PriceCurrency: "EUR", URL: r.URL}
		if !r.Closes.IsZero() {
			offer.ValidThrough = r.Closes.Format(time.RFC3339)
			if r.IsClosed(s.Now) {
				offer.Availability = "https://schema.org/SoldOut"
			}
		}
		ld.Offers = offer
	}
	b, err := json.MarshalIndent(ld, "", "  ")
	// html/template escapes the JSON for a script element itself when given a
	// template.JS; the fields are in the order of their keys, as encoding/json
	// writes a map's, so the bytes are stable.
	return template.JS(b), err
}

var eventStatus = map[string]string{
	"scheduled": "https://schema.org/EventScheduled",
	"cancelled": "https://schema.org/EventCancelled",
	"postponed": "https://schema.org/EventPostponed",
}

// The schema.org Event of an event page, its fields sorted by key.
type ldEvent struct {
	Context             string          `json:"@context"`
	Type                string          `json:"@type"`
	Description         string          `json:"description,omitempty"`
	EndDate             string          `json:"endDate,omitempty"`
	EventAttendanceMode string          `json:"eventAttendanceMode,omitempty"`
	EventStatus         string          `json:"eventStatus"`
	Location            any             `json:"location,omitempty"`
	Name                string          `json:"name"`
	Offers              *ldOffer        `json:"offers,omitempty"`
	Organizer           *ldOrganization `json:"organizer,omitempty"`
	StartDate           string          `json:"startDate"`
	URL                 string          `json:"url"`
}

type ldPlace struct {
	Type    string `json:"@type"`
	Address string `json:"address"`
	Name    string `json:"name"`
}

type ldVirtualLocation struct {
	Type string `json:"@type"`
	URL  string `json:"url"`
}

type ldOrganization struct {
	Type string `json:"@type"`
	Name string `json:"name"`
	URL  string `json:"url,omitempty"`
}

type ldOffer struct {
	Type          string `json:"@type"`
	Availability  string `json:"availability"`
	Price         string `json:"price"`
	PriceCurrency string `json:"priceCurrency"`
	URL           string `json:"url"`
	ValidThrough  string `json:"validThrough,omitempty"`
}
