package seed

import (
	"math"
	"testing"

	"landwatch/spatial"
)

// The demo city has reserve land at each edge of the town: four reserves
// of the county, each with one valid parcel whose plane area is its
// declared area, taken in before the generation day, and clear of every
// supply (no parcel's box meets a reserve's), so that the map shows grey
// without an overlap.
func TestTheCityHasReserveLandAtItsEdge(t *testing.T) {
	o := smallCity(3000)
	d := generateCity(t, o)
	if len(d.Reserves) != 4 {
		t.Fatalf("%d reserves, want one at each edge", len(d.Reserves))
	}
	numbers := map[string]bool{}
	for _, r := range d.Reserves {
		if numbers[r.Number] || r.RegionCode != o.RegionCode || len(r.Parcels) != 1 || r.TakenOn.After(o.Today) {
			t.Errorf("reserve %+v", r)
			continue
		}
		numbers[r.Number] = true
		p := r.Parcels[0]
		if err := spatial.Validate(p.Geometry); err != nil {
			t.Errorf("%s: %v", r.Number, err)
		}
		if math.Abs(p.PlaneAreaM2/10000-r.AreaHa) > 0.01*r.AreaHa {
			t.Errorf("%s: plane area %.0f m², declared %.2f ha", r.Number, p.PlaneAreaM2, r.AreaHa)
		}
		c := r
		if _, err := c.Normalize(nil, o.Today); err != nil {
			t.Errorf("%s: %v", r.Number, err)
		}
		rb := p.Geometry.Bound()
		for _, s := range d.Supplies {
			for _, sp := range s.Parcels {
				if rb.Intersects(sp.Geometry.Bound()) {
					t.Fatalf("reserve %s meets supply %s", r.Number, s.ENumber)
				}
			}
		}
	}
	if got := generateCity(t, o).Reserves; got[0].Number != d.Reserves[0].Number || got[0].Parcels[0].PlaneAreaM2 != d.Reserves[0].Parcels[0].PlaneAreaM2 {
		t.Error("the reserves differ between two runs of one seed")
	}
}
