package tiles

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"
)

func TestTheTaylorProjectionAgreesWithTheExactOne(t *testing.T) {
	seed := rand.Uint64()
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewPCG(seed, 1))
	worst := 0.0
	for range 2000 {
		z := uint32(10 + rng.IntN(13))
		lon, lat := 73+rng.Float64()*63, 3+rng.Float64()*51
		n := math.Exp2(float64(z))
		s := math.Sin(lat * math.Pi / 180)
		x := uint32((lon + 180) / 360 * n)
		y := uint32((0.5 - math.Log((1+s)/(1-s))/(4*math.Pi)) * n)
		p := newProjector(z, x, y)
		// Anywhere in the tile and its buffer.
		b := tileBound(z, x, y)
		plon := b.Min[0] + rng.Float64()*(b.Max[0]-b.Min[0])
		plat := b.Min[1] + rng.Float64()*(b.Max[1]-b.Min[1])
		_, approx := p.point(plon, plat)
		exact := p.exactY(plat * math.Pi / 180)
		worst = math.Max(worst, math.Abs(approx-exact))
	}
	if worst > 0.01 {
		t.Errorf("largest difference %.6f tile units, want under 0.01", worst)
	}
	t.Logf("largest difference %.2e tile units", worst)
}

// TestALongRingAroundTheTileIsClippedToIt: a parcel far larger than the
// tile, its outline of 40,000 vertices all beyond the tile's edges (a road,
// a river), is drawn as the buffered tile's square: the vertices in a row
// beyond one edge are passed over, not lost from the shape.
func TestALongRingAroundTheTileIsClippedToIt(t *testing.T) {
	p := newProjector(14, 13461, 6246)
	b := tileBound(14, 13461, 6246)
	lo, hi := orb.Point{b.Min[0] - 0.01, b.Min[1] - 0.01}, orb.Point{b.Max[0] + 0.01, b.Max[1] + 0.01}
	var ring orb.Ring
	const n = 10000
	for i := range n {
		ring = append(ring, orb.Point{lo[0] + (hi[0]-lo[0])*float64(i)/n, lo[1]})
	}
	for i := range n {
		ring = append(ring, orb.Point{hi[0], lo[1] + (hi[1]-lo[1])*float64(i)/n})
	}
	for i := range n {
		ring = append(ring, orb.Point{hi[0] - (hi[0]-lo[0])*float64(i)/n, hi[1]})
	}
	for i := range n {
		ring = append(ring, orb.Point{lo[0], hi[1] - (hi[1]-lo[1])*float64(i)/n})
	}
	ring = append(ring, ring[0])
	e := encoder{grid: 4}
	got := e.cleanRing(p, ring)
	want := map[ipoint]bool{{clipLo, clipLo}: true, {clipHi, clipLo}: true, {clipHi, clipHi}: true, {clipLo, clipHi}: true}
	if len(got) != 4 {
		t.Fatalf("the ring clipped is %v, want the buffered tile's four corners", got)
	}
	for _, q := range got {
		if !want[q] {
			t.Errorf("corner %v is not one of the buffered tile's", q)
		}
	}
}
