package supervision

import (
	"cmp"
	"context"
	"strings"

	"github.com/paulmach/orb"

	"landwatch/spatial"
)

// pairSet is the set of overlapping pairs of live parcels under the rule
// in force, as of one state of the index, sorted as a scan sorts them:
// published whole, replaced when parcels change.
type pairSet struct {
	pairs []keptPair
}

// keptPair is a pair as measured, with its parties as the index knew them.
type keptPair struct {
	ov   spatial.Overlap
	pair PairOverlap
}

func newPairSet(snap *spatial.Snapshot, found []spatial.Overlap) *pairSet {
	ps := &pairSet{pairs: make([]keptPair, len(found))}
	for i, o := range found {
		ps.pairs[i] = keep(snap, o)
	}
	return ps
}

// keep names a pair's parties as the index knows them, the supply parcel
// first when the other is reserve land (a pair measured for a changed
// reserve has the reserve as A).
func keep(snap *spatial.Snapshot, o spatial.Overlap) keptPair {
	if o.KindA == spatial.KindReserve && o.KindB == spatial.KindSupplyParcel {
		o.A, o.B, o.KindA, o.KindB, o.SupplyA, o.SupplyB, o.ShareA, o.ShareB = o.B, o.A, o.KindB, o.KindA, o.SupplyB, o.SupplyA, o.ShareB, o.ShareA
	}
	return keptPair{ov: o, pair: PairOverlap{A: party(snap, o.KindA, o.A), B: party(snap, o.KindB, o.B),
		AreaM2: o.AreaM2, ShareA: o.ShareA, ShareB: o.ShareB}}
}

// inRegion returns the pairs with either party in the region subtree of
// prefix (all when empty), as a scan of the region would find them.
func (ps *pairSet) inRegion(prefix string) []PairOverlap {
	out := make([]PairOverlap, 0, len(ps.pairs))
	for _, k := range ps.pairs {
		if prefix == "" || strings.HasPrefix(k.pair.A.Region, prefix) || strings.HasPrefix(k.pair.B.Region, prefix) {
			out = append(out, k.pair)
		}
	}
	return out
}

// updatePairs drops the pairs of the subjects of kind (supply parcels or
// reserve land) that changed and measures theirs again against the current
// index, then publishes the new set.
func (e *Engine) updatePairs(ctx context.Context, kind spatial.Kind, parcels []int64) error {
	if len(parcels) == 0 {
		return nil
	}
	snap := e.index.Snapshot()
	fresh, err := snap.OverlapsInvolving(ctx, kind, parcels, e.rule, 0)
	if err != nil {
		return err
	}
	changed := make(map[int64]bool, len(parcels))
	for _, id := range parcels {
		changed[id] = true
	}
	involved := func(o spatial.Overlap) bool {
		return (o.KindA == kind && changed[o.A]) || (o.KindB == kind && changed[o.B])
	}
	old := e.pairs.Load().pairs
	next := &pairSet{pairs: make([]keptPair, 0, len(old)+len(fresh))}
	i := 0
	for _, k := range old {
		if involved(k.ov) {
			continue
		}
		for i < len(fresh) && pairOrder(fresh[i], k.ov) < 0 {
			next.pairs = append(next.pairs, keep(snap, fresh[i]))
			i++
		}
		next.pairs = append(next.pairs, k)
	}
	for ; i < len(fresh); i++ {
		next.pairs = append(next.pairs, keep(snap, fresh[i]))
	}
	e.pairs.Store(next)
	return nil
}

// pairOrder orders pairs as spatial.Snapshot.ScanOverlaps sorts them.
func pairOrder(x, y spatial.Overlap) int {
	return cmp.Or(cmp.Compare(x.KindA, y.KindA), cmp.Compare(x.A, y.A), cmp.Compare(x.KindB, y.KindB), cmp.Compare(x.B, y.B))
}

// samePartyOf reports whether a parcel read again takes part in overlaps
// exactly as before — same shape, supply, reserve and liveness — and names
// itself the same way, so that its pairs stand (a flag or stage change
// alone).
func samePartyOf(old, cur *spatial.Subject) bool {
	return old.Live == cur.Live && old.SupplyID == cur.SupplyID && old.Meta.ENumber == cur.Meta.ENumber &&
		old.Meta.Reserve == cur.Meta.Reserve &&
		old.Meta.Region == cur.Meta.Region && old.Shape != nil && cur.Shape != nil &&
		old.Shape.Bound == cur.Shape.Bound && orb.Equal(old.Shape.Geom, cur.Shape.Geom)
}
