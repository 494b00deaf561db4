package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"runtime"
	"time"
)

// overlapScan is `landwatch overlaps [--region CODE]`: the batch overlap scan
// (重复供地) over a region subtree or everything, writing findings. Running
// it again opens nothing new and closes what no longer overlaps.
func overlapScan(ctx context.Context, cfg config, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("overlaps", flag.ContinueOnError)
	fs.SetOutput(stderr)
	region := fs.String("region", "", "6-digit region code: scan its subtree only")
	if err := fs.Parse(args); err != nil {
		return &exitError{code: 2, err: err}
	}
	start := time.Now()
	svc, stop, err := startService(ctx, cfg, stderr)
	if err != nil {
		return err
	}
	defer stop()
	fmt.Fprintf(stdout, "index loaded: %d parcels in %s\n", svc.Engine().Index().Len(), time.Since(start).Round(time.Millisecond))
	res, err := svc.ScanOverlaps(ctx, operator("overlaps"), *region, runtime.GOMAXPROCS(0), nil)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%d overlapping pairs: %d new findings, %d closed (no longer overlapping), in %s\n",
		res.Overlaps, res.New, res.Closed, time.Since(start).Round(time.Millisecond))
	return nil
}
