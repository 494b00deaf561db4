package supervision

import (
	"cmp"
	"context"
	"strings"
	"sync"

	"github.com/paulmach/orb"

	"landwatch/spatial"
)

// pairSet is the set of overlapping pairs of live parcels under the rule
// in force, as of one state of the index, sorted as a scan sorts them:
// published whole, replaced when parcels change.
type pairSet struct {
	pairs []keptPair
	snap  *spatial.Snapshot // the state of the index they were measured in
	// ofParcel lists, by supply parcel, the pairs it is a party to (made
	// when first asked for: the set does not change once published).
	ofParcel     map[int64][]int
	ofParcelOnce sync.Once
}

// keptPair is a pair as measured, with its parties as the index knew them.
type keptPair struct {
	ov   spatial.Overlap
	pair PairOverlap
}

func newPairSet(snap *spatial.Snapshot, found []spatial.Overlap) *pairSet {
	ps := &pairSet{pairs: make([]keptPair, len(found)), snap: snap}
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
		o = o.Swapped()
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

// updatePairs drops the pairs of the subjects that changed, by kind (supply
// parcels and reserve land), measures theirs again against the current
// index, then publishes the new set once, with the state it was measured in.
func (e *Engine) updatePairs(ctx context.Context, changed map[spatial.Kind][]int64) error {
	snap := e.index.Snapshot()
	pairs := e.pairs.Load().pairs
	for _, kind := range []spatial.Kind{spatial.KindSupplyParcel, spatial.KindReserve} {
		if len(changed[kind]) == 0 {
			continue
		}
		var err error
		if pairs, err = remeasured(ctx, snap, pairs, kind, changed[kind], e.rule); err != nil {
			return err
		}
	}
	e.pairs.Store(&pairSet{pairs: pairs, snap: snap})
	return nil
}

// remeasured returns old without the pairs of the subjects of kind that
// changed, and with theirs as measured in snap, in order.
func remeasured(ctx context.Context, snap *spatial.Snapshot, old []keptPair, kind spatial.Kind, parcels []int64, rule spatial.OverlapRule) ([]keptPair, error) {
	fresh, err := snap.OverlapsInvolving(ctx, kind, parcels, rule, 0)
	if err != nil {
		return nil, err
	}
	changed := make(map[int64]bool, len(parcels))
	for _, id := range parcels {
		changed[id] = true
	}
	involved := func(o spatial.Overlap) bool {
		return (o.KindA == kind && changed[o.A]) || (o.KindB == kind && changed[o.B])
	}
	next := make([]keptPair, 0, len(old)+len(fresh))
	i := 0
	for _, k := range old {
		if involved(k.ov) {
			continue
		}
		for i < len(fresh) && pairOrder(fresh[i], k.ov) < 0 {
			next = append(next, keep(snap, fresh[i]))
			i++
		}
		next = append(next, k)
	}
	for ; i < len(fresh); i++ {
		next = append(next, keep(snap, fresh[i]))
	}
	return next, nil
}

// ofSupplyParcel returns the pairs a supply parcel is a party to, each
// with the parcel as A (its share first), in the set's order.
func (ps *pairSet) ofSupplyParcel(id int64) []spatial.Overlap {
	ps.ofParcelOnce.Do(func() {
		ps.ofParcel = map[int64][]int{}
		for i, k := range ps.pairs {
			if k.ov.KindA == spatial.KindSupplyParcel {
				ps.ofParcel[k.ov.A] = append(ps.ofParcel[k.ov.A], i)
			}
			if k.ov.KindB == spatial.KindSupplyParcel {
				ps.ofParcel[k.ov.B] = append(ps.ofParcel[k.ov.B], i)
			}
		}
	})
	var out []spatial.Overlap
	for _, i := range ps.ofParcel[id] {
		o := ps.pairs[i].ov
		if o.KindA != spatial.KindSupplyParcel || o.A != id {
			o = o.Swapped()
		}
		out = append(out, o)
	}
	return out
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
