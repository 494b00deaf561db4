package tiles

import (
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/mvt"

	"landwatch/spatial"
)

// Reserve land is drawn in the parcels layer with stage reserved (the map
// colours it grey), its reserve number and no supply id, so that a click
// on it finds no supply; a supply parcel of the same id beside it keeps
// its own feature. A filter by supply method leaves reserve land out.
func TestReserveLandIsDrawnAsStageReserved(t *testing.T) {
	square := func(x, y float64) *spatial.Prepared {
		return spatial.Prepare(orb.MultiPolygon{{{{x, y}, {x + 0.002, y}, {x + 0.002, y + 0.002}, {x, y + 0.002}, {x, y}}}})
	}
	b := spatial.NewBuilder(2)
	b.Add(&spatial.Subject{ID: 7, Kind: spatial.KindReserve, Live: true, Shape: square(115.790, 39.260),
		Meta: spatial.Meta{Stage: "reserved", Reserve: "CB130626-2026-01", LandUse: "0701", Region: "130626"}},
		&spatial.Subject{ID: 7, Kind: spatial.KindSupplyParcel, SupplyID: 3, Live: true, Shape: square(115.793, 39.260),
			Meta: spatial.Meta{ENumber: "1306262026B00101", Stage: "supplied", Method: "23", Region: "130626"}})
	snap := b.Build().Snapshot()
	x, y, _, _ := tileRange(orb.Bound{Min: orb.Point{115.791, 39.261}, Max: orb.Point{115.791, 39.261}}, 14)
	decode := func(f Filter) map[string]map[string]any {
		layers, err := mvt.Unmarshal(Encode(snap, nil, 14, x, y, f))
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]map[string]any{}
		for _, l := range layers {
			for _, f := range l.Features {
				out[f.Properties["stage"].(string)] = f.Properties
			}
		}
		return out
	}
	got := decode(Filter{})
	r, ok := got["reserved"]
	if !ok || r["reserve"] != "CB130626-2026-01" || r["land_use"] != "0701" {
		t.Fatalf("features %v: want the reserve with stage reserved", got)
	}
	if _, has := r["supply_id"]; has {
		t.Errorf("the reserve carries a supply_id: %v", r)
	}
	if s, ok := got["supplied"]; !ok || s["supply_id"] != float64(3) {
		t.Errorf("the supply parcel beside it: %v", got)
	}
	if _, ok := decode(Filter{Methods: []string{"23"}})["reserved"]; ok {
		t.Error("a filter by supply method keeps reserve land")
	}
	if _, ok := decode(Filter{Stages: []string{"reserved"}})["reserved"]; !ok {
		t.Error("a filter by stage reserved drops reserve land")
	}
}
