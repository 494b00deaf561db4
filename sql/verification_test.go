package sql_test

import (
	"context"
	"testing"
	"time"

	"landwatch/land"
	"landwatch/sql"
	"landwatch/sql/sqltest"
)

// What a field team sees feeds the idle rule: the shares it measures, and
// a start it sees, are recorded on the supply with the verification as
// their source, and the next scan weighs them.
func TestAVerificationFeedsTheIdleRule(t *testing.T) {
	st := sqltest.Store(t)
	ctx := context.Background()
	delivered := land.Event{Kind: land.EventDelivery, OccurredOn: land.NewDate(2019, 1, 20)}
	halted := sqltest.NewSupply("1306262018B00770") // started, halted, never reported
	halted.Events = []land.Event{delivered, {Kind: land.EventStart, OccurredOn: land.NewDate(2019, 11, 1)},
		{Kind: land.EventHalt, OccurredOn: land.NewDate(2020, 3, 1)}}
	unstarted := sqltest.NewSupply("1306262018B00771") // agreed start 2019-12-21
	unstarted.Parcels[0].Geometry = sqltest.Square(4348500, 393000, 100, 20)
	unstarted.Events = []land.Event{delivered}
	for _, s := range []*land.Supply{halted, unstarted} {
		if _, err := st.CreateSupply(ctx, land.SystemScope("clerk"), s); err != nil {
			t.Fatal(err)
		}
	}
	asOf := land.NewDate(2021, 3, 5)
	scan := func() sql.IdleScanResult {
		t.Helper()
		res, err := st.ScanIdle(ctx, land.SystemScope("scan"), land.DefaultIdleRule(), asOf, true, nil)
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	if res := scan(); res.Suspected != 2 {
		t.Fatalf("first scan %+v: want both suspected, the halted land a full year halted without any report", res)
	}
	findings, _, _, err := st.ListFindings(ctx, land.SystemScope("test"), sqlFindings("suspected_idle", "open"))
	if err != nil || len(findings) != 2 {
		t.Fatalf("findings %+v %v", findings, err)
	}
	findingOf := map[int64]int64{}
	for _, f := range findings {
		findingOf[*f.SupplyID] = f.ID
	}
	observed := time.Date(2021, 3, 5, 7, 30, 0, 0, time.FixedZone("CST", 8*3600))
	verify := func(s *land.Supply, verdict string, developed, invested *float64) {
		t.Helper()
		corner := s.Parcels[0].Geometry[0][0][0]
		v := &sql.Verification{FindingID: findingOf[s.ID], Lon: corner[0], Lat: corner[1], AccuracyM: 5, ObservedAt: observed,
			Verdict: verdict, DevelopedShare: developed, InvestedShare: invested}
		if err := st.AddVerification(ctx, land.SystemScope("inspector"), v); err != nil {
			t.Fatal(err)
		}
		got, err := st.GetSupply(ctx, land.SystemScope("test"), s.ENumber)
		if err != nil {
			t.Fatal(err)
		}
		last := got.Events[len(got.Events)-1]
		if last.VerificationID == nil || *last.VerificationID != v.ID || last.OccurredOn != land.NewDate(2021, 3, 5) {
			t.Errorf("last event %+v, want one on 2021-03-05 (Beijing) from verification %d", last, v.ID)
		}
	}
	half, forty := 0.5, 0.4
	t.Run("shares measured on site above the thresholds clear halted land", func(t *testing.T) {
		verify(halted, land.VerdictMeasured, &half, &forty)
		if res := scan(); res.Suspected != 1 || res.Closed != 1 {
			t.Errorf("scan after the measurement %+v, want the halted land cleared", res)
		}
	})
	t.Run("a started verdict records the start, and the land is no longer suspected", func(t *testing.T) {
		verify(unstarted, land.VerdictStarted, nil, nil)
		got, _ := st.GetSupply(ctx, land.SystemScope("test"), unstarted.ENumber)
		if got.Stage != land.StageConstruction {
			t.Errorf("stage %s, want under construction after the start seen on site", got.Stage)
		}
		if res := scan(); res.Suspected != 0 || res.Closed != 1 {
			t.Errorf("scan after the start %+v, want the finding closed", res)
		}
	})
}
