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
			cfg, ok := loadSetting(t, "LANDWATCH_TZ", c.tz, c.refused)
			if !ok {
				return
			}
			if _, off := time.Date(2026, 12, 6, 0, 0, 0, 0, time.UTC).In(cfg.Zone).Zone(); off != c.offset {
				t.Errorf("offset %d, want %d", off, c.offset)
			}
		})
	}
}

// Each instance behind a balancer allows its share of the public rate
// limit: LANDWATCH_INSTANCES says how many share it.
func TestTheNumberOfInstancesIsReadFromTheEnvironment(t *testing.T) {
	for _, c := range []struct {
		name, value string
		want        int
		refused     bool
	}{
		{"by default one", "", 1, false},
		{"three when said", "3", 3, false},
		{"none is refused", "0", 0, true},
		{"not a number is refused", "two", 0, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			if cfg, ok := loadSetting(t, "LANDWATCH_INSTANCES", c.value, c.refused); ok && cfg.Instances != c.want {
				t.Errorf("instances %d, want %d", cfg.Instances, c.want)
			}
		})
	}
}

// The collector's floor (gcfloor.go) is 64 MB unless LANDWATCH_GC_FLOOR_MB
// says otherwise, and none when the operator paces the collector with
// GOGC or GOMEMLIMIT.
func TestTheCollectorsFloorIsReadFromTheEnvironment(t *testing.T) {
	for _, c := range []struct {
		name, setting, value string
		want                 int
		refused              bool
	}{
		{"by default 64 MB", "LANDWATCH_GC_FLOOR_MB", "", 64, false},
		{"as said", "LANDWATCH_GC_FLOOR_MB", "256", 256, false},
		{"none when said", "LANDWATCH_GC_FLOOR_MB", "0", 0, false},
		{"a negative size is refused", "LANDWATCH_GC_FLOOR_MB", "-1", 0, true},
		{"not a number is refused", "LANDWATCH_GC_FLOOR_MB", "lots", 0, true},
		{"none under the operator's GOGC", "GOGC", "200", 0, false},
		{"none under the operator's GOMEMLIMIT", "GOMEMLIMIT", "4GiB", 0, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			if cfg, ok := loadSetting(t, c.setting, c.value, c.refused); ok && cfg.GCFloorMB != c.want {
				t.Errorf("floor %d MB, want %d", cfg.GCFloorMB, c.want)
			}
		})
	}
	if n := len(gcFloor(3)); n != 3<<20 {
		t.Errorf("a floor of 3 MB holds %d bytes", n)
	}
	if gcFloor(0) != nil {
		t.Error("a floor of 0 MB holds memory")
	}
}

// loadSetting loads the configuration of an environment holding one
// setting. When the setting must be refused, it checks that the refusal
// names it and reports false; otherwise it fails t on an error.
func loadSetting(t *testing.T, name, value string, refused bool) (config, bool) {
	t.Helper()
	cfg, err := loadConfig(func(k string) string {
		if k == name {
			return value
		}
		return ""
	})
	if refused {
		if err == nil || !strings.Contains(err.Error(), name) {
			t.Fatalf("err = %v, want a refusal naming %s", err, name)
		}
		return cfg, false
	}
	if err != nil {
		t.Fatal(err)
	}
	return cfg, true
}

func TestThePublicURLIsReadFromTheEnvironment(t *testing.T) {
	for _, c := range []struct {
		name, value, want string
		refused           bool
	}{
		{"by default none: each request's own", "", "", false},
		{"a host behind a proxy", "https://landwatch.example.cn/", "https://landwatch.example.cn", false},
		{"a path below the host", "https://gis.example.cn/landwatch/", "https://gis.example.cn/landwatch", false},
		{"a relative path is refused", "/landwatch", "", true},
		{"another scheme is refused", "ftp://landwatch.example.cn", "", true},
		{"a query is refused", "https://landwatch.example.cn/?a=1", "", true},
	} {
		t.Run(c.name, func(t *testing.T) {
			if cfg, ok := loadSetting(t, "LANDWATCH_PUBLIC_URL", c.value, c.refused); ok && cfg.PublicURL != c.want {
				t.Errorf("public URL %q, want %q", cfg.PublicURL, c.want)
			}
		})
	}
}
