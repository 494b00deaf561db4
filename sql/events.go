package sql

import (
	"context"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"

	"landwatch/land"
)

// AddEvent records a development event for a supply after checking it
// against the events already recorded (land.CheckEvent), and updates the
// supply's derived stage. The supply row is locked meanwhile, so two events
// recorded at once are checked one after the other.
func (s *Store) AddEvent(ctx context.Context, sc land.Scope, key string, e land.Event) (land.Event, land.Stage, error) {
	var stage land.Stage
	err := s.inTx(ctx, sc, func(tx pgx.Tx) error {
		var err error
		stage, err = s.addEvent(ctx, tx, sc, key, &e)
		return err
	})
	return e, stage, err
}

// addEvent checks and records e for the supply named by key inside tx and
// returns the supply's new stage.
func (s *Store) addEvent(ctx context.Context, tx pgx.Tx, sc land.Scope, key string, e *land.Event) (land.Stage, error) {
	actor := sc.Actor()
	sup, err := s.getSupply(ctx, sc, tx, key, true)
	if err != nil {
		return "", err
	}
	events, err := loadEvents(ctx, tx, sup.ID)
	if err != nil {
		return "", err
	}
	if err := s.rules.CheckEvent(*sup, events, *e); err != nil {
		return "", err
	}
	if err := s.insertEvent(ctx, tx, sup.ID, actor, e); err != nil {
		return "", err
	}
	stage := land.DeriveStage(append(events, *e))
	return stage, setEventStage(ctx, tx, sup.ID, stage)
}

// setEventStage records the stage derived after a change of a supply's
// events and a new version of the supply: its representation (events,
// stage) changed, so its entity tag must too, or a client revalidating
// what it saw before would be told nothing changed. The review status
// stays: events are facts on the ground, not the terms reviewed.
func setEventStage(ctx context.Context, tx pgx.Tx, id int64, stage land.Stage) error {
	if err := setStage(ctx, tx, id, stage); err != nil {
		return err
	}
	_, err := tx.Exec(ctx, qBumpSupplyVersion, id)
	return translate(err)
}

func (s *Store) insertEvent(ctx context.Context, tx pgx.Tx, supplyID int64, actor string, e *land.Event) error {
	e.SupplyID = supplyID
	if e.RecordedBy == "" {
		e.RecordedBy = actor
	}
	// Recorded now by the rules' clock, the one the lag is measured to,
	// so that the recording day shown and the lag agree.
	recordedAt := e.RecordedAt
	if recordedAt.IsZero() {
		recordedAt = s.rules.Now()
	}
	lag, late := s.lag(e, recordedAt)
	err := tx.QueryRow(ctx, qInsertEvent, supplyID, string(e.Kind), dateArg(e.OccurredOn), recordedAt, e.RecordedBy,
		e.DevelopedShare, e.InvestedShare, e.Cause, e.Disposal, e.Reason, e.Note, e.Imported, lag, late, e.DocumentNo, e.FeeWan, dateArg(e.NewStart), e.VerificationID).
		Scan(&e.ID, &e.RecordedAt, &e.Version)
	if err != nil {
		return land.PrefixField(translate(err), "event")
	}
	return nil
}

func loadEvents(ctx context.Context, q querier, supplyID int64) ([]land.Event, error) {
	return scanEvents(q.Query(ctx, qEvents, supplyID))
}

// scanEvents reads the events qEvents (or qEventsOfMany) answers.
func scanEvents(rows pgx.Rows, err error) ([]land.Event, error) {
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	var out []land.Event
	for rows.Next() {
		var e land.Event
		var kind string
		var on, newStart pgtype.Date
		if err := rows.Scan(&e.ID, &e.SupplyID, &kind, &on, &e.RecordedAt, &e.RecordedBy, &e.DevelopedShare,
			&e.InvestedShare, &e.Cause, &e.Disposal, &e.Reason, &e.Note, &e.Imported, &e.Version, &e.DocumentNo, &e.FeeWan,
			&newStart, &e.VerificationID, &e.Amendment); err != nil {
			return nil, translate(err)
		}
		e.Kind, e.OccurredOn, e.NewStart = land.EventKind(kind), dateOf(on), dateOf(newStart)
		out = append(out, e)
	}
	return out, translate(rows.Err())
}

const (
	qBumpSupplyVersion = `UPDATE supply SET version = version + 1 WHERE id = $1`
	qInsertEvent       = `INSERT INTO event (supply_id, kind, occurred_on, recorded_at, recorded_by, developed_share,
	invested_share, cause, disposal, reason, note, imported, lag_workdays, late, document_no, fee_wan, new_start, verification_id)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)
RETURNING id, recorded_at, version`
	qEvents = `SELECT id, supply_id, kind, occurred_on, recorded_at, recorded_by, developed_share, invested_share,
	cause, disposal, reason, note, imported, version, document_no, fee_wan, new_start, verification_id, amendment
FROM event WHERE supply_id = $1 AND NOT withdrawn ORDER BY occurred_on, recorded_at, id`
	// qEventsOfMany is qEvents of several supplies (a page of an export).
	qEventsOfMany = `SELECT id, supply_id, kind, occurred_on, recorded_at, recorded_by, developed_share, invested_share,
	cause, disposal, reason, note, imported, version, document_no, fee_wan, new_start, verification_id, amendment
FROM event WHERE supply_id = ANY($1) AND NOT withdrawn ORDER BY supply_id, occurred_on, recorded_at, id`
)
