package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"runtime"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/paulmach/orb"

	"landwatch/seed"
	"landwatch/sql"
	"landwatch/supervision"
)

// bench is `landwatch bench <what> [flags]`. Each benchmark works in scratch
// schemas of DATABASE_URL, dropped afterwards, and writes its figures into
// its own section of BENCHMARKS.md.
func bench(ctx context.Context, cfg config, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return &exitError{code: 2, err: fmt.Errorf("bench: say what to measure: import, startup, overlaps, tiles, reliability, statistics, idle or coverage")}
	}
	switch args[0] {
	case "idle":
		return benchIdle(ctx, args[1:], stdout, stderr)
	case "coverage":
		return benchCoverage(ctx, args[1:], stdout, stderr)
	}
	if err := cfg.needDatabase(); err != nil {
		return err
	}
	switch args[0] {
	case "import":
		return benchImport(ctx, cfg, args[1:], stdout, stderr)
	case "overlaps":
		return benchOverlaps(ctx, cfg, args[1:], stdout, stderr)
	case "startup":
		return benchStartup(ctx, cfg, args[1:], stdout, stderr)
	case "tiles":
		return benchTiles(ctx, cfg, args[1:], stdout, stderr)
	case "reliability":
		return benchReliability(ctx, cfg, args[1:], stdout, stderr)
	case "statistics":
		return benchStatistics(ctx, cfg, args[1:], stdout, stderr)
	default:
		return &exitError{code: 2, err: fmt.Errorf("bench: unknown benchmark %q (known: import, startup, overlaps, tiles, reliability, statistics, idle, coverage)", args[0])}
	}
}

// scratchService builds a service (the one assembly) on a new scratch
// schema and returns it with the schema's URL; close drops the schema.
func scratchService(ctx context.Context, cfg config) (*supervision.Service, string, func(), error) {
	// A schema of its own is the owner's to create, and the bench's
	// service works in it as its owner.
	cfg = cfg.asOwner()
	u, drop, err := sql.Scratch(ctx, cfg.DatabaseURL, "bench")
	if err != nil {
		return nil, "", nil, err
	}
	svc, err := serviceOn(ctx, cfg, u, cfg.TileCacheMB)
	if err != nil {
		_ = drop(ctx)
		return nil, "", nil, err
	}
	return svc, u, func() {
		svc.Close()
		_ = drop(context.Background())
	}, nil
}

// runService runs a service's engine until stop is called, and returns once
// its index is loaded and following the change feed.
func runService(ctx context.Context, svc *supervision.Service) (stop func(), err error) {
	stopEngine, err := svc.Start(ctx)
	if err != nil {
		return nil, err
	}
	return func() { _ = stopEngine() }, nil
}

// runningServiceOn opens a service on the register at url (serviceOn) and
// runs its engine (runService); done stops the engine and closes the
// service.
func runningServiceOn(ctx context.Context, cfg config, url string, cacheMB int) (svc *supervision.Service, done func(), err error) {
	if svc, err = serviceOn(ctx, cfg, url, cacheMB); err != nil {
		return nil, nil, err
	}
	stop, err := runService(ctx, svc)
	if err != nil {
		svc.Close()
		return nil, nil, err
	}
	return svc, func() { stop(); svc.Close() }, nil
}

// serviceOn opens another service on the register at url, with a tile
// cache of cacheMB, as the owner of url's tables (a bench's own register).
func serviceOn(ctx context.Context, cfg config, url string, cacheMB int) (*supervision.Service, error) {
	c := cfg.serviceConfig(quietLog(), io.Discard)
	c.DatabaseURL, c.MigrateURL, c.TileCacheMB = url, "", cacheMB
	return supervision.Open(ctx, c)
}

// rowQuerier is a pool or a connection, to ask the database its version.
type rowQuerier interface {
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

// machine describes where a benchmark ran, with the database db.
func machine(ctx context.Context, db rowQuerier) string {
	cpu := "unknown CPU"
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if strings.HasPrefix(line, "model name") {
				cpu = strings.TrimSpace(line[strings.Index(line, ":")+1:])
				break
			}
		}
	}
	var pg string
	if err := db.QueryRow(ctx, `SELECT split_part(version(), ' on ', 1) || ', PostGIS ' || postgis_lib_version()`).Scan(&pg); err != nil {
		pg = "PostgreSQL (version unknown)"
	}
	return fmt.Sprintf("%d cores (%s), %s, %s, %s", runtime.NumCPU(), cpu, runtime.Version(), pg, time.Now().UTC().Format("2006-01-02"))
}

// writeBenchSection replaces the section named name in BENCHMARKS.md (between
// its begin and end markers) with body, adding it at the end when missing.
func writeBenchSection(path, name, body string) error {
	begin, end := "<!-- bench:"+name+" -->", "<!-- /bench:"+name+" -->"
	old, err := os.ReadFile(path)
	if err != nil && !os.IsNotExist(err) {
		return err
	}
	text := string(old)
	if text == "" {
		text = "# Benchmarks\n\nFigures written by `landwatch bench …`; each section is replaced when its benchmark runs again.\n"
	}
	section := begin + "\n" + strings.TrimSpace(body) + "\n" + end
	i, j := strings.Index(text, begin), strings.Index(text, end)
	if i >= 0 && j > i {
		text = text[:i] + section + text[j+len(end):]
	} else {
		text = strings.TrimRight(text, "\n") + "\n\n" + section + "\n"
	}
	return os.WriteFile(path, []byte(text), 0o644)
}

// quietLog is a logger for benchmarks: warnings and errors only.
func quietLog() *slog.Logger {
	return slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
}

// benchCity is a generated fabric loaded into a scratch register, with an
// engine following it.
type benchCity struct {
	svc      *supervision.Service
	url      string     // DATABASE_URL of its scratch schema
	st       *sql.Store // for the PostGIS anchors
	engine   *supervision.Engine
	fabric   []orb.MultiPolygon
	where    string        // the machine, for the report
	loadTime time.Duration // loading the index of the fabric from PostGIS
	catchUp  time.Duration // from the commit of the fabric to the index holding it
	close    func()
}

// openBenchCity generates n parcels from seed and writes them to a scratch
// register (one supply each) in one transaction while the engine runs: the
// index takes them from the change feed, and the overlap checks the write
// left owed are settled before the city is handed over.
func openBenchCity(ctx context.Context, cfg config, n int, seedN int64, stdout io.Writer) (*benchCity, error) {
	o := seed.Default()
	o.Parcels, o.Seed = n, seedN
	fabric, err := seed.Fabric(o)
	if err != nil {
		return nil, err
	}
	return openBenchFabric(ctx, cfg, o.RegionCode, fabric, nil, stdout)
}

// openBenchFabric is openBenchCity on given parcels, whose supplies carry
// dress (nil for the generated city's listing transfers).
func openBenchFabric(ctx context.Context, cfg config, region string, fabric []orb.MultiPolygon, dress []sql.FabricDress, stdout io.Writer) (*benchCity, error) {
	svc, url, cleanup, err := scratchService(ctx, cfg)
	if err != nil {
		return nil, err
	}
	st := svc.Store()
	c := &benchCity{svc: svc, url: url, st: st, engine: svc.Engine(), fabric: fabric, where: machine(ctx, st.Pool()), close: cleanup}
	stop, err := runService(ctx, svc)
	if err != nil {
		cleanup()
		return nil, err
	}
	c.close = func() { stop(); cleanup() }
	fmt.Fprintf(stdout, "writing %d parcels into PostGIS in one transaction…\n", len(fabric))
	start := time.Now()
	if _, err = st.LoadDressedFabric(ctx, region, fabric, dress); err != nil {
		c.close()
		return nil, err
	}
	committed := time.Now()
	if err := svc.Engine().CatchUp(ctx); err != nil {
		c.close()
		return nil, err
	}
	c.catchUp = time.Since(committed)
	fmt.Fprintf(stdout, "written in %s; in the index %s after the commit\n", committed.Sub(start).Round(time.Millisecond), c.catchUp.Round(time.Millisecond))
	// The anchors are timed without the write's owed checks competing for
	// the database.
	for {
		status, err := svc.Engine().Status(ctx)
		if err != nil {
			c.close()
			return nil, err
		}
		if status.PendingChecks == 0 {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if err := st.Analyze(ctx); err != nil {
		c.close()
		return nil, err
	}
	fmt.Fprintf(stdout, "the write's overlap checks settled %s after the commit\n", time.Since(committed).Round(time.Millisecond))
	// What a start costs: a second service loads the whole index.
	fresh, err := serviceOn(ctx, cfg, url, 0)
	if err != nil {
		c.close()
		return nil, err
	}
	start = time.Now()
	stopFresh, err := runService(ctx, fresh)
	c.loadTime = time.Since(start)
	if err == nil {
		stopFresh()
	}
	fresh.Close()
	if err != nil {
		c.close()
		return nil, err
	}
	fmt.Fprintf(stdout, "index loaded from PostGIS in %s\n", c.loadTime.Round(time.Millisecond))
	return c, nil
}
