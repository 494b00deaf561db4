package importer

import (
	"errors"
	"os"
	"strings"
	"testing"

	"landwatch/land"
)

func TestParseTellsTheFormatFromTheContent(t *testing.T) {
	tests := []struct {
		name, file string
		format     Format
		supplies   int
		parcels    int
	}{
		{"supply results as CSV", "../reference/landchina/supply_results_2018-12.csv", FormatSupplyCSV, 203, 0},
		{"supply results as a JSON array", "testdata/landchina/supply_results_2018-12.json", FormatSupplyJSON, 203, 0},
		{"a GBK coordinate file", "testdata/coord/hole_gbk_crlf.txt", FormatCoordinate, 0, 1},
		{"a coordinate file with a byte order mark", "testdata/coord/hole_utf8_bom.txt", FormatCoordinate, 0, 1},
		{"a GeoJSON FeatureCollection", "testdata/parcels/cambridge_sample.geojson", FormatGeoJSON, 0, 266},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			raw, err := os.ReadFile(tt.file)
			if err != nil {
				t.Fatal(err)
			}
			text, err := DecodeText(raw)
			if err != nil {
				t.Fatal(err)
			}
			// The extension is hidden to show that the content decides.
			if got := DetectFormat("upload.bin", text); got != tt.format {
				t.Errorf("format %q, want %q", got, tt.format)
			}
			b, err := Parse(tt.file, strings.NewReader(string(raw)))
			if err != nil || len(b.Supplies) != tt.supplies || len(b.Parcels) != tt.parcels {
				t.Errorf("%d supplies, %d parcels, error %v", len(b.Supplies), len(b.Parcels), err)
			}
		})
	}
}

func TestParseRefusesFilesItCannotReadAtAll(t *testing.T) {
	tests := []struct {
		name, file string
		r          interface{ Read([]byte) (int, error) }
	}{
		{"a binary file", "a.csv", strings.NewReader("\x00\x01")},
		{"text of no known format", "notes.md", strings.NewReader("hello\nworld\n")},
		{"a reader that fails", "broken.csv", failingReader{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(tt.file, tt.r)
			if land.ErrorCode(err) != land.CodeInvalid || land.ErrorField(err) != tt.file {
				t.Errorf("error %v: want code invalid naming the file", err)
			}
		})
	}
}

type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, errors.New("disk on fire") }

func TestAnUnreadableFileIsOneRejectionOfTheParsers(t *testing.T) {
	for name, parse := range map[string]func(string, interface{ Read([]byte) (int, error) }) land.Batch{
		"csv":        func(n string, r interface{ Read([]byte) (int, error) }) land.Batch { return ParseSupplyCSV(n, r) },
		"json":       func(n string, r interface{ Read([]byte) (int, error) }) land.Batch { return ParseSupplyJSON(n, r) },
		"coordinate": func(n string, r interface{ Read([]byte) (int, error) }) land.Batch { return ParseCoordinateFile(n, r) },
		"geojson":    func(n string, r interface{ Read([]byte) (int, error) }) land.Batch { return ParseGeoJSON(n, r) },
		"xlsx":       func(n string, r interface{ Read([]byte) (int, error) }) land.Batch { return ParseSupplyXLSX(n, r) },
	} {
		t.Run("the "+name+" parser reports it", func(t *testing.T) {
			b := parse("f", failingReader{})
			if len(b.Rejected) != 1 || b.Rejected[0].Field != "file" || b.Rejected[0].File != "f" || b.Rejected[0].Line != 0 {
				t.Errorf("rejections %+v", b.Rejected)
			}
		})
	}
}

func TestSupplyTextSeparatedByBarsOrTabsIsNotTakenForACoordinateFile(t *testing.T) {
	row := strings.TrimSuffix(csvGoodRow, "1|2019年01月30日|10484.0000") // a bar inside a field would split it
	for name, sep := range map[string]string{"vertical bars": "|", "tabs": "\t"} {
		t.Run("fields separated by "+name+" in a .txt", func(t *testing.T) {
			text := strings.ReplaceAll(csvHeader, ",", sep) + "\n" + strings.ReplaceAll(row, ",", sep) + "\n"
			if got := DetectFormat("供地.txt", text); got != FormatSupplyCSV {
				t.Fatalf("format %q, want %q", got, FormatSupplyCSV)
			}
			b, err := Parse("供地.txt", strings.NewReader(text))
			if err != nil || len(b.Rejected) != 0 || len(b.Supplies) != 1 || b.Supplies[0].Supply.ENumber != "1306262018B00730" {
				t.Errorf("error %v, %d supplies, rejected %+v", err, len(b.Supplies), b.Rejected)
			}
		})
	}
}

func TestAFileWithCROnlyLineEndsReadsAsLines(t *testing.T) {
	text := csvHeader + "\r" + csvGoodRow + "\r" + strings.Replace(csvGoodRow, "1306262018B00730", "1306262018B00731", 1) + "\r"
	b, err := Parse("classic-mac.csv", strings.NewReader(text))
	if err != nil || len(b.Rejected) != 0 || len(b.Supplies) != 2 {
		t.Fatalf("error %v, %d supplies, rejected %+v", err, len(b.Supplies), b.Rejected)
	}
	if b.Supplies[1].Line != 3 {
		t.Errorf("the second row at line %d, want 3", b.Supplies[1].Line)
	}
}
