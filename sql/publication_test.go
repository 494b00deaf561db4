package sql_test

import (
	"context"
	"slices"
	"testing"

	"landwatch/sql/sqltest"
)

// What is published is a copy of supply rows made by a trigger: a column
// added to supply must be added to published_supply in the same
// migration, or every approval fails.
func TestPublishedSuppliesHaveTheColumnsOfSupplies(t *testing.T) {
	st := sqltest.Store(t)
	columns := func(table string) []string {
		t.Helper()
		rows, err := st.Pool().Query(context.Background(), `SELECT column_name || ' ' || data_type FROM information_schema.columns
			WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position`, table)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var out []string
		for rows.Next() {
			var c string
			if err := rows.Scan(&c); err != nil {
				t.Fatal(err)
			}
			out = append(out, c)
		}
		return out
	}
	if s, p := columns("supply"), columns("published_supply"); len(s) == 0 || !slices.Equal(s, p) {
		t.Errorf("supply has %v\npublished_supply has %v", s, p)
	}
}
