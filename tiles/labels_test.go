package tiles

import (
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/mvt"
	"github.com/paulmach/orb/planar"

	"landwatch/spatial"
)

// A label point is inside its parcel whatever the parcel's shape: an L, a
// ring whose middle is a hole, a parcel of two parts (on the larger), a
// vertex on the scan line, a ring not closed.
func TestLabelPointIsInsideTheParcel(t *testing.T) {
	square := func(x0, y0, x1, y1 float64) orb.Ring {
		return orb.Ring{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}}
	}
	cases := []struct {
		name string
		mp   orb.MultiPolygon
		in   orb.Polygon // the part the point must be in
	}{
		{"a square", orb.MultiPolygon{{square(0, 0, 2, 2)}}, nil},
		{"an L", orb.MultiPolygon{{{{0, 0}, {3, 0}, {3, 1}, {1, 1}, {1, 3}, {0, 3}, {0, 0}}}}, nil},
		{"a ring around a yard", orb.MultiPolygon{{square(0, 0, 10, 10), square(2, 2, 8, 8)}}, nil},
		{"two parts, the larger second", orb.MultiPolygon{{square(0, 0, 1, 1)}, {square(5, 5, 9, 9)}}, orb.Polygon{square(5, 5, 9, 9)}},
		{"a vertex on the scan line", orb.MultiPolygon{{{{0, 0}, {4, 0}, {6, 2}, {4, 4}, {0, 4}, {0, 0}}}}, nil},
		{"a ring not closed", orb.MultiPolygon{{{{0, 0}, {4, 0}, {4, 4}, {0, 4}}}}, nil},
	}
	for _, c := range cases {
		pt, _, ok := labelPoint(c.mp, nil)
		if !ok {
			t.Errorf("%s: no label point", c.name)
			continue
		}
		in := planar.MultiPolygonContains(c.mp, pt)
		if c.in != nil {
			in = planar.PolygonContains(c.in, pt)
		}
		if !in {
			t.Errorf("%s: label point %v is outside", c.name, pt)
		}
	}
	if _, _, ok := labelPoint(orb.MultiPolygon{{{{0, 0}, {1, 1}, {2, 2}, {0, 0}}}}, nil); ok {
		t.Error("a parcel without area has a label point")
	}
}

// Every parcel of a supply drawn at the labels' zoom is labelled once, in
// the one tile that holds its label point, however many tiles its polygon
// reaches (a polygon labelled by the map would be labelled in each), and
// its label, under the parcel's id, names its supply.
func TestEachParcelIsLabelledOnce(t *testing.T) {
	ix := demoIndex()
	snap := ix.Snapshot()
	// a corner of the city, so that the test stays quick: its tiles
	// and every parcel they draw
	b := cityBound(ix)
	corner := orb.Bound{Min: b.Min, Max: orb.Point{b.Min[0] + (b.Max[0]-b.Min[0])/4, b.Min[1] + (b.Max[1]-b.Min[1])/4}}
	drawnIn := map[uint64]int{} // a parcel's id: in how many tiles its polygon is drawn
	labels := map[uint64]int{}
	for _, tile := range tilesCovering(corner, LabelMinZoom) {
		layers, err := mvt.Unmarshal(Encode(snap, nil, tile[0], tile[1], tile[2], Filter{}))
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range layers {
			for _, f := range l.Features {
				id := uint64(f.ID.(float64))
				switch l.Name {
				case "parcels":
					if _, polygon := f.Geometry.(orb.Point); !polygon {
						drawnIn[id]++
					}
				case "labels":
					labels[id]++
					s, ok := ix.Get(spatial.KindSupplyParcel, int64(id))
					if !ok || f.Properties["e_number"] != s.Meta.ENumber {
						t.Fatalf("label %d: %v, want its parcel's number", id, f.Properties)
					}
				}
			}
		}
	}
	across := 0
	for id, n := range drawnIn {
		if n > 1 {
			across++
		}
		s, ok := ix.Get(spatial.KindSupplyParcel, int64(id))
		if !ok {
			t.Fatalf("parcel %d drawn is not in the index", id)
		}
		if pt, _, ok := labelPoint(s.Shape.Geom, nil); !ok || !corner.Contains(pt) {
			continue // its label is in a tile not made here
		}
		if labels[id] != 1 {
			t.Errorf("parcel %d is drawn in %d tiles and labelled %d times, want once", id, n, labels[id])
		}
	}
	if across == 0 || len(labels) == 0 {
		t.Fatalf("%d parcels labelled, %d drawn in more than one tile: the test shows nothing", len(labels), across)
	}
	for id, n := range labels {
		if n != 1 {
			t.Errorf("parcel %d labelled %d times", id, n)
		}
	}
}
