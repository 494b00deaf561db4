package spatial

import (
	"context"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// strictlyInside reports whether pt is inside mp and on none of its edges.
func strictlyInside(mp orb.MultiPolygon, pt orb.Point) bool {
	if !planar.MultiPolygonContains(mp, pt) {
		return false
	}
	for _, poly := range mp {
		for _, ring := range poly {
			for i := range ring {
				a, b := ring[i], ring[(i+1)%len(ring)]
				cross := (b[0]-a[0])*(pt[1]-a[1]) - (b[1]-a[1])*(pt[0]-a[0])
				within := min(a[0], b[0]) <= pt[0] && pt[0] <= max(a[0], b[0]) && min(a[1], b[1]) <= pt[1] && pt[1] <= max(a[1], b[1])
				if cross == 0 && within {
					return false
				}
			}
		}
	}
	return true
}

// The inner point is strictly inside the shape whatever the shape: an L
// whose notch is at the middle latitude, a ring whose middle is a hole,
// two parts, vertices on the middle latitude, a ring not closed.
func TestInnerPointIsStrictlyInside(t *testing.T) {
	square := func(x0, y0, x1, y1 float64) orb.Ring {
		return orb.Ring{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}}
	}
	cases := []struct {
		name string
		mp   orb.MultiPolygon
	}{
		{"a square", orb.MultiPolygon{{square(0, 0, 2, 2)}}},
		{"an L", orb.MultiPolygon{{{{0, 0}, {3, 0}, {3, 1}, {1, 1}, {1, 3}, {0, 3}, {0, 0}}}}},
		{"an L with an edge on the middle latitude", orb.MultiPolygon{{{{4, 0}, {5, 0}, {5, 4}, {0, 4}, {0, 2}, {4, 2}, {4, 0}}}}},
		{"a ring around a yard", orb.MultiPolygon{{square(0, 0, 10, 10), square(2, 2, 8, 8)}}},
		{"two parts", orb.MultiPolygon{{square(0, 0, 1, 1)}, {square(5, 5, 9, 9)}}},
		{"a vertex on the middle latitude", orb.MultiPolygon{{{{0, 0}, {4, 0}, {6, 2}, {4, 4}, {0, 4}, {0, 0}}}}},
		{"a ring not closed", orb.MultiPolygon{{{{0, 0}, {4, 0}, {4, 4}, {0, 4}}}}},
	}
	for _, c := range cases {
		pt, ok := InnerPoint(c.mp)
		if !ok || !strictlyInside(c.mp, pt) {
			t.Errorf("%s: inner point %v (%v) is not strictly inside", c.name, pt, ok)
		}
	}
	if _, ok := InnerPoint(orb.MultiPolygon{{{{0, 0}, {1, 1}, {2, 2}, {0, 0}}}}); ok {
		t.Error("a shape without area has an inner point")
	}
	// The widest span of all the parts: the larger square's.
	if pt, _ := InnerPoint(cases[4].mp); !planar.PolygonContains(cases[4].mp[1], pt) {
		t.Errorf("two parts: %v is not in the wider one", pt)
	}
}

// Random star-shaped parcels with vertices on a coarse grid (so that many
// share a latitude with the middle, or with each other): the inner point is
// strictly inside every one. The seed is printed (LANDWATCH_TEST_SEED
// repeats it).
func TestInnerPointOfRandomParcels(t *testing.T) {
	seed := testSeed(t)
	r := rand.New(rand.NewPCG(seed, 1))
	for n := range 2000 {
		k := 3 + r.IntN(12)
		ring := make(orb.Ring, 0, k+1)
		for i := range k {
			angle := 2 * math.Pi * (float64(i) + r.Float64()*0.8) / float64(k)
			radius := float64(1 + r.IntN(8))
			ring = append(ring, orb.Point{math.Round(10 * radius * math.Cos(angle)), math.Round(10 * radius * math.Sin(angle))})
		}
		ring = append(ring, ring[0])
		mp := orb.MultiPolygon{{ring}}
		if planar.Area(mp) == 0 {
			continue
		}
		if pt, ok := InnerPoint(mp); !ok || !strictlyInside(mp, pt) {
			t.Fatalf("parcel %d (seed %d) %v: inner point %v (%v) is not strictly inside", n, seed, ring, pt, ok)
		}
	}
}

// The inner point is the one PostGIS's ST_PointOnSurface gives (GEOS's
// InteriorPointArea, whose method it follows), and PostGIS finds it
// strictly inside (ST_Contains): on the real parcels of the sample, and on
// random parcels all over China with holes and second parts.
func TestInnerPointAgreesWithPostGIS(t *testing.T) {
	conn := oracle(t)
	rng := rand.New(rand.NewPCG(testSeed(t), 6))
	var mps []orb.MultiPolygon
	for _, p := range loadSample(t) {
		mps = append(mps, p.Geometry)
	}
	for range 300 {
		lon, lat := 75+rng.Float64()*60, 5+rng.Float64()*48
		size := 2e-4 + rng.Float64()*2e-2
		poly := orb.Polygon{randomStar(rng, lon, lat, size, 5+rng.IntN(36))}
		if rng.IntN(3) == 0 {
			poly = append(poly, randomStar(rng, lon, lat, size/4, 4))
		}
		mp := orb.MultiPolygon{poly}
		if rng.IntN(4) == 0 {
			mp = append(mp, orb.Polygon{randomStar(rng, lon+3*size, lat, size*rng.Float64(), 4+rng.IntN(8))})
		}
		mps = append(mps, mp)
	}
	wkbs, xs, ys := make([][]byte, len(mps)), make([]float64, len(mps)), make([]float64, len(mps))
	for i, mp := range mps {
		b, err := EncodeEWKB(mp)
		if err != nil {
			t.Fatal(err)
		}
		pt, ok := InnerPoint(mp)
		if !ok {
			t.Fatalf("geometry %d has no inner point", i)
		}
		wkbs[i], xs[i], ys[i] = b, pt[0], pt[1]
	}
	rows, err := conn.Query(context.Background(), `
		SELECT ST_X(s), ST_Y(s), ST_Contains(g, ST_SetSRID(ST_MakePoint(x, y), 4490))
		FROM unnest($1::bytea[], $2::float8[], $3::float8[]) WITH ORDINALITY AS u(b, x, y, i),
		     LATERAL ST_GeomFromEWKB(b) AS g, LATERAL ST_PointOnSurface(g) AS s
		ORDER BY i`, wkbs, xs, ys)
	if err != nil {
		t.Fatal(err)
	}
	i, same := 0, 0
	for rows.Next() {
		var x, y float64
		var inside bool
		if err := rows.Scan(&x, &y, &inside); err != nil {
			t.Fatal(err)
		}
		if !inside {
			t.Errorf("geometry %d: PostGIS does not find %v strictly inside", i, orb.Point{xs[i], ys[i]})
		}
		if math.Abs(x-xs[i]) <= 1e-9 && math.Abs(y-ys[i]) <= 1e-9 {
			same++
		} else {
			t.Errorf("geometry %d: inner point %v, ST_PointOnSurface %v", i, orb.Point{xs[i], ys[i]}, orb.Point{x, y})
		}
		i++
	}
	if err := rows.Err(); err != nil || i != len(mps) {
		t.Fatalf("PostGIS answered %d of %d geometries: %v", i, len(mps), err)
	}
	t.Logf("%d of %d inner points are ST_PointOnSurface's", same, len(mps))
}

// The inner point is found once a parcel, when the index is built: go test
// -run '^$' -bench InnerPoint ./spatial gives its cost for a parcel of a
// dozen vertices.
func BenchmarkInnerPoint(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 1))
	shapes := make([]orb.MultiPolygon, 1000)
	for i := range shapes {
		ring := make(orb.Ring, 0, 13)
		for k := range 12 {
			angle, radius := 2*math.Pi*float64(k)/12, 0.001*(1+r.Float64())
			ring = append(ring, orb.Point{116 + radius*math.Cos(angle), 39 + radius*math.Sin(angle)})
		}
		shapes[i] = orb.MultiPolygon{{append(ring, ring[0])}}
	}
	for i := 0; b.Loop(); i++ {
		InnerPoint(shapes[i%len(shapes)])
	}
}
