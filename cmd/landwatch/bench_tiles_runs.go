package main

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
	"time"
)

type runResult struct {
	rate float64
	lat  timings
	held timings // of the tiles not empty
	// server and serverHeld are the same requests timed inside the
	// server (serverClock), for landwatch's uncached runs.
	server, serverHeld timings
}

// zoomRuns is what a zoom's timed runs measured, at one client and at
// eight (clientCounts): landwatch uncached, PostGIS, landwatch cached.
type zoomRuns struct {
	set                 zoomSet
	empty               map[[3]uint32]bool // the tiles with nothing in them
	ours, theirs, cache [2]runResult
}

// clientCounts are the clients of a zoom's timed runs.
func clientCounts() [2]int { return [2]int{1, 8} }

// timeZoom notes a zoom's empty tiles and times landwatch uncached (ours)
// and PostGIS (theirs) on its tiles.
func timeZoom(set zoomSet, requests int, minTime time.Duration, clock *serverClock, ours, oursTimed, theirs func([3]uint32) ([]byte, error)) (zoomRuns, error) {
	zr := zoomRuns{set: set, empty: map[[3]uint32]bool{}}
	if _, err := fetchAll(set.tiles, 1, 0, nil, func(t [3]uint32) ([]byte, error) {
		b, err := ours(t)
		if err == nil && len(b) == 0 {
			zr.empty[t] = true
		}
		return b, err
	}); err != nil {
		return zr, err
	}
	list := repeatTo(set.tiles, requests)
	for i, clients := range clientCounts() {
		var err error
		if zr.ours[i], err = clock.fetchAll(list, clients, minTime, zr.empty, oursTimed); err != nil {
			return zr, err
		}
		if zr.theirs[i], err = fetchAll(list, clients, minTime, nil, theirs); err != nil {
			return zr, err
		}
	}
	return zr, nil
}

// timeCached warms a cache with the zoom's tiles once, so that the runs
// measure hits, and times them.
func (zr *zoomRuns) timeCached(requests int, minTime time.Duration, warm, timed func([3]uint32) ([]byte, error)) error {
	if _, err := fetchAll(zr.set.tiles, 1, 0, nil, warm); err != nil {
		return err
	}
	list := repeatTo(zr.set.tiles, requests)
	for i, clients := range clientCounts() {
		var err error
		if zr.cache[i], err = fetchAll(list, clients, minTime, nil, timed); err != nil {
			return err
		}
	}
	return nil
}

// write adds the zoom's rows to the report, and returns the note of its
// timings over the tiles holding something.
func (zr zoomRuns) write(report io.Writer) string {
	var held []string
	for i, clients := range clientCounts() {
		ours, theirs := zr.ours[i], zr.theirs[i]
		fmt.Fprintf(report, "| z%d (%d) | %d | %.0f/s, %s, %s | %.1f/s, %s, %s | **%.1f×** | %.0f/s |\n", zr.set.z, len(zr.set.tiles), clients,
			ours.rate, dur(ours.lat.p(50)), dur(ours.lat.p(99)), theirs.rate, dur(theirs.lat.p(50)), dur(theirs.lat.p(99)), ours.rate/theirs.rate, zr.cache[i].rate)
		who := "1 client"
		if clients > 1 {
			who = fmt.Sprintf("%d clients", clients)
		}
		held = append(held, fmt.Sprintf("at %s p50 %s, p99 %s (%s), inside the server p50 %s, p99 %s (%s)", who,
			dur(ours.held.p(50)), dur(ours.held.p(99)), ratio(ours.held), dur(ours.serverHeld.p(50)), dur(ours.serverHeld.p(99)), ratio(ours.serverHeld)))
	}
	return fmt.Sprintf("z%d, %d of its %d tiles empty: %s", zr.set.z, len(zr.empty), len(zr.set.tiles), strings.Join(held, ", "))
}

// fetchAll fetches every tile of list with the given number of concurrent
// clients, round after round until minTime has passed (whole rounds keep
// the list's mix of tiles); the timings of the tiles not in empty are also
// kept apart.
func fetchAll(list [][3]uint32, clients int, minTime time.Duration, empty map[[3]uint32]bool, get func([3]uint32) ([]byte, error)) (runResult, error) {
	var mu sync.Mutex
	var lat, held []time.Duration
	var firstErr error
	next := make(chan [3]uint32)
	var wg sync.WaitGroup
	start := time.Now()
	for range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for t := range next {
				t0 := time.Now()
				_, err := get(t)
				d := time.Since(t0)
				mu.Lock()
				lat = append(lat, d)
				if !empty[t] {
					held = append(held, d)
				}
				if err != nil && firstErr == nil {
					firstErr = err
				}
				mu.Unlock()
			}
		}()
	}
	for round := 0; round == 0 || time.Since(start) < minTime; round++ {
		for _, t := range list {
			next <- t
		}
	}
	close(next)
	wg.Wait()
	elapsed := time.Since(start)
	slices.Sort(lat)
	slices.Sort(held)
	return runResult{rate: float64(len(lat)) / elapsed.Seconds(), lat: timings{d: lat}, held: timings{d: held}}, firstErr
}
