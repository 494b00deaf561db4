package main

import (
	"context"
	"testing"

	"landwatch/land"
	"landwatch/seed"
	"landwatch/sql"
	"landwatch/sql/sqltest"
	"landwatch/supervision"
)

// The demo city's reserve land is loaded with its parcels through the
// import, as `landwatch seed` loads it, and lies clear of every supply: a
// scan opens no reserve_overlap finding. Its village's collective land is
// loaded too.
func TestTheDemoCityLoadsItsReserveLand(t *testing.T) {
	ctx := context.Background()
	svc, demo := loadedDemoCity(t, 1500)
	t.Run("its village's collective land", func(t *testing.T) { demoCollectiveLandLoaded(t, svc, demo) })
	sc := land.SystemScope("test")
	_, total, _, err := svc.ListReserves(ctx, sc, sql.ReserveFilter{})
	if err != nil || total != len(demo.Reserves) || total == 0 {
		t.Fatalf("%d reserves loaded (%v), want %d", total, err, len(demo.Reserves))
	}
	for _, want := range demo.Reserves {
		r, err := svc.GetReserve(ctx, sc, want.Number)
		if err != nil || len(r.Parcels) != 1 || r.Version != 1 {
			t.Fatalf("%s: %+v %v; want its one parcel, version 1", want.Number, r, err)
		}
	}
	if _, err := svc.ScanOverlaps(ctx, land.SystemScope("scan"), "", 0, nil); err != nil {
		t.Fatal(err)
	}
	if fs, _, _, err := svc.ListFindings(ctx, sc, sql.FindingFilter{Kind: land.FindingReserveOverlap}); err != nil || len(fs) != 0 {
		t.Fatalf("reserve_overlap findings in the demo city: %+v %v", fs, err)
	}
}

// loadDemoCity generates the demo city of o and loads it as `landwatch
// seed` does, through load (a store's import or the service's), failing t
// on any rejection.
// loadedDemoCity is a service holding a demo city of parcels parcels,
// loaded as landwatch seed loads it, and the city.
func loadedDemoCity(t *testing.T, parcels int) (*supervision.Service, *seed.Demo) {
	t.Helper()
	svc := sqltest.Service(t)
	o := seed.Default()
	o.Parcels = parcels
	return svc, loadDemoCity(t, o, svc.Import)
}

func loadDemoCity(t *testing.T, o seed.Options, load func(context.Context, land.Scope, land.Batch, sql.ImportOptions) (*sql.ImportReport, error)) *seed.Demo {
	t.Helper()
	demo, err := seed.City(o)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := load(context.Background(), land.SystemScope("seed"), demoBatch(demo), sql.ImportOptions{})
	if err != nil || len(rep.Rejected) > 0 {
		t.Fatalf("loading the demo city: %v %v", err, rep.Rejected)
	}
	return demo
}

// The demo city's transfers, leases and mortgages are loaded by the same
// import after the supplies: the mortgage on land determined idle is taken
// with the idle-land warning on its line and an idle_transaction finding
// before any scan, which a scan afterwards leaves as it is; the map's read
// of mortgaged land finds the unreleased mortgages.
func TestTheDemoCityLoadsItsTransactionsWithTheIdleWarning(t *testing.T) {
	ctx := context.Background()
	svc := sqltest.Service(t)
	o := seed.Default()
	o.Parcels = 1500
	demo, err := seed.City(o)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := svc.Import(ctx, land.SystemScope("seed"), demoBatch(demo), sql.ImportOptions{})
	if err != nil || len(rep.Rejected) > 0 {
		t.Fatalf("loading the demo city: %v %v", err, rep.Rejected)
	}
	sc := land.SystemScope("test")
	if _, total, _, err := svc.ListTransactions(ctx, sc, sql.TransactionFilter{}); err != nil || total != len(demo.Transactions) || total < 5 {
		t.Fatalf("%d transactions loaded (%v), want %d", total, err, len(demo.Transactions))
	}
	var warned int
	for _, w := range rep.Warnings {
		if w.Field == "idle_land" {
			warned++
		}
	}
	flagged := func() int {
		fs, _, _, err := svc.ListFindings(ctx, sc, sql.FindingFilter{Kind: land.FindingIdleTransaction})
		if err != nil {
			t.Fatal(err)
		}
		return len(fs)
	}
	if warned != 1 || flagged() != 1 {
		t.Fatalf("%d idle-land warnings, %d idle_transaction findings; want the one mortgage on idle land", warned, flagged())
	}
	if _, err := svc.ScanIdle(ctx, land.SystemScope("daily-scan"), o.Today, true); err != nil {
		t.Fatal(err)
	}
	if n := flagged(); n != 1 {
		t.Fatalf("%d idle_transaction findings after the scan, want 1", n)
	}
	mortgaged, err := svc.MortgagedSupplies(ctx, sc, "")
	if err != nil || len(mortgaged) != 2 {
		t.Fatalf("mortgaged supplies %v (%v), want the two unreleased mortgages' supplies", mortgaged, err)
	}
}
