package site

import (
	"sync"

	"relais/internal/markdown"
	"relais/internal/safety"
)

// Cache keeps converted Markdown bodies between builds (relais serve): a
// body is converted again only when its text changed, or when one of the
// content links it holds now resolves differently (a page was added,
// removed or renamed). It is safe for concurrent use.
type Cache struct {
	mu     sync.Mutex
	bodies map[string]cachedBody // by content path
}

type cachedBody struct {
	src    string
	unsafe bool
	french bool
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
func NewCache() *Cache { return &Cache{bodies: map[string]cachedBody{}} }

// convertCached converts a body, or returns the cached conversion when it is
// still right. resolve is the resolver of this build.
func (c *Cache) convert(md *markdown.Converter, path string, src []byte, unsafe, french bool, resolve func(string) (string, error)) conversion {
	c.mu.Lock()
	e, ok := c.bodies[path]
	c.mu.Unlock()
	if ok && e.unsafe == unsafe && e.french == french && e.src == string(src) && sameLinks(e.links, resolve) {
		return conversion{body: e.body, problems: e.probs, secrets: e.secret}
	}
	links := map[string]resolution{}
	res := md.Convert(src, markdown.Options{UnsafeHTML: unsafe, French: french, Resolve: func(dest string) (string, error) {
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
	c.bodies[path] = cachedBody{src: string(src), unsafe: unsafe, french: french, links: links, body: conv.body, probs: conv.problems, secret: conv.secrets}
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
