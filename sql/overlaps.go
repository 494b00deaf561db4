package sql

import (
	"context"
	"slices"
	"strings"

	"github.com/paulmach/orb"

	"landwatch/land"
	"landwatch/spatial"
)

// SupplyOverlap is an overlap reported to the one who wrote a boundary or
// asked about an area: which parcel of which other supply, how much.
type SupplyOverlap struct {
	ParcelID      int64   `json:"parcel_id,omitempty"`
	OtherParcelID int64   `json:"other_parcel_id"`
	OtherSupplyID int64   `json:"other_supply_id"`
	OtherENumber  string  `json:"other_e_number"`
	OtherStage    string  `json:"other_stage,omitempty"`
	AreaM2        float64 `json:"area_m2"`
	Share         float64 `json:"share"`       // of this parcel (or drawn area)
	OtherShare    float64 `json:"other_share"` // of the other parcel
	FindingID     int64   `json:"finding_id,omitempty"`
}

// Rule returns the overlap thresholds in force.
func (e *Engine) Rule() spatial.OverlapRule { return e.rule }

// CheckSupplies checks every parcel of the supplies against the index after
// a write has committed: it catches up first (so the write itself is in the
// index), records each overlap as a finding, closes the supplies' overlap
// findings that no longer hold, and returns the overlaps.
func (e *Engine) CheckSupplies(ctx context.Context, actor string, supplyIDs ...int64) ([]SupplyOverlap, error) {
	if len(supplyIDs) == 0 {
		return []SupplyOverlap{}, nil
	}
	if err := e.CatchUp(ctx); err != nil {
		return nil, err
	}
	parcelIDs, err := e.store.parcelIDsOf(ctx, supplyIDs)
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
	ids, err := e.record(ctx, actor, found)
	if err != nil {
		return nil, err
	}
	if _, err := e.store.CloseOverlapsExcept(ctx, actor, supplyIDs, "", ids); err != nil {
		return nil, err
	}
	out := make([]SupplyOverlap, 0, len(found))
	for i, o := range found {
		other, _ := snap.Get(o.KindB, o.B)
		so := SupplyOverlap{ParcelID: o.A, OtherParcelID: o.B, OtherSupplyID: o.SupplyB, AreaM2: o.AreaM2,
			Share: o.ShareA, OtherShare: o.ShareB, FindingID: ids[i]}
		if other != nil {
			so.OtherENumber = other.Meta.ENumber
		}
		out = append(out, so)
	}
	return out, nil
}

// record writes overlaps of supply parcels as findings.
func (e *Engine) record(ctx context.Context, actor string, found []spatial.Overlap) ([]int64, error) {
	pairs := make([]ParcelOverlap, 0, len(found))
	for _, o := range found {
		pairs = append(pairs, ParcelOverlap{ParcelA: o.A, ParcelB: o.B, SupplyA: o.SupplyA, SupplyB: o.SupplyB,
			AreaM2: o.AreaM2, ShareA: o.ShareA, ShareB: o.ShareB})
	}
	if len(pairs) == 0 {
		return []int64{}, nil
	}
	ids, _, err := e.store.RecordOverlaps(ctx, actor, overlapRule(e.rule.MinAreaM2, e.rule.MinShare), pairs)
	return ids, err
}

// OverlapsOfShape returns the live parcels that a drawn shape overlaps
// (any shared area), with the shape's share in Share.
func (e *Engine) OverlapsOfShape(ctx context.Context, shape *spatial.Prepared) []SupplyOverlap {
	snap := e.index.Snapshot()
	found := snap.OverlapsOf(shape, nil, spatial.OverlapRule{})
	out := make([]SupplyOverlap, 0, len(found))
	u := land.UserFrom(ctx)
	for _, o := range found {
		other, ok := snap.Get(o.KindB, o.B)
		if u != nil && (!ok || !u.Covers(other.Meta.Region)) {
			continue // a drawn shape must not find where another region's land lies
		}
		so := SupplyOverlap{OtherParcelID: o.B, OtherSupplyID: o.SupplyB, AreaM2: o.AreaM2, Share: o.ShareA, OtherShare: o.ShareB}
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
func (e *Engine) Overlaps(ctx context.Context, scope OverlapScope, workers int, progress func(done, total int)) ([]PairOverlap, error) {
	if err := e.CatchUp(ctx); err != nil {
		return nil, err
	}
	// A user sees the overlaps that touch their region, with a neighbour's
	// supply named but nothing more (the pair carries no geometry or holder).
	region, err := land.NarrowTo(ctx, scope.Region)
	if err != nil {
		return nil, err
	}
	prefix := RegionPrefix(region)
	snap := e.index.Snapshot()
	var found []spatial.Overlap
	if scope.Supply != 0 {
		ids, err := e.store.parcelIDsOf(ctx, []int64{scope.Supply})
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
func (e *Engine) ScanOverlaps(ctx context.Context, actor, region string, workers int, progress func(done, total int)) (ScanResult, error) {
	var res ScanResult
	region, err := land.NarrowTo(ctx, region)
	if err != nil {
		return res, err
	}
	pairs, err := e.Overlaps(ctx, OverlapScope{Region: region}, workers, progress)
	if err != nil {
		return res, err
	}
	res.Overlaps = len(pairs)
	rows := make([]ParcelOverlap, len(pairs))
	for i, p := range pairs {
		rows[i] = ParcelOverlap{ParcelA: p.A.ParcelID, ParcelB: p.B.ParcelID, SupplyA: p.A.SupplyID, SupplyB: p.B.SupplyID,
			AreaM2: p.AreaM2, ShareA: p.ShareA, ShareB: p.ShareB}
	}
	ids := []int64{}
	if len(rows) > 0 {
		if ids, res.New, err = e.store.RecordOverlaps(ctx, actor, overlapRule(e.rule.MinAreaM2, e.rule.MinShare), rows); err != nil {
			return res, err
		}
	}
	scope := RegionPrefix(region)
	if scope == "" {
		scope = "%" // every region
	}
	if res.Closed, err = e.store.CloseOverlapsExcept(ctx, actor, nil, scope, ids); err != nil {
		return res, err
	}
	err = e.store.Audit(ctx, bulkEntry(ctx, actor, "scan", "findings/overlap", map[string]any{"region": region,
		"overlaps": res.Overlaps, "new": res.New, "closed": res.Closed}))
	return res, err
}

func (s *Store) parcelIDsOf(ctx context.Context, supplyIDs []int64) ([]int64, error) {
	rows, err := s.pool.Query(ctx, `SELECT id FROM parcel WHERE supply_id = ANY($1) ORDER BY id`, supplyIDs)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, translate(err)
		}
		ids = append(ids, id)
	}
	return ids, translate(rows.Err())
}
