package tiles

import (
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/mvt"

	"landwatch/spatial"
)

// An unsold lot is drawn as its own feature with its number and
// announcement and no stage or flags; a stage or method filter keeps it (it
// has none to match), a region filter keeps it in its region only, and a
// lot too small to see is left out rather than counted in a cell.
func TestUnsoldLotFeatures(t *testing.T) {
	square := func(x, y, d float64) orb.MultiPolygon {
		return orb.MultiPolygon{{{{x, y}, {x + d, y}, {x + d, y + d}, {x, y + d}, {x, y}}}}
	}
	b := spatial.NewBuilder(2)
	b.Add(&spatial.Subject{ID: 1, Kind: spatial.KindLot, Shape: spatial.Prepare(square(115.7800, 39.2600, 0.001)),
		Meta: spatial.Meta{Lot: "DX2026-09", Announcement: 7, Region: "130626"}},
		&spatial.Subject{ID: 2, Kind: spatial.KindLot, Shape: spatial.Prepare(square(115.7820, 39.2600, 0.00001)),
			Meta: spatial.Meta{Lot: "DX2026-10", Announcement: 7, Region: "130626"}})
	snap := b.Build().Snapshot()
	const z = 15
	x, y, _, _ := tileRange(orb.Bound{Min: orb.Point{115.7805, 39.2605}, Max: orb.Point{115.7805, 39.2605}}, z)
	features := func(f Filter) []map[string]any {
		layers, err := mvt.Unmarshal(Encode(snap, nil, z, x, y, f))
		if err != nil {
			t.Fatal(err)
		}
		var out []map[string]any
		for _, l := range layers {
			for _, f := range l.Features {
				out = append(out, f.Properties)
			}
		}
		return out
	}
	for _, tc := range []struct {
		name   string
		filter Filter
		want   int
	}{
		{"no filter", Filter{}, 1},
		{"another stage", Filter{Stages: []string{"idle"}, Methods: []string{"23"}}, 1},
		{"its region", Filter{Region: "1306"}, 1},
		{"another region", Filter{Region: "130627"}, 0},
	} {
		got := features(tc.filter)
		if len(got) != tc.want {
			t.Fatalf("%s: %d features %v; want %d (the small lot left out)", tc.name, len(got), got, tc.want)
		}
		if tc.want == 1 {
			p := got[0]
			if p["lot"] != "DX2026-09" || p["announcement_id"] != float64(7) || p["stage"] != nil || p["flags"] != nil || p["count"] != nil {
				t.Fatalf("%s: %v; want the lot's number and announcement only", tc.name, p)
			}
		}
	}
}
