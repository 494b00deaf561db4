package sql_test

import (
	"context"
	"testing"
	"time"

	"landwatch/land"
	"landwatch/sql"
	"landwatch/sql/sqltest"
)

// A check of named supplies (the one after a write) must leave nothing its
// supplies owe. When one of the engine's rounds holds a check of theirs, it
// waits for that round: settled if the round commits, claimed itself if the
// round rolls back. Skipping it returned with the check still owed.
func TestACheckOfNamedSuppliesWaitsForTheRoundThatHoldsTheirCheck(t *testing.T) {
	st := sqltest.Store(t)
	ctx := context.Background()
	db := st.Pool()
	sup := sqltest.NewSupply("1306262018B00110")
	if _, err := st.CreateSupply(ctx, land.SystemScope("clerk"), sup); err != nil {
		t.Fatal(err)
	}
	owed := func() (n int) {
		t.Helper()
		if err := db.QueryRow(ctx, `SELECT count(*) FROM pending_check WHERE supply_id = $1`, sup.ID).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if owed() == 0 {
		t.Fatal("the new supply owes no check")
	}

	for _, roundCommits := range []bool{true, false} {
		// The round: the supply's checks claimed in a transaction still open.
		round, err := db.Begin(ctx)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = round.Rollback(ctx) }) // a failed test leaves no lock behind
		if _, err := round.Exec(ctx, `DELETE FROM pending_check WHERE supply_id = $1`, sup.ID); err != nil {
			t.Fatal(err)
		}
		var snapshot sql.FeedSnapshot
		if err := db.QueryRow(ctx, `SELECT pg_current_snapshot()::text`).Scan(&snapshot); err != nil {
			t.Fatal(err)
		}
		type settled struct {
			res sql.SettledChecks
			err error
		}
		done := make(chan settled, 1)
		go func() {
			res, err := st.SettleChecks(ctx, land.SystemScope("clerk"), "test", snapshot, []int64{sup.ID}, 1<<30, nil,
				func([]int64) []sql.ParcelOverlap { return nil })
			done <- settled{res, err}
		}()
		// The check must wait on the round's lock, not return past it.
		waiting := false
		for deadline := time.Now().Add(10 * time.Second); !waiting && time.Now().Before(deadline); {
			select {
			case s := <-done:
				t.Fatalf("round commits %v: the check returned (%+v, %v) while a round held its supply's check", roundCommits, s.res, s.err)
			case <-time.After(10 * time.Millisecond):
			}
			if err := db.QueryRow(ctx, `SELECT count(*) > 0 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`).Scan(&waiting); err != nil {
				t.Fatal(err)
			}
		}
		if !waiting {
			t.Fatalf("round commits %v: the check neither returned nor waited on a lock", roundCommits)
		}
		end, want := round.Commit, 0
		if !roundCommits {
			end, want = round.Rollback, 1
		}
		if err := end(ctx); err != nil {
			t.Fatal(err)
		}
		s := <-done
		if s.err != nil || s.res.Claimed != want || len(s.res.Supplies) != 1 {
			t.Errorf("round commits %v: the check claimed %d of its supply's checks and checked supplies %v (%v); want %d and the supply",
				roundCommits, s.res.Claimed, s.res.Supplies, s.err, want)
		}
		if n := owed(); n != 0 {
			t.Errorf("round commits %v: %d checks still owed after the check, want 0", roundCommits, n)
		}
		// Owed again for the round that rolls back.
		if _, err := db.Exec(ctx, `UPDATE parcel SET updated_by = 'again' WHERE supply_id = $1`, sup.ID); err != nil {
			t.Fatal(err)
		}
	}
}
