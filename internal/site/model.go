package site

import (
	"html/template"
	"time"

	"relais/internal/date"
	"relais/internal/markdown"
)

// Site is the immutable model of a whole site at a given "now".
type Site struct {
	Title       string
	Description string
	Language    string
	BaseURL     string // absolute, without a trailing slash; "" when unknown
	Location    *time.Location
	Now         time.Time
	Intro       template.HTML // the home page's introduction
	Params      map[string]any

	Partners []*Partner // by title
	Minutes  []*Minutes // newest first
	News     []*News    // newest first
	Events   []*Event   // soonest first
	Upcoming []*Event   // not yet ended at Now, soonest first
	Past     []*Event   // ended at Now, most recent first
	Pages    []*Page    // by title

	MainMenu   []*Page
	FooterMenu []*Page
}

// Body is a converted Markdown body.
type Body struct {
	HTML     template.HTML
	Summary  string
	Text     string // plain text, for calendars and feeds: all of an event's, the first 400 characters or more of the others
	Headings []markdown.Heading
}

// Partner is a partner organisation with what it published and takes part in.
type Partner struct {
	Slug, Title, Short, Website, URL string
	Source                           string
	Body
	Params   map[string]any
	News     []*News  // newest first
	Events   []*Event // every event it organizes or takes part in, soonest first
	Upcoming []*Event
	Past     []*Event // most recent first
}

// Name is the partner's short name when it has one, else its title.
func (p *Partner) Name() string {
	if p.Short != "" {
		return p.Short
	}
	return p.Title
}

// Minutes is one meeting's relevé de décisions.
type Minutes struct {
	ID, Title, Place, URL string
	Date                  date.Value
	Source                string
	Body
	Params        map[string]any
	News          []*News // by partner title, then newest first
	NewsByPartner []PartnerNews
	Events        []*Event // soonest first
	Prev, Next    *Minutes // the previous (older) and next (newer) meetings
}

// PartnerNews groups the news of one partner.
type PartnerNews struct {
	Partner *Partner
	News    []*News
}

// News is one partner update.
type News struct {
	Slug, Title, URL string
	Date             date.Value
	Source           string
	Body
	Params  map[string]any
	Partner *Partner
	Minutes *Minutes // nil when not reported at a meeting
}

// Event is one agenda event.
type Event struct {
	Slug, Title, URL string
	Source           string
	Body
	Params map[string]any

	Start, End date.Value // End is zero when absent
	Slots      []date.Slot
	When       string    // the French rendering of the dates
	Ends       time.Time // the instant the event is over

	Location         string
	Online           string
	Organizer        string   // free text, when not a partner
	OrganizerPartner *Partner // when the organizer is a partner
	Partners         []*Partner
	Registration     *Registration
	Status           string // "scheduled", "cancelled" or "postponed"
	Announced        date.Value
	Minutes          *Minutes
}

// Registration says where and until when to sign up.
type Registration struct {
	URL      string
	Deadline date.Value // zero when absent
	Closes   time.Time  // the instant registration closes; zero when open-ended
}

// IsCancelled reports whether the event is cancelled.
func (e *Event) IsCancelled() bool { return e.Status == "cancelled" }

// IsPostponed reports whether the event is postponed.
func (e *Event) IsPostponed() bool { return e.Status == "postponed" }

// HasEnded reports whether the event is over at now.
func (e *Event) HasEnded(now time.Time) bool { return !e.Ends.After(now) }

// IsClosed reports whether registration has closed at now.
func (r *Registration) IsClosed(now time.Time) bool {
	return !r.Closes.IsZero() && !r.Closes.After(now)
}

// Page is a free page.
type Page struct {
	Slug, Title, URL, Menu string
	Weight                 int
	Source                 string
	Body
	Params map[string]any
}

// PageBySlug returns the free page with that slug, or nil.
func (s *Site) PageBySlug(slug string) *Page {
	for _, p := range s.Pages {
		if p.Slug == slug {
			return p
		}
	}
	return nil
}

// Change is a moment at which the site's output changes by itself, without a
// new commit: an event ends, or a registration closes.
type Change struct {
	At   time.Time
	What string // "registration closes for forum-lycee", "hackathon ends"
}

// NextChange returns the first change after Now, or false when there is none.
// It tells when the site should be rebuilt.
func (s *Site) NextChange() (Change, bool) {
	var next Change
	consider := func(at time.Time, what string) {
		if at.After(s.Now) && (next.At.IsZero() || at.Before(next.At)) {
			next = Change{At: at, What: what}
		}
	}
	for _, e := range s.Events {
		consider(e.Ends, e.Slug+" ends")
		if r := e.Registration; r != nil && !r.Closes.IsZero() {
			consider(r.Closes, "registration closes for "+e.Slug)
		}
	}
	return next, !next.At.IsZero()
}
