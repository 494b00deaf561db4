package spatial

import (
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"landwatch/land"
)

// at returns a point east and north of Dingxing (115.78 E, 39.26 N) by x
// and y units of 1e-4° (about 8.6 m east, 11 m north).
func at(x, y float64) orb.Point { return orb.Point{115.78 + x*1e-4, 39.26 + y*1e-4} }

// ring builds a ring from x, y unit pairs as given (not closed for you).
func ring(xy ...float64) orb.Ring {
	r := make(orb.Ring, 0, len(xy)/2)
	for i := 0; i+1 < len(xy); i += 2 {
		r = append(r, at(xy[i], xy[i+1]))
	}
	return r
}

// box returns the closed counter-clockwise ring of the rectangle from
// (x0, y0) to (x1, y1) in units.
func box(x0, y0, x1, y1 float64) orb.Ring {
	return ring(x0, y0, x1, y0, x1, y1, x0, y1, x0, y0)
}

func TestValidateAcceptsValidGeometry(t *testing.T) {
	cases := []struct {
		name string
		mp   orb.MultiPolygon
	}{
		{"a square", orb.MultiPolygon{{box(0, 0, 10, 10)}}},
		{"a clockwise square", orb.MultiPolygon{{ring(0, 0, 0, 10, 10, 10, 10, 0, 0, 0)}}},
		{"a square with a hole", orb.MultiPolygon{{box(0, 0, 10, 10), box(2, 2, 4, 4)}}},
		{"a square with a hole touching the outer ring at one point",
			orb.MultiPolygon{{box(0, 0, 10, 10), ring(0, 5, 3, 4, 3, 6, 0, 5)}}},
		{"a square with two holes touching at a corner",
			orb.MultiPolygon{{box(0, 0, 10, 10), box(2, 2, 4, 4), box(4, 4, 6, 6)}}},
		{"a chain of holes touching the outer ring once",
			orb.MultiPolygon{{box(0, 0, 10, 10), ring(0, 5, 3, 4, 3, 6, 0, 5), box(3, 6, 5, 8)}}},
		{"three holes meeting at one point",
			orb.MultiPolygon{{box(0, 0, 10, 10), ring(5, 5, 7, 5, 6, 7, 5, 5), ring(5, 5, 3, 6, 3, 4, 5, 5), ring(5, 5, 6, 2, 7, 3, 5, 5)}}},
		{"two separate squares", orb.MultiPolygon{{box(0, 0, 10, 10)}, {box(20, 0, 30, 10)}}},
		{"two squares touching at a corner", orb.MultiPolygon{{box(0, 0, 10, 10)}, {box(10, 10, 20, 20)}}},
		{"an island in a lake", orb.MultiPolygon{{box(0, 0, 10, 10), box(2, 2, 8, 8)}, {box(4, 4, 6, 6)}}},
		{"a ring repeating a vertex", orb.MultiPolygon{{ring(0, 0, 10, 0, 10, 0, 10, 10, 0, 10, 0, 0)}}},
		{"a ring with collinear vertices on an edge", orb.MultiPolygon{{ring(0, 0, 5, 0, 10, 0, 10, 10, 0, 10, 0, 0)}}},
		{"a concave ring", orb.MultiPolygon{{ring(0, 0, 10, 0, 10, 10, 5, 2, 0, 10, 0, 0)}}},
	}
	for _, c := range cases {
		t.Run(c.name+" is valid", func(t *testing.T) {
			if err := Validate(c.mp); err != nil {
				t.Errorf("Validate: %v", err)
			}
		})
	}
}

func TestValidateAcceptsEveryRealParcelOfTheSample(t *testing.T) {
	for _, p := range loadSample(t) {
		if err := Validate(p.Geometry); err != nil {
			t.Errorf("parcel %s: %v", p.ID, err)
		}
	}
}

func TestValidateSaysWhatIsWrongAndWhere(t *testing.T) {
	nan := orb.Point{115.78, nanValue()}
	cases := []struct {
		name string
		mp   orb.MultiPolygon
		says string // part of the message that locates the defect
	}{
		{"an empty geometry", orb.MultiPolygon{}, "empty"},
		{"a polygon without rings", orb.MultiPolygon{{box(0, 0, 10, 10)}, {}}, "polygon 1 has no rings"},
		{"an empty ring", orb.MultiPolygon{{box(0, 0, 10, 10), {}}}, "polygon 0, ring 1 (hole) is empty"},
		{"a NaN coordinate", orb.MultiPolygon{{{at(0, 0), at(10, 0), nan, at(0, 10), at(0, 0)}}}, "vertex 2 of polygon 0, ring 0 (outer): coordinate (115.78, NaN)"},
		{"an infinite coordinate", orb.MultiPolygon{{{at(0, 0), {posInf(), 39.26}, at(10, 10), at(0, 0)}}}, "vertex 1"},
		{"an open ring", orb.MultiPolygon{{ring(0, 0, 10, 0, 10, 10, 0, 10)}}, "polygon 0, ring 0 (outer) is not closed"},
		{"a ring of three points", orb.MultiPolygon{{ring(0, 0, 10, 0, 0, 0)}}, "3 points"},
		{"a ring of two distinct corners", orb.MultiPolygon{{ring(0, 0, 10, 0, 10, 0, 0, 0)}}, "2 distinct corners"},
		{"a vertex outside China", orb.MultiPolygon{{{at(0, 0), {150, 39.26}, at(10, 10), at(0, 0)}}}, "vertex 1 at (150, 39.26) of polygon 0, ring 0 (outer) lies outside China"},
		{"swapped longitude and latitude", orb.MultiPolygon{{{{39.26, 115.78}, {39.26, 115.79}, {39.27, 115.79}, {39.26, 115.78}}}}, "swapped"},
		{"a bow tie", orb.MultiPolygon{{ring(0, 0, 10, 10, 10, 0, 0, 10, 0, 0)}}, "ring 0 (outer) crosses itself at (115.7805, 39.2605)"},
		{"a ring pinched at a vertex", orb.MultiPolygon{{ring(0, 0, 10, 0, 5, 5, 10, 10, 0, 10, 5, 5, 0, 0)}}, "touches itself at (115.7805, 39.2605)"},
		{"a vertex on its own ring's edge", orb.MultiPolygon{{ring(0, 0, 10, 0, 10, 10, 5, 0, 0, 10, 0, 0)}}, "touches itself at (115.7805, 39.26)"},
		{"a spike running back over its edge", orb.MultiPolygon{{ring(0, 0, 10, 0, 15, 0, 12, 0, 10, 10, 0, 10, 0, 0)}}, "ring 0 (outer) touches itself at (115.7812, 39.26)"},
		{"a triangle folded flat", orb.MultiPolygon{{ring(0, 0, 10, 0, 5, 0, 0, 0)}}, "runs back over itself"},
		{"a hole outside its outer ring", orb.MultiPolygon{{box(0, 0, 10, 10), box(20, 20, 22, 22)}}, "polygon 0, ring 1 (hole) lies outside its outer ring"},
		{"a hole crossing its outer ring", orb.MultiPolygon{{box(0, 0, 10, 10), box(8, 8, 12, 12)}}, "the edge from vertex 2 to 3 of polygon 0, ring 0 (outer) and the edge from vertex 3 to 4 of polygon 0, ring 1 (hole) cross at (115.7808, 39.261)"},
		{"a hole sharing an edge with its outer ring", orb.MultiPolygon{{box(0, 0, 10, 10), box(0, 2, 4, 4)}}, "share a stretch of boundary"},
		{"a hole touching its outer ring twice", orb.MultiPolygon{{box(0, 0, 10, 10), ring(0, 5, 5, 3, 10, 5, 5, 7, 0, 5)}},
			"polygon 0: polygon 0, ring 0 (outer) and polygon 0, ring 1 (hole) touch at (115.781, 39.2605), closing a loop"},
		{"three holes touching in a loop",
			orb.MultiPolygon{{box(0, 0, 20, 20), ring(2, 2, 8, 2, 5, 5, 2, 2), ring(8, 2, 14, 2, 11, 6, 8, 2), ring(5, 5, 11, 6, 8, 9, 5, 5)}},
			"closing a loop of touching rings"},
		{"a hole crossing out of its outer ring at two vertices",
			orb.MultiPolygon{{ring(0, 0, 10, 0, 10, 10, 0, 10, 0, 0), ring(10, 5, 12, 6, 10, 7, 5, 6, 10, 5)}},
			"the edge from vertex 1 to 2 of polygon 0, ring 0 (outer) and the edge from vertex 2 to 3 of polygon 0, ring 1 (hole)"},
		{"two polygons crossing at a shared vertex",
			orb.MultiPolygon{{box(0, 0, 10, 10)}, {ring(0, 0, 10, 10, 12, 5, 12, -2, 0, 0)}},
			"the edge from vertex 0 to 1 of polygon 0, ring 0 (outer) and the edge from vertex 0 to 1 of polygon 1, ring 0 (outer) cross at (115.78, 39.26)"},
		{"a hole inside another hole", orb.MultiPolygon{{box(0, 0, 10, 10), box(1, 1, 9, 9), box(3, 3, 5, 5)}}, "polygon 0, ring 2 (hole) lies inside polygon 0, ring 1 (hole)"},
		{"two overlapping polygons", orb.MultiPolygon{{box(0, 0, 10, 10)}, {box(5, 5, 15, 15)}}, "polygon 0, ring 0 (outer)"},
		{"a polygon inside another", orb.MultiPolygon{{box(0, 0, 10, 10)}, {box(2, 2, 4, 4)}}, "polygon 1 lies inside polygon 0"},
		{"a parcel smaller than 1 m²", orb.MultiPolygon{{ring(0, 0, 0.001, 0, 0.001, 0.001, 0, 0)}}, "below the smallest"},
		{"a parcel larger than 100 km²", orb.MultiPolygon{{{{115, 39}, {116, 39}, {116, 40}, {115, 40}, {115, 39}}}}, "exceeds the largest"},
	}
	for _, c := range cases {
		t.Run(c.name+" is refused", func(t *testing.T) {
			err := Validate(c.mp)
			if land.ErrorCode(err) != land.CodeInvalid || land.ErrorField(err) != "geometry" {
				t.Fatalf("Validate = %v, want an invalid geometry error", err)
			}
			if !strings.Contains(err.Error(), c.says) {
				t.Errorf("Validate = %q, want it to say %q", err, c.says)
			}
		})
	}
}

func TestLimitsCanBeChanged(t *testing.T) {
	small := orb.MultiPolygon{{ring(0, 0, 0.001, 0, 0.001, 0.001, 0, 0)}}
	l := DefaultLimits()
	l.MinAreaM2 = 0
	if err := l.Validate(small); err != nil {
		t.Errorf("with no minimum area, a tiny parcel is refused: %v", err)
	}
	l = DefaultLimits()
	l.MaxLon = 115.7801
	if err := l.Validate(orb.MultiPolygon{{box(0, 0, 10, 10)}}); land.ErrorCode(err) != land.CodeInvalid {
		t.Errorf("a parcel east of a narrowed extent is accepted: %v", err)
	}
}

func TestCloseRings(t *testing.T) {
	cases := []struct {
		name string
		in   orb.Ring
		want orb.Ring
	}{
		{"an open ring gets its first point at the end", ring(0, 0, 1, 0, 1, 1), ring(0, 0, 1, 0, 1, 1, 0, 0)},
		{"a closed ring stays as it is", ring(0, 0, 1, 0, 1, 1, 0, 0), ring(0, 0, 1, 0, 1, 1, 0, 0)},
		{"repeated points are dropped", ring(0, 0, 0, 0, 1, 0, 1, 1, 1, 1, 0, 0, 0, 0), ring(0, 0, 1, 0, 1, 1, 0, 0)},
		{"an empty ring stays empty", orb.Ring{}, orb.Ring{}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := orb.MultiPolygon{{c.in}}
			before := len(c.in)
			got := CloseRings(in)[0][0]
			if !got.Equal(c.want) {
				t.Errorf("CloseRings = %v, want %v", got, c.want)
			}
			if len(in[0][0]) != before {
				t.Error("CloseRings changed its input")
			}
		})
	}
	if err := Validate(CloseRings(orb.MultiPolygon{{ring(0, 0, 10, 0, 10, 10, 0, 10)}})); err != nil {
		t.Errorf("a closed open ring is still invalid: %v", err)
	}
}

func TestAreaMismatch(t *testing.T) {
	cases := []struct {
		name       string
		plane, ha  float64
		wantRatio  float64
		wantWarned bool
	}{
		{"an exact match does not warn", 10000, 1, 1, false},
		{"a 0.9 % difference does not warn", 10090, 1, 1.009, false},
		{"a 1.1 % excess warns", 10110, 1, 1.011, true},
		{"a 1.1 % shortfall warns", 9890, 1, 0.989, true},
		{"an area given in m² instead of ha warns", 10000, 10000, 1e-4, true},
		{"no declared area has nothing to compare", 10000, 0, 0, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ratio, warn := AreaMismatch(c.plane, c.ha, DefaultAreaTolerance)
			if abs(ratio-c.wantRatio) > 1e-12 || warn != c.wantWarned {
				t.Errorf("AreaMismatch(%v, %v) = %v, %v; want %v, %v", c.plane, c.ha, ratio, warn, c.wantRatio, c.wantWarned)
			}
		})
	}
}

func nanValue() float64 { var z float64; return z / z }
func posInf() float64   { var z float64; return 1 / z }
