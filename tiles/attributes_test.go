package tiles

import (
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/mvt"

	"landwatch/spatial"
)

// marks is a Sources of one overlap and one finding, for tests.
type marks struct {
	overlap OverlapShape
	finding FindingMark
}

func (m marks) OverlapsIn(orb.Bound) []OverlapShape { return []OverlapShape{m.overlap} }
func (m marks) FindingsIn(orb.Bound) []FindingMark  { return []FindingMark{m.finding} }

// TestVectorLayersSayWhatTheTilesHold: every attribute of every feature of
// the tiles, at every zoom from cells to labels, is one TileJSON's
// vector_layers lists for its layer, and every one listed is met.
func TestVectorLayersSayWhatTheTilesHold(t *testing.T) {
	square := func(x, y, d float64) orb.MultiPolygon {
		return orb.MultiPolygon{{{{x, y}, {x + d, y}, {x + d, y + d}, {x, y + d}, {x, y}}}}
	}
	b := spatial.NewBuilder(4)
	b.Add(&spatial.Subject{ID: 1, Kind: spatial.KindSupplyParcel, SupplyID: 1, Live: true, Shape: spatial.Prepare(square(115.7800, 39.2600, 0.001)),
		Meta: spatial.Meta{ENumber: "1306262026B00001", Stage: "idle", Flags: 1, Project: "项目", Region: "130626", Collective: true}},
		&spatial.Subject{ID: 2, Kind: spatial.KindSupplyParcel, SupplyID: 2, Live: true, Shape: spatial.Prepare(square(115.7820, 39.2600, 0.00001)),
			Meta: spatial.Meta{ENumber: "1306262026B00002", Stage: "supplied", Region: "130626"}},
		&spatial.Subject{ID: 3, Kind: spatial.KindReserve, Live: true, Shape: spatial.Prepare(square(115.7830, 39.2600, 0.001)),
			Meta: spatial.Meta{Reserve: "CB130626-2026-01", Stage: "reserved", LandUse: "0701", Region: "130626"}},
		&spatial.Subject{ID: 3, Kind: spatial.KindLot, Shape: spatial.Prepare(square(115.7800, 39.2612, 0.001)),
			Meta: spatial.Meta{Lot: "DX2026-09", Announcement: 7, Region: "130626"}})
	snap := b.Build().Snapshot()
	src := marks{OverlapShape{ID: 9, Geom: square(115.7805, 39.2605, 0.0003), SupplyA: 1, SupplyB: 2, RegionA: "130626", RegionB: "130626"},
		FindingMark{ID: 4, Point: orb.Point{115.7805, 39.2605}, Kind: "suspected_idle", Region: "130626"}}
	declared := map[string]map[string]bool{}
	for _, l := range VectorLayers() {
		declared[l["id"].(string)] = map[string]bool{}
		for k := range l["fields"].(map[string]string) {
			declared[l["id"].(string)][k] = true
		}
	}
	met := map[string]map[string]bool{}
	for z := uint32(12); z <= ProjectMinZoom; z++ {
		x, y, _, _ := tileRange(orb.Bound{Min: orb.Point{115.7805, 39.2605}, Max: orb.Point{115.7805, 39.2605}}, z)
		layers, err := mvt.Unmarshal(Encode(snap, src, z, x, y, Filter{}))
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range layers {
			if met[l.Name] == nil {
				met[l.Name] = map[string]bool{}
			}
			for _, f := range l.Features {
				for k := range f.Properties {
					met[l.Name][k] = true
					if !declared[l.Name][k] {
						t.Errorf("z%d layer %s: %s is in the tile but not in vector_layers", z, l.Name, k)
					}
				}
			}
		}
	}
	for layer, ks := range declared {
		for k := range ks {
			if !met[layer][k] {
				t.Errorf("vector_layers lists %s.%s, which no tile carries", layer, k)
			}
		}
	}
}
