package seed

import (
	"math"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"

	"landwatch/land"
)

// bboxGrid finds parcels whose bounding box holds a point, by cells of a
// regular grid over the city.
type bboxGrid struct {
	cell  float64
	cells map[[2]int][]int
	boxes []orb.Bound
}

func newBBoxGrid(boxes []orb.Bound, cell float64) *bboxGrid {
	g := &bboxGrid{cell: cell, cells: map[[2]int][]int{}, boxes: boxes}
	for i, b := range boxes {
		for x := int(math.Floor(b.Min[0] / cell)); x <= int(math.Floor(b.Max[0]/cell)); x++ {
			for y := int(math.Floor(b.Min[1] / cell)); y <= int(math.Floor(b.Max[1]/cell)); y++ {
				g.cells[[2]int{x, y}] = append(g.cells[[2]int{x, y}], i)
			}
		}
	}
	return g
}

// at returns the parcels whose box holds p.
func (g *bboxGrid) at(p orb.Point) []int {
	var out []int
	for _, i := range g.cells[[2]int{int(math.Floor(p[0] / g.cell)), int(math.Floor(p[1] / g.cell))}] {
		if g.boxes[i].Contains(p) {
			out = append(out, i)
		}
	}
	return out
}

// interiorPoint returns a point well inside mp: the middle of a short step
// inward from the midpoint of its outer ring's longest edge.
func interiorPoint(mp orb.MultiPolygon) (orb.Point, bool) {
	ring := mp[0][0]
	best, at := 0.0, 0
	for i := 0; i+1 < len(ring); i++ {
		if d := planar.Distance(ring[i], ring[i+1]); d > best {
			best, at = d, i
		}
	}
	a, b := ring[at], ring[at+1]
	mid := orb.Point{(a[0] + b[0]) / 2, (a[1] + b[1]) / 2}
	// Step to the left of the edge (inside a counter-clockwise ring) by
	// about a metre.
	dx, dy := (b[0]-a[0])/best, (b[1]-a[1])/best
	p := orb.Point{mid[0] - dy*1e-5, mid[1] + dx*1e-5}
	return p, planar.MultiPolygonContains(mp, p)
}

func TestDesignedOverlaps(t *testing.T) {
	o := smallCity(3000)
	d := generateCity(t, o)
	index := map[string]int{}
	var geoms []orb.MultiPolygon
	var owner []int
	for i, s := range d.Supplies {
		index[s.ENumber] = i
		for _, pc := range s.Parcels {
			geoms = append(geoms, pc.Geometry)
			owner = append(owner, i)
		}
	}
	designed := map[[2]int]Overlap{}
	for _, ov := range d.Overlaps {
		a, okA := index[ov.First]
		b, okB := index[ov.Second]
		if !okA || !okB {
			t.Fatalf("overlap %s / %s names an unknown supply", ov.First, ov.Second)
		}
		designed[[2]int{a, b}], designed[[2]int{b, a}] = ov, ov
	}

	t.Run("about one supply in a hundred is drawn over another", func(t *testing.T) {
		live := 0
		for _, ov := range d.Overlaps {
			if ov.Live {
				live++
			}
		}
		if share := float64(live) / float64(len(d.Supplies)); share < 0.004 || share > 0.02 {
			t.Fatalf("%d live overlaps among %d supplies (%.2f %%), want about 1 %%", live, len(d.Supplies), 100*share)
		}
	})
	t.Run("each duplicate lies over its supply with the recorded area", func(t *testing.T) {
		small, whole := 0, 0
		for _, ov := range d.Overlaps {
			first, second := &d.Supplies[index[ov.First]], &d.Supplies[index[ov.Second]]
			if !first.ContractDate.Before(second.ContractDate) && first.ContractDate != second.ContractDate {
				t.Errorf("%s is contracted %s, before the supply %s of %s it is drawn over", ov.Second, second.ContractDate, ov.First, first.ContractDate)
			}
			outer, inner := first.Parcels[0], second.Parcels[0]
			bo, bi := outer.Geometry.Bound(), inner.Geometry.Bound()
			if !bo.Pad(1e-7).Contains(bi.Min) || !bo.Pad(1e-7).Contains(bi.Max) {
				t.Errorf("%s's box %v is not inside %s's %v", ov.Second, bi, ov.First, bo)
			}
			if ov.AreaM2 < 10 || ov.AreaM2 > outer.PlaneAreaM2*1.0001 || math.Abs(ov.AreaM2-inner.PlaneAreaM2) > 1e-6 {
				t.Errorf("%s over %s: %.1f m², parcels %.1f and %.1f m²", ov.Second, ov.First, ov.AreaM2, outer.PlaneAreaM2, inner.PlaneAreaM2)
			}
			if ov.Whole != orb.Equal(outer.Geometry, inner.Geometry) {
				t.Errorf("%s over %s: whole %v, geometries equal %v", ov.Second, ov.First, ov.Whole, !ov.Whole)
			}
			if ov.Live != (first.Stage != land.StageReclaimed && second.Stage != land.StageReclaimed) {
				t.Errorf("%s over %s: live %v with stages %s and %s", ov.Second, ov.First, ov.Live, first.Stage, second.Stage)
			}
			if ov.AreaM2 < 100 {
				small++
			}
			if ov.Whole {
				whole++
			}
		}
		if small == 0 || whole == 0 || whole == len(d.Overlaps) {
			t.Fatalf("%d overlaps under 100 m², %d whole of %d: want both kinds", small, whole, len(d.Overlaps))
		}
	})
	t.Run("apart from the designed overlaps no parcel lies inside another", func(t *testing.T) {
		boxes := make([]orb.Bound, len(geoms))
		for i, g := range geoms {
			boxes[i] = g.Bound()
		}
		grid := newBBoxGrid(boxes, 0.005)
		tested, found := 0, 0
		for i, g := range geoms {
			p, ok := interiorPoint(g)
			if !ok {
				continue
			}
			tested++
			for _, j := range grid.at(p) {
				if j == i || owner[j] == owner[i] || !planar.MultiPolygonContains(geoms[j], p) {
					continue
				}
				if _, ok := designed[[2]int{owner[i], owner[j]}]; !ok {
					t.Fatalf("a point of %s lies inside %s, an overlap nobody designed",
						d.Supplies[owner[i]].ENumber, d.Supplies[owner[j]].ENumber)
				}
				found++
			}
		}
		if tested < len(geoms)*9/10 || found < len(d.Overlaps)/2 {
			t.Fatalf("%d of %d parcels tested, %d points in designed overlaps of %d: the check sees too little",
				tested, len(geoms), found, len(d.Overlaps))
		}
	})
	t.Run("slivers stay under a square metre", func(t *testing.T) {
		if len(d.Slivers) == 0 {
			t.Fatal("no slivers")
		}
		for _, s := range d.Slivers {
			if s.MaxAreaM2 <= 0 || s.MaxAreaM2 >= 1 {
				t.Fatalf("%s: sliver of up to %.3f m²", s.ENumber, s.MaxAreaM2)
			}
			if _, ok := index[s.ENumber]; !ok {
				t.Fatalf("sliver names unknown supply %s", s.ENumber)
			}
		}
	})
}
