package sql_test

import (
	"context"
	"testing"

	"landwatch/sql/sqltest"
)

func TestTheSeededDivisionsSayWhichGBT2260Lacks(t *testing.T) {
	st := sqltest.Store(t)
	for _, tt := range []struct{ code, source string }{
		{"660000", "inferred"},  // 新疆生产建设兵团, from supplement.csv
		{"659001", "GB/T 2260"}, // 石河子市
	} {
		var source string
		if err := st.Pool().QueryRow(context.Background(), `SELECT source FROM region WHERE code = $1`, tt.code).Scan(&source); err != nil {
			t.Fatalf("region %s: %v", tt.code, err)
		}
		if source != tt.source {
			t.Errorf("region %s has source %q, want %q", tt.code, source, tt.source)
		}
	}
}
