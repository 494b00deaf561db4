package seed

import "landwatch/land"

// The demo city's collective construction land (集体建设用地): a few
// supplies at the first town's edge, where a village's land meets the
// town, belong to the village collective and enter the market each way
// collective land may — transfer (出让, its drawn method kept), lease
// (出租) and capital contribution (作价出资或入股). They are supplies the
// city has anyway, marked so, so that every count of the demo stays what
// it was.
const (
	// villageOwner is the village collective economic organisation
	// (集体经济组织) owning the land.
	villageOwner = "东关村股份经济合作社"
	// villageBlocks is how many of the first town's outermost blocks are
	// the village's.
	villageBlocks = 4
)

// villageMethods are the ways the village's supplies enter the market, in
// the order they are found: "" keeps the transfer's own method.
var villageMethods = []string{"", land.MethodLease, land.MethodCapital}

// village marks the village's supplies as they are generated.
type village struct{ marked int }

// take makes s collective land of the village while the village has ways
// left; only a transfer is taken, whose price and terms fit each way.
func (v *village) take(s *land.Supply) {
	if v.marked >= len(villageMethods) || s.Kind != land.KindTransfer {
		return
	}
	if m := villageMethods[v.marked]; m != "" {
		s.Method, s.Kind = m, land.KindOf(m)
	}
	s.Collective, s.CollectiveOwner = true, villageOwner
	v.marked++
}
