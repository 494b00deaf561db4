package sql_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"landwatch/land"
	"landwatch/sql"
	"landwatch/sql/sqltest"
)

// Supplies fined under the earlier rule were derived out of idle: the
// migration that keeps fined land idle until it starts puts back the stage
// the events give, and leaves land being built alone.
func TestTheMigrationKeepsFinedLandIdle(t *testing.T) {
	st := sqltest.Store(t)
	ctx := context.Background()
	e := func(kind land.EventKind, y int, m time.Month, d int) land.Event {
		return land.Event{Kind: kind, OccurredOn: land.NewDate(y, m, d)}
	}
	determined := land.Event{Kind: land.EventIdleDetermination, OccurredOn: land.NewDate(2021, 1, 10), Cause: land.CauseHolder}
	fee := land.Event{Kind: land.EventDisposal, OccurredOn: land.NewDate(2021, 2, 1), Disposal: land.DisposalFee}
	delivered := e(land.EventDelivery, 2019, 1, 20)
	cases := []struct {
		number   string
		events   []land.Event
		oldStage land.Stage // what the earlier rule derived
	}{
		{"1306262018B00790", []land.Event{delivered, determined, fee}, land.StageDelivered},
		{"1306262018B00791", []land.Event{delivered, determined, fee, e(land.EventStart, 2021, 3, 1)}, land.StageConstruction},
		{"1306262018B00792", []land.Event{delivered, e(land.EventStart, 2019, 6, 1), e(land.EventHalt, 2019, 9, 1), determined, fee}, land.StageConstruction},
		{"1306262018B00793", []land.Event{delivered, determined, e(land.EventStart, 2021, 1, 20), fee}, land.StageConstruction},
	}
	for _, c := range cases {
		sup := sqltest.NewSupply(c.number)
		sup.Parcels, sup.Events = nil, c.events
		if _, err := st.CreateSupply(ctx, land.SystemScope("clerk"), sup); err != nil {
			t.Fatal(err)
		}
		if _, err := st.Pool().Exec(ctx, `UPDATE supply SET stage = $2 WHERE e_number = $1`, c.number, string(c.oldStage)); err != nil {
			t.Fatal(err)
		}
	}
	ms, err := sql.Migrations()
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range ms {
		if strings.HasPrefix(m.Name, "0015_") {
			if _, err := st.Pool().Exec(ctx, m.SQL); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, c := range cases {
		got, err := st.GetSupply(ctx, land.SystemScope("test"), c.number)
		if err != nil {
			t.Fatal(err)
		}
		if want := land.DeriveStage(c.events); got.Stage != want {
			t.Errorf("%s: stage %s after the migration, want %s as the events give", c.number, got.Stage, want)
		}
	}
}
