package render

import "strings"

// words holds every fixed text of the default theme, by language, so that
// another language can be added in one place. Templates ask for them with
// {{t "key"}}.
var words = map[string]map[string]string{
	"fr": {
		"skip":                 "Aller au contenu",
		"menu":                 "Menu principal",
		"home":                 "Accueil",
		"agenda":               "Agenda",
		"agenda.archives":      "Évènements passés",
		"agenda.upcoming":      "Évènements à venir",
		"agenda.none":          "Aucun évènement à venir pour le moment.",
		"agenda.noPast":        "Aucun évènement passé.",
		"agenda.toArchives":    "Voir les évènements passés",
		"agenda.toUpcoming":    "Voir les évènements à venir",
		"agenda.all":           "Tout l'agenda",
		"agenda.calendar":      "Agenda (iCalendar)",
		"agenda.subscribe":     "S'abonner à l'agenda",
		"agenda.subscribeHint": "dans votre application d'agenda ; ou copiez l'",
		"agenda.subscribeURL":  "adresse de l'agenda",
		"agenda.json":          "L'agenda en JSON",
		"agenda.widget":        "L'agenda à intégrer sur votre site",
		"event.addToCalendar":  "Ajouter à mon agenda",
		"event.icsFormat":      "fichier .ics",
		"subscribe":            "S'abonner",
		"feed.rss":             "flux RSS",
		"feed.json":            "JSON Feed",
		"feed.ics":             "agenda (iCalendar)",
		"feed.partner":         "flux RSS de",
		"newWindow":            "nouvelle fenêtre",
		"minutes":              "Relevés de décisions",
		"minutes.one":          "Relevé de décisions",
		"minutes.none":         "Aucun relevé publié pour le moment.",
		"minutes.latest":       "Derniers relevés",
		"minutes.prev":         "Réunion précédente",
		"minutes.next":         "Réunion suivante",
		"minutes.all":          "Tous les relevés",
		"minutes.toc":          "Sommaire",
		"minutes.news":         "Actualités des partenaires",
		"minutes.agenda":       "Agenda",
		"minutes.decisions":    "Décisions",
		"minutes.noNews":       "Aucune actualité rapportée lors de cette réunion.",
		"minutes.noEvents":     "Aucun évènement annoncé lors de cette réunion.",
		"news":                 "Actualités",
		"news.latest":          "Dernières actualités",
		"news.none":            "Aucune actualité pour le moment.",
		"news.all":             "Toutes les actualités",
		"news.reportedAt":      "Rapportée lors de la",
		"partners":             "Partenaires",
		"partners.none":        "Aucun partenaire pour le moment.",
		"partner.news":         "Actualités",
		"partner.noNews":       "Pas encore d'actualité publiée.",
		"partner.upcoming":     "Évènements à venir",
		"partner.past":         "Évènements passés",
		"partner.noUpcoming":   "Aucun évènement à venir.",
		"partner.website":      "Site internet",
		"event.when":           "Date",
		"event.where":          "Lieu",
		"event.online":         "En ligne",
		"event.join":           "Lien de connexion",
		"event.organizer":      "Organisation",
		"event.partners":       "Partenaires associés",
		"event.registration":   "Inscription",
		"event.register":       "S'inscrire",
		"event.before":         "avant le",
		"event.closed":         "Inscriptions closes",
		"event.announced":      "Annoncé lors de la",
		"event.cancelled":      "Annulé",
		"event.postponed":      "Reporté",
		"event.ended":          "Terminé",
		"published":            "Publié le",
		"page":                 "Page",
		"pages.prev":           "Page précédente",
		"pages.next":           "Page suivante",
		"pages.nav":            "Pagination",
		"siteplan":             "Plan du site",
		"footer.nav":           "Pied de page",
		"a11y.label":           "Accessibilité",
		"a11y.default":         "non conforme",
		"notfound":             "Page introuvable",
		"notfound.text":        "La page demandée n'existe pas ou a été déplacée.",
		"notfound.back":        "Revenir à l'accueil",
		"breadcrumb":           "Fil d'Ariane",
		"readMore":             "Lire la suite",
		"meeting":              "réunion du",
		"of":                   "de",
		"count.news":           "actualité|actualités",
		"count.events":         "évènement|évènements",
	},
}

// wordsFor returns the words of a BCP 47 language ("fr-FR" uses "fr"), in
// French when the language has none.
func wordsFor(lang string) map[string]string {
	base, _, _ := strings.Cut(strings.ToLower(lang), "-")
	if w, ok := words[base]; ok {
		return w
	}
	return words["fr"]
}
