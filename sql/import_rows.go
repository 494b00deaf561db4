package sql

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"landwatch/land"
)

// childRows gathers the rows an imported chunk of supplies adds beside the
// supplies themselves, written by one statement per table.
type childRows struct {
	replaced []int64 // supplies whose installments are replaced

	instSupply []int64
	instPeriod []int32
	instDue    []*string
	instAmount []float64

	evSupply   []int64
	evKind     []string
	evOn       []*string
	evBy       []string
	evDev      []*float64
	evInv      []*float64
	evCause    []string
	evDisposal []string
	evReason   []string
	evNote     []string
	evImported []bool
	evAt       []*time.Time
	evLag      []*int32
	evLate     []bool

	stageIDs []int64
	stages   []string
}

func (w *childRows) addInstallment(id int64, in land.Installment) {
	w.instSupply = append(w.instSupply, id)
	w.instPeriod = append(w.instPeriod, int32(in.Period))
	w.instDue = append(w.instDue, dateText(in.DueOn))
	w.instAmount = append(w.instAmount, in.AmountWan)
}

func (w *childRows) addEvent(id int64, e land.Event, lag *int, late bool) {
	var at *time.Time
	if !e.RecordedAt.IsZero() {
		t := e.RecordedAt
		at = &t
	}
	var l *int32
	if lag != nil {
		v := int32(*lag)
		l = &v
	}
	w.evAt, w.evLag, w.evLate = append(w.evAt, at), append(w.evLag, l), append(w.evLate, late)
	w.evSupply = append(w.evSupply, id)
	w.evKind = append(w.evKind, string(e.Kind))
	w.evOn = append(w.evOn, dateText(e.OccurredOn))
	w.evBy = append(w.evBy, e.RecordedBy)
	w.evDev = append(w.evDev, e.DevelopedShare)
	w.evInv = append(w.evInv, e.InvestedShare)
	w.evCause = append(w.evCause, e.Cause)
	w.evDisposal = append(w.evDisposal, e.Disposal)
	w.evReason = append(w.evReason, e.Reason)
	w.evNote = append(w.evNote, e.Note)
	w.evImported = append(w.evImported, e.Imported)
}

func dateText(d land.Date) *string {
	if d.IsZero() {
		return nil
	}
	s := d.String()
	return &s
}

// write sends the gathered rows in one round trip.
func (w *childRows) write(ctx context.Context, tx pgx.Tx) error {
	b := &pgx.Batch{}
	if len(w.replaced) > 0 {
		b.Queue(`DELETE FROM installment WHERE supply_id = ANY($1)`, w.replaced)
	}
	if len(w.instSupply) > 0 {
		b.Queue(qInsertInstallments, w.instSupply, w.instPeriod, w.instDue, w.instAmount)
	}
	if len(w.evSupply) > 0 {
		b.Queue(qInsertEvents, w.evSupply, w.evKind, w.evOn, w.evBy, w.evDev, w.evInv, w.evCause, w.evDisposal,
			w.evReason, w.evNote, w.evImported, w.evAt, w.evLag, w.evLate)
	}
	if len(w.stageIDs) > 0 {
		b.Queue(qSetStages, w.stageIDs, w.stages)
	}
	return translate(tx.SendBatch(ctx, b).Close())
}

const (
	qInsertInstallments = `INSERT INTO installment (supply_id, period, due_on, amount_wan)
SELECT * FROM unnest($1::bigint[], $2::int[], $3::date[], $4::float8[])`
	qInsertEvents = `INSERT INTO event (supply_id, kind, occurred_on, recorded_by, developed_share, invested_share,
	cause, disposal, reason, note, imported, recorded_at, lag_workdays, late)
SELECT s, k, o, b, d, i, c, p, r, n, m, coalesce(a, now()), l, t
FROM unnest($1::bigint[], $2::text[], $3::date[], $4::text[], $5::float8[], $6::float8[], $7::text[],
	$8::text[], $9::text[], $10::text[], $11::bool[], $12::timestamptz[], $13::int[], $14::bool[])
	AS u(s, k, o, b, d, i, c, p, r, n, m, a, l, t)`
	qSetStages = `UPDATE supply s SET stage = v.stage FROM unnest($1::bigint[], $2::text[]) v(id, stage)
WHERE s.id = v.id AND s.stage IS DISTINCT FROM v.stage`
)
