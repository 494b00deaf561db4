package spatial

import (
	"bytes"
	"encoding/binary"
	"fmt"

	"github.com/paulmach/orb"
	"github.com/twpayne/go-geom"
	"github.com/twpayne/go-geom/encoding/ewkb"
	"github.com/twpayne/go-geom/encoding/wkb"

	"landwatch/land"
)

// SRID is the spatial reference of stored geometry: CGCS2000 geographic
// longitude/latitude (EPSG:4490).
const SRID = 4490

// This file is the one place where go-geom, the PostGIS boundary, meets
// orb, the in-memory geometry.

// EncodeEWKB writes mp as little-endian EWKB MultiPolygon with SRID 4490,
// ready to bind to a PostGIS geometry(MultiPolygon, 4490) column.
func EncodeEWKB(mp orb.MultiPolygon) ([]byte, error) {
	b, err := ewkb.Marshal(toGeom(mp).SetSRID(SRID), binary.LittleEndian)
	if err != nil {
		return nil, land.Wrap(land.CodeInternal, err, "encode EWKB")
	}
	return b, nil
}

// DecodeWKB reads a Polygon or MultiPolygon written as EWKB (what PostGIS
// sends for a geometry column) or as OGC/ISO WKB, in either byte order; Z
// and M values are dropped. An EWKB SRID other than 4490 is refused rather
// than misread as longitude/latitude. Every failure is a *land.Error (code
// invalid, field "geometry").
func DecodeWKB(b []byte) (orb.MultiPolygon, error) { return decodeWKB(nil, b) }

// decodeWKB is DecodeWKB with the plain path's boundary kept in slab s.
func decodeWKB(s *Slab, b []byte) (orb.MultiPolygon, error) {
	if err := checkWKBSizes(b); err != nil {
		return nil, err
	}
	if mp, ok := decodePlainWKB(s, b); ok {
		return mp, nil
	}
	return decodeWKBGeom(b)
}

// decodeWKBGeom is DecodeWKB through go-geom, for what decodePlainWKB
// leaves: Z and M values, ISO type codes, SRIDs to check.
func decodeWKBGeom(b []byte) (orb.MultiPolygon, error) {
	g, err := unmarshalWKB(b)
	if err != nil {
		return nil, &land.Error{Code: land.CodeInvalid, Field: geometryField, Message: "not WKB or EWKB", Err: err}
	}
	if srid := g.SRID(); srid != 0 && srid != SRID {
		return nil, land.Invalid(geometryField, "EWKB has SRID %d: expected %d (CGCS2000 longitude/latitude)", srid, SRID)
	}
	switch g := g.(type) {
	case *geom.Polygon:
		return orb.MultiPolygon{polygonFromFlat(g.FlatCoords(), 0, g.Ends(), g.Stride())}, nil
	case *geom.MultiPolygon:
		return multiPolygonFromGeom(g), nil
	default:
		return nil, land.Invalid(geometryField, "WKB holds a %s: expected Polygon or MultiPolygon", geomName(g))
	}
}

// unmarshalWKB decodes b with the EWKB decoder (which also reads plain
// 2D OGC WKB), falling back to the ISO WKB decoder for its Z/M type codes
// (1003, 3006 …). Trailing bytes are an error.
func unmarshalWKB(b []byte) (geom.T, error) {
	r := bytes.NewReader(b)
	g, err := ewkb.Read(r)
	if err != nil {
		r = bytes.NewReader(b)
		var werr error
		if g, werr = wkb.Read(r); werr != nil {
			return nil, err
		}
	}
	if r.Len() != 0 {
		return nil, fmt.Errorf("%d bytes after the geometry", r.Len())
	}
	return g, nil
}

// toGeom converts mp to a 2D go-geom MultiPolygon without copying point by
// point through intermediate slices.
func toGeom(mp orb.MultiPolygon) *geom.MultiPolygon {
	n := 0
	for _, poly := range mp {
		for _, ring := range poly {
			n += len(ring)
		}
	}
	flat := make([]float64, 0, 2*n)
	endss := make([][]int, len(mp))
	for i, poly := range mp {
		ends := make([]int, len(poly))
		for j, ring := range poly {
			for _, p := range ring {
				flat = append(flat, p[0], p[1])
			}
			ends[j] = len(flat)
		}
		endss[i] = ends
	}
	return geom.NewMultiPolygonFlat(geom.XY, flat, endss)
}

// multiPolygonFromGeom converts a go-geom MultiPolygon of any layout.
func multiPolygonFromGeom(g *geom.MultiPolygon) orb.MultiPolygon {
	flat, stride := g.FlatCoords(), g.Stride()
	endss := g.Endss()
	mp := make(orb.MultiPolygon, 0, len(endss))
	start := 0
	for _, ends := range endss {
		mp = append(mp, polygonFromFlat(flat, start, ends, stride))
		if len(ends) > 0 {
			start = ends[len(ends)-1]
		}
	}
	return mp
}

// polygonFromFlat builds the polygon whose rings end at ends in flat,
// starting at offset start, taking x and y of each stride-long coordinate.
func polygonFromFlat(flat []float64, start int, ends []int, stride int) orb.Polygon {
	poly := make(orb.Polygon, 0, len(ends))
	for _, end := range ends {
		ring := make(orb.Ring, 0, (end-start)/stride)
		for k := start; k+1 < end; k += stride {
			ring = append(ring, orb.Point{flat[k], flat[k+1]})
		}
		poly = append(poly, ring)
		start = end
	}
	return poly
}

// geomName names a go-geom geometry's type for messages.
func geomName(g geom.T) string {
	switch g.(type) {
	case *geom.Point:
		return "Point"
	case *geom.LineString:
		return "LineString"
	case *geom.MultiPoint:
		return "MultiPoint"
	case *geom.MultiLineString:
		return "MultiLineString"
	case *geom.GeometryCollection:
		return "GeometryCollection"
	}
	return fmt.Sprintf("%T", g)
}
