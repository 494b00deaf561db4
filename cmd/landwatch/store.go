package main

import (
	"context"
	"fmt"
	"io"

	"landwatch/reference"
	"landwatch/sql"
	"landwatch/supervision"
)

// openStore connects, applies the migrations, loads the administrative
// divisions and configures the store's rules.
func openStore(ctx context.Context, cfg config, out io.Writer) (*sql.Store, error) {
	if err := cfg.needDatabase(); err != nil {
		return nil, err
	}
	st, err := sql.Open(ctx, cfg.DatabaseURL)
	if err != nil {
		return nil, err
	}
	applied, err := st.Migrate(ctx)
	if err != nil {
		st.Close()
		return nil, err
	}
	for _, name := range applied {
		fmt.Fprintln(out, "landwatch: applied migration", name)
	}
	regions, err := sql.LoadRegions(reference.FS)
	if err != nil {
		st.Close()
		return nil, err
	}
	if err := st.SeedRegions(ctx, regions); err != nil {
		st.Close()
		return nil, err
	}
	cal, err := calendar(cfg.HolidaysDir)
	if err != nil {
		st.Close()
		return nil, err
	}
	st.Configure(sql.Options{Regions: regions, Calendar: cal, VerifyMaxDistanceM: cfg.VerifyDistanceM, VerifyMaxAccuracyM: cfg.VerifyAccuracyM})
	return st, nil
}

func migrate(ctx context.Context, cfg config, args []string, out io.Writer) error {
	if len(args) > 0 {
		return &exitError{code: 2, err: fmt.Errorf("migrate takes no arguments")}
	}
	st, err := openStore(ctx, cfg, out)
	if err != nil {
		return err
	}
	st.Close()
	fmt.Fprintln(out, "landwatch: database is up to date")
	return nil
}

// openEngine opens the store and starts an engine on it, for the commands
// that need the index; done stops both.
func openEngine(ctx context.Context, cfg config, out io.Writer) (*supervision.Engine, func(), error) {
	st, err := openStore(ctx, cfg, out)
	if err != nil {
		return nil, nil, err
	}
	engine, stop, err := startEngine(ctx, st, supervision.EngineOptions{Rule: cfg.Overlap, Log: quietLog()})
	if err != nil {
		st.Close()
		return nil, nil, err
	}
	return engine, func() { stop(); st.Close() }, nil
}
