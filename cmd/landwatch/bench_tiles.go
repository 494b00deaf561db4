package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"math"
	"net/http/httptest"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/paulmach/orb"

	"landwatch/api"
	"landwatch/auth"
	"landwatch/land"
	"landwatch/seed"
	"landwatch/sql"
	"landwatch/supervision"
	"landwatch/tiles"
)

// benchTiles measures tile throughput on a generated city or on a real
// cadastre (--from): landwatch over HTTP from its in-memory index
// (uncached, then cached) against PostGIS ST_AsMVT queries carrying the
// same layers and attributes on the same data, per zoom 12–17, with 1 and 8
// concurrent clients, and the densest tile of each zoom.
func benchTiles(ctx context.Context, cfg config, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("bench tiles", flag.ContinueOnError)
	fs.SetOutput(stderr)
	src := benchSourceFlags(fs, 100_000)
	out := fs.String("out", "BENCHMARKS.md", "file whose tiles section receives the figures; empty for none")
	cpuProfile := fs.String("cpuprofile", "", "file for a CPU profile (pprof) of the timed runs")
	memProfile := fs.String("memprofile", "", "file for an allocation profile (pprof) of the timed runs")
	mutexProfile := fs.String("mutexprofile", "", "file for a profile (pprof) of where the timed runs waited on locks")
	blockProfile := fs.String("blockprofile", "", "file for a profile (pprof) of where the timed runs blocked")
	requests := fs.Int("requests", minRequests, "requests a timed run makes at least (zooms of few tiles fetch them round after round); more make the p99 a percentile rather than the slowest of a few dozen, and give profiles more samples")
	minTime := fs.Duration("duration", 2*time.Second, "how long a timed run lasts at least, in whole rounds of its tiles: a run of light tiles is over in a few tens of milliseconds, and its p99 is then whatever hiccup of the machine fell inside it")
	zoomList := fs.String("zooms", "12-17", "zooms to measure: a range (12-17) or a list (14,16); the same-features check runs when 14 is among them")
	serveOnly := fs.Bool("serve", false, "instead of measuring, serve the register uncached and print its address, a bearer token and the densest tile of each zoom, until interrupted: for a load generator of one's own (wrk, hey), in a process apart")
	if err := fs.Parse(args); err != nil {
		return &exitError{code: 2, err: err}
	}
	zooms, err := parseZooms(*zoomList)
	if err != nil {
		return &exitError{code: 2, err: err}
	}
	// The city's own service draws every tile afresh, whatever the
	// settings say; the cached column has a service of its own.
	cfg.TileCacheMB = 0
	city, what, err := src.open(ctx, cfg, stdout)
	if err != nil {
		return err
	}
	defer city.close()
	st, where := city.st, city.where
	bound := fabricBound(city.fabric)
	city.fabric = nil
	var sets []zoomSet
	for _, z := range zooms {
		limit := 0
		if z > 14 {
			limit = 300
		}
		sets = append(sets, zoomSet{z, tilesIn(bound, z, limit)})
	}
	// The process serves as `landwatch serve` would, the collector's floor
	// included.
	defer holdGCFloor(cfg.GCFloorMB)()
	// The city's service has no tile cache.
	clock := &serverClock{next: api.New(api.Config{Service: city.svc, Log: quietLog(), InternalNetworks: cfg.InternalNetworks})}
	uncached := httptest.NewServer(clock)
	defer uncached.Close()
	// Without Accept-Encoding, as the PostGIS anchor is timed: both sides
	// measure making the tile, not compressing it. Tiles are for signed-in
	// users: the requests carry a token, as a GIS client's would.
	token, err := benchToken(ctx, city.svc)
	if err != nil {
		return err
	}
	postgis := func(t [3]uint32) ([]byte, error) { return st.PostGISTile(ctx, t[0], t[1], t[2]) }
	if *serveOnly {
		// Served as `landwatch serve` would hold it: one service, one index.
		return serveForLoad(ctx, stdout, uncached.URL, token, sets, postgis)
	}
	// Clients of both servers, the cached one's made later. The timed runs
	// read every tile to its end and keep none: the clients share the
	// server's process, and the bodies they would keep (their buffers
	// grown by doubling, twice a dense tile a request) made most of the
	// garbage the server's collector then had to chase.
	var conns []*tileConns
	defer func() {
		for _, c := range conns {
			c.close()
		}
	}()
	clientsOf := func(base string) (fetch, timed func([3]uint32) ([]byte, error), err error) {
		c, err := newTileConns(base, token, 16)
		if err != nil {
			return nil, nil, err
		}
		conns = append(conns, c)
		return c.fetch(true), c.fetch(false), nil
	}
	fetch, timed, err := clientsOf(uncached.URL)
	if err != nil {
		return err
	}
	stopProfile, err := startProfiles(*cpuProfile, *memProfile)
	if err != nil {
		return err
	}
	defer stopProfile()
	stopWaits := startWaitProfiles(*mutexProfile, *blockProfile)
	defer stopWaits()

	var report, densest bytes.Buffer
	fmt.Fprintf(&report, "## Tiles: %s (`%s`)\n\n", src.title(), src.command("tiles", requestsFlag(*requests)))
	fmt.Fprintf(&report, "Machine: %s.\n\n", where)
	fmt.Fprintf(&report, "%s. landwatch answers over HTTP from its index (`LANDWATCH_TILE_CACHE_MB=0` for uncached), each request signed in with a bearer token as a GIS client's would be; the anchor is the PostGIS query of pg_tileserv, Martin and Tegola (`ST_AsMVT(ST_AsMVTGeom(ST_Transform(geom, 3857), ST_TileEnvelope(z, x, y), 4096, 64))`) carrying the same layers and the same attributes (parcels with the flags of today, reserve land, overlaps, findings, and from zoom 16 a label point per parcel: `sql/anchor.go`), timed at the database without any HTTP, which favours PostGIS. Each timed run fetches its zoom's tiles round after round, whole rounds, until it has made at least %d requests and lasted at least %s: a run of light tiles would otherwise be over in a few tens of milliseconds, and its p99 be whatever hiccup of the machine fell inside it. The uncached runs have the process to themselves, one service and one index as `landwatch serve` holds them; the cached column is measured after them, by a second service on the same register.\n\n", what, *requests, *minTime)
	fmt.Fprintf(&report, "| zoom (tiles) | clients | landwatch uncached: tiles/s, p50, p99 | PostGIS ST_AsMVT: tiles/s, p50, p99 | ratio | landwatch cached: tiles/s |\n|---|---|---|---|---|---|\n")
	fmt.Fprintf(&densest, "\nThe densest tile of each zoom (the largest PostGIS tile, which draws every parcel as a shape), fetched alone five times, median; then the same tile fetched by landwatch's clients, one and eight at a time (%d requests a round, for at least %s), so that every request costs the same and what differs between them is how the server shares its cores; last, a control fetched by the same eight clients: a server with none of landwatch in it, whose handler does as much arithmetic as the tile's median time inside the server at one client and answers as many bytes, timed in turn with landwatch three times: the p99/p50 that this machine, Go's scheduler and clients sharing the process give any server whose requests cost that much; then landwatch and the control once more at eight clients with Go's scheduler given one core (GOMAXPROCS 1), where no request waits for a thread woken on the other core:\n\n", *requests, *minTime)
	fmt.Fprintf(&densest, "| zoom | tile | landwatch: time, size | PostGIS: time, size | the same tile, 1 client: tiles/s, p50, p99 | 8 clients: tiles/s, p50, p99 (p99/p50) | 8 clients, inside the server: p50, p99 (p99/p50) | control, 8 clients: tiles/s, p50, p99 (p99/p50) | p99/p50 at 8 clients, three runs in turn: landwatch / control | 8 clients on one core: tiles/s, p99/p50, landwatch / control |\n|---|---|---|---|---|---|---|---|---|---|\n")
	var runs []zoomRuns
	for _, set := range sets {
		if len(set.tiles) == 0 {
			continue
		}
		if err := densestRow(&densest, set.z, set.tiles, *requests, *minTime, clock, fetch, timed, postgis); err != nil {
			return err
		}
		zr, err := timeZoom(set, *requests, *minTime, clock, fetch, timed, postgis)
		if err != nil {
			return err
		}
		runs = append(runs, zr)
	}
	wakeups := machineWakeups()
	// Then a second service on the same register, with a tile cache of
	// 1 GB: held beside the first during the uncached runs, its index was
	// as much again for the collector to mark.
	withCache, doneCached, err := runningServiceOn(ctx, cfg, city.url, 1<<10)
	if err != nil {
		return err
	}
	defer doneCached()
	cached := httptest.NewServer(api.New(api.Config{Service: withCache, Log: quietLog(), InternalNetworks: cfg.InternalNetworks}))
	defer cached.Close()
	fetchCached, timedCached, err := clientsOf(cached.URL)
	if err != nil {
		return err
	}
	for i := range runs {
		if err := runs[i].timeCached(*requests, *minTime, fetchCached, timedCached); err != nil {
			return err
		}
	}
	var heldNotes []string // the timings over the tiles holding something
	for _, zr := range runs {
		heldNotes = append(heldNotes, zr.write(&report))
	}
	if len(heldNotes) > 0 {
		fmt.Fprintf(&report, "\nSome tiles listed may hold nothing (the bound of the parcels takes in the land between them): a map shows them too and they cost next to nothing, which draws the medians above down. landwatch uncached over the tiles holding something alone, p99 against p50, as the clients saw it and inside the server (from the handler's start to its return, as the server's own metrics would show it: without the time a request waits outside the handler for the scheduler and for the clients that share the process and its two cores): %s.\n", strings.Join(heldNotes, "; "))
	}
	stopProfile()
	stopWaits()
	report.Write(densest.Bytes())
	fmt.Fprintf(&report, "\n%s\n", wakeups)
	i := slices.IndexFunc(sets, func(s zoomSet) bool { return s.z == 14 })
	if i < 0 {
		fmt.Fprint(stdout, "\n"+report.String())
		return nil // a partial run, for profiling: no section written
	}
	z14 := sets[i].tiles
	same, cells, slivers, differ, err := compareTiles(ctx, z14, fetch, postgis, func(s string) { fmt.Fprintln(stderr, s) })
	if err != nil {
		return err
	}
	fmt.Fprintf(&report, "\nSame features: over the %d z14 tiles, %d parcels are in both landwatch's and PostGIS's tiles with the same stage, flags and supply; %d parcels too small to see at z14 (under five pixels) are drawn by landwatch as density cells instead of shapes (each checked to have its cell, or to reach over the tile's edge into the tile that holds its centre); %d are slivers narrower than landwatch's snapping grid (four units, half a pixel, below zoom 17), which PostGIS keeps and the snapping collapses to a line; %d differ.\n", len(z14), same, cells, slivers, differ)
	fmt.Fprint(stdout, "\n"+report.String())
	if *out == "" {
		return nil
	}
	return writeBenchSection(*out, src.section("tiles"), report.String())
}

// minRequests is how many tiles a timed run fetches at least.
const minRequests = 60

// requestsFlag is --requests as a section's command line gives it: nothing
// for the default.
func requestsFlag(n int) string {
	if n == minRequests {
		return ""
	}
	return fmt.Sprintf("--requests %d", n)
}

// repeatTo repeats list until it holds at least n tiles.
func repeatTo(list [][3]uint32, n int) [][3]uint32 {
	out := list
	for len(out) < n {
		out = append(out, list...)
	}
	return out
}

// densestRow finds the largest PostGIS tile of a zoom and writes both
// sides' time (median of five) and size for it, then landwatch's
// throughput and latencies when requests for that one tile, n a round for
// at least minTime, come from one client and from eight (oursTimed keeps no
// body); then, at eight clients, landwatch and a control that costs as much
// in turn three times, and both once more with Go given one core.
func densestRow(w io.Writer, z uint32, list [][3]uint32, n int, minTime time.Duration, clock *serverClock, ours, oursTimed, theirs func([3]uint32) ([]byte, error)) error {
	best, err := densestOf(list, theirs)
	if err != nil {
		return err
	}
	timed := func(get func([3]uint32) ([]byte, error)) (time.Duration, int, error) {
		var ds []time.Duration
		var size int
		for range 5 {
			t0 := time.Now()
			b, err := get(best)
			if err != nil {
				return 0, 0, err
			}
			ds = append(ds, time.Since(t0))
			size = len(b)
		}
		slices.Sort(ds)
		return ds[2], size, nil
	}
	dOurs, sOurs, err := timed(ours)
	if err != nil {
		return err
	}
	dTheirs, sTheirs, err := timed(theirs)
	if err != nil {
		return err
	}
	same := repeatTo([][3]uint32{best}, n)
	one, err := clock.fetchAll(same, 1, minTime, nil, oursTimed)
	if err != nil {
		return err
	}
	// The control costs what the tile costs inside the server at one
	// client, and is timed in turn with landwatch at eight, three times,
	// so that both see the same spells of the machine.
	ctl, err := newControl(one.server.p(50), sOurs, 8)
	if err != nil {
		return err
	}
	defer ctl.close()
	// A pair: landwatch, then the control, at eight clients.
	pair := func() (ours, theirs runResult, err error) {
		if ours, err = clock.fetchAll(same, 8, minTime, nil, oursTimed); err != nil {
			return ours, theirs, err
		}
		theirs, err = ctl.run(same, 8, minTime)
		return ours, theirs, err
	}
	var eight, control runResult
	var pairs []string
	for i := range 3 {
		ours, theirs, err := pair()
		if err != nil {
			return err
		}
		if i == 0 {
			eight, control = ours, theirs
		}
		pairs = append(pairs, ratio(ours.lat)+" / "+ratio(theirs.lat))
	}
	// The same pair on one core: no request then waits for a thread to be
	// woken on the other, so what is left of the tail is the server's own
	// (the collector's work on its garbage among them) and the machine's
	// on one core.
	var single [2]runResult
	err = onOneCore(func() (err error) {
		single[0], single[1], err = pair()
		return err
	})
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "| z%d | %d/%d/%d | %s, %.0f KB | %s, %.0f KB | %.0f/s, %s, %s | %.0f/s, %s, %s (%s) | %s, %s (%s) | %.0f/s, %s, %s (%s) | %s | %.0f/s, %s / %.0f/s, %s |\n", z, best[0], best[1], best[2],
		dur(dOurs), float64(sOurs)/1024, dur(dTheirs), float64(sTheirs)/1024,
		one.rate, dur(one.lat.p(50)), dur(one.lat.p(99)),
		eight.rate, dur(eight.lat.p(50)), dur(eight.lat.p(99)), ratio(eight.lat),
		dur(eight.server.p(50)), dur(eight.server.p(99)), ratio(eight.server),
		control.rate, dur(control.lat.p(50)), dur(control.lat.p(99)), ratio(control.lat), strings.Join(pairs, ", "),
		single[0].rate, ratio(single[0].lat), single[1].rate, ratio(single[1].lat))
	return err
}

// onOneCore runs f with Go's scheduler given one core (GOMAXPROCS 1), and
// gives it back its cores after. The setting is the process's: nothing
// else may be timed meanwhile.
func onOneCore(f func() error) error {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	return f()
}

// readCadastre reads the parcels of a real cadastre file that an import
// would accept, and how many it would reject.
func readCadastre(path string) ([]orb.MultiPolygon, int, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, 0, err
	}
	defer f.Close()
	return seed.ReadValidParcels(path, f)
}

// dressFabric gives the parcels of a real cadastre generated supplies; one
// stalled supply in three has its agreed start a year after its contract,
// long past, so that it is flagged overdue_start.
func dressFabric(n int, seedN int64) []sql.FabricDress {
	out := make([]sql.FabricDress, n)
	for i, d := range seed.Dresses(n, seedN) {
		out[i] = sql.FabricDress{Stage: string(d.Stage), Method: d.Method, LandUse: d.LandUse, ContractYear: d.ContractYear, Late: d.Late}
		if d.OverdueStart {
			out[i].AgreedStart = land.DateOf(time.Date(d.ContractYear+1, 6, 1, 0, 0, 0, 0, time.UTC))
		}
	}
	return out
}

// parseZooms reads "12-17" or "14,16" into the zooms it names, 0 to the
// deepest zoom served.
func parseZooms(v string) ([]uint32, error) {
	var out []uint32
	for _, part := range strings.Split(v, ",") {
		lo, hi, isRange := strings.Cut(strings.TrimSpace(part), "-")
		a, err1 := strconv.ParseUint(lo, 10, 32)
		b, err2 := a, error(nil)
		if isRange {
			b, err2 = strconv.ParseUint(hi, 10, 32)
		}
		if err1 != nil || err2 != nil || a > b || b > tiles.MaxZoom {
			return nil, fmt.Errorf("--zooms: %q is not a zoom or a range of zooms from 0 to %d", part, tiles.MaxZoom)
		}
		for z := a; z <= b; z++ {
			out = append(out, uint32(z))
		}
	}
	return out, nil
}

func fabricBound(f []orb.MultiPolygon) orb.Bound {
	b := f[0].Bound()
	for _, p := range f[1:] {
		b = b.Union(p.Bound())
	}
	return b
}

// tilesIn lists the tiles of zoom z over b, every one, or an even sample of
// at most limit when limit > 0.
func tilesIn(b orb.Bound, z uint32, limit int) [][3]uint32 {
	nz := math.Exp2(float64(z))
	fx := func(lon float64) uint32 { return uint32((lon + 180) / 360 * nz) }
	fy := func(lat float64) uint32 {
		s := math.Sin(lat * math.Pi / 180)
		return uint32((0.5 - math.Log((1+s)/(1-s))/(4*math.Pi)) * nz)
	}
	var out [][3]uint32
	for x := fx(b.Min[0]); x <= fx(b.Max[0]); x++ {
		for y := fy(b.Max[1]); y <= fy(b.Min[1]); y++ {
			out = append(out, [3]uint32{z, x, y})
		}
	}
	if limit > 0 && len(out) > limit {
		step := float64(len(out)) / float64(limit)
		sample := make([][3]uint32, 0, limit)
		for i := 0; i < limit; i++ {
			sample = append(sample, out[int(float64(i)*step)])
		}
		out = sample
	}
	return out
}

// benchToken makes an administrator of the nation in the benchmark's
// database and returns a bearer token of it.
func benchToken(ctx context.Context, svc *supervision.Service) (string, error) {
	return benchAccount(ctx, svc, "bench-"+strconv.FormatInt(time.Now().UnixNano(), 36), auth.GeneratePassword())
}

// benchAccount makes an administrator of the nation named name with the
// password and returns a bearer token of it.
func benchAccount(ctx context.Context, svc *supervision.Service, name, password string) (string, error) {
	hash, err := auth.HashPassword(password)
	if err != nil {
		return "", err
	}
	by := land.SystemScope("bench")
	if _, err := svc.CreateAccount(ctx, by, land.User{Name: name, Role: land.RoleAdmin, Region: land.NationCode}, hash); err != nil {
		return "", err
	}
	secret := auth.NewSecret()
	_, err = svc.CreateToken(ctx, by, name, "benchmark", auth.HashSecret(secret))
	return secret, err
}

// serveForLoad prints where the uncached server answers, a token its
// requests may carry and the densest tile of each zoom, then waits for the
// end of ctx (an interrupt): an outside load generator then measures the
// server from a process of its own, as a GIS client would.
func serveForLoad(ctx context.Context, w io.Writer, base, token string, sets []zoomSet, theirs func([3]uint32) ([]byte, error)) error {
	fmt.Fprintf(w, "serving the register uncached at %s until interrupted\ntoken: %s\n", base, token)
	for _, set := range sets {
		t, err := densestOf(set.tiles, theirs)
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "z%d: %d tiles; the densest: %s/tiles/%d/%d/%d.mvt\n", set.z, len(set.tiles), base, t[0], t[1], t[2])
	}
	fmt.Fprintf(w, "for example: wrk -c8 -d10s --latency -H 'Authorization: Bearer %s' URL\n", token)
	<-ctx.Done()
	return nil
}

// zoomSet is the tiles of a zoom a run fetches.
type zoomSet struct {
	z     uint32
	tiles [][3]uint32
}

// densestOf is the tile of list whose PostGIS tile (theirs), which draws
// every parcel as a shape, is the largest.
func densestOf(list [][3]uint32, theirs func([3]uint32) ([]byte, error)) ([3]uint32, error) {
	var best [3]uint32
	most := -1
	for _, t := range list {
		b, err := theirs(t)
		if err != nil {
			return best, err
		}
		if len(b) > most {
			best, most = t, len(b)
		}
	}
	return best, nil
}
