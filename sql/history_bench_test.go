package sql_test

import (
	"context"
	"testing"

	"landwatch/sql/sqltest"
)

// BenchmarkUpdateOfManyAfterOne gives 2,000 supplies a new version in one
// statement on a connection that gave one supply a new version before, as a
// coordinate file's import does on a pooled connection an edit used. The
// history trigger's plan, made for the one row and kept by the connection,
// once joined the 2,000 rows to the rows they replaced each with every
// other: 79 s. Migration 0047 plans the statement each time.
func BenchmarkUpdateOfManyAfterOne(b *testing.B) {
	st := sqltest.Store(b)
	ctx := context.Background()
	conn, err := st.Pool().Acquire(ctx)
	if err != nil {
		b.Fatal(err)
	}
	defer conn.Release()
	exec := func(q string) {
		b.Helper()
		if _, err := conn.Exec(ctx, q); err != nil {
			b.Fatalf("%s: %v", q, err)
		}
	}
	exec(`INSERT INTO supply (e_number, kind, method, region_code, area_ha, land_use_original, land_use_code, updated_by)
		SELECT '1306262018B' || lpad(i::text, 5, '0'), 'transfer', 'auction', '130626', 1, '住宅用地', '0701', 'bench'
		FROM generate_series(1, 2000) i`)
	exec(`UPDATE supply SET version = version + 1 WHERE id = (SELECT min(id) FROM supply)`)
	for b.Loop() {
		exec(`UPDATE supply SET version = version + 1, updated_at = now(), updated_by = 'bench'`)
	}
}
