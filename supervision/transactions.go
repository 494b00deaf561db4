package supervision

import (
	"context"

	"landwatch/land"
	"landwatch/sql"
)

// TransactionWrite is what a write of a transaction answers: the record as
// stored and the warnings of its checks (among them the idle-land warning
// of DESIGN §4.2).
type TransactionWrite struct {
	*land.Transaction
	Warnings []string `json:"warnings"`
}

func newTransactionWrite(t *land.Transaction, warnings []string) *TransactionWrite {
	return &TransactionWrite{Transaction: t, Warnings: append([]string{}, warnings...)}
}

// CreateTransaction enters a transfer, lease or mortgage (转让、出租、抵押)
// of a supply recorded in the scope's region (approved or still in
// review: a registration is a fact the register records whatever the
// state of the supply's review, with a warning when not approved),
// waiting for review. Its lag from the registration is measured now (due
// within 7 working days), a late entry accepted and marked. On land
// suspected or determined idle and not disposed of it is accepted with a
// warning and flagged as a finding of kind idle_transaction. What
// landwatch sets (id, version, review, lag, region) is not taken from t.
func (s *Service) CreateTransaction(ctx context.Context, sc land.Scope, t *land.Transaction) (*TransactionWrite, error) {
	if err := sc.Allow(land.PermEdit, ""); err != nil {
		return nil, err
	}
	clean := *t
	clean.ID, clean.Version, clean.LagWorkdays, clean.Late, clean.RegionCode = 0, 0, nil, false, ""
	clean.ReviewStatus, clean.ReviewReason, clean.ReviewedBy, clean.SubmittedBy = "", "", "", ""
	warnings, err := s.store.CreateTransaction(ctx, sc, &clean)
	if err != nil {
		return nil, err
	}
	return newTransactionWrite(&clean, warnings), nil
}

// GetTransaction returns a transaction by id or certificate number.
func (s *Service) GetTransaction(ctx context.Context, sc land.Scope, key string) (*land.Transaction, error) {
	return s.store.GetTransaction(ctx, sc, key)
}

// ListTransactions returns a page of transactions, the total and whether
// more follow.
func (s *Service) ListTransactions(ctx context.Context, sc land.Scope, f sql.TransactionFilter) ([]land.Transaction, int, bool, error) {
	return s.store.ListTransactions(ctx, sc, f)
}

// UpdateTransaction changes a transaction at version ifVersion (a newer
// one is CodeStale); the changed record waits for review again.
func (s *Service) UpdateTransaction(ctx context.Context, sc land.Scope, key string, ifVersion int, apply func(*land.Transaction) error) (*TransactionWrite, error) {
	if err := sc.Allow(land.PermEdit, ""); err != nil {
		return nil, err
	}
	t, warnings, err := s.store.UpdateTransaction(ctx, sc, key, ifVersion, apply)
	if err != nil {
		return nil, err
	}
	return newTransactionWrite(t, warnings), nil
}

// ReleaseMortgage records a mortgage's release (注销抵押登记) on day on, at
// version ifVersion when not 0: not before its registration, not after
// today, once. The changed record waits for review again.
func (s *Service) ReleaseMortgage(ctx context.Context, sc land.Scope, key string, ifVersion int, on land.Date) (*TransactionWrite, error) {
	return s.UpdateTransaction(ctx, sc, key, ifVersion, func(t *land.Transaction) error { return t.Release(on) })
}

// ReviewTransaction records a reviewer's decision on a submitted
// transaction.
func (s *Service) ReviewTransaction(ctx context.Context, sc land.Scope, key string, ifVersion int, rv land.Review) (*land.Transaction, error) {
	if err := sc.Allow(land.PermReview, ""); err != nil {
		return nil, err
	}
	return s.store.ReviewTransaction(ctx, sc, key, ifVersion, rv)
}

// TransactionHistory returns every version of a transaction.
func (s *Service) TransactionHistory(ctx context.Context, sc land.Scope, key string, withGeometry bool) ([]sql.Version, error) {
	return s.store.TransactionHistory(ctx, sc, key, withGeometry)
}

// MortgagedSupplies returns the supplies of the region subtree carrying a
// mortgage not yet released, with the amount secured: for the map's mark
// of mortgaged land.
func (s *Service) MortgagedSupplies(ctx context.Context, sc land.Scope, region string) (map[int64]float64, error) {
	if err := sc.Allow(land.PermRead, ""); err != nil {
		return nil, err
	}
	narrowed, err := sc.Narrow(region)
	if err != nil {
		return nil, err
	}
	return s.store.MortgagedSupplies(ctx, narrowed)
}
