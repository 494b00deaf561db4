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
	sup, owed := owingSupply(t, st, "1306262018B00110")

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

// owingSupply creates a supply, which owes its overlap checks, and returns
// it with how many checks it owes now.
func owingSupply(t *testing.T, st *sql.Store, number string) (*land.Supply, func() int) {
	t.Helper()
	ctx := context.Background()
	sup := sqltest.NewSupply(number)
	if _, err := st.CreateSupply(ctx, land.SystemScope("clerk"), sup); err != nil {
		t.Fatal(err)
	}
	owed := func() (n int) {
		t.Helper()
		if err := st.Pool().QueryRow(ctx, `SELECT count(*) FROM pending_check WHERE supply_id = $1`, sup.ID).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if owed() == 0 {
		t.Fatal("the new supply owes no check")
	}
	return sup, owed
}

// A check beside the catch-up (the one after a write) claims what its
// supplies owe as of its own snapshot, taken before the catch-up starts, and
// measures only once the catch-up is done: a check owed by a write the
// catch-up may not have brought in stays owed, and a catch-up that fails
// leaves every check owed.
func TestACheckBesideTheCatchUpClaimsWhatItsSnapshotShowsAndWaitsForIt(t *testing.T) {
	st := sqltest.Store(t)
	ctx := context.Background()
	db := st.Pool()
	sup, owed := owingSupply(t, st, "1306262018B00111")
	before := owed()
	measured := func([]int64) []sql.ParcelOverlap {
		t.Fatal("measured although the catch-up failed")
		return nil
	}
	failed := func(context.Context) error {
		return &land.Error{Code: land.CodeUnavailable, Message: "the index could not catch up"}
	}
	if _, err := st.SettleChecks(ctx, land.SystemScope("clerk"), "test", "", []int64{sup.ID}, 1<<30, failed, measured); err == nil {
		t.Fatal("a failed catch-up settled the checks")
	}
	if n := owed(); n != before {
		t.Fatalf("after a failed catch-up %d checks are owed, want the %d owed before", n, before)
	}

	// The catch-up takes its time, and meanwhile another write owes the
	// supply a check again.
	caughtUp := false
	catchUp := func(ctx context.Context) error {
		if _, err := db.Exec(ctx, `INSERT INTO pending_check (parcel_id, supply_id) SELECT id, supply_id FROM parcel WHERE supply_id = $1`, sup.ID); err != nil {
			return err
		}
		time.Sleep(50 * time.Millisecond)
		caughtUp = true
		return nil
	}
	res, err := st.SettleChecks(ctx, land.SystemScope("clerk"), "test", "", []int64{sup.ID}, 1<<30, catchUp,
		func([]int64) []sql.ParcelOverlap {
			if !caughtUp {
				t.Error("measured before the catch-up was done")
			}
			return nil
		})
	if err != nil {
		t.Fatal(err)
	}
	if res.Claimed != before {
		t.Errorf("claimed %d checks, want the %d owed when the check began", res.Claimed, before)
	}
	if n := owed(); n != len(sup.Parcels) {
		t.Errorf("%d checks are owed after, want the %d of the write made during the catch-up", n, len(sup.Parcels))
	}
}

// An overlap measured from both sides (both parcels were checked) is one
// finding, with the figures of the side measured first.
func TestAnOverlapMeasuredFromBothSidesIsOneFinding(t *testing.T) {
	st := sqltest.Store(t)
	ctx := context.Background()
	a, b := sqltest.NewSupply("1306262018B00112"), sqltest.NewSupply("1306262018B00113")
	for _, s := range []*land.Supply{a, b} {
		if _, err := st.CreateSupply(ctx, land.SystemScope("clerk"), s); err != nil {
			t.Fatal(err)
		}
	}
	pa, pb := a.Parcels[0].ID, b.Parcels[0].ID
	ab := sql.ParcelOverlap{ParcelA: pa, ParcelB: pb, SupplyA: a.ID, SupplyB: b.ID, AreaM2: 2000, ShareA: 0.25, ShareB: 1}
	ba := sql.ParcelOverlap{ParcelA: pb, ParcelB: pa, SupplyA: b.ID, SupplyB: a.ID, AreaM2: 2000, ShareA: 1, ShareB: 0.25}
	ids, created, err := st.RecordOverlaps(ctx, land.SystemScope("clerk"), "test", []sql.ParcelOverlap{ab, ba})
	if err != nil {
		t.Fatal(err)
	}
	if len(ids) != 2 || ids[0] == 0 || ids[0] != ids[1] || created != 1 {
		t.Fatalf("ids %v, %d new; want one new finding for both", ids, created)
	}
	var parcel int64
	var shareA float64
	if err := st.Pool().QueryRow(ctx, `SELECT parcel_id, (figures->>'share_a')::float8 FROM finding WHERE id = $1`, ids[0]).
		Scan(&parcel, &shareA); err != nil {
		t.Fatal(err)
	}
	if parcel != pa || shareA != 0.25 {
		t.Errorf("the finding has parcel %d and share_a %v, want %d and 0.25 (the side measured first)", parcel, shareA, pa)
	}
	// Written again, it is the same finding, no longer new.
	again, created, err := st.RecordOverlaps(ctx, land.SystemScope("clerk"), "test", []sql.ParcelOverlap{ba})
	if err != nil || len(again) != 1 || again[0] != ids[0] || created != 0 {
		t.Errorf("written again: %v, %d new, %v; want finding %d, none new", again, created, err, ids[0])
	}
}
