package spatial

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"runtime"
	"slices"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

func TestScanOverlapsOfAGridFabricFindsOnlyItsCopies(t *testing.T) {
	rng := rand.New(rand.NewPCG(testSeed(t), 50))
	const n = 30
	subjects := gridFabric(rng, n, 0.05)
	b := NewBuilder(len(subjects))
	b.Add(subjects...)
	ix := b.Build()
	m := indexModel{}
	for _, s := range subjects {
		m[s.key()] = s
	}
	for _, rule := range []OverlapRule{{}, DefaultOverlapRule()} {
		got, err := ix.ScanOverlaps(context.Background(), Everywhere(), rule, 2, nil)
		if err != nil {
			t.Fatal(err)
		}
		if want := m.scan(Everywhere(), rule); !slices.Equal(got, want) {
			t.Fatalf("rule %+v: ScanOverlaps found %d pairs, brute force %d", rule, len(got), len(want))
		}
		copies := 0
		for _, o := range got {
			if o.B <= n*n {
				t.Errorf("rule %+v: cells %d and %d of the fabric overlap by %.3g m²", rule, o.A, o.B, o.AreaM2)
			}
			copies++
		}
		if copies < len(subjects)-n*n {
			t.Errorf("rule %+v: %d overlaps for %d copies", rule, copies, len(subjects)-n*n)
		}
	}
}

// benchOracle connects to the PostGIS named by DATABASE_URL for the
// benchmarks' anchors. (The tests' oracle takes a *testing.T; it could take
// a testing.TB and serve both.)
func benchOracle(b *testing.B) *pgx.Conn {
	b.Helper()
	url := os.Getenv("DATABASE_URL")
	if url == "" {
		b.Fatal("DATABASE_URL is not set: the PostGIS anchors need a PostGIS (scripts/test sets one up)")
	}
	conn, err := pgx.Connect(context.Background(), url)
	if err != nil {
		b.Fatalf("connect to DATABASE_URL: %v", err)
	}
	b.Cleanup(func() { conn.Close(context.Background()) })
	return conn
}

// heapInUse returns the live heap after a full collection.
func heapInUse() uint64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapAlloc
}

// BenchmarkIndexBuild1M builds the index of a 1,000 × 1,000 fabric (plus
// 1 % copies) from prepared subjects and reports the build time and the
// memory per parcel of the prepared shapes (with their subjects) and of the
// index. Run it alone: go test -run '^$' -bench IndexBuild1M -benchtime 1x.
func BenchmarkIndexBuild1M(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 51))
	before := heapInUse()
	start := time.Now()
	subjects := gridFabric(rng, 1000, 0.01)
	prepare := time.Since(start)
	shapes := heapInUse()
	var ix *Index
	for b.Loop() {
		ix = nil
		bl := NewBuilder(len(subjects))
		bl.Add(subjects...)
		ix = bl.Build()
	}
	indexed := heapInUse()
	n := float64(len(subjects))
	b.ReportMetric(prepare.Seconds(), "prepare-s")
	b.ReportMetric(float64(shapes-before)/n, "shape-B/parcel")
	b.ReportMetric(float64(indexed-shapes)/n, "index-B/parcel")
	b.ReportMetric(float64(indexed-before)/(1<<20), "total-MiB")
	runtime.KeepAlive(ix)
	runtime.KeepAlive(subjects)
}

// BenchmarkOverlapsOf1M checks random parcels of a 1,000 × 1,000 fabric
// (plus 1 % copies) against the other 1,010,000 or so, as on every write
// of a boundary, and reports the median and 99th-percentile latency.
func BenchmarkOverlapsOf1M(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 52))
	subjects := gridFabric(rng, 1000, 0.01)
	bl := NewBuilder(len(subjects))
	bl.Add(subjects...)
	ix := bl.Build()
	rule := DefaultOverlapRule()
	var lat []time.Duration
	found := 0
	for b.Loop() {
		s := subjects[rng.IntN(len(subjects))]
		t0 := time.Now()
		found += len(ix.Snapshot().OverlapsOfSubject(s, rule))
		lat = append(lat, time.Since(t0))
	}
	reportLatencies(b, lat)
	b.ReportMetric(float64(found)/float64(b.N), "overlaps/op")
}

// reportLatencies reports the median and 99th percentile of lat in µs.
func reportLatencies(b *testing.B, lat []time.Duration) {
	slices.Sort(lat)
	pct := func(p float64) float64 { return float64(lat[int(p*float64(len(lat)-1))]) / 1e3 }
	b.ReportMetric(pct(0.5), "p50-µs")
	b.ReportMetric(pct(0.99), "p99-µs")
}

// BenchmarkScanOverlaps100k scans a 316 × 316 fabric (plus 1 % copies)
// for all overlapping pairs, with landwatch's index and, as the anchor of
// DESIGN §10, with a PostGIS self-join (ST_Intersects on a GiST index,
// ST_Area of ST_Intersection in the zone's plane); it also times the
// one-parcel check both ways. The pairs must be the same. Run it with
// DATABASE_URL set: go test -run '^$' -bench ScanOverlaps100k -benchtime 1x.
func BenchmarkScanOverlaps100k(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 53))
	subjects := gridFabric(rng, 316, 0.01)
	bl := NewBuilder(len(subjects))
	bl.Add(subjects...)
	ix := bl.Build()
	rule := DefaultOverlapRule()
	var ours []Overlap
	b.Run("landwatch", func(b *testing.B) {
		for b.Loop() {
			var err error
			if ours, err = ix.ScanOverlaps(context.Background(), Everywhere(), rule, 0, nil); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(len(ours)), "pairs")
	})
	conn := benchOracle(b)
	ctx := context.Background()
	geoms := make([][]byte, len(subjects))
	for i, s := range subjects {
		var err error
		if geoms[i], err = EncodeEWKB(s.Shape.Geom); err != nil {
			b.Fatal(err)
		}
	}
	srid := subjects[0].Shape.Zone.EPSG(true)
	if _, err := conn.Exec(ctx, `
		CREATE TEMP TABLE bench_parcels AS
		SELECT i::bigint AS id, ST_Transform(ST_GeomFromEWKB(g), $2::int) AS g
		FROM unnest($1::bytea[]) WITH ORDINALITY AS u(g, i)`, geoms, srid); err != nil {
		b.Fatal(err)
	}
	if _, err := conn.Exec(ctx, `CREATE INDEX ON bench_parcels USING gist (g); ANALYZE bench_parcels`); err != nil {
		b.Fatal(err)
	}
	b.Run("postgis", func(b *testing.B) {
		var pairs []string
		for b.Loop() {
			rows, err := conn.Query(ctx, `
				SELECT a.id, b.id FROM bench_parcels a JOIN bench_parcels b ON a.id < b.id AND ST_Intersects(a.g, b.g),
				LATERAL (SELECT ST_Area(ST_Intersection(a.g, b.g)) AS area) AS x
				WHERE x.area > $1 AND x.area >= $2 AND x.area >= $3 * least(ST_Area(a.g), ST_Area(b.g))
				ORDER BY 1, 2`, InteriorEpsilonM2, rule.MinAreaM2, rule.MinShare)
			if err != nil {
				b.Fatal(err)
			}
			pairs = pairs[:0]
			for rows.Next() {
				var x, y int64
				if err := rows.Scan(&x, &y); err != nil {
					b.Fatal(err)
				}
				pairs = append(pairs, fmt.Sprint(x, "-", y))
			}
			if err := rows.Err(); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(len(pairs)), "pairs")
		var mine []string
		for _, o := range ours {
			mine = append(mine, fmt.Sprint(o.A, "-", o.B))
		}
		if ours != nil && !slices.Equal(mine, pairs) {
			b.Errorf("PostGIS found %d pairs, landwatch %d", len(pairs), len(mine))
		}
	})
	// The one-parcel checks run oneParcelChecks random parcels per
	// iteration, so that one iteration gives percentiles.
	const oneParcelChecks = 500
	b.Run("landwatch one parcel", func(b *testing.B) {
		var lat []time.Duration
		for b.Loop() {
			for range oneParcelChecks {
				s := subjects[rng.IntN(len(subjects))]
				t0 := time.Now()
				ix.Snapshot().OverlapsOfSubject(s, rule)
				lat = append(lat, time.Since(t0))
			}
		}
		reportLatencies(b, lat)
	})
	b.Run("postgis one parcel", func(b *testing.B) {
		var lat []time.Duration
		for b.Loop() {
			for range oneParcelChecks {
				s := subjects[rng.IntN(len(subjects))]
				t0 := time.Now()
				rows, err := conn.Query(ctx, `
					SELECT o.id, ST_Area(ST_Intersection(p.g, o.g))
					FROM bench_parcels p JOIN bench_parcels o ON o.id <> p.id AND ST_Intersects(p.g, o.g)
					WHERE p.id = $1`, s.ID)
				if err != nil {
					b.Fatal(err)
				}
				for rows.Next() {
				}
				if err := rows.Err(); err != nil {
					b.Fatal(err)
				}
				lat = append(lat, time.Since(t0))
			}
		}
		reportLatencies(b, lat)
	})
}
