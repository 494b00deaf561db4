package spatial

import (
	"encoding/binary"
	"math"

	"github.com/paulmach/orb"

	"landwatch/land"
)

// WKB type codes and EWKB flags read by checkWKBSizes.
const (
	wkbPolygon      = 3
	wkbMultiPolygon = 6
	ewkbFlagZ       = 0x80000000
	ewkbFlagM       = 0x40000000
	ewkbFlagSRID    = 0x20000000
)

// wkbTypeNames names the WKB base types that are not polygons.
var wkbTypeNames = [...]string{1: "Point", 2: "LineString", 4: "MultiPoint", 5: "MultiLineString", 7: "GeometryCollection"}

// checkWKBSizes walks the headers and counts of a WKB or EWKB Polygon or
// MultiPolygon without decoding coordinates, and refuses any count that
// the remaining bytes cannot hold. go-geom's decoders allocate whatever a
// count asks for, so a corrupt or hostile 4-byte count would otherwise
// ask for gigabytes. It also refuses every type other than Polygon and
// MultiPolygon before any decoding.
func checkWKBSizes(b []byte) error {
	rest, err := walkWKB(b, 0)
	if err != nil {
		return err
	}
	if len(rest) != 0 {
		return land.Invalid(geometryField, "WKB has %d bytes after the geometry", len(rest))
	}
	return nil
}

// walkWKB checks one geometry at the start of b (depth 1 for the polygons
// inside a MultiPolygon) and returns the bytes after it.
func walkWKB(b []byte, depth int) ([]byte, error) {
	if len(b) < 5 {
		return nil, land.Invalid(geometryField, "WKB ends inside a geometry header")
	}
	var order binary.ByteOrder
	switch b[0] {
	case 0:
		order = binary.BigEndian
	case 1:
		order = binary.LittleEndian
	default:
		return nil, land.Invalid(geometryField, "not WKB: byte order %d is neither 0 nor 1", b[0])
	}
	code := order.Uint32(b[1:5])
	b = b[5:]
	dims := uint64(2)
	if code&ewkbFlagZ != 0 {
		dims++
	}
	if code&ewkbFlagM != 0 {
		dims++
	}
	if code&ewkbFlagSRID != 0 {
		if len(b) < 4 {
			return nil, land.Invalid(geometryField, "WKB ends inside the SRID")
		}
		b = b[4:]
	}
	base := code &^ (ewkbFlagZ | ewkbFlagM | ewkbFlagSRID)
	switch base / 1000 { // ISO WKB: 1000s for Z, 2000s for M, 3000s for ZM
	case 1, 2:
		dims++
	case 3:
		dims += 2
	}
	base %= 1000
	switch {
	case base == wkbPolygon:
		return walkPolygon(b, order, dims)
	case base == wkbMultiPolygon && depth == 0:
		n, b, err := wkbCount(b, order, 9) // a polygon takes at least 9 bytes
		if err != nil {
			return nil, err
		}
		for range n {
			if b, err = walkWKB(b, 1); err != nil {
				return nil, err
			}
		}
		return b, nil
	case base < uint32(len(wkbTypeNames)) && wkbTypeNames[base] != "":
		return nil, land.Invalid(geometryField, "WKB holds a %s: expected Polygon or MultiPolygon", wkbTypeNames[base])
	}
	return nil, land.Invalid(geometryField, "WKB geometry type %d: expected Polygon (3) or MultiPolygon (6)", code)
}

// walkPolygon checks a polygon's ring and point counts.
func walkPolygon(b []byte, order binary.ByteOrder, dims uint64) ([]byte, error) {
	rings, b, err := wkbCount(b, order, 4)
	if err != nil {
		return nil, err
	}
	for range rings {
		var points uint64
		if points, b, err = wkbCount(b, order, 8*dims); err != nil {
			return nil, err
		}
		b = b[points*8*dims:]
	}
	return b, nil
}

// wkbCount reads a count and checks that what follows can hold that many
// items of at least size bytes each.
func wkbCount(b []byte, order binary.ByteOrder, size uint64) (uint64, []byte, error) {
	if len(b) < 4 {
		return 0, nil, land.Invalid(geometryField, "WKB ends inside a count")
	}
	n := uint64(order.Uint32(b))
	b = b[4:]
	if n*size > uint64(len(b)) {
		return 0, nil, land.Invalid(geometryField, "WKB announces %d items but only %d bytes follow", n, len(b))
	}
	return n, b, nil
}

// decodePlainWKB decodes, straight into orb, what PostGIS sends the index
// a million times at start-up: a 2D Polygon or MultiPolygon in WKB, or in
// EWKB with SRID 4490, in either byte order; b has passed checkWKBSizes,
// so every count fits in the bytes. It gives what the go-geom path gives
// (every point, closing ones included), and reports false for anything
// else (Z or M values, ISO type codes, another SRID), which that path reads
// or refuses.
func decodePlainWKB(s *Slab, b []byte) (orb.MultiPolygon, bool) {
	code, order, b, ok := plainWKBHeader(b, true)
	if !ok {
		return nil, false
	}
	switch code {
	case wkbPolygon:
		poly, _, ok := plainWKBPolygon(s, b, order)
		if !ok {
			return nil, false
		}
		return append(s.multiPolygon(1), poly), true
	case wkbMultiPolygon:
		n := int(order.Uint32(b))
		b = b[4:]
		mp := s.multiPolygon(n)
		for range n {
			var inner uint32
			var innerOrder binary.ByteOrder
			if inner, innerOrder, b, ok = plainWKBHeader(b, false); !ok || inner != wkbPolygon {
				return nil, false
			}
			var poly orb.Polygon
			if poly, b, ok = plainWKBPolygon(s, b, innerOrder); !ok {
				return nil, false
			}
			mp = append(mp, poly)
		}
		return mp, true
	}
	return nil, false
}

// plainWKBHeader reads a geometry's byte order and type, and an SRID of
// 4490 where srid allows one.
func plainWKBHeader(b []byte, srid bool) (uint32, binary.ByteOrder, []byte, bool) {
	var order binary.ByteOrder = binary.LittleEndian
	if b[0] == 0 {
		order = binary.BigEndian
	}
	code := order.Uint32(b[1:5])
	b = b[5:]
	if code&ewkbFlagSRID != 0 {
		if !srid || order.Uint32(b) != SRID {
			return 0, nil, nil, false
		}
		code &^= ewkbFlagSRID
		b = b[4:]
	}
	return code, order, b, code == wkbPolygon || code == wkbMultiPolygon
}

// plainWKBPolygon reads a 2D polygon's rings.
func plainWKBPolygon(s *Slab, b []byte, order binary.ByteOrder) (orb.Polygon, []byte, bool) {
	n := int(order.Uint32(b))
	b = b[4:]
	poly := s.polygon(n)
	for range n {
		points := int(order.Uint32(b))
		b = b[4:]
		ring := s.ring(points)
		for k := range ring {
			ring[k] = orb.Point{math.Float64frombits(order.Uint64(b)), math.Float64frombits(order.Uint64(b[8:]))}
			b = b[16:]
		}
		poly = append(poly, ring)
	}
	return poly, b, true
}
