package spatial

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"
)

// squareAround returns a square parcel of side metres centred on the
// longitude/latitude c, drawn in c's zone.
func squareAround(c orb.Point, side float64) orb.MultiPolygon {
	z := Zone3Of(c[0])
	n, e := ToPlane(z.CentralMeridian(), c[0], c[1])
	var ring orb.Ring
	for _, d := range [][2]float64{{-1, -1}, {1, -1}, {1, 1}, {-1, 1}, {-1, -1}} {
		lon, lat := ToGeographic(z.CentralMeridian(), n+d[1]*side/2, e+d[0]*side/2)
		ring = append(ring, orb.Point{lon, lat})
	}
	return orb.MultiPolygon{{ring}}
}

// roadParcels returns the 18,606-vertex road of testdata and squares of
// 20 m centred on random vertices of its outer ring, half on its edge and
// half inside or outside it.
func roadParcels(t testing.TB, rng *rand.Rand, n int) (*Prepared, []*Prepared) {
	road := loadRoads(t)["13048"]
	outer := road[0][0]
	parcels := make([]*Prepared, n)
	for i := range parcels {
		parcels[i] = Prepare(squareAround(outer[rng.IntN(len(outer))], 20))
	}
	return Prepare(road), parcels
}

func TestSmallParcelsAgainstALongRoadAgreeWithBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(testSeed(t), 40))
	road, parcels := roadParcels(t, rng, 40)
	touching := 0
	for i, p := range parcels {
		q := road.inZone(p.Zone)
		got, want := IntersectionArea(p, road), bruteArea(p, q)
		if math.Abs(got-want) > 1e-6*max(1, want) {
			t.Errorf("parcel %d: IntersectionArea = %.9g m², brute force %.9g", i, got, want)
		}
		if back := IntersectionArea(road, p); road.Zone == p.Zone && math.Abs(back-got) > 1e-9*max(1, got) {
			t.Errorf("parcel %d: IntersectionArea(road, parcel) = %.9g m², (parcel, road) %.9g", i, back, got)
		}
		if got > 0 && got < p.Area() {
			touching++
		}
	}
	if touching < len(parcels)/2 {
		t.Fatalf("only %d of %d parcels straddle the road's edge", touching, len(parcels))
	}
}

func BenchmarkIntersectionArea(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 41))
	block := loadParisBlock(b)
	var neighbours [2]*Prepared
	for i := range block {
		p := Prepare(block[i])
		for j := i + 1; j < len(block) && neighbours[0] == nil; j++ {
			q := Prepare(block[j])
			if p.Bound.Intersects(q.Bound) && IntersectionArea(p, q) == 0 {
				neighbours = [2]*Prepared{p, q}
			}
		}
		if neighbours[0] != nil {
			break
		}
	}
	road, parcels := roadParcels(b, rng, 1)
	dup := Prepare(block[0])
	for _, c := range []struct {
		name string
		a, b *Prepared
	}{
		{"neighbours sharing an edge", neighbours[0], neighbours[1]},
		{"a parcel and its duplicate", dup, Prepare(block[0])},
		{"a 20 m parcel and an 18,606-vertex road", parcels[0], road},
		{"an 18,606-vertex road and a 20 m parcel", road, parcels[0]},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				IntersectionArea(c.a, c.b)
			}
		})
	}
}
