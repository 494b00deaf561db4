// Command landwatch runs China's land market dynamic monitoring and
// supervision system (土地市场动态监测与监管): one binary with the
// subcommands serve, migrate, import and seed.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	_ "time/tzdata" // LANDWATCH_TZ on hosts without a time zone database
)

const usage = `usage: landwatch <command> [flags]

commands:
  serve     apply migrations and serve the API, tiles and map on LANDWATCH_ADDR
  migrate   apply the database migrations and load the administrative divisions
  import    import supply results (CSV, .xlsx, JSON), reserves (CSV, .xlsx), coordinate files (.txt) or GeoJSON
  seed      load the deterministic demo city
  overlaps  scan for overlapping supplies (重复供地) and record findings
  scan      [--as-of DATE]: the idle-land rule over every supply, recording findings
  audit     verify [--anchor LINE]: check the audit log's hash chain, keyed by LANDWATCH_AUDIT_KEY
            (exit 1 naming the first broken entry); anchor: print the log's head to keep elsewhere;
            prune [--keep 183d]: remove entries older than the retention (at least 183 days)
  user      add NAME --role ROLE --region CODE | passwd NAME | disable NAME | enable NAME |
            list [--region CODE] | token NAME --label LABEL | revoke TOKEN-ID: accounts and tokens
  workdays  --from DATE --add N: the last day of "within N working days after DATE"
  bench     measure (import, overlaps, tiles, idle, coverage); figures into BENCHMARKS.md

environment:
  DATABASE_URL          the PostGIS to use (required)
  LANDWATCH_ADDR        listen address of serve (default 127.0.0.1:8080)
  LANDWATCH_PROFILE     internal or external (default internal)
  LANDWATCH_INTERNAL_NETWORKS  CIDRs whose clients may receive coordinates
  LANDWATCH_TILE_CACHE_MB      tile cache size in MB; 0 turns it off
  LANDWATCH_HOLIDAYS           a folder of newer holiday arrangements (2027.json …) to load
  LANDWATCH_TZ                 the zone of "today" and of lags (default Asia/Shanghai)
`

// exitError ends the program with a given exit status after its message.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit status %d", e.code)
	}
	return e.err.Error()
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr)
	stop()
	if err == nil {
		return
	}
	code := 2
	var ee *exitError
	if errors.As(err, &ee) {
		code = ee.code
		if ee.err == nil {
			os.Exit(code)
		}
	}
	fmt.Fprintln(os.Stderr, "landwatch:", err)
	os.Exit(code)
}

// run is the whole program; main only turns its error into an exit status.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return &exitError{code: 2}
	}
	cmd, rest := args[0], args[1:]
	if cmd == "workdays" {
		return workdays(rest, getenv("LANDWATCH_HOLIDAYS"), stdout, stderr)
	}
	cfg, err := loadConfig(getenv)
	if err != nil {
		return err
	}
	switch cmd {
	case "serve":
		return serve(ctx, cfg, rest, stdout, stderr)
	case "migrate":
		return migrate(ctx, cfg, rest, stdout)
	case "import":
		return importFiles(ctx, cfg, rest, stdout, stderr)
	case "seed":
		return seedDemo(ctx, cfg, rest, stdout)
	case "bench":
		return bench(ctx, cfg, rest, stdout, stderr)
	case "overlaps":
		return overlapScan(ctx, cfg, rest, stdout, stderr)
	case "scan":
		return scan(ctx, cfg, rest, stdout, stderr)
	case "audit":
		return auditCmd(ctx, cfg, rest, stdout, stderr)
	case "user":
		return userCmd(ctx, cfg, rest, os.Stdin, stdout, stderr)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	default:
		fmt.Fprint(stderr, usage)
		return &exitError{code: 2, err: fmt.Errorf("unknown command %q", cmd)}
	}
}
