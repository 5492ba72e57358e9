package site

import (
	"slices"
	"strings"

	"relais/internal/content"
	"relais/internal/date"
	"relais/internal/markdown"
)

// Edit pairs the previous and the new parse of one changed file of news,
// events, minutes or partners: both *content.News, *content.Event,
// *content.Minutes or *content.Partner, of the same path.
type Edit struct{ Old, New any }

// Patched lists what Patch changed.
type Patched struct {
	News     []*News
	Events   []*Event
	Minutes  []*Minutes
	Partners []*Partner
}

// Patch applies edits to s in place, as relais serve does after an editor
// saves a news item, an event, minutes or a partner, so that showing the
// edit costs the same on a site of 100 files as on one of 100,000. s must be what Build made with
// opts (opts.Cache included) of the tree before the edits, and tree the same
// tree with the edited files read again: nothing added, removed or renamed,
// no other file changed.
//
// It patches only edits that change what the pages show of one document
// (title, body, place, online address, status, registration link, a
// partner's short name and website, parameters), never what orders, groups
// or links documents (dates, partner, meeting, organizer, partners, draft,
// registration deadline, a partner's title), and whose new body converts
// without any problem. Then s is what Build would make of tree, and Patch
// returns what it changed, with ok true. Otherwise it changes nothing and
// returns ok false: build the model again. The caller makes sure that no
// one reads s while it runs.
func Patch(s *Site, tree *content.Tree, edits []Edit, md *markdown.Converter, opts Options) (changed Patched, ok bool) {
	if opts.Cache == nil || tree.Settings == nil || !opts.Now.Equal(s.Now) {
		return Patched{}, false
	}
	urls, drafts := opts.Cache.lastURLs()
	if urls == nil {
		return Patched{}, false
	}
	b := &builder{tree: tree, opts: opts, md: md, site: s, urls: urls, draft: drafts,
		partners: make(map[string]*Partner, len(s.Partners)), minutes: make(map[string]*Minutes, len(s.Minutes)),
		french: strings.HasPrefix(strings.ToLower(tree.Settings.Language), "fr")}
	for _, p := range s.Partners {
		b.partners[p.Slug] = p
	}
	for _, m := range s.Minutes {
		b.minutes[m.ID] = m
	}

	// Find what each edit replaces, and convert the new bodies.
	type patch struct {
		news       *News
		event      *Event
		minutes    *Minutes
		partner    *Partner
		newNews    *content.News
		newEv      *content.Event
		newMinutes *content.Minutes
		newPartner *content.Partner
	}
	var patches []patch
	b.converted = map[*content.Doc]conversion{}
	for _, e := range edits {
		var p patch
		var doc *content.Doc
		switch old := e.Old.(type) {
		case *content.News:
			n, same := e.New.(*content.News)
			if !same || old.Path != n.Path || !sameNewsKeys(old, n) {
				return Patched{}, false
			}
			if b.skip(&n.Doc) {
				continue // a draft then and now: not in the model
			}
			i := slices.IndexFunc(s.News, func(x *News) bool { return x.Source == n.Path })
			if i < 0 {
				return Patched{}, false
			}
			p.news, p.newNews, doc = s.News[i], n, &n.Doc
		case *content.Event:
			ev, same := e.New.(*content.Event)
			if !same || old.Path != ev.Path || !sameEventKeys(old, ev) {
				return Patched{}, false
			}
			if b.skip(&ev.Doc) {
				continue
			}
			i := slices.IndexFunc(s.Events, func(x *Event) bool { return x.Source == ev.Path })
			if i < 0 {
				return Patched{}, false
			}
			p.event, p.newEv, doc = s.Events[i], ev, &ev.Doc
		case *content.Minutes:
			m, same := e.New.(*content.Minutes)
			if !same || old.Path != m.Path || old.Draft != m.Draft || old.Slug != m.Slug || !sameDate(old.Date, m.Date) {
				return Patched{}, false
			}
			if b.skip(&m.Doc) {
				continue
			}
			x, found := b.minutes[m.Slug]
			if !found || x.Source != m.Path {
				return Patched{}, false
			}
			p.minutes, p.newMinutes, doc = x, m, &m.Doc
		case *content.Partner:
			pa, same := e.New.(*content.Partner)
			// The title orders the partners.
			if !same || old.Path != pa.Path || old.Draft != pa.Draft || old.Slug != pa.Slug || old.Title != pa.Title {
				return Patched{}, false
			}
			if b.skip(&pa.Doc) {
				continue
			}
			x, found := b.partners[pa.Slug]
			if !found || x.Source != pa.Path {
				return Patched{}, false
			}
			p.partner, p.newPartner, doc = x, pa, &pa.Doc
		default:
			return Patched{}, false
		}
		// No file was added, removed or renamed: links resolve as in the
		// build before, whose URLs the cache kept.
		b.converted[doc] = opts.Cache.convert(md, doc.Path, doc.Body, tree.Settings.UnsafeHTML, b.french, s.BasePath, true,
			func(dest string) (string, error) { return b.resolve(doc, dest) })
		patches = append(patches, p)
	}

	// Make the new versions as Build does, aside; give up on any problem
	// (Build reports them with the whole site's).
	made := make([]any, len(patches))
	for i, p := range patches {
		switch {
		case p.newNews != nil:
			made[i] = b.newsItem(p.newNews)
		case p.newEv != nil:
			made[i] = b.event(p.newEv)
		case p.newMinutes != nil:
			made[i] = b.convert(&p.newMinutes.Doc)
		default:
			made[i] = b.convert(&p.newPartner.Doc)
		}
	}
	if len(b.errs) > 0 {
		return Patched{}, false
	}
	// Their relations resolve to the same partners and meeting, and their
	// keys of order are the same: each list keeps its order, and the
	// objects in it are changed where they are. A meeting or a partner
	// keeps the lists that Build gave it (its news, its events...).
	for i, p := range patches {
		switch {
		case p.news != nil:
			*p.news = *made[i].(*News)
			changed.News = append(changed.News, p.news)
		case p.event != nil:
			*p.event = *made[i].(*Event)
			changed.Events = append(changed.Events, p.event)
		case p.minutes != nil:
			m, x := p.newMinutes, p.minutes
			x.Title, x.Place, x.Params, x.Body = b.text(m.Title), b.text(m.Place), m.Params, made[i].(Body)
			changed.Minutes = append(changed.Minutes, x)
		default:
			pa, x := p.newPartner, p.partner
			x.Short, x.Website, x.Params, x.Body = pa.Short, pa.Website, pa.Params, made[i].(Body)
			changed.Partners = append(changed.Partners, x)
		}
	}
	return changed, true
}

// sameNewsKeys reports whether two versions of a news file agree on
// everything that places the item in the site.
func sameNewsKeys(a, b *content.News) bool {
	return a.Draft == b.Draft && a.Slug == b.Slug && sameDate(a.Date, b.Date) &&
		a.Partner == b.Partner && a.Minutes == b.Minutes
}

// sameEventKeys reports whether two versions of an event's file agree on
// everything that places the event in the site and in time.
func sameEventKeys(a, b *content.Event) bool {
	return a.Draft == b.Draft && a.Slug == b.Slug &&
		sameDate(a.Start, b.Start) && sameDate(a.End, b.End) && sameDate(a.Date, b.Date) &&
		slices.EqualFunc(a.Slots, b.Slots, func(x, y date.Slot) bool { return sameDate(x.Start, y.Start) && sameDate(x.End, y.End) }) &&
		a.Organizer == b.Organizer && slices.Equal(a.Partners, b.Partners) && a.Minutes == b.Minutes &&
		sameDate(deadline(a.Registration), deadline(b.Registration))
}

func deadline(r *content.Registration) date.Value {
	if r == nil {
		return date.Value{}
	}
	return r.Deadline
}

func sameDate(a, b date.Value) bool {
	return a.IsDay() == b.IsDay() && a.Time().Equal(b.Time())
}
