package main

import (
	"fmt"
	"net/http"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// serverClock times the tile requests of a run inside the server, from the
// handler's start to its return, its answer written to the connection (or
// to its buffer, for a small one): what the server's own metrics would
// show. A client in the same process also sees the time a
// request waits outside the handler, for the scheduler and for the other
// clients on the same cores; the two together tell a tail of the server's
// path (a lock, an allocation storm) from one of the process around it.
type serverClock struct {
	next http.Handler
	on   atomic.Bool
	mu   sync.Mutex
	took []pathTime
}

// pathTime is one request's path and its time inside the handler.
type pathTime struct {
	path string
	d    time.Duration
}

func (c *serverClock) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !c.on.Load() {
		c.next.ServeHTTP(w, r)
		return
	}
	t0 := time.Now()
	c.next.ServeHTTP(w, r)
	d := time.Since(t0)
	c.mu.Lock()
	c.took = append(c.took, pathTime{r.URL.Path, d})
	c.mu.Unlock()
}

// fetchAll is a timed run of fetchAll whose result has, besides, the
// times inside the server of its requests, all and those of tiles not in
// empty.
func (c *serverClock) fetchAll(list [][3]uint32, clients int, minTime time.Duration, empty map[[3]uint32]bool, get func([3]uint32) ([]byte, error)) (runResult, error) {
	c.mu.Lock()
	c.took = c.took[:0]
	c.mu.Unlock()
	c.on.Store(true)
	r, err := fetchAll(list, clients, minTime, empty, get)
	// A client may have read its whole answer before the handler
	// returned: wait for the last ones to be counted.
	for deadline := time.Now().Add(time.Second); c.counted() < len(r.lat.d) && time.Now().Before(deadline); {
		time.Sleep(time.Millisecond)
	}
	c.on.Store(false)
	c.mu.Lock()
	defer c.mu.Unlock()
	var all, held []time.Duration
	for _, pt := range c.took {
		var t [3]uint32
		if _, err := fmt.Sscanf(pt.path, "/tiles/%d/%d/%d.mvt", &t[0], &t[1], &t[2]); err != nil {
			return r, fmt.Errorf("bench tiles: a request for %s in a timed run", pt.path)
		}
		all = append(all, pt.d)
		if !empty[t] {
			held = append(held, pt.d)
		}
	}
	slices.Sort(all)
	slices.Sort(held)
	r.server, r.serverHeld = timings{d: all}, timings{d: held}
	return r, err
}

// counted is how many requests the clock has timed.
func (c *serverClock) counted() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.took)
}

// ratio is the p99 of t over its p50, as a section writes it.
func ratio(t timings) string {
	return fmt.Sprintf("%.1f×", float64(t.p(99))/float64(max(1, t.p(50))))
}
