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

// CheckSupplies checks every parcel of the supplies against the index after
// a write has committed: it catches up first (so the write itself is in the
// index), records each overlap as a finding, closes the supplies' overlap
// findings that no longer hold, and returns the overlaps.
func (e *Engine) CheckSupplies(ctx context.Context, sc land.Scope, supplyIDs ...int64) ([]sql.SupplyOverlap, error) {
	if len(supplyIDs) == 0 {
		return []sql.SupplyOverlap{}, nil
	}
	if err := e.CatchUp(ctx); err != nil {
		return nil, err
	}
	parcelIDs, err := e.store.ParcelIDsOf(ctx, supplyIDs)
	if err != nil {
		return nil, err
	}
	snap := e.index.Snapshot()
	var found []spatial.Overlap
	for _, id := range parcelIDs {
		if sub, ok := snap.Get(spatial.KindSupplyParcel, id); ok {
			found = append(found, snap.OverlapsOfSubject(sub, e.rule)...)
		}
	}
	ids, err := e.record(ctx, sc, found)
	if err != nil {
		return nil, err
	}
	if _, err := e.store.CloseOverlapsExcept(ctx, sc, supplyIDs, "", ids); err != nil {
		return nil, err
	}
	out := make([]sql.SupplyOverlap, 0, len(found))
	for i, o := range found {
		other, _ := snap.Get(o.KindB, o.B)
		so := sql.SupplyOverlap{ParcelID: o.A, OtherParcelID: o.B, OtherSupplyID: o.SupplyB, AreaM2: o.AreaM2,
			Share: o.ShareA, OtherShare: o.ShareB, FindingID: ids[i]}
		if other != nil {
			so.OtherENumber = other.Meta.ENumber
		}
		out = append(out, so)
	}
	return out, nil
}

// record writes overlaps of supply parcels as findings.
func (e *Engine) record(ctx context.Context, sc land.Scope, found []spatial.Overlap) ([]int64, error) {
	pairs := make([]sql.ParcelOverlap, 0, len(found))
	for _, o := range found {
		pairs = append(pairs, sql.ParcelOverlap{ParcelA: o.A, ParcelB: o.B, SupplyA: o.SupplyA, SupplyB: o.SupplyB,
			AreaM2: o.AreaM2, ShareA: o.ShareA, ShareB: o.ShareB})
	}
	if len(pairs) == 0 {
		return []int64{}, nil
	}
	ids, _, err := e.store.RecordOverlaps(ctx, sc, ruleText(e.rule), pairs)
	return ids, err
}

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
	B      OverlapParty `json:"b"`
	AreaM2 float64      `json:"area_m2"`
	ShareA float64      `json:"share_a"`
	ShareB float64      `json:"share_b"`
}

// OverlapParty is one side of an overlap.
type OverlapParty struct {
	ParcelID int64  `json:"parcel_id"`
	SupplyID int64  `json:"supply_id"`
	ENumber  string `json:"e_number"`
	Region   string `json:"region_code"`
}

// Overlaps returns the overlapping pairs of live parcels in scope under the
// rule in force, from the index, without recording anything.
func (e *Engine) Overlaps(ctx context.Context, sc land.Scope, scope OverlapScope, workers int, progress func(done, total int)) ([]PairOverlap, error) {
	if err := e.CatchUp(ctx); err != nil {
		return nil, err
	}
	// A user sees the overlaps that touch their region, with a neighbour's
	// supply named but nothing more (the pair carries no geometry or holder).
	region, err := sc.Narrow(scope.Region)
	if err != nil {
		return nil, err
	}
	prefix := land.RegionPrefix(region)
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
	} else {
		in, ok := spatial.Everywhere(), true
		if scope.BBox != nil {
			in = *scope.BBox
		} else if prefix != "" {
			in, ok = snap.Extent(func(s *spatial.Subject) bool { return strings.HasPrefix(s.Meta.Region, prefix) })
		}
		if !ok {
			return []PairOverlap{}, nil
		}
		var err error
		if found, err = snap.ScanOverlaps(ctx, in, e.rule, workers, progress); err != nil {
			return nil, err
		}
	}
	if prefix != "" {
		found = slices.DeleteFunc(found, func(o spatial.Overlap) bool {
			return !inRegion(snap, o.KindA, o.A, prefix) && !inRegion(snap, o.KindB, o.B, prefix)
		})
	}
	out := make([]PairOverlap, len(found))
	for i, o := range found {
		out[i] = PairOverlap{A: party(snap, o.KindA, o.A), B: party(snap, o.KindB, o.B), AreaM2: o.AreaM2, ShareA: o.ShareA, ShareB: o.ShareB}
	}
	return out, nil
}

func party(snap *spatial.Snapshot, kind spatial.Kind, id int64) OverlapParty {
	p := OverlapParty{ParcelID: id}
	if s, ok := snap.Get(kind, id); ok {
		p.SupplyID, p.ENumber, p.Region = s.SupplyID, s.Meta.ENumber, s.Meta.Region
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
	pairs, err := e.Overlaps(ctx, sc, OverlapScope{Region: region}, workers, progress)
	if err != nil {
		return res, err
	}
	res.Overlaps = len(pairs)
	rows := make([]sql.ParcelOverlap, len(pairs))
	for i, p := range pairs {
		rows[i] = sql.ParcelOverlap{ParcelA: p.A.ParcelID, ParcelB: p.B.ParcelID, SupplyA: p.A.SupplyID, SupplyB: p.B.SupplyID,
			AreaM2: p.AreaM2, ShareA: p.ShareA, ShareB: p.ShareB}
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

// ruleText says the overlap rule in force in words, for the findings.
func ruleText(r spatial.OverlapRule) string {
	return fmt.Sprintf("重复供地: shared area ≥ %g m² and ≥ %g %% of the smaller parcel (DESIGN §4.3)", r.MinAreaM2, r.MinShare*100)
}
