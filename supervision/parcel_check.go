package supervision

import (
	"context"

	"landwatch/land"
	"landwatch/spatial"
	"landwatch/sql"
)

// ParcelCheck is what a dry run of a supply's boundaries answers before
// anything is written: the parcels as they would be stored (plane area and
// Gauss-Krüger zone filled), the warnings of their checks, and the live
// parcels of other supplies they would overlap under the rule in force.
type ParcelCheck struct {
	Parcels  []land.Parcel     `json:"parcels"`
	Warnings []string          `json:"warnings"`
	Overlaps []ProposedOverlap `json:"overlaps"`
}

// ProposedOverlap is an overlap of a parcel not yet saved: Parcel is its
// index in the parcels sent; ParcelID is left out, the parcel has none yet.
type ProposedOverlap struct {
	Parcel int `json:"parcel"`
	sql.SupplyOverlap
}

// CheckParcels checks boundaries for a supply as ReplaceParcels would and
// searches the index for the overlaps they would make, writing nothing:
// what the clerk sees before saving. The supply's own parcels are not
// counted (the new ones replace them); an overlap with land of a region
// the caller may not see says only that it is supplied elsewhere, as the
// write's answer would. The errors are those of ReplaceParcels' checks.
func (s *Service) CheckParcels(ctx context.Context, sc land.Scope, key string, ps []land.Parcel) (*ParcelCheck, error) {
	if err := sc.Allow(land.PermEdit, ""); err != nil {
		return nil, err
	}
	sup, err := s.store.GetSupply(ctx, sc, key)
	if err != nil {
		return nil, err
	}
	warnings, err := s.rules.PrepareParcels(ps, sup.RegionCode, sup.AreaHa)
	if err != nil {
		return nil, err
	}
	out := &ParcelCheck{Parcels: ps, Warnings: append([]string{}, warnings...), Overlaps: []ProposedOverlap{}}
	snap := s.engine.index.Snapshot()
	own := func(c *spatial.Subject) bool { return c.SupplyID == sup.ID }
	for i, p := range ps {
		for _, o := range snap.OverlapsOf(spatial.Prepare(spatial.CloseRings(p.Geometry)), own, s.engine.rule) {
			so := sql.SupplyOverlap{OtherParcelID: o.B, OtherSupplyID: o.SupplyB, AreaM2: o.AreaM2, Share: o.ShareA, OtherShare: o.ShareB}
			if other, ok := snap.Get(o.KindB, o.B); ok {
				so.OtherENumber, so.OtherStage = other.Meta.ENumber, other.Meta.Stage
				if !sc.Covers(other.Meta.Region) {
					so = elsewhere(so)
				}
			}
			out.Overlaps = append(out.Overlaps, ProposedOverlap{Parcel: i, SupplyOverlap: so})
		}
	}
	return out, nil
}
