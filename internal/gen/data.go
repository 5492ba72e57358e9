package gen

// Names of the network: kinds of partner, towns of Loir-et-Cher and around,
// meeting titles, topics.

var partnerKinds = []struct{ name, short string }{
	{"Mission locale", "ML"},
	{"Centre d'information et d'orientation", "CIO"},
	{"Point information jeunesse", "PIJ"},
	{"Cap emploi", "Cap emploi"},
	{"Agence France Travail", "FT"},
	{"Lycée professionnel", "LP"},
	{"Centre de formation d'apprentis", "CFA"},
	{"Maison de l'emploi", "MDE"},
	{"Chambre de métiers", "CMA"},
	{"École de la deuxième chance", "E2C"},
	{"Centre social", "CS"},
	{"Bureau information jeunesse", "BIJ"},
	{"Espace métiers", "EM"},
	{"Service jeunesse", "SJ"},
	{"Maison France services", "MFS"},
}

var places = []string{
	"Blois", "Vendôme", "Romorantin-Lanthenay", "Montoire-sur-le-Loir", "Salbris", "Mer", "Contres",
	"Saint-Aignan", "Montrichard", "Selles-sur-Cher", "Lamotte-Beuvron", "Mondoubleau", "Onzain",
	"Vineuil", "Chartres", "Dreux", "Orléans", "Tours", "Châteauroux", "Bourges", "Vierzon", "Amboise",
	"Chinon", "Pithiviers", "Gien", "Montargis", "Issoudun", "Loches", "Châteaudun", "Nogent-le-Rotrou",
}

var venues = []string{
	"Salle des fêtes", "Médiathèque", "Lycée professionnel", "Maison des associations", "Espace culturel",
	"Centre de congrès", "Hôtel de ville", "Gymnase municipal", "Campus des métiers", "Salle polyvalente",
}

var organizers = []string{
	"Lycée Val de Cher", "Conseil départemental de Loir-et-Cher", "Région Centre-Val de Loire",
	"Rectorat de l'académie d'Orléans-Tours", "Communauté d'agglomération de Blois", "Association Jeunesse et Avenir",
	"Collège Louis Pasteur", "Université de Tours", "Ordre des infirmiers",
}

var minutesTitles = []string{
	"Réunion départementale SPRO 41", "Réunion départementale SPRO 41", "Réunion départementale SPRO 41",
	"Réunion plénière du SPRO 41", "Comité technique du SPRO 41", "Réunion de bassin du SPRO 41",
}

var minutesPlaces = []string{"Blois", "Vendôme", "Romorantin-Lanthenay", "à distance", "à distance", "Mer", ""}

var topics = []string{
	"la découverte des métiers de l'industrie", "la garantie jeunes", "les métiers du numérique",
	"l'apprentissage", "le conseil en évolution professionnelle", "la semaine de l'orientation",
	"le salon de l'alternance", "les métiers du soin", "la mobilité internationale", "le service civique",
	"la validation des acquis de l'expérience", "les métiers de l'agriculture", "la création d'entreprise",
	"l'égalité entre les filles et les garçons", "les formations du bâtiment", "le décrochage scolaire",
	"les métiers de l'aide à domicile", "l'orientation après la troisième", "Parcoursup",
	"la reconversion des salariés", "les métiers du transport et de la logistique", "le compte personnel de formation",
	"l'accueil des personnes en situation de handicap", "les métiers de l'hôtellerie et de la restauration",
	"la préparation aux entretiens", "les stages de troisième", "le permis de conduire", "les métiers verts",
	"la formation des demandeurs d'emploi", "l'insertion par l'activité économique",
}

var arrivals = []string{
	"une nouvelle directrice", "un nouveau directeur", "deux nouvelles conseillères", "un nouveau conseiller",
	"une chargée de projet", "un volontaire en service civique", "une nouvelle équipe",
}

var registrationSites = []string{
	"https://www.helloasso.com/associations/spro41/evenements/",
	"https://framaforms.org/",
	"https://inscriptions.spro41.example.org/",
	"https://www.billetweb.fr/",
}

// freePages are the pages every site of the kind has; their text is fixed.
var freePages = []struct {
	slug, title, menu string
	weight            int
	body              string
}{
	{"a-propos", "À propos", "main", 1, `Le Service public régional de l'orientation (SPRO) de Loir-et-Cher réunit les structures qui accueillent, informent, conseillent et accompagnent les jeunes et les adultes dans leurs choix d'orientation, de formation et d'emploi.

## Qui sommes-nous ?

Le réseau rassemble les missions locales, les centres d'information et d'orientation, le réseau information jeunesse, Cap emploi, France Travail, les chambres consulaires, les établissements de formation et de nombreuses associations du département.

## Ce que vous trouverez ici

- l'agenda des évènements proposés par les partenaires ;
- les actualités de chaque partenaire ;
- les relevés de décisions des réunions départementales.

## Nous contacter

Pour toute question sur le réseau, adressez-vous au partenaire le plus proche de chez vous : la liste des partenaires donne leurs coordonnées.
`},
	{"mentions-legales", "Mentions légales", "footer", 1, `## Éditeur du site

Ce site est édité par la coordination départementale du SPRO 41, pour le compte des partenaires du réseau.

## Directeur de la publication

Le directeur de la publication est le coordonnateur départemental du SPRO 41.

## Hébergement

Le site est hébergé par un hébergeur de sites statiques ; aucune donnée personnelle n'est collectée lors de sa consultation.

## Propriété intellectuelle

Les textes publiés sur ce site sont la propriété de leurs auteurs. Toute reproduction doit mentionner la source.

## Données personnelles

Le site ne dépose aucun cookie et ne fait appel à aucun service de mesure d'audience. Les formulaires d'inscription vers lesquels il renvoie relèvent de la responsabilité des organisateurs des évènements.
`},
	{"accessibilite", "Déclaration d'accessibilité", "footer", 2, `La coordination du SPRO 41 s'engage à rendre son site internet accessible, conformément à l'article 47 de la loi n° 2005-102 du 11 février 2005.

## État de conformité

Le site du SPRO 41 est **non conforme** avec le référentiel général d'amélioration de l'accessibilité (RGAA), version 4.1 : il n'a encore fait l'objet d'aucun audit de conformité.

## Ce qui a déjà été fait

- les pages sont écrites en HTML sémantique : titres hiérarchisés, listes, zones de navigation identifiées ;
- le site offre deux moyens de navigation : un menu et un plan du site ;
- toutes les pages sont vérifiées automatiquement à chaque publication.

## Voies de recours

Si vous avez signalé un défaut d'accessibilité sans obtenir de réponse satisfaisante, vous pouvez écrire au Défenseur des droits grâce au [formulaire en ligne](https://formulaire.defenseurdesdroits.fr/).
`},
}
