package main

import (
	"testing"
)

// The overlap bench on a real cadastre: its parcels, each given a supply,
// are scanned by the engine and by PostGIS's self-join, which must find the
// same pairs; the section is named after the file.
func TestOverlapBenchOnARealCadastreFindsPostGISsPairs(t *testing.T) {
	out := runBench(t, "overlaps", "--from", "../../reference/parcels/paris18e_relocated.geojson", "--samples", "50", "--rounds", "3")
	benchReport(t, out, "<!-- bench:overlaps-paris18e_relocated -->",
		"## Overlaps: the real cadastre paris18e_relocated (`landwatch bench overlaps --from reference/parcels/paris18e_relocated.geojson --region 130626 --seed 1`)",
		"| 6809 parcels | landwatch | PostGIS | ratio |",
		"Same answer: 1 pairs found by both, 0 only by PostGIS, 0 only by landwatch;")
}

// The statistics bench at a small size: the supplies are copied in with
// the register's triggers as they now are, and every group is timed beside
// its plain GROUP BY, the housing classes among them.
func TestStatisticsBenchTimesEveryGroup(t *testing.T) {
	out := runBench(t, "statistics", "--supplies", "3000", "--runs", "1")
	benchReport(t, out, "<!-- bench:statistics -->", "| by method, all years | 3000 |",
		"| by housing class with median price, all years |", "| by month with last year, 2020 |")
}
