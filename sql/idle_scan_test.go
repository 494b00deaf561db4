package sql_test

import (
	"context"
	"testing"

	"landwatch/land"
	"landwatch/sql/sqltest"
)

func TestTheIdleScanOpensOneFindingAndClosesItWhenBuildingStarts(t *testing.T) {
	st := sqltest.Store(t)
	ctx := context.Background()
	idle := sqltest.NewSupply("1306262018B00750") // agreed start 2019-12-21, nothing recorded
	idle.Events = []land.Event{{Kind: land.EventDelivery, OccurredOn: land.NewDate(2019, 1, 20)}}
	busy := sqltest.NewSupply("1306262018B00751")
	busy.Parcels[0].Geometry = sqltest.Square(4348500, 393000, 100, 20)
	busy.Events = []land.Event{
		{Kind: land.EventDelivery, OccurredOn: land.NewDate(2019, 1, 20)},
		{Kind: land.EventStart, OccurredOn: land.NewDate(2019, 11, 1)},
	}
	for _, s := range []*land.Supply{idle, busy} {
		if _, err := st.CreateSupply(ctx, land.SystemScope("clerk"), s); err != nil {
			t.Fatal(err)
		}
	}
	asOf := land.NewDate(2022, 6, 30)
	res, err := st.ScanIdle(ctx, land.SystemScope("scan"), land.DefaultIdleRule(), asOf, true, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Supplies != 2 || res.Suspected != 1 || res.New != 1 {
		t.Fatalf("first scan: %+v, want 2 assessed, 1 suspected, 1 new", res)
	}
	if res, err = st.ScanIdle(ctx, land.SystemScope("scan"), land.DefaultIdleRule(), asOf, true, nil); err != nil || res.New != 0 || res.Closed != 0 {
		t.Fatalf("second scan: %+v %v, want nothing new and nothing closed", res, err)
	}
	found, total, _, err := st.ListFindings(ctx, land.SystemScope("test"), sqlFindings("suspected_idle", "open"))
	if err != nil || total != 1 || *found[0].SupplyID != idle.ID || found[0].Grade != land.IdleGradeRecovery {
		t.Fatalf("open idle findings: %d %+v %v; want one of grade recovery (over two years)", total, found, err)
	}

	if _, _, err := st.AddEvent(ctx, land.SystemScope("inspector"), idle.ENumber, land.Event{Kind: land.EventStart, OccurredOn: land.NewDate(2022, 7, 1)}); err != nil {
		t.Fatal(err)
	}
	res, err = st.ScanIdle(ctx, land.SystemScope("scan"), land.DefaultIdleRule(), land.NewDate(2022, 7, 2), true, nil)
	if err != nil || res.Suspected != 0 || res.Closed != 1 {
		t.Fatalf("scan after the start: %+v %v, want the finding closed", res, err)
	}
	closed, _, _, err := st.ListFindings(ctx, land.SystemScope("test"), sqlFindings("suspected_idle", "closed"))
	if err != nil || len(closed) != 1 || closed[0].ClosedReason == "" {
		t.Errorf("closed findings: %+v %v, want one with its reason", closed, err)
	}

	t.Run("a look back at another day records nothing", func(t *testing.T) {
		res, err := st.ScanIdle(ctx, land.SystemScope("scan"), land.DefaultIdleRule(), land.NewDate(2021, 6, 30), false, nil)
		if err != nil || res.Suspected != 1 || res.New != 0 || res.Closed != 0 {
			t.Errorf("look back: %+v %v", res, err)
		}
	})
}
