package main

import (
	"errors"
	"fmt"
	"net/netip"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"

	"landwatch/api"
	"landwatch/land"
	"landwatch/spatial"
	"landwatch/sql"
)

// config is landwatch's typed configuration, read from the environment.
type config struct {
	DatabaseURL      string
	MigrateURL       string // the tables' owner, which migrates and grants DatabaseURL's role its privileges; "" runs as the owner
	Addr             string
	Profile          string
	InternalNetworks []netip.Prefix
	TrustedProxies   []netip.Prefix // reverse proxies whose X-Forwarded-For is believed
	AuditRetention   time.Duration  // how long audit entries are kept; never under six months
	TileCacheMB      int
	GCFloorMB        int // the heap the collector counts before it runs (gcfloor.go); 0 for none
	Overlap          spatial.OverlapRule
	HolidaysDir      string // more holiday arrangement files, loaded over the embedded ones
	KeyCitiesFile    string // the ministry's list of the 84 key cities, replacing the shipped one
	VerifyDistanceM  float64
	VerifyAccuracyM  float64
	Zone             *time.Location     // the zone of "today", recording dates and lags
	FeedRetention    time.Duration      // how long the change feed waits for an instance that stopped reading
	Idle             land.IdleRule      // the thresholds of the idle-land rule (Order No. 53)
	LateDays         int                // the lag in working days past which an entry is late
	Reporting        land.ReportingRule // the thresholds of the signs of false or concealed reporting
	Instances        int                // how many instances serve behind the balancer (each allows its share of the public rate limit)
	AuditKey         sql.AuditKey       // seals the audit chain; never printed
	DB               sql.Limits         // the pools' sizes and how long a statement waits for a lock
	ReadTimeout      time.Duration      // how long a read's database work may take before it is answered 503
	WriteTimeout     time.Duration      // the same for a write (imports and scans excepted)
	Basemap          api.Basemap        // a raster basemap under the parcels (LANDWATCH_BASEMAP); its origin alone is admitted by the CSP
	PublicURL        string             // where clients reach landwatch (LANDWATCH_PUBLIC_URL); "" takes it from each request
}

func loadConfig(getenv func(string) string) (config, error) {
	c := config{
		DatabaseURL:   getenv("DATABASE_URL"),
		MigrateURL:    getenv("LANDWATCH_MIGRATE_URL"),
		Addr:          orDefault(getenv("LANDWATCH_ADDR"), "127.0.0.1:8080"),
		Profile:       orDefault(getenv("LANDWATCH_PROFILE"), "internal"),
		TileCacheMB:   256,
		GCFloorMB:     64,
		Overlap:       spatial.DefaultOverlapRule(),
		HolidaysDir:   getenv("LANDWATCH_HOLIDAYS"),
		KeyCitiesFile: getenv("LANDWATCH_KEY_CITIES"),
		LateDays:      7,
		DB:            sql.Limits{Pool: sql.DefaultPoolSize(), LockTimeout: 5 * time.Second},
		ReadTimeout:   10 * time.Second, WriteTimeout: 30 * time.Second,
	}
	var err error
	if c.Basemap, err = api.ParseBasemap(getenv("LANDWATCH_BASEMAP")); err != nil {
		return c, fmt.Errorf("LANDWATCH_BASEMAP: %w", err)
	}
	if c.PublicURL, err = api.ParsePublicURL(getenv("LANDWATCH_PUBLIC_URL")); err != nil {
		return c, fmt.Errorf("LANDWATCH_PUBLIC_URL: %w", err)
	}
	if c.Idle, err = idleRule(getenv); err != nil {
		return c, err
	}
	if v := getenv("LANDWATCH_LATE_WORKDAYS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 365 {
			return c, fmt.Errorf("LANDWATCH_LATE_WORKDAYS: %q is not a whole number of working days from 1 to 365", v)
		}
		c.LateDays = n
	}
	if c.Reporting, err = reportingRule(getenv); err != nil {
		return c, err
	}
	if c.Zone, err = zone(orDefault(getenv("LANDWATCH_TZ"), "Asia/Shanghai")); err != nil {
		return c, err
	}
	if c.Profile != "internal" && c.Profile != "external" {
		return c, fmt.Errorf("LANDWATCH_PROFILE: %q is neither internal nor external", c.Profile)
	}
	if c.InternalNetworks, err = prefixes("LANDWATCH_INTERNAL_NETWORKS", orDefault(getenv("LANDWATCH_INTERNAL_NETWORKS"), "127.0.0.0/8,::1/128")); err != nil {
		return c, err
	}
	if c.TrustedProxies, err = prefixes("LANDWATCH_TRUSTED_PROXIES", getenv("LANDWATCH_TRUSTED_PROXIES")); err != nil {
		return c, err
	}
	if c.AuditRetention, err = parseRetention(orDefault(getenv("LANDWATCH_AUDIT_RETENTION"), "365d")); err != nil {
		return c, fmt.Errorf("LANDWATCH_AUDIT_RETENTION: %w", err)
	}
	if c.AuditKey, err = auditKey(getenv); err != nil {
		return c, err
	}
	if v := getenv("LANDWATCH_FEED_RETENTION"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d < time.Minute {
			return c, fmt.Errorf("LANDWATCH_FEED_RETENTION: %q is not a duration of a minute or more such as 1h", v)
		}
		c.FeedRetention = d
	}
	c.Instances = 1
	if v := getenv("LANDWATCH_INSTANCES"); v != "" {
		if c.Instances, err = strconv.Atoi(v); err != nil || c.Instances < 1 {
			return c, fmt.Errorf("LANDWATCH_INSTANCES: %q is not a number of instances (1 or more)", v)
		}
	}
	if v := getenv("LANDWATCH_TILE_CACHE_MB"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return c, fmt.Errorf("LANDWATCH_TILE_CACHE_MB: %q is not a whole number of megabytes", v)
		}
		c.TileCacheMB = n
	}
	if v := getenv("LANDWATCH_GC_FLOOR_MB"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 || n > 1<<16 {
			return c, fmt.Errorf("LANDWATCH_GC_FLOOR_MB: %q is not a whole number of megabytes from 0 to 65536", v)
		}
		c.GCFloorMB = n
	}
	if getenv("GOGC") != "" || getenv("GOMEMLIMIT") != "" {
		c.GCFloorMB = 0 // the operator paces the collector
	}
	if v := getenv("LANDWATCH_DB_POOL"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 2 || n > 1000 {
			return c, fmt.Errorf("LANDWATCH_DB_POOL: %q is not a number of connections from 2 to 1000", v)
		}
		c.DB.Pool = n
	}
	for _, d := range []struct {
		name string
		dst  *time.Duration
	}{{"LANDWATCH_LOCK_TIMEOUT", &c.DB.LockTimeout}, {"LANDWATCH_READ_TIMEOUT", &c.ReadTimeout}, {"LANDWATCH_WRITE_TIMEOUT", &c.WriteTimeout}} {
		if v := getenv(d.name); v != "" {
			x, err := time.ParseDuration(v)
			if err != nil || x < 100*time.Millisecond || x > time.Hour {
				return c, fmt.Errorf("%s: %q is not a duration from 100ms to 1h such as 5s", d.name, v)
			}
			*d.dst = x
		}
	}
	for _, f := range []struct {
		name string
		dst  *float64
		max  float64
	}{{"LANDWATCH_OVERLAP_MIN_M2", &c.Overlap.MinAreaM2, 1e6}, {"LANDWATCH_OVERLAP_MIN_SHARE", &c.Overlap.MinShare, 1},
		{"LANDWATCH_VERIFY_MAX_DISTANCE_M", &c.VerifyDistanceM, 10000}, {"LANDWATCH_VERIFY_MAX_ACCURACY_M", &c.VerifyAccuracyM, 10000}} {
		if v := getenv(f.name); v != "" {
			x, err := strconv.ParseFloat(v, 64)
			if err != nil || x < 0 || x > f.max {
				return c, fmt.Errorf("%s: %q is not a number from 0 to %g", f.name, v, f.max)
			}
			*f.dst = x
		}
	}
	return c, nil
}

// auditKey reads the key of the audit chain from LANDWATCH_AUDIT_KEY, or
// from the file LANDWATCH_AUDIT_KEY_FILE names (its blanks at either end
// dropped): a key kept outside the database, so that who can write the
// audit table cannot reseal a changed entry. Neither set is no key.
func auditKey(getenv func(string) string) (sql.AuditKey, error) {
	secret, file := getenv("LANDWATCH_AUDIT_KEY"), getenv("LANDWATCH_AUDIT_KEY_FILE")
	switch {
	case secret != "" && file != "":
		return sql.AuditKey{}, fmt.Errorf("LANDWATCH_AUDIT_KEY and LANDWATCH_AUDIT_KEY_FILE are both set: set one")
	case file != "":
		b, err := os.ReadFile(file)
		if err != nil {
			return sql.AuditKey{}, fmt.Errorf("LANDWATCH_AUDIT_KEY_FILE: %w", err)
		}
		secret = strings.TrimSpace(string(b))
	case secret == "":
		return sql.AuditKey{}, nil
	}
	k, err := sql.NewAuditKey([]byte(secret))
	if err != nil {
		return k, fmt.Errorf("LANDWATCH_AUDIT_KEY: %w", err)
	}
	return k, nil
}

// idleRule reads the thresholds of the idle-land rule (DESIGN §4.2) over
// the Order's values: each setting is named after the rule's field, and a
// value the rule refuses is refused by the setting's name.
func idleRule(getenv func(string) string) (land.IdleRule, error) {
	r := land.DefaultIdleRule()
	settings := []struct {
		name, field string
		years       *int
		share       *float64
	}{
		{"LANDWATCH_IDLE_NOT_STARTED_YEARS", "not_started_after_years", &r.NotStartedAfter, nil},
		{"LANDWATCH_IDLE_START_AFTER_DELIVERY_YEARS", "start_after_delivery_years", &r.StartAfterDelivery, nil},
		{"LANDWATCH_IDLE_DEVELOPED_SHARE", "developed_share_below", nil, &r.DevelopedShareBelow},
		{"LANDWATCH_IDLE_INVESTED_SHARE", "invested_share_below", nil, &r.InvestedShareBelow},
		{"LANDWATCH_IDLE_HALTED_YEARS", "halted_for_years", &r.HaltedFor, nil},
		{"LANDWATCH_IDLE_FEE_SHARE", "fee_share", nil, &r.FeeShare},
		{"LANDWATCH_IDLE_RECOVERY_YEARS", "recovery_after_years", &r.RecoveryAfter, nil},
		{"LANDWATCH_IDLE_EXTENSION_YEARS", "extension_max_years", &r.ExtensionMax, nil},
		{"LANDWATCH_IDLE_TEMPORARY_USE_YEARS", "temporary_use_max_years", &r.TemporaryUseMax, nil},
	}
	for _, s := range settings {
		v := getenv(s.name)
		if v == "" {
			continue
		}
		var err error
		if s.years != nil {
			*s.years, err = strconv.Atoi(v)
		} else {
			*s.share, err = strconv.ParseFloat(v, 64)
		}
		if err != nil {
			return r, fmt.Errorf("%s: %q is not a number", s.name, v)
		}
	}
	if err := r.Check(); err != nil {
		var refused *land.Error
		if errors.As(err, &refused) {
			for _, s := range settings {
				if s.field == refused.Field {
					return r, fmt.Errorf("%s: %s", s.name, refused.Message)
				}
			}
		}
		return r, err
	}
	return r, nil
}

// zone reads LANDWATCH_TZ (the binary carries the time zone database, so
// a host without one reads it too).
func zone(name string) (*time.Location, error) {
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, fmt.Errorf("LANDWATCH_TZ: %q is not a time zone such as Asia/Shanghai", name)
	}
	return loc, nil
}

// needDatabase checks that DATABASE_URL is set.
func (c config) needDatabase() error {
	if c.DatabaseURL == "" {
		return fmt.Errorf("DATABASE_URL is not set: run scripts/run, which sets up a local PostGIS, or point it at one")
	}
	return nil
}

// asOwner is the configuration connecting as the tables' owner, for what
// only the owner may do (pruning the audit log, scratch schemas): the
// service's role may only add to the audit log.
func (c config) asOwner() config {
	if c.MigrateURL != "" {
		c.DatabaseURL, c.MigrateURL = c.MigrateURL, ""
	}
	return c
}

// String prints the configuration with the database password masked.
func (c config) String() string {
	nets := make([]string, len(c.InternalNetworks))
	for i, p := range c.InternalNetworks {
		nets[i] = p.String()
	}
	r := c.Idle
	return fmt.Sprintf("database=%s migrate=%s addr=%s profile=%s internal_networks=%s audit=%s tile_cache_mb=%d gc_floor_mb=%d overlap_min_m2=%g overlap_min_share=%g tz=%s"+
		" idle_not_started_years=%d idle_start_after_delivery_years=%d idle_halted_years=%d idle_recovery_years=%d"+
		" idle_developed_share=%.4g idle_invested_share=%.4g idle_fee_share=%g idle_extension_years=%d idle_temporary_use_years=%d late_workdays=%d instances=%d basemap=%q public_url=%q",
		maskURL(c.DatabaseURL), maskURL(c.MigrateURL), c.Addr, c.Profile, strings.Join(nets, ","), c.AuditKey, c.TileCacheMB, c.GCFloorMB, c.Overlap.MinAreaM2, c.Overlap.MinShare, c.Zone,
		r.NotStartedAfter, r.StartAfterDelivery, r.HaltedFor, r.RecoveryAfter, r.DevelopedShareBelow, r.InvestedShareBelow, r.FeeShare,
		r.ExtensionMax, r.TemporaryUseMax, c.LateDays, c.Instances, maskQuery(c.Basemap.Template), c.PublicURL)
}

func maskURL(s string) string {
	u, err := url.Parse(s)
	if err != nil || u.User == nil {
		return s
	}
	if _, ok := u.User.Password(); ok {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	return u.String()
}

// maskQuery hides a URL template's query, where a tile service's key
// (Tianditu's tk=) goes.
func maskQuery(s string) string {
	if i := strings.IndexByte(s, '?'); i >= 0 {
		return s[:i] + "?xxxxx"
	}
	return s
}

func orDefault(v, d string) string {
	if v == "" {
		return d
	}
	return v
}

// prefixes reads a comma-separated list of CIDRs (a bare address is one
// host); an empty list is none.
func prefixes(name, v string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, s := range strings.Split(v, ",") {
		if s = strings.TrimSpace(s); s == "" {
			continue
		}
		p, err := netip.ParsePrefix(s)
		if err != nil {
			a, aerr := netip.ParseAddr(s)
			if aerr != nil {
				return nil, fmt.Errorf("%s: %q is not a CIDR such as 10.0.0.0/8", name, s)
			}
			p = netip.PrefixFrom(a, a.BitLen())
		}
		out = append(out, p.Masked())
	}
	return out, nil
}

// reportingRule reads the thresholds of the reporting checks (通报): the
// tolerance between a supply's declared and measured area and the days
// after its entry by which it must have boundaries.
func reportingRule(getenv func(string) string) (land.ReportingRule, error) {
	r := land.DefaultReportingRule()
	if v := getenv("LANDWATCH_AREA_TOLERANCE"); v != "" {
		f, err := strconv.ParseFloat(v, 64)
		if err != nil || f <= 0 || f >= 1 {
			return r, fmt.Errorf("LANDWATCH_AREA_TOLERANCE: %q is not a share between 0 and 1 (such as 0.05)", v)
		}
		r.AreaTolerance = f
	}
	if v := getenv("LANDWATCH_BOUNDARY_DAYS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 3650 {
			return r, fmt.Errorf("LANDWATCH_BOUNDARY_DAYS: %q is not a whole number of days from 1 to 3650", v)
		}
		r.BoundaryDays = n
	}
	return r, nil
}
