package main

import (
	"strings"
	"testing"

	"landwatch/land"
)

// The thresholds of the idle-land rule and of late entries are settings
// with DESIGN's values as defaults; a value the rule cannot use is refused
// by the setting's name.
func TestTheIdleThresholdsAreSettings(t *testing.T) {
	env := func(vars map[string]string) func(string) string {
		return func(k string) string { return vars[k] }
	}
	t.Run("by default they are the Order's", func(t *testing.T) {
		cfg, err := loadConfig(env(nil))
		if err != nil {
			t.Fatal(err)
		}
		if cfg.Idle != land.DefaultIdleRule() || cfg.LateDays != 7 {
			t.Errorf("idle rule %+v, late after %d working days; want the defaults and 7", cfg.Idle, cfg.LateDays)
		}
	})
	t.Run("each one is read from its setting", func(t *testing.T) {
		cfg, err := loadConfig(env(map[string]string{
			"LANDWATCH_IDLE_NOT_STARTED_YEARS": "2", "LANDWATCH_IDLE_START_AFTER_DELIVERY_YEARS": "2",
			"LANDWATCH_IDLE_DEVELOPED_SHARE": "0.3", "LANDWATCH_IDLE_INVESTED_SHARE": "0.2",
			"LANDWATCH_IDLE_HALTED_YEARS": "2", "LANDWATCH_IDLE_FEE_SHARE": "0.1", "LANDWATCH_IDLE_RECOVERY_YEARS": "3",
			"LANDWATCH_IDLE_EXTENSION_YEARS": "2", "LANDWATCH_IDLE_TEMPORARY_USE_YEARS": "3", "LANDWATCH_LATE_WORKDAYS": "10",
		}))
		if err != nil {
			t.Fatal(err)
		}
		want := land.IdleRule{NotStartedAfter: 2, StartAfterDelivery: 2, DevelopedShareBelow: 0.3, InvestedShareBelow: 0.2,
			HaltedFor: 2, FeeShare: 0.1, RecoveryAfter: 3, ExtensionMax: 2, TemporaryUseMax: 3}
		if cfg.Idle != want || cfg.LateDays != 10 {
			t.Errorf("idle rule %+v, late after %d; want %+v and 10", cfg.Idle, cfg.LateDays, want)
		}
		if sc := cfg.serviceConfig(nil, nil); sc.Idle != want || sc.LateDays != 10 {
			t.Errorf("the assembly gets %+v and %d", sc.Idle, sc.LateDays)
		}
	})
	for _, c := range []struct{ name, setting, value string }{
		{"a share above one", "LANDWATCH_IDLE_FEE_SHARE", "1.5"},
		{"a period of no years", "LANDWATCH_IDLE_HALTED_YEARS", "0"},
		{"recovery before idleness", "LANDWATCH_IDLE_RECOVERY_YEARS", "0"},
		{"a word for a number", "LANDWATCH_IDLE_INVESTED_SHARE", "quarter"},
		{"no working days", "LANDWATCH_LATE_WORKDAYS", "0"},
	} {
		t.Run(c.name+" is refused by its setting's name", func(t *testing.T) {
			_, err := loadConfig(env(map[string]string{c.setting: c.value}))
			if err == nil || !strings.HasPrefix(err.Error(), c.setting+":") {
				t.Errorf("err = %v, want a refusal naming %s", err, c.setting)
			}
		})
	}
}
