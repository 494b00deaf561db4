package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/user"
	"strings"
	"time"

	"landwatch/importer"
	"landwatch/land"
	"landwatch/sql"
)

// importFiles is `landwatch import [--dry-run] [--partial] [--report FILE] [--supply N] FILE…`.
// Exit status: 0 every record accepted, 1 some rejected, 2 could not run.
func importFiles(ctx context.Context, cfg config, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dry := fs.Bool("dry-run", false, "check and report, keep nothing")
	reportPath := fs.String("report", "", "write the report as JSON to this file")
	supply := fs.String("supply", "", "attach every parcel to this supply (e-supervision number or id)")
	footprints := fs.Bool("footprints", false, "the files are construction footprints (GeoJSON), the evidence layer of the idle-land rules")
	source := fs.String("source", "", "with --footprints: where they come from (imagery, survey …), unless a feature says")
	observed := fs.String("observed", "", "with --footprints: the day they were observed, unless a feature says")
	boundaries := fs.Bool("boundaries", false, "the files are administrative boundaries (GeoJSON keyed by region_code, code or adcode): outlines on the map and the region check of parcels")
	partial := fs.Bool("partial", false, "keep the features of a GeoJSON file read before it breaks off (truncated) instead of rejecting the file whole")
	if err := fs.Parse(args); err != nil {
		return &exitError{code: 2, err: err}
	}
	if fs.NArg() == 0 {
		return &exitError{code: 2, err: fmt.Errorf("import: name at least one file")}
	}
	if *footprints {
		return importFootprints(ctx, cfg, fs.Args(), *source, *observed, *dry, *reportPath, stdout, stderr)
	}
	if *boundaries {
		return importBoundaries(ctx, cfg, fs.Args(), *dry, *reportPath, stdout, stderr)
	}
	progress := newImportProgress(stderr, time.Now)
	var files []importer.File
	for _, name := range fs.Args() {
		f, err := os.Open(name)
		if err != nil {
			return &exitError{code: 2, err: err}
		}
		defer f.Close()
		files = append(files, importer.File{Name: name, R: f})
	}
	// A GeoJSON file's features are read while its supplies are written
	// (see importer.ReadStream); the other files are read here.
	read := progress.Step("reading "+strings.Join(fs.Args(), ", "), 1)
	stream, err := importer.ReadStream(files, importer.Options{Partial: *partial})
	if err != nil {
		return &exitError{code: 2, err: err}
	}
	read(1)
	// The index is loaded so that the boundaries written get their overlap
	// check, as they would through the API.
	svc, stop, err := startService(ctx, cfg, stderr)
	if err != nil {
		return &exitError{code: 2, err: err}
	}
	defer stop()
	rep, err := svc.ImportStream(ctx, operator("import"), stream, sql.ImportOptions{DryRun: *dry, Supply: *supply, Progress: progress.Progress})
	if err != nil {
		return &exitError{code: 2, err: err}
	}
	if *reportPath != "" {
		b, err := json.MarshalIndent(rep, "", "  ")
		if err != nil {
			return &exitError{code: 2, err: err}
		}
		if err := os.WriteFile(*reportPath, append(b, '\n'), 0o644); err != nil {
			return &exitError{code: 2, err: err}
		}
	}
	printReport(stdout, rep)
	if len(rep.Rejected) > 0 {
		return &exitError{code: 1}
	}
	return nil
}

func printReport(w io.Writer, rep *sql.ImportReport) {
	verb := "imported"
	if rep.DryRun {
		verb = "checked (dry run, nothing kept)"
	}
	// What became of each column, so that a clerk sees what was read
	// without reading the code.
	for _, t := range rep.Tables {
		read := make([]string, len(t.Read))
		for i, c := range t.Read {
			read[i] = c.Label + "→" + c.Field
		}
		fmt.Fprintf(w, "%s: %d columns read (%s)", t.File, len(t.Read), strings.Join(read, ", "))
		if len(t.Ignored) > 0 {
			fmt.Fprintf(w, "; %d not read (%s)", len(t.Ignored), strings.Join(t.Ignored, ", "))
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintf(w, "%s: %d accepted (%d new, %d changed, %d unchanged), %d rejected, %d warnings\n",
		verb, rep.Accepted, rep.Created, rep.Updated, rep.Unchanged, len(rep.Rejected), len(rep.Warnings))
	for _, r := range rep.Rejected {
		fmt.Fprintf(w, "rejected %s:%d %s: %s: %s\n", r.File, r.Line, r.Record, r.Field, r.Reason)
	}
	// The first overlaps on the screen, every one in the --report file.
	const shown = 20
	for i, o := range rep.Overlaps {
		if i == shown {
			fmt.Fprintf(w, "… and %d more overlaps (every one is in the --report file and among the findings)\n", len(rep.Overlaps)-shown)
			break
		}
		fmt.Fprintf(w, "overlap: %s; finding %d\n", o, o.FindingID)
	}
	if len(rep.Overlaps) > 0 {
		fmt.Fprintf(w, "%d overlapping pairs (重复供地) recorded as findings\n", len(rep.Overlaps))
	}
	for _, x := range rep.Warnings {
		if x.Field == "overlaps" {
			fmt.Fprintln(w, "warning:", x.Message)
		}
	}
}

func whoAmI() string {
	if u, err := user.Current(); err == nil {
		return u.Username
	}
	return "unknown"
}

// importFootprints imports construction footprints: every valid one, with
// a report of the others (exit 1 when some were rejected).
func importFootprints(ctx context.Context, cfg config, files []string, source, observed string, dry bool, reportPath string, stdout, stderr io.Writer) error {
	day, err := land.ParseDate(observed)
	if err != nil {
		return &exitError{code: 2, err: fmt.Errorf("--observed: %q is not a date", observed)}
	}
	var all []land.Footprint
	var rejected []land.Rejection
	for _, name := range files {
		f, err := os.Open(name)
		if err != nil {
			return &exitError{code: 2, err: err}
		}
		recs, rej, err := importer.ParseFootprints(name, f, source, day)
		f.Close()
		if err != nil {
			return &exitError{code: 2, err: err}
		}
		all, rejected = append(all, recs...), append(rejected, rej...)
	}
	svc, err := openService(ctx, cfg, stderr)
	if err != nil {
		return &exitError{code: 2, err: err}
	}
	defer svc.Close()
	rep, err := svc.ImportFootprints(ctx, operator("import"), all, rejected, dry)
	return finishImport(rep, err, reportPath, stdout)
}

// importBoundaries imports administrative boundaries: every valid feature,
// with a report of the others by feature (exit 1 when some were rejected).
func importBoundaries(ctx context.Context, cfg config, files []string, dry bool, reportPath string, stdout, stderr io.Writer) error {
	svc, err := openService(ctx, cfg, stderr)
	if err != nil {
		return &exitError{code: 2, err: err}
	}
	defer svc.Close()
	var all []land.Boundary
	var rejected []land.Rejection
	for _, name := range files {
		f, err := os.Open(name)
		if err != nil {
			return &exitError{code: 2, err: err}
		}
		recs, rej, err := importer.ParseBoundaries(name, f, svc.Rules().Regions)
		f.Close()
		if err != nil {
			return &exitError{code: 2, err: err}
		}
		all, rejected = append(all, recs...), append(rejected, rej...)
	}
	rep, err := svc.ImportBoundaries(ctx, operator("import"), all, rejected, dry)
	return finishImport(rep, err, reportPath, stdout)
}

// finishImport writes an import's report (to reportPath too when one is
// named) and gives its exit status.
func finishImport(rep *sql.ImportReport, err error, reportPath string, stdout io.Writer) error {
	if err != nil {
		return &exitError{code: 2, err: err}
	}
	if reportPath != "" {
		b, _ := json.MarshalIndent(rep, "", "  ")
		if err := os.WriteFile(reportPath, append(b, '\n'), 0o644); err != nil {
			return &exitError{code: 2, err: err}
		}
	}
	printReport(stdout, rep)
	if len(rep.Rejected) > 0 {
		return &exitError{code: 1}
	}
	return nil
}

// importProgress tells the operator how far a long import has come: a
// province's first load runs for minutes. Nothing is said in the first
// progressEvery, so that a small import prints its report alone; after
// that, each step's start and end, and a line every progressEvery within
// a step.
type importProgress struct {
	w       io.Writer
	now     func() time.Time
	start   time.Time
	sparing func(step string, done, total int) // print, spared
	// began holds each step's total when it began: a total that grew since
	// is of records read so far (a GeoJSON file's supplies, written as it
	// is read).
	began map[string]int
}

const progressEvery = 2 * time.Second

func newImportProgress(w io.Writer, now func() time.Time) *importProgress {
	p := &importProgress{w: w, now: now, start: now(), began: map[string]int{}}
	p.sparing = sql.Sparing(progressEvery, now, p.print)
	return p
}

// Progress is sql.ImportOptions.Progress.
func (p *importProgress) Progress(step string, done, total int) {
	if done == 0 {
		p.began[step] = total
	}
	if p.now().Sub(p.start) >= progressEvery {
		p.sparing(step, done, total)
	}
}

func (p *importProgress) print(step string, done, total int) {
	at := p.now().Sub(p.start).Round(100 * time.Millisecond)
	switch {
	case total == 1 && done == 1: // a step of one thing, such as reading a file
		fmt.Fprintf(p.w, "landwatch: import: %s: done (%s)\n", step, at)
	case total == 1:
		fmt.Fprintf(p.w, "landwatch: import: %s… (%s)\n", step, at)
	case done < total && total != p.began[step]:
		fmt.Fprintf(p.w, "landwatch: import: %s: %d of %d read so far (%s)\n", step, done, total, at)
	default:
		fmt.Fprintf(p.w, "landwatch: import: %s: %d of %d (%s)\n", step, done, total, at)
	}
}

// Step is sql.ImportOptions.Step, for the steps the command takes itself.
func (p *importProgress) Step(name string, total int) func(done int) {
	return sql.ImportOptions{Progress: p.Progress}.Step(name, total)
}
