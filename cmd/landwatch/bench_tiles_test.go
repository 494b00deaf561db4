package main

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestBenchTilesReadsTheZoomsAskedFor: --zooms takes a range, a list or
// both, and refuses what is not a zoom served.
func TestBenchTilesReadsTheZoomsAskedFor(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []uint32
	}{
		{"12-17", []uint32{12, 13, 14, 15, 16, 17}},
		{"14", []uint32{14}},
		{"14,16", []uint32{14, 16}},
		{"12-13, 17", []uint32{12, 13, 17}},
	} {
		got, err := parseZooms(c.in)
		if err != nil || !slices.Equal(got, c.want) {
			t.Errorf("--zooms %q: %v, %v; want %v", c.in, got, err, c.want)
		}
	}
	for _, bad := range []string{"", "x", "17-12", "23", "14,", "-3"} {
		if got, err := parseZooms(bad); err == nil {
			t.Errorf("--zooms %q: %v, want an error", bad, got)
		}
	}
}

// The timings of the tiles holding something are kept apart from those of
// the empty ones, which would draw the median down.
func TestBenchTilesTimesTheTilesHoldingSomethingApart(t *testing.T) {
	list := [][3]uint32{{14, 1, 1}, {14, 1, 2}, {14, 1, 3}, {14, 1, 1}}
	empty := map[[3]uint32]bool{{14, 1, 2}: true}
	for _, clients := range []int{1, 8} {
		got, err := fetchAll(list, clients, 0, empty, func(t [3]uint32) ([]byte, error) {
			if t[2] != 2 {
				time.Sleep(time.Millisecond)
			}
			return nil, nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if len(got.lat.d) != 4 || len(got.held.d) != 3 {
			t.Fatalf("%d clients: %d timings, %d of tiles holding something; want 4 and 3", clients, len(got.lat.d), len(got.held.d))
		}
		if got.held.p(0) < time.Millisecond {
			t.Errorf("%d clients: an empty tile's timing (%s) among the tiles holding something", clients, got.held.p(0))
		}
	}
}

// The server's clock times a run's requests inside the handler, the tiles
// holding something apart, and no request outside a timed run.
func TestBenchTilesTimesRequestsInsideTheServer(t *testing.T) {
	clock := &serverClock{next: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/tiles/14/1/2.mvt" {
			time.Sleep(time.Millisecond)
		}
	})}
	srv := httptest.NewServer(clock)
	defer srv.Close()
	conns, err := newTileConns(srv.URL, "token", 8)
	if err != nil {
		t.Fatal(err)
	}
	defer conns.close()
	get := conns.fetch(false)
	list := [][3]uint32{{14, 1, 1}, {14, 1, 2}, {14, 1, 3}, {14, 1, 1}}
	empty := map[[3]uint32]bool{{14, 1, 2}: true}
	if _, err := get([3]uint32{14, 1, 1}); err != nil { // before any run: not timed
		t.Fatal(err)
	}
	got, err := clock.fetchAll(list, 8, 0, empty, get)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.server.d) != 4 || len(got.serverHeld.d) != 3 || got.serverHeld.p(0) < time.Millisecond {
		t.Errorf("inside the server: %v, of the tiles holding something %v; want 4 timings, 3 of them of a millisecond or more",
			got.server.d, got.serverHeld.d)
	}
	if got.server.p(100) > got.lat.p(100) {
		t.Errorf("a request took %s inside the server, longer than its client saw (%s)", got.server.p(100), got.lat.p(100))
	}
}

// The control answers as many bytes as it is told, and its requests cost
// the time it is given: its reference is taken with as much work a request
// as the tile's.
func TestBenchTilesControlCostsWhatTheTileCosts(t *testing.T) {
	ctl, err := newControl(2*time.Millisecond, 3000, 8)
	if err != nil {
		t.Fatal(err)
	}
	defer ctl.close()
	b, err := ctl.conns.fetch(true)([3]uint32{14, 1, 1})
	if err != nil || len(b) != 3000 {
		t.Fatalf("the control answered %d bytes, %v; want 3000", len(b), err)
	}
	list := [][3]uint32{{14, 1, 1}, {14, 1, 2}, {14, 1, 3}, {14, 1, 1}}
	got, err := ctl.run(list, 1, 0)
	if err != nil {
		t.Fatal(err)
	}
	// The arithmetic is calibrated, and then run, on cores the other tests
	// share: a request costs what was asked within a factor of a few.
	if len(got.lat.d) != len(list) || got.lat.p(50) < time.Millisecond || got.lat.p(50) > 10*time.Millisecond {
		t.Errorf("the control: %v; want %d requests of about 2 ms", got.lat.d, len(list))
	}
}

// The machine's wakeups are timed round trip by round trip, on one core
// and on two; a core that cannot be had is an error that names it, not a
// run that hangs.
func TestBenchTilesTimesTheMachinesWakeups(t *testing.T) {
	a, b, err := twoCores()
	if err != nil {
		t.Skipf("no two cores to time between: %v", err)
	}
	cores := [][2]int{{a, a}, {a, b}}
	for _, c := range cores {
		got, err := wakeRoundTrips(c[0], c[1], 50, 10*time.Microsecond)
		if err != nil {
			t.Fatalf("cores %v: %v", c, err)
		}
		if len(got.d) != 50 || !slices.IsSorted(got.d) || got.d[0] <= 0 || got.d[49] > time.Second {
			t.Errorf("cores %v: %v; want 50 round trips, sorted, each under a second", c, got.d)
		}
	}
	for _, c := range [][2]int{{a, 1023}, {1023, a}} {
		if _, err := wakeRoundTrips(c[0], c[1], 5, 0); err == nil || !strings.Contains(err.Error(), "core 1023") {
			t.Errorf("cores %v: %v; want an error naming core 1023", c, err)
		}
	}
}

// A timed run goes on, in whole rounds of its list, until its time is up:
// a p99 is taken over enough of the machine's time to mean something.
func TestBenchTilesRunsWholeRoundsForTheirTime(t *testing.T) {
	list := [][3]uint32{{14, 1, 1}, {14, 1, 2}, {14, 1, 3}}
	for _, clients := range []int{1, 8} {
		start := time.Now()
		got, err := fetchAll(list, clients, 30*time.Millisecond, nil, func(t [3]uint32) ([]byte, error) {
			time.Sleep(time.Millisecond)
			return nil, nil
		})
		if err != nil {
			t.Fatal(err)
		}
		n := len(got.lat.d)
		if took := time.Since(start); took < 30*time.Millisecond || n%len(list) != 0 || n <= len(list) {
			t.Errorf("%d clients: %d requests in %s; want whole rounds of %d for at least 30ms", clients, n, took, len(list))
		}
	}
}

// --serve serves the register uncached until interrupted, and says where,
// with a token and the densest tile of each zoom, for a load generator in a
// process of its own.
func TestBenchTilesServesForALoadGeneratorOfOnesOwn(t *testing.T) {
	if os.Getenv("DATABASE_URL") == "" {
		t.Fatal("DATABASE_URL is not set: run the tests with scripts/test, which starts a local PostGIS")
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	r, w := io.Pipe()
	var stderr bytes.Buffer
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"bench", "tiles", "--parcels", "300", "--zooms", "14,16", "--serve"}, os.Getenv, w, &stderr)
		w.Close()
	}()
	var token string
	var tiles []string
	sc := bufio.NewScanner(r)
	for sc.Scan() && !strings.HasPrefix(sc.Text(), "for example:") {
		line := sc.Text()
		if v, ok := strings.CutPrefix(line, "token: "); ok {
			token = v
		}
		if _, url, ok := strings.Cut(line, "the densest: "); ok {
			tiles = append(tiles, url)
		}
	}
	go func() { _, _ = io.Copy(io.Discard, r) }()
	if token == "" || len(tiles) != 2 {
		cancel()
		t.Fatalf("token %q, densest tiles %q; stderr: %s", token, tiles, stderr.String())
	}
	for _, url := range tiles {
		req, _ := http.NewRequest(http.MethodGet, url, nil)
		req.Header.Set("Authorization", "Bearer "+token)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || len(b) == 0 || resp.Header.Get("X-Cache") != "miss" {
			t.Errorf("%s: %d, %d bytes, X-Cache %q; want a tile drawn afresh", url, resp.StatusCode, len(b), resp.Header.Get("X-Cache"))
		}
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("interrupted: %v", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("still serving 20 s after the interrupt")
	}
}

// The benchmark's clients read an answer whole however its length is told
// (a length, chunks, the connection's end), keep the connection only when
// the server does, and name the tile of a refused request.
func TestBenchTilesClientsReadEveryFraming(t *testing.T) {
	body := bytes.Repeat([]byte("tile."), 2000) // past net/http's buffer: chunked unless a length is set
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer token" {
			http.Error(w, "no token", http.StatusUnauthorized)
			return
		}
		switch r.URL.Path {
		case "/tiles/14/1/1.mvt":
			w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		case "/tiles/14/1/3.mvt": // no length, no chunks: the body runs to the connection's end
			w.Header().Set("Transfer-Encoding", "identity")
		case "/tiles/14/1/4.mvt":
			http.Error(w, "no such tile", http.StatusNotFound)
			return
		}
		_, _ = w.Write(body)
	}))
	defer srv.Close()
	conns, err := newTileConns(srv.URL, "token", 1)
	if err != nil {
		t.Fatal(err)
	}
	defer conns.close()
	get := conns.fetch(true)
	for _, y := range []uint32{1, 2, 3, 1, 2} {
		b, err := get([3]uint32{14, 1, y})
		if err != nil || !bytes.Equal(b, body) {
			t.Fatalf("tile 14/1/%d: %d bytes, %v; want the %d of the body", y, len(b), err, len(body))
		}
	}
	c, err := conns.take() // the last answer kept its connection open
	if err != nil {
		t.Fatal(err)
	}
	host := srv.Listener.Addr().String()
	if b, reuse, err := c.get(host, "token", [3]uint32{14, 1, 1}, false); err != nil || b != nil || !reuse {
		t.Errorf("tile 14/1/1 not kept: %d bytes, reuse %v, %v; want none, the connection kept", len(b), reuse, err)
	}
	if _, reuse, err := c.get(host, "token", [3]uint32{14, 1, 3}, false); err != nil || reuse {
		t.Errorf("tile 14/1/3: reuse %v, %v; want the connection given up, as the server closes it", reuse, err)
	}
	c.conn.Close()
	if _, err := get([3]uint32{14, 1, 4}); err == nil || !strings.Contains(err.Error(), "[14 1 4]") || !strings.Contains(err.Error(), "404") {
		t.Errorf("a refused tile: %v; want its tile and status named", err)
	}
}
