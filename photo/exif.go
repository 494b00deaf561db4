package photo

import (
	"bytes"
	"encoding/binary"
)

// EXIF tags read here; the rest of the block is skipped.
const (
	tagDateTime           = 0x0132 // IFD0: when the file was last changed
	tagExifIFD            = 0x8769
	tagGPSIFD             = 0x8825
	tagDateTimeOriginal   = 0x9003 // ExifIFD: when the shutter fired
	tagOffsetTime         = 0x9010 // ExifIFD: zone of DateTime
	tagOffsetTimeOriginal = 0x9011 // ExifIFD: zone of DateTimeOriginal
	tagGPSLatitudeRef     = 0x0001
	tagGPSLatitude        = 0x0002
	tagGPSLongitudeRef    = 0x0003
	tagGPSLongitude       = 0x0004
)

// TIFF field types used here.
const (
	typeASCII    = 2
	typeLong     = 4
	typeRational = 5
	typeIFD      = 13
)

// tiff is one EXIF block: TIFF-structured data whose offsets count from
// its first byte. Every offset in it comes from the uploader, so each is
// checked against len(b) before use.
type tiff struct {
	b  []byte
	bo binary.ByteOrder
}

// entry is one IFD entry with its value bytes already located and
// bounds-checked.
type entry struct {
	tag, typ uint16
	count    uint32
	val      []byte
}

// parseTIFF checks the TIFF header and returns the block with the entries
// of its first IFD.
func parseTIFF(b []byte) (tiff, []entry, bool) {
	if len(b) < 8 {
		return tiff{}, nil, false
	}
	var t tiff
	switch string(b[:2]) {
	case "II":
		t = tiff{b, binary.LittleEndian}
	case "MM":
		t = tiff{b, binary.BigEndian}
	default:
		return tiff{}, nil, false
	}
	if t.bo.Uint16(b[2:]) != 42 {
		return tiff{}, nil, false
	}
	return t, t.ifd(t.bo.Uint32(b[4:])), true
}

// typeSize is the byte size of one value of a TIFF field type, 0 for a
// type this reader does not know (such an entry is skipped, not trusted).
func typeSize(typ uint16) uint64 {
	switch typ {
	case 1, 2, 6, 7:
		return 1
	case 3, 8:
		return 2
	case 4, 9, 11, 13:
		return 4
	case 5, 10, 12:
		return 8
	}
	return 0
}

// ifd returns the entries of the IFD at off. Entries that do not fit the
// block are dropped one by one rather than failing the IFD, because a
// writer that got one value wrong may still have got the time right.
func (t tiff) ifd(off uint32) []entry {
	size := uint64(len(t.b))
	start := uint64(off) + 2
	if start > size {
		return nil
	}
	n := uint64(t.bo.Uint16(t.b[off:]))
	n = min(n, (size-start)/12)
	es := make([]entry, 0, n)
	for k := range n {
		e := t.b[start+12*k : start+12*k+12]
		typ := t.bo.Uint16(e[2:])
		count := t.bo.Uint32(e[4:])
		total := typeSize(typ) * uint64(count)
		if total == 0 {
			continue
		}
		var val []byte
		if total <= 4 {
			val = e[8 : 8+total]
		} else {
			o := uint64(t.bo.Uint32(e[8:]))
			if o+total > size {
				continue
			}
			val = t.b[o : o+total]
		}
		es = append(es, entry{tag: t.bo.Uint16(e), typ: typ, count: count, val: val})
	}
	return es
}

func find(es []entry, tag uint16) (entry, bool) {
	for _, e := range es {
		if e.tag == tag {
			return e, true
		}
	}
	return entry{}, false
}

// ascii returns an ASCII value without its NUL terminator and padding.
func ascii(es []entry, tag uint16) (string, bool) {
	e, ok := find(es, tag)
	if !ok || e.typ != typeASCII {
		return "", false
	}
	v, _, _ := bytes.Cut(e.val, []byte{0})
	return string(bytes.TrimSpace(v)), true
}

// pointer returns the offset of a sub-IFD. Writers use LONG or, more
// rarely, the IFD type for it.
func (t tiff) pointer(es []entry, tag uint16) (uint32, bool) {
	e, ok := find(es, tag)
	if !ok || e.count != 1 || (e.typ != typeLong && e.typ != typeIFD) {
		return 0, false
	}
	return t.bo.Uint32(e.val), true
}

// rationals returns up to three unsigned rationals as floats. A zero
// denominator fails the whole value: a degree count with an undefined
// part is not a position.
func (t tiff) rationals(es []entry, tag uint16) ([]float64, bool) {
	e, ok := find(es, tag)
	if !ok || e.typ != typeRational || e.count < 1 || e.count > 3 {
		return nil, false
	}
	vs := make([]float64, e.count)
	for i := range vs {
		num := t.bo.Uint32(e.val[8*i:])
		den := t.bo.Uint32(e.val[8*i+4:])
		if den == 0 {
			return nil, false
		}
		vs[i] = float64(num) / float64(den)
	}
	return vs, true
}
