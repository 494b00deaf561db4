package sql

import (
	"context"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"

	"landwatch/importer"
	"landwatch/land"
)

// supplyRecord is a supply of an import that passed its checks.
type supplyRecord struct {
	importer.SupplyRecord
	warnings []string
}

func (r supplyRecord) count() int { return 1 }

func (r supplyRecord) rejection(err error) []importer.Rejection {
	field, reason := reasonOf(err)
	return []importer.Rejection{{File: r.File, Line: r.Line, Record: r.Supply.ENumber, Field: field, Reason: reason}}
}

// prepareSupplyRecords checks each supply with its imported events, rejects
// those that fail and returns the others.
func (s *Store) prepareSupplyRecords(recs []importer.SupplyRecord, rep *ImportReport) []supplyRecord {
	out := make([]supplyRecord, 0, len(recs))
	seen := make(map[string]int, len(recs))
	for _, r := range recs {
		if r.Supply.ReviewStatus == "" {
			r.Supply.ReviewStatus = "submitted"
		}
		r.Supply.Events = r.Events
		warnings, err := prepareSupply(&r.Supply, s.regions, s.today())
		rec := supplyRecord{SupplyRecord: r, warnings: warnings}
		if err != nil {
			rep.Rejected = append(rep.Rejected, rec.rejection(err)...)
			continue
		}
		if line, dup := seen[r.Supply.ENumber]; dup {
			rep.Rejected = append(rep.Rejected, rec.rejection(&land.Error{Code: land.CodeConflict, Field: "e_number",
				Message: fmt.Sprintf("the same e-supervision number is on line %d of this import", line)})...)
			continue
		}
		seen[r.Supply.ENumber] = r.Line
		for _, w := range warnings {
			rep.Warnings = append(rep.Warnings, importer.Warning{File: r.File, Line: r.Line, Record: r.Supply.ENumber, Message: w})
		}
		out = append(out, rec)
	}
	return out
}

// upsertSupplies writes a chunk of supplies with pipelined statements:
// the upserts, then installments and imported events of those that are new
// or changed. Counts go into rep.
func (s *Store) upsertSupplies(ctx context.Context, tx pgx.Tx, actor string, chunk []supplyRecord, rep *ImportReport, created map[int64]bool) error {
	for i := range chunk {
		if err := s.ensureRegion(ctx, tx, &chunk[i].Supply); err != nil {
			return err
		}
	}
	batch := &pgx.Batch{}
	upsert := upsertSupplySQL()
	for i := range chunk {
		batch.Queue(upsert, supplyArgs(&chunk[i].Supply, actor)...)
	}
	res := tx.SendBatch(ctx, batch)
	type outcome struct {
		id                int64
		inserted, changed bool
	}
	outs := make([]outcome, len(chunk))
	for i := range chunk {
		if err := res.QueryRow().Scan(&outs[i].id, &outs[i].inserted, &outs[i].changed); err != nil {
			res.Close()
			return translate(err)
		}
	}
	if err := res.Close(); err != nil {
		return translate(err)
	}
	existing, err := eventsOfSupplies(ctx, tx, outs, func(o outcome) (int64, bool) { return o.id, !o.inserted })
	if err != nil {
		return err
	}
	batch = &pgx.Batch{}
	for i, o := range outs {
		sup := &chunk[i].Supply
		sup.ID = o.id
		if o.inserted || o.changed {
			if !o.inserted {
				batch.Queue(qDeleteInstallments, o.id)
			}
			for _, in := range sup.Installments {
				batch.Queue(qInsertInstallment, o.id, in.Period, dateArg(in.DueOn), in.AmountWan)
			}
		}
		events := existing[o.id]
		for _, e := range sup.Events {
			if hasEvent(events, e) {
				continue
			}
			if err := land.CheckEvent(events, e, s.today()); err != nil {
				if land.ErrorCode(err) == land.CodeConflict {
					// Recorded already with another date: what is on record stands.
					rep.Warnings = append(rep.Warnings, importer.Warning{File: chunk[i].File, Line: chunk[i].Line,
						Record: sup.ENumber, Field: "events", Message: err.Error() + "; the recorded event is kept"})
					continue
				}
				return prefixField(err, "events")
			}
			batch.Queue(qInsertEvent, o.id, string(e.Kind), dateArg(e.OccurredOn), nil, e.RecordedBy,
				e.DevelopedShare, e.InvestedShare, e.Cause, e.Disposal, e.Reason, e.Note, e.Imported)
			events = append(events, e)
		}
		batch.Queue(qSetStage, o.id, string(land.DeriveStage(events)))
		switch {
		case o.inserted:
			rep.Created++
			created[o.id] = true
		case o.changed:
			rep.Updated++
		default:
			rep.Unchanged++
		}
		rep.Accepted++
	}
	return translate(tx.SendBatch(ctx, batch).Close())
}

// eventsOfSupplies loads the events of the supplies that want them, by id.
func eventsOfSupplies[T any](ctx context.Context, tx pgx.Tx, items []T, want func(T) (int64, bool)) (map[int64][]land.Event, error) {
	var ids []int64
	for _, it := range items {
		if id, ok := want(it); ok {
			ids = append(ids, id)
		}
	}
	out := map[int64][]land.Event{}
	if len(ids) == 0 {
		return out, nil
	}
	rows, err := tx.Query(ctx, qEventsOfSupplies, ids)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var kind string
		var on pgtype.Date
		if err := rows.Scan(&id, &kind, &on); err != nil {
			return nil, translate(err)
		}
		out[id] = append(out[id], land.Event{SupplyID: id, Kind: land.EventKind(kind), OccurredOn: dateOf(on)})
	}
	return out, translate(rows.Err())
}

// hasEvent reports whether events hold one of e's kind on e's day.
func hasEvent(events []land.Event, e land.Event) bool {
	for _, x := range events {
		if x.Kind == e.Kind && x.OccurredOn == e.OccurredOn {
			return true
		}
	}
	return false
}

// supplyCompared are the columns whose change makes a new version on
// re-import (everything a file can carry).
const supplyCompared = `e_number, kind, method, region_code, district_name, project_name, location,
	area_ha, source_text, existing_construction_ha, land_use_original, land_use_code,
	term_text, term_years, industry, land_grade, price_wan, holder, plot_ratio_min, plot_ratio_max,
	agreed_delivery, agreed_start, agreed_completion, contract_number, contract_date, approved_by`

// upsertSupplySQL inserts a supply or, when its e-supervision number exists,
// updates it only if a compared column differs, and answers (id, inserted,
// changed) in both cases.
func upsertSupplySQL() string {
	var excluded, current []string
	for _, c := range strings.Split(supplyCompared, ",") {
		c = strings.TrimSpace(c)
		excluded = append(excluded, "EXCLUDED."+c)
		current = append(current, "t."+c)
	}
	return `WITH up AS (
	INSERT INTO supply AS t (` + supplyColumns + `) VALUES (` + supplyPlaceholders + `)
	ON CONFLICT (e_number) DO UPDATE SET (` + supplyCompared + `, updated_by) =
		(` + strings.Join(excluded, ", ") + `, EXCLUDED.updated_by),
		version = t.version + 1, updated_at = now()
	WHERE (` + strings.Join(current, ", ") + `) IS DISTINCT FROM (` + strings.Join(excluded, ", ") + `)
	RETURNING t.id, (t.xmax = 0) AS inserted
)
SELECT id, inserted, true FROM up
UNION ALL
SELECT id, false, false FROM supply WHERE e_number = $1 AND NOT EXISTS (SELECT FROM up)`
}

const qEventsOfSupplies = `SELECT supply_id, kind, occurred_on FROM event WHERE supply_id = ANY($1) ORDER BY occurred_on, id`
