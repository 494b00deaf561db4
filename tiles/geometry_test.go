package tiles

import (
	"math"
	"math/rand/v2"
	"testing"
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
