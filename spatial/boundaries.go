package spatial

import "github.com/paulmach/orb"

// Boundaries are administrative boundaries (行政区界线) prepared for the
// region check of parcels, by 6-digit division code. A Boundaries is not
// changed once made and is safe for concurrent use; a nil *Boundaries has
// none.
type Boundaries struct {
	byCode map[string]division
}

type division struct {
	name  string
	shape *Prepared
}

// NewBoundaries prepares shapes by division code; names are what the
// divisions are called in messages.
func NewBoundaries(shapes map[string]orb.MultiPolygon, names map[string]string) *Boundaries {
	b := &Boundaries{byCode: make(map[string]division, len(shapes))}
	for code, mp := range shapes {
		b.byCode[code] = division{name: names[code], shape: Prepare(mp)}
	}
	return b
}

// Len is how many boundaries are loaded.
func (b *Boundaries) Len() int {
	if b == nil {
		return 0
	}
	return len(b.byCode)
}

// Has reports whether the division code has a boundary, and its name.
func (b *Boundaries) Has(code string) (string, bool) {
	if b == nil {
		return "", false
	}
	d, ok := b.byCode[code]
	return d.name, ok
}

// Meets reports whether mp shares some area with the boundary of code
// (true when code has none: what is not loaded refuses nothing).
func (b *Boundaries) Meets(code string, mp orb.MultiPolygon) bool {
	if b == nil {
		return true
	}
	d, ok := b.byCode[code]
	if !ok {
		return true
	}
	if !d.shape.Bound.Intersects(mp.Bound()) {
		return false
	}
	return InteriorsIntersect(Prepare(mp), d.shape)
}
