package main

import (
	"fmt"
	"math"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
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

// time runs a timed run and adds to its result the times inside the
// server of its requests, all and those of tiles not in empty.
func (c *serverClock) time(empty map[[3]uint32]bool, run func() (runResult, error)) (runResult, error) {
	c.mu.Lock()
	c.took = c.took[:0]
	c.mu.Unlock()
	c.on.Store(true)
	r, err := run()
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

// control is a server with none of landwatch in it, timed by the same
// clients as the densest tiles: its handler does a fixed amount of
// arithmetic, as much as the tile's handler takes on an idle core, and
// answers as many bytes. Its p99/p50 is what this machine, Go's scheduler
// and clients sharing the process give any server whose requests cost
// that much, a reference for landwatch's own.
type control struct {
	srv   *httptest.Server
	conns *tileConns
	sink  atomic.Uint64 // the arithmetic's result, so that it is done
}

// newControl starts a control whose requests cost work and answer size
// bytes, with kept-alive connections for as many clients.
func newControl(work time.Duration, size, clients int) (*control, error) {
	c := &control{}
	rounds := c.spinRounds(work)
	body := make([]byte, size)
	length := strconv.Itoa(size)
	c.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c.sink.Store(spin(rounds))
		w.Header().Set("Content-Type", "application/octet-stream")
		w.Header().Set("Content-Length", length)
		_, _ = w.Write(body)
	}))
	conns, err := newTileConns(c.srv.URL, "", clients)
	if err != nil {
		c.srv.Close()
		return nil, err
	}
	c.conns = conns
	return c, nil
}

// run fetches every tile of list from the control, as fetchAll does.
func (c *control) run(list [][3]uint32, clients int, minTime time.Duration) (runResult, error) {
	return fetchAll(list, clients, minTime, nil, c.conns.fetch(false))
}

func (c *control) close() {
	c.conns.close()
	c.srv.Close()
}

// spin does n rounds of arithmetic that the compiler cannot leave out.
func spin(n int) uint64 {
	x := uint64(n)
	for range n {
		x = x*6364136223846793005 + 1442695040888963407
	}
	return x
}

// spinRounds is how many rounds of spin take d, measured on this core:
// the fastest of a few timings, so that a run that lost its core does not
// count.
func (c *control) spinRounds(d time.Duration) int {
	const probe = 1 << 16
	best := time.Duration(math.MaxInt64)
	for range 5 {
		t0 := time.Now()
		c.sink.Store(spin(probe)) // kept, or the call could be left out
		best = min(best, time.Since(t0))
	}
	return int(float64(probe) * float64(d) / float64(max(best, 1)))
}
