package spatial

// OverlapRule says when two parcels overlap in the sense of 重复供地
// (DESIGN §4.3): their intersection is at least MinAreaM2 square metres
// and at least MinShare of the smaller parcel's area. Shared edges and
// survey-rounding slivers stay below it; an intersection no larger than
// InteriorEpsilonM2 never counts, whatever the rule, so that OverlapRule{}
// means "interiors intersect".
type OverlapRule struct {
	MinAreaM2 float64 // smallest intersection that counts, m²
	MinShare  float64 // smallest share of the smaller parcel that counts, 0–1
}

// DefaultOverlapRule returns the thresholds of DESIGN §4.3: 1 m² and
// 0.1 % of the smaller parcel.
func DefaultOverlapRule() OverlapRule {
	return OverlapRule{MinAreaM2: 1, MinShare: 0.001}
}

// Overlap is one overlap between two subjects of the index (or between a
// drawn shape, A = 0 and KindA = 0, and a subject): the area they share in
// m² (computed in A's zone) and its share of each one's area. Subjects are
// identified by kind and id, with the supply each belongs to.
type Overlap struct {
	A, B             int64 // subject ids
	KindA, KindB     Kind
	SupplyA, SupplyB int64
	AreaM2           float64
	ShareA, ShareB   float64 // AreaM2 over A's and B's area, 0–1
}

// Swapped is the overlap seen from B's side: B as A, its share first.
func (o Overlap) Swapped() Overlap {
	o.A, o.B, o.KindA, o.KindB, o.SupplyA, o.SupplyB, o.ShareA, o.ShareB = o.B, o.A, o.KindB, o.KindA, o.SupplyB, o.SupplyA, o.ShareB, o.ShareA
	return o
}

// Check computes the intersection of a and b and reports whether it is an
// overlap under r. The Overlap returned carries the area and the shares;
// its ids are left for the caller to fill in.
func (r OverlapRule) Check(a, b *Prepared) (Overlap, bool) {
	var o overlay
	return r.check(&o, a, b)
}

// check is Check with o's scratch space.
func (r OverlapRule) check(o *overlay, a, b *Prepared) (Overlap, bool) {
	area := o.intersectionArea(a, b)
	if area <= InteriorEpsilonM2 || area < r.MinAreaM2 || area < r.MinShare*min(a.Area(), b.Area()) {
		return Overlap{}, false
	}
	return Overlap{AreaM2: area, ShareA: share(area, a.Area()), ShareB: share(area, b.Area())}, true
}

// share returns part/whole clamped to 0–1, and 0 for an empty whole.
func share(part, whole float64) float64 {
	if whole <= 0 {
		return 0
	}
	return min(part/whole, 1)
}
