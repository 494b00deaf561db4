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
	RegionA, RegionB string // region codes of the two supplies
}

// FindingMark is an open finding as the findings layer draws it: a point
// on its supply's land.
type FindingMark struct {
	ID       int64
	Point    orb.Point
	Kind     string // suspected_idle, overlap, late_entry, inconsistency
	Grade    string
	Status   string
	SupplyID int64
	ENumber  string
	Region   string // region code of the supply
	// OtherRegion is the other supply's region of an overlap: its mark lies
	// on the shared ground, so only who may see both sees it.
	OtherRegion string
}

// Sources gives what the overlaps and findings layers draw in a box; the
// parcels come from the index snapshot.
type Sources interface {
	OverlapsIn(b orb.Bound) []OverlapShape
	FindingsIn(b orb.Bound) []FindingMark
}
