package main

import (
	"math"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync/atomic"
	"time"
)

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

// spin does n rounds of arithmetic; its caller keeps the result, or the
// compiler may leave the call out.
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
