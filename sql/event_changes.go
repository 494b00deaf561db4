package sql

import (
	"context"
	"strconv"

	"github.com/jackc/pgx/v5"

	"landwatch/land"
)

// ChangeEvent corrects or withdraws one of a supply's events (see
// land.EventChange) and derives the supply's stage again. The row is
// updated to a new version carrying the reason, so the history keeps the
// old version beside it; a withdrawn row stays, marked withdrawn, and no
// longer counts anywhere. A correction keeps the day the event was
// recorded: its lag is measured again from the corrected day to that one.
// It returns the event as changed and the supply's stage; CodeNotFound
// naming "event" when the supply has no such event, CodeStale naming
// "version" when the event has changed since the version named, and the
// errors of land.CheckEventChange.
func (s *Store) ChangeEvent(ctx context.Context, sc land.Scope, key string, c land.EventChange) (land.Event, land.Stage, error) {
	var out land.Event
	var stage land.Stage
	err := s.inTx(ctx, sc, func(tx pgx.Tx) error {
		sup, err := s.getSupply(ctx, sc, tx, key, true)
		if err != nil {
			return err
		}
		events, err := loadEvents(ctx, tx, sup.ID)
		if err != nil {
			return err
		}
		old, err := eventOf(events, sup.ENumber, c)
		if err != nil {
			return err
		}
		changed := old
		if c.Event != nil {
			changed = correctedEvent(old, *c.Event)
			if changed.Kind != old.Kind {
				return land.Invalid("event.kind", "a correction keeps the kind %s; withdraw the event and record a %s instead", old.Kind, changed.Kind)
			}
		}
		check := func(recorded []land.Event, e land.Event) error { return s.rules.CheckEvent(*sup, recorded, e) }
		after, err := land.CheckEventChange(events, changed, c.Event == nil, check)
		if err != nil {
			return err
		}
		if c.Event == nil {
			err = tx.QueryRow(ctx, qWithdrawEvent, old.ID, c.Reason).Scan(&changed.Version)
		} else {
			lag, late := s.lag(&changed, old.RecordedAt)
			err = tx.QueryRow(ctx, qCorrectEvent, old.ID, dateArg(changed.OccurredOn), changed.DevelopedShare, changed.InvestedShare,
				changed.Cause, changed.Disposal, changed.Reason, changed.Note, changed.DocumentNo, changed.FeeWan,
				dateArg(changed.NewStart), lag, late, c.Reason).Scan(&changed.Version)
		}
		if err != nil {
			return land.PrefixField(translate(err), "event")
		}
		changed.Amendment = c.Reason
		out, stage = changed, land.DeriveStage(after)
		return setEventStage(ctx, tx, sup.ID, stage)
	})
	return out, stage, err
}

// eventOf finds the event c changes among a supply's events, at the
// version c names.
func eventOf(events []land.Event, eNumber string, c land.EventChange) (land.Event, error) {
	for _, e := range events {
		if e.ID != c.ID {
			continue
		}
		if c.Version != 0 && e.Version != c.Version {
			return e, &land.Error{Code: land.CodeStale, Field: "version",
				Message: "the event has changed since version " + strconv.Itoa(c.Version) + "; it is now version " + strconv.Itoa(e.Version)}
		}
		return e, nil
	}
	return land.Event{}, &land.Error{Code: land.CodeNotFound, Field: "event",
		Message: "supply " + eNumber + " has no event " + strconv.FormatInt(c.ID, 10)}
}

// correctedEvent is old with what a correction may change taken from e:
// who recorded it and when, where it was seen and whether it was imported
// stay as they were.
func correctedEvent(old, e land.Event) land.Event {
	if e.Kind == "" {
		e.Kind = old.Kind
	}
	e.ID, e.SupplyID, e.RecordedAt, e.RecordedBy = old.ID, old.SupplyID, old.RecordedAt, old.RecordedBy
	e.VerificationID, e.Imported, e.Version = old.VerificationID, old.Imported, old.Version
	return e
}

const (
	qCorrectEvent = `UPDATE event SET occurred_on = $2, developed_share = $3, invested_share = $4, cause = $5,
	disposal = $6, reason = $7, note = $8, document_no = $9, fee_wan = $10, new_start = $11,
	lag_workdays = $12, late = $13, amendment = $14, version = version + 1
WHERE id = $1 RETURNING version`
	qWithdrawEvent = `UPDATE event SET withdrawn = true, amendment = $2, version = version + 1 WHERE id = $1 RETURNING version`
)
