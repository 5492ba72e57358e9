package site

import (
	"bytes"
	"maps"
	"sync"
	"unsafe"

	"relais/internal/content"
	"relais/internal/markdown"
	"relais/internal/safety"
)

// Cache keeps converted Markdown bodies between builds (relais serve): a
// body is converted again only when its text changed, or when one of the
// content links it holds now resolves differently (a page was added,
// removed or renamed). It is safe for concurrent use.
type Cache struct {
	mu     sync.RWMutex
	bodies map[string]*cachedBody // by content path (pointers: a small map is faster to look in)
	// urls and drafts are the previous build's: when this build's are the
	// same, every content link resolves as it did, and need not be tried.
	urls   map[string]string
	drafts map[string]bool
	whens  map[*content.Event]string // the French dates of unchanged events
	texts  sync.Map                  // titles with French spaces, by title (read without a lock: builders share it)
}

type cachedBody struct {
	src    []byte // the document's body; the same slice while the file is unchanged
	unsafe bool
	french bool
	base   string                // the base path root-relative links were given
	links  map[string]resolution // what each content link resolved to
	body   Body
	probs  []markdown.Problem
	secret []safety.Finding
}

type resolution struct {
	url string
	err string
}

// NewCache returns an empty cache.
func NewCache() *Cache {
	return &Cache{bodies: map[string]*cachedBody{}, whens: map[*content.Event]string{}}
}

// frenchSpaces is markdown.FrenchSpaces, remembered: the same titles come
// back at every build. A nil cache computes it each time.
func (c *Cache) frenchSpaces(s string) string {
	if c == nil {
		return markdown.FrenchSpaces(s)
	}
	if t, ok := c.texts.Load(s); ok {
		return t.(string)
	}
	t := markdown.FrenchSpaces(s)
	c.texts.Store(s, t)
	return t
}

// when returns the French dates of an event, computed by format once for
// each parsed file (the content cache keeps the same *content.Event while
// the file is unchanged). A nil cache computes them each time.
func (c *Cache) when(e *content.Event, format func() string) string {
	if c == nil {
		return format()
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	w, ok := c.whens[e]
	if !ok {
		w = format()
		c.whens[e] = w
	}
	return w
}

// convertCached converts a body, or returns the cached conversion when it is
// still right. resolve is the resolver of this build.
func (c *Cache) convert(md *markdown.Converter, path string, src []byte, unsafe, french bool, base string, urlsSame bool, resolve func(string) (string, error)) conversion {
	c.mu.RLock()
	e, ok := c.bodies[path]
	c.mu.RUnlock()
	if ok && e.unsafe == unsafe && e.french == french && e.base == base && sameBytes(e.src, src) && (urlsSame || sameLinks(e.links, resolve)) {
		return conversion{body: e.body, problems: e.probs, secrets: e.secret}
	}
	links := map[string]resolution{}
	res := md.Convert(src, markdown.Options{UnsafeHTML: unsafe, French: french, TextLimit: textLimit(path), BasePath: base, Resolve: func(dest string) (string, error) {
		u, err := resolve(dest)
		r := resolution{url: u}
		if err != nil {
			r.err = err.Error()
		}
		links[dest] = r
		return u, err
	}})
	conv := conversion{body: Body{HTML: res.HTML, Summary: res.Summary, Text: res.Text, Headings: res.Headings},
		problems: res.Problems, secrets: safety.ScanText(string(src))}
	c.mu.Lock()
	c.bodies[path] = &cachedBody{src: src, unsafe: unsafe, french: french, base: base, links: links, body: conv.body, probs: conv.problems, secret: conv.secrets}
	c.mu.Unlock()
	return conv
}

func sameLinks(links map[string]resolution, resolve func(string) (string, error)) bool {
	for dest, was := range links {
		u, err := resolve(dest)
		now := resolution{url: u}
		if err != nil {
			now.err = err.Error()
		}
		if now != was {
			return false
		}
	}
	return true
}

// sameBytes compares two bodies; a file the content cache kept gives the
// very same slice, which needs no comparison.
func sameBytes(a, b []byte) bool {
	if len(a) == len(b) && (len(a) == 0 || unsafe.SliceData(a) == unsafe.SliceData(b)) {
		return true
	}
	return bytes.Equal(a, b)
}

// lastURLs returns the URLs and drafts of the previous build.
func (c *Cache) lastURLs() (map[string]string, map[string]bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.urls, c.drafts
}

// sameURLs reports whether the published documents and the drafts are those
// of the previous build, and remembers these for the next one.
func (c *Cache) sameURLs(urls map[string]string, drafts map[string]bool) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	same := c.urls != nil && maps.Equal(c.urls, urls) && maps.Equal(c.drafts, drafts)
	c.urls, c.drafts = urls, drafts
	return same
}
