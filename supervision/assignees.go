package supervision

import (
	"context"

	"landwatch/land"
)

// Assignees lists the accounts of a region's subtree (inside the scope) a
// finding may be assigned to: enabled accounts whose role works findings,
// and of role only when it is given. Whoever works findings may ask: an
// inspector picks a colleague by name without seeing the administrators'
// account list. A region wider than the scope's is narrowed to it.
func (s *Service) Assignees(ctx context.Context, sc land.Scope, region string, role land.Role) ([]land.User, error) {
	if role != "" && !role.Valid() {
		return nil, land.Invalid("role", "%q is not a role", role)
	}
	if err := sc.Allow(land.PermWork, ""); err != nil {
		return nil, err
	}
	accounts, err := s.store.ListAccounts(ctx, sc, region)
	if err != nil {
		return nil, err
	}
	out := []land.User{}
	for _, a := range accounts {
		if a.Disabled || !a.Role.May(land.PermWork) || role != "" && a.Role != role {
			continue
		}
		out = append(out, a.User)
	}
	return out, nil
}
