package sql

import (
	"context"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"

	"landwatch/land"
)

// ReserveFilter selects reserves for a list. Empty fields do not filter.
type ReserveFilter struct {
	Region      string // 6-digit code: the region and everything below it
	Acquisition string
	Review      string
	From, To    land.Date // day taken in, inclusive
	Text        string    // free text over number, location and former holder
	Late        bool      // entered later than the deadline
	After       int64     // cursor: the last id of the previous page
	Limit       int
}

// CreateReserve checks and writes a new reserve with its parcels in one
// transaction, waiting for review; its lag from the day the land was taken
// in is measured now. It fills r's id, version and derived fields and
// returns the warnings of the checks. A known reserve number is
// CodeConflict; a reserve outside the scope CodeForbidden.
func (s *Store) CreateReserve(ctx context.Context, sc land.Scope, r *land.Reserve) ([]string, error) {
	warnings, err := s.rules.PrepareReserve(r)
	if err != nil {
		return nil, err
	}
	if err := sc.Check(r.RegionCode); err != nil {
		return nil, err
	}
	actor := sc.Actor()
	err = s.inTx(ctx, sc, func(tx pgx.Tx) error {
		if err := tx.QueryRow(ctx, qInsertReserve, reserveArgs(r, actor)...).Scan(&r.ID); err != nil {
			return translate(err)
		}
		return reserveParcels.replace(ctx, tx, actor, r.ID, r.Parcels)
	})
	if err != nil {
		return nil, err
	}
	got, err := s.GetReserve(ctx, sc, strconv.FormatInt(r.ID, 10))
	if err != nil {
		return nil, err
	}
	*r = *got
	return warnings, nil
}

// GetReserve returns a reserve by id or reserve number, with its parcels
// and remaining area. A reserve outside the scope is CodeForbidden.
func (s *Store) GetReserve(ctx context.Context, sc land.Scope, key string) (*land.Reserve, error) {
	r, err := s.getReserve(ctx, sc, s.pool, key, false)
	if err != nil {
		return nil, err
	}
	if r.Parcels, err = reserveParcels.loadOf(ctx, s.pool, r.ID); err != nil {
		return nil, err
	}
	return r, nil
}

func (s *Store) getReserve(ctx context.Context, sc land.Scope, q querier, key string, forUpdate bool) (*land.Reserve, error) {
	query := qReserveByNumber
	var arg any = key
	if id, err := strconv.ParseInt(key, 10, 64); err == nil {
		query, arg = qReserveByID, id
	}
	if forUpdate {
		query += " FOR UPDATE OF r"
	}
	r, err := scanReserve(q.QueryRow(ctx, query, arg))
	if err != nil {
		if land.ErrorCode(translate(err)) == land.CodeNotFound {
			return nil, &land.Error{Code: land.CodeNotFound, Field: "id", Message: "no reserve " + strconv.Quote(key)}
		}
		return nil, translate(err)
	}
	if err := sc.Check(r.RegionCode); err != nil {
		return nil, err
	}
	return r, nil
}

// lockReserve finds a reserve for update inside tx at version ifVersion
// (0 asks for none): CodeStale naming "If-Match" otherwise.
func (s *Store) lockReserve(ctx context.Context, sc land.Scope, tx pgx.Tx, key string, ifVersion int) (*land.Reserve, error) {
	cur, err := s.getReserve(ctx, sc, tx, key, true)
	if err != nil {
		return nil, err
	}
	if err := checkVersion("reserve", cur.Version, ifVersion); err != nil {
		return nil, err
	}
	return cur, nil
}

// checkVersion is CodeStale naming If-Match when a record (what) is not
// at the version the caller saw (0: the caller named none).
func checkVersion(what string, current, ifVersion int) error {
	if ifVersion == 0 || current == ifVersion {
		return nil
	}
	return &land.Error{Code: land.CodeStale, Field: "If-Match",
		Message: "the " + what + " has changed since version " + strconv.Itoa(ifVersion) + "; it is now version " + strconv.Itoa(current)}
}

// ListReserves returns one page of reserves in id order (without parcels),
// the total that match, and whether more pages follow.
func (s *Store) ListReserves(ctx context.Context, sc land.Scope, f ReserveFilter) ([]land.Reserve, int, bool, error) {
	region, err := regionArg(sc, f.Region)
	if err != nil {
		return nil, 0, false, err
	}
	if f.Limit <= 0 {
		f.Limit = 50
	}
	args := []any{region, nullable(f.Acquisition), nullable(f.Review), dateArg(f.From), dateArg(f.To),
		nullable(likePattern(f.Text)), f.Late}
	return keysetPage(ctx, s, qCountReserves, qListReserves, args, f.After, f.Limit, scanReserve)
}

// UpdateReserve changes a reserve's fields (apply changes the loaded
// record; parcels change through ReplaceReserveParcels) at version
// ifVersion. The changed record waits for review again; its lag stays
// that of its first entry.
func (s *Store) UpdateReserve(ctx context.Context, sc land.Scope, key string, ifVersion int, apply func(*land.Reserve) error) (*land.Reserve, []string, error) {
	id, warnings, err := reviseRecord(ctx, s, sc, revision[land.Reserve]{
		what: "reserve",
		lock: func(tx pgx.Tx) (*land.Reserve, error) { return s.lockReserve(ctx, sc, tx, key, ifVersion) },
		id:   func(r *land.Reserve) int64 { return r.ID },
		prepare: func(r *land.Reserve) ([]string, error) {
			r.Parcels = nil // they change through ReplaceReserveParcels
			return s.rules.PrepareReserve(r)
		},
		region: func(r *land.Reserve) string { return r.RegionCode },
		keep:   func(first, r *land.Reserve) { r.LagWorkdays, r.Late = first.LagWorkdays, first.Late },
		write: func(tx pgx.Tx, r *land.Reserve, id int64) error {
			_, err := tx.Exec(ctx, qUpdateReserve, append(reserveArgs(r, sc.Actor()), id)...)
			return translate(err)
		},
	}, apply)
	if err != nil {
		return nil, nil, err
	}
	r, err := s.GetReserve(ctx, sc, strconv.FormatInt(id, 10))
	return r, warnings, err
}

// ReplaceReserveParcels replaces a reserve's boundaries, checked as a
// supply's are (formats, extent, the region's boundary). ifVersion, when
// not 0, must be the current version. The reserve waits for review again.
func (s *Store) ReplaceReserveParcels(ctx context.Context, sc land.Scope, key string, ifVersion int, ps []land.Parcel) (*land.Reserve, []string, error) {
	actor := sc.Actor()
	var warnings []string
	var id int64
	err := s.inTx(ctx, sc, func(tx pgx.Tx) error {
		cur, err := s.lockReserve(ctx, sc, tx, key, ifVersion)
		if err != nil {
			return err
		}
		if warnings, err = s.rules.PrepareParcels(ps, cur.RegionCode, cur.AreaHa); err != nil {
			return err
		}
		if err := reserveParcels.replace(ctx, tx, actor, cur.ID, ps); err != nil {
			return err
		}
		id = cur.ID
		_, err = tx.Exec(ctx, qTouchReserve, cur.ID, actor)
		return translate(err)
	})
	if err != nil {
		return nil, nil, err
	}
	r, err := s.GetReserve(ctx, sc, strconv.FormatInt(id, 10))
	return r, warnings, err
}

// ReviewReserve records a reviewer's decision on a submitted reserve, as
// ReviewSupply does for a supply.
func (s *Store) ReviewReserve(ctx context.Context, sc land.Scope, key string, ifVersion int, rv land.Review) (*land.Reserve, error) {
	return reviewRecord(ctx, s, sc, "reserve", rv,
		func(tx pgx.Tx) (*land.Reserve, error) { return s.lockReserve(ctx, sc, tx, key, ifVersion) },
		func(r *land.Reserve) (int64, land.RecordState) { return r.ID, r.RecordState }, s.GetReserve)
}

// ReserveHistory returns every version of a reserve and of its parcels,
// oldest first.
func (s *Store) ReserveHistory(ctx context.Context, sc land.Scope, key string, withGeometry bool) ([]Version, error) {
	r, err := s.getReserve(ctx, sc, s.pool, key, false)
	if err != nil {
		return nil, err
	}
	return s.recordHistory(ctx, "reserve", r.ID, key, withGeometry)
}

// checkReserveNamed checks that the reserve a supply names exists in the
// supply's county (the foreign key says so too, less clearly).
func checkReserveNamed(ctx context.Context, tx pgx.Tx, sup *land.Supply) error {
	sup.ReserveNumber = strings.TrimSpace(sup.ReserveNumber)
	if sup.ReserveNumber == "" {
		return nil
	}
	var region string
	err := tx.QueryRow(ctx, `SELECT region_code FROM reserve WHERE number = $1`, sup.ReserveNumber).Scan(&region)
	switch {
	case land.ErrorCode(translate(err)) == land.CodeNotFound:
		return land.Invalid("reserve_number", "no reserve %s", sup.ReserveNumber)
	case err != nil:
		return translate(err)
	case region != sup.RegionCode:
		return land.Invalid("reserve_number", "reserve %s is in region %s, not in the supply's %s", sup.ReserveNumber, region, sup.RegionCode)
	}
	return nil
}

func reserveArgs(r *land.Reserve, actor string) []any {
	return []any{r.Number, r.RegionCode, r.Location, r.AreaHa, r.Acquisition, r.FormerHolder, r.FormerUse,
		r.CompensationWan, dateArg(r.TakenOn), r.PlannedUseOriginal, r.PlannedUseCode, r.LagWorkdays, r.Late, actor}
}

func scanReserve(row pgx.Row) (*land.Reserve, error) {
	var r land.Reserve
	var taken pgtype.Date
	err := row.Scan(&r.ID, &r.Number, &r.RegionCode, &r.Location, &r.AreaHa, &r.Acquisition, &r.FormerHolder,
		&r.FormerUse, &r.CompensationWan, &taken, &r.PlannedUseOriginal, &r.PlannedUseCode, &r.LagWorkdays, &r.Late,
		&r.ReviewStatus, &r.ReviewReason, &r.ReviewedBy, &r.SubmittedBy, &r.Version, &r.CreatedAt, &r.UpdatedAt,
		&r.UpdatedBy, &r.RemainingHa)
	if err != nil {
		return nil, err
	}
	r.TakenOn = dateOf(taken)
	return &r, nil
}

const (
	reserveColumns = `number, region_code, location, area_ha, acquisition, former_holder, former_use,
	compensation_wan, taken_on, planned_use_original, planned_use_code, lag_workdays, late, updated_by`
	// The remaining area is the area less what approved supplies naming the
	// reserve took (never below 0: a supply may be declared larger).
	reserveSelect = `r.id, r.number, r.region_code, r.location, r.area_ha, r.acquisition, r.former_holder,
	r.former_use, r.compensation_wan, r.taken_on, r.planned_use_original, r.planned_use_code, r.lag_workdays, r.late,
	r.review_status, r.review_reason, r.reviewed_by, r.submitted_by, r.version, r.created_at, r.updated_at,
	r.updated_by, greatest(r.area_ha - coalesce((SELECT sum(s.area_ha) FROM supply s
		WHERE s.reserve_number = r.number AND s.review_status = 'approved'), 0), 0)`
	qInsertReserve = `INSERT INTO reserve (` + reserveColumns + `)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id`
	qUpdateReserve = `UPDATE reserve SET (` + reserveColumns + `) = ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14),
	review_status = 'submitted', version = version + 1, updated_at = now()
WHERE id = $15`
	qReserveByID     = `SELECT ` + reserveSelect + ` FROM reserve r WHERE r.id = $1`
	qReserveByNumber = `SELECT ` + reserveSelect + ` FROM reserve r WHERE r.number = $1`
	qTouchReserve    = `UPDATE reserve SET version = version + 1, updated_at = now(), updated_by = $2, review_status = 'submitted'
WHERE id = $1`
	reserveFilter = `
WHERE ($1::text IS NULL OR r.region_code LIKE $1 || '%')
  AND ($2::text IS NULL OR r.acquisition = $2)
  AND ($3::text IS NULL OR r.review_status = $3)
  AND ($4::date IS NULL OR r.taken_on >= $4)
  AND ($5::date IS NULL OR r.taken_on <= $5)
  AND ($6::text IS NULL OR r.number ILIKE $6 OR r.location ILIKE $6 OR r.former_holder ILIKE $6)
  AND (NOT $7 OR r.late)`
	qCountReserves = `SELECT count(*) FROM reserve r` + reserveFilter
	qListReserves  = `SELECT ` + reserveSelect + ` FROM reserve r` + reserveFilter + ` AND r.id > $8 ORDER BY r.id LIMIT $9`
)
