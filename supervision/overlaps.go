package supervision

import (
	"fmt"
	"landwatch/sql"

	"context"
	"slices"
	"strings"

	"github.com/paulmach/orb"

	"landwatch/land"
	"landwatch/spatial"
)

// Rule returns the overlap thresholds in force.
func (e *Engine) Rule() spatial.OverlapRule { return e.rule }

// OverlapsOfShape returns the live parcels that a drawn shape overlaps
// (any shared area), with the shape's share in Share.
func (e *Engine) OverlapsOfShape(ctx context.Context, sc land.Scope, shape *spatial.Prepared) []sql.SupplyOverlap {
	snap := e.index.Snapshot()
	found := snap.OverlapsOf(shape, nil, spatial.OverlapRule{})
	out := make([]sql.SupplyOverlap, 0, len(found))
	for _, o := range found {
		other, ok := snap.Get(o.KindB, o.B)
		if !ok || !sc.Covers(other.Meta.Region) {
			continue // a drawn shape must not find where another region's land lies
		}
		so := sql.SupplyOverlap{OtherParcelID: o.B, OtherSupplyID: o.SupplyB, AreaM2: o.AreaM2, Share: o.ShareA, OtherShare: o.ShareB}
		if ok {
			so.OtherENumber, so.OtherStage = other.Meta.ENumber, other.Meta.Stage
		}
		if o.KindB == spatial.KindReserve {
			so.OtherReserve = other.Meta.Reserve
		}
		out = append(out, so)
	}
	return out
}

// ScanResult is the outcome of a batch overlap scan.
type ScanResult struct {
	Overlaps int `json:"overlaps"` // overlapping pairs found
	New      int `json:"new"`      // findings opened
	Closed   int `json:"closed"`   // findings closed because the overlap is gone
}

// OverlapScope says where to look for overlaps: a region subtree, a box, or
// the parcels of one supply; all empty means everywhere.
type OverlapScope struct {
	Region string
	BBox   *orb.Bound
	Supply int64
}

// PairOverlap is an overlap of two parcels with what the index knows of
// both.
type PairOverlap struct {
	A      OverlapParty `json:"a"`
	B      OverlapParty `json:"b,omitzero"`
	AreaM2 float64      `json:"area_m2,omitzero"`
	ShareA float64      `json:"share_a,omitzero"`
	ShareB float64      `json:"share_b,omitzero"`
	// Elsewhere, in an answer to a caller who may not see party B, says
	// only that A's ground is already supplied in another region
	// (confinePair).
	Elsewhere bool `json:"elsewhere,omitzero"`
}

// OverlapParty is one side of an overlap.
type OverlapParty struct {
	ParcelID int64  `json:"parcel_id"`
	SupplyID int64  `json:"supply_id"`
	ENumber  string `json:"e_number"`
	Region   string `json:"region_code"`
	// Reserve is the reserve number when the party is reserve land (its
	// ParcelID a reserve parcel's, no supply).
	Reserve string `json:"reserve,omitzero"`
}

// Overlaps returns the overlapping pairs of live parcels in scope under the
// rule in force, from the index, without recording anything. Everywhere and
// for a region it looks the pairs up among those the engine maintains (a
// pair is in a region when either party is); for a box or a supply it
// measures them. It never waits for catching up. progress, when set, hears
// how far it got.
func (e *Engine) Overlaps(ctx context.Context, sc land.Scope, scope OverlapScope, workers int, progress func(done, total int)) ([]PairOverlap, error) {
	// A user sees the overlaps that touch their region; Service.Overlaps
	// tells a county of a neighbour's side only that there is one.
	region, err := sc.Narrow(scope.Region)
	if err != nil {
		return nil, err
	}
	prefix := land.RegionPrefix(region)
	if scope.Supply == 0 && scope.BBox == nil {
		out := e.pairs.Load().inRegion(prefix)
		if progress != nil {
			progress(len(out), len(out))
		}
		return out, nil
	}
	snap := e.index.Snapshot()
	var found []spatial.Overlap
	if scope.Supply != 0 {
		ids, err := e.store.ParcelIDsOf(ctx, []int64{scope.Supply})
		if err != nil {
			return nil, err
		}
		for _, id := range ids {
			if sub, ok := snap.Get(spatial.KindSupplyParcel, id); ok {
				found = append(found, snap.OverlapsOfSubject(sub, e.rule)...)
			}
		}
	} else if found, err = snap.ScanOverlaps(ctx, *scope.BBox, e.rule, workers, progress); err != nil {
		return nil, err
	}
	if prefix != "" {
		found = slices.DeleteFunc(found, func(o spatial.Overlap) bool {
			return !inRegion(snap, o.KindA, o.A, prefix) && !inRegion(snap, o.KindB, o.B, prefix)
		})
	}
	out := make([]PairOverlap, len(found))
	for i, o := range found {
		out[i] = keep(snap, o).pair
	}
	return out, nil
}

func party(snap *spatial.Snapshot, kind spatial.Kind, id int64) OverlapParty {
	p := OverlapParty{ParcelID: id}
	if s, ok := snap.Get(kind, id); ok {
		p.SupplyID, p.ENumber, p.Region = s.SupplyID, s.Meta.ENumber, s.Meta.Region
		if kind == spatial.KindReserve {
			p.Reserve = s.Meta.Reserve
		}
	}
	return p
}

func inRegion(snap *spatial.Snapshot, kind spatial.Kind, id int64, prefix string) bool {
	s, ok := snap.Get(kind, id)
	return ok && strings.HasPrefix(s.Meta.Region, prefix)
}

// ScanOverlaps finds every overlapping pair of live parcels in a region
// subtree (everywhere when region is empty), records each as a finding and
// closes the scope's overlap findings that no longer hold. Running it again
// opens nothing new. progress, when set, hears how far it got.
func (e *Engine) ScanOverlaps(ctx context.Context, sc land.Scope, region string, workers int, progress func(done, total int)) (ScanResult, error) {
	var res ScanResult
	region, err := sc.Narrow(region)
	if err != nil {
		return res, err
	}
	// The pairs maintained must include what was written before the scan.
	if err := e.CatchUp(ctx); err != nil {
		return res, err
	}
	pairs, err := e.Overlaps(ctx, sc, OverlapScope{Region: region}, workers, progress)
	if err != nil {
		return res, err
	}
	res.Overlaps = len(pairs)
	rows := make([]sql.ParcelOverlap, len(pairs))
	for i, p := range pairs {
		rows[i] = sql.ParcelOverlap{ParcelA: p.A.ParcelID, ParcelB: p.B.ParcelID, SupplyA: p.A.SupplyID, SupplyB: p.B.SupplyID,
			AreaM2: p.AreaM2, ShareA: p.ShareA, ShareB: p.ShareB, Reserve: p.B.Reserve != ""}
	}
	ids := []int64{}
	if len(rows) > 0 {
		if ids, res.New, err = e.store.RecordOverlaps(ctx, sc, ruleText(e.rule), rows); err != nil {
			return res, err
		}
	}
	scope := land.RegionPrefix(region)
	if scope == "" {
		scope = "%" // every region
	}
	if res.Closed, err = e.store.CloseOverlapsExcept(ctx, sc, nil, scope, ids); err != nil {
		return res, err
	}
	err = e.store.Audit(ctx, sql.BulkEntry(sc, "scan", "findings/overlap", map[string]any{"region": region,
		"overlaps": res.Overlaps, "new": res.New, "closed": res.Closed}))
	return res, err
}

// ruleText says the overlap rule in force in words, for the findings: in
// Chinese, as the officials who read them work (the map translates).
func ruleText(r spatial.OverlapRule) string {
	return fmt.Sprintf("重复供地：重叠面积不小于 %g 平方米，且不小于较小宗地面积的 %g%%", r.MinAreaM2, r.MinShare*100)
}
