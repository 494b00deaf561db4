package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math"
	neturl "net/url"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/paulmach/orb"

	"landwatch/seed"
	"landwatch/spatial"
	"landwatch/sql"
	"landwatch/supervision"
)

// benchStartup measures a start on a register of N parcels: the generated
// city is COPYed into a scratch schema's real tables, then a child process
// opens the service on it as `landwatch serve` does and times until its
// index is loaded (streaming the rows, decoding the WKB on every core,
// building the R-tree and finding the overlapping pairs), with its peak
// resident memory. The anchor is PostgreSQL sending the same rows alone.
func benchStartup(ctx context.Context, cfg config, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("bench startup", flag.ContinueOnError)
	fs.SetOutput(stderr)
	// --parcels is the generated city's size; with --from, the real
	// cadastre is copied side by side to reach it when given.
	src := benchSourceFlags(fs, 1_000_000)
	n, seedN, from := src.n, src.seed, src.from
	out := fs.String("out", "BENCHMARKS.md", "file whose startup section receives the figures; empty for none")
	binary := fs.String("binary", "", "the landwatch binary run as the measured child (default: this one)")
	keep := fs.Bool("keep", false, "keep the scratch schema of the register, for --reuse")
	reuse := fs.String("reuse", "", "measure on the register in this scratch schema (kept by --keep) instead of building one")
	cpuProfile := fs.String("cpuprofile", "", "file for a CPU profile (pprof) of the measured child's start")
	memProfile := fs.String("memprofile", "", "file for an allocation profile (pprof) of the measured child's start")
	child := fs.String("child", "", "(internal) load the register at this URL and report, as the measured child")
	if err := fs.Parse(args); err != nil {
		return &exitError{code: 2, err: err}
	}
	if *child != "" {
		return startupChild(ctx, cfg, *child, *cpuProfile, *memProfile, stdout)
	}
	parcelsGiven := false
	fs.Visit(func(f *flag.Flag) { parcelsGiven = parcelsGiven || f.Name == "parcels" })
	reg, err := openStartupRegister(ctx, cfg, *reuse, *keep, stdout)
	if err != nil {
		return err
	}
	defer reg.close()
	st := reg.svc.Store()
	where := machine(ctx, st.Pool())
	command := src.command("startup", "")
	what := fmt.Sprintf("A generated city of %d parcels (one supply each)", *n)
	var copied time.Duration
	if *reuse == "" {
		var fabric []orb.MultiPolygon
		code := src.regionCode()
		if !src.real() {
			o := seed.Default()
			o.Parcels, o.Seed = *n, *seedN
			fmt.Fprintf(stdout, "generating %d parcels (seed %d)…\n", o.Parcels, o.Seed)
			if fabric, err = seed.Fabric(o); err != nil {
				return err
			}
		} else {
			cadastre, _, err := readCadastre(*from)
			if err != nil {
				return err
			}
			fabric = cadastre
			if parcelsGiven {
				fabric = sideBySide(cadastre, *n)
			}
			command = src.command("startup", fmt.Sprintf("--parcels %d", len(fabric)))
			what = fmt.Sprintf("The real cadastre %s (%d valid parcels), copied %d times side by side to %d parcels (one supply each)",
				src.name(), len(cadastre), (len(fabric)+len(cadastre)-1)/len(cadastre), len(fabric))
		}
		fmt.Fprintf(stdout, "copying them into PostGIS…\n")
		start := time.Now()
		if err := copyFabric(ctx, st, code, fabric, false); err != nil {
			return err
		}
		copied = time.Since(start)
		fabric = nil
		if err := st.Analyze(ctx); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "copied in %s\n", copied.Round(time.Millisecond))
		if *keep {
			fmt.Fprintf(stdout, "the register is kept: measure it again with --reuse %s\n", reg.schema)
		}
	}
	var parcels int
	if err := st.Pool().QueryRow(ctx, `SELECT count(*) FROM parcel`).Scan(&parcels); err != nil {
		return err
	}
	if *reuse != "" {
		command = fmt.Sprintf("landwatch bench startup --reuse SCHEMA (%d parcels)", parcels)
		what = fmt.Sprintf("A register of %d parcels (one supply each)", parcels)
	}
	anchor, err := streamAnchor(ctx, st)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "PostgreSQL sends the rows (COPY … TO STDOUT, WKB) in %s\n", anchor.Round(time.Millisecond))
	self := *binary
	if self == "" {
		if self, err = os.Executable(); err != nil {
			return err
		}
	}
	var got bytes.Buffer
	cmd := exec.CommandContext(ctx, self, "bench", "startup", "--child", reg.url, "--cpuprofile", *cpuProfile, "--memprofile", *memProfile)
	cmd.Stdout, cmd.Stderr, cmd.Env = &got, stderr, os.Environ()
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("bench startup: the measured child: %w", err)
	}
	var r startupReport
	if err := json.Unmarshal(got.Bytes(), &r); err != nil {
		return fmt.Errorf("bench startup: the child's report %q: %w", got.String(), err)
	}
	if r.Subjects != parcels {
		return fmt.Errorf("bench startup: the index holds %d subjects of the %d parcels in the register", r.Subjects, parcels)
	}
	fmt.Fprintf(stdout, "started: %d subjects in %.1f s (rows read and decoded %.1f s), peak resident %.0f MB, heap %.0f MB, %.1f objects a subject, a full collection %.0f ms; load average %s\n",
		r.Subjects, r.Seconds, r.StreamSeconds, r.PeakMB, r.HeapMB, r.Objects, r.CollectMS, loadAverage())
	if *out == "" {
		return nil
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "## Start-up: %s (`%s`)\n\n", src.title(), command)
	fmt.Fprintf(&b, "Machine: %s; load average %s when it started.\n\n", where, loadAverage())
	built := fmt.Sprintf("%.1f s", copied.Seconds())
	if *reuse != "" {
		built = "earlier, in a kept scratch schema"
	}
	fmt.Fprintf(&b, "%s COPYed into a scratch schema's real `supply` and `parcel` tables (%s); then a fresh process opens the service on it as `landwatch serve` does and is timed until its index is loaded: every row streamed from PostGIS in one snapshot (`ST_AsBinary`, WKB), decoded and projected on %d cores, the R-tree bulk-loaded and the overlapping pairs found. Peak resident memory is the process's `VmHWM`. The anchor is PostgreSQL alone sending the same rows (`COPY (SELECT id, supply_id, ST_AsBinary(geom) …) TO STDOUT`) to a reader that discards them.\n\n",
		what, built, r.Cores)
	fmt.Fprintf(&b, "| %d parcels from PostGIS | landwatch | goal |\n|---|---|---|\n", r.Subjects)
	fmt.Fprintf(&b, "| start-up, service open to index loaded | %.1f s | ≤ 30 s |\n", r.Seconds)
	fmt.Fprintf(&b, "| the same rows read and decoded alone, timed after the start (streaming, WKB, decoded on every core) | %.1f s | |\n", r.StreamSeconds)
	fmt.Fprintf(&b, "| PostGIS anchor: the same rows sent, nothing decoded | %.1f s | |\n", anchor.Seconds())
	fmt.Fprintf(&b, "| peak resident memory of the process (VmHWM) | %.0f MB (Go heap after GC %.0f MB) | ≤ 2 GB |\n", r.PeakMB, r.HeapMB)
	fmt.Fprintf(&b, "| the loaded process's heap: objects a subject, a full collection of it on %d cores (the fastest of three) | %.1f, %.0f ms | |\n", r.Cores, r.Objects, r.CollectMS)
	return writeBenchSection(*out, src.section("startup"), b.String())
}

// startupRegister is the register the start-up bench measures: a service
// on it for the setup and the anchor, and the URL the child opens.
type startupRegister struct {
	svc    *supervision.Service
	url    string
	schema string
	close  func()
}

// openStartupRegister opens a service on the kept scratch schema reuse, or
// on a new scratch schema that is dropped at close unless keep.
func openStartupRegister(ctx context.Context, cfg config, reuse string, keep bool, stdout io.Writer) (*startupRegister, error) {
	cfg = cfg.asOwner()
	r := &startupRegister{schema: reuse}
	drop := func(context.Context) error { return nil }
	var err error
	if reuse != "" {
		r.url, err = sql.SchemaURL(cfg.DatabaseURL, reuse)
	} else {
		r.url, drop, err = sql.Scratch(ctx, cfg.DatabaseURL, "bench")
		if err == nil {
			r.schema, _, _ = strings.Cut(searchPath(r.url), ",")
		}
	}
	if err != nil {
		return nil, err
	}
	if keep {
		drop = func(context.Context) error { return nil }
	}
	if r.svc, err = serviceOn(ctx, cfg, r.url, 0); err != nil {
		_ = drop(ctx)
		return nil, err
	}
	r.close = func() {
		r.svc.Close()
		_ = drop(context.Background())
	}
	return r, nil
}

// searchPath is the search_path a database URL sets.
func searchPath(u string) string {
	p, err := neturl.Parse(u)
	if err != nil {
		return ""
	}
	return p.Query().Get("search_path")
}

// sideBySide copies a cadastre's parcels side by side, a copy moved east or
// north of the last by the cadastre's extent and a margin, until there are
// n parcels: a real cadastre's shapes and density at any size.
func sideBySide(cadastre []orb.MultiPolygon, n int) []orb.MultiPolygon {
	if len(cadastre) == 0 {
		return nil
	}
	var b orb.Bound
	for i, p := range cadastre {
		if i == 0 {
			b = p.Bound()
		} else {
			b = b.Union(p.Bound())
		}
	}
	copies := (n + len(cadastre) - 1) / len(cadastre)
	columns := int(math.Ceil(math.Sqrt(float64(copies))))
	dx, dy := (b.Max[0]-b.Min[0])*1.05, (b.Max[1]-b.Min[1])*1.05
	out := make([]orb.MultiPolygon, 0, n)
	for c := 0; len(out) < n; c++ {
		x, y := float64(c%columns)*dx, float64(c/columns)*dy
		for _, p := range cadastre {
			if len(out) == n {
				break
			}
			out = append(out, moved(p, x, y))
		}
	}
	return out
}

// moved is a copy of p moved by dx, dy.
func moved(p orb.MultiPolygon, dx, dy float64) orb.MultiPolygon {
	out := p.Clone()
	for _, poly := range out {
		for _, ring := range poly {
			for k := range ring {
				ring[k] = orb.Point{ring[k][0] + dx, ring[k][1] + dy}
			}
		}
	}
	return out
}

// startupReport is what the measured child tells its parent.
type startupReport struct {
	Subjects      int     `json:"subjects"`
	Seconds       float64 `json:"seconds"`
	StreamSeconds float64 `json:"stream_seconds"`
	PeakMB        float64 `json:"peak_mb"`
	HeapMB        float64 `json:"heap_mb"`
	Cores         int     `json:"cores"`
	// Objects is the heap's objects a subject, and CollectMS the fastest of
	// three full collections of the loaded process: what the collector
	// marks, and how long a collection takes, while tiles are served.
	Objects   float64 `json:"objects"`
	CollectMS float64 `json:"collect_ms"`
}

// collection returns the heap's live objects and the fastest of three
// full collections.
func collection() (objects uint64, fastest time.Duration) {
	for range 3 {
		start := time.Now()
		runtime.GC()
		if d := time.Since(start); fastest == 0 || d < fastest {
			fastest = d
		}
	}
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapObjects, fastest
}

// startupChild opens a service on url, times until its index is loaded,
// and reports on stdout. Reading the rows alone is timed afterwards, so
// that it does not add to the peak.
func startupChild(ctx context.Context, cfg config, url, cpuProfile, memProfile string, stdout io.Writer) error {
	stopProfiles, err := startProfiles(cpuProfile, memProfile)
	if err != nil {
		return err
	}
	defer holdGCFloor(cfg.GCFloorMB)() // as serve holds it
	start := time.Now()
	svc, err := serviceOn(ctx, cfg.asOwner(), url, 0)
	if err != nil {
		return err
	}
	defer svc.Close()
	stop, err := runService(ctx, svc)
	if err != nil {
		return err
	}
	r := startupReport{Seconds: time.Since(start).Seconds(), Subjects: svc.Engine().Index().Len(), Cores: runtime.GOMAXPROCS(0)}
	stopProfiles()
	r.PeakMB = procStatusMB("VmHWM:")
	r.HeapMB = float64(heapInUse()) / (1 << 20)
	objects, collect := collection()
	r.Objects, r.CollectMS = float64(objects)/float64(max(r.Subjects, 1)), float64(collect.Microseconds())/1000
	stop()
	// The same rows decoded on every core and dropped.
	start = time.Now()
	var mu sync.Mutex
	decoded := 0
	batch := make([]sql.ParcelRow, 0, 1024)
	var wg sync.WaitGroup
	work := make(chan []sql.ParcelRow, runtime.GOMAXPROCS(0))
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for rows := range work {
				for _, row := range rows {
					if _, err := spatial.DecodeWKB(row.WKB); err == nil {
						mu.Lock()
						decoded++
						mu.Unlock()
					}
				}
			}
		}()
	}
	_, err = svc.Store().LoadIndex(ctx, func(int) {}, func(row sql.ParcelRow) error {
		batch = append(batch, row)
		if len(batch) == cap(batch) {
			work <- batch
			batch = make([]sql.ParcelRow, 0, 1024)
		}
		return nil
	})
	work <- batch
	close(work)
	wg.Wait()
	if err != nil {
		return err
	}
	r.StreamSeconds = time.Since(start).Seconds()
	return json.NewEncoder(stdout).Encode(r)
}

// copyFabric writes one supply per parcel with COPY. Without history
// (start-up's register, as it would stand long after its first load) the
// triggers that keep the history and the change feed are off: it owes no
// checks and has no unread changes. With history it is the floor of a bulk
// import: the same rows and every version and change the triggers write.
func copyFabric(ctx context.Context, st *sql.Store, region string, fabric []orb.MultiPolygon, history bool) error {
	conn, err := st.Pool().Acquire(ctx)
	if err != nil {
		return err
	}
	defer conn.Release()
	tx, err := conn.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	setup := []string{`CREATE TEMP TABLE fabric_parcel (e_number text, wkb bytea, area float8, epsg int) ON COMMIT DROP`}
	finish := []string{`INSERT INTO parcel (supply_id, geom, plane_area_m2, gk_epsg, updated_by)
		SELECT s.id, ST_GeomFromEWKB(f.wkb), f.area, f.epsg, 'fabric' FROM fabric_parcel f JOIN supply s USING (e_number)`}
	if !history {
		setup = append(setup, `ALTER TABLE supply DISABLE TRIGGER USER`, `ALTER TABLE parcel DISABLE TRIGGER USER`)
		finish = append(finish, `ALTER TABLE supply ENABLE TRIGGER USER`, `ALTER TABLE parcel ENABLE TRIGGER USER`)
	}
	if err := execAll(ctx, tx, setup); err != nil {
		return err
	}
	contract := time.Date(2020, 6, 1, 0, 0, 0, 0, time.UTC)
	number := func(i int) string { return region + "2020B" + strings.ToUpper(strconv.FormatInt(int64(i), 36)) }
	// Areas and WKB are computed on every core before the COPY.
	wkbs, areas, epsgs := make([][]byte, len(fabric)), make([]float64, len(fabric)), make([]int32, len(fabric))
	var wg sync.WaitGroup
	workers := runtime.GOMAXPROCS(0)
	errs := make([]error, workers)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(fabric); i += workers {
				a, epsg := spatial.PlaneArea(fabric[i])
				b, err := spatial.EncodeEWKB(fabric[i])
				if err != nil && errs[w] == nil {
					errs[w] = err
				}
				wkbs[i], areas[i], epsgs[i] = b, a, int32(epsg)
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	if _, err := tx.CopyFrom(ctx, pgx.Identifier{"supply"}, []string{"e_number", "kind", "method", "region_code",
		"project_name", "area_ha", "land_use_original", "land_use_code", "contract_date", "stage", "updated_by"},
		copyRows(len(fabric), func(i int) []any {
			return []any{number(i), "transfer", "23", region, "generated fabric", areas[i] / 10000, "0701", "0701",
				contract, "supplied", "fabric"}
		})); err != nil {
		return err
	}
	if _, err := tx.CopyFrom(ctx, pgx.Identifier{"fabric_parcel"}, []string{"e_number", "wkb", "area", "epsg"},
		copyRows(len(fabric), func(i int) []any { return []any{number(i), wkbs[i], areas[i], epsgs[i]} })); err != nil {
		return err
	}
	if err := execAll(ctx, tx, finish); err != nil {
		return err
	}
	return tx.Commit(ctx)
}

func execAll(ctx context.Context, tx pgx.Tx, qs []string) error {
	for _, q := range qs {
		if _, err := tx.Exec(ctx, q); err != nil {
			return err
		}
	}
	return nil
}

// copyRows is n rows for CopyFrom, row i given by row.
func copyRows(n int, row func(i int) []any) pgx.CopyFromSource {
	i := -1
	return pgx.CopyFromFunc(func() ([]any, error) {
		i++
		if i == n {
			return nil, nil
		}
		return row(i), nil
	})
}

// streamAnchor times PostgreSQL sending every parcel's id, supply and WKB
// boundary to a reader that discards them.
func streamAnchor(ctx context.Context, st *sql.Store) (time.Duration, error) {
	conn, err := st.Pool().Acquire(ctx)
	if err != nil {
		return 0, err
	}
	defer conn.Release()
	start := time.Now()
	_, err = conn.Conn().PgConn().CopyTo(ctx, io.Discard, `COPY (SELECT p.id, p.supply_id, ST_AsBinary(p.geom), s.e_number, s.stage
		FROM parcel p JOIN supply s ON s.id = p.supply_id) TO STDOUT (FORMAT binary)`)
	return time.Since(start), err
}

// procStatusMB reads a memory line (VmHWM:, VmRSS:) of this process's
// /proc status in MB (0 elsewhere).
func procStatusMB(field string) float64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, field); ok {
			kb, _ := strconv.ParseFloat(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 64)
			return kb / 1024
		}
	}
	return 0
}

// loadAverage is the machine's load average over the last minute, five
// and fifteen ("unknown" elsewhere).
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "unknown"
	}
	return strings.Join(f[:3], ", ")
}
