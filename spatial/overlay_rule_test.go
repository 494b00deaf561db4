package spatial

import (
	"math"
	"testing"
)

func TestOverlapRuleSeparatesOverlapsFromEdgesAndSlivers(t *testing.T) {
	big := localShape(localPoly(localRect(0, 0, 100, 100))) // 10,000 m²
	for _, c := range []struct {
		name  string
		rule  OverlapRule
		other *Prepared
		want  bool
		area  float64
	}{
		{"a neighbour sharing an edge is no overlap",
			DefaultOverlapRule(), localShape(localPoly(localRect(100, 0, 200, 100))), false, 0},
		{"a neighbour sharing an edge is no overlap even under the empty rule",
			OverlapRule{}, localShape(localPoly(localRect(100, 0, 200, 100))), false, 0},
		{"a survey-rounding sliver of 0.5 m² is no overlap",
			DefaultOverlapRule(), localShape(localPoly(localRect(99.995, 0, 200, 100))), false, 0.5},
		{"the same sliver is an overlap under the empty rule",
			OverlapRule{}, localShape(localPoly(localRect(99.995, 0, 200, 100))), true, 0.5},
		{"2 m² between a 10,000 m² parcel and a huge one is below 0.1 % of the smaller",
			DefaultOverlapRule(), localShape(localPoly(localRect(99.98, -9900, 10099.98, 100))), false, 2},
		{"5 m² into a large parcel is below 0.1 % of the smaller",
			DefaultOverlapRule(), localShape(localPoly(localRect(99.95, 0, 10000, 10000))), false, 5},
		{"15 m² into a large parcel is above 1 m² and 0.1 % of the smaller",
			DefaultOverlapRule(), localShape(localPoly(localRect(99.85, 0, 10000, 10000))), true, 15},
		{"a duplicate is an overlap of its whole area",
			DefaultOverlapRule(), localShape(localPoly(localRect(0, 0, 100, 100))), true, 10000},
		{"a parcel inside another is an overlap of its whole area",
			DefaultOverlapRule(), localShape(localPoly(localRect(10, 10, 20, 20))), true, 100},
		{"1.5 m² of a 5 m² parcel over a corner is an overlap",
			DefaultOverlapRule(), localShape(localPoly(localRect(98.5, 99, 101, 101))), true, 1.5},
	} {
		t.Run(c.name, func(t *testing.T) {
			o, ok := c.rule.Check(big, c.other)
			if ok != c.want {
				t.Fatalf("Check = %v (%.6g m²), want %v", ok, IntersectionArea(big, c.other), c.want)
			}
			if !ok {
				return
			}
			if math.Abs(o.AreaM2-c.area) > 1e-6 {
				t.Errorf("area %.9g m², want %.9g", o.AreaM2, c.area)
			}
			if math.Abs(o.ShareA-c.area/big.Area()) > 1e-12 || math.Abs(o.ShareB-min(c.area/c.other.Area(), 1)) > 1e-12 {
				t.Errorf("shares %.9g and %.9g, want %.9g and %.9g", o.ShareA, o.ShareB, c.area/big.Area(), c.area/c.other.Area())
			}
		})
	}
}

func TestContainsPointAndDistanceToOfSimpleCases(t *testing.T) {
	cm := testZone.CentralMeridian()
	p := localShape(localPoly(localRect(0, 0, 10, 10), localRect(4, 4, 6, 6)))
	for _, c := range []struct {
		name     string
		x, y     float64 // local metres
		contains bool
		distance float64
	}{
		{"a point inside is contained at distance 0", 2, 2, true, 0},
		{"a point in the hole is outside, 1 m from the hole's edge", 5, 5, false, 1},
		{"a point on the boundary (on the central meridian, which projects exactly) is contained", 0, 5, true, 0},
		{"a point 3 m east is 3 m away", 13, 5, false, 3},
		{"a point off a corner is as far as the corner", 13, 14, false, 5},
	} {
		t.Run(c.name, func(t *testing.T) {
			lon, lat := ToGeographic(cm, c.y+testOrigin[1], c.x+testOrigin[0])
			if got := ContainsPoint(p, lon, lat); got != c.contains {
				t.Errorf("ContainsPoint = %v, want %v", got, c.contains)
			}
			// The point went through longitude/latitude and back: nanometres.
			if got := DistanceTo(p, lon, lat); math.Abs(got-c.distance) > 1e-6 {
				t.Errorf("DistanceTo = %.9f m, want %.9f", got, c.distance)
			}
		})
	}
}
