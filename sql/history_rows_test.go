package sql_test

import (
	"context"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"

	"landwatch/land"
	"landwatch/sql"
	"landwatch/sql/sqltest"
)

// The history and the change feed are written once per statement from the
// rows it wrote (migration 0038): every door still leaves one version per
// row changed, none for a row rewritten unchanged, and the changes and owed
// checks the row triggers left.
func TestHistoryOfSetBasedWrites(t *testing.T) {
	st := sqltest.Store(t)
	ctx := context.Background()
	db := st.Pool()
	count, exec := psql(t, db)
	batch := parseReferenceCSV(t)
	if _, err := st.Import(ctx, land.SystemScope("import"), batch, sql.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	if n := count(`SELECT count(*) FROM history_version WHERE entity = 'supply' AND op = 'insert'
		AND record = 'supply' AND record_id = supply_id AND entity_id = supply_id AND data ->> 'id' = supply_id::text
		AND version = 1`); n != 203 {
		t.Errorf("imported supplies' first versions = %d, want 203", n)
	}
	versions := count(`SELECT count(*) FROM history`)
	if _, err := st.Import(ctx, land.SystemScope("import"), batch, sql.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	if n := count(`SELECT count(*) FROM history`); n != versions {
		t.Errorf("re-import of an unchanged file wrote %d versions", n-versions)
	}

	// An update through psql: rows rewritten unchanged leave no version,
	// changed ones one each.
	exec(`UPDATE supply SET project_name = project_name`)
	exec(`UPDATE supply SET project_name = project_name || '（更正）' WHERE id IN (SELECT id FROM supply ORDER BY id LIMIT 3)`)
	if n := count(`SELECT count(*) FROM history WHERE id > (SELECT max(id) FROM history) - 100 AND op = 'update'`); n != 3 {
		t.Errorf("versions of a three-row update = %d, want 3", n)
	}
	if n := count(`SELECT count(*) FROM history_version h JOIN supply s ON s.id = h.supply_id
		WHERE h.op = 'update' AND h.data = to_jsonb(s)`); n != 3 {
		t.Errorf("update versions holding the rows as written = %d, want 3", n)
	}

	// Installments are known by their period: a period renumbered is a
	// version of the new period; a delete keeps the row last seen.
	var supplyID int64
	if err := db.QueryRow(ctx, `SELECT min(id) FROM supply`).Scan(&supplyID); err != nil {
		t.Fatal(err)
	}
	exec(`DELETE FROM installment WHERE supply_id = $1`, supplyID)
	exec(`INSERT INTO installment (supply_id, period, amount_wan) VALUES ($1, 1, 10), ($1, 2, 20)`, supplyID)
	exec(`UPDATE installment SET period = period + 10 WHERE supply_id = $1 AND period = 2`, supplyID)
	exec(`DELETE FROM installment WHERE supply_id = $1 AND period = 1`, supplyID)
	for _, c := range []struct {
		op     string
		period int
		amount float64
	}{{"insert", 1, 10}, {"insert", 2, 20}, {"update", 12, 20}, {"delete", 1, 10}} {
		if n := count(`SELECT count(*) FROM history_version WHERE entity = 'installment' AND supply_id = $1 AND record_id = $1
			AND op = $2 AND entity_id = $3 AND (data ->> 'amount_wan')::float8 = $4`, supplyID, c.op, c.period, c.amount); n != 1 {
			t.Errorf("installment %s of period %d: %d versions, want 1", c.op, c.period, n)
		}
	}

	// Parcels: a version with the boundary as geometry, a change in the
	// feed and an overlap check owed by each supply a parcel is in or left.
	var other int64
	if err := db.QueryRow(ctx, `SELECT max(id) FROM supply`).Scan(&other); err != nil {
		t.Fatal(err)
	}
	feed := count(`SELECT count(*) FROM change_log WHERE subject = 'parcel'`)
	var parcelID int64
	if err := db.QueryRow(ctx, `INSERT INTO parcel (supply_id, name, geom, plane_area_m2, gk_epsg, updated_by)
		VALUES ($1, 'A', ST_Multi(ST_GeomFromText('POLYGON((115 38,115.001 38,115.001 38.001,115 38))', 4490)), 5000, 4527, 'psql')
		RETURNING id`, supplyID).Scan(&parcelID); err != nil {
		t.Fatal(err)
	}
	exec(`UPDATE parcel SET name = name WHERE id = $1`, parcelID)
	exec(`UPDATE parcel SET supply_id = $2 WHERE id = $1`, parcelID, other)
	exec(`DELETE FROM parcel WHERE id = $1`, parcelID)
	for _, c := range []struct {
		op     string
		supply int64
	}{{"insert", supplyID}, {"update", other}, {"delete", other}} {
		if n := count(`SELECT count(*) FROM history_version WHERE entity = 'parcel' AND entity_id = $1 AND op = $2 AND supply_id = $3
			AND record_id = $3 AND geom IS NOT NULL AND data ->> 'name' = 'A'`, parcelID, c.op, c.supply); n != 1 {
			t.Errorf("parcel %s in supply %d: %d versions, want 1", c.op, c.supply, n)
		}
	}
	if n := count(`SELECT count(*) FROM change_log WHERE subject = 'parcel'`) - feed; n != 4 {
		t.Errorf("parcel changes in the feed = %d, want 4 (insert, two updates, delete)", n)
	}
	if n := count(`SELECT count(DISTINCT supply_id) FROM pending_check WHERE parcel_id = $1 AND supply_id IN ($2, $3)`,
		parcelID, supplyID, other); n != 2 {
		t.Errorf("supplies owed a check by the moved parcel = %d, want 2", n)
	}

	// An event: a version and a change of its supply.
	feed = count(`SELECT count(*) FROM change_log WHERE subject = 'supply' AND op = 'event' AND subject_id = $1`, supplyID)
	exec(`INSERT INTO event (supply_id, kind, occurred_on, recorded_by) VALUES ($1, 'delivery', '2019-03-01', 'psql')`, supplyID)
	if n := count(`SELECT count(*) FROM history_version WHERE entity = 'event' AND supply_id = $1 AND op = 'insert'
		AND data ->> 'kind' = 'delivery' AND data ->> 'recorded_by' = 'psql'`, supplyID); n != 1 {
		t.Errorf("event versions = %d, want 1", n)
	}
	if n := count(`SELECT count(*) FROM change_log WHERE subject = 'supply' AND op = 'event' AND subject_id = $1`, supplyID) - feed; n != 1 {
		t.Errorf("event changes in the feed = %d, want 1", n)
	}
	// A statement writing several events of a supply changes the supply
	// once: the feed draws it anew once however many of its events changed
	// (migration 0048).
	feed = count(`SELECT count(*) FROM change_log WHERE subject = 'supply' AND op = 'event' AND subject_id = $1`, supplyID)
	exec(`INSERT INTO event (supply_id, kind, occurred_on, recorded_by)
		VALUES ($1, 'construction_start', '2019-09-01', 'import'), ($1, 'progress', '2020-03-01', 'import')`, supplyID)
	if n := count(`SELECT count(*) FROM change_log WHERE subject = 'supply' AND op = 'event' AND subject_id = $1`, supplyID) - feed; n != 1 {
		t.Errorf("changes in the feed of a statement writing the supply's events = %d, want 1", n)
	}
	// Their versions come in the order the rows were written (migration
	// 0049 reads them without sorting).
	if n := count(`SELECT count(*) FROM history_version a JOIN history_version b ON a.entity = 'event' AND b.entity = 'event'
		AND a.supply_id = $1 AND b.supply_id = $1 AND a.data ->> 'kind' = 'construction_start' AND b.data ->> 'kind' = 'progress'
		AND a.id < b.id AND a.entity_id < b.entity_id`, supplyID); n != 1 {
		t.Errorf("versions of two events written in one statement in the order written: %d, want 1", n)
	}
	// Updated, an event has a version when it changed and none when
	// rewritten unchanged, as supplies and installments (migration 0047
	// compares the rows as rows).
	exec(`UPDATE event SET note = note WHERE supply_id = $1`, supplyID)
	exec(`UPDATE event SET note = 'corrected' WHERE supply_id = $1 AND kind = 'delivery' AND recorded_by = 'psql'`, supplyID)
	exec(`UPDATE installment SET amount_wan = amount_wan WHERE supply_id = $1`, supplyID)
	if n := count(`SELECT count(*) FROM history WHERE entity IN ('event', 'installment') AND supply_id = $1 AND op = 'update'
		AND id > (SELECT max(id) FROM history WHERE entity = 'event' AND op = 'insert' AND supply_id = $1)`, supplyID); n != 1 {
		t.Errorf("versions of an event changed and of events and installments rewritten unchanged = %d, want 1", n)
	}
	if n := count(`SELECT count(*) FROM history_version h JOIN event e ON e.id = h.entity_id
		WHERE h.entity = 'event' AND h.op = 'update' AND h.data = to_jsonb(e) AND e.note = 'corrected'`); n != 1 {
		t.Errorf("the changed event's version holding the row as written: %d, want 1", n)
	}
}

// psql gives a test the statements it runs on db as psql would: count the
// one number a query returns, exec a statement; either failing fails the
// test.
func psql(t *testing.T, db *pgxpool.Pool) (count func(q string, args ...any) int, exec func(q string, args ...any)) {
	count = func(q string, args ...any) int {
		t.Helper()
		var n int
		if err := db.QueryRow(t.Context(), q, args...).Scan(&n); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		return n
	}
	exec = func(q string, args ...any) {
		t.Helper()
		if _, err := db.Exec(t.Context(), q, args...); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	return count, exec
}
