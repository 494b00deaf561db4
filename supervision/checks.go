package supervision

import (
	"context"
	"math"

	"landwatch/land"
	"landwatch/spatial"
	"landwatch/sql"
)

// checkActor is the system actor under which the engine records the
// findings of overlap checks owed by writes it saw on the change feed.
func checkActor() land.Scope { return land.SystemScope("overlap-check") }

// checkBatch is how many owed checks one transaction settles.
const checkBatch = 2000

// CheckSupplies checks every parcel of the supplies against the index after
// a write has committed: once the index has caught up (so that the write
// itself is in it), it records each overlap as a finding, closes the
// supplies' overlap findings that no longer hold, settles the checks the
// write left owed (so that no engine repeats them) and returns the overlaps. When it fails the
// checks stay owed and an engine's follower settles them: the write stands.
func (e *Engine) CheckSupplies(ctx context.Context, sc land.Scope, supplyIDs ...int64) ([]sql.SupplyOverlap, error) {
	if len(supplyIDs) == 0 {
		return []sql.SupplyOverlap{}, nil
	}
	var snap *spatial.Snapshot
	// The write that owed the checks is in the audit log with its change.
	// The index catches up (so that the write itself is in it) while its
	// checks are claimed.
	res, err := e.store.SettleChecks(ctx, sc.Following(), ruleText(e.rule), "", supplyIDs, math.MaxInt32, e.CatchUp,
		func(parcels []int64) (found []sql.ParcelOverlap) {
			found, snap = e.overlapsOfParcels(parcels)
			return found
		})
	if err != nil {
		return nil, err
	}
	out := make([]sql.SupplyOverlap, 0, len(res.Overlaps))
	for i, o := range res.Overlaps {
		so := sql.SupplyOverlap{ParcelID: o.ParcelA, OtherParcelID: o.ParcelB, OtherSupplyID: o.SupplyB, AreaM2: o.AreaM2,
			Share: o.ShareA, OtherShare: o.ShareB, FindingID: res.FindingIDs[i]}
		kind := spatial.KindSupplyParcel
		if o.Reserve {
			kind = spatial.KindReserve
		}
		if other, ok := snap.Get(kind, o.ParcelB); ok {
			so.OtherENumber = other.Meta.ENumber
			if o.Reserve {
				so.OtherReserve = other.Meta.Reserve
			}
			if !sc.Covers(other.Meta.Region) {
				so = elsewhere(so)
			}
		}
		out = append(out, so)
	}
	return out, nil
}

// settleOwedChecks settles, batch by batch, the overlap checks owed by
// writes the index shows, whoever made them (plain SQL, another instance,
// a bulk import).
func (e *Engine) settleOwedChecks(ctx context.Context) error {
	for {
		snapshot := e.feedSnapshot()
		if snapshot == "" {
			return nil
		}
		res, err := e.store.SettleChecks(ctx, checkActor(), ruleText(e.rule), snapshot, nil, checkBatch, nil,
			func(parcels []int64) []sql.ParcelOverlap { found, _ := e.overlapsOfParcels(parcels); return found })
		if land.ErrorCode(err) == land.CodeNotFound {
			// A parcel the index still shows was deleted since: the delete
			// owes a check of its own, settled after the next round.
			e.log.Debug("overlap checks: a parcel went meanwhile; settling after the next round", "err", err)
			return nil
		}
		if err != nil || res.Claimed == 0 {
			return err
		}
		if res.New > 0 || res.Closed > 0 {
			e.log.Info("overlap checks of changes seen on the feed", "checked", res.Claimed, "opened", res.New, "closed", res.Closed)
		}
	}
}

// overlapsOfParcels returns the overlaps of the parcels, each as A, in the
// parcels' order, with the state of the index they were measured in. Many
// parcels (a bulk import's) are read from the pairs the engine maintains:
// the round that brought them into the index measured them, and measuring
// an import's 100,000 again took 0.6 s. A few (an edit's) are measured
// again in the state the pairs were measured in, rather than every pair
// indexed by parcel for them.
func (e *Engine) overlapsOfParcels(parcels []int64) ([]sql.ParcelOverlap, *spatial.Snapshot) {
	ps := e.pairs.Load()
	snap := ps.snap
	if snap == nil { // nothing loaded yet
		snap = e.index.Snapshot()
	}
	var out []sql.ParcelOverlap
	for _, id := range parcels {
		var found []spatial.Overlap
		if len(parcels) >= len(ps.pairs)/fewParcels {
			found = ps.ofSupplyParcel(id)
		} else if sub, ok := snap.Get(spatial.KindSupplyParcel, id); ok {
			found = snap.OverlapsOfSubject(sub, e.rule)
		}
		for _, o := range found {
			out = append(out, sql.ParcelOverlap{ParcelA: o.A, ParcelB: o.B, SupplyA: o.SupplyA, SupplyB: o.SupplyB,
				AreaM2: o.AreaM2, ShareA: o.ShareA, ShareB: o.ShareB, Reserve: o.KindB == spatial.KindReserve})
		}
	}
	return out, snap
}

// fewParcels is how many pairs per parcel checked make measuring the
// parcels again cheaper than indexing every pair by parcel.
const fewParcels = 256

// feedSnapshot returns the snapshot the published state reflects (empty
// before loading).
func (e *Engine) feedSnapshot() sql.FeedSnapshot {
	if p := e.snapshot.Load(); p != nil {
		return *p
	}
	return ""
}
