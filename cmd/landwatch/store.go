package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"

	"landwatch/land"
	"landwatch/supervision"
)

// serviceConfig is the configuration of the one assembly.
func (c config) serviceConfig(log *slog.Logger, out io.Writer) supervision.Config {
	return supervision.Config{DatabaseURL: c.DatabaseURL, MigrateURL: c.MigrateURL, HolidaysDir: c.HolidaysDir, KeyCitiesFile: c.KeyCitiesFile, Overlap: c.Overlap,
		VerifyMaxDistanceM: c.VerifyDistanceM, VerifyMaxAccuracyM: c.VerifyAccuracyM, TileCacheMB: c.TileCacheMB, Zone: c.Zone, FeedRetention: c.FeedRetention, Log: log,
		Idle: c.Idle, LateDays: c.LateDays, Reporting: c.Reporting, AuditKey: c.AuditKey, DB: c.DB,
		Progress: func(s string) { fmt.Fprintln(out, "landwatch:", s) }}
}

// openService builds the service (supervision.Open) without starting its
// engine: for the commands that need no index.
func openService(ctx context.Context, cfg config, out io.Writer) (*supervision.Service, error) {
	if err := cfg.needDatabase(); err != nil {
		return nil, err
	}
	return supervision.Open(ctx, cfg.serviceConfig(quietLog(), out))
}

// startService builds the service and runs its engine until stop is
// called, returning once the index is loaded: for the commands whose use
// cases need the index (imports check overlaps, scans read footprints).
func startService(ctx context.Context, cfg config, out io.Writer) (svc *supervision.Service, stop func(), err error) {
	if svc, err = openService(ctx, cfg, out); err != nil {
		return nil, nil, err
	}
	stopEngine, err := svc.Start(ctx)
	if err != nil {
		svc.Close()
		return nil, nil, err
	}
	return svc, func() { _ = stopEngine(); svc.Close() }, nil
}

// operator is the scope of the operator at the command line: a named
// system actor, since the command line is the operator's own.
func operator(command string) land.Scope { return land.SystemScope(command + ":" + whoAmI()) }

func migrate(ctx context.Context, cfg config, args []string, out io.Writer) error {
	if len(args) > 0 {
		return &exitError{code: 2, err: fmt.Errorf("migrate takes no arguments")}
	}
	svc, err := openService(ctx, cfg, out)
	if err != nil {
		return err
	}
	svc.Close()
	fmt.Fprintln(out, "landwatch: database is up to date")
	return nil
}
