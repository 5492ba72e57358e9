// Package e2e holds the end-to-end tests of relais: they build the example
// site (content/ at the root of the repository) and every test site under
// testdata/sites/, then check what a visitor, a browser and a feed reader get.
//
// The checks, each over the whole output of a site:
//
//   - HTML: the Nu Html Checker (vnu.jar, run with java) reports no error on
//     any page;
//   - accessibility: axe-core, injected in headless Chromium into every page
//     (the browser's clock set to the build's now), finds no serious or
//     critical violation of the WCAG 2.1 A and AA rules;
//   - keyboard: on one page of each kind, Tab from the top of the page
//     reaches every link of the main navigation, each with a visible focus;
//   - feeds and calendars: every feed (RSS, Atom, JSON Feed) parses with
//     gofeed and its links resolve; every .ics file goes through
//     parseCalendar (feeds_test.go), the hook for an iCalendar parser;
//   - links: every internal link and asset reference resolves to a file of
//     the output, and every #fragment to an id of its page; a site whose
//     base URL has a path (testdata/sites/sous-dossier.txtar) must link
//     under it, and the 404 page, which hosts serve at any address, must
//     not use relative links;
//   - a site whose base URL has a path is served under that path (missing
//     files get its 404.html, as Netlify and GitHub Pages do), and the
//     browser checks that its stylesheets and agenda script load there;
//   - screenshots of the home, agenda, one event and one minutes page at
//     360 and 1280 pixels wide, in .e2e-screenshots/<site>/ at the root of
//     the repository (git ignores it), for a person to look at.
//   - newsletter (mail_test.go): every relevé's mail, as relais newsletter
//     writes it, parses without defect with Python's email package and
//     with mailparser (tools/checkmail.mjs), both parts as relais wrote
//     them, every link absolute; its HTML part passes doiuse-email for
//     Gmail, Outlook and Apple Mail but for a short allow-list; screenshots
//     of the example's in .e2e-screenshots/newsletter/. Its web view,
//     releves/<id>/lettre/, is a page like the others.
//
// The link and feed checks need nothing but Go. The others need Chromium, a
// Java runtime, python3 and the npm packages of tools/; .ci/run installs them all:
//
//	apt-get install chromium
//	(cd internal/e2e/tools && npm ci --ignore-scripts)
//
// Without them `go test ./...` skips TestE2E with one line saying what to
// install; with RELAIS_E2E=1 in the environment a missing tool is a failure.
// Each run writes a summary (pages, HTML errors, violations, feeds,
// calendars, links) to .e2e-screenshots/summary.txt, which .ci/run prints
// at the end.
//
// The package has no code of its own outside its tests.
package e2e
