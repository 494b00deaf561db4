package supervision_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"landwatch/land"
	"landwatch/spatial"
	"landwatch/sql"
	"landwatch/sql/sqltest"
	"landwatch/supervision"
)

// eventually polls cond every 10 ms until it holds or within passes.
func eventually(t *testing.T, within time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(within)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("%s: not within %s", what, within)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func startEngine(t *testing.T, st *sql.Store) *supervision.Engine {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	e := supervision.NewEngine(st, supervision.EngineOptions{})
	done := make(chan error, 1)
	go func() { done <- e.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("engine: %v", err)
		}
	})
	eventually(t, 10*time.Second, "engine ready", func() bool { return e.Ready() == nil })
	return e
}

// createSquares creates n supplies numbered from first, each with a 100 m
// square 200 m east of the one before.
func createSquares(t *testing.T, st *sql.Store, first, n int) {
	t.Helper()
	for i := first; i < first+n; i++ {
		sup := sqltest.NewSupply(fmt.Sprintf("1306262018B%05d", i))
		sup.Parcels[0].Geometry = sqltest.Square(4348000, 393000+float64(i)*200, 100, 0)
		if _, err := st.CreateSupply(context.Background(), land.SystemScope("clerk"), sup); err != nil {
			t.Fatal(err)
		}
	}
}

func TestEngineFollowsEditsMadeWithPlainSQL(t *testing.T) {
	st := sqltest.Store(t)
	ctx := context.Background()
	createSquares(t, st, 740, 3)
	e := startEngine(t, st)
	if n := e.Index().Len(); n != 3 {
		t.Fatalf("index holds %d subjects after loading, want 3", n)
	}

	// A GIS analyst's own connection, as QGIS would hold it.
	analyst, err := pgx.Connect(ctx, st.Pool().Config().ConnString())
	if err != nil {
		t.Fatal(err)
	}
	defer analyst.Close(ctx)
	var id int64
	err = analyst.QueryRow(ctx, `INSERT INTO parcel (supply_id, geom, plane_area_m2, gk_epsg, updated_by)
		SELECT supply_id, ST_Translate(geom, 0.0005, 0), plane_area_m2, gk_epsg, 'qgis' FROM parcel ORDER BY id LIMIT 1
		RETURNING id`).Scan(&id)
	if err != nil {
		t.Fatal(err)
	}
	eventually(t, 10*time.Second, "a parcel inserted with SQL in the index", func() bool {
		_, ok := e.Index().Get(spatial.KindSupplyParcel, id)
		return ok
	})
	sub, _ := e.Index().Get(spatial.KindSupplyParcel, id)
	over := e.Index().OverlapsOf(sub.Shape, func(s *spatial.Subject) bool { return s.ID == id }, spatial.DefaultOverlapRule())
	if len(over) != 1 {
		t.Errorf("the shifted copy overlaps %d parcels, want 1 (%+v)", len(over), over)
	}

	if _, err := analyst.Exec(ctx, `UPDATE supply SET stage = 'reclaimed' WHERE id = $1`, sub.SupplyID); err != nil {
		t.Fatal(err)
	}
	eventually(t, 10*time.Second, "a supply's stage changed with SQL in the index", func() bool {
		s, ok := e.Index().Get(spatial.KindSupplyParcel, id)
		return ok && s.Meta.Stage == "reclaimed" && !s.Live
	})

	if _, err := analyst.Exec(ctx, `DELETE FROM parcel WHERE id = $1`, id); err != nil {
		t.Fatal(err)
	}
	eventually(t, 10*time.Second, "a parcel deleted with SQL gone from the index", func() bool {
		_, ok := e.Index().Get(spatial.KindSupplyParcel, id)
		return !ok
	})

	t.Run("a dropped feed connection makes it stale until it has caught up", func(t *testing.T) {
		schema := ""
		if err := analyst.QueryRow(ctx, `SELECT current_schema()`).Scan(&schema); err != nil {
			t.Fatal(err)
		}
		var killed int
		err := analyst.QueryRow(ctx, `SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
			WHERE query = 'LISTEN "landwatch_' || $1::text || '"'`, schema).Scan(&killed)
		if err != nil || killed != 1 {
			t.Fatalf("terminated %d listening connections (%v), want 1", killed, err)
		}
		eventually(t, 10*time.Second, "stale after the connection dropped", func() bool { return e.Ready() != nil })
		if _, err := analyst.Exec(ctx, `DELETE FROM parcel WHERE id = (SELECT min(id) FROM parcel)`); err != nil {
			t.Fatal(err)
		}
		eventually(t, 10*time.Second, "ready again", func() bool { return e.Ready() == nil })
		eventually(t, 10*time.Second, "the change made while away applied", func() bool { return e.Index().Len() == 2 })
	})
}
