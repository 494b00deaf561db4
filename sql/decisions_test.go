package sql_test

import (
	"context"
	"testing"

	"landwatch/land"
	"landwatch/sql/sqltest"
)

// The determination and disposal of idle land are decisions with a
// document: they land as events of the supply, move the public list, and a
// fee disposal keeps the fee the rule computed; land fined stays idle, and
// published, until it starts.
func TestIdleDecisionsAreRecordedAsEventsWithTheirDocuments(t *testing.T) {
	st := sqltest.Store(t)
	ctx := context.Background()
	sup := sqltest.NewSupply("1306262018B00760")
	price := 482.5
	sup.PriceWan = &price
	sup.Events = []land.Event{{Kind: land.EventDelivery, OccurredOn: land.NewDate(2019, 1, 20)}}
	if _, err := st.CreateSupply(ctx, land.SystemScope("clerk"), sup); err != nil {
		t.Fatal(err)
	}
	if _, err := st.ReviewSupply(ctx, land.SystemScope("reviewer"), sup.ENumber, 0, land.Review{Decision: "approve"}); err != nil {
		t.Fatal(err) // the public list shows reviewed records only
	}
	if _, err := st.ScanIdle(ctx, land.SystemScope("scan"), land.DefaultIdleRule(), land.NewDate(2021, 3, 1), true, nil); err != nil {
		t.Fatal(err)
	}
	found, _, _, err := st.ListFindings(ctx, land.SystemScope("test"), sqlFindings("suspected_idle", "open"))
	if err != nil || len(found) != 1 || found[0].Grade != land.IdleGradeFee {
		t.Fatalf("findings %+v %v, want one suspected idle finding of the fee grade", found, err)
	}
	id := found[0].ID
	move := func(m land.FindingMove) error {
		_, err := st.MoveFinding(ctx, land.SystemScope("reviewer"), id, m)
		return err
	}
	for _, m := range []land.FindingMove{
		{Status: land.FindingAssigned, Assignee: "team-1", Reason: "field check"},
		{Status: land.FindingVerified, Reason: "empty ground seen on site"},
	} {
		if err := move(m); err != nil {
			t.Fatal(err)
		}
	}
	decided := land.NewDate(2021, 4, 6)
	t.Run("a determination without its document is refused and changes nothing", func(t *testing.T) {
		err := move(land.FindingMove{Status: land.FindingDetermined, Reason: "认定", DecidedOn: decided, Cause: land.CauseHolder})
		if land.ErrorField(err) != "document_no" {
			t.Fatalf("error %v, want one naming document_no", err)
		}
		if got, _ := st.GetSupply(ctx, land.SystemScope("test"), sup.ENumber); got.Stage == land.StageIdle {
			t.Error("the refused determination made the supply idle")
		}
	})
	t.Run("a determination records the idle determination with its document", func(t *testing.T) {
		if err := move(land.FindingMove{Status: land.FindingDetermined, Reason: "认定", DocumentNo: "定自然资闲认〔2021〕7号",
			DecidedOn: decided, Cause: land.CauseHolder}); err != nil {
			t.Fatal(err)
		}
		got, _ := st.GetSupply(ctx, land.SystemScope("test"), sup.ENumber)
		last := got.Events[len(got.Events)-1]
		if got.Stage != land.StageIdle || last.Kind != land.EventIdleDetermination || last.DocumentNo != "定自然资闲认〔2021〕7号" || last.OccurredOn != decided {
			t.Errorf("stage %s, last event %+v", got.Stage, last)
		}
		pub, err := st.PublicIdleLand(ctx, land.NewDate(2021, 5, 1))
		if err != nil || len(pub) != 1 || pub[0].ENumber != sup.ENumber {
			t.Fatalf("public list %+v %v, want the supply", pub, err)
		}
		// Agreed start 2019-12-21: idle from 2020-12-22, not from the
		// determination, in full years as the rule counts them.
		if pub[0].IdleSince != land.NewDate(2020, 12, 22) || pub[0].IdleYears != 1 {
			t.Errorf("idle since %s for %d year(s), want since 2020-12-22 for 1", pub[0].IdleSince, pub[0].IdleYears)
		}
		if pub, _ := st.PublicIdleLand(ctx, land.NewDate(2021, 12, 22)); len(pub) != 1 || pub[0].IdleYears != 2 {
			t.Errorf("public list %+v on 2021-12-22, want the supply idle 2 full years", pub)
		}
		steps, _ := st.FindingSteps(ctx, id)
		if s := steps[len(steps)-1]; s.DocumentNo == "" || s.DecidedOn != decided {
			t.Errorf("last step %+v, want the document", s)
		}
	})
	t.Run("a fee disposal keeps the fee; the land stays idle and published until it starts", func(t *testing.T) {
		if err := move(land.FindingMove{Status: land.FindingDisposal, Reason: "征缴闲置费", DocumentNo: "定自然资闲处〔2021〕2号",
			DecidedOn: land.NewDate(2021, 5, 10), Measure: land.DisposalFee}); err != nil {
			t.Fatal(err)
		}
		got, _ := st.GetSupply(ctx, land.SystemScope("test"), sup.ENumber)
		last := got.Events[len(got.Events)-1]
		if last.Kind != land.EventDisposal || last.FeeWan == nil || *last.FeeWan != 96.5 || last.DocumentNo == "" {
			t.Errorf("last event %+v, want a fee disposal of 96.5 万元 (20 %% of 482.5)", last)
		}
		if got.Stage != land.StageIdle {
			t.Errorf("stage %s after the fee, want idle until it starts", got.Stage)
		}
		if pub, _ := st.PublicIdleLand(ctx, land.NewDate(2021, 6, 1)); len(pub) != 1 {
			t.Errorf("public list %+v, want the fined land still listed", pub)
		}
		_, stage, err := st.AddEvent(ctx, land.SystemScope("clerk"), sup.ENumber, land.Event{Kind: land.EventStart, OccurredOn: land.NewDate(2021, 5, 20)})
		if err != nil || stage != land.StageConstruction {
			t.Fatalf("start after the fee: stage %s, %v; want under construction", stage, err)
		}
		if pub, _ := st.PublicIdleLand(ctx, land.NewDate(2021, 6, 1)); len(pub) != 0 {
			t.Errorf("public list %+v, want it empty once construction started", pub)
		}
	})
}
