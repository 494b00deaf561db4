// Package tiles encodes Mapbox Vector Tiles (MVT 2.1) of the parcels held in
// the in-memory index: projected to Web Mercator, clipped with a buffer,
// snapped to the tile grid, rings oriented as the specification wants, and
// cached with exact invalidation when a parcel changes.
package tiles

import (
	"encoding/binary"
	"math"
)

// Geometry types of MVT features.
const (
	geomPoint   = 1
	geomPolygon = 3
)

// layer builds one layer of a tile: its features, and the key and value
// tables their tags point into.
type layer struct {
	name     string
	extent   uint32
	keys     []string
	keyIndex map[string]uint32
	values   [][]byte // encoded Value messages
	strVals  map[string]uint32
	intVals  map[int64]uint32
	realVals map[float64]uint32
	features []byte
	count    int
	feature  []byte   // scratch: one feature being encoded
	tags     []uint32 // scratch: its tags
}

func newLayer(name string, extent uint32) *layer {
	return &layer{name: name, extent: extent, keyIndex: map[string]uint32{}, features: make([]byte, 0, 4<<10),
		strVals: map[string]uint32{}, intVals: map[int64]uint32{}, realVals: map[float64]uint32{}}
}

// prop is one attribute of a feature: a string, or an integer, or a float.
type prop struct {
	key  string
	str  string
	num  int64
	real float64
	kind byte // 's', 'i' or 'f'
}

func strProp(k, v string) prop       { return prop{key: k, str: v, kind: 's'} }
func intProp(k string, v int64) prop { return prop{key: k, num: v, kind: 'i'} }

func (l *layer) key(k string) uint32 {
	if i, ok := l.keyIndex[k]; ok {
		return i
	}
	i := uint32(len(l.keys))
	l.keys = append(l.keys, k)
	l.keyIndex[k] = i
	return i
}

// value returns the index of a property's value in the layer's table,
// encoding the Value message the first time the value is met.
func (l *layer) value(p prop) uint32 {
	switch p.kind {
	case 's':
		if i, ok := l.strVals[p.str]; ok {
			return i
		}
		i := l.addValue(appendBytesField(nil, 1, []byte(p.str)))
		l.strVals[p.str] = i
		return i
	case 'i':
		if i, ok := l.intVals[p.num]; ok {
			return i
		}
		msg := appendTag(nil, 6, 0) // sint_value
		i := l.addValue(binary.AppendUvarint(msg, zigzag64(p.num)))
		l.intVals[p.num] = i
		return i
	default:
		if i, ok := l.realVals[p.real]; ok {
			return i
		}
		msg := appendTag(nil, 3, 1) // double_value
		i := l.addValue(binary.LittleEndian.AppendUint64(msg, math.Float64bits(p.real)))
		l.realVals[p.real] = i
		return i
	}
}

func (l *layer) addValue(msg []byte) uint32 {
	l.values = append(l.values, msg)
	return uint32(len(l.values) - 1)
}

// add appends a feature with its geometry commands; an id of 0 is left out.
func (l *layer) add(id uint64, typ int, geom []uint32, props []prop) {
	f := l.feature[:0]
	if id != 0 {
		f = appendTag(f, 1, 0)
		f = binary.AppendUvarint(f, id)
	}
	tags := l.tags[:0]
	for _, p := range props {
		tags = append(tags, l.key(p.key), l.value(p))
	}
	f = appendPacked(f, 2, tags)
	f = appendTag(f, 3, 0)
	f = binary.AppendUvarint(f, uint64(typ))
	f = appendPacked(f, 4, geom)
	l.features = appendBytesField(l.features, 2, f)
	l.feature, l.tags = f, tags
	l.count++
}

// bytes encodes the layer message.
func (l *layer) bytes() []byte {
	var b []byte
	b = appendTag(b, 15, 0)
	b = binary.AppendUvarint(b, 2)
	b = appendBytesField(b, 1, []byte(l.name))
	b = append(b, l.features...)
	for _, k := range l.keys {
		b = appendBytesField(b, 3, []byte(k))
	}
	for _, v := range l.values {
		b = appendBytesField(b, 4, v)
	}
	b = appendTag(b, 5, 0)
	b = binary.AppendUvarint(b, uint64(l.extent))
	return b
}

// encodeTile writes a tile of the non-empty layers.
func encodeTile(layers ...*layer) []byte {
	var b []byte
	for _, l := range layers {
		if l.count > 0 {
			b = appendBytesField(b, 3, l.bytes())
		}
	}
	return b
}

func appendTag(b []byte, field, wire int) []byte {
	return binary.AppendUvarint(b, uint64(field<<3|wire))
}

func appendBytesField(b []byte, field int, v []byte) []byte {
	b = appendTag(b, field, 2)
	b = binary.AppendUvarint(b, uint64(len(v)))
	return append(b, v...)
}

func appendPacked(b []byte, field int, vs []uint32) []byte {
	n := 0
	for _, v := range vs {
		n += uvarintLen(uint64(v))
	}
	b = appendTag(b, field, 2)
	b = binary.AppendUvarint(b, uint64(n))
	for _, v := range vs {
		b = binary.AppendUvarint(b, uint64(v))
	}
	return b
}

func uvarintLen(v uint64) int {
	n := 1
	for v >= 0x80 {
		v >>= 7
		n++
	}
	return n
}

func zigzag64(v int64) uint64 { return uint64((v << 1) ^ (v >> 63)) }

func zigzag32(v int32) uint32 { return uint32((v << 1) ^ (v >> 31)) }
