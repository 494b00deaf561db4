package spatial

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/paulmach/orb"
)

// localStar returns a star-shaped ring of n vertices around (cx, cy) in
// local metres, its radius varying between lo and hi times r; with lo = hi
// it is convex. The angles are jittered around even steps, so that no gap
// reaches half a turn and the ring never crosses itself.
func localStar(rng *rand.Rand, cx, cy, r, lo, hi float64, n int) orb.Ring {
	out := make(orb.Ring, 0, n+1)
	turn := rng.Float64()
	for i := 0; i < n; i++ {
		a := 2 * math.Pi * (float64(i) + turn + 0.3*rng.Float64()) / float64(n)
		rad := r * (lo + (hi-lo)*rng.Float64())
		out = append(out, orb.Point{cx + rad*math.Cos(a), cy + rad*math.Sin(a)})
	}
	return append(out, out[0])
}

// localGridRing returns a triangle or quadrilateral with vertices on the
// integer grid [0, size]², not self-crossing and of positive area, so that
// random pairs are full of shared edges, vertices on edges and duplicates.
func localGridRing(rng *rand.Rand, size int) orb.Ring {
	for {
		n := 3 + rng.IntN(2)
		cx, cy := float64(rng.IntN(size+1)), float64(rng.IntN(size+1))
		pts := make([]orb.Point, 0, n)
		for range n {
			pts = append(pts, orb.Point{float64(rng.IntN(size + 1)), float64(rng.IntN(size + 1))})
		}
		// Sorting by angle around a grid point keeps it simple in most
		// cases; the checks below reject the rest.
		slices.SortFunc(pts, func(a, b orb.Point) int {
			return cmpFloat(math.Atan2(a[1]-cy, a[0]-cx), math.Atan2(b[1]-cy, b[0]-cx))
		})
		r := append(orb.Ring(pts), pts[0])
		if simpleLocalRing(r) {
			return r
		}
	}
}

// simpleLocalRing reports whether a small local ring has positive area and
// no two non-adjacent edges touching.
func simpleLocalRing(r orb.Ring) bool {
	n := len(r) - 1
	var area float64
	for i := 0; i < n; i++ {
		area += r[i][0]*r[i+1][1] - r[i+1][0]*r[i][1]
	}
	if area == 0 {
		return false
	}
	for i := 0; i < n; i++ {
		if r[i] == r[i+1] {
			return false
		}
		for j := i + 1; j < n; j++ {
			if kind, _ := segmentContact(r[i], r[i+1], r[j], r[j+1]); kind != apart {
				adjacent := j == i+1 || (i == 0 && j == n-1)
				if !adjacent || kind == overlap {
					return false
				}
			}
		}
	}
	return true
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// localOf returns the plane rings of p in local metres, for messages.
func localOf(p *Prepared) [][]orb.Point {
	var out [][]orb.Point
	for ri := range p.rings {
		r := &p.rings[ri]
		var pts []orb.Point
		for k := 0; k < int(r.n); k++ {
			v := p.vertex(r, k)
			pts = append(pts, orb.Point{v[0] - testOrigin[0], v[1] - testOrigin[1]})
		}
		out = append(out, pts)
	}
	return out
}

// randomLocalPair returns two overlapping-ish test shapes of one of
// several kinds, and the kind's name.
func randomLocalPair(rng *rand.Rand) (string, *Prepared, *Prepared) {
	star := func(cx, cy float64) orb.Ring {
		return localStar(rng, cx, cy, 20+rng.Float64()*30, 0.3, 1, 3+rng.IntN(14))
	}
	convex := func(cx, cy float64) orb.Ring {
		return localStar(rng, cx, cy, 20+rng.Float64()*30, 1, 1, 3+rng.IntN(14))
	}
	near := func() float64 { return rng.Float64() * 40 }
	switch rng.IntN(6) {
	case 0:
		return "convex polygons", localShape(localPoly(convex(0, 0))), localShape(localPoly(convex(near(), near())))
	case 1:
		return "star-shaped polygons", localShape(localPoly(star(0, 0))), localShape(localPoly(star(near(), near())))
	case 2:
		outer := localStar(rng, 0, 0, 50, 0.5, 1, 8+rng.IntN(10))
		hole := localStar(rng, 0, 0, 20, 0.3, 1, 3+rng.IntN(8))
		return "a polygon with a hole and a star", localShape(localPoly(outer, hole)), localShape(localPoly(star(near()-20, near()-20)))
	case 3:
		a := localShape(localPoly(star(-60, 0)), localPoly(star(60, 0)))
		return "a multipart polygon and a star", a, localShape(localPoly(localStar(rng, near()-20, near()-20, 80, 0.3, 1, 12)))
	case 4:
		return "grid polygons sharing edges and vertices", localShape(localPoly(localGridRing(rng, 4))), localShape(localPoly(localGridRing(rng, 4)))
	default:
		outer := localRect(0, 0, float64(4+rng.IntN(4)), float64(4+rng.IntN(4)))
		hole := localRect(1, 1, float64(2+rng.IntN(2)), float64(2+rng.IntN(2)))
		return "grid polygons with holes", localShape(localPoly(outer, hole)), localShape(localPoly(localGridRing(rng, 8)))
	}
}

func TestIntersectionAreaMatchesBruteForceOnRandomPairs(t *testing.T) {
	rng := rand.New(rand.NewPCG(testSeed(t), 1))
	for i := 0; i < 3000; i++ {
		kind, a, b := randomLocalPair(rng)
		got, want := IntersectionArea(a, b), bruteArea(a, b)
		if math.Abs(got-want) > 1e-7+1e-9*want {
			t.Fatalf("pair %d (%s): IntersectionArea = %.12g m², brute force %.12g\na: %v\nb: %v", i, kind, got, want, localOf(a), localOf(b))
		}
		if back := IntersectionArea(b, a); math.Abs(back-got) > 1e-7+1e-9*want {
			t.Fatalf("pair %d (%s): IntersectionArea(a, b) = %.12g m² but (b, a) = %.12g", i, kind, got, back)
		}
	}
}

func TestCoveredShareMatchesBruteForceOnRandomCovers(t *testing.T) {
	rng := rand.New(rand.NewPCG(testSeed(t), 2))
	for i := 0; i < 500; i++ {
		var p *Prepared
		if rng.IntN(2) == 0 {
			p = localShape(localPoly(localRect(0, 0, 8, 8), localRect(2, 2, 4, 5)))
		} else {
			p = localShape(localPoly(localGridRing(rng, 8)))
		}
		cover := make([]*Prepared, 1+rng.IntN(6))
		for j := range cover {
			if rng.IntN(3) == 0 {
				cover[j] = p // a footprint drawn along the parcel's own boundary
				continue
			}
			cover[j] = localShape(localPoly(localGridRing(rng, 8)))
		}
		got := CoveredShare(p, cover)
		want := bruteArea(p, cover...) / p.Area()
		if math.Abs(got-want) > 1e-9 {
			t.Fatalf("case %d: CoveredShare = %.12g, brute force %.12g\np: %v\ncover: %v", i, got, want, localOf(p), locals(cover))
		}
	}
}

func locals(ps []*Prepared) [][][]orb.Point {
	out := make([][][]orb.Point, len(ps))
	for i, p := range ps {
		out[i] = localOf(p)
	}
	return out
}

func TestIntersectionAreaOfInvalidPolygonsIsFiniteAndNeverPanics(t *testing.T) {
	rng := rand.New(rand.NewPCG(testSeed(t), 3))
	scribble := func() *Prepared {
		// Random vertices in random order: bow-ties, spikes, repeated
		// points and rings crossing each other.
		var polys []orb.Polygon
		for range 1 + rng.IntN(2) {
			var rings []orb.Ring
			for range 1 + rng.IntN(2) {
				var r orb.Ring
				for range 3 + rng.IntN(8) {
					r = append(r, orb.Point{float64(rng.IntN(6)), float64(rng.IntN(6))})
				}
				rings = append(rings, append(r, r[0]))
			}
			polys = append(polys, rings)
		}
		return localShape(polys...)
	}
	for i := range 500 {
		a, b := scribble(), scribble()
		got := IntersectionArea(a, b)
		if math.IsNaN(got) || math.IsInf(got, 0) || got < 0 {
			t.Fatalf("case %d: IntersectionArea = %v\na: %v\nb: %v", i, got, localOf(a), localOf(b))
		}
		if share := CoveredShare(a, []*Prepared{b, scribble()}); math.IsNaN(share) || share < 0 || share > 1 {
			t.Fatalf("case %d: CoveredShare = %v", i, share)
		}
	}
}
