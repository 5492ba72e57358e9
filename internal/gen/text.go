package gen

import (
	"math/rand/v2"
	"strings"
)

// The word banks below make French sentences about career guidance that read
// plausibly: every subject is singular, so any subject goes with any verb.

var subjects = []string{
	"Le réseau", "La coordination départementale", "La mission locale", "Le centre d'information et d'orientation",
	"Chaque partenaire", "L'équipe de conseillers", "Le groupe de travail", "Le point information jeunesse",
	"La chambre de métiers et de l'artisanat", "Le service public de l'emploi", "L'établissement",
	"Le comité de pilotage", "La région Centre-Val de Loire", "Le conseil départemental", "L'agence locale",
	"Le centre de formation d'apprentis", "La maison de l'emploi", "Le lycée professionnel",
	"L'école de la deuxième chance", "Le bureau information jeunesse",
}

var verbs = []string{
	"propose", "organise", "présente", "met en place", "renforce", "anime", "prépare", "coordonne",
	"poursuit", "relance", "développe", "accompagne", "soutient", "finance", "évalue", "ouvre",
	"reconduit", "élargit", "simplifie", "fait connaître",
}

var objects = []string{
	"des ateliers de découverte des métiers", "un temps d'échange entre professionnels",
	"un accompagnement individuel renforcé", "des permanences d'accueil sans rendez-vous",
	"une information collective sur l'apprentissage", "des visites d'entreprises du territoire",
	"un parcours de remobilisation", "des immersions en milieu professionnel",
	"une session de professionnalisation des conseillers", "des rencontres avec des employeurs qui recrutent",
	"un programme de préparation à l'alternance", "des stages de découverte pour les collégiens",
	"une plateforme de mise en relation", "un calendrier commun des actions",
	"un guide des formations du département", "des ateliers de rédaction de CV et de lettres de motivation",
	"un forum des métiers en tension", "des bilans de compétences", "le conseil en évolution professionnelle",
	"un dispositif d'aide à la mobilité",
}

var complements = []string{
	"à destination des jeunes de 16 à 25 ans", "pour les demandeurs d'emploi du bassin",
	"en lien avec les établissements scolaires", "auprès des publics les plus éloignés de l'emploi",
	"avec le soutien des collectivités locales", "dans les trois bassins du département",
	"pour les salariés en reconversion", "en partenariat avec les branches professionnelles",
	"au plus près des zones rurales", "pour les élèves de troisième et leurs familles",
	"à l'attention des personnes en situation de handicap", "avec les entreprises du territoire",
	"pour les jeunes sortis du système scolaire sans diplôme", "dans le cadre du plan régional",
	"auprès des lycéens de seconde", "en direction des parents",
}

var closings = []string{
	"", "", "", " afin de faciliter les parcours", " tout au long de l'année", " dès la rentrée prochaine",
	", en présentiel comme à distance", " pour la deuxième année consécutive", " sur l'ensemble du territoire",
	", ce qui répond à une demande forte des partenaires", " avant la fin du trimestre",
	", avec des résultats encourageants",
}

// standalone sentences break the rhythm of the generated ones.
var remarks = []string{
	"Les retours des participants sont très positifs.",
	"Le nombre d'inscrits a doublé par rapport à l'an dernier.",
	"Il reste quelques places disponibles.",
	"Les partenaires sont invités à relayer l'information auprès de leurs publics.",
	"Une difficulté particulière est signalée cette année pour mobiliser les jeunes concernés.",
	"Le bilan détaillé sera présenté lors de la prochaine réunion.",
	"Les modalités pratiques seront précisées dans les prochaines semaines.",
	"Cette action s'inscrit dans la continuité des travaux engagés l'an passé.",
	"La participation est gratuite et ouverte à tous.",
	"Un questionnaire de satisfaction sera envoyé à l'issue de la session.",
	"Les supports de présentation sont disponibles auprès de la coordination.",
	"La fréquentation reste stable malgré le contexte sanitaire.",
	"Les conseillers ont salué la qualité des échanges.",
	"Le calendrier pourra être ajusté selon les besoins des partenaires.",
}

var headings = []string{
	"Contexte", "Objectifs", "Public concerné", "Déroulement", "Modalités pratiques", "Bilan",
	"Prochaines étapes", "Pour aller plus loin", "Points de vigilance", "Calendrier", "Contacts utiles",
	"Les chiffres clés", "Ce qui change", "Témoignages", "Ressources",
}

var bullets = []string{
	"accueil et information de premier niveau", "présentation des filières de formation",
	"entretiens individuels sur rendez-vous", "visite des plateaux techniques",
	"rencontre avec des apprentis et leurs maîtres d'apprentissage", "atelier de simulation d'entretien",
	"découverte des outils numériques d'orientation", "point sur les aides financières",
	"échanges avec les familles", "présentation des métiers qui recrutent",
	"temps de travail en petits groupes", "restitution collective en fin de journée",
	"mise à disposition de documentation", "inscription aux prochaines sessions",
	"questions diverses", "évaluation de l'action par les participants",
}

var decisions = []string{
	"le groupe de travail « évaluation » se réunira avant la fin du mois",
	"la coordination diffusera le calendrier commun aux partenaires",
	"chaque partenaire désigne un référent pour le projet",
	"la prochaine réunion se tiendra à distance",
	"le compte rendu de l'action sera joint à l'envoi de ce relevé",
	"une information sera faite aux établissements scolaires du bassin",
	"les partenaires transmettent leurs actualités deux semaines avant la réunion",
	"la programmation de l'année suivante sera arrêtée à la prochaine séance",
	"un annuaire des contacts du réseau sera mis à jour",
	"une journée de professionnalisation sera proposée aux conseillers",
}

var externalLinks = []struct{ text, url string }{
	{"le site de l'Onisep", "https://www.onisep.fr/"},
	{"le portail de l'orientation de la région", "https://www.etoile.regioncentre.fr/"},
	{"le site du service public", "https://www.service-public.fr/particuliers/vosdroits/N31136"},
	{"le portail de l'alternance", "https://www.alternance.emploi.gouv.fr/"},
	{"la plateforme Mon compte formation", "https://www.moncompteformation.gouv.fr/"},
	{"le site de France Travail", "https://www.francetravail.fr/"},
	{"le site de l'Agefiph", "https://www.agefiph.fr/"},
	{"le portail Parcoursup", "https://www.parcoursup.fr/"},
}

// pick returns a random element of list.
func pick[T any](r *rand.Rand, list []T) T { return list[r.IntN(len(list))] }

// sentence returns one generated sentence.
func sentence(r *rand.Rand) string {
	if r.IntN(6) == 0 {
		return pick(r, remarks)
	}
	return pick(r, subjects) + " " + pick(r, verbs) + " " + pick(r, objects) + " " + pick(r, complements) + pick(r, closings) + "."
}

// paragraph returns n sentences, and adds their word count to *words.
func paragraph(r *rand.Rand, n int, words *int) string {
	s := make([]string, n)
	for i := range s {
		s[i] = sentence(r)
		*words += strings.Count(s[i], " ") + 1
	}
	return strings.Join(s, " ")
}

// link is a Markdown link that a body may hold.
type link struct{ text, dest string }

// body writes a French body of about target words: an introduction, then
// sections with a heading, paragraphs and sometimes a bullet list. The links
// are spread over the paragraphs; extra, when not empty, closes the body.
func body(r *rand.Rand, target int, links []link, extra string) string {
	var b strings.Builder
	words := 0
	b.WriteString(paragraph(r, 2+r.IntN(3), &words))
	b.WriteString("\n\n")
	hs := r.Perm(len(headings))
	for i := 0; words < target; i++ {
		if i < len(hs) && (i == 0 || r.IntN(3) > 0) {
			b.WriteString("## ")
			b.WriteString(headings[hs[i]])
			b.WriteString("\n\n")
		}
		b.WriteString(paragraph(r, 2+r.IntN(4), &words))
		if len(links) > 0 {
			l := links[0]
			links = links[1:]
			b.WriteString(" Voir aussi [" + l.text + "](" + l.dest + ").")
		}
		b.WriteString("\n\n")
		if r.IntN(3) == 0 {
			n := 3 + r.IntN(3)
			for k, j := range r.Perm(len(bullets))[:n] {
				end := " ;\n"
				if k == n-1 {
					end = ".\n"
				}
				b.WriteString("- " + bullets[j] + end)
				words += strings.Count(bullets[j], " ") + 1
			}
			b.WriteString("\n")
		}
	}
	for _, l := range links {
		b.WriteString("Voir aussi [" + l.text + "](" + l.dest + ").\n\n")
	}
	if r.IntN(3) == 0 {
		l := pick(r, externalLinks)
		b.WriteString("Plus d'informations sur [" + l.text + "](" + l.url + ").\n\n")
	}
	if extra != "" {
		b.WriteString(extra)
		b.WriteString("\n\n")
	}
	return strings.TrimRight(b.String(), "\n") + "\n"
}

// slugify makes a URL slug of a French title: lower case, accents dropped,
// words joined by dashes, at most 60 bytes.
func slugify(s string) string {
	var b strings.Builder
	dash := false
	for _, c := range strings.ToLower(s) {
		if f, ok := folded[c]; ok {
			c = f
		}
		switch {
		case c == 'œ':
			b.WriteString("oe")
			dash = false
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
			b.WriteRune(c)
			dash = false
		default:
			if !dash && b.Len() > 0 {
				b.WriteByte('-')
				dash = true
			}
		}
	}
	out := strings.Trim(b.String(), "-")
	if len(out) > 60 {
		out = out[:60]
		if i := strings.LastIndexByte(out, '-'); i > 30 {
			out = out[:i]
		}
		out = strings.Trim(out, "-")
	}
	return out
}

var folded = map[rune]rune{
	'à': 'a', 'â': 'a', 'ä': 'a', 'ç': 'c', 'é': 'e', 'è': 'e', 'ê': 'e', 'ë': 'e',
	'î': 'i', 'ï': 'i', 'ô': 'o', 'ö': 'o', 'ù': 'u', 'û': 'u', 'ü': 'u', 'ÿ': 'y',
}
