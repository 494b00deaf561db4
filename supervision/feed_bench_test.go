package supervision_test

import (
	"context"
	"io"
	"log/slog"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"landwatch/land"
	"landwatch/seed"
	"landwatch/sql"
	"landwatch/sql/sqltest"
	"landwatch/supervision"
)

// BenchmarkFeedBigCommitAndRegionPairs commits a generated 100k-parcel
// fabric in one transaction under a running engine and times its catch-up,
// then answers the region's overlapping pairs from the maintained pairs and
// with the PostGIS self-join, in the same run, and checks they are the same
// pairs. Run it alone: go test -run '^$' -bench BigCommit -benchtime 1x.
func BenchmarkFeedBigCommitAndRegionPairs(b *testing.B) {
	const parcels = 100_000
	o := seed.Default()
	o.Parcels, o.Seed = parcels, 1
	fabric, err := seed.Fabric(o)
	if err != nil {
		b.Fatal(err)
	}
	st := sqltest.Store(b)
	ctx := context.Background()
	e := startBenchEngine(b, st)
	start := time.Now()
	if _, err := st.LoadFabric(ctx, o.RegionCode, fabric); err != nil {
		b.Fatal(err)
	}
	committed := time.Now()
	if err := e.CatchUp(ctx); err != nil {
		b.Fatal(err)
	}
	catchUp := time.Since(committed)
	b.Logf("%d parcels: written in one transaction in %s, in the index %s after the commit",
		len(fabric), committed.Sub(start).Round(time.Millisecond), catchUp.Round(time.Millisecond))
	b.ReportMetric(catchUp.Seconds(), "catch-up-s")
	if err := st.Analyze(ctx); err != nil {
		b.Fatal(err)
	}
	// The PostGIS self-join is timed without the import's owed checks
	// competing for the database.
	owed := time.Now()
	for n := 1; n > 0; time.Sleep(100 * time.Millisecond) {
		if err := st.Pool().QueryRow(ctx, `SELECT count(*) FROM pending_check`).Scan(&n); err != nil {
			b.Fatal(err)
		}
	}
	b.Logf("the import's overlap checks settled %s after the catch-up", time.Since(owed).Round(time.Millisecond))

	rule := e.Rule()
	start = time.Now()
	theirs, err := st.PostGISOverlapScan(ctx, rule.MinAreaM2, rule.MinShare)
	if err != nil {
		b.Fatal(err)
	}
	pg := time.Since(start)
	scope := supervision.OverlapScope{Region: o.RegionCode}
	b.ReportAllocs()
	b.ResetTimer()
	var ours []supervision.PairOverlap
	for range b.N {
		if ours, err = e.Overlaps(ctx, land.SystemScope("test"), scope, 0, nil); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	lookup := b.Elapsed() / time.Duration(b.N)
	same := samePairs(ours, theirs)
	b.Logf("region pairs: maintained %d in %s, PostGIS self-join %d in %s: %.0f× (same pairs: %v)",
		len(ours), lookup, len(theirs), pg.Round(time.Millisecond), float64(pg)/float64(lookup), same)
	b.ReportMetric(float64(pg)/float64(lookup), "x-postgis")
	if !same {
		b.Errorf("the maintained pairs are not those of PostGIS")
	}
}

// samePairs reports whether both name the same parcel pairs.
func samePairs(ours []supervision.PairOverlap, theirs []sql.ParcelOverlap) bool {
	key := func(a, b int64) [2]int64 { return [2]int64{min(a, b), max(a, b)} }
	var x, y [][2]int64
	for _, p := range ours {
		x = append(x, key(p.A.ParcelID, p.B.ParcelID))
	}
	for _, p := range theirs {
		y = append(y, key(p.ParcelA, p.ParcelB))
	}
	cmp := func(a, b [2]int64) int {
		if a[0] != b[0] {
			return int(a[0] - b[0])
		}
		return int(a[1] - b[1])
	}
	slices.SortFunc(x, cmp)
	slices.SortFunc(y, cmp)
	return slices.Equal(x, y)
}

// BenchmarkFeedReadsWhileFindingsArrive writes 15,000 findings in one
// transaction per iteration while readers ask the engine for a supply's
// overlaps, the overlap areas and the finding marks of a box, and reports
// the readers' latency percentiles over the time the engine catches up.
func BenchmarkFeedReadsWhileFindingsArrive(b *testing.B) {
	const findings = 15_000
	st := sqltest.Store(b)
	ctx := context.Background()
	if _, err := st.LoadFabric(ctx, "130626", grid(findings, 0)); err != nil {
		b.Fatal(err)
	}
	// The grid's squares are disjoint: their checks would find nothing.
	if _, err := st.Pool().Exec(ctx, `DELETE FROM pending_check`); err != nil {
		b.Fatal(err)
	}
	e := startBenchEngine(b, st)
	var supply int64
	if err := st.Pool().QueryRow(ctx, `SELECT min(id) FROM supply`).Scan(&supply); err != nil {
		b.Fatal(err)
	}
	box := e.Index().Snapshot()
	in, _ := box.Extent(nil)
	in = orb.Bound{Min: in.Min, Max: orb.Point{(in.Min[0] + in.Max[0]) / 2, (in.Min[1] + in.Max[1]) / 2}}
	var lat []time.Duration
	var catchUp time.Duration
	b.ReportAllocs()
	for i := range b.N {
		stop := make(chan struct{})
		var mu sync.Mutex
		var wg sync.WaitGroup
		for range 2 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				var mine []time.Duration
				for {
					select {
					case <-stop:
						mu.Lock()
						lat = append(lat, mine...)
						mu.Unlock()
						return
					default:
					}
					t0 := time.Now()
					if _, err := e.Overlaps(ctx, land.SystemScope("test"), supervision.OverlapScope{Supply: supply}, 1, nil); err != nil {
						b.Error(err)
					}
					e.OverlapAreasIn(in)
					e.FindingMarksIn(in)
					mine = append(mine, time.Since(t0))
					time.Sleep(time.Millisecond)
				}
			}()
		}
		_, err := st.Pool().Exec(ctx, `INSERT INTO finding (kind, subject_key, supply_id, parcel_id, region_code, rule, figures, geom)
			SELECT 'overlap', 'bench:' || $1::int || ':' || p.id, p.supply_id, p.id, '130626', 'bench', '{"area_m2": 100}', p.geom
			FROM parcel p`, i)
		if err != nil {
			b.Fatal(err)
		}
		t0 := time.Now()
		if err := e.CatchUp(ctx); err != nil {
			b.Fatal(err)
		}
		catchUp += time.Since(t0)
		close(stop)
		wg.Wait()
		b.StopTimer()
		if _, err := st.Pool().Exec(ctx, `UPDATE finding SET status = 'closed' WHERE status <> 'closed'`); err != nil {
			b.Fatal(err)
		}
		if err := e.CatchUp(ctx); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
	slices.Sort(lat)
	if len(lat) == 0 {
		return
	}
	pct := func(p float64) time.Duration { return lat[min(len(lat)-1, int(p*float64(len(lat))))] }
	b.Logf("%d reads while %d findings arrived: p50 %s, p99 %s, max %s; catch-up %s per batch", len(lat), findings,
		pct(0.5), pct(0.99), lat[len(lat)-1], catchUp/time.Duration(b.N))
	b.ReportMetric(float64(pct(0.99).Microseconds())/1000, "p99-ms")
	b.ReportMetric(catchUp.Seconds()/float64(b.N), "catch-up-s")
}

func startBenchEngine(b *testing.B, st *sql.Store) *supervision.Engine {
	b.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	e := supervision.NewEngine(st, supervision.EngineOptions{Log: quiet()})
	done := make(chan error, 1)
	go func() { done <- e.Run(ctx) }()
	b.Cleanup(func() { cancel(); <-done })
	for e.Ready() != nil {
		time.Sleep(10 * time.Millisecond)
	}
	return e
}

func quiet() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }
