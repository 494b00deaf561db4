package spatial

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/paulmach/orb"

	"landwatch/land"
)

// geometryField is the field named by every geometry error.
const geometryField = "geometry"

// geoJSONGeometry is the part of an RFC 7946 geometry object read here.
type geoJSONGeometry struct {
	Type        string          `json:"type"`
	Coordinates json.RawMessage `json:"coordinates"`
}

// ParseGeoJSONGeometry reads an RFC 7946 GeoJSON geometry object of type
// Polygon or MultiPolygon (longitude/latitude; a third coordinate is
// dropped) and returns it as a MultiPolygon. It checks the shape of the
// document, not the geometry: use Validate for that. Any other input —
// another type, a Feature, null, a position with fewer than two numbers,
// a null where a number belongs — is a *land.Error with Field "geometry".
//
// It reads with encoding/json rather than orb/geojson so that the core does
// not pull orb's BSON dependency into the module, and so that errors can
// say which position is wrong.
func ParseGeoJSONGeometry(raw []byte) (orb.MultiPolygon, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || bytes.Equal(raw, []byte("null")) {
		return nil, land.Invalid(geometryField, "geometry is missing")
	}
	var g geoJSONGeometry
	if err := json.Unmarshal(raw, &g); err != nil {
		return nil, land.Invalid(geometryField, "not a GeoJSON geometry object: %v", err)
	}
	switch g.Type {
	case "Polygon":
		var coords [][][]float64
		if err := decodeCoordinates(g.Coordinates, &coords); err != nil {
			return nil, err
		}
		poly, err := polygonOf(coords, 0)
		if err != nil {
			return nil, err
		}
		return orb.MultiPolygon{poly}, nil
	case "MultiPolygon":
		var coords [][][][]float64
		if err := decodeCoordinates(g.Coordinates, &coords); err != nil {
			return nil, err
		}
		mp := make(orb.MultiPolygon, 0, len(coords))
		for i, pc := range coords {
			poly, err := polygonOf(pc, i)
			if err != nil {
				return nil, err
			}
			mp = append(mp, poly)
		}
		return mp, nil
	case "":
		return nil, land.Invalid(geometryField, `GeoJSON object has no "type": expected Polygon or MultiPolygon`)
	case "Feature":
		return nil, land.Invalid(geometryField, "got a GeoJSON Feature: expected its geometry, a Polygon or MultiPolygon")
	default:
		return nil, land.Invalid(geometryField, "geometry type %q: expected Polygon or MultiPolygon", g.Type)
	}
}

// decodeCoordinates unmarshals the "coordinates" member into dst, refusing
// null anywhere in it: encoding/json would silently leave a zero there.
// Numbers and brackets are all the member may hold, so the text "null" can
// only be a null literal.
func decodeCoordinates(raw json.RawMessage, dst any) error {
	if len(raw) == 0 || bytes.Equal(raw, []byte("null")) {
		return land.Invalid(geometryField, `GeoJSON geometry has no "coordinates"`)
	}
	if bytes.Contains(raw, []byte("null")) {
		return land.Invalid(geometryField, "coordinates hold null where a number or an array belongs")
	}
	if err := json.Unmarshal(raw, dst); err != nil {
		return land.Invalid(geometryField, "coordinates must be nested arrays of [longitude, latitude] numbers: %v", err)
	}
	return nil
}

// polygonOf turns one polygon's rings of positions into an orb.Polygon;
// index is the polygon's place in the MultiPolygon (0 for a Polygon).
func polygonOf(rings [][][]float64, index int) (orb.Polygon, error) {
	poly := make(orb.Polygon, 0, len(rings))
	for j, positions := range rings {
		ring := make(orb.Ring, 0, len(positions))
		for k, pos := range positions {
			if len(pos) < 2 {
				return nil, land.Invalid(geometryField, "%s, position %d has %d number(s): expected [longitude, latitude]",
					ringName(index, j), k, len(pos))
			}
			ring = append(ring, orb.Point{pos[0], pos[1]})
		}
		poly = append(poly, ring)
	}
	return poly, nil
}

// ringName says where a ring is, for error messages: "polygon 2, ring 0
// (outer)" or "polygon 0, ring 1 (hole)". Indexes count from 0, as in the
// GeoJSON and WKB arrays they point into.
func ringName(poly, ring int) string {
	if ring == 0 {
		return fmt.Sprintf("polygon %d, ring 0 (outer)", poly)
	}
	return fmt.Sprintf("polygon %d, ring %d (hole)", poly, ring)
}
