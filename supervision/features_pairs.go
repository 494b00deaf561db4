package supervision

import (
	"cmp"
	"context"
	"encoding/json"
	"slices"

	"github.com/paulmach/orb"

	"landwatch/land"
	"landwatch/spatial"
	"landwatch/sql"
)

// pairFeatures is a page of the overlaps collection: the pairs the engine
// keeps in sc's region, keyed by pairKey and paged by it, each as sc may
// see it (confinePair), with the area the two parcels share drawn by the
// store. A confined pair has no geometry, as a finding across two regions
// has none to either side.
func (s *Service) pairFeatures(ctx context.Context, sc land.Scope, q sql.FeatureQuery) (*sql.FeaturePage, error) {
	if q.Filter != nil {
		return nil, land.Invalid("filter", "the overlaps are the index's pairs, not stored records: they take bbox and paging, not a filter")
	}
	if !q.From.IsZero() || !q.To.IsZero() {
		return nil, land.Invalid("datetime", "the overlaps have no date: they are the pairs the index measures now")
	}
	pairs, err := s.engine.Overlaps(ctx, sc, OverlapScope{}, 2, nil)
	if err != nil {
		return nil, err
	}
	type keyed struct {
		key  int64
		pair PairOverlap
	}
	var box orb.Bound
	if q.BBox != nil {
		box = sql.LonLatBound(*q.BBox, q.BBoxCRS)
	}
	snap := s.engine.index.Snapshot()
	var all []keyed
	for _, p := range pairs {
		k := pairKey(p)
		if q.ID != 0 && k != q.ID || q.BBox != nil && !sharedBound(snap, p).Intersects(box) {
			continue
		}
		all = append(all, keyed{k, p})
	}
	slices.SortFunc(all, func(x, y keyed) int { return cmp.Compare(x.key, y.key) })
	page := &sql.FeaturePage{Features: []sql.Feature{}, Matched: len(all)}
	// The keyset: after (or before) a key, at most q.Limit.
	from := 0
	var on []keyed
	if q.Before > 0 {
		end, _ := slices.BinarySearchFunc(all, q.Before, func(x keyed, k int64) int { return cmp.Compare(x.key, k) })
		start := max(0, end-q.Limit)
		on, page.Prev, page.Next = all[start:end], start > 0, true
	} else {
		if q.After > 0 {
			from, _ = slices.BinarySearchFunc(all, q.After+1, func(x keyed, k int64) int { return cmp.Compare(x.key, k) })
		}
		end := min(len(all), from+q.Limit)
		on, page.Prev, page.Next = all[from:end], q.After > 0, end < len(all)
	}
	var parts []sql.PairParts
	var drawn []int
	for i, k := range on {
		seen := confinePair(sc, k.pair)
		props, err := json.Marshal(pairProperties(seen))
		if err != nil {
			return nil, err
		}
		page.Features = append(page.Features, sql.Feature{ID: k.key, Properties: props, Geometry: json.RawMessage("null")})
		if !seen.Elsewhere && !q.NoGeometry {
			parts = append(parts, sql.PairParts{A: k.pair.A.ParcelID, B: k.pair.B.ParcelID, ReserveA: k.pair.A.Reserve != "", ReserveB: k.pair.B.Reserve != ""})
			drawn = append(drawn, i)
		}
	}
	if len(parts) > 0 {
		geoms, err := s.store.SharedAreas(ctx, parts, q.CRS)
		if err != nil {
			return nil, err
		}
		for j, i := range drawn {
			page.Features[i].Geometry = geoms[j]
		}
	}
	if n := len(page.Features); n > 0 {
		page.FirstID, page.Last = page.Features[0].ID, page.Features[n-1].ID
	}
	return page, nil
}

// pairKey is a pair's stable id: its parties' kinds and parcel ids packed
// in the order the engine sorts pairs (reserve land after supply parcels):
// bit 51 A's kind, bits 26–50 A's id, bit 25 B's kind, bits 0–24 B's id.
// It stays below 2⁵³, which every JSON reader holds exactly, and is unique
// while parcel ids stay below 2²⁵ (33 million).
func pairKey(p PairOverlap) int64 {
	bit := func(reserve string) int64 {
		if reserve != "" {
			return 1
		}
		return 0
	}
	const idBits = 25
	id := func(v int64) int64 { return v & (1<<idBits - 1) }
	return (bit(p.A.Reserve)<<idBits|id(p.A.ParcelID))<<(idBits+1) | bit(p.B.Reserve)<<idBits | id(p.B.ParcelID)
}

// sharedBound is the extent both parcels of a pair cover, which holds the
// area they share.
func sharedBound(snap *spatial.Snapshot, p PairOverlap) orb.Bound {
	kind := func(reserve string) spatial.Kind {
		if reserve != "" {
			return spatial.KindReserve
		}
		return spatial.KindSupplyParcel
	}
	a, okA := snap.Get(kind(p.A.Reserve), p.A.ParcelID)
	b, okB := snap.Get(kind(p.B.Reserve), p.B.ParcelID)
	if !okA || !okB || a.Shape == nil || b.Shape == nil {
		return orb.Bound{Min: orb.Point{1, 1}, Max: orb.Point{-1, -1}} // intersects nothing
	}
	ab, bb := a.Shape.Bound, b.Shape.Bound
	return orb.Bound{Min: orb.Point{max(ab.Min[0], bb.Min[0]), max(ab.Min[1], bb.Min[1])}, Max: orb.Point{min(ab.Max[0], bb.Max[0]), min(ab.Max[1], bb.Max[1])}}
}

// pairProperties are a pair's properties as the collection declares them;
// a side the caller may not see is null.
func pairProperties(p PairOverlap) map[string]any {
	side := func(prefix string, o OverlapParty, seen bool) map[string]any {
		m := map[string]any{}
		for k, v := range map[string]any{"parcel_id": o.ParcelID, "supply_id": o.SupplyID, "e_number": o.ENumber, "region_code": o.Region, "reserve": o.Reserve} {
			if !seen {
				v = nil
			}
			m[prefix+k] = v
		}
		return m
	}
	out := side("a_", p.A, true)
	for k, v := range side("b_", p.B, !p.Elsewhere) {
		out[k] = v
	}
	out["elsewhere"] = p.Elsewhere
	out["area_m2"], out["share_a"], out["share_b"] = nil, nil, nil
	if !p.Elsewhere {
		out["area_m2"], out["share_a"], out["share_b"] = p.AreaM2, p.ShareA, p.ShareB
	}
	return out
}
