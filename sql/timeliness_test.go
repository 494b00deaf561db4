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
	sup := newSupply("1306262018B00760")
	if _, err := st.CreateSupply(ctx, "clerk", sup); err != nil {
		t.Fatal(err)
	}
	today := land.DateOf(time.Now())
	// Delivered long ago but recorded only now: accepted, and late.
	if _, _, err := st.AddEvent(ctx, "clerk", sup.ENumber, land.Event{Kind: land.EventDelivery, OccurredOn: land.NewDate(2019, 2, 1)}); err != nil {
		t.Fatalf("a late entry must be accepted: %v", err)
	}
	// Started today and recorded today: on time.
	if _, _, err := st.AddEvent(ctx, "clerk", sup.ENumber, land.Event{Kind: land.EventStart, OccurredOn: today}); err != nil {
		t.Fatal(err)
	}
	got, err := st.TimelinessByRegion(ctx, "130600", land.Date{}, land.Date{})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Region != "130626" || got[0].Events != 2 || got[0].Late != 1 || got[0].LateRate != 0.5 {
		t.Fatalf("timeliness = %+v, want one county with 2 events, 1 late", got)
	}
	if got[0].Name != "定兴县" {
		t.Errorf("region name %q", got[0].Name)
	}
	nation, err := st.TimelinessByRegion(ctx, "", land.Date{}, land.Date{})
	if err != nil || len(nation) != 1 || nation[0].Region != "130000" {
		t.Errorf("by province: %+v %v", nation, err)
	}
}
