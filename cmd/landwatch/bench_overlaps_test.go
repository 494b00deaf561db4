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
