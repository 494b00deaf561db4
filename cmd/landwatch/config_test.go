package main

import (
	"strings"
	"testing"
	"time"
)

// The law's days are Beijing days whatever the host's zone: LANDWATCH_TZ
// names the zone of "today", and a wrong name is refused by name.
func TestTheZoneOfTodayIsReadFromTheEnvironment(t *testing.T) {
	for _, c := range []struct {
		name, tz string
		offset   int // seconds east of UTC on 2026-12-06
		refused  bool
	}{
		{"by default Beijing's", "", 8 * 3600, false},
		{"another zone when named", "Asia/Urumqi", 6 * 3600, false},
		{"a name that is no zone is refused", "Mars/Olympus", 0, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			cfg, err := loadConfig(func(k string) string {
				if k == "LANDWATCH_TZ" {
					return c.tz
				}
				return ""
			})
			if c.refused {
				if err == nil || !strings.Contains(err.Error(), "LANDWATCH_TZ") {
					t.Fatalf("err = %v, want a refusal naming LANDWATCH_TZ", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if _, off := time.Date(2026, 12, 6, 0, 0, 0, 0, time.UTC).In(cfg.Zone).Zone(); off != c.offset {
				t.Errorf("offset %d, want %d", off, c.offset)
			}
		})
	}
}
