package main

import (
	"slices"
	"strings"
	"testing"
	"time"
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

// The import bench at a small size: both inputs are imported whole into
// empty registers, the section names the source, and each form's steps are
// timed within its whole.
func TestImportBenchImportsBothFormsWhole(t *testing.T) {
	out := runBench(t, "import", "--parcels", "400")
	report := benchReport(t, out, "<!-- bench:import -->", "## Import: the generated city (`landwatch bench import --parcels 400 --seed 1`)",
		"| total time | reading before the first write | supplies | boundaries | overlap check |")
	for _, form := range []string{"| GeoJSON (supplies and parcels in one file) | ", "| supply results CSV, then coordinate file | "} {
		_, row, _ := strings.Cut(report, form)
		row, _, _ = strings.Cut(row, "\n")
		fields := strings.Split(row, " | ")
		if len(fields) < 7 || fields[1] != "0" {
			t.Fatalf("%s rejected records, or steps missing: %s", form, row)
		}
		total := benchDuration(t, fields[2])
		var steps time.Duration
		for i, name := range []string{"reading", "supplies", "boundaries", "overlap check"} {
			d := benchDuration(t, fields[3+i])
			if d <= 0 {
				t.Errorf("%s: %s took %s", form, name, fields[3+i])
			}
			steps += d
		}
		// the whole is rounded to a tenth of a second
		if steps > total+50*time.Millisecond {
			t.Errorf("%s: the steps add up to %s, more than the whole %s", form, steps, fields[2])
		}
	}
}

// benchDuration reads a time as the benchmarks write it ("1.2 s", "3.4 ms",
// "560 µs").
func benchDuration(t *testing.T, s string) time.Duration {
	t.Helper()
	d, err := time.ParseDuration(strings.ReplaceAll(s, " ", ""))
	if err != nil {
		t.Fatalf("a time of the report: %v", err)
	}
	return d
}

// The tile bench's timed runs on a real cadastre at a small size: every
// zoom asked for has its rows at one client and at eight against PostGIS,
// with the cached column measured by the second service after them, the
// densest tile of each zoom with its control, and the same parcels as
// ST_AsMVT's at z14.
func TestTileBenchOnARealCadastreTimesEveryZoomBothWays(t *testing.T) {
	out := runBench(t, "tiles", "--from", "../../reference/parcels/paris18e_relocated.geojson", "--zooms", "14,17",
		"--requests", "20", "--duration", "100ms")
	report := benchReport(t, out, "<!-- bench:tiles-paris18e_relocated -->",
		"the cached column is measured after them, by a second service on the same register",
		"| z14 | 14/13461/6246 | ", "| z17 | ", "; 0 differ.",
		"z14, 0 of its 6 tiles empty: at 1 client p50 ", "z17, ", "at 8 clients p50 ", "inside the server p50 ")
	for _, row := range []string{"| z14 (6) | 1 | ", "| z14 (6) | 8 | ", "| z17 (150) | 1 | ", "| z17 (150) | 8 | "} {
		_, rest, ok := strings.Cut(report, row)
		rest, _, _ = strings.Cut(rest, "\n")
		fields := strings.Split(strings.TrimSuffix(rest, " |"), " | ")
		if !ok || len(fields) != 4 || !strings.HasPrefix(fields[2], "**") || fields[3] == "0/s" || !strings.HasSuffix(fields[3], "/s") {
			t.Errorf("%s: %q, want landwatch, PostGIS, the ratio and a cached rate", row, rest)
		}
	}
	_, densest, _ := strings.Cut(report, "| z14 | 14/13461/6246 | ")
	densest, _, _ = strings.Cut(densest, "\n")
	fields := strings.Split(densest, " | ")
	if len(fields) != 8 || !strings.HasSuffix(fields[4], "×)") || !strings.HasSuffix(fields[5], "×)") ||
		strings.HasPrefix(fields[5], "0/s") || len(strings.Split(fields[6], " / ")) != 4 {
		t.Errorf("the densest z14 tile: %q, want its times, sizes, at eight clients as they saw it and inside the server, the control, three runs of both in turn, and both on one core", densest)
	}
	if len(fields) == 8 {
		oneCore := strings.Split(strings.TrimSuffix(fields[7], " |"), " / ")
		if len(oneCore) != 2 || slices.ContainsFunc(oneCore, func(side string) bool {
			return strings.HasPrefix(side, "0/s") || !strings.HasSuffix(side, "×")
		}) {
			t.Errorf("the densest z14 tile on one core: %q, want landwatch's and the control's rate and p99/p50", fields[7])
		}
	}
}
