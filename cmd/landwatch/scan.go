package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"time"

	"landwatch/land"
)

// scan is `landwatch scan [--as-of DATE]`: the idle-land rule of Order No.
// 53 over every supply as of a day. For today (the default) it keeps one
// open finding per suspected supply and closes those whose cause went away;
// for another day it reports what was idle then and records nothing.
func scan(ctx context.Context, cfg config, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("scan", flag.ContinueOnError)
	fs.SetOutput(stderr)
	asOf := fs.String("as-of", "", "the day the rules are evaluated on (default today)")
	if err := fs.Parse(args); err != nil {
		return &exitError{code: 2, err: err}
	}
	start := time.Now()
	// The engine's index carries the footprints that serve as evidence.
	svc, stop, err := startService(ctx, cfg, stderr)
	if err != nil {
		return err
	}
	defer stop()
	day := svc.Rules().Today()
	if *asOf != "" {
		d, err := land.ParseDate(*asOf)
		if err != nil || d.IsZero() {
			return &exitError{code: 2, err: fmt.Errorf("--as-of: %q is not a date such as 2021-06-30", *asOf)}
		}
		day = d
	}
	today := day == svc.Rules().Today()
	res, err := svc.ScanIdle(ctx, operator("scan"), day, today)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "idle land as of %s: %d supplies assessed, %d suspected", res.AsOf, res.Supplies, res.Suspected)
	if today {
		fmt.Fprintf(stdout, " (%d new findings), %d findings closed; %d largely built with no start recorded (%d new, %d closed)",
			res.New, res.Closed, res.Inconsistent, res.InconsistentNew, res.InconsistentClosed)
	} else {
		fmt.Fprint(stdout, " (a look back: no findings recorded)")
	}
	if today {
		rep, err := svc.ScanReporting(ctx, operator("scan"), day)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "; %d records entered late (%d new, %d closed); signs of false or concealed reporting: %d starts unbuilt, %d areas apart, %d without boundaries",
			rep.LateEntries, rep.LateEntryNew, rep.LateEntryClosed, rep.StartUnbuilt, rep.AreaMismatch, rep.NoBoundary)
	}
	fmt.Fprintf(stdout, ", in %s\n", time.Since(start).Round(time.Millisecond))
	return nil
}
