package supervision_test

import (
	"context"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"landwatch/land"
	"landwatch/sql"
	"landwatch/sql/sqltest"
	"landwatch/supervision"
)

// beforeBeijingMidnight is 23:30 UTC on Sunday 8 March 2026: 07:30 on
// Monday 9 March in Beijing, still Sunday 8 March on a UTC host or in Pago
// Pago (UTC−11), already Monday afternoon in Kiritimati (UTC+14).
var beforeBeijingMidnight = time.Date(2026, 3, 8, 23, 30, 0, 0, time.UTC)

// TestTheDaysAreBeijingDays enters records at 07:30 Beijing time and checks
// every day landwatch derives from the clock: today, the lag of an entry
// (from Friday 6 March: one working day on Monday, none on Sunday), the
// overdue flags the map draws and the overdue list (an agreed start of
// Sunday 8 March has passed, one of Monday 9 March has not). Each of them
// once came from the host's zone or the database session's current_date.
func TestTheDaysAreBeijingDays(t *testing.T) {
	ctx := context.Background()
	svc := sqltest.ServiceWith(t, func(c *supervision.Config) {
		c.Now = func() time.Time { return beforeBeijingMidnight }
	})
	monday := land.NewDate(2026, 3, 9)
	if got := svc.Rules().Today(); got != monday {
		t.Fatalf("today at 07:30 Beijing time = %s, want %s (host zone %s)", got, monday, time.Local)
	}
	sys := land.SystemScope("test")
	friday := land.NewDate(2026, 3, 6)
	ids := map[string]int64{}
	for number, start := range map[string]land.Date{"1306262026B00001": monday.AddDays(-1), "1306262026B00002": monday} {
		sup := sqltest.NewSupply(number)
		sup.ContractDate, sup.AgreedStart = friday, start
		if _, err := svc.CreateSupply(ctx, sys, sup); err != nil {
			t.Fatalf("create %s: %v", number, err)
		}
		ids[number] = sup.ID
	}
	e, _, err := svc.AddEvent(ctx, sys, "1306262026B00001", land.Event{Kind: land.EventDelivery, OccurredOn: friday})
	if err != nil {
		t.Fatal(err)
	}
	if !e.RecordedAt.Equal(beforeBeijingMidnight) {
		t.Errorf("the event was recorded at %s, not at the rules' clock %s", e.RecordedAt, beforeBeijingMidnight)
	}
	if got := land.DateOf(e.RecordedAt.In(svc.Rules().Zone)); got != monday {
		t.Errorf("the event's recording day = %s, want %s", got, monday)
	}

	t.Run("the lag of an entry counts to the Beijing day", func(t *testing.T) {
		rows, err := svc.Timeliness(ctx, sys, "130626", land.Date{}, land.Date{})
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != 1 || rows[0].Events != 1 || rows[0].MeanLag != 1 || rows[0].Supplies != 2 {
			t.Errorf("timeliness = %+v, want one event lagging one working day and two supplies", rows)
		}
	})

	t.Run("an entry at 07:30 Beijing time counts on that day's timeliness", func(t *testing.T) {
		for _, period := range []struct {
			from, to land.Date
			events   int
		}{{monday, monday, 1}, {monday.AddDays(-1), monday.AddDays(-1), 0}} {
			rows, err := svc.Timeliness(ctx, sys, "130626", period.from, period.to)
			if err != nil {
				t.Fatal(err)
			}
			events := 0
			for _, r := range rows {
				events += r.Events
			}
			if events != period.events {
				t.Errorf("events recorded on %s: %d, want %d", period.from, events, period.events)
			}
		}
	})

	t.Run("the map's overdue flags are those of the Beijing day", func(t *testing.T) {
		flags := map[int64]land.Flag{}
		_, err := svc.Store().LoadIndex(ctx, func(int) {}, func(r sql.ParcelRow) error {
			flags[r.SupplyID] |= land.Flag(r.Flags)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if f := flags[ids["1306262026B00001"]]; f&land.FlagOverdueStart == 0 {
			t.Errorf("an agreed start of yesterday is not overdue: %v", f.Names())
		}
		if f := flags[ids["1306262026B00002"]]; f&land.FlagOverdueStart != 0 {
			t.Errorf("an agreed start of today is overdue: %v", f.Names())
		}
	})

	t.Run("the overdue list is that of the Beijing day", func(t *testing.T) {
		list, total, _, err := svc.ListSupplies(ctx, sys, sql.SupplyFilter{Overdue: "start"})
		if err != nil {
			t.Fatal(err)
		}
		if total != 1 || len(list) != 1 || list[0].ENumber != "1306262026B00001" {
			t.Errorf("overdue starts = %d %v, want 1306262026B00001 alone", total, list)
		}
	})
}

// TestTheDaysAreBeijingDaysInAnyHostZone runs TestTheDaysAreBeijingDays
// again in processes whose zone is a day ahead of Beijing's and a day
// behind it: the answers must not change.
func TestTheDaysAreBeijingDaysInAnyHostZone(t *testing.T) {
	if testing.Short() {
		t.Skip("starts the test binary twice")
	}
	for _, zone := range []string{"Pacific/Kiritimati", "Pacific/Pago_Pago"} {
		t.Run(zone, func(t *testing.T) {
			cmd := exec.Command(os.Args[0], "-test.run=^TestTheDaysAreBeijingDays$", "-test.count=1", "-test.v")
			cmd.Env = append(os.Environ(), "TZ="+zone)
			out, err := cmd.CombinedOutput()
			if err != nil || !strings.Contains(string(out), "--- PASS: TestTheDaysAreBeijingDays ") {
				t.Errorf("under TZ=%s: %v\n%s", zone, err, out)
			}
		})
	}
}
