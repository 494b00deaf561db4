package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"time"

	"landwatch/land"
	"landwatch/seed"
	"landwatch/sql"
)

// seedDemo is `landwatch seed [--seed N] [--parcels N] [--if-empty]`: the
// deterministic demo city, loaded through the importer like any other file.
func seedDemo(ctx context.Context, cfg config, args []string, out io.Writer) error {
	o := seed.Default()
	fs := flag.NewFlagSet("seed", flag.ContinueOnError)
	fs.SetOutput(out)
	fs.Int64Var(&o.Seed, "seed", o.Seed, "random seed of the city")
	fs.IntVar(&o.Parcels, "parcels", o.Parcels, "number of parcels")
	ifEmpty := fs.Bool("if-empty", false, "load only when the database holds no supply")
	if err := fs.Parse(args); err != nil {
		return &exitError{code: 2, err: err}
	}
	svc, stop, err := startService(ctx, cfg, out)
	if err != nil {
		return err
	}
	defer stop()
	if *ifEmpty {
		n, err := svc.CountSupplies(ctx)
		if err != nil {
			return err
		}
		if n > 0 {
			fmt.Fprintf(out, "landwatch: the database holds %d supplies; the demo city is not loaded again\n", n)
			return nil
		}
	}
	start := time.Now()
	demo, err := seed.City(o)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "landwatch: generated the demo city (seed %d): %d supplies, %d reserves and %d transactions in %s\n", o.Seed,
		len(demo.Supplies), len(demo.Reserves), len(demo.Transactions), time.Since(start).Round(time.Millisecond))
	rep, err := svc.Import(ctx, land.SystemScope("seed"), demoBatch(demo), sql.ImportOptions{})
	if err != nil {
		return err
	}
	printReport(out, rep)
	if len(rep.Rejected) > 0 {
		return fmt.Errorf("the demo city has %d rejected records", len(rep.Rejected))
	}
	if err := publishDemoAnnouncements(ctx, svc, demo); err != nil {
		return err
	}
	fmt.Fprintf(out, "landwatch: demo city loaded in %s\n", time.Since(start).Round(time.Millisecond))
	return nil
}

// demoBatch turns a generated city into an import batch.
func demoBatch(d *seed.Demo) land.Batch {
	var b land.Batch
	for i, sup := range d.Supplies {
		line := i + 1
		parcels, events := sup.Parcels, sup.Events
		sup.Parcels, sup.Events = nil, nil
		sup.ReviewStatus = land.ReviewApproved // the demo city's records have been through review
		b.Supplies = append(b.Supplies, land.SupplyRecord{File: "demo", Line: line, Supply: sup, Events: events})
		for _, p := range parcels {
			b.Parcels = append(b.Parcels, land.ParcelRecord{File: "demo", Line: line, Parcel: p, SupplyKey: sup.ENumber})
		}
	}
	// Reserve land, its parcels keyed by the reserve number as a
	// coordinate file of the reserve centre gives them.
	for i, r := range d.Reserves {
		line := len(d.Supplies) + i + 1
		parcels := r.Parcels
		r.Parcels = nil
		b.Reserves = append(b.Reserves, land.ReserveRecord{File: "demo", Line: line, Reserve: r})
		for _, p := range parcels {
			b.Parcels = append(b.Parcels, land.ParcelRecord{File: "demo", Line: line, Parcel: p, SupplyKey: r.Number})
		}
	}
	// Transfers, leases and mortgages of the supplies, written after them
	// by the same import; the mortgage on land determined idle is taken
	// with its warning and finding then, whether or not a scan has run.
	for i, t := range d.Transactions {
		line := len(d.Supplies) + len(d.Reserves) + i + 1
		b.Transactions = append(b.Transactions, land.TransactionRecord{File: "demo", Line: line, Transaction: t})
	}
	plan := d.Plan
	plan.ReviewStatus = land.ReviewApproved // published, as the supplies are
	b.Plans = append(b.Plans, land.PlanRecord{File: "demo", Line: len(d.Supplies) + len(d.Reserves) + len(d.Transactions) + 1, Plan: plan})
	addAnnouncementRows(&b, d, len(d.Supplies)+len(d.Reserves)+len(d.Transactions)+2)
	return b
}
