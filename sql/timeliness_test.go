package sql_test

import (
	"context"
	"testing"
	"time"

	"landwatch/land"
	"landwatch/sql/sqltest"
)

func TestLateEntriesAreAcceptedMarkedAndCounted(t *testing.T) {
	st := sqltest.Store(t)
	ctx := context.Background()
	sup := sqltest.NewSupply("1306262018B00760")
	if _, err := st.CreateSupply(ctx, land.SystemScope("clerk"), sup); err != nil {
		t.Fatal(err)
	}
	today := land.DateOf(time.Now())
	// Delivered long ago but recorded only now: accepted, and late.
	if _, _, err := st.AddEvent(ctx, land.SystemScope("clerk"), sup.ENumber, land.Event{Kind: land.EventDelivery, OccurredOn: land.NewDate(2019, 2, 1)}); err != nil {
		t.Fatalf("a late entry must be accepted: %v", err)
	}
	// Started today and recorded today: on time.
	if _, _, err := st.AddEvent(ctx, land.SystemScope("clerk"), sup.ENumber, land.Event{Kind: land.EventStart, OccurredOn: today}); err != nil {
		t.Fatal(err)
	}
	got, err := st.TimelinessByRegion(ctx, land.SystemScope("test"), "130600", land.Date{}, land.Date{})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Region != "130626" || got[0].Events != 2 || got[0].Late != 1 || got[0].LateRate != 0.5 {
		t.Fatalf("timeliness = %+v, want one county with 2 events, 1 late", got)
	}
	if got[0].Name != "定兴县" {
		t.Errorf("region name %q", got[0].Name)
	}
	// The contract of 2018-12-31 entered only now: the supply counts as late.
	if got[0].Supplies != 1 || got[0].SuppliesLate != 1 {
		t.Errorf("supplies entered %d, late %d; want 1 and 1", got[0].Supplies, got[0].SuppliesLate)
	}
	nation, err := st.TimelinessByRegion(ctx, land.SystemScope("test"), "", land.Date{}, land.Date{})
	if err != nil || len(nation) != 1 || nation[0].Region != "130000" {
		t.Errorf("by province: %+v %v", nation, err)
	}
}

func TestASupplyEnteredOnTimeIsNotLate(t *testing.T) {
	st := sqltest.Store(t)
	ctx := context.Background()
	sup := sqltest.NewSupply("1306262026B00780")
	sup.ContractDate = land.DateOf(time.Now()).AddDays(-1)
	sup.AgreedStart = land.Date{}
	if _, err := st.CreateSupply(ctx, land.SystemScope("clerk"), sup); err != nil {
		t.Fatal(err)
	}
	got, err := st.TimelinessByRegion(ctx, land.SystemScope("test"), "130626", land.Date{}, land.Date{})
	if err != nil || len(got) != 1 || got[0].Supplies != 1 || got[0].SuppliesLate != 0 || got[0].Events != 0 {
		t.Errorf("timeliness = %+v %v, want one supply on time and no events", got, err)
	}
}
