package supervision

import (
	"context"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"sync/atomic"
	"time"

	"github.com/paulmach/orb"

	"landwatch/land"
	"landwatch/reference"
	"landwatch/spatial"
	"landwatch/sql"
	"landwatch/tiles"
)

// Config is what Open needs to build a ready service: where the register
// is and the values of the rules.
type Config struct {
	// DatabaseURL is the register the service works in, as its own login
	// role.
	DatabaseURL string
	// MigrateURL is the same register as the tables' owner, which applies
	// the migrations and then grants DatabaseURL's role what the service
	// needs (sql.Store.GrantService: on audit_log reading and adding
	// only). "" means DatabaseURL's role is the owner and migrates itself:
	// the audit log is then tamper-evident (the keyed chain), not
	// tamper-proof.
	MigrateURL string
	// HolidaysDir holds newer holiday arrangements (2027.json …) loaded over
	// the embedded ones; "" for none. ReloadHolidays reads it again.
	HolidaysDir string
	// KeyCitiesFile is a list of the 84 key cities (key_cities.csv's
	// columns) that replaces the shipped one; "" for the shipped one.
	KeyCitiesFile string
	// Overlap sets the overlap thresholds; the zero value means
	// spatial.DefaultOverlapRule.
	Overlap spatial.OverlapRule
	// Idle is the idle-land rule; the zero value means land.DefaultIdleRule.
	Idle land.IdleRule
	// LateDays is the lag in working days past which an entry is late; 0
	// means 7 (DESIGN §4.1).
	LateDays int
	// Reporting holds the checks of false and concealed reporting; the
	// zero value means land.DefaultReportingRule.
	Reporting land.ReportingRule
	// Zone is the zone of "today" and of recording dates; nil means
	// Asia/Shanghai: the law's days are Beijing days whatever the host's.
	Zone *time.Location
	// VerifyMaxDistanceM and VerifyMaxAccuracyM limit field verifications
	// (0: 100 m and 50 m).
	VerifyMaxDistanceM, VerifyMaxAccuracyM float64
	// AuditKey seals the audit chain (LANDWATCH_AUDIT_KEY); the zero key
	// writes unkeyed entries, which a keyed chain refuses.
	AuditKey sql.AuditKey
	// TileCacheMB bounds the tile cache; 0 turns it off.
	TileCacheMB int
	// FeedRetention is how long the change feed keeps entries for an
	// instance that stopped reading; 0 means the engine's default.
	FeedRetention time.Duration
	// DB sizes the connection pools and bounds lock waits; the zero value
	// means sql's defaults.
	DB sql.Limits
	// Now is the clock; nil means time.Now (tests set it).
	Now func() time.Time
	// Log receives the engine's and the service's notices; nil means
	// slog.Default.
	Log *slog.Logger
	// Progress hears what Open does that an operator should see (each
	// migration applied); nil says nothing.
	Progress func(string)
}

// Open is the one assembly of landwatch: it connects to the register,
// applies the migrations, loads the administrative divisions and the
// working-day calendar, builds the rules once and shares them between the
// store and the service, and returns a service whose engine is not yet
// running (Run starts it; WaitReady waits for the index). The command line,
// the tests and the benchmarks all build their service here.
func Open(ctx context.Context, c Config) (*Service, error) {
	if c.DatabaseURL == "" {
		return nil, land.Invalid("DATABASE_URL", "is not set: run scripts/run, which sets up a local PostGIS, or point it at one")
	}
	rules, err := newRules(c)
	if err != nil {
		return nil, err
	}
	var applied []string
	if c.MigrateURL != "" {
		if applied, err = migrateAsOwner(ctx, c); err != nil {
			return nil, err
		}
	}
	st, err := sql.OpenWith(ctx, c.DatabaseURL, c.DB)
	if err != nil {
		return nil, err
	}
	fail := func(err error) (*Service, error) {
		st.Close()
		return nil, err
	}
	if c.MigrateURL == "" {
		if applied, err = st.Migrate(ctx); err != nil {
			return fail(err)
		}
	}
	for _, name := range applied {
		if c.Progress != nil {
			c.Progress("applied migration " + name)
		}
	}
	regions, err := sql.LoadRegions(reference.FS)
	if err != nil {
		return fail(err)
	}
	if err := st.SeedRegions(ctx, regions); err != nil {
		return fail(err)
	}
	rules.Regions = regions
	if rules.KeyCities, err = loadKeyCities(regions, c.KeyCitiesFile); err != nil {
		return fail(err)
	}
	st.Configure(sql.Options{Rules: rules, Regions: regions, VerifyMaxDistanceM: c.VerifyMaxDistanceM, VerifyMaxAccuracyM: c.VerifyMaxAccuracyM,
		AuditKey: c.AuditKey})
	log := c.Log
	if log == nil {
		log = slog.Default()
	}
	cache := tiles.NewCache(int64(c.TileCacheMB) << 20)
	engine := NewEngine(st, EngineOptions{Log: log, Rule: rules.Overlap, Retention: c.FeedRetention, OnReload: cache.Clear,
		OnChange: func(old, new orb.Bound) {
			cache.Invalidate(old)
			cache.Invalidate(new)
		}})
	svc := &Service{store: st, engine: engine, rules: rules, tiles: cache, log: log, holidaysDir: c.HolidaysDir}
	if err := svc.LoadBoundaries(ctx); err != nil {
		return fail(err)
	}
	return svc, nil
}

// migrateAsOwner applies the migrations as the tables' owner (MigrateURL)
// and grants the service's role, DatabaseURL's user, what it needs on the
// tables as they now are.
func migrateAsOwner(ctx context.Context, c Config) ([]string, error) {
	role, err := sql.RoleOf(c.DatabaseURL)
	if err != nil {
		return nil, err
	}
	owner, err := sql.OpenWith(ctx, c.MigrateURL, sql.Limits{Pool: 2, DoorPool: 1, LockTimeout: c.DB.LockTimeout})
	if err != nil {
		return nil, fmt.Errorf("LANDWATCH_MIGRATE_URL: %w", err)
	}
	defer owner.Close()
	applied, err := owner.Migrate(ctx)
	if err != nil {
		return applied, err
	}
	return applied, owner.GrantService(ctx, role)
}

// Rules are the values every rule is computed with, built once by Open and
// shared by the store and the service, so that new holidays loaded while
// serving reach every computation at once.
type Rules struct {
	// Calendar counts working days (调休 included). It is shared, not
	// copied: ReloadHolidays adds years to it in place.
	Calendar *land.Calendar
	// Regions are the administrative divisions records are checked against.
	Regions *land.Regions
	// KeyCities are the 84 key cities that report beside the provinces.
	KeyCities []land.KeyCity
	Overlap   spatial.OverlapRule
	Idle      land.IdleRule
	LateDays  int
	// Reporting are the thresholds of the signs of false or concealed
	// reporting (通报).
	Reporting land.ReportingRule
	Zone      *time.Location
	now       func() time.Time
	// boundaries are the loaded administrative boundaries, swapped whole
	// when an import changes them, read by every parcel check.
	boundaries atomic.Pointer[spatial.Boundaries]
}

// Boundaries are the administrative boundaries parcels are checked
// against (nil: none loaded).
func (r *Rules) Boundaries() *spatial.Boundaries { return r.boundaries.Load() }

// SetBoundaries replaces the boundaries parcels are checked against.
func (r *Rules) SetBoundaries(b *spatial.Boundaries) { r.boundaries.Store(b) }

func newRules(c Config) (*Rules, error) {
	r := &Rules{Overlap: c.Overlap, Idle: c.Idle, LateDays: c.LateDays, Reporting: c.Reporting, Zone: c.Zone, now: c.Now}
	if r.Reporting == (land.ReportingRule{}) {
		r.Reporting = land.DefaultReportingRule()
	}
	if r.Overlap == (spatial.OverlapRule{}) {
		r.Overlap = spatial.DefaultOverlapRule()
	}
	if r.Idle == (land.IdleRule{}) {
		r.Idle = land.DefaultIdleRule()
	}
	if err := r.Idle.Check(); err != nil {
		return nil, err
	}
	if r.LateDays == 0 {
		r.LateDays = 7
	}
	if r.LateDays < 0 {
		return nil, land.Invalid("late_days", "the late-entry threshold is a number of working days, not %d", r.LateDays)
	}
	if r.Zone == nil {
		// A fixed offset, not the tz database: China has kept UTC+8 without
		// daylight saving since 1991, and hosts may lack the database.
		r.Zone = time.FixedZone("Asia/Shanghai", 8*3600)
	}
	if r.now == nil {
		r.now = time.Now
	}
	var err error
	r.Calendar, err = NewCalendar(c.HolidaysDir)
	return r, err
}

// NewCalendar is the working-day calendar of the embedded State Council
// arrangements with the year files of dir ("" for none) over them.
func NewCalendar(dir string) (*land.Calendar, error) {
	sub, err := fs.Sub(reference.FS, "holiday-cn")
	if err != nil {
		return nil, err
	}
	cal, err := land.LoadCalendar(sub)
	if err != nil {
		return nil, err
	}
	if _, err := loadHolidays(cal, dir); err != nil {
		return nil, err
	}
	return cal, nil
}

// Today is the day it is now in the rules' zone.
func (r *Rules) Today() land.Date { return land.DateOf(r.now().In(r.Zone)) }

// Now is the rules' clock.
func (r *Rules) Now() time.Time { return r.now() }

// loadHolidays adds every year file of dir to cal (nothing when dir is
// empty) and returns the files read.
func loadHolidays(cal *land.Calendar, dir string) ([]string, error) {
	if dir == "" {
		return nil, nil
	}
	names, err := filepath.Glob(filepath.Join(dir, "[0-9][0-9][0-9][0-9].json"))
	if err != nil {
		return nil, err
	}
	for _, name := range names {
		f, err := os.Open(name)
		if err != nil {
			return nil, fmt.Errorf("LANDWATCH_HOLIDAYS: %w", err)
		}
		err = cal.AddYear(f)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("LANDWATCH_HOLIDAYS: %s: %w", filepath.Base(name), err)
		}
	}
	return names, nil
}
