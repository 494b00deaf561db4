package tiles

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/mvt"

	"landwatch/land"
	"landwatch/seed"
	"landwatch/spatial"
)

// parisIndex is the real cadastre of Paris 18e (moved to 定兴) in an index,
// one generated supply per parcel, built once.
var parisIndex = sync.OnceValue(func() *spatial.Index { return cadastreIndex("paris18e_relocated.geojson", "130626") })

// cambridgeIndex is the real cadastre of Cambridge (moved to 邢台), whose
// roads are single polygons of thousands of vertices crossing many tiles.
var cambridgeIndex = sync.OnceValue(func() *spatial.Index { return cadastreIndex("cambridge_relocated.geojson", "130322") })

// cadastreIndex reads a real cadastre of reference/parcels into an index,
// each parcel given a supply of the region as the benchmark dresses it.
func cadastreIndex(name, region string) *spatial.Index {
	f, err := os.Open(filepath.Join("..", "reference", "parcels", name))
	if err != nil {
		panic(err)
	}
	defer f.Close()
	parcels, err := seed.ReadParcels(f.Name(), f)
	if err != nil {
		panic(err)
	}
	dress := seed.Dresses(len(parcels), 1)
	b := spatial.NewBuilder(len(parcels))
	for i, p := range parcels {
		d := dress[i]
		var flags land.Flag
		if d.OverdueStart {
			flags |= land.FlagOverdueStart
		}
		if d.Late {
			flags |= land.FlagLateEntry
		}
		b.Add(&spatial.Subject{ID: int64(i + 1), Kind: spatial.KindSupplyParcel, SupplyID: int64(i + 1), Live: true,
			Shape: spatial.Prepare(p),
			Meta: spatial.Meta{ENumber: fmt.Sprintf("%s2020B%05d", region, i+1), Stage: string(d.Stage), LandUse: d.LandUse,
				Method: d.Method, ContractYear: d.ContractYear, Region: region, Project: "项目", Flags: uint32(flags)}})
	}
	return b.Build()
}

// densestTile is the tile of zoom z holding the most parcels of ix.
func densestTile(ix *spatial.Index, z uint32) [3]uint32 {
	snap := ix.Snapshot()
	var best [3]uint32
	most := -1
	for _, tl := range tilesCovering(cityBound(ix), z) {
		n := 0
		snap.Search(tileBound(tl[0], tl[1], tl[2]), func(*spatial.Subject) bool { n++; return true })
		if n > most {
			best, most = tl, n
		}
	}
	return best
}

// TestTheDensestParisTileIsSmall: the densest z14 tile of the real Paris
// cadastre (6,821 parcels, dense town blocks) stays under 250 KB
// uncompressed, and GDAL reads every feature of it.
func TestTheDensestParisTileIsSmall(t *testing.T) {
	ix := parisIndex()
	tl := densestTile(ix, 14)
	data := Encode(ix.Snapshot(), nil, tl[0], tl[1], tl[2], Filter{})
	if len(data) >= 250<<10 {
		t.Errorf("tile %v is %d bytes, want under 250 KB", tl, len(data))
	}
	layers, err := mvt.Unmarshal(data)
	if err != nil {
		t.Fatal(err)
	}
	polygons := 0
	for _, f := range layers[0].Features {
		if _, ok := f.Properties["supply_id"]; ok {
			polygons++
		}
	}
	if polygons < 1000 {
		t.Fatalf("tile %v draws %d parcels: not the dense tile the test is about", tl, polygons)
	}
	out := gdalRead(t, "paris.mvt", data)
	if n := strings.Count(out, "OGRFeature(parcels)"); n != len(layers[0].Features) {
		t.Errorf("GDAL reads %d features, we wrote %d", n, len(layers[0].Features))
	}
	t.Logf("tile %v: %d bytes, %d parcels drawn", tl, len(data), polygons)
}

// TestNeighboursShareTheirEdges: simplifying must not open gaps between
// neighbours. Every vertex two parcels of the Paris cadastre share in the
// source, snapped as the tile snaps it, must lie on the outline of each of
// the two as the tile draws them — on a vertex or on an edge of it. A
// simplification that treats each ring on its own (Douglas–Peucker) would
// move or drop such a vertex in one parcel and not in the other. Where a
// parcel's own outline folds back on itself at the vertex once snapped (a
// sliver narrower than the grid, a zero-width spike), the encoder drops the
// spike; the parcel has no area there, so no gap opens either.
func TestNeighboursShareTheirEdges(t *testing.T) {
	ix := parisIndex()
	for _, z := range []uint32{14, 15} {
		tl := densestTile(ix, z)
		layers, err := mvt.Unmarshal(Encode(ix.Snapshot(), nil, tl[0], tl[1], tl[2], Filter{}))
		if err != nil {
			t.Fatal(err)
		}
		drawn := map[int64]orb.MultiPolygon{}
		for _, f := range layers[0].Features {
			switch g := f.Geometry.(type) {
			case orb.Polygon:
				drawn[int64(f.ID.(float64))] = orb.MultiPolygon{g}
			case orb.MultiPolygon:
				drawn[int64(f.ID.(float64))] = g
			}
		}
		p := newProjector(tl[0], tl[1], tl[2])
		e := encoder{grid: gridStep(z)}
		snapped := func(pt orb.Point) orb.Point {
			x, y := p.point(pt[0], pt[1])
			return orb.Point{float64(e.snap(x)), float64(e.snap(y))}
		}
		// The source vertices shared by two parcels drawn in the tile, but
		// not at a spike of the parcel.
		owners := map[orb.Point][]int64{}
		ix.Search(tileBound(tl[0], tl[1], tl[2]), func(s *spatial.Subject) bool {
			if _, ok := drawn[s.ID]; !ok {
				return true
			}
			seen := map[orb.Point]bool{}
			for _, poly := range s.Shape.Geom {
				for _, r := range poly {
					for i, pt := range r {
						if spikeAt(r, i, snapped) {
							seen[pt] = true
						}
						if !seen[pt] {
							seen[pt] = true
							owners[pt] = append(owners[pt], s.ID)
						}
					}
				}
			}
			return true
		})
		shared, gaps := 0, 0
		for pt, ids := range owners {
			if len(ids) < 2 {
				continue
			}
			at := snapped(pt)
			if at[0] < 0 || at[0] > Extent || at[1] < 0 || at[1] > Extent {
				continue // clipped away
			}
			shared++
			for _, id := range ids {
				if !onOutline(drawn[id], at) {
					gaps++
					if gaps <= 5 {
						t.Errorf("z%d: the vertex %v shared by parcels %v is at %v in the tile, but not on parcel %d's outline", z, pt, ids, at, id)
					}
				}
			}
		}
		if shared < 1000 {
			t.Fatalf("z%d: only %d shared vertices: the test would prove little", z, shared)
		}
		if gaps > 0 {
			t.Errorf("z%d: %d of %d shared vertices open a gap", z, gaps, shared)
		}
	}
}

// onOutline reports whether p lies on a vertex or an edge of mp, exactly
// (tile coordinates are integers).
func onOutline(mp orb.MultiPolygon, p orb.Point) bool {
	for _, poly := range mp {
		for _, r := range poly {
			for i := 0; i+1 < len(r); i++ {
				a, b := r[i], r[i+1]
				cross := (b[0]-a[0])*(p[1]-a[1]) - (b[1]-a[1])*(p[0]-a[0])
				if cross == 0 && min(a[0], b[0]) <= p[0] && p[0] <= max(a[0], b[0]) && min(a[1], b[1]) <= p[1] && p[1] <= max(a[1], b[1]) {
					return true
				}
			}
		}
	}
	return false
}

// spikeAt reports whether the closed ring r, snapped, folds back at its
// vertex i: the nearest distinct snapped vertices before and after it lie
// on one line with it, on the same side.
func spikeAt(r orb.Ring, i int, snapped func(orb.Point) orb.Point) bool {
	n := len(r) - 1 // without the closing point
	if n < 3 {
		return false
	}
	b := snapped(r[i%n])
	near := func(step int) orb.Point {
		for k := 1; k < n; k++ {
			if q := snapped(r[((i+step*k)%n+n)%n]); q != b {
				return q
			}
		}
		return b
	}
	a, c := near(-1), near(1)
	cross := (b[0]-a[0])*(c[1]-a[1]) - (b[1]-a[1])*(c[0]-a[0])
	dot := (b[0]-a[0])*(c[0]-b[0]) + (b[1]-a[1])*(c[1]-b[1])
	return cross == 0 && dot < 0
}
