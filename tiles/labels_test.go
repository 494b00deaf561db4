package tiles

import (
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/mvt"

	"landwatch/spatial"
)

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
				id, _ := f.ID.(float64) // cells, reserve land and lots have none
				switch l.Name {
				case "parcels":
					if _, polygon := f.Geometry.(orb.Point); !polygon && id > 0 {
						drawnIn[uint64(id)]++
					}
				case "labels":
					labels[uint64(id)]++
					s, ok := ix.Get(spatial.KindSupplyParcel, int64(id))
					if !ok || f.Properties["e_number"] != s.Meta.ENumber {
						t.Fatalf("label %v: %v, want its parcel's number", id, f.Properties)
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
		if pt := s.Shape.Inner; !corner.Contains(pt) {
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
