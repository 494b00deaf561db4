package sql

import (
	"context"
)

// PublicRegion is a region the public supply list can be narrowed to: one
// holding published supplies, or a province or city above one.
type PublicRegion struct {
	Code   string `json:"code"`
	Name   string `json:"name"`
	Level  string `json:"level"`  // province, prefecture or county
	Parent string `json:"parent"` // "" for a province
}

// PublicRegions lists the regions that hold approved supplies and those
// above them, in code order (a province before its cities, a city before
// its counties), so the public picks a region by name rather than by code.
func (s *Store) PublicRegions(ctx context.Context) ([]PublicRegion, error) {
	rows, err := s.pool.Query(ctx, qPublicRegions)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	out := []PublicRegion{}
	for rows.Next() {
		var r PublicRegion
		if err := rows.Scan(&r.Code, &r.Name, &r.Level, &r.Parent); err != nil {
			return nil, translate(err)
		}
		out = append(out, r)
	}
	return out, translate(rows.Err())
}

const qPublicRegions = `WITH RECURSIVE up AS (
  SELECT DISTINCT region_code AS code FROM published_supply
  UNION
  SELECT g.parent FROM region g JOIN up ON g.code = up.code WHERE g.parent IS NOT NULL
)
SELECT g.code, g.name, g.level, coalesce(g.parent, '') FROM region g JOIN up USING (code) ORDER BY g.code`
