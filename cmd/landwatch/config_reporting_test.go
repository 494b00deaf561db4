package main

import "testing"

// The checks of false and concealed reporting take their area tolerance
// and boundary deadline from LANDWATCH_AREA_TOLERANCE and
// LANDWATCH_BOUNDARY_DAYS (5 % and 30 days by default).
func TestTheReportingThresholdsAreReadFromTheEnvironment(t *testing.T) {
	for _, c := range []struct {
		name, setting, value string
		tolerance            float64
		days                 int
		refused              bool
	}{
		{"by default 5 % and 30 days", "LANDWATCH_AREA_TOLERANCE", "", 0.05, 30, false},
		{"a tolerance of 8 %", "LANDWATCH_AREA_TOLERANCE", "0.08", 0.08, 30, false},
		{"a tolerance of 5 (not a share) is refused", "LANDWATCH_AREA_TOLERANCE", "5", 0, 0, true},
		{"60 days", "LANDWATCH_BOUNDARY_DAYS", "60", 0.05, 60, false},
		{"no days is refused", "LANDWATCH_BOUNDARY_DAYS", "0", 0, 0, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			cfg, ok := loadSetting(t, c.setting, c.value, c.refused)
			if ok && (cfg.Reporting.AreaTolerance != c.tolerance || cfg.Reporting.BoundaryDays != c.days) {
				t.Errorf("%+v, want %v and %d days", cfg.Reporting, c.tolerance, c.days)
			}
		})
	}
}
