package sql

import (
	"context"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"

	"landwatch/land"
)

// Options are what the store needs besides its connections.
type Options struct {
	// Rules check and derive what the store writes (supervision.Rules).
	Rules Rules
	// Regions are the administrative divisions, to record a supply's
	// region when the divisions table lacks it.
	Regions *land.Regions
	// A field verification is refused farther than VerifyMaxDistanceM plus
	// its accuracy from the parcel (0 means 100 m), or with an accuracy
	// worse than VerifyMaxAccuracyM (0 means 50 m).
	VerifyMaxDistanceM, VerifyMaxAccuracyM float64
	// AuditKey seals the audit chain; the zero key leaves new entries
	// unkeyed, which a chain already keyed refuses.
	AuditKey AuditKey
}

// Configure sets the rules and tables the store writes with.
func (s *Store) Configure(o Options) {
	s.rules, s.regions, s.auditKey = o.Rules, o.Regions, o.AuditKey
	if s.rules == nil {
		s.rules = unconfigured{}
	}
	s.verifyDistance, s.verifyAccuracy = o.VerifyMaxDistanceM, o.VerifyMaxAccuracyM
	if s.verifyDistance == 0 {
		s.verifyDistance = 100
	}
	if s.verifyAccuracy == 0 {
		s.verifyAccuracy = 50
	}
}

// lag returns an event's lag in working days and whether it is late, or
// nil for an imported event (when it was first recorded is not known).
func (s *Store) lag(e *land.Event, recorded time.Time) (*int, bool) {
	if e.Imported || e.OccurredOn.IsZero() {
		return nil, false
	}
	if recorded.IsZero() {
		recorded = s.rules.Now()
	}
	n, late := s.rules.Lag(e.OccurredOn, recorded)
	return &n, late
}

// supplyLag is the lag in working days from a supply's contract date to
// its entry now, and whether it is late; nil without a contract date.
func (s *Store) supplyLag(sup *land.Supply) (*int, bool) {
	if sup.ContractDate.IsZero() {
		return nil, false
	}
	n, late := s.rules.Lag(sup.ContractDate, s.rules.Now())
	return &n, late
}

// CreateSupply checks and writes a new supply with its installments, parcels
// and events in one transaction. It fills s's id, version and derived fields
// and returns the warnings of the checks. A supply whose e-supervision number
// exists already is a conflict.
func (s *Store) CreateSupply(ctx context.Context, sc land.Scope, sup *land.Supply) ([]string, error) {
	return s.createSupply(ctx, sc, sup, nil)
}

// createSupply is CreateSupply recording, when req is not nil, the request
// that made the supply in the same transaction.
func (s *Store) createSupply(ctx context.Context, sc land.Scope, sup *land.Supply, req *CreateRequest) ([]string, error) {
	actor := sc.Actor()
	if sup.ReviewStatus == "" {
		sup.ReviewStatus = "submitted"
	}
	issue, draftErr := s.draftNumber(sc, sup)
	warnings, err := s.rules.PrepareSupply(sup)
	if draftErr != nil {
		return nil, withoutNumberMissing(draftErr, err)
	}
	if err != nil {
		return nil, err
	}
	if err := sc.Check(sup.RegionCode); err != nil {
		return nil, err
	}
	if issue {
		if err := s.issueNumber(ctx, sc, sup); err != nil {
			return nil, err
		}
	}
	err = s.inTx(ctx, sc, func(tx pgx.Tx) error {
		if err := s.ensureRegion(ctx, tx, sup); err != nil {
			return err
		}
		if !issue {
			if err := reserveGivenNumber(ctx, tx, sup.ENumber); err != nil {
				return err
			}
		}
		if err := checkReserveNamed(ctx, tx, sup); err != nil {
			return err
		}
		sup.LagWorkdays, sup.Late = s.supplyLag(sup)
		args := append(supplyArgs(sup, actor), sup.LagWorkdays, sup.Late)
		if err := tx.QueryRow(ctx, qInsertSupply, args...).Scan(&sup.ID, &sup.Version, &sup.CreatedAt, &sup.UpdatedAt); err != nil {
			return translate(err)
		}
		sup.UpdatedBy = actor
		if req != nil {
			if _, err := tx.Exec(ctx, qInsertSupplyRequest, sup.ID, actor, nullable(req.Key), req.Digest); err != nil {
				return translate(err)
			}
		}
		if err := s.writeChildren(ctx, tx, actor, sup, true); err != nil {
			return err
		}
		return linkSupplyLot(ctx, tx, actor, sup)
	})
	return warnings, err
}

// writeChildren writes installments and parcels (replacing what the supply
// had) and, when withEvents, inserts its events.
func (s *Store) writeChildren(ctx context.Context, tx pgx.Tx, actor string, sup *land.Supply, withEvents bool) error {
	if err := replaceInstallments(ctx, tx, sup.ID, sup.Installments); err != nil {
		return err
	}
	if err := replaceParcels(ctx, tx, actor, sup.ID, sup.Parcels); err != nil {
		return err
	}
	if !withEvents {
		return nil
	}
	for i := range sup.Events {
		if err := s.insertEvent(ctx, tx, sup.ID, actor, &sup.Events[i]); err != nil {
			return err
		}
	}
	return nil
}

func replaceInstallments(ctx context.Context, tx pgx.Tx, supplyID int64, is []land.Installment) error {
	if _, err := tx.Exec(ctx, qDeleteInstallments, supplyID); err != nil {
		return translate(err)
	}
	for _, in := range is {
		if _, err := tx.Exec(ctx, qInsertInstallment, supplyID, in.Period, dateArg(in.DueOn), in.AmountWan); err != nil {
			return land.PrefixField(translate(err), "installments")
		}
	}
	return nil
}

func setStage(ctx context.Context, tx pgx.Tx, id int64, stage land.Stage) error {
	_, err := tx.Exec(ctx, qSetStage, id, string(stage))
	return translate(err)
}

// ensureRegion records the supply's region when the divisions table lacks it
// (an e-supervision number from a county that has since been merged).
func (s *Store) ensureRegion(ctx context.Context, tx pgx.Tx, sup *land.Supply) error {
	if s.regions == nil {
		return nil
	}
	if _, ok := s.regions.Lookup(sup.RegionCode); ok {
		return nil
	}
	parent := s.regions.Parent(sup.RegionCode)
	name := sup.DistrictName
	if name == "" {
		name = sup.RegionCode
	}
	_, err := tx.Exec(ctx, qEnsureRegion, sup.RegionCode, name, "county", nullable(parent))
	return translate(err)
}

func nullable(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// GetSupply returns a supply by id or e-supervision number, with its
// installments, parcels (geometry included) and events.
func (s *Store) GetSupply(ctx context.Context, sc land.Scope, key string) (*land.Supply, error) {
	sup, err := s.getSupply(ctx, sc, s.pool, key, false)
	if err != nil {
		return nil, err
	}
	if err := loadChildren(ctx, s.pool, sup); err != nil {
		return nil, err
	}
	return sup, nil
}

type querier interface {
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

// getSupply finds a supply by numeric id or e-supervision number; forUpdate
// locks its row for the rest of the transaction. A supply outside the
// scope is CodeForbidden.
func (s *Store) getSupply(ctx context.Context, sc land.Scope, q querier, key string, forUpdate bool) (*land.Supply, error) {
	query := qSupplyByNumber
	var arg any = key
	if id, err := strconv.ParseInt(key, 10, 64); err == nil {
		query, arg = qSupplyByID, id
	}
	if forUpdate {
		query += " FOR UPDATE"
	}
	sup, err := scanSupply(q.QueryRow(ctx, query, arg))
	if err != nil {
		if land.ErrorCode(translate(err)) == land.CodeNotFound {
			return nil, &land.Error{Code: land.CodeNotFound, Field: "id", Message: "no supply " + strconv.Quote(key)}
		}
		return nil, translate(err)
	}
	if err := sc.Check(sup.RegionCode); err != nil {
		return nil, err
	}
	return sup, nil
}

// lockSupply finds a supply for update inside tx and checks that it is at
// version ifVersion (as If-Match named it; 0 asks for none): CodeStale
// naming "If-Match" otherwise.
func (s *Store) lockSupply(ctx context.Context, sc land.Scope, tx pgx.Tx, key string, ifVersion int) (*land.Supply, error) {
	cur, err := s.getSupply(ctx, sc, tx, key, true)
	if err != nil {
		return nil, err
	}
	if err := checkVersion("supply", cur.Version, ifVersion); err != nil {
		return nil, err
	}
	return cur, nil
}

func loadChildren(ctx context.Context, q querier, sup *land.Supply) error {
	var err error
	if sup.Installments, err = loadInstallments(ctx, q, sup.ID); err != nil {
		return err
	}
	if sup.Parcels, err = loadParcels(ctx, q, sup.ID); err != nil {
		return err
	}
	if sup.Lot, err = lotOfSupply(ctx, q, sup.ID); err != nil {
		return err
	}
	sup.Events, err = loadEvents(ctx, q, sup.ID)
	return err
}

func loadInstallments(ctx context.Context, q querier, id int64) ([]land.Installment, error) {
	rows, err := q.Query(ctx, qInstallments, id)
	if err != nil {
		return nil, translate(err)
	}
	var out []land.Installment
	for rows.Next() {
		var in land.Installment
		var due pgtype.Date
		if err := rows.Scan(&in.Period, &due, &in.AmountWan); err != nil {
			rows.Close()
			return nil, translate(err)
		}
		in.DueOn = dateOf(due)
		out = append(out, in)
	}
	return out, translate(rows.Err())
}

// UpdateSupply changes a supply's fields. ifVersion must be the version the
// caller saw (its ETag): a newer version in the database is CodeStale.
// apply changes the loaded record; parcels and events are not changed here.
func (s *Store) UpdateSupply(ctx context.Context, sc land.Scope, key string, ifVersion int, apply func(*land.Supply) error) (*land.Supply, []string, error) {
	actor := sc.Actor()
	var warnings []string
	var out *land.Supply
	err := s.inTx(ctx, sc, func(tx pgx.Tx) error {
		cur, err := s.lockSupply(ctx, sc, tx, key, ifVersion)
		if err != nil {
			return err
		}
		if err := loadChildren(ctx, tx, cur); err != nil {
			return err
		}
		id := cur.ID
		if err := apply(cur); err != nil {
			return err
		}
		if cur.ID != id {
			return land.Invalid("id", "the id of a supply cannot change")
		}
		events := cur.Events
		cur.Parcels = nil // parcels are replaced through their own call
		w, err := s.rules.PrepareSupply(cur)
		if err != nil {
			return err
		}
		if err := sc.Check(cur.RegionCode); err != nil {
			return err
		}
		warnings = w
		cur.Events = events
		cur.ReviewStatus = land.ReviewSubmitted // a changed record is reviewed again
		if err := s.ensureRegion(ctx, tx, cur); err != nil {
			return err
		}
		if err := checkReserveNamed(ctx, tx, cur); err != nil {
			return err
		}
		args := append(supplyArgs(cur, actor), cur.ID)
		if err := tx.QueryRow(ctx, qUpdateSupply, args...).Scan(&cur.Version, &cur.UpdatedAt); err != nil {
			return translate(err)
		}
		cur.UpdatedBy = actor
		if err := replaceInstallments(ctx, tx, cur.ID, cur.Installments); err != nil {
			return err
		}
		if err := linkSupplyLot(ctx, tx, actor, cur); err != nil {
			return err
		}
		out = cur
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	sup, err := s.GetSupply(ctx, sc, strconv.FormatInt(out.ID, 10))
	return sup, warnings, err
}

const (
	qInsertSupply = `INSERT INTO supply (` + supplyColumns + `, lag_workdays, late) VALUES (` + supplyPlaceholders + `, $33, $34)
RETURNING id, version, created_at, updated_at`
	qUpdateSupply = `UPDATE supply SET (` + supplyColumns + `) = (` + supplyPlaceholders + `),
	version = version + 1, updated_at = now()
WHERE id = $33 RETURNING version, updated_at`
	qSupplyByID         = `SELECT ` + supplySelect + ` FROM supply s WHERE s.id = $1`
	qSupplyByNumber     = `SELECT ` + supplySelect + ` FROM supply s WHERE s.e_number = $1`
	qSetStage           = `UPDATE supply SET stage = $2 WHERE id = $1 AND stage IS DISTINCT FROM $2`
	qDeleteInstallments = `DELETE FROM installment WHERE supply_id = $1`
	qInsertInstallment  = `INSERT INTO installment (supply_id, period, due_on, amount_wan) VALUES ($1, $2, $3, $4)`
	qInstallments       = `SELECT period, due_on, amount_wan FROM installment WHERE supply_id = $1 ORDER BY period`
)
