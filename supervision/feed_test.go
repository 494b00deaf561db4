package supervision_test

import (
	"context"
	"fmt"
	"math"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/paulmach/orb"

	"landwatch/land"
	"landwatch/spatial"
	"landwatch/sql"
	"landwatch/sql/sqltest"
	"landwatch/supervision"
)

// grid returns n disjoint 100 m squares, 120 m apart, rows of 200, north of
// row0 rows.
func grid(n, row0 int) []orb.MultiPolygon {
	out := make([]orb.MultiPolygon, n)
	for i := range out {
		r, c := row0+i/200, i%200
		out[i] = sqltest.Square(4300000+float64(r)*120, 393000+float64(c)*120, 100, 0)
	}
	return out
}

// assertIndexEqualsPostGIS compares the parcels of the index with those of
// PostGIS one by one: the same ids, the same boxes.
func assertIndexEqualsPostGIS(t *testing.T, st *sql.Store, e *supervision.Engine) {
	t.Helper()
	ctx := context.Background()
	rows, err := st.Pool().Query(ctx, `SELECT id, ST_XMin(geom), ST_YMin(geom), ST_XMax(geom), ST_YMax(geom) FROM parcel ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	snap := e.Index().Snapshot()
	n, wrong := 0, 0
	for rows.Next() {
		var id int64
		var b orb.Bound
		if err := rows.Scan(&id, &b.Min[0], &b.Min[1], &b.Max[0], &b.Max[1]); err != nil {
			t.Fatal(err)
		}
		n++
		s, ok := snap.Get(spatial.KindSupplyParcel, id)
		if !ok || !nearBound(s.Shape.Bound, b) {
			if wrong++; wrong <= 5 {
				t.Errorf("parcel %d: in the index %v (found %v), in PostGIS %v", id, boundOf(s), ok, b)
			}
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if snap.Len() != n || wrong > 0 {
		t.Fatalf("the index holds %d subjects, PostGIS %d parcels; %d differ", snap.Len(), n, wrong)
	}
}

func boundOf(s *spatial.Subject) orb.Bound {
	if s == nil {
		return orb.Bound{}
	}
	return s.Shape.Bound
}

func nearBound(a, b orb.Bound) bool {
	for _, d := range []float64{a.Min[0] - b.Min[0], a.Min[1] - b.Min[1], a.Max[0] - b.Max[0], a.Max[1] - b.Max[1]} {
		if math.Abs(d) > 1e-9 {
			return false
		}
	}
	return true
}

func TestTheIndexEqualsPostGISAfterABigTransactionBesideSmallAndRolledBackOnes(t *testing.T) {
	st := sqltest.Store(t)
	ctx := context.Background()
	e := startEngine(t, st)

	// A big import that will be rolled back, holding its feed rows open
	// while everything else commits.
	doomed, err := pgx.Connect(ctx, st.Pool().Config().ConnString())
	if err != nil {
		t.Fatal(err)
	}
	defer doomed.Close(ctx)
	first := sqltest.NewSupply("1306262018B00001")
	if _, err := st.CreateSupply(ctx, land.SystemScope("clerk"), first); err != nil {
		t.Fatal(err)
	}
	tx, err := doomed.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	_, err = tx.Exec(ctx, `INSERT INTO parcel (supply_id, geom, plane_area_m2, gk_epsg, updated_by)
		SELECT supply_id, ST_Translate(geom, 0.01 * g, 0.01), plane_area_m2, gk_epsg, 'dry run'
		FROM parcel, generate_series(1, 10000) g WHERE supply_id = $1`, first.ID)
	if err != nil {
		t.Fatal(err)
	}

	// Small writes commit while the big import runs, and after it.
	stop := make(chan struct{})
	var wg sync.WaitGroup
	var small int
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; ; i++ {
			select {
			case <-stop:
				small = i
				return
			default:
			}
			sup := sqltest.NewSupply(fmt.Sprintf("1306262018B1%04d", i))
			sup.Parcels[0].Geometry = sqltest.Square(4200000+float64(i)*150, 393000, 100, 0)
			if _, err := st.CreateSupply(ctx, land.SystemScope("clerk"), sup); err != nil {
				t.Error(err)
				return
			}
			if err := e.CatchUp(ctx); err != nil {
				t.Error(err)
				return
			}
		}
	}()
	if _, err := st.LoadFabric(ctx, "130626", grid(30000, 0)); err != nil {
		t.Fatal(err)
	}
	committed := time.Now()
	if err := e.CatchUp(ctx); err != nil {
		t.Fatal(err)
	}
	t.Logf("30,000 parcels committed in one transaction reached the index %s after the commit", time.Since(committed).Round(time.Millisecond))
	close(stop)
	wg.Wait()
	if err := tx.Rollback(ctx); err != nil {
		t.Fatal(err)
	}
	if err := e.CatchUp(ctx); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d small writes committed beside it", small)
	assertIndexEqualsPostGIS(t, st, e)
}

func TestAParcelWrittenWithPlainSQLGetsItsOverlapFindingFromTheFeed(t *testing.T) {
	st := sqltest.Store(t)
	ctx := context.Background()
	createSquares(t, st, 100, 2)
	e := startEngine(t, st)
	analyst, err := pgx.Connect(ctx, st.Pool().Config().ConnString())
	if err != nil {
		t.Fatal(err)
	}
	defer analyst.Close(ctx)
	openOverlaps := func() (n int) {
		if err := st.Pool().QueryRow(ctx, `SELECT count(*) FROM finding WHERE kind = 'overlap' AND status = 'open'`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	owed := func() (n int) {
		if err := st.Pool().QueryRow(ctx, `SELECT count(*) FROM pending_check`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	eventually(t, 20*time.Second, "the checks owed by the fixtures settled", func() bool { return owed() == 0 })

	// The second supply gains a copy of the first one's parcel, shifted.
	_, err = analyst.Exec(ctx, `INSERT INTO parcel (supply_id, geom, plane_area_m2, gk_epsg, updated_by)
		SELECT (SELECT max(id) FROM supply), ST_Translate(geom, 0.0002, 0), plane_area_m2, gk_epsg, 'qgis'
		FROM parcel ORDER BY id LIMIT 1`)
	if err != nil {
		t.Fatal(err)
	}
	written := time.Now()
	eventually(t, 10*time.Second, "an overlap finding of a parcel written with SQL", func() bool { return openOverlaps() == 1 })
	t.Logf("finding recorded %s after the commit", time.Since(written).Round(time.Millisecond))
	eventually(t, 10*time.Second, "no check owed", func() bool { return owed() == 0 })
	eventually(t, 10*time.Second, "the overlap area drawn", func() bool { return len(e.OverlapAreasIn(spatial.Everywhere())) == 1 })

	// Moved away with SQL, the overlap closes.
	if _, err := analyst.Exec(ctx, `UPDATE parcel SET geom = ST_Translate(geom, 0.1, 0) WHERE updated_by = 'qgis'`); err != nil {
		t.Fatal(err)
	}
	eventually(t, 10*time.Second, "the finding closed", func() bool { return openOverlaps() == 0 })
	eventually(t, 10*time.Second, "the overlap area gone", func() bool { return len(e.OverlapAreasIn(spatial.Everywhere())) == 0 })

	t.Run("an in-line check settles what its write owes", func(t *testing.T) {
		sup := sqltest.NewSupply("1306262018B00109")
		sup.Parcels[0].Geometry = sqltest.Square(4348000, 393000+100*200+10, 100, 0) // over the first square
		if _, err := st.CreateSupply(ctx, land.SystemScope("clerk"), sup); err != nil {
			t.Fatal(err)
		}
		over, err := e.CheckSupplies(ctx, land.SystemScope("clerk"), sup.ID)
		if err != nil || len(over) != 1 {
			t.Fatalf("in-line check: %+v %v, want one overlap", over, err)
		}
		var n int
		if err := st.Pool().QueryRow(ctx, `SELECT count(*) FROM pending_check WHERE supply_id = $1`, sup.ID).Scan(&n); err != nil || n != 0 {
			t.Errorf("%d checks still owed by the supply checked in line (%v), want 0", n, err)
		}
		// Recording the finding was a write of its own.
		if err := e.CatchUp(ctx); err != nil {
			t.Fatal(err)
		}
		status, err := e.Status(ctx)
		if err != nil || status.Behind != 0 || status.PendingChecks != 0 {
			t.Errorf("status %+v %v: want nothing behind or owed", status, err)
		}
	})
}
