package sql

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"

	"landwatch/cores"
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

func (r supplyRecord) place() (string, int, string) { return r.File, r.Line, r.Supply.ENumber }
func (r supplyRecord) notes() []string              { return r.warnings }
func (r supplyRecord) withParcel() bool             { return r.WithParcel }

// writtenSupplies are the supplies an import wrote, or found unchanged.
type writtenSupplies struct {
	// created are those it created: they get their first boundaries
	// without a second version.
	created map[int64]bool
	// byKey are all of them by e-supervision number, as the boundaries of
	// the same import are checked against them (see resolveSupplies).
	byKey map[string]resolvedSupply
}

// resolvedSupply is what a group of boundaries is checked against: its
// supply's (or reserve's) id, declared area and region.
type resolvedSupply struct {
	id     int64
	areaHa float64
	region string
}

// checkSupplyRecords checks each supply with its imported events (see
// checkRecords).
func (s *Store) checkSupplyRecords(recs []land.SupplyRecord) checkedRecords[supplyRecord] {
	in := make([]supplyRecord, len(recs))
	for i, r := range recs {
		in[i] = supplyRecord{SupplyRecord: r}
	}
	return checkRecords(in, func(r *supplyRecord) (string, error) {
		if r.Supply.ReviewStatus == "" {
			r.Supply.ReviewStatus = "submitted"
		}
		r.Supply.Events = r.Events
		var err error
		r.warnings, err = s.rules.PrepareSupply(&r.Supply)
		return r.Supply.RegionCode, err
	})
}

// settleSupplies is checkedRecords.settle for supplies, keyed by
// e-supervision number.
func settleSupplies(sc land.Scope, c checkedRecords[supplyRecord], rep *ImportReport, seen map[string]supplyRecord) []supplyRecord {
	return c.settle(sc, rep, seen, func(a, b supplyRecord) bool { return reflect.DeepEqual(a.Supply, b.Supply) },
		"e_number", "e-supervision number")
}

// keyedRecord is a record of an import with its place and key, and the
// warnings of its checks.
type keyedRecord interface {
	importRecord
	place() (file string, line int, key string)
	notes() []string
	// withParcel tells a record read with one of its parcels, which its
	// file repeats for each of them (land.SupplyRecord.WithParcel).
	withParcel() bool
}

// prepareRecords checks each record in place (check returns its region),
// rejects those that fail or lie outside the scope, and returns the others
// (checkRecords, then settle).
func prepareRecords[R keyedRecord](sc land.Scope, recs []R, rep *ImportReport, check func(*R) (string, error), same func(a, b R) bool, field, what string) []R {
	return checkRecords(recs, check).settle(sc, rep, map[string]R{}, same, field, what)
}

// checkedRecords are records checked, each with the region its check
// returned or the check's error.
type checkedRecords[R keyedRecord] struct {
	recs    []R
	regions []string
	errs    []error
}

// checkRecords checks each record in place, on every core; check returns
// its region.
func checkRecords[R keyedRecord](recs []R, check func(*R) (string, error)) checkedRecords[R] {
	c := checkedRecords[R]{recs: recs, regions: make([]string, len(recs)), errs: make([]error, len(recs))}
	cores.Each(len(recs), recordBlock, func(i int) { c.regions[i], c.errs[i] = check(&recs[i]) })
	return c
}

// settle rejects the records that failed their check or lie outside the
// scope, in order, and returns the others. A key twice in one import is
// read once when the rows agree (same: files merged from two downloads say
// nothing new, which a warning notes unless both came from one file, each
// with a parcel of theirs) and rejected when they differ, for a person to
// settle;
// field and what name the key. seen holds the keys of the records settled
// before (a stream's earlier blocks) and takes those of these.
func (c checkedRecords[R]) settle(sc land.Scope, rep *ImportReport, seen map[string]R, same func(a, b R) bool, field, what string) []R {
	out := make([]R, 0, len(c.recs))
	for i, rec := range c.recs {
		region, err := c.regions[i], c.errs[i]
		if err == nil {
			err = sc.Check(region) // a row for another region is not the importer's to write
		}
		if err != nil {
			rep.Rejected = append(rep.Rejected, rec.rejection(err)...)
			continue
		}
		file, line, key := rec.place()
		if first, dup := seen[key]; dup {
			ff, fl, _ := first.place()
			if same(first, rec) {
				if ff != file || !first.withParcel() || !rec.withParcel() {
					rep.Warnings = append(rep.Warnings, land.Warning{File: file, Line: line, Record: key, Field: field,
						Message: fmt.Sprintf("the same row as %s line %d: read once", ff, fl)})
				}
				continue
			}
			rep.Rejected = append(rep.Rejected, rec.rejection(&land.Error{Code: land.CodeConflict, Field: field,
				Message: fmt.Sprintf("the same %s is on %s line %d of this import, with other values", what, ff, fl)})...)
			continue
		}
		seen[key] = rec
		for _, w := range rec.notes() {
			field, text := land.SplitWarning(w)
			rep.Warnings = append(rep.Warnings, land.Warning{File: file, Line: line, Record: key, Field: field, Message: text})
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
	args := make([]any, len(cols), len(cols)+1)
	for c := range cols {
		args[c] = cols[c]
	}
	args = append(args, absentColumns(chunk))
	outs, err := upsertedSupplies(ctx, tx, chunk, args)
	if err != nil {
		return err
	}
	existing, err := eventsOfSupplies(ctx, tx, outs, func(o supplyOutcome) (int64, bool) { return o.id, !o.inserted })
	if err != nil {
		return err
	}
	var w childRows
	for i, o := range outs {
		sup := &chunk[i].Supply
		sup.ID = o.id
		if sup.Lot != nil { // a file without 公告编号 leaves the link a clerk made
			if err := linkSupplyLot(ctx, tx, actor, sup); err != nil {
				return err
			}
		}
		// A file without instalments leaves those stored as they are.
		keepInstallments := slices.Contains(chunk[i].Absent, "installments")
		if o.inserted || (o.changed && !keepInstallments) {
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
		// A supply inserted with its events has its stage already (the
		// checks derived it): only a changed one is written again.
		if stage := land.DeriveStage(events); !o.inserted || string(stage) != stageOrSupplied(sup.Stage) {
			w.stageIDs = append(w.stageIDs, o.id)
			w.stages = append(w.stages, string(stage))
		}
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
	agreed_delivery, agreed_start, agreed_completion, contract_number, contract_date, approved_by,
	collective, collective_owner`

// supplyColumnTypes are the SQL types of supplyColumns, in order.
var supplyColumnTypes = [supplyColumnCount]string{"text", "text", "text", "text", "text", "text", "text",
	"float8", "text", "float8", "text", "text", "text", "int", "text", "text", "float8", "text", "float8", "float8",
	"date", "date", "date", "text", "date", "text", "text", "text", "text", "text", "bool", "text"}

// supplyColumnCount is the number of supplyColumns.
const supplyColumnCount = 32

// supplyOutcome is what the upsert did with one supply of a chunk.
type supplyOutcome struct {
	id                int64
	inserted, changed bool
}

// upsertedSupplies runs the upsert of a chunk with args, its columns, and
// answers each supply's outcome in the chunk's order. The upsert returns
// the supplies it inserted or changed; those it left unchanged are looked
// up by e-supervision number afterwards, which a first load never needs.
func upsertedSupplies(ctx context.Context, tx pgx.Tx, chunk []supplyRecord, args []any) ([]supplyOutcome, error) {
	at := make(map[string]int, len(chunk))
	for i := range chunk {
		at[chunk[i].Supply.ENumber] = i
	}
	outs := make([]supplyOutcome, len(chunk))
	var key string
	var o supplyOutcome
	read := func() error {
		i, ok := at[key]
		if !ok {
			return land.Errorf(land.CodeInternal, "the supply upsert answered e-supervision number %q, not in its chunk", key)
		}
		outs[i] = o
		return nil
	}
	o.changed = true // what the upsert returns it inserted or changed
	rows, err := tx.Query(ctx, upsertSuppliesSQL(), args...)
	if err != nil {
		return nil, translate(err)
	}
	written, err := pgx.ForEachRow(rows, []any{&o.id, &key, &o.inserted}, read)
	if err != nil || written.RowsAffected() == int64(len(chunk)) {
		return outs, translate(err)
	}
	var unchanged []string
	for i, out := range outs {
		if out.id == 0 {
			unchanged = append(unchanged, chunk[i].Supply.ENumber)
		}
	}
	o.changed, o.inserted = false, false
	rows, err = tx.Query(ctx, qSupplyIDsOf, unchanged)
	if err != nil {
		return nil, translate(err)
	}
	_, err = pgx.ForEachRow(rows, []any{&o.id, &key}, read)
	return outs, translate(err)
}

// supplyColumnNames are supplyColumns one by one.
func supplyColumnNames() []string {
	names := strings.Split(supplyColumns, ",")
	for i, n := range names {
		names[i] = strings.TrimSpace(n)
	}
	return names
}

// absentColumns returns, for each supply of chunk, the columns its file
// has none of (land.SupplyRecord.Absent) as bits: bit i for the ith of
// supplyColumns.
func absentColumns(chunk []supplyRecord) []int64 {
	names := supplyColumnNames()
	masks := make([]int64, len(chunk))
	for i := range chunk {
		for _, f := range chunk[i].Absent {
			if c := slices.Index(names, f); c >= 0 {
				masks[i] |= 1 << c
			}
		}
	}
	return masks
}

// upsertSuppliesSQL upserts many supplies given as one text array per
// column, in their order, and a last array of the columns each one's file
// did not have (absentColumns). A new supply is inserted. An existing
// e-supervision number is updated only when a compared column differs,
// keeping what it has for the compared columns its file did not have, and
// is then reviewed again (the record's review status: submitted unless the
// loader says otherwise). It returns (id, e_number, inserted) of the
// supplies inserted or changed.
func upsertSuppliesSQL() string {
	names := supplyColumnNames()
	compared := map[string]bool{}
	var excluded, current []string
	for _, c := range strings.Split(supplyCompared, ",") {
		c = strings.TrimSpace(c)
		compared[c] = true
		excluded = append(excluded, "EXCLUDED."+c)
		current = append(current, "t."+c)
	}
	var unnest, casts []string
	for i, n := range names {
		unnest = append(unnest, fmt.Sprintf("$%d::text[]", i+1))
		cast := fmt.Sprintf("c%d::%s", i+1, supplyColumnTypes[i])
		if compared[n] && i > 0 { // what an update writes, but the e-supervision number it is found by
			cast = fmt.Sprintf("CASE WHEN s.id IS NOT NULL AND absent & %d <> 0 THEN s.%s ELSE %s END", int64(1)<<i, n, cast)
		}
		casts = append(casts, cast)
	}
	aliases := make([]string, len(names))
	for i := range names {
		aliases[i] = fmt.Sprintf("c%d", i+1)
	}
	return `INSERT INTO supply AS t (` + strings.Join(names, ", ") + `)
SELECT ` + strings.Join(casts, ", ") + `
FROM unnest(` + strings.Join(unnest, ", ") + fmt.Sprintf(", $%d::int8[]", len(names)+1) + `) WITH ORDINALITY AS u(` + strings.Join(aliases, ", ") + `, absent, ord)
	LEFT JOIN supply s ON s.e_number = u.c1
ORDER BY ord
ON CONFLICT (e_number) DO UPDATE SET (` + supplyCompared + `, updated_by, review_status) =
	(` + strings.Join(excluded, ", ") + `, EXCLUDED.updated_by, EXCLUDED.review_status),
	version = t.version + 1, updated_at = now()
WHERE (` + strings.Join(current, ", ") + `) IS DISTINCT FROM (` + strings.Join(excluded, ", ") + `)
RETURNING t.id, t.e_number, (t.xmax = 0) AS inserted`
}

const qSupplyIDsOf = `SELECT id, e_number FROM supply WHERE e_number = ANY($1)`

const qEventsOfSupplies = `SELECT supply_id, kind, occurred_on FROM event WHERE supply_id = ANY($1) AND NOT withdrawn ORDER BY occurred_on, id`

// recordBlock is how many records or boundary sets a core checks at a time.
const recordBlock = 64
