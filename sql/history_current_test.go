package sql_test

import (
	"context"
	"encoding/json"
	"strconv"
	"testing"

	"landwatch/land"
	"landwatch/sql"
	"landwatch/sql/sqltest"
)

// The current version of a supply, installment, event or parcel is the row
// (migration 0050): it is written without its data, which the update or
// delete that ends it fills from the old row. What the history says, read
// through history_version and Store.History, is every version whole.
func TestTheCurrentVersionIsTheRow(t *testing.T) {
	st := sqltest.Store(t)
	ctx := context.Background()
	db := st.Pool()
	count, exec := psql(t, db)
	// What the history keeps whole and what it reads from the rows: none
	// kept without data but the current versions, one a row at most, and
	// each read as its row is.
	invariant := func(when string) {
		t.Helper()
		if n := count(`SELECT count(*) FROM history WHERE data IS NULL AND NOT (
			entity = 'supply' AND entity_id IN (SELECT id FROM supply)
			OR entity = 'event' AND entity_id IN (SELECT id FROM event)
			OR entity = 'parcel' AND entity_id IN (SELECT id FROM parcel)
			OR entity = 'installment' AND (supply_id, entity_id) IN (SELECT supply_id, period FROM installment))`); n != 0 {
			t.Errorf("%s: %d versions without data whose row is gone", when, n)
		}
		if n := count(`SELECT count(*) FROM (SELECT 1 FROM history WHERE data IS NULL
			GROUP BY entity, supply_id, entity_id HAVING count(*) > 1) x`); n != 0 {
			t.Errorf("%s: %d rows with more than one version without data", when, n)
		}
		if n := count(`SELECT count(*) FROM history_version WHERE data IS NULL
			OR entity = 'parcel' AND geom IS NULL`); n != 0 {
			t.Errorf("%s: %d versions read without their data", when, n)
		}
		if n := count(`SELECT count(*) FROM history h JOIN history_version v USING (id) JOIN supply s ON s.id = h.entity_id
			WHERE h.entity = 'supply' AND h.data IS NULL AND v.data <> to_jsonb(s)`); n != 0 {
			t.Errorf("%s: %d current supply versions read otherwise than their row", when, n)
		}
	}

	batch := parseReferenceCSV(t)
	if _, err := st.Import(ctx, land.SystemScope("import"), batch, sql.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	if n := count(`SELECT count(*) FROM history WHERE entity IN ('supply', 'event', 'installment') AND op = 'insert' AND data IS NOT NULL`); n != 0 {
		t.Errorf("imported versions kept with their data: %d, want 0 (the rows are their data)", n)
	}
	invariant("imported")

	var id int64
	var name string
	if err := db.QueryRow(ctx, `SELECT id, project_name FROM supply ORDER BY id LIMIT 1`).Scan(&id, &name); err != nil {
		t.Fatal(err)
	}
	key := strconv.FormatInt(id, 10)
	exec(`UPDATE supply SET project_name = project_name || '（更正）' WHERE id = $1`, id)
	exec(`UPDATE supply SET project_name = project_name WHERE id = $1`, id) // unchanged: no version, nothing filled
	// Its first version now holds the row as it was; the second is the row.
	if n := count(`SELECT count(*) FROM history WHERE entity = 'supply' AND entity_id = $1 AND op = 'insert'
		AND data ->> 'project_name' = $2`, id, name); n != 1 {
		t.Errorf("the replaced version filled with the old row: %d, want 1", n)
	}
	if n := count(`SELECT count(*) FROM history WHERE entity = 'supply' AND entity_id = $1 AND op = 'update' AND data IS NULL`, id); n != 1 {
		t.Errorf("the new version kept without data: %d, want 1", n)
	}
	hist, err := st.History(ctx, land.SystemScope("test"), key, true)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, v := range hist {
		if v.Entity != "supply" {
			continue
		}
		var d struct {
			ProjectName string `json:"project_name"`
		}
		if err := json.Unmarshal(v.Data, &d); err != nil {
			t.Fatal(err)
		}
		names = append(names, v.Op+" "+d.ProjectName)
	}
	if want := []string{"insert " + name, "update " + name + "（更正）"}; len(names) != 2 || names[0] != want[0] || names[1] != want[1] {
		t.Errorf("the supply's versions = %q, want %q", names, want)
	}

	// A parcel: its boundary too is read from the row while current, and
	// kept when replaced.
	var parcelID int64
	if err := db.QueryRow(ctx, `INSERT INTO parcel (supply_id, name, geom, plane_area_m2, gk_epsg, updated_by)
		VALUES ($1, 'A', ST_Multi(ST_GeomFromText('POLYGON((115 38,115.001 38,115.001 38.001,115 38))', 4490)), 5000, 4527, 'psql')
		RETURNING id`, id).Scan(&parcelID); err != nil {
		t.Fatal(err)
	}
	if n := count(`SELECT count(*) FROM history WHERE entity = 'parcel' AND entity_id = $1 AND data IS NULL AND geom IS NULL`, parcelID); n != 1 {
		t.Errorf("the new parcel's version kept without data and boundary: %d, want 1", n)
	}
	exec(`UPDATE parcel SET geom = ST_Multi(ST_GeomFromText('POLYGON((115 38,115.002 38,115.002 38.002,115 38))', 4490)), version = version + 1
		WHERE id = $1`, parcelID)
	if n := count(`SELECT count(*) FROM history_version WHERE entity = 'parcel' AND entity_id = $1 AND op = 'insert'
		AND ST_XMax(geom) = 115.001`, parcelID); n != 1 {
		t.Errorf("the replaced parcel version with its old boundary: %d, want 1", n)
	}
	if n := count(`SELECT count(*) FROM history_version WHERE entity = 'parcel' AND entity_id = $1 AND op = 'update'
		AND ST_XMax(geom) = 115.002 AND (data ->> 'version')::int = 2`, parcelID); n != 1 {
		t.Errorf("the current parcel version with the row's boundary: %d, want 1", n)
	}
	invariant("edited")

	// Installments renumbered, events withdrawn, and then the whole supply
	// deleted: every version it had is kept whole.
	exec(`UPDATE installment SET period = period + 10 WHERE supply_id = $1`, id)
	exec(`DELETE FROM event WHERE id = (SELECT min(id) FROM event WHERE supply_id = $1)`, id)
	invariant("renumbered and withdrawn")
	before := count(`SELECT count(*) FROM history_version WHERE record = 'supply' AND record_id = $1`, id)
	exec(`DELETE FROM supply WHERE id = $1`, id)
	invariant("deleted")
	if n := count(`SELECT count(*) FROM history WHERE record = 'supply' AND record_id = $1 AND data IS NULL`, id); n != 0 {
		t.Errorf("versions of a deleted supply without data: %d", n)
	}
	if n := count(`SELECT count(*) FROM history_version WHERE record = 'supply' AND record_id = $1 AND op <> 'delete'`, id); n != before {
		t.Errorf("versions of the supply before its delete = %d, want the %d it had", n, before)
	}
}
