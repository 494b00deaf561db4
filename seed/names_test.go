package seed

import (
	"testing"
	"time"

	"landwatch/land"
)

func TestChineseNumber(t *testing.T) {
	tests := []struct {
		n    int
		want string
	}{{1, "一"}, {9, "九"}, {10, "十"}, {12, "十二"}, {20, "二十"}, {35, "三十五"}, {100, "100"}}
	for _, tc := range tests {
		t.Run(tc.want, func(t *testing.T) {
			if got := chineseNumber(tc.n); got != tc.want {
				t.Fatalf("chineseNumber(%d) = %q, want %q", tc.n, got, tc.want)
			}
		})
	}
}

func TestSerials(t *testing.T) {
	tests := []struct {
		name string
		n    int
		want string
	}{
		{"the first serial has leading zeros", 1, "00001"},
		{"the last decimal serial is all nines", 99999, "99999"},
		{"the next one starts with a letter", 100000, "A0000"},
		{"letters carry base 36", 100000 + 36, "A0010"},
		{"the next letter follows 36⁴ serials", 100000 + 36*36*36*36, "B0000"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := string(appendSerial(nil, tc.n)); got != tc.want {
				t.Fatalf("serial %d = %q, want %q", tc.n, got, tc.want)
			}
		})
	}
}

func TestShortNames(t *testing.T) {
	tests := map[string]string{"河北省": "河北", "保定市": "保定", "新疆维吾尔自治区": "新疆", "定兴县": "定兴县"}
	for in, want := range tests {
		t.Run(in+" is written "+want, func(t *testing.T) {
			if got := short(in); got != want {
				t.Fatalf("short(%q) = %q, want %q", in, got, want)
			}
		})
	}
}

func TestWeekday(t *testing.T) {
	jan1 := land.NewDate(2026, time.January, 1)
	tests := []struct {
		name     string
		day      land.Date
		floor    land.Date
		wantDay  land.Date
		wantWeek time.Weekday
	}{
		{"a Saturday moves back to Friday", land.NewDate(2026, time.March, 7), jan1, land.NewDate(2026, time.March, 6), time.Friday},
		{"a Sunday moves back to Friday", land.NewDate(2026, time.March, 8), jan1, land.NewDate(2026, time.March, 6), time.Friday},
		{"a weekend whose Friday is before the floor moves on to Monday", land.NewDate(2026, time.January, 3),
			land.NewDate(2026, time.January, 3), land.NewDate(2026, time.January, 5), time.Monday},
		{"a Tuesday stays", land.NewDate(2026, time.March, 10), jan1, land.NewDate(2026, time.March, 10), time.Tuesday},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := weekday(tc.day, tc.floor)
			if got != tc.wantDay || got.Time().Weekday() != tc.wantWeek {
				t.Fatalf("weekday(%s) = %s (%s), want %s", tc.day, got, got.Time().Weekday(), tc.wantDay)
			}
		})
	}
}

func TestRegionNames(t *testing.T) {
	r, err := lookupRegion("130626")
	if err != nil {
		t.Fatal(err)
	}
	if r.county != "定兴县" || r.prefecture != "保定市" || r.province != "河北省" {
		t.Fatalf("130626 is %+v", r)
	}
}
