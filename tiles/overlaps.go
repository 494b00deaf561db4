package tiles

import "github.com/paulmach/orb"

// OverlapShape is the shared area of two overlapping supplies, as the
// overlaps layer draws it.
type OverlapShape struct {
	ID               int64 // the finding
	Geom             orb.MultiPolygon
	AreaM2           float64
	SupplyA, SupplyB int64
	NumberA, NumberB string
}

// OverlapSource gives the overlap shapes that touch a box.
type OverlapSource interface {
	OverlapsIn(b orb.Bound) []OverlapShape
}
