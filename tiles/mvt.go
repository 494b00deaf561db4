// Package tiles encodes Mapbox Vector Tiles (MVT 2.1) of the parcels held in
// the in-memory index: projected to Web Mercator, clipped with a buffer,
// snapped to the tile grid, rings oriented as the specification wants, and
// cached with exact invalidation when a parcel changes.
package tiles

import (
	"encoding/binary"
	"math"
	"slices"
)

// Geometry types of MVT features.
const (
	geomPoint   = 1
	geomPolygon = 3
)

// layer builds one layer of a tile: its features, and the key and value
// tables their tags point into. A layer is reused from tile to tile (reset):
// its buffers and tables keep their room, so that a tile is made without
// growing them again.
type layer struct {
	name     string
	extent   uint32
	keys     []byte // the encoded keys, field 3 each
	nkeys    uint32
	keyIndex []uint32 // by the key's number (keyNames): 1 + its index in keys, 0 until met
	values   []byte   // the encoded values, field 4 each: every value once
	nvalues  uint32
	strVals  map[string]uint32
	intVals  map[int64]uint32
	realVals map[float64]uint32
	features []byte
	count    int
	feature  []byte   // scratch: one feature being encoded
	tags     []uint32 // scratch: its tags
	msg      []byte   // scratch: one value being encoded
}

func newLayer(name string, extent uint32) *layer {
	return &layer{name: name, extent: extent, keyIndex: make([]uint32, len(keyNames)), features: make([]byte, 0, 4<<10),
		strVals: map[string]uint32{}, intVals: map[int64]uint32{}, realVals: map[float64]uint32{}}
}

// reset empties the layer, keeping its room.
func (l *layer) reset() {
	l.keys, l.nkeys, l.values, l.nvalues = l.keys[:0], 0, l.values[:0], 0
	clear(l.keyIndex)
	clear(l.strVals)
	clear(l.intVals)
	clear(l.realVals)
	l.features, l.count = l.features[:0], 0
}

// prop is one attribute of a feature: a string, or an integer, or a float.
type prop struct {
	str  string
	num  int64
	real float64
	key  uint8 // the index of its name in keyNames
	kind byte  // 's', 'i' or 'f'
}

func strProp(v string) prop { return prop{str: v, kind: 's'} }
func intProp(v int64) prop  { return prop{num: v, kind: 'i'} }

func (l *layer) key(k uint8) uint32 {
	if i := l.keyIndex[k]; i > 0 {
		return i - 1
	}
	i := l.nkeys
	l.keys = appendBytesField(l.keys, 3, []byte(keyNames[k]))
	l.nkeys++
	l.keyIndex[k] = i + 1
	return i
}

// value returns the index of a property's value in the layer's table,
// encoding the Value message the first time the value is met: a value
// shared by many features (a stage, a set of flags) is written once.
func (l *layer) value(p prop) uint32 {
	switch p.kind {
	case 's':
		if i, ok := l.strVals[p.str]; ok {
			return i
		}
		i := l.addValue(appendBytesField(l.msg[:0], 1, []byte(p.str)))
		l.strVals[p.str] = i
		return i
	case 'i':
		if i, ok := l.intVals[p.num]; ok {
			return i
		}
		msg := appendTag(l.msg[:0], 6, 0) // sint_value
		i := l.addValue(binary.AppendUvarint(msg, zigzag64(p.num)))
		l.intVals[p.num] = i
		return i
	default:
		if i, ok := l.realVals[p.real]; ok {
			return i
		}
		msg := appendTag(l.msg[:0], 3, 1) // double_value
		i := l.addValue(binary.LittleEndian.AppendUint64(msg, math.Float64bits(p.real)))
		l.realVals[p.real] = i
		return i
	}
}

func (l *layer) addValue(msg []byte) uint32 {
	l.msg = msg
	l.values = appendBytesField(l.values, 4, msg)
	l.nvalues++
	return l.nvalues - 1
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

// size is the length of the encoded layer message.
func (l *layer) size() int {
	return 2 + 1 + uvarintLen(uint64(len(l.name))) + len(l.name) + len(l.features) + len(l.keys) + len(l.values) +
		1 + uvarintLen(uint64(l.extent))
}

// appendTo appends the layer message as field 3 of a tile.
func (l *layer) appendTo(b []byte) []byte {
	b = appendTag(b, 3, 2)
	b = binary.AppendUvarint(b, uint64(l.size()))
	b = appendTag(b, 15, 0)
	b = binary.AppendUvarint(b, 2)
	b = appendBytesField(b, 1, []byte(l.name))
	b = append(b, l.features...)
	b = append(b, l.keys...)
	b = append(b, l.values...)
	b = appendTag(b, 5, 0)
	return binary.AppendUvarint(b, uint64(l.extent))
}

// encodeTile appends a tile of the non-empty layers to dst[:0], grown once
// to the tile's exact size: a tile the cache keeps wastes no room, and one
// drawn into a lent buffer (Cache.Lend) allocates nothing. The layers are
// reused.
func encodeTile(dst []byte, layers ...*layer) []byte {
	n := 0
	for _, l := range layers {
		if l.count > 0 {
			m := l.size()
			n += 1 + uvarintLen(uint64(m)) + m
		}
	}
	b := slices.Grow(dst[:0], n)
	for _, l := range layers {
		if l.count > 0 {
			b = l.appendTo(b)
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
