package sql_test

import (
	"context"
	"strings"
	"testing"

	"landwatch/sql/sqltest"
)

// The change feed's round after a province's first load names a million
// parcels. PostgreSQL hashes the ids of IN (SELECT unnest(…)) only when the
// table fits in its hashing memory; past that it compares every parcel
// with every id, and the round ran for hours. With the room the round
// makes for its ids, the plan hashes them.
func TestTheFeedsReadOfManyIDsHashesThem(t *testing.T) {
	st := sqltest.Store(t)
	ctx := context.Background()
	ids := make([]int64, 600_000) // past the 4 MB default's ~100,000
	for i := range ids {
		ids[i] = int64(i + 1)
	}
	for _, room := range []bool{false, true} {
		plan, err := st.ChangedParcelsPlan(ctx, ids, ids[:1000], room)
		if err != nil {
			t.Fatal(err)
		}
		hashed := strings.Count(plan, "hashed SubPlan")
		if room && hashed < 2 {
			t.Errorf("with room for %d ids the parcels' filter hashes %d of its two lists:\n%s", len(ids), hashed, plan)
		}
		if !room && hashed == 2 {
			t.Logf("without room the lists are hashed too: this PostgreSQL's default work_mem is larger; the test proves less")
		}
	}
}
