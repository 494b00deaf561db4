package supervision_test

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"landwatch/sql/sqltest"
	"landwatch/supervision"
)

func TestPruningDeletesWhatEveryReaderReadAndAReaderLeftBehindLoadsAnew(t *testing.T) {
	st := sqltest.Store(t)
	ctx := context.Background()
	write := func(from, n int) { createSquares(t, st, 200+from, n) }
	count := func(query string) (n int) {
		t.Helper()
		if err := st.Pool().QueryRow(ctx, query).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	write(0, 3)
	a := startEngine(t, st)
	var reloads atomic.Int32
	b := supervision.NewEngine(st, supervision.EngineOptions{Instance: "b", OnReload: func() { reloads.Add(1) }})
	bctx, stopB := context.WithCancel(ctx)
	bDone := make(chan error, 1)
	go func() { bDone <- b.Run(bctx) }()
	eventually(t, 10*time.Second, "b ready", func() bool { return b.Ready() == nil })
	write(3, 3)
	// Both read past the writes (and past the checks they owed).
	eventually(t, 20*time.Second, "the checks settled", func() bool { return count(`SELECT count(*) FROM pending_check`) == 0 })
	before := count(`SELECT count(*) FROM change_log`)
	// A reader's position is the oldest transaction running anywhere in
	// the cluster when it read (other tests' imports included): it passes
	// the writes once those have ended.
	pruned := func(engines ...*supervision.Engine) func() bool {
		return func() bool {
			for _, e := range engines {
				if err := e.CatchUp(ctx); err != nil {
					t.Fatal(err)
				}
			}
			n, err := a.PruneFeed(ctx)
			if err != nil {
				t.Fatal(err)
			}
			return n > 0
		}
	}
	eventually(t, 20*time.Second, fmt.Sprintf("some of %d changes pruned", before), pruned(a, b))
	if left := count(`SELECT count(*) FROM change_log WHERE txid < (SELECT min(position) FROM feed_reader)`); left != 0 {
		t.Errorf("%d changes read by every reader left after pruning", left)
	}

	t.Run("a reader left behind what was pruned loads anew and equals PostGIS", func(t *testing.T) {
		stopB()
		if err := <-bDone; err != nil {
			t.Fatal(err)
		}
		write(6, 3)
		if _, err := st.Pool().Exec(ctx, `DELETE FROM parcel WHERE id = (SELECT min(id) FROM parcel)`); err != nil {
			t.Fatal(err)
		}
		// b has been silent for longer than the retention.
		if _, err := st.Pool().Exec(ctx, `UPDATE feed_reader SET seen_at = now() - interval '2 hours' WHERE instance = 'b'`); err != nil {
			t.Fatal(err)
		}
		eventually(t, 20*time.Second, "the checks settled", func() bool { return count(`SELECT count(*) FROM pending_check`) == 0 })
		eventually(t, 20*time.Second, "the changes b had not read pruned", pruned(a))
		was := reloads.Load()
		if err := b.CatchUp(ctx); err != nil {
			t.Fatal(err)
		}
		if reloads.Load() != was+1 {
			t.Errorf("b reloaded %d times, want once", reloads.Load()-was)
		}
		assertIndexEqualsPostGIS(t, st, b)
		assertIndexEqualsPostGIS(t, st, a)
	})
}
