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
	// IdleSince is the first idle day by the idle-land rule, and IdleYears
	// the full years idle from the rule's clock as the rule counts them (1
	// on the first idle day), up to the day listed or to a late start. Where
	// the record lacks the dates the rule needs, they count from the
	// determination.
	IdleSince land.Date `json:"idle_since"`
	IdleYears int       `json:"idle_years"`
	Cause     string    `json:"cause"`
}

// PublicIdleLand lists the supplies determined idle whose disposal has not
// ended (stage idle), as of asOf, ordered by region and number, as last
// approved: a correction waiting for review leaves the entry in place. An entry
// leaves the list when the stage moves on. How long each has been idle is
// the idle-land rule's answer as of asOf.
func (s *Store) PublicIdleLand(ctx context.Context, asOf land.Date) ([]PublicIdle, error) {
	rows, err := s.pool.Query(ctx, qPublicIdle)
	if err != nil {
		return nil, translate(err)
	}
	out := []PublicIdle{}
	var supplies []land.Supply
	for rows.Next() {
		var p PublicIdle
		var sup land.Supply
		var determined, start, delivery pgtype.Date
		if err := rows.Scan(&p.ENumber, &p.ProjectName, &p.Location, &p.District, &p.RegionCode, &p.Holder, &p.LandUse,
			&p.AreaHa, &determined, &p.Cause, &sup.ID, &sup.PriceWan, &start, &delivery); err != nil {
			rows.Close()
			return nil, translate(err)
		}
		p.DeterminedOn, sup.AgreedStart, sup.AgreedDelivery = dateOf(determined), dateOf(start), dateOf(delivery)
		out, supplies = append(out, p), append(supplies, sup)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, translate(err)
	}
	for i := range out {
		events, err := loadEvents(ctx, s.pool, supplies[i].ID)
		if err != nil {
			return nil, err
		}
		p := &out[i]
		if a := s.rules.AssessIdle(supplies[i], events, asOf); !a.Since.IsZero() && !a.Since.After(asOf) {
			p.IdleSince, p.IdleYears = a.Since, a.Years
			continue
		}
		// Determined without the dates the rule needs: idle since the
		// determination, counted the rule's way.
		p.IdleSince = p.DeterminedOn
		for !p.DeterminedOn.AddYears(p.IdleYears).After(asOf) {
			p.IdleYears++
		}
	}
	return out, nil
}

const qPublicIdle = `SELECT s.e_number, s.project_name, s.location, s.district_name, s.region_code, s.holder, s.land_use_code,
	s.area_ha, d.occurred_on, d.cause, s.id, s.price_wan, s.agreed_start, s.agreed_delivery
FROM published_supply s
JOIN LATERAL (SELECT occurred_on, cause FROM event WHERE supply_id = s.id AND kind = 'idle_determination' AND NOT withdrawn
	ORDER BY occurred_on DESC, id DESC LIMIT 1) d ON true
WHERE s.stage = 'idle'
ORDER BY s.region_code, s.e_number`
