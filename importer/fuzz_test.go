package importer

import (
	"bytes"
	"landwatch/land"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// firstLines returns the first n lines of a testdata file, as stored (GBK
// stays GBK).
func firstLines(f *testing.F, path string, n int) []byte {
	f.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		f.Fatal(err)
	}
	lines := bytes.SplitAfter(raw, []byte("\n"))
	if len(lines) > n {
		lines = lines[:n]
	}
	return bytes.Join(lines, nil)
}

// checkBatch asserts what every batch must hold, whatever the input.
func checkBatch(t *testing.T, name string, in []byte, b land.Batch) {
	t.Helper()
	maxLine := bytes.Count(in, []byte("\n")) + 1
	for _, r := range b.Rejected {
		if r.File != name || r.Line < 0 || r.Line > maxLine || r.Field == "" || r.Reason == "" {
			t.Fatalf("bad rejection %+v (file has %d lines)", r, maxLine)
		}
	}
	for _, w := range b.Warnings {
		if w.File != name || w.Line < 0 || w.Line > maxLine || w.Message == "" {
			t.Fatalf("bad warning %+v", w)
		}
	}
	for _, p := range b.Parcels {
		if p.File != name || p.Line < 1 || p.Line > maxLine {
			t.Fatalf("parcel at line %d of %d", p.Line, maxLine)
		}
		if err := geometryLimits().Validate(p.Parcel.Geometry); err != nil {
			t.Fatalf("accepted parcel at line %d has invalid geometry: %v", p.Line, err)
		}
	}
	for _, s := range b.Supplies {
		if s.File != name || s.Line < 1 || s.Line > maxLine || s.Supply.ENumber == "" {
			t.Fatalf("supply %+v", s)
		}
	}
}

func FuzzParseCoordinateFile(f *testing.F) {
	f.Add(firstLines(f, "testdata/parcels/paris18e_relocated_zone39.txt", 60))
	files, err := filepath.Glob("testdata/coord/*.txt")
	if err != nil {
		f.Fatal(err)
	}
	for _, file := range files {
		f.Add(firstLines(f, file, 1000))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		b := ParseCoordinateFile("f.txt", bytes.NewReader(in))
		checkBatch(t, "f.txt", in, b)
	})
}

func FuzzParseSupplyCSV(f *testing.F) {
	f.Add(firstLines(f, "../reference/landchina/supply_results_2018-12.csv", 6))
	f.Add([]byte(csvHeader + "\r\n" + rowWith("项目名称", "\"两\n行\"") + "\r\n"))
	f.Add([]byte("\uFEFF" + csvHeader + "\n" + rowWith("分期支付约定", "1|2019-01-01|5; 2|2019/2/1|6") + "\n"))
	f.Add([]byte(strings.ReplaceAll(csvHeader+"\n"+csvGoodRow, ",", "\t")))
	f.Fuzz(func(t *testing.T, in []byte) {
		b := ParseSupplyCSV("f.csv", bytes.NewReader(in))
		checkBatch(t, "f.csv", in, b)
	})
}

func FuzzParseSupplyJSON(f *testing.F) {
	f.Add(firstLines(f, "testdata/landchina/supply_results_2018-12.json", 70))
	f.Add([]byte("[\n" + jsonGood + "\n]"))
	f.Fuzz(func(t *testing.T, in []byte) {
		b := ParseSupplyJSON("f.json", bytes.NewReader(in))
		checkBatch(t, "f.json", in, b)
	})
}

func FuzzParseGeoJSON(f *testing.F) {
	f.Add(firstLines(f, "testdata/parcels/cambridge_sample.geojson", 8))
	f.Add([]byte(collection(feature(supplyProps, squareGeometry), feature(`{"id": 1}`, "null"))))
	f.Fuzz(func(t *testing.T, in []byte) {
		b := ParseGeoJSON("f.geojson", bytes.NewReader(in))
		checkBatch(t, "f.geojson", in, b)
	})
}
