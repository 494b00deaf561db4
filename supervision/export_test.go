package supervision

import "landwatch/spatial"

// OverlapsOfParcelBothWays returns a supply parcel's overlaps as the pairs
// the engine maintains have them and as measured again in the state they
// were measured in: the two sources overlapsOfParcels reads.
func (e *Engine) OverlapsOfParcelBothWays(id int64) (kept, measured []spatial.Overlap) {
	ps := e.pairs.Load()
	if sub, ok := ps.snap.Get(spatial.KindSupplyParcel, id); ok {
		measured = ps.snap.OverlapsOfSubject(sub, e.rule)
	}
	return ps.ofSupplyParcel(id), measured
}
