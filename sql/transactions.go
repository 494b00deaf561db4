package sql

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"

	"landwatch/land"
)

// TransactionFilter selects transactions for a list. Empty fields do not
// filter.
type TransactionFilter struct {
	Region   string // 6-digit code: the region and everything below it
	Kind     string
	Supply   string // the supply's id or e-supervision number
	Review   string
	Active   bool      // mortgages not yet released
	Late     bool      // entered later than the deadline
	From, To land.Date // registration day, inclusive
	Text     string    // free text over certificate number, parties and e-supervision number
	After    int64     // cursor: the last id of the previous page
	Limit    int
}

// transactionSupply is what a transaction is checked against: its supply,
// and how far a case of idle land on it has gone.
type transactionSupply struct {
	id              int64
	eNumber, region string
	areaHa          float64
	stage           land.Stage
	review          string
	idleFinding     *int64
	idleStatus      *string
}

// prepareTransaction finds the supply a transaction names (by e-supervision
// number, else id) in the scope, fills the supply's id, number and region
// into t, checks t against it (land.Transaction.Normalize) and checks that
// the parcels named are the supply's. It returns the supply and warnings.
func (s *Store) prepareTransaction(ctx context.Context, sc land.Scope, q querier, t *land.Transaction) (*transactionSupply, []string, error) {
	var sup transactionSupply
	field, key := "e_number", t.ENumber
	if key == "" {
		field, key = "supply_id", strconv.FormatInt(t.SupplyID, 10)
	}
	if key == "0" {
		return nil, nil, land.Invalid("e_number", "name the supply: its e-supervision number (电子监管号) or supply_id")
	}
	err := q.QueryRow(ctx, qTransactionSupply, t.SupplyID, nullable(t.ENumber)).Scan(&sup.id, &sup.eNumber, &sup.region,
		&sup.areaHa, &sup.stage, &sup.review, &sup.idleFinding, &sup.idleStatus)
	switch {
	case land.ErrorCode(translate(err)) == land.CodeNotFound:
		return nil, nil, land.Invalid(field, "no supply %s", key)
	case err != nil:
		return nil, nil, translate(err)
	}
	if t.ENumber != "" && t.SupplyID != 0 && t.SupplyID != sup.id {
		return nil, nil, land.Invalid("supply_id", "supply %d is not %s", t.SupplyID, t.ENumber)
	}
	if err := sc.Check(sup.region); err != nil {
		return nil, nil, land.WithField(err, field)
	}
	t.SupplyID, t.ENumber, t.RegionCode = sup.id, sup.eNumber, sup.region
	if err := t.Normalize(s.rules.Today(), sup.areaHa); err != nil {
		return nil, nil, err
	}
	if len(t.ParcelIDs) > 0 {
		var theirs []int64
		if err := q.QueryRow(ctx, `SELECT coalesce(array_agg(id), '{}') FROM parcel WHERE supply_id = $1`, sup.id).Scan(&theirs); err != nil {
			return nil, nil, translate(err)
		}
		for i, id := range t.ParcelIDs {
			if !containsID(theirs, id) {
				return nil, nil, land.Invalid(fmt.Sprintf("parcel_ids[%d]", i), "parcel %d is not a parcel of supply %s", id, sup.eNumber)
			}
		}
	}
	var warnings []string
	if sup.review != land.ReviewApproved {
		warnings = append(warnings, fmt.Sprintf("e_number: supply %s is recorded but not approved (%s)", sup.eNumber, sup.review))
	}
	return &sup, warnings, nil
}

func containsID(ids []int64, id int64) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

// flagIdle opens the idle_transaction finding of a transaction written on
// land suspected or determined idle and not disposed of (DESIGN §4.2), or
// updates the one it has, and returns the warning that says so; "" when
// the land is not idle.
func flagIdle(ctx context.Context, tx pgx.Tx, t *land.Transaction, sup *transactionSupply) (string, error) {
	status := ""
	if sup.idleStatus != nil {
		status = *sup.idleStatus
	}
	stage := land.IdleStage(sup.stage, status)
	if stage == "" {
		return "", nil
	}
	var idle int64
	if sup.idleFinding != nil {
		idle = *sup.idleFinding
	}
	figures, _ := json.Marshal(map[string]any{"transaction_id": t.ID, "transaction_kind": t.Kind, "certificate_no": t.CertificateNo,
		"registered_on": t.RegisteredOn, "idle_stage": stage, "idle_finding": sup.idleFinding, "idle_status": status})
	var id int64
	if err := tx.QueryRow(ctx, qUpsertIdleTransaction, t.ID, sup.id, sup.region, figures).Scan(&id); err != nil {
		return "", translate(err)
	}
	return land.IdleTransactionWarning(t.Kind, sup.eNumber, stage, idle, status, id), nil
}

// writeTransaction checks t against its supply and writes it inside tx
// (insert when its id is 0, else update of that id, the lag kept), then
// flags it when the land is idle. It returns the warnings.
func (s *Store) writeTransaction(ctx context.Context, sc land.Scope, tx pgx.Tx, t *land.Transaction) ([]string, error) {
	sup, warnings, err := s.prepareTransaction(ctx, sc, tx, t)
	if err != nil {
		return nil, err
	}
	args := transactionArgs(t, sc.Actor())
	if t.ID == 0 {
		t.SetLag(s.rules.Lag, s.rules.Now())
		args = transactionArgs(t, sc.Actor())
		if err := tx.QueryRow(ctx, qInsertTransaction, args...).Scan(&t.ID); err != nil {
			return nil, translate(err)
		}
	} else if _, err := tx.Exec(ctx, qUpdateTransaction, append(args, t.ID)...); err != nil {
		return nil, translate(err)
	}
	w, err := flagIdle(ctx, tx, t, sup)
	if err != nil {
		return nil, err
	}
	if w != "" {
		warnings = append(warnings, w)
	}
	return warnings, nil
}

// CreateTransaction checks and writes a new transfer, lease or mortgage,
// waiting for review; its lag from the registration is measured now. On
// land suspected or determined idle and not disposed of it is accepted
// with a warning and a finding of kind idle_transaction. A known
// certificate number is CodeConflict; a supply outside the scope
// CodeForbidden.
func (s *Store) CreateTransaction(ctx context.Context, sc land.Scope, t *land.Transaction) ([]string, error) {
	t.ID = 0
	var warnings []string
	err := s.inTx(ctx, sc, func(tx pgx.Tx) (err error) {
		warnings, err = s.writeTransaction(ctx, sc, tx, t)
		return err
	})
	if err != nil {
		return nil, err
	}
	got, err := s.GetTransaction(ctx, sc, strconv.FormatInt(t.ID, 10))
	if err != nil {
		return nil, err
	}
	*t = *got
	return warnings, nil
}

// GetTransaction returns a transaction by id or certificate number. One
// outside the scope is CodeForbidden.
func (s *Store) GetTransaction(ctx context.Context, sc land.Scope, key string) (*land.Transaction, error) {
	return s.getTransaction(ctx, sc, s.pool, key, false)
}

func (s *Store) getTransaction(ctx context.Context, sc land.Scope, q querier, key string, forUpdate bool) (*land.Transaction, error) {
	if id, err := strconv.ParseInt(key, 10, 64); err == nil {
		return s.transactionBy(ctx, sc, q, qTransactionByID, id, key, forUpdate)
	}
	return s.transactionBy(ctx, sc, q, qTransactionByCertificate, key, key, forUpdate)
}

// transactionBy reads the transaction query finds by arg (key names it in
// the error when there is none).
func (s *Store) transactionBy(ctx context.Context, sc land.Scope, q querier, query string, arg any, key string, forUpdate bool) (*land.Transaction, error) {
	if forUpdate {
		query += " FOR UPDATE OF t"
	}
	t, err := scanTransaction(q.QueryRow(ctx, query, arg))
	if err != nil {
		if land.ErrorCode(translate(err)) == land.CodeNotFound {
			return nil, &land.Error{Code: land.CodeNotFound, Field: "id", Message: "no transaction " + strconv.Quote(key)}
		}
		return nil, translate(err)
	}
	if err := sc.Check(t.RegionCode); err != nil {
		return nil, err
	}
	return t, nil
}

// ListTransactions returns one page of transactions in id order, the total
// that match, and whether more pages follow.
func (s *Store) ListTransactions(ctx context.Context, sc land.Scope, f TransactionFilter) ([]land.Transaction, int, bool, error) {
	region, err := regionArg(sc, f.Region)
	if err != nil {
		return nil, 0, false, err
	}
	if f.Limit <= 0 {
		f.Limit = 50
	}
	args := []any{region, nullable(f.Kind), nullable(f.Supply), nullable(f.Review), f.Active, f.Late,
		dateArg(f.From), dateArg(f.To), nullable(likePattern(f.Text))}
	return keysetPage(ctx, s, qCountTransactions, qListTransactions, args, f.After, f.Limit, scanTransaction)
}

// UpdateTransaction changes a transaction (apply changes the loaded
// record) at version ifVersion (0 asks for none). It is checked again
// against its supply, waits for review again, keeps the lag of its first
// entry, and is flagged again when the land is idle.
func (s *Store) UpdateTransaction(ctx context.Context, sc land.Scope, key string, ifVersion int, apply func(*land.Transaction) error) (*land.Transaction, []string, error) {
	var warnings []string
	var id int64
	err := s.inTx(ctx, sc, func(tx pgx.Tx) error {
		cur, err := s.getTransaction(ctx, sc, tx, key, true)
		if err != nil {
			return err
		}
		if err := checkVersion("transaction", cur.Version, ifVersion); err != nil {
			return err
		}
		id = cur.ID
		lag, late := cur.LagWorkdays, cur.Late
		if err := apply(cur); err != nil {
			return err
		}
		if cur.ID != id {
			return land.Invalid("id", "the id of a transaction cannot change")
		}
		cur.LagWorkdays, cur.Late = lag, late
		warnings, err = s.writeTransaction(ctx, sc, tx, cur)
		return err
	})
	if err != nil {
		return nil, nil, err
	}
	t, err := s.GetTransaction(ctx, sc, strconv.FormatInt(id, 10))
	return t, warnings, err
}

// ReviewTransaction records a reviewer's decision on a submitted
// transaction, as ReviewSupply does for a supply.
func (s *Store) ReviewTransaction(ctx context.Context, sc land.Scope, key string, ifVersion int, rv land.Review) (*land.Transaction, error) {
	return reviewRecord(ctx, s, sc, "land_transaction", rv,
		func(tx pgx.Tx) (*land.Transaction, error) {
			cur, err := s.getTransaction(ctx, sc, tx, key, true)
			if err != nil {
				return nil, err
			}
			return cur, checkVersion("transaction", cur.Version, ifVersion)
		},
		func(t *land.Transaction) (int64, land.RecordState) { return t.ID, t.RecordState }, s.GetTransaction)
}

// TransactionHistory returns every version of a transaction, oldest first.
func (s *Store) TransactionHistory(ctx context.Context, sc land.Scope, key string, _ bool) ([]Version, error) {
	t, err := s.getTransaction(ctx, sc, s.pool, key, false)
	if err != nil {
		return nil, err
	}
	return s.recordHistory(ctx, "transaction", t.ID, key, false)
}

// MortgagedSupplies returns the supplies of the region subtree (every
// region for "") that carry a mortgage not yet released (抵押未注销), with
// the amount their mortgages secure: what the map marks as mortgaged land.
// The view active_mortgage gives the same to a query of the index.
func (s *Store) MortgagedSupplies(ctx context.Context, region string) (map[int64]float64, error) {
	rows, err := s.pool.Query(ctx, `SELECT m.supply_id, coalesce(m.secured_wan, 0) FROM active_mortgage m
JOIN supply s ON s.id = m.supply_id WHERE s.region_code LIKE $1 || '%'`, land.RegionPrefix(region))
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	out := map[int64]float64{}
	for rows.Next() {
		var id int64
		var wan float64
		if err := rows.Scan(&id, &wan); err != nil {
			return nil, translate(err)
		}
		out[id] = wan
	}
	return out, translate(rows.Err())
}

func transactionArgs(t *land.Transaction, actor string) []any {
	ids := t.ParcelIDs
	if ids == nil {
		ids = []int64{}
	}
	return []any{t.Kind, t.SupplyID, t.RegionCode, ids, t.PartyFrom, t.PartyTo, t.AmountWan, t.AreaHa, t.LeaseYears,
		dateArg(t.StartsOn), dateArg(t.EndsOn), t.CertificateNo, dateArg(t.RegisteredOn), dateArg(t.ReleasedOn),
		t.LagWorkdays, t.Late, actor}
}

func scanTransaction(row pgx.Row) (*land.Transaction, error) {
	var t land.Transaction
	var starts, ends, registered, released pgtype.Date
	err := row.Scan(&t.ID, &t.Kind, &t.SupplyID, &t.RegionCode, &t.ParcelIDs, &t.PartyFrom, &t.PartyTo, &t.AmountWan,
		&t.AreaHa, &t.LeaseYears, &starts, &ends, &t.CertificateNo, &registered, &released, &t.LagWorkdays, &t.Late,
		&t.UpdatedBy, &t.ReviewStatus, &t.ReviewReason, &t.ReviewedBy, &t.SubmittedBy, &t.Version, &t.CreatedAt,
		&t.UpdatedAt, &t.ENumber)
	if err != nil {
		return nil, err
	}
	if len(t.ParcelIDs) == 0 {
		t.ParcelIDs = nil
	}
	t.StartsOn, t.EndsOn, t.RegisteredOn, t.ReleasedOn = dateOf(starts), dateOf(ends), dateOf(registered), dateOf(released)
	return &t, nil
}

const (
	transactionColumns = `kind, supply_id, region_code, parcel_ids, party_from, party_to, amount_wan, area_ha,
	lease_years, starts_on, ends_on, certificate_no, registered_on, released_on, lag_workdays, late, updated_by`
	transactionSelect = `t.id, t.kind, t.supply_id, t.region_code, t.parcel_ids, t.party_from, t.party_to, t.amount_wan,
	t.area_ha, t.lease_years, t.starts_on, t.ends_on, t.certificate_no, t.registered_on, t.released_on, t.lag_workdays,
	t.late, t.updated_by, t.review_status, t.review_reason, t.reviewed_by, t.submitted_by, t.version, t.created_at,
	t.updated_at, s.e_number`
	transactionFrom    = ` FROM land_transaction t JOIN supply s ON s.id = t.supply_id`
	qInsertTransaction = `INSERT INTO land_transaction (` + transactionColumns + `)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) RETURNING id`
	qUpdateTransaction = `UPDATE land_transaction SET (` + transactionColumns + `) =
	($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17),
	review_status = 'submitted', version = version + 1, updated_at = now()
WHERE id = $18`
	qTransactionByID          = `SELECT ` + transactionSelect + transactionFrom + ` WHERE t.id = $1`
	qTransactionByCertificate = `SELECT ` + transactionSelect + transactionFrom + ` WHERE t.certificate_no = $1`
	transactionFilter         = `
WHERE ($1::text IS NULL OR t.region_code LIKE $1 || '%')
  AND ($2::text IS NULL OR t.kind = $2)
  AND ($3::text IS NULL OR t.supply_id::text = $3 OR s.e_number = $3)
  AND ($4::text IS NULL OR t.review_status = $4)
  AND (NOT $5 OR (t.kind = 'mortgage' AND t.released_on IS NULL))
  AND (NOT $6 OR t.late)
  AND ($7::date IS NULL OR t.registered_on >= $7)
  AND ($8::date IS NULL OR t.registered_on <= $8)
  AND ($9::text IS NULL OR t.certificate_no ILIKE $9 OR t.party_from ILIKE $9 OR t.party_to ILIKE $9 OR s.e_number ILIKE $9)`
	qCountTransactions = `SELECT count(*)` + transactionFrom + transactionFilter
	qListTransactions  = `SELECT ` + transactionSelect + transactionFrom + transactionFilter + ` AND t.id > $10 ORDER BY t.id LIMIT $11`

	// The supply of a transaction (by e-supervision number, else id), its
	// latest suspected-idle finding not yet dismissed, disposed of or
	// closed.
	qTransactionSupply = `SELECT s.id, s.e_number, s.region_code, s.area_ha, s.stage, s.review_status, f.id, f.status
FROM supply s
LEFT JOIN LATERAL (SELECT id, status FROM finding
	WHERE kind = 'suspected_idle' AND supply_id = s.id AND status IN ('open', 'assigned', 'verified', 'determined')
	ORDER BY id DESC LIMIT 1) f ON true
WHERE CASE WHEN $2::text IS NULL THEN s.id = $1 ELSE s.e_number = $2 END`
	qUpsertIdleTransaction = `INSERT INTO finding (kind, subject_key, supply_id, transaction_id, region_code, rule, figures)
VALUES ('idle_transaction', 'idle_transaction:' || $1::bigint, $2, $1, $3, '闲置土地未处置即转让、出租或抵押（《闲置土地处置办法》，国土资源部令第53号）', $4)
ON CONFLICT (kind, subject_key) WHERE status <> 'closed' DO UPDATE SET figures = EXCLUDED.figures, supply_id = EXCLUDED.supply_id,
	region_code = EXCLUDED.region_code, checked_at = now()
RETURNING id`
)
