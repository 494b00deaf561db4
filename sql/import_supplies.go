package sql

import (
	"context"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"

	"landwatch/land"
)

// supplyRecord is a supply of an import that passed its checks.
type supplyRecord struct {
	land.SupplyRecord
	warnings []string
}

func (r supplyRecord) count() int { return 1 }

func (r supplyRecord) rejection(err error) []land.Rejection {
	field, reason := reasonOf(err)
	return []land.Rejection{{File: r.File, Line: r.Line, Record: r.Supply.ENumber, Field: field, Reason: reason}}
}

// prepareSupplyRecords checks each supply with its imported events, rejects
// those that fail and returns the others.
func (s *Store) prepareSupplyRecords(sc land.Scope, recs []land.SupplyRecord, rep *ImportReport) []supplyRecord {
	out := make([]supplyRecord, 0, len(recs))
	seen := make(map[string]supplyRecord, len(recs))
	for _, r := range recs {
		if r.Supply.ReviewStatus == "" {
			r.Supply.ReviewStatus = "submitted"
		}
		r.Supply.Events = r.Events
		warnings, err := s.rules.PrepareSupply(&r.Supply)
		rec := supplyRecord{SupplyRecord: r, warnings: warnings}
		if err == nil {
			err = sc.Check(r.Supply.RegionCode) // a row for another region is not the importer's to write
		}
		if err != nil {
			rep.Rejected = append(rep.Rejected, rec.rejection(err)...)
			continue
		}
		if first, dup := seen[r.Supply.ENumber]; dup {
			// A row copied twice (files merged from two downloads) says
			// nothing new; rows that differ are for a person to settle.
			if reflect.DeepEqual(first.Supply, r.Supply) {
				rep.Warnings = append(rep.Warnings, land.Warning{File: r.File, Line: r.Line, Record: r.Supply.ENumber, Field: "e_number",
					Message: fmt.Sprintf("the same row as %s line %d: read once", first.File, first.Line)})
				continue
			}
			rep.Rejected = append(rep.Rejected, rec.rejection(&land.Error{Code: land.CodeConflict, Field: "e_number",
				Message: fmt.Sprintf("the same e-supervision number is on %s line %d of this import, with other values", first.File, first.Line)})...)
			continue
		}
		seen[r.Supply.ENumber] = rec
		for _, w := range warnings {
			rep.Warnings = append(rep.Warnings, land.Warning{File: r.File, Line: r.Line, Record: r.Supply.ENumber, Message: w})
		}
		out = append(out, rec)
	}
	return out
}

// upsertSupplies writes a chunk of supplies with a few set-based
// statements: one upsert for them all, then their installments, imported
// events and stages. Counts go into rep.
func (s *Store) upsertSupplies(ctx context.Context, tx pgx.Tx, actor string, chunk []supplyRecord, rep *ImportReport, created map[int64]bool) error {
	for i := range chunk {
		if err := s.ensureRegion(ctx, tx, &chunk[i].Supply); err != nil {
			return err
		}
	}
	cols := make([][]*string, supplyColumnCount)
	for c := range cols {
		cols[c] = make([]*string, len(chunk))
	}
	for i := range chunk {
		for c, v := range supplyArgs(&chunk[i].Supply, actor) {
			cols[c][i] = asText(v)
		}
	}
	args := make([]any, len(cols))
	for c := range cols {
		args[c] = cols[c]
	}
	rows, err := tx.Query(ctx, upsertSuppliesSQL(), args...)
	if err != nil {
		return translate(err)
	}
	type outcome struct {
		id                int64
		inserted, changed bool
	}
	outs := make([]outcome, len(chunk))
	for rows.Next() {
		var ord int
		var o outcome
		if err := rows.Scan(&ord, &o.id, &o.inserted, &o.changed); err != nil {
			rows.Close()
			return translate(err)
		}
		outs[ord-1] = o
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return translate(err)
	}
	existing, err := eventsOfSupplies(ctx, tx, outs, func(o outcome) (int64, bool) { return o.id, !o.inserted })
	if err != nil {
		return err
	}
	var w childRows
	for i, o := range outs {
		sup := &chunk[i].Supply
		sup.ID = o.id
		if o.inserted || o.changed {
			if !o.inserted {
				w.replaced = append(w.replaced, o.id)
			}
			for _, in := range sup.Installments {
				w.addInstallment(o.id, in)
			}
		}
		events := existing[o.id]
		for _, e := range sup.Events {
			if hasEvent(events, e) {
				continue
			}
			if err := s.rules.CheckEvent(*sup, events, e); err != nil {
				if land.ErrorCode(err) == land.CodeConflict {
					// Recorded already with another date: what is on record stands.
					rep.Warnings = append(rep.Warnings, land.Warning{File: chunk[i].File, Line: chunk[i].Line,
						Record: sup.ENumber, Field: "events", Message: err.Error() + "; the recorded event is kept"})
					continue
				}
				return land.PrefixField(err, "events")
			}
			lag, late := s.lag(&e, e.RecordedAt)
			w.addEvent(o.id, e, lag, late)
			events = append(events, e)
		}
		w.stageIDs = append(w.stageIDs, o.id)
		w.stages = append(w.stages, string(land.DeriveStage(events)))
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
	return w.write(ctx, tx)
}

// asText turns a supply column value into the text PostgreSQL reads back
// exactly (floats in their shortest round-trip form), or nil for NULL.
func asText(v any) *string {
	var t string
	switch x := v.(type) {
	case nil:
		return nil
	case string:
		t = x
	case float64:
		t = strconv.FormatFloat(x, 'g', -1, 64)
	case *float64:
		if x == nil {
			return nil
		}
		t = strconv.FormatFloat(*x, 'g', -1, 64)
	case *string:
		return x
	case *int:
		if x == nil {
			return nil
		}
		t = strconv.Itoa(*x)
	case time.Time:
		t = x.Format(time.DateOnly)
	default:
		t = fmt.Sprint(x)
	}
	return &t
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
// re-import (everything a file can carry; the reserve a clerk named is
// kept).
const supplyCompared = `e_number, kind, method, region_code, district_name, project_name, location,
	area_ha, source_text, existing_construction_ha, land_use_original, land_use_code,
	term_text, term_years, industry, land_grade, price_wan, holder, plot_ratio_min, plot_ratio_max,
	agreed_delivery, agreed_start, agreed_completion, contract_number, contract_date, approved_by`

// supplyColumnTypes are the SQL types of supplyColumns, in order.
var supplyColumnTypes = [supplyColumnCount]string{"text", "text", "text", "text", "text", "text", "text",
	"float8", "text", "float8", "text", "text", "text", "int", "text", "text", "float8", "text", "float8", "float8",
	"date", "date", "date", "text", "date", "text", "text", "text", "text", "text"}

// supplyColumnCount is the number of supplyColumns.
const supplyColumnCount = 30

// upsertSuppliesSQL upserts many supplies given as one text array per
// column: a new supply is inserted; an existing e-supervision number is
// updated only when a compared column differs. It answers, for each input
// row by its ordinal, (ordinal, id, inserted, changed).
func upsertSuppliesSQL() string {
	names := strings.Split(supplyColumns, ",")
	var unnest, casts, excluded, current []string
	for i, n := range names {
		n = strings.TrimSpace(n)
		names[i] = n
		unnest = append(unnest, fmt.Sprintf("$%d::text[]", i+1))
		casts = append(casts, fmt.Sprintf("c%d::%s", i+1, supplyColumnTypes[i]))
	}
	for _, c := range strings.Split(supplyCompared, ",") {
		c = strings.TrimSpace(c)
		excluded = append(excluded, "EXCLUDED."+c)
		current = append(current, "t."+c)
	}
	aliases := make([]string, len(names))
	for i := range names {
		aliases[i] = fmt.Sprintf("c%d", i+1)
	}
	return `WITH input AS (
	SELECT * FROM unnest(` + strings.Join(unnest, ", ") + `) WITH ORDINALITY AS u(` + strings.Join(aliases, ", ") + `, ord)
), up AS (
	INSERT INTO supply AS t (` + strings.Join(names, ", ") + `)
	SELECT ` + strings.Join(casts, ", ") + ` FROM input ORDER BY ord
	ON CONFLICT (e_number) DO UPDATE SET (` + supplyCompared + `, updated_by) =
		(` + strings.Join(excluded, ", ") + `, EXCLUDED.updated_by),
		version = t.version + 1, updated_at = now()
	WHERE (` + strings.Join(current, ", ") + `) IS DISTINCT FROM (` + strings.Join(excluded, ", ") + `)
	RETURNING t.id, t.e_number, (t.xmax = 0) AS inserted
)
SELECT i.ord::int, coalesce(up.id, s.id), coalesce(up.inserted, false), up.id IS NOT NULL
FROM input i LEFT JOIN up ON up.e_number = i.c1 LEFT JOIN supply s ON up.id IS NULL AND s.e_number = i.c1
ORDER BY i.ord`
}

const qEventsOfSupplies = `SELECT supply_id, kind, occurred_on FROM event WHERE supply_id = ANY($1) AND NOT withdrawn ORDER BY occurred_on, id`
