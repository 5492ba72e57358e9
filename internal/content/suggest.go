package content

import "strings"

// frenchKeys maps the French words editors naturally type to the contract's keys.
var frenchKeys = map[string]string{
	"titre": "title", "partenaire": "partner", "partenaires": "partners", "lieu": "location",
	"debut": "start", "début": "start", "fin": "end", "organisateur": "organizer",
	"inscription": "registration", "statut": "status", "releve": "minutes", "relevé": "minutes",
	"brouillon": "draft", "poids": "weight", "site": "website", "en_ligne": "online",
	"creneaux": "slots", "créneaux": "slots", "langue": "language", "fuseau": "timezone",
	"resume": "description", "résumé": "description", "url": "website", "lien": "website",
	"date_limite": "deadline", "organiser": "organizer", "location_url": "online",
}

// suggestKey returns the known key closest to the unknown key k, or "".
func suggestKey(k string, known []string) string {
	if fk, ok := frenchKeys[strings.ToLower(k)]; ok && contains(known, fk) {
		return fk
	}
	return nearest(strings.ToLower(k), known)
}

// Nearest returns the candidate closest to s in edit distance, when it is close
// enough to be a plausible typo, or "".
func Nearest(s string, candidates []string) string { return nearest(s, candidates) }

func nearest(s string, candidates []string) string {
	best, bestDist := "", 0
	for _, c := range candidates {
		d := distance(s, c)
		if best == "" || d < bestDist {
			best, bestDist = c, d
		}
	}
	limit := 2
	if n := len([]rune(s)); n <= 4 {
		limit = 1
	} else if n >= 10 {
		limit = 3
	}
	if best == "" || bestDist > limit {
		return ""
	}
	return best
}

// distance is the Levenshtein distance between a and b, in runes.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
