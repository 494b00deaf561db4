package supervision_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"landwatch/land"
	"landwatch/sql/sqltest"
	"landwatch/supervision"
)

// The holidays an operator loads while landwatch serves (SIGHUP calls
// ReloadHolidays) must reach every computation, the lag of a recorded event
// above all: the store and the service share one calendar.
func TestReloadedHolidaysReachTheLagOfRecordedEvents(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	beijing := time.FixedZone("CST", 8*3600)
	now := time.Date(2030, 1, 8, 10, 0, 0, 0, beijing)
	svc, err := supervision.Open(ctx, supervision.Config{DatabaseURL: sqltest.URL(t), HolidaysDir: dir,
		Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	defer svc.Close()
	sys := land.SystemScope("test")
	delivered := land.NewDate(2029, 12, 31)
	lagOf := func(number string) int {
		t.Helper()
		sup := sqltest.NewSupply(number)
		sup.Parcels = nil
		if _, err := svc.CreateSupply(ctx, sys, sup); err != nil {
			t.Fatal(err)
		}
		ev, _, err := svc.AddEvent(ctx, sys, number, land.Event{Kind: land.EventDelivery, OccurredOn: delivered})
		if err != nil {
			t.Fatal(err)
		}
		var lag int
		if err := svc.Store().Pool().QueryRow(ctx, `SELECT lag_workdays FROM event WHERE id = $1`, ev.ID).Scan(&lag); err != nil {
			t.Fatal(err)
		}
		return lag
	}
	weekendsOnly, err := supervision.NewCalendar("")
	if err != nil {
		t.Fatal(err)
	}
	today := land.DateOf(now)
	if got, want := lagOf("1306262018B00781"), weekendsOnly.WorkdaysBetween(delivered, today); got != want {
		t.Fatalf("lag before the reload = %d, want %d (the statutory fallback: 2030 is not embedded)", got, want)
	}

	// A made-up 2030 arrangement: New Year's Day (which the fallback takes
	// off already), the day after it and the Friday off.
	year := `{"year":2030,"days":[{"name":"元旦","date":"2030-01-01","isOffDay":true},{"name":"元旦","date":"2030-01-02","isOffDay":true},{"name":"元旦","date":"2030-01-04","isOffDay":true}]}`
	if err := os.WriteFile(filepath.Join(dir, "2030.json"), []byte(year), 0o644); err != nil {
		t.Fatal(err)
	}
	if names, err := svc.ReloadHolidays(); err != nil || len(names) != 1 {
		t.Fatalf("reload: %v %v", names, err)
	}
	withHolidays, err := supervision.NewCalendar(dir)
	if err != nil {
		t.Fatal(err)
	}
	want := withHolidays.WorkdaysBetween(delivered, today)
	if want != weekendsOnly.WorkdaysBetween(delivered, today)-2 {
		t.Fatalf("the made-up arrangement should take two working days away; the calendars say %d", want)
	}
	if got := lagOf("1306262018B00782"); got != want {
		t.Errorf("lag after the reload = %d, want %d: the store counts with a calendar of its own", got, want)
	}
}
