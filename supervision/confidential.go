package supervision

import (
	"context"
	"encoding/json"

	"landwatch/land"
	"landwatch/sql"
)

// What a county is shown of land outside its region. Parcel coordinates are
// confidential (DESIGN §9): a county that sees one side of an overlap learns
// only that the ground is already supplied in another region — no number,
// id, area, share or position of the other side — so that drawing supplies
// cannot map a neighbour's land. The finding is still both counties' (each
// finds it and may work it) and whole to a scope that covers both sides,
// such as the province above them.

// elsewhere is an overlap as a county that may not see the other supply
// is told of it.
func elsewhere(o sql.SupplyOverlap) sql.SupplyOverlap {
	return sql.SupplyOverlap{ParcelID: o.ParcelID, FindingID: o.FindingID, Elsewhere: true}
}

// confineFinding turns a finding across two regions into what sc may see:
// unchanged when sc covers both sides, else told from the side sc covers,
// with the other side and the figures (the shared area and shares) left out.
func confineFinding(sc land.Scope, f *sql.Finding) {
	if f.OtherRegionCode == "" || (sc.Covers(f.RegionCode) && sc.Covers(f.OtherRegionCode)) {
		return
	}
	if !sc.Covers(f.OtherRegionCode) {
		f.Reserve = "" // a reserve_overlap's reserve lies in the other region
	}
	if !sc.Covers(f.RegionCode) {
		f.SupplyID, f.ParcelID, f.ENumber, f.RegionCode = f.OtherSupplyID, f.OtherParcelID, f.OtherENumber, f.OtherRegionCode
	}
	f.OtherSupplyID, f.OtherParcelID, f.OtherENumber, f.OtherRegionCode = nil, nil, "", ""
	f.Figures = json.RawMessage(`{}`)
	f.Elsewhere = true
}

// confinePair turns an overlapping pair into what sc may see: a party
// outside sc is left blank, and the area and shares with it.
func confinePair(sc land.Scope, p PairOverlap) PairOverlap {
	a, b := sc.Covers(p.A.Region), sc.Covers(p.B.Region)
	switch {
	case a && b:
		return p
	case a:
		return PairOverlap{A: p.A, Elsewhere: true}
	case b:
		return PairOverlap{A: p.B, Elsewhere: true}
	}
	return PairOverlap{Elsewhere: true}
}

// Overlaps is Engine.Overlaps as a caller may see it: pairs with a party
// outside sc's region say only that the ground is supplied elsewhere
// (confinePair), with the caller's party first.
func (s *Service) Overlaps(ctx context.Context, sc land.Scope, scope OverlapScope, workers int) ([]PairOverlap, error) {
	pairs, err := s.engine.Overlaps(ctx, sc, scope, workers, nil)
	for i, p := range pairs {
		pairs[i] = confinePair(sc, p)
	}
	return pairs, err
}
