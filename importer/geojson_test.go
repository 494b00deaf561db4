package importer

import (
	"encoding/json"
	"fmt"
	"landwatch/land"
	"math"
	"os"
	"strings"
	"testing"
)

func geoJSONOf(text string) land.Batch { return ParseGeoJSON("t.geojson", strings.NewReader(text)) }

func TestTheCambridgeSampleKeepsValidParcelsAndRejectsTheRest(t *testing.T) {
	b := parseFile(t, "testdata/parcels/cambridge_sample.geojson", func(n string, f *os.File) land.Batch { return ParseGeoJSON(n, f) })
	if len(b.Parcels) != 266 || len(b.Rejected) != 31 || len(b.Supplies) != 0 {
		t.Fatalf("%d parcels, %d rejections, %d supplies; want 266, 31, 0", len(b.Parcels), len(b.Rejected), len(b.Supplies))
	}
	lines := map[int]bool{}
	for _, r := range b.Rejected {
		if r.Field != "geometry" || r.Reason == "" || r.Record == "" || lines[r.Line] || r.Line < 4 {
			t.Errorf("rejection %+v", r)
		}
		lines[r.Line] = true
	}
	t.Run("the feature without geometry is rejected at its line", func(t *testing.T) {
		found := false
		for _, r := range b.Rejected {
			if r.Line == 271 && r.Record == "13064" {
				found = true
			}
		}
		if !found {
			t.Errorf("no rejection of feature 13064 at line 271 in %+v", b.Rejected)
		}
	})
	t.Run("plane areas agree with the published plane areas", func(t *testing.T) {
		raw, err := os.ReadFile("testdata/parcels/cambridge_sample.geojson")
		if err != nil {
			t.Fatal(err)
		}
		var fc struct {
			Features []struct {
				Properties struct {
					ID   string  `json:"id"`
					Area float64 `json:"plane_area_m2"`
				} `json:"properties"`
			} `json:"features"`
		}
		if err := json.Unmarshal(raw, &fc); err != nil {
			t.Fatal(err)
		}
		published := map[string]float64{}
		for _, f := range fc.Features {
			published[f.Properties.ID] = f.Properties.Area
		}
		for _, p := range b.Parcels {
			want := published[p.SupplyKey]
			if p.Parcel.Number != p.SupplyKey || math.Abs(p.Parcel.PlaneAreaM2-want) > 0.01+want*1e-4 {
				t.Errorf("line %d, parcel %s: plane area %.2f m², published %.2f", p.Line, p.Parcel.Number, p.Parcel.PlaneAreaM2, want)
			}
		}
	})
}

// A 0.001° × 0.001° square near 定兴县 (about 86 m × 111 m, 9,584.55 m² in zone 39).
const squareGeometry = `{"type": "Polygon", "coordinates": [[[115.78, 39.26], [115.781, 39.26], [115.781, 39.261], [115.78, 39.261], [115.78, 39.26]]]}`

func feature(props, geometry string) string {
	return `{"type": "Feature", "properties": ` + props + `, "geometry": ` + geometry + `}`
}

func collection(features ...string) string {
	return "{\"type\": \"FeatureCollection\", \"features\": [\n" + strings.Join(features, ",\n") + "\n]}\n"
}

const supplyProps = `{"e_number": "1306262018B00730", "project_name": "p", "method": "挂牌出让",
  "land_use_original": "工业用地", "area_ha": 0.9585, "name": "一号地块"}`

func TestFeaturesWithSupplyPropertiesGiveASupplyAndAParcel(t *testing.T) {
	b := geoJSONOf(collection(
		feature(supplyProps, squareGeometry),
		feature(`{"e_number": "1306262018B00731"}`, squareGeometry),
		feature(strings.Replace(supplyProps, "0730", "0732", 1), "null"),
	))
	if len(b.Rejected) != 0 {
		t.Fatalf("rejections %+v", b.Rejected)
	}
	if len(b.Supplies) != 2 || len(b.Parcels) != 2 {
		t.Fatalf("%d supplies, %d parcels; want 2 and 2", len(b.Supplies), len(b.Parcels))
	}
	s, p := b.Supplies[0], b.Parcels[0]
	if s.Line != 2 || s.Supply.ENumber != "1306262018B00730" || s.Supply.Method != "23" || s.Supply.LandUseCode != "0601" || s.Supply.AreaHa != 0.9585 {
		t.Errorf("supply %+v", s)
	}
	if p.Line != 2 || p.SupplyKey != "1306262018B00730" || p.Parcel.Name != "一号地块" || p.Parcel.LandUse != "0601" ||
		p.Parcel.DeclaredAreaHa != 0.9585 || p.Parcel.GKEPSG != 4527 || math.Abs(p.Parcel.PlaneAreaM2-9584.55) > 0.01 {
		t.Errorf("parcel %+v", p.Parcel)
	}
	if q := b.Parcels[1]; q.Line != 4 || q.SupplyKey != "1306262018B00731" || q.Parcel.Number != "" {
		t.Errorf("geometry-only parcel %+v", q)
	}
	if s := b.Supplies[1]; s.Line != 5 || s.Supply.ENumber != "1306262018B00732" {
		t.Errorf("supply without geometry %+v", s)
	}
	if len(b.Warnings) != 1 || b.Warnings[0].Line != 5 || b.Warnings[0].Field != "geometry" {
		t.Errorf("warnings %+v, want one about the missing geometry at line 5", b.Warnings)
	}
}

func TestBadFeaturesAreRejectedWithTheirLineAndNeverHalfAccepted(t *testing.T) {
	open := strings.Replace(squareGeometry, ", [115.78, 39.26]]]", "]]", 1)
	tests := []struct {
		name, text string
		want       []land.Rejection
		parcels    int
		warnings   []string
	}{
		{"a supply with a bad method loses its parcel too",
			collection(feature(strings.Replace(supplyProps, "挂牌出让", "抽签", 1), squareGeometry)),
			[]land.Rejection{{Line: 2, Record: "1306262018B00730", Field: "method"}}, 0, nil},
		{"a point is not a parcel",
			collection(feature(`{"id": "7"}`, `{"type": "Point", "coordinates": [115.78, 39.26]}`)),
			[]land.Rejection{{Line: 2, Record: "7", Field: "geometry"}}, 0, nil},
		{"a geometry outside China",
			collection(feature(`{}`, strings.ReplaceAll(squareGeometry, "39.26", "-39.26"))),
			[]land.Rejection{{Line: 2, Record: "feature 1", Field: "geometry"}}, 0, nil},
		{"a declared area that is not a number",
			collection(feature(`{"number": "A1", "declared_area_ha": "x"}`, squareGeometry)),
			[]land.Rejection{{Line: 2, Record: "A1", Field: "declared_area_ha"}}, 0, nil},
		{"a parcel's own land use that is not one",
			collection(feature(`{"number": "A1", "parcel_land_use": "菜园"}`, squareGeometry)),
			[]land.Rejection{{Line: 2, Record: "A1", Field: "parcel_land_use"}}, 0, nil},
		{"a declared area given as null is no declared area, not a warning",
			collection(feature(`{"number": "A1", "declared_area_ha": null, "area_ha": 2}`, squareGeometry)), nil, 1, nil},
		{"an open ring is closed with a warning", collection(feature(`{"number": "A1"}`, open)), nil, 1, []string{"geometry"}},
		{"a declared area far from the computed one is a warning",
			collection(feature(`{"number": "A1", "declared_area_ha": 2}`, squareGeometry)), nil, 1, []string{"declared_area_ha"}},
		{"something that is not a feature",
			collection(`{"type": "Polygon"}`), []land.Rejection{{Line: 2, Record: "feature 1", Field: "feature"}}, 0, nil},
		{"a syntax error rejects the file whole",
			collection(feature(`{}`, squareGeometry), `{"type": "Feature", "geometry": [}`),
			[]land.Rejection{{Line: 3, Record: "feature 2", Field: "json"}}, 0, nil},
		{"a collection without features", `{"type": "FeatureCollection"}`, []land.Rejection{{Line: 1, Field: "features"}}, 0, nil},
		{"another GeoJSON type", `{"type": "Polygon", "coordinates": []}`, []land.Rejection{{Line: 1, Field: "type"}}, 0, nil},
		{"a lone feature is read", feature(`{"number": "A1"}`, squareGeometry), nil, 1, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := geoJSONOf(tt.text)
			checkRejections(t, b.Rejected, "t.geojson", tt.want)
			if len(b.Parcels) != tt.parcels || len(b.Supplies) != 0 {
				t.Errorf("%d parcels and %d supplies, want %d and 0", len(b.Parcels), len(b.Supplies), tt.parcels)
			}
			if got := warningFields(b); strings.Join(got, ",") != strings.Join(tt.warnings, ",") {
				t.Errorf("warnings %+v, want fields %v", b.Warnings, tt.warnings)
			}
		})
	}
}

// A file cut off in a copy or an upload is refused whole, saying the byte
// where it ends, so that no clerk takes the features before the cut for
// the file; a partial import is asked for.
func TestATruncatedFileIsRejectedWholeUnlessPartialIsAsked(t *testing.T) {
	full := collection(feature(`{"number": "A1"}`, squareGeometry), feature(`{"number": "A2"}`, squareGeometry))
	cut := full[:strings.Index(full, `"A2"`)+10]
	for _, tt := range []struct {
		name    string
		partial bool
		parcels int
	}{
		{"without --partial nothing is kept", false, 0},
		{"with --partial the features before the cut are kept", true, 1},
	} {
		t.Run(tt.name, func(t *testing.T) {
			b, format, err := ParseWith("t.geojson", strings.NewReader(cut), Options{Partial: tt.partial})
			if err != nil || format != FormatGeoJSON {
				t.Fatalf("format %q, error %v", format, err)
			}
			if len(b.Parcels) != tt.parcels || len(b.Rejected) != 1 {
				t.Fatalf("%d parcels, rejections %+v; want %d parcels and one rejection", len(b.Parcels), b.Rejected, tt.parcels)
			}
			r := b.Rejected[0]
			if r.Field != "json" || r.Line != 3 || !strings.Contains(r.Reason, fmt.Sprintf("byte %d", len(cut))) {
				t.Errorf("rejection %+v, want the json at line 3 naming byte %d", r, len(cut))
			}
		})
	}
	t.Run("the whole file is read whole either way", func(t *testing.T) {
		b, _, _ := ParseWith("t.geojson", strings.NewReader(full), Options{})
		if len(b.Parcels) != 2 || len(b.Rejected) != 0 {
			t.Errorf("%d parcels, rejections %+v", len(b.Parcels), b.Rejected)
		}
	})
}

// The features of a large file are read on every core a block at a time:
// their records still come out in the file's order, each at its own line,
// and a break keeps (when asked) exactly the features before it.
func TestTheFeaturesOfALargeFileKeepTheirOrderAndLines(t *testing.T) {
	const n = 1500
	features := make([]string, n)
	for k := 1; k <= n; k++ {
		switch {
		case k%7 == 0:
			features[k-1] = feature(fmt.Sprintf(`{"number": "P%d"}`, k), "null")
		case k%5 == 0:
			props := strings.Replace(supplyProps, "1306262018B00730", fmt.Sprintf("1306262018B%05d", k), 1)
			props = strings.ReplaceAll(props, "\n", " ") // one feature a line
			features[k-1] = feature(props, squareGeometry)
		default:
			features[k-1] = feature(fmt.Sprintf(`{"number": "P%d"}`, k), squareGeometry)
		}
	}
	full := collection(features...)
	cut := full[:strings.Index(full, `"P1201"`)]
	for _, tt := range []struct {
		name string
		text string
		last int // the last feature read
	}{
		{"the whole file", full, n},
		{"a file cut in feature 1201, read in part", cut, 1200},
	} {
		t.Run(tt.name, func(t *testing.T) {
			b, _, err := ParseWith("t.geojson", strings.NewReader(tt.text), Options{Partial: true})
			if err != nil {
				t.Fatal(err)
			}
			var parcels, supplies, rejected []int
			for k := 1; k <= tt.last; k++ {
				switch {
				case k%7 == 0:
					rejected = append(rejected, k+1)
				case k%5 == 0:
					supplies = append(supplies, k+1)
					parcels = append(parcels, k+1)
				default:
					parcels = append(parcels, k+1)
				}
			}
			if tt.last < n {
				rejected = append(rejected, tt.last+2) // the break, on the cut feature's line
			}
			got := func(lines []int, at func(int) int, count int) []int {
				for i := range count {
					lines = append(lines, at(i))
				}
				return lines
			}
			for _, c := range []struct {
				what      string
				got, want []int
			}{
				{"parcels", got(nil, func(i int) int { return b.Parcels[i].Line }, len(b.Parcels)), parcels},
				{"supplies", got(nil, func(i int) int { return b.Supplies[i].Line }, len(b.Supplies)), supplies},
				{"rejections", got(nil, func(i int) int { return b.Rejected[i].Line }, len(b.Rejected)), rejected},
			} {
				if fmt.Sprint(c.got) != fmt.Sprint(c.want) {
					t.Errorf("%s at lines %v, want %v", c.what, c.got, c.want)
				}
			}
			for _, p := range b.Parcels {
				if want := fmt.Sprintf("P%d", p.Line-1); p.SupplyKey != want && (p.Line-1)%5 != 0 {
					t.Errorf("the parcel at line %d is keyed %q, want %q", p.Line, p.SupplyKey, want)
				}
			}
		})
	}
}
