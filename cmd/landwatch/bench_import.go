package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"time"

	"landwatch/importer"
	"landwatch/land"
	"landwatch/seed"
	"landwatch/spatial"
	"landwatch/sql"

	"github.com/paulmach/orb"
)

// benchImport measures importing a generated city of N parcels, or a real
// cadastre's parcels with supplies generated over them (--from), from
// GeoJSON (supplies and parcels in one file) and from the office formats (a
// supply results CSV, then a coordinate file), each into an empty register.
func benchImport(ctx context.Context, cfg config, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("bench import", flag.ContinueOnError)
	fs.SetOutput(stderr)
	src := benchSourceFlags(fs, 100_000)
	out := fs.String("out", "BENCHMARKS.md", "file whose import section receives the figures; empty for none")
	cpuProfile := fs.String("cpuprofile", "", "file for a CPU profile (pprof) of the timed runs")
	memProfile := fs.String("memprofile", "", "file for an allocation profile (pprof) of the timed runs")
	if err := fs.Parse(args); err != nil {
		return &exitError{code: 2, err: err}
	}
	o := seed.Default()
	o.Parcels, o.Seed = *src.n, *src.seed
	what := "A generated city of"
	var demo *seed.Demo
	var err error
	if !src.real() {
		fmt.Fprintf(stdout, "generating a city of %d parcels (seed %d)…\n", o.Parcels, o.Seed)
		demo, err = seed.City(o)
	} else {
		var cadastre []orb.MultiPolygon
		var invalid int
		if cadastre, invalid, err = readCadastre(*src.from); err != nil {
			return err
		}
		o.RegionCode = src.regionCode()
		name := src.name()
		what = fmt.Sprintf("The real cadastre %s (reference/parcels; %d more parcels that an import would refuse, invalid rings, left out), its parcels given the supplies of a generated city of as many parcels (seed %d: attributes, events, installments): a register of", name, invalid, o.Seed)
		fmt.Fprintf(stdout, "generating supplies over the %d parcels of %s (seed %d)…\n", len(cadastre), name, o.Seed)
		demo, err = seed.OnCadastre(o, cadastre)
	}
	if err != nil {
		return err
	}
	parcels := 0
	for _, s := range demo.Supplies {
		parcels += len(s.Parcels)
	}
	var geo, csv, coords bytes.Buffer
	if err := seed.WriteGeoJSON(&geo, demo); err != nil {
		return err
	}
	if err := seed.WriteSupplyCSV(&csv, demo); err != nil {
		return err
	}
	// The coordinate file is in the zone of the parcels (a real cadastre's
	// is where it was moved to).
	zone := spatial.Zone{Width: 3, Number: 39}
	if len(demo.Supplies) > 0 {
		if z, _, ok := spatial.ZoneOfEPSG(demo.Supplies[0].Parcels[0].GKEPSG); ok {
			zone = z
		}
	}
	if err := seed.WriteCoordinateFile(&coords, demo, zone); err != nil {
		return err
	}
	type run struct {
		name    string
		files   map[string][]byte
		imports [][]string // the files of each import, in turn
		elapsed time.Duration
		parse   time.Duration
		steps   stepTimes
		rep     *sql.ImportReport
	}
	// The floor's parcels, taken now: the imports run without the city's
	// supplies in memory, as a server's would, rather than with 100,000 of
	// them (their events, installments, texts) for the collector to mark
	// again and again. The parcels' shapes stay, for the floor.
	var shapes []orb.MultiPolygon
	for _, s := range demo.Supplies {
		for _, p := range s.Parcels {
			shapes = append(shapes, p.Geometry)
		}
	}
	supplies := len(demo.Supplies)
	demo = nil
	runs := []*run{
		{name: "GeoJSON (supplies and parcels in one file)", files: map[string][]byte{"city.geojson": geo.Bytes()}, imports: [][]string{{"city.geojson"}}},
		{name: "supply results CSV, then coordinate file", files: map[string][]byte{"city.csv": csv.Bytes(), "city.txt": coords.Bytes()}, imports: [][]string{{"city.csv"}, {"city.txt"}}},
		{name: "supply results CSV and coordinate file in one import", files: map[string][]byte{"city.csv": csv.Bytes(), "city.txt": coords.Bytes()}, imports: [][]string{{"city.csv", "city.txt"}}},
	}
	stopProfile, err := startProfiles(*cpuProfile, *memProfile)
	if err != nil {
		return err
	}
	defer stopProfile()
	defer holdGCFloor(cfg.GCFloorMB)() // as serve holds it
	var where string
	for _, r := range runs {
		svc, _, cleanup, err := scratchService(ctx, cfg)
		if err != nil {
			return err
		}
		if where == "" {
			where = machine(ctx, svc.Store().Pool())
		}
		// The import is timed as a county's would run: through the service,
		// with the engine loaded, each boundary checked for overlaps.
		stop, err := runService(ctx, svc)
		if err != nil {
			cleanup()
			return err
		}
		start := time.Now()
		total := &sql.ImportReport{}
		for _, names := range r.imports {
			parseStart := time.Now()
			var files []importer.File
			for _, name := range names {
				files = append(files, importer.File{Name: name, R: bytes.NewReader(r.files[name])})
			}
			stream, err := importer.ReadStream(files, importer.Options{})
			if err != nil {
				cleanup()
				return err
			}
			r.parse += time.Since(parseStart)
			// Each step is timed, and told on stderr as `landwatch import`
			// tells it.
			printer := newImportProgress(stderr, time.Now)
			rep, err := svc.ImportStream(ctx, land.SystemScope("bench"), stream, sql.ImportOptions{Progress: func(step string, done, total int) {
				r.steps.note(step, done, total)
				printer.Progress(step, done, total)
			}})
			if err != nil {
				stop()
				cleanup()
				return err
			}
			total.Accepted += rep.Accepted
			total.Rejected = append(total.Rejected, rep.Rejected...)
		}
		r.elapsed, r.rep = time.Since(start), total
		stop()
		cleanup()
		fmt.Fprintf(stdout, "%s: %d records accepted, %d rejected in %s (reading before the first write %s)\n", r.name, total.Accepted, len(total.Rejected),
			r.elapsed.Round(time.Millisecond), r.parse.Round(time.Millisecond))
		for i, rej := range total.Rejected {
			if i == 5 {
				break
			}
			fmt.Fprintf(stdout, "  rejected %s:%d %s: %s\n", rej.File, rej.Line, rej.Field, rej.Reason)
		}
	}
	// The floor: the same parcels, one supply each, COPYed with the
	// register's triggers writing their history and changes.
	svc, _, cleanup, err := scratchService(ctx, cfg)
	if err != nil {
		return err
	}
	copyStart := time.Now()
	err = copyFabric(ctx, svc.Store(), o.RegionCode, shapes, true)
	copied := time.Since(copyStart)
	cleanup()
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "PostGIS floor: %d parcels and their supplies COPYed with history in %s\n", len(shapes), copied.Round(time.Millisecond))
	if *out == "" {
		return nil
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "## Import: %s (`%s`)\n\n", src.title(), src.command("import", ""))
	fmt.Fprintf(&b, "Machine: %s; load average %s when it ended.\n\n", where, loadAverage())
	fmt.Fprintf(&b, "%s %d supplies and %d parcels, parsed and imported into an empty register through the service, as `landwatch import` does (validation, plane areas, upserts, history triggers, the change feed, and the overlap check of every boundary with its findings). Goal: 100,000 parcels in ≤ 15 s. The PostGIS floor is the same %d parcels, one supply each, COPYed into an empty register whose triggers write their history and changes, nothing checked: %.1f s.\n\n", what, supplies, parcels, len(shapes), copied.Seconds())
	fmt.Fprintf(&b, "| input | records accepted | rejected | total time | reading before the first write | supplies | boundaries | overlap check | parcels per second |\n|---|---|---|---|---|---|---|---|---|\n")
	for _, r := range runs {
		fmt.Fprintf(&b, "| %s | %d | %d | %.1f s | %s | %s | %s | %s | %.0f |\n", r.name, r.rep.Accepted, len(r.rep.Rejected),
			r.elapsed.Seconds(), dur(r.parse), dur(r.steps.took["supplies"]), dur(r.steps.took["boundaries"]),
			dur(r.steps.took["overlap check"]), float64(parcels)/r.elapsed.Seconds())
	}
	fmt.Fprintf(&b, "\nThe steps are timed from their start to their end, each file's added up; the time left over is the other steps (reserves, plans, announcements, deals, transactions: none here), grouping the parcels by supply, and the commit. A GeoJSON file's features and a supply results CSV's rows are read while their supplies are written (`importer.ReadStream`): the supplies column holds that reading too. A coordinate file is read beside the writing of the supplies before it; a file of any other format is read whole before its import's first write.\n")
	return writeBenchSection(*out, src.section("import"), b.String())
}

// stepTimes adds up how long each step of an import took, from what
// sql.ImportOptions.Progress hears: a step's start (nothing done yet) and
// its end (all done).
type stepTimes struct {
	took, before map[string]time.Duration
	started      map[string]time.Time
}

// note takes a step's end to be the last time it was told all was done:
// the supplies of a stream are told of as they are read, with the total
// read so far.
func (st *stepTimes) note(step string, done, total int) {
	if st.took == nil {
		st.took, st.before, st.started = map[string]time.Duration{}, map[string]time.Duration{}, map[string]time.Time{}
	}
	switch done {
	case 0:
		st.started[step], st.before[step] = time.Now(), st.took[step]
	case total:
		st.took[step] = st.before[step] + time.Since(st.started[step])
	}
}
