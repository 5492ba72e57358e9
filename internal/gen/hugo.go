package gen

import "strings"

// The Hugo version of the site: the same content files under hugo/content/
// (events, news and minutes at the same paths, so that the relative links of
// the bodies hold; partners as the term pages of a "partners" taxonomy; free
// pages at the top), a config, and minimal templates that still show what a
// reader needs: titles, dates, bodies, paginated lists, partner pages, RSS.

// hugoContent adds a file under hugo/content/.
func (g *generator) hugoContent(p string, fs fields, f format, body string) {
	g.files["hugo/content/"+p] = []byte(frontMatter(fs, f) + body)
}

// hugoDate writes a relais date as Hugo reads it: "2021-10-19", or
// "2021-10-19T09:00:00" read in the configured time zone.
func hugoDate(s string) stamp {
	if strings.Contains(s, "T") {
		s += ":00"
	}
	return stamp{s, true}
}

func hugoEventFields(e *event) fields {
	fs := whereAndWhen(e, "date", hugoDate)
	if e.organizerText != "" {
		fs.add("organizer", e.organizerText)
	}
	var terms []*partner
	if e.organizer != nil {
		terms = append(terms, e.organizer)
	}
	terms = append(terms, e.partners...)
	if len(terms) > 0 {
		fs.add("partners", partnerSlugs(terms))
	}
	if e.regURL != "" {
		reg := fields{{"url", e.regURL}}
		if e.deadline != "" {
			reg.add("deadline", hugoDate(e.deadline))
		}
		fs.add("registration", reg)
	}
	if e.status != "" {
		fs.add("status", e.status)
	}
	if e.minutes != nil {
		fs.add("minutes", e.minutes.id)
	}
	return fs
}

// hugoSite adds the config, the section pages and the templates.
func (g *generator) hugoSite() {
	g.files["hugo/hugo.toml"] = []byte(hugoConfig)
	for _, s := range []struct{ dir, title string }{
		{"events", "Agenda"}, {"news", "Actualités"}, {"minutes", "Relevés de décisions"}, {"partners", "Partenaires"},
	} {
		g.hugoContent(s.dir+"/_index.md", fields{{"title", s.title}}, yamlFormat, "")
	}
	for name, text := range hugoLayouts {
		g.files["hugo/layouts/"+name] = []byte(text)
	}
}

const hugoConfig = `baseURL = "` + baseURL + `/"
languageCode = "fr"
defaultContentLanguage = "fr"
title = "` + siteTitle + `"
timeZone = "Europe/Paris"
buildFuture = true
paginate = 20
rssLimit = 50
disableKinds = []

[params]
description = "` + siteDescription + `"

[taxonomies]
partner = "partners"

[outputs]
home = ["HTML", "RSS"]
section = ["HTML"]
taxonomy = ["HTML"]
term = ["HTML", "RSS"]
`

// hugoLayouts are the Hugo templates, by path under layouts/. A map is fine
// here: Write sorts the paths, and each entry is its own file.
var hugoLayouts = map[string]string{
	"_default/baseof.html": `<!DOCTYPE html>
<html lang="{{ site.LanguageCode }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if not .IsHome }}{{ .Title }} – {{ end }}{{ site.Title }}</title>
<meta name="description" content="{{ with .Description }}{{ . }}{{ else }}{{ with .Summary }}{{ . | plainify | htmlUnescape | truncate 200 }}{{ else }}{{ site.Params.description }}{{ end }}{{ end }}">
<link rel="canonical" href="{{ .Permalink }}">
{{ range .AlternativeOutputFormats }}<link rel="{{ .Rel }}" type="{{ .MediaType.Type }}" href="{{ .Permalink }}" title="{{ site.Title }}">
{{ end -}}
</head>
<body>
<header>
<p><a href="{{ "/" | relURL }}">{{ site.Title }}</a></p>
<nav aria-label="Menu principal"><ul>
<li><a href="{{ "/events/" | relURL }}">Agenda</a></li>
<li><a href="{{ "/minutes/" | relURL }}">Relevés de décisions</a></li>
<li><a href="{{ "/news/" | relURL }}">Actualités</a></li>
<li><a href="{{ "/partners/" | relURL }}">Partenaires</a></li>
{{ range site.Menus.main }}<li><a href="{{ .URL }}">{{ .Name }}</a></li>
{{ end -}}
</ul></nav>
</header>
<main>
{{ block "main" . }}{{ end }}
</main>
<footer><ul>
{{ range site.Menus.footer }}<li><a href="{{ .URL }}">{{ .Name }}</a></li>
{{ end -}}
</ul></footer>
</body>
</html>
`,
	"_default/single.html": `{{ define "main" }}
<article>
<h1>{{ .Title }}</h1>
{{ if eq .Section "events" -}}
{{ with .Params.status }}<p><strong>{{ if eq . "cancelled" }}Annulé{{ else if eq . "postponed" }}Reporté{{ end }}</strong></p>{{ end }}
<p>{{ .Date | time.Format ":date_full" }}{{ if ne (.Date.Format "15:04") "00:00" }} à {{ .Date.Format "15 h 04" }}{{ end }}
{{- with .Params.end }} – {{ time.Format ":date_full" . }}{{ end }}</p>
{{ with .Params.slots }}<ul>{{ range . }}<li>{{ time.Format "15 h 04" .start }} – {{ time.Format "15 h 04" .end }}</li>{{ end }}</ul>{{ end }}
{{ with .Params.location }}<p>Lieu : {{ . }}</p>{{ end }}
{{ with .Params.online }}<p><a href="{{ . }}">Rejoindre en ligne</a></p>{{ end }}
{{ with .Params.organizer }}<p>Organisé par {{ . }}</p>{{ end }}
{{ with .Params.registration }}<p><a href="{{ .url }}">S'inscrire</a>{{ with .deadline }} avant le {{ time.Format ":date_long" . }}{{ end }}</p>{{ end }}
{{- else if .Params.place -}}
<p><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date | time.Format ":date_long" }}</time>, {{ .Params.place }}</p>
{{- else -}}
<p><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date | time.Format ":date_long" }}</time></p>
{{- end }}
{{ with .GetTerms "partners" }}<p>Partenaires : {{ range $i, $p := . }}{{ if $i }}, {{ end }}<a href="{{ $p.RelPermalink }}">{{ $p.LinkTitle }}</a>{{ end }}</p>{{ end }}
{{ .Content }}
{{ with .Params.minutes }}{{ with site.GetPage (printf "/minutes/%s" .) }}<p>Annoncé lors de la <a href="{{ .RelPermalink }}">{{ .Title }}</a>.</p>{{ end }}{{ end }}
</article>
{{ end }}
`,
	"_default/list.html": `{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ .Content }}
{{ $pager := .Paginate .Pages }}
<ul>
{{ range $pager.Pages }}<li><h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>
<p><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date | time.Format ":date_long" }}</time></p>
<p>{{ .Summary | plainify | htmlUnescape | truncate 200 }}</p></li>
{{ end -}}
</ul>
{{ template "_internal/pagination.html" . }}
{{ end }}
`,
	"_default/taxonomy.html": `{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul>
{{ range .Pages.ByTitle }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> ({{ len .Pages }})</li>
{{ end -}}
</ul>
{{ end }}
`,
	"_default/term.html": `{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ with .Params.short }}<p>{{ . }}</p>{{ end }}
{{ .Content }}
{{ $pager := .Paginate .Pages }}
<h2>Actualités et évènements</h2>
<ul>
{{ range $pager.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>, <time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date | time.Format ":date_long" }}</time></li>
{{ end -}}
</ul>
{{ template "_internal/pagination.html" . }}
{{ end }}
`,
	"index.html": `{{ define "main" }}
<h1>{{ site.Title }}</h1>
{{ .Content }}
<h2>Dernières actualités</h2>
<ul>
{{ range first 10 (where site.RegularPages "Section" "news") }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>, {{ .Date | time.Format ":date_long" }}</li>
{{ end -}}
</ul>
<h2>Derniers relevés de décisions</h2>
<ul>
{{ range first 5 (where site.RegularPages "Section" "minutes") }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
{{ end -}}
</ul>
{{ end }}
`,
	"404.html": `{{ define "main" }}
<h1>Page introuvable</h1>
<p>La page demandée n'existe pas. <a href="{{ "/" | relURL }}">Retour à l'accueil</a>.</p>
{{ end }}
`,
	// Links to other content files by their path, as relais resolves them;
	// a missing file fails the build, as it does with relais.
	"_default/_markup/render-link.html": `{{- $u := urls.Parse .Destination -}}
{{- $href := .Destination -}}
{{- if and (not $u.IsAbs) (strings.HasSuffix $u.Path ".md") -}}
{{- $target := path.Join "/" .Page.File.Dir $u.Path -}}
{{- with site.GetPage $target }}{{ $href = .RelPermalink }}{{ else }}{{ errorf "%s: link to %s: no such content file" $.Page.File.Path $target }}{{ end -}}
{{- end -}}
<a href="{{ $href }}"{{ with .Title }} title="{{ . }}"{{ end }}{{ if $u.IsAbs }} rel="external"{{ end }}>{{ .Text | safeHTML }}</a>
{{- /* no trailing newline */ -}}
`,
}
