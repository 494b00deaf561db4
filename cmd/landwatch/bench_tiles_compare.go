package main

import (
	"context"
	"fmt"
	"math"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/mvt"
	"github.com/paulmach/orb/planar"
)

// compareTiles decodes both sides' tiles and matches their parcels by id.
func compareTiles(ctx context.Context, list [][3]uint32, ours, theirs func([3]uint32) ([]byte, error), note func(string)) (same, cells, slivers, differ int, err error) {
	for _, t := range list {
		a, err := ours(t)
		if err != nil {
			return 0, 0, 0, 0, err
		}
		b, err := theirs(t)
		if err != nil {
			return 0, 0, 0, 0, err
		}
		fa, cellsA, err := parcelFeatures(a)
		if err != nil {
			return 0, 0, 0, 0, err
		}
		fb, _, err := parcelFeatures(b)
		if err != nil {
			return 0, 0, 0, 0, err
		}
		for id, pa := range fb {
			pb, ok := fa[id]
			switch {
			case !ok && smallInTile(pa) && (cellNear(cellsA, pa.centre) || !pa.inside):
				// Too small to draw: counted in landwatch's density cell at
				// its place, or, reaching over the tile's edge, in the tile
				// that holds its centre.
				cells++
			case !ok && (min(pa.w, pa.h) <= 4 || pa.width <= 4):
				// A sliver narrower than the snapping grid (four units, half
				// a pixel), lying straight or aslant: landwatch's snapping
				// collapses it to a line, which has nothing to fill.
				slivers++
				note(fmt.Sprintf("tile %v: parcel %d (%s) is a sliver %.1f units wide (box %.1f × %.1f) in PostGIS's tile only", t, id, pa.number, pa.width, pa.w, pa.h))
			case !ok:
				differ++
				note(fmt.Sprintf("tile %v: parcel %d (%s) only in PostGIS's tile, %.1f × %.1f tile units at %.1f, %.1f", t, id, pa.number, pa.w, pa.h, pa.centre[0], pa.centre[1]))
			case pb.stage != pa.stage || pb.number != pa.number || pb.flags != pa.flags || pb.supply != pa.supply:
				differ++
				note(fmt.Sprintf("tile %v: parcel %d attributes differ: %+v vs PostGIS %+v", t, id, pb, pa))
			default:
				same++
			}
		}
		for id, p := range fa {
			if _, ok := fb[id]; !ok {
				differ++
				note(fmt.Sprintf("tile %v: parcel %d (%s) only in landwatch's tile, %.1f × %.1f tile units", t, id, p.number, p.w, p.h))
			}
		}
	}
	return same, cells, slivers, differ, ctx.Err()
}

type tileFeature struct {
	number, stage, flags string
	supply               float64
	w, h                 float64   // the box of the feature, in tile units
	centre               orb.Point // of the box
	inside               bool      // the box lies within the tile (not in its buffer)
	width                float64   // twice the area over the perimeter: a sliver's width
}

// parcelFeatures reads a tile's parcels by id, and the places of its
// density cells (features without an id).
func parcelFeatures(data []byte) (map[uint64]tileFeature, map[[2]int]bool, error) {
	out, cells := map[uint64]tileFeature{}, map[[2]int]bool{}
	if len(data) == 0 {
		return out, cells, nil
	}
	layers, err := mvt.Unmarshal(data)
	if err != nil {
		return nil, nil, err
	}
	for _, l := range layers {
		if l.Name != "parcels" {
			continue
		}
		for _, f := range l.Features {
			b := f.Geometry.Bound()
			id, ok := f.ID.(float64)
			if !ok {
				cells[cellOf(b.Center())] = true
				continue
			}
			num, _ := f.Properties["e_number"].(string)
			stage, _ := f.Properties["stage"].(string)
			flags, _ := f.Properties["flags"].(string)
			supply, _ := f.Properties["supply_id"].(float64)
			inside := b.Min[0] >= 0 && b.Min[1] >= 0 && b.Max[0] <= 4096 && b.Max[1] <= 4096
			out[uint64(id)] = tileFeature{number: num, stage: stage, flags: flags, supply: supply, width: 2 * math.Abs(planar.Area(f.Geometry)) / planar.Length(f.Geometry), w: b.Max[0] - b.Min[0], h: b.Max[1] - b.Min[1], centre: b.Center(), inside: inside}
		}
	}
	return out, cells, nil
}

// cellOf is the density cell (32 tile units a side) a point falls in.
func cellOf(p orb.Point) [2]int {
	return [2]int{int(math.Floor(p[0] / 32)), int(math.Floor(p[1] / 32))}
}

// cellNear reports whether a density cell holds the point, allowing for
// the unit PostGIS's snapping may have moved it by.
func cellNear(cells map[[2]int]bool, p orb.Point) bool {
	for _, d := range [][2]float64{{0, 0}, {-1, -1}, {-1, 1}, {1, -1}, {1, 1}} {
		if cells[cellOf(orb.Point{p[0] + d[0], p[1] + d[1]})] {
			return true
		}
	}
	return false
}

// smallInTile reports whether a parcel of PostGIS's tile is one landwatch
// draws as a density cell: its box under 40 units a side (five pixels),
// which PostGIS's snapping to whole units can round up to 40.
func smallInTile(f tileFeature) bool { return f.w <= 40 && f.h <= 40 }
