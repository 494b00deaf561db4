package main

import (
	"strings"
	"testing"
	"time"

	"landwatch/sql"
)

// The pool's size, the lock timeout and the requests' statement deadlines
// are settings with defaults that keep one lock from stalling the service;
// a value out of range is refused by its name.
func TestDatabaseLimitsAreSettings(t *testing.T) {
	for _, c := range []struct {
		name, key, value string
		check            func(config) bool
		refused          bool
	}{
		{"default pool", "", "", func(c config) bool {
			return c.DB.Pool == sql.DefaultPoolSize() && c.DB.Pool >= 8 && c.DB.LockTimeout == 5*time.Second &&
				c.ReadTimeout == 10*time.Second && c.WriteTimeout == 30*time.Second
		}, false},
		{"pool set", "LANDWATCH_DB_POOL", "20", func(c config) bool { return c.DB.Pool == 20 }, false},
		{"pool of one refused", "LANDWATCH_DB_POOL", "1", nil, true},
		{"pool not a number refused", "LANDWATCH_DB_POOL", "many", nil, true},
		{"lock timeout set", "LANDWATCH_LOCK_TIMEOUT", "2s", func(c config) bool { return c.DB.LockTimeout == 2*time.Second }, false},
		{"lock timeout of nothing refused", "LANDWATCH_LOCK_TIMEOUT", "0s", nil, true},
		{"read timeout set", "LANDWATCH_READ_TIMEOUT", "3s", func(c config) bool { return c.ReadTimeout == 3*time.Second }, false},
		{"write timeout refused", "LANDWATCH_WRITE_TIMEOUT", "soon", nil, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			cfg, err := loadConfig(func(k string) string {
				if k == c.key {
					return c.value
				}
				return ""
			})
			if c.refused {
				if err == nil || !strings.Contains(err.Error(), c.key) {
					t.Fatalf("err = %v, want a refusal naming %s", err, c.key)
				}
				return
			}
			if err != nil || !c.check(cfg) {
				t.Errorf("config = %+v (%v)", cfg.DB, err)
			}
		})
	}
}
