package supervision

import (
	"context"

	"landwatch/land"
	"landwatch/sql"
)

// Statistics returns the number, area and price of the approved supplies
// of the scope's subtree in a period, by q.Group (DESIGN §8). It is the one
// way to the figures, for the API and for the reports made of them.
func (s *Service) Statistics(ctx context.Context, sc land.Scope, q sql.StatisticsQuery) (*sql.Statistics, error) {
	return s.store.Statistics(ctx, sc, q)
}
