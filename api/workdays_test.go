package api

import (
	"encoding/json"
	"slices"
	"testing"

	"landwatch/land"
)

func TestWorkdaysSaysWhichDaysWereAssumed(t *testing.T) {
	ts := newTestServer(t, nil)
	c := ts.anonymous(t)
	tests := []struct {
		name, query string
		last        string
		assumed     []land.AssumedDay
	}{
		{"a count into 2027, a year without arrangement, skips New Year's Day and says so", "from=2026-12-31&add=2", "2027-01-05",
			[]land.AssumedDay{{Date: land.NewDate(2027, 1, 1), Name: "元旦"}}},
		{"a count inside the loaded years assumes nothing", "from=2026-09-30&add=7", "2026-10-15", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := c.as(t)
			resp, body := c.do("GET", "/api/v1/workdays?"+tt.query, nil, nil)
			c.status(200, resp, body)
			var got land.Deadline
			if err := json.Unmarshal(body, &got); err != nil {
				t.Fatal(err)
			}
			fallback := tt.assumed != nil
			if got.LastDay.String() != tt.last || got.Fallback != fallback || !slices.Equal(got.AssumedDaysOff, tt.assumed) ||
				(got.NotAssumed != "") != fallback {
				t.Errorf("GET /workdays?%s = %s", tt.query, body)
			}
		})
	}
}
