package spatial

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/paulmach/orb"
)

// randomFabric cuts the block [0, w] × [0, h] (local metres) into
// rectangles by random straight cuts at whole metres, like a cadastral
// sheet, and returns their rings. When noded, each ring also passes
// through every corner of its neighbours lying on its sides, as a clean
// cadastre draws them; otherwise those corners are T-junctions.
func randomFabric(rng *rand.Rand, w, h float64, depth int, noded bool) []orb.Ring {
	type box struct{ x0, y0, x1, y1 float64 }
	boxes := []box{{0, 0, w, h}}
	for range depth {
		var next []box
		for _, b := range boxes {
			switch {
			case b.x1-b.x0 >= 4 && (rng.IntN(2) == 0 || b.y1-b.y0 < 4):
				x := b.x0 + 1 + float64(rng.IntN(int(b.x1-b.x0)-1))
				next = append(next, box{b.x0, b.y0, x, b.y1}, box{x, b.y0, b.x1, b.y1})
			case b.y1-b.y0 >= 4:
				y := b.y0 + 1 + float64(rng.IntN(int(b.y1-b.y0)-1))
				next = append(next, box{b.x0, b.y0, b.x1, y}, box{b.x0, y, b.x1, b.y1})
			default:
				next = append(next, b)
			}
		}
		boxes = next
	}
	var corners []orb.Point
	for _, b := range boxes {
		corners = append(corners, orb.Point{b.x0, b.y0}, orb.Point{b.x1, b.y0}, orb.Point{b.x1, b.y1}, orb.Point{b.x0, b.y1})
	}
	rings := make([]orb.Ring, len(boxes))
	for i, b := range boxes {
		sides := [4][2]orb.Point{{{b.x0, b.y0}, {b.x1, b.y0}}, {{b.x1, b.y0}, {b.x1, b.y1}},
			{{b.x1, b.y1}, {b.x0, b.y1}}, {{b.x0, b.y1}, {b.x0, b.y0}}}
		var r orb.Ring
		for _, s := range sides {
			r = append(r, s[0])
			if !noded {
				continue
			}
			var on []orb.Point
			for _, c := range corners {
				if c != s[0] && c != s[1] && orient(s[0], s[1], c) == 0 && onSegment(s[0], s[1], c) && !slices.Contains(on, c) {
					on = append(on, c)
				}
			}
			slices.SortFunc(on, func(p, q orb.Point) int {
				return cmpFloat(math.Abs(p[0]-s[0][0])+math.Abs(p[1]-s[0][1]), math.Abs(q[0]-s[0][0])+math.Abs(q[1]-s[0][1]))
			})
			r = append(r, on...)
		}
		rings[i] = append(r, r[0])
	}
	return rings
}

func TestParcelsOfARandomFabricShareNoAreaAndCoverTheirBlock(t *testing.T) {
	rng := rand.New(rand.NewPCG(testSeed(t), 30))
	for _, c := range []struct {
		name  string
		noded bool
		plane bool // exact plane coordinates, else through longitude/latitude
		tol   float64
	}{
		{"a noded fabric in exact plane coordinates", true, true, 1e-9},
		{"a fabric with T-junctions in exact plane coordinates", false, true, 1e-9},
		{"a noded fabric through longitude and latitude", true, false, 1e-9},
		// Through longitude/latitude a neighbour's corner is no longer
		// exactly on the side it touches: slivers of 1e-10 m² remain.
		{"a fabric with T-junctions through longitude and latitude", false, false, InteriorEpsilonM2},
	} {
		t.Run(c.name, func(t *testing.T) {
			for round := range 4 {
				rings := randomFabric(rng, 60, 40, 6, c.noded)
				parcels := make([]*Prepared, len(rings))
				for i, r := range rings {
					parcels[i] = localShape(localPoly(r))
					if !c.plane {
						parcels[i] = Prepare(parcels[i].Geom)
					}
				}
				block := localShape(localPoly(localRect(0, 0, 60, 40)))
				if !c.plane {
					block = Prepare(block.Geom)
				}
				for i, p := range parcels {
					if got := IntersectionArea(p, p); math.Abs(got-p.Area()) > 1e-9*p.Area() {
						t.Fatalf("round %d: parcel %d with itself: %.12g m², want its area %.12g", round, i, got, p.Area())
					}
					for j, q := range parcels[i+1:] {
						if got := IntersectionArea(p, q); got > c.tol {
							t.Fatalf("round %d: parcels %d and %d share %.3g m²\n%v\n%v", round, i, i+1+j, got, localOf(p), localOf(q))
						}
					}
				}
				if got := CoveredShare(block, parcels); math.Abs(got-1) > 1e-9 {
					t.Fatalf("round %d: the parcels cover %.12f of their block, want 1", round, got)
				}
				if got := CoveredShare(parcels[0], parcels[1:]); got > c.tol {
					t.Fatalf("round %d: the other parcels cover %.3g of parcel 0, want 0", round, got)
				}
			}
		})
	}
}
