package build

import (
	"relais/internal/diag"
	"relais/internal/newsletter"
)

// Newsletter loads and models the site as a build does, then composes the
// mail of the minutes id (the newest when id is ""), with the addresses of
// the settings' newsletter: key. Problems in the sources come back as a
// diag.List, as from Run.
func Newsletter(cfg Config, id string) (*newsletter.Letter, newsletter.Addresses, *Summary, error) {
	s := NewSession(cfg)
	model, tree, sum, _, err := s.model(nil)
	if err != nil {
		return nil, newsletter.Addresses{}, sum, err
	}
	var addr newsletter.Addresses
	if n := tree.Settings.Newsletter; n != nil {
		addr = newsletter.Addresses{From: n.From, To: n.To, ReplyTo: n.ReplyTo}
	}
	if model.BaseURL == "" {
		var list diag.List
		list.Add(diag.Pos{File: tree.Settings.Path, Line: 1}, "base_url is missing: a mail's links must be absolute (set base_url, or give --base-url)")
		return nil, addr, sum, list
	}
	m, err := newsletter.MinutesByID(model, id)
	if err != nil {
		return nil, addr, sum, err
	}
	theme, err := s.themeFor(model)
	if err != nil {
		return nil, addr, sum, err
	}
	l, err := newsletter.Compose(model, m, theme.Newsletter(), newsletter.Options{})
	if err != nil {
		return nil, addr, sum, err
	}
	return l, addr, sum, nil
}
