package main

import (
	"slices"
	"testing"
)

// TestBenchTilesReadsTheZoomsAskedFor: --zooms takes a range, a list or
// both, and refuses what is not a zoom served.
func TestBenchTilesReadsTheZoomsAskedFor(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []uint32
	}{
		{"12-17", []uint32{12, 13, 14, 15, 16, 17}},
		{"14", []uint32{14}},
		{"14,16", []uint32{14, 16}},
		{"12-13, 17", []uint32{12, 13, 17}},
	} {
		got, err := parseZooms(c.in)
		if err != nil || !slices.Equal(got, c.want) {
			t.Errorf("--zooms %q: %v, %v; want %v", c.in, got, err, c.want)
		}
	}
	for _, bad := range []string{"", "x", "17-12", "23", "14,", "-3"} {
		if got, err := parseZooms(bad); err == nil {
			t.Errorf("--zooms %q: %v, want an error", bad, got)
		}
	}
}
