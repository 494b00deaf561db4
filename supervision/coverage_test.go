package supervision_test

import (
	"context"
	"math"
	"testing"
	"time"

	"landwatch/land"
	"landwatch/sql/sqltest"
)

func TestFootprintsAreEvidence(t *testing.T) {
	st := sqltest.Store(t)
	ctx := context.Background()
	sup := sqltest.NewSupply("1306262018B00770") // a 100 m square with a 20 m hole, agreed start 2019-12-21
	if _, err := st.CreateSupply(ctx, land.SystemScope("clerk"), sup); err != nil {
		t.Fatal(err)
	}
	e := startEngine(t, st)
	asOf := land.DateOf(time.Now())

	res, err := e.ScanIdle(ctx, land.SystemScope("scan"), land.DefaultIdleRule(), asOf, true)
	if err != nil || res.Suspected != 1 || res.Inconsistent != 0 {
		t.Fatalf("without footprints: %+v %v; want suspected idle and no inconsistency", res, err)
	}
	if cov := e.Coverage(func(int64) land.Date { return land.Date{} }); cov != nil {
		t.Errorf("coverage without a footprint layer = %v, want nil", cov)
	}

	// A building over the west 80 m of the parcel (the hole lies inside it),
	// seen in 2021, and an old one seen before the agreed start.
	footprint := func(eastOff, w float64, seen land.Date) land.Footprint {
		return land.Footprint{Geometry: sqltest.Rect(4348000, 393000+eastOff, 100, w), Source: "imagery", ObservedOn: seen}
	}
	fps := []land.Footprint{footprint(0, 80, land.NewDate(2021, 5, 1)), footprint(80, 20, land.NewDate(2018, 5, 1))}
	if n, err := st.ImportFootprints(ctx, land.SystemScope("import"), fps); err != nil || n != 2 {
		t.Fatalf("import: %d %v", n, err)
	}
	if err := e.CatchUp(ctx); err != nil {
		t.Fatal(err)
	}
	starts := map[int64]land.Date{sup.ID: sup.AgreedStart}
	cov := e.Coverage(func(id int64) land.Date { return starts[id] })
	// 80 m × 100 m less the 20 m × 20 m hole, over 9,600 m².
	want := (8000.0 - 400) / 9600
	if math.Abs(cov[sup.ID]-want) > 1e-6 {
		t.Errorf("coverage after the agreed start = %.6f, want %.6f (the footprint seen before it does not count)", cov[sup.ID], want)
	}

	res, err = e.ScanIdle(ctx, land.SystemScope("scan"), land.DefaultIdleRule(), asOf, true)
	if err != nil || res.Inconsistent != 1 || res.InconsistentNew != 1 {
		t.Fatalf("with footprints: %+v %v; want one inconsistency", res, err)
	}
	for _, ev := range []land.Event{{Kind: land.EventDelivery, OccurredOn: land.NewDate(2019, 1, 20)}, {Kind: land.EventStart, OccurredOn: land.NewDate(2021, 3, 1)}} {
		if _, _, err := st.AddEvent(ctx, land.SystemScope("inspector"), sup.ENumber, ev); err != nil {
			t.Fatal(err)
		}
	}
	res, err = e.ScanIdle(ctx, land.SystemScope("scan"), land.DefaultIdleRule(), asOf, true)
	if err != nil || res.Inconsistent != 0 || res.InconsistentClosed != 1 {
		t.Errorf("after the start was recorded: %+v %v; want the inconsistency closed", res, err)
	}
}
