package spatial

import (
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
// strictly inside every one. The seed is printed, to make a failure again.
func TestInnerPointOfRandomParcels(t *testing.T) {
	seed := rand.Uint64()
	t.Logf("seed %d", seed)
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
