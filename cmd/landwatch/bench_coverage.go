package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"runtime"
	"time"

	"github.com/paulmach/orb"

	"landwatch/land"
	"landwatch/seed"
	"landwatch/spatial"
)

// benchCoverage measures the footprint coverage of a generated fabric in
// memory: n parcels against n footprints (each parcel's building, its shape
// shrunk by a third toward its middle), the union coverage of every parcel.
func benchCoverage(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("bench coverage", flag.ContinueOnError)
	fs.SetOutput(stderr)
	n := fs.Int("parcels", 100_000, "parcels, and as many footprints")
	seedN := fs.Int64("seed", 1, "random seed")
	out := fs.String("out", "BENCHMARKS.md", "file whose coverage section receives the figures; empty for none")
	if err := fs.Parse(args); err != nil {
		return &exitError{code: 2, err: err}
	}
	o := seed.Default()
	o.Parcels, o.Seed = *n, *seedN
	fabric, err := seed.Fabric(o)
	if err != nil {
		return err
	}
	b := spatial.NewBuilder(2 * len(fabric))
	for i, p := range fabric {
		b.Add(&spatial.Subject{ID: int64(i + 1), Kind: spatial.KindSupplyParcel, SupplyID: int64(i + 1), Live: true, Shape: spatial.Prepare(p)})
		b.Add(&spatial.Subject{ID: int64(i + 1), Kind: spatial.KindFootprint, Live: true, Shape: spatial.Prepare(shrink(p, 2.0/3)),
			Meta: spatial.Meta{Observed: land.NewDate(2025, 6, 1)}})
	}
	snap := b.Build().Snapshot()
	if ctx.Err() != nil {
		return ctx.Err()
	}
	start := time.Now()
	cov := snap.SupplyCoverage(func(int64, *spatial.Subject) bool { return true })
	elapsed := time.Since(start)
	var sum float64
	for _, c := range cov {
		sum += c
	}
	fmt.Fprintf(stdout, "coverage of %d supplies by %d footprints in %s (mean coverage %.3f)\n", len(cov), len(fabric), elapsed.Round(time.Millisecond), sum/float64(len(cov)))
	if *out == "" {
		return nil
	}
	var r bytes.Buffer
	fmt.Fprintf(&r, "## Footprint coverage (`landwatch bench coverage --parcels %d --seed %d`)\n\n", *n, *seedN)
	fmt.Fprintf(&r, "Machine: %d cores, %s, %s.\n\n", runtime.NumCPU(), runtime.Version(), time.Now().UTC().Format("2006-01-02"))
	fmt.Fprintf(&r, "Every parcel of a generated fabric against the union of the footprints over it (one footprint per parcel, its shape shrunk by a third toward its middle, so neighbours' footprints are candidates too), exact union coverage in the Gauss-Krüger plane, one core. Goal: 100,000 parcels against 100,000 footprints in ≤ 10 s.\n\n")
	fmt.Fprintf(&r, "| parcels | footprints | time | mean coverage |\n|---|---|---|---|\n| %d | %d | %s | %.3f |\n", len(fabric), len(fabric), dur(elapsed), sum/float64(len(cov)))
	return writeBenchSection(*out, "coverage", r.String())
}

// shrink scales a shape toward the middle of its box by f.
func shrink(mp orb.MultiPolygon, f float64) orb.MultiPolygon {
	c := mp.Bound().Center()
	out := make(orb.MultiPolygon, len(mp))
	for i, poly := range mp {
		out[i] = make(orb.Polygon, len(poly))
		for j, ring := range poly {
			r := make(orb.Ring, len(ring))
			for k, p := range ring {
				r[k] = orb.Point{c[0] + (p[0]-c[0])*f, c[1] + (p[1]-c[1])*f}
			}
			out[i][j] = r
		}
	}
	return out
}
