package supervision

import (
	"context"
	"strconv"

	"landwatch/land"
	"landwatch/sql"
)

// The register's reads, each limited to what the scope may see.

// GetSupply returns a supply by id or e-supervision number with its
// instalments, parcels and events.
func (s *Service) GetSupply(ctx context.Context, sc land.Scope, key string) (*land.Supply, error) {
	return s.store.GetSupply(ctx, sc, key)
}

// ListSupplies returns a page of supplies, the total that match and
// whether more follow.
func (s *Service) ListSupplies(ctx context.Context, sc land.Scope, f sql.SupplyFilter) ([]land.Supply, int, bool, error) {
	return s.store.ListSupplies(ctx, sc, f)
}

// History returns every version of a supply and of its parts.
func (s *Service) History(ctx context.Context, sc land.Scope, key string, withGeometry bool) ([]sql.Version, error) {
	return s.store.History(ctx, sc, key, withGeometry)
}

// ListFindings returns a page of findings, the total and whether more
// follow.
func (s *Service) ListFindings(ctx context.Context, sc land.Scope, f sql.FindingFilter) ([]sql.Finding, int, bool, error) {
	items, total, more, err := s.store.ListFindings(ctx, sc, f)
	for i := range items {
		confineFinding(sc, &items[i])
	}
	return items, total, more, err
}

// Finding returns one finding with the steps of its workflow.
func (s *Service) Finding(ctx context.Context, sc land.Scope, id int64) (*sql.Finding, []sql.FindingStep, error) {
	items, _, _, err := s.ListFindings(ctx, sc, sql.FindingFilter{ID: id, Limit: 1})
	if err != nil {
		return nil, nil, err
	}
	if len(items) == 0 {
		return nil, nil, &land.Error{Code: land.CodeNotFound, Field: "id", Message: "no finding " + strconv.FormatInt(id, 10)}
	}
	steps, err := s.store.FindingSteps(ctx, id)
	return &items[0], steps, err
}

// Timeliness counts the entries and late entries of the regions one level
// below region.
func (s *Service) Timeliness(ctx context.Context, sc land.Scope, region string, from, to land.Date) ([]sql.Timeliness, error) {
	return s.store.TimelinessByRegion(ctx, sc, region, from, to)
}

// PublicSupplies is the published list of supply results (approved only);
// it is the same for everyone.
func (s *Service) PublicSupplies(ctx context.Context, f sql.PublicSupplyFilter) ([]sql.PublicSupply, int, bool, error) {
	return s.store.PublicSupplies(ctx, f)
}

// PublicSupply is the published result of one supply.
func (s *Service) PublicSupply(ctx context.Context, number string) (*sql.PublicSupply, error) {
	return s.store.PublicSupply(ctx, number)
}

// PublicRegions are the regions the public supply list can be narrowed to,
// by name.
func (s *Service) PublicRegions(ctx context.Context) ([]sql.PublicRegion, error) {
	return s.store.PublicRegions(ctx)
}

// PublicIdleLand is the published list of determined idle land as of a day.
func (s *Service) PublicIdleLand(ctx context.Context, asOf land.Date) ([]sql.PublicIdle, error) {
	return s.store.PublicIdleLand(ctx, asOf)
}

// CountSupplies is the number of supplies in the register.
func (s *Service) CountSupplies(ctx context.Context) (int, error) { return s.store.CountSupplies(ctx) }

// LateEvents lists the development events of the scope's region entered
// late, those recorded by recordedBy when not "" (a clerk's own work).
func (s *Service) LateEvents(ctx context.Context, sc land.Scope, recordedBy string, limit int) ([]sql.LateEvent, int, error) {
	if err := sc.Allow(land.PermRead, ""); err != nil {
		return nil, 0, err
	}
	return s.store.LateEvents(ctx, sc, recordedBy, limit)
}
