// The search page (/recherche/): results as the reader types, from the
// index relais writes at build time (internal/search). It fetches nothing
// until the field is used, then only the manifest, the shards of the typed
// words and what the shown results need. No dependencies, no inline script,
// no eval. Its folding and word splitting mirror internal/search/token.go.
(function () {
  "use strict";
  var form = document.getElementById("recherche");
  if (!form || !window.fetch || !window.URLSearchParams || !("normalize" in String.prototype)) {
    return;
  }
  var base = form.getAttribute("data-index");
  var input = form.elements.q;
  var kindSelect = form.elements.type;
  var partnerSelect = form.elements.partenaire;
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var more = document.getElementById("search-more");
  var PAGE = 10;
  var manifest = null;
  var files = {}; // url → promise of its JSON
  var results = [];
  var shown = 0;
  var generation = 0;
  var timer = 0;
  var words = { one: "", many: "" };
  var count = form.getAttribute("data-count").split("|");
  words.one = count[0];
  words.many = count[1] || count[0];

  document.getElementById("search-fallback").hidden = true;
  form.hidden = false;

  // Folding and words, as internal/search/token.go.
  var special = { "æ": "ae", "œ": "oe", "ß": "ss", "ø": "o", "đ": "d", "ł": "l", "ı": "i" };
  var elided = { l: 1, d: 1, j: 1, m: 1, n: 1, s: 1, t: 1, c: 1, qu: 1, jusqu: 1, lorsqu: 1, puisqu: 1, quoiqu: 1 };
  function fold(s) {
    return s.toLowerCase().replace(/[æœßøđłı]/g, function (c) { return special[c]; })
      .normalize("NFD").replace(/\p{Mn}/gu, "");
  }
  var wordRe = /[\p{L}\p{Nd}\p{Mn}]+/gu; // Go's unicode.IsLetter, IsDigit and Mn
  // tokens returns the words of text: {w: folded, i: start, j: end}.
  function tokens(text) {
    var out = [];
    var m;
    wordRe.lastIndex = 0;
    while ((m = wordRe.exec(text)) !== null) {
      var end = m.index + m[0].length;
      var w = fold(m[0]);
      if ((text[end] === "'" || text[end] === "’") && /\p{L}/u.test(text.charAt(end + 1)) && elided[w]) {
        continue;
      }
      if (Array.from(w).length > 1 || /^[0-9]$/.test(w)) {
        out.push({ w: w, i: m.index, j: end });
      }
    }
    return out;
  }

  function json(url) {
    if (!files[url]) {
      files[url] = fetch(url).then(function (r) {
        if (!r.ok) {
          throw new Error(url + ": " + r.status);
        }
        return r.json();
      });
      files[url].catch(function () { delete files[url]; });
    }
    return files[url];
  }
  function loadManifest() {
    if (!manifest) {
      manifest = json(base + "index.json?v=" + form.getAttribute("data-version")).then(function (m) {
        m.stopSet = {};
        m.stop.forEach(function (w) { m.stopSet[w] = true; });
        return m;
      });
      manifest.catch(function () { manifest = null; });
    }
    return manifest;
  }
  function versioned(m, path) { return base + path + "?v=" + m.v; }
  // shardOf returns the index of the shard holding word w.
  function shardOf(m, w) {
    var lo = 0, hi = m.shards.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (m.shards[mid] <= w) { lo = mid; } else { hi = mid - 1; }
    }
    return lo;
  }
  // shards fetches the shards of the words from lo to hi (inclusive).
  function shards(m, lo, hi) {
    var a = shardOf(m, lo), b = shardOf(m, hi), out = [];
    for (var i = a; i <= b; i++) {
      out.push(json(versioned(m, "s/" + i + ".json")));
    }
    return Promise.all(out);
  }

  // A word's level in a document is two characters of the index, digits
  // of base LEVEL_BASE from "0" to "~" without the backslash; IN_TITLE is
  // added when it is in the title. As internal/search/index.go and query.go.
  var LEVEL_BASE = 78, IN_TITLE = 65536;
  function digit(c) {
    return c - 48 - (c > 92 ? 1 : 0);
  }
  function levelAt(levels, i) {
    return digit(levels.charCodeAt(2 * i)) * LEVEL_BASE + digit(levels.charCodeAt(2 * i + 1));
  }
  // idf is the rarity of a word found in n of the all documents, as BM25's,
  // in tenths: as internal/search/query.go.
  function idf(all, n) {
    return Math.round(10 * Math.log(1 + (all - n + 0.5) / (n + 0.5)));
  }

  // oneTypo reports whether a and b differ by one letter missing, added,
  // changed, or two neighbours swapped.
  function oneTypo(a, b) {
    if (a === b || Math.abs(a.length - b.length) > 1) {
      return false;
    }
    var i = 0;
    while (i < a.length && a[i] === b[i]) { i++; }
    if (a.length === b.length) {
      return a.slice(i + 1) === b.slice(i + 1) ||
        (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2));
    }
    return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
  }

  // match finds the documents of one query word in the loaded shards:
  // a map from document id to the word's level in it (two characters of
  // the index), plus IN_TITLE when in its title, the highest of its words;
  // and the words of the site it matched, for the excerpts.
  function match(entries, q, test) {
    var docs = new Map();
    var surfaces = [];
    var seen = {}; // a stem is in the shard of each of its words
    entries.forEach(function (shard) {
      Object.keys(shard).forEach(function (stem) {
        var e = shard[stem];
        if (!e[0].some(function (w) { return test(w, q); })) {
          return;
        }
        if (seen[stem]) {
          return;
        }
        seen[stem] = true;
        surfaces.push.apply(surfaces, e[0]);
        [IN_TITLE, 0].forEach(function (title, k) {
          var id = 0;
          e[k + 1].forEach(function (d, i) {
            id += d;
            var weight = title + levelAt(e[k + 3], i);
            if ((docs.get(id) || 0) < weight) {
              docs.set(id, weight);
            }
          });
        });
      });
    });
    return { docs: docs, surfaces: surfaces };
  }

  // find returns the ranked ids of the documents that have every word of
  // the query, and the words they matched.
  function find(m, query) {
    var ws = tokens(query).map(function (t) { return t.w; })
      .filter(function (w) { return !m.stopSet[w]; });
    if (ws.length === 0) {
      return Promise.resolve({ ids: [], surfaces: [] });
    }
    // The last word, while it is being typed, matches the words it begins.
    var typing = !/[\s\p{P}]$/u.test(query);
    return Promise.all(ws.map(function (w, n) {
      var prefix = typing && n === ws.length - 1 && w.length >= 3;
      return shards(m, w, prefix ? w + "\uffff" : w).then(function (loaded) {
        var found = match(loaded, w, prefix ? function (s, q) { return s.lastIndexOf(q, 0) === 0; } : function (s, q) { return s === q; });
        found.exact = new Map(found.docs);
        if (w.length < 5 || found.docs.size >= 5) {
          return found;
        }
        // Few documents: tolerate a typing mistake after the third letter.
        var head = w.slice(0, 3);
        return shards(m, head, head + "\uffff").then(function (near) {
          var typo = match(near, w, oneTypo);
          typo.docs.forEach(function (weight, id) {
            if (!found.docs.has(id)) {
              found.docs.set(id, weight);
            }
          });
          found.surfaces = found.surfaces.concat(typo.surfaces);
          return found;
        });
      });
    })).then(function (perWord) {
      var first = perWord[0].docs;
      var rarity = perWord.map(function (p) { return idf(m.n, p.docs.size); });
      var ids = [];
      var rank = {};
      first.forEach(function (_, id) {
        var r = { title: 0, exact: 0, relevance: 0 };
        for (var k = 0; k < perWord.length; k++) {
          var weight = perWord[k].docs.get(id);
          if (!weight) {
            return;
          }
          if (weight >= IN_TITLE) { r.title++; }
          if (perWord[k].exact.has(id)) { r.exact++; }
          r.relevance += rarity[k] * (weight % IN_TITLE);
        }
        ids.push(id);
        rank[id] = r;
      });
      // Pages with every word in their title first, then those found with
      // fewer typing mistakes, then the most relevant (BM25), then the
      // index's order: upcoming events, then the newest.
      ids.sort(function (a, b) {
        var x = rank[a], y = rank[b];
        return (y.title === ws.length) - (x.title === ws.length) || y.exact - x.exact ||
          y.relevance - x.relevance || a - b;
      });
      var surfaces = [];
      perWord.forEach(function (p) { surfaces = surfaces.concat(p.surfaces); });
      return { ids: ids, surfaces: surfaces, prefix: typing ? ws[ws.length - 1] : "" };
    });
  }

  function partnersOf(m, id) {
    var p = m.docPartners[id];
    return p === -1 ? [] : (typeof p === "number" ? [p] : p);
  }
  function filter(m, ids) {
    var kind = kindSelect.value;
    var partner = -1;
    for (var i = 0; i < m.partners.length; i++) {
      if (m.partners[i][0] === partnerSelect.value) { partner = i; }
    }
    return ids.filter(function (id) {
      return (!kind || m.kinds[id] === kind) &&
        (partner < 0 || partnersOf(m, id).indexOf(partner) >= 0);
    });
  }

  function say(text) { status.textContent = text; }
  // busy marks the results as being updated, from the first key typed.
  function busy(b) { list.setAttribute("aria-busy", b ? "true" : "false"); }
  function clear() {
    results = [];
    shown = 0;
    list.textContent = "";
    more.hidden = true;
  }

  function kindName(letter) {
    var o = kindSelect.querySelector('option[value="' + letter + '"]');
    return o ? o.getAttribute("data-label") : "";
  }

  // excerpt fills p with the passage of the result's page around the
  // first matched word, the matched words marked; from the text the index
  // gives for a long page (a partner's), else from the page, fetched.
  function excerpt(p, url, found, given) {
    var wanted = {};
    found.surfaces.forEach(function (w) { wanted[w] = true; });
    var isWanted = function (w) { return wanted[w] || (found.prefix && w.lastIndexOf(found.prefix, 0) === 0); };
    var clean = function (t) { return t.replace(/\s+/g, " ").trim(); };
    if (given) {
      passage(p, clean(given), isWanted, true);
      return;
    }
    fetch(url).then(function (r) { return r.ok ? r.text() : ""; }).then(function (html) {
      var doc = new DOMParser().parseFromString(html, "text/html");
      var main = doc.querySelector("main");
      if (!main) {
        return;
      }
      Array.prototype.forEach.call(main.querySelectorAll("h1, nav, script"), function (n) { n.remove(); });
      // A space after each block, so that paragraphs do not run together.
      Array.prototype.forEach.call(main.querySelectorAll("p, li, h2, h3, h4, h5, h6, dt, dd, td, th, div, br"), function (n) {
        n.appendChild(doc.createTextNode(" "));
      });
      // The body's text first, where a match reads best; else the page's.
      [main.querySelectorAll(".prose"), [main]].some(function (parts, k) {
        return passage(p, clean(Array.prototype.map.call(parts, function (n) { return n.textContent; }).join(" ")), isWanted, k === 1);
      });
    }).catch(function () {});
  }

  // passage fills p with thirty words of text around its first wanted
  // word, marked, and reports whether it found one; without one, it
  // fills p with the start of the text only when last.
  function passage(p, text, isWanted, last) {
    var ts = tokens(text), at = -1;
    for (var k = 0; k < ts.length && at < 0; k++) {
      if (isWanted(ts[k].w)) { at = k; }
    }
    if (at < 0 && !last || ts.length === 0) {
      return false;
    }
    at = Math.max(at, 0);
    var from = Math.max(0, at - 12), to = Math.min(ts.length, from + 30);
    var start = ts[from].i, end = ts[to - 1].j;
    var pos = start;
    p.textContent = from > 0 ? "… " : "";
    for (var i = from; i < to; i++) {
      if (isWanted(ts[i].w)) {
        p.appendChild(document.createTextNode(text.slice(pos, ts[i].i)));
        var mark = document.createElement("mark");
        mark.textContent = text.slice(ts[i].i, ts[i].j);
        p.appendChild(mark);
        pos = ts[i].j;
      }
    }
    p.appendChild(document.createTextNode(text.slice(pos, end) + (to < ts.length ? " …" : "")));
    return true;
  }

  // showMore shows the next results, fetching their titles.
  function showMore(m, found, gen) {
    var batch = results.slice(shown, shown + PAGE);
    shown += batch.length;
    more.hidden = shown >= results.length;
    return Promise.all(batch.map(function (id) {
      return json(versioned(m, "d/" + Math.floor(id / m.chunk) + ".json")).then(function (chunk) {
        return chunk[id % m.chunk];
      });
    })).then(function (docs) {
      if (gen !== generation) {
        return;
      }
      docs.forEach(function (d, k) {
        var li = document.createElement("li");
        li.className = "search-result";
        var kind = document.createElement("p");
        kind.className = "search-kind";
        kind.textContent = kindName(d[2]);
        var h = document.createElement("h2");
        var a = document.createElement("a");
        a.href = d[0];
        a.textContent = d[1];
        h.appendChild(a);
        li.appendChild(h);
        li.appendChild(kind);
        var meta = [d[3]].concat(partnersOf(m, batch[k]).map(function (i) { return m.partners[i][1]; }))
          .filter(Boolean).join(" · ");
        if (meta) {
          var info = document.createElement("p");
          info.className = "search-meta";
          info.textContent = meta;
          li.appendChild(info);
        }
        var p = document.createElement("p");
        p.className = "search-excerpt";
        li.appendChild(p);
        list.appendChild(li);
        excerpt(p, d[0], found, d[4]);
      });
    });
  }

  function run(push) {
    var query = input.value;
    var params = new URLSearchParams();
    if (query) { params.set("q", query); }
    if (kindSelect.value) { params.set("type", kindSelect.value); }
    if (partnerSelect.value) { params.set("partenaire", partnerSelect.value); }
    var url = location.pathname + (params.toString() ? "?" + params : "");
    if (url !== location.pathname + location.search) {
      history[push ? "pushState" : "replaceState"](null, "", url);
    }
    var gen = ++generation;
    busy(true);
    if (query.trim().length < 2) {
      busy(false);
      clear();
      say(query.trim() ? form.getAttribute("data-short") : "");
      return;
    }
    loadManifest().then(function (m) {
      return find(m, query).then(function (found) {
        if (gen !== generation) {
          return;
        }
        clear();
        results = filter(m, found.ids);
        var n = results.length;
        var q = " « " + query.trim() + " »";
        say(n === 0 ? form.getAttribute("data-none") + q :
          n + " " + (n > 1 ? words.many : words.one) + " " + form.getAttribute("data-for") + q);
        more.onclick = function () { showMore(m, found, gen); };
        return showMore(m, found, gen);
      });
    }).catch(function () {
      if (gen === generation) {
        say(form.getAttribute("data-failed"));
      }
    }).then(function () {
      if (gen === generation) {
        busy(false);
      }
    });
  }

  function fromURL() {
    var params = new URLSearchParams(location.search);
    input.value = params.get("q") || "";
    kindSelect.value = params.get("type") || "";
    partnerSelect.value = params.get("partenaire") || "";
    if (input.value) {
      run(false);
    } else {
      clear();
      say("");
    }
  }

  input.addEventListener("input", function () {
    busy(true);
    clearTimeout(timer);
    timer = setTimeout(function () { run(false); }, 200);
  });
  input.addEventListener("focus", function () { loadManifest().catch(function () {}); }, { once: true });
  kindSelect.addEventListener("change", function () { run(true); });
  partnerSelect.addEventListener("change", function () { run(true); });
  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    clearTimeout(timer);
    run(true);
  });
  window.addEventListener("popstate", fromURL);
  fromURL();
})();
