package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"landwatch/api"
	"landwatch/land"
	"landwatch/supervision"
	webmap "landwatch/web-map"
)

func serve(ctx context.Context, cfg config, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	if err := fs.Parse(args); err != nil {
		return &exitError{code: 2, err: err}
	}
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	log.Info("starting", "config", cfg.String())
	defer holdGCFloor(cfg.GCFloorMB)()
	if cfg.AuditKey.ID() == "" {
		log.Warn("no audit key (LANDWATCH_AUDIT_KEY or LANDWATCH_AUDIT_KEY_FILE): audit entries are sealed by SHA-256 alone, which whoever can write the table can recompute")
	}
	if cfg.MigrateURL == "" {
		log.Warn("no LANDWATCH_MIGRATE_URL: the service runs as the tables' owner, which may change or remove audit entries (the keyed chain shows it): the audit log is tamper-evident, not tamper-proof; " +
			"migrate as the owner with LANDWATCH_MIGRATE_URL and serve as a role of its own with DATABASE_URL")
	}
	// Listen first, so that a busy port fails at once.
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", cfg.Addr, err)
	}
	defer ln.Close()
	if err := cfg.needDatabase(); err != nil {
		return err
	}
	svc, err := supervision.Open(ctx, cfg.serviceConfig(log, stderr))
	if err != nil {
		return err
	}
	defer svc.Close()
	engineDone := make(chan error, 1)
	go func() { engineDone <- svc.Run(ctx) }()
	handler := api.New(api.Config{Service: svc, Log: log, MapFiles: webmap.Files(),
		Profile: cfg.Profile, InternalNetworks: cfg.InternalNetworks, TrustedProxies: cfg.TrustedProxies, Instances: cfg.Instances,
		ReadTimeout: cfg.ReadTimeout, WriteTimeout: cfg.WriteTimeout, Basemap: cfg.Basemap, PublicURL: cfg.PublicURL})
	go handler.RecordTileReads(ctx)
	go dailyScan(ctx, svc, auditPruner(cfg, svc), cfg.AuditRetention, log)
	go reloadHolidaysOnHangup(ctx, svc, log)
	srv := &http.Server{
		Handler:           handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       5 * time.Minute,
		WriteTimeout:      5 * time.Minute,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	fmt.Fprintf(stdout, "landwatch: serving on http://%s\n", ln.Addr())
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down")
	shutCtx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutCtx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	handler.FlushTileReads(shutCtx) // the last minute's tile reads, before the store closes
	return <-engineDone
}

// dailyScan runs the idle-land scan at start and then every day, so that
// findings open and close as the days pass without anyone asking.
func dailyScan(ctx context.Context, svc *supervision.Service, pruneAudit func(context.Context, time.Time) (int64, error), keepAudit time.Duration, log *slog.Logger) {
	if svc.WaitReady(ctx) != nil {
		return
	}
	for {
		res, err := svc.ScanIdle(ctx, land.SystemScope("daily-scan"), svc.Rules().Today(), true)
		if err != nil && ctx.Err() == nil {
			log.Warn("daily idle-land scan failed", "err", err)
		} else if err == nil {
			log.Info("daily idle-land scan", "suspected", res.Suspected, "new", res.New, "closed", res.Closed)
		}
		if rep, err := svc.ScanReporting(ctx, land.SystemScope("daily-scan"), svc.Rules().Today()); err != nil && ctx.Err() == nil {
			log.Warn("daily reporting scan failed", "err", err)
		} else if err == nil {
			log.Info("daily reporting scan", "late_entries", rep.LateEntries, "new", rep.LateEntryNew, "closed", rep.LateEntryClosed,
				"start_unbuilt", rep.StartUnbuilt, "area_mismatch", rep.AreaMismatch, "no_boundary", rep.NoBoundary)
		}
		if n, err := pruneAudit(ctx, time.Now().Add(-keepAudit)); err != nil && ctx.Err() == nil {
			log.Warn("audit log retention failed", "err", err)
		} else if n > 0 {
			log.Info("audit log retention", "removed", n, "kept", keepAudit)
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(24 * time.Hour):
		}
	}
}

// reloadHolidaysOnHangup loads the LANDWATCH_HOLIDAYS folder again on
// SIGHUP: an operator drops next year's arrangement there and signals. The
// calendar is the service's one, so every computation counts with it.
func reloadHolidaysOnHangup(ctx context.Context, svc *supervision.Service, log *slog.Logger) {
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	defer signal.Stop(hup)
	for {
		select {
		case <-ctx.Done():
			return
		case <-hup:
			names, err := svc.ReloadHolidays()
			if err != nil {
				log.Error("reloading holiday arrangements", "err", err)
				continue
			}
			log.Info("holiday arrangements reloaded", "files", len(names), "years", svc.Rules().Calendar.Years())
		}
	}
}
