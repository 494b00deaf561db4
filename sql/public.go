package sql

import (
	"context"

	"github.com/jackc/pgx/v5/pgtype"

	"landwatch/land"
)

// PublicIdle is one entry of the published list of determined idle land
// (闲置土地公示): where it is in words, who holds it and how long it has been
// idle — never coordinates.
type PublicIdle struct {
	ENumber      string    `json:"e_number"`
	ProjectName  string    `json:"project_name"`
	Location     string    `json:"location"`
	District     string    `json:"district_name"`
	RegionCode   string    `json:"region_code"`
	Holder       string    `json:"holder"`
	LandUse      string    `json:"land_use"`
	AreaHa       float64   `json:"area_ha"`
	DeterminedOn land.Date `json:"determined_on"`
	IdleYears    int       `json:"idle_years"` // full years since the determination
	Cause        string    `json:"cause"`
}

// PublicIdleLand lists the supplies determined idle whose disposal has not
// ended (stage idle), as of asOf, ordered by region and number. An entry
// leaves the list when the stage moves on.
func (s *Store) PublicIdleLand(ctx context.Context, asOf land.Date) ([]PublicIdle, error) {
	rows, err := s.pool.Query(ctx, qPublicIdle)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	out := []PublicIdle{}
	for rows.Next() {
		var p PublicIdle
		var determined pgtype.Date
		if err := rows.Scan(&p.ENumber, &p.ProjectName, &p.Location, &p.District, &p.RegionCode, &p.Holder, &p.LandUse,
			&p.AreaHa, &determined, &p.Cause); err != nil {
			return nil, translate(err)
		}
		p.DeterminedOn = dateOf(determined)
		for p.DeterminedOn.AddYears(p.IdleYears + 1).Before(asOf.AddDays(1)) {
			p.IdleYears++
		}
		out = append(out, p)
	}
	return out, translate(rows.Err())
}

const qPublicIdle = `SELECT s.e_number, s.project_name, s.location, s.district_name, s.region_code, s.holder, s.land_use_code,
	s.area_ha, d.occurred_on, d.cause
FROM supply s
JOIN LATERAL (SELECT occurred_on, cause FROM event WHERE supply_id = s.id AND kind = 'idle_determination'
	ORDER BY occurred_on DESC, id DESC LIMIT 1) d ON true
WHERE s.stage = 'idle' AND s.review_status = 'approved'
ORDER BY s.region_code, s.e_number`
