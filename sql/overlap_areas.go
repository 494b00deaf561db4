package sql

import (
	"context"
	"fmt"

	"github.com/paulmach/orb"

	"landwatch/spatial"
)

// SupplyOverlap is an overlap reported to the one who wrote a boundary or
// asked about an area: which parcel of which other supply, how much.
type SupplyOverlap struct {
	ParcelID      int64  `json:"parcel_id,omitempty"`
	OtherParcelID int64  `json:"other_parcel_id,omitzero"`
	OtherSupplyID int64  `json:"other_supply_id,omitzero"`
	OtherENumber  string `json:"other_e_number,omitzero"`
	// OtherReserve is the reserve number when the other side is reserve
	// land the supply does not name (OtherParcelID a reserve parcel's).
	OtherReserve string  `json:"other_reserve,omitzero"`
	OtherStage   string  `json:"other_stage,omitempty"`
	AreaM2       float64 `json:"area_m2,omitzero"`
	Share        float64 `json:"share,omitzero"`       // of this parcel (or drawn area)
	OtherShare   float64 `json:"other_share,omitzero"` // of the other parcel
	FindingID    int64   `json:"finding_id,omitempty"`
	// Elsewhere, in an answer to a county that may not see the other
	// supply, says only that the ground is already supplied in another
	// region: the other side's number, ids, area and shares are left out.
	Elsewhere bool `json:"elsewhere,omitzero"`
}

// String says what the overlap is, as the clerk who wrote the parcel reads
// it.
func (o SupplyOverlap) String() string {
	if o.Elsewhere {
		return fmt.Sprintf("parcel %d overlaps land already supplied in another region; "+
			"the finding is recorded for both regions and the province", o.ParcelID)
	}
	if o.OtherReserve != "" {
		return fmt.Sprintf("parcel %d covers reserve land %s (its parcel %d), which the supply does not name as its source, by %.1f m² (%.1f %% of this parcel)",
			o.ParcelID, o.OtherReserve, o.OtherParcelID, o.AreaM2, o.Share*100)
	}
	return fmt.Sprintf("parcel %d overlaps parcel %d of supply %s by %.1f m² (%.1f %% of this parcel)",
		o.ParcelID, o.OtherParcelID, o.OtherENumber, o.AreaM2, o.Share*100)
}

// OverlapArea is the shared ground of an open overlap finding, kept in
// memory for the map's overlaps layer.
type OverlapArea struct {
	FindingID        int64
	Geom             orb.MultiPolygon
	Bound            orb.Bound
	AreaM2           float64
	SupplyA, SupplyB int64
	NumberA, NumberB string
	RegionA, RegionB string
}

// OverlapAreas reads the shared ground of every open overlap finding.
func (s *Store) OverlapAreas(ctx context.Context) ([]OverlapArea, error) {
	return overlapAreas(ctx, s.pool, nil, nil)
}

// overlapAreas reads the shared ground of the open overlap findings among
// findings or involving supplies, or of all when both are nil.
func overlapAreas(ctx context.Context, q querier, findings, supplies []int64) ([]OverlapArea, error) {
	all := findings == nil && supplies == nil
	if !all && len(findings) == 0 && len(supplies) == 0 {
		return nil, nil
	}
	rows, err := q.Query(ctx, qOverlapAreas, all, findings, supplies)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	var out []OverlapArea
	for rows.Next() {
		var a OverlapArea
		var wkb []byte
		var b *int64
		var nb, rb *string
		if err := rows.Scan(&a.FindingID, &wkb, &a.AreaM2, &a.SupplyA, &b, &a.NumberA, &nb, &a.RegionA, &rb); err != nil {
			return nil, translate(err)
		}
		if b != nil {
			a.SupplyB = *b
		}
		if nb != nil {
			a.NumberB, a.RegionB = *nb, *rb
		}
		if a.Geom, err = spatial.DecodeWKB(wkb); err != nil {
			return nil, err
		}
		a.Bound = a.Geom.Bound()
		out = append(out, a)
	}
	return out, translate(rows.Err())
}

// The ids go through IN (SELECT unnest(…)) so that PostgreSQL hashes them:
// = ANY of a long array is a linear search for every finding.
const qOverlapAreas = `SELECT f.id, ST_AsBinary(f.geom), coalesce((f.figures->>'area_m2')::float8, 0),
	f.supply_id, f.other_supply_id, sa.e_number, sb.e_number, sa.region_code, sb.region_code
FROM finding f JOIN supply sa ON sa.id = f.supply_id LEFT JOIN supply sb ON sb.id = f.other_supply_id
WHERE f.kind = 'overlap' AND f.status <> 'closed' AND f.geom IS NOT NULL AND NOT ST_IsEmpty(f.geom)
	AND ($1 OR f.id IN (SELECT unnest($2::bigint[])) OR f.supply_id IN (SELECT unnest($3::bigint[]))
		OR f.other_supply_id IN (SELECT unnest($3::bigint[])))
ORDER BY f.id`
