package tiles

import (
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/mvt"

	"landwatch/spatial"
)

// A parcel of collective construction land (集体建设用地) carries
// collective 1 in the parcels layer, so that the map can mark it; a parcel
// of state land beside it carries no collective attribute at all.
func TestCollectiveParcelsCarryTheirFlag(t *testing.T) {
	square := func(x, y float64) *spatial.Prepared {
		return spatial.Prepare(orb.MultiPolygon{{{{x, y}, {x + 0.002, y}, {x + 0.002, y + 0.002}, {x, y + 0.002}, {x, y}}}})
	}
	b := spatial.NewBuilder(2)
	b.Add(&spatial.Subject{ID: 1, Kind: spatial.KindSupplyParcel, SupplyID: 11, Live: true, Shape: square(115.790, 39.260),
		Meta: spatial.Meta{ENumber: "1306262026B00101", Stage: "supplied", Method: "4", Region: "130626", Collective: true}},
		&spatial.Subject{ID: 2, Kind: spatial.KindSupplyParcel, SupplyID: 12, Live: true, Shape: square(115.793, 39.260),
			Meta: spatial.Meta{ENumber: "1306262026B00102", Stage: "supplied", Method: "23", Region: "130626"}})
	snap := b.Build().Snapshot()
	x, y, _, _ := tileRange(orb.Bound{Min: orb.Point{115.791, 39.261}, Max: orb.Point{115.791, 39.261}}, 14)
	layers, err := mvt.Unmarshal(Encode(snap, nil, 14, x, y, Filter{}))
	if err != nil {
		t.Fatal(err)
	}
	got := map[float64]map[string]any{}
	for _, l := range layers {
		for _, f := range l.Features {
			got[f.Properties["supply_id"].(float64)] = f.Properties
		}
	}
	if c, ok := got[11]["collective"]; !ok || c != float64(1) {
		t.Errorf("the collective parcel: %v, want collective 1", got[11])
	}
	if s, ok := got[12]; !ok {
		t.Errorf("the state parcel is missing: %v", got)
	} else if _, has := s["collective"]; has {
		t.Errorf("the state parcel carries collective: %v", s)
	}
}
