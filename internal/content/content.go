// Package content reads a site's content/ folder into typed documents, one per
// Markdown file, with strict front matter: unknown keys, missing required keys,
// impossible dates and values of the wrong kind are reported with their file
// and line. It knows nothing of other files and nothing of cross-file rules
// (those belong to the site model).
package content

import (
	"time"

	"relais/internal/date"
)

// Doc is what every content file has.
type Doc struct {
	Path  string // relative to the site root, with forward slashes: "content/events/x.md"
	Slug  string // file name without .md
	Draft bool
	// PublishPrivate (publish_private: true) says that what looks private in
	// the file, a meeting passcode or an e-mail address in a link, is meant
	// to be published.
	PublishPrivate bool
	Body           []byte
	BodyLine       int            // line of the file on which Body starts (1-based)
	Params         map[string]any // free-form values under params:

	meta *value
}

// Line returns the line of the top-level front-matter key, or 1 when the key
// is absent, so that messages about a value can point at it.
func (d *Doc) Line(key string) int {
	if d.meta != nil {
		for _, f := range d.meta.fields {
			if f.key == key {
				return f.line
			}
		}
	}
	return 1
}

// Settings are the site settings of content/_index.md; its body is the home
// page's introduction.
type Settings struct {
	Doc
	Title       string
	Description string
	Language    string // BCP 47, default "fr"
	Timezone    string // IANA, default "Europe/Paris"
	BaseURL     string
	UnsafeHTML  bool
	Location    *time.Location
	// Newsletter holds the addresses of the relevé's mail; nil when absent.
	// They are for relais newsletter only: no page shows them.
	Newsletter *Newsletter
}

// Newsletter is the newsletter: key of the settings, the addresses of the
// relevé's mail, each as written ("SPRO 41 <spro41@example.org>"), checked.
type Newsletter struct {
	From    string
	To      []string
	ReplyTo string
}

// Partner is a partner organisation.
type Partner struct {
	Doc
	Title   string
	Short   string
	Website string
}

// Minutes is one meeting's relevé de décisions; its ID is its slug.
type Minutes struct {
	Doc
	Title string
	Date  date.Value // a day
	Place string
}

// News is one partner update.
type News struct {
	Doc
	Title   string
	Date    date.Value
	Partner string // partner slug
	Minutes string // minutes id, optional
}

// Status of an event.
const (
	Scheduled = "scheduled"
	Cancelled = "cancelled"
	Postponed = "postponed"
)

// Event is one agenda event.
type Event struct {
	Doc
	Title        string
	Start        date.Value
	End          date.Value // zero when absent; same kind as Start
	Slots        []date.Slot
	Location     string
	Online       string
	Organizer    string // free text or a partner slug
	Partners     []string
	Registration *Registration
	Status       string     // Scheduled, Cancelled or Postponed
	Date         date.Value // announcement date, zero when absent
	Minutes      string
}

// Registration says where and until when to sign up for an event.
type Registration struct {
	URL      string
	Deadline date.Value // zero when absent
}

// Page is a free page.
type Page struct {
	Doc
	Title  string
	Menu   string // "main", "footer" or ""
	Weight int
}

// Tree is the whole content folder, each section sorted by path.
type Tree struct {
	Settings *Settings
	Partners []*Partner
	Minutes  []*Minutes
	News     []*News
	Events   []*Event
	Pages    []*Page
}
