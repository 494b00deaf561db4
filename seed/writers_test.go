package seed

import (
	"bufio"
	"bytes"
	"encoding/json"
	"math"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"landwatch/importer"
	"landwatch/land"
	"landwatch/reference"
	"landwatch/spatial"
)

// demoForFiles is a small city with every kind of parcel.
func demoForFiles(t *testing.T) *Demo {
	return generateCity(t, smallCity(1500))
}

// roundingSlack bounds the area a parcel can gain or lose when its
// coordinates are rounded to a millimetre: its perimeter times a millimetre.
func roundingSlack(mp orb.MultiPolygon) float64 {
	perimeter := 0.0
	for _, poly := range mp {
		for _, ring := range poly {
			for i := 0; i+1 < len(ring); i++ {
				dx := (ring[i+1][0] - ring[i][0]) * 111320 * math.Cos(ring[i][1]*math.Pi/180)
				dy := (ring[i+1][1] - ring[i][1]) * 110574
				perimeter += math.Hypot(dx, dy)
			}
		}
	}
	return perimeter * 0.001
}

// noRejections fails the test on the first rejection of b.
func noRejections(t *testing.T, b land.Batch) {
	t.Helper()
	for _, r := range b.Rejected {
		t.Fatalf("rejected %s line %d record %s field %s: %s", r.File, r.Line, r.Record, r.Field, r.Reason)
	}
}

func TestWriteSupplyCSV(t *testing.T) {
	d := demoForFiles(t)
	var buf bytes.Buffer
	if err := WriteSupplyCSV(&buf, d); err != nil {
		t.Fatal(err)
	}

	t.Run("the header is the reference file's", func(t *testing.T) {
		f, err := reference.FS.Open(supplyResults)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		want, _ := bufio.NewReader(f).ReadString('\n')
		got, _ := bufio.NewReader(bytes.NewReader(buf.Bytes())).ReadString('\n')
		if got != want {
			t.Fatalf("header\n%q\nwant\n%q", got, want)
		}
	})
	t.Run("the importer reads every supply back", func(t *testing.T) {
		b := importer.ParseSupplyCSV("demo.csv", bytes.NewReader(buf.Bytes()))
		noRejections(t, b)
		if len(b.Supplies) != len(d.Supplies) {
			t.Fatalf("%d supplies read, %d written", len(b.Supplies), len(d.Supplies))
		}
		for i, rec := range b.Supplies {
			got, want := rec.Supply, d.Supplies[i]
			same := got.ENumber == want.ENumber && got.Method == want.Method && got.LandUseCode == want.LandUseCode &&
				got.AreaHa == want.AreaHa && got.ContractDate == want.ContractDate && got.AgreedStart == want.AgreedStart &&
				got.Holder == want.Holder && got.ProjectName == want.ProjectName && len(got.Installments) == len(want.Installments) &&
				(got.PriceWan == nil) == (want.PriceWan == nil) && (got.PriceWan == nil || *got.PriceWan == *want.PriceWan)
			if !same {
				t.Fatalf("row %d reads back as\n%+v\nwrote\n%+v", i, got, want)
			}
		}
	})
}

func TestWriteGeoJSON(t *testing.T) {
	d := demoForFiles(t)
	var buf bytes.Buffer
	if err := WriteGeoJSON(&buf, d); err != nil {
		t.Fatal(err)
	}
	parcels := 0
	for _, s := range d.Supplies {
		parcels += len(s.Parcels)
	}

	t.Run("it is one FeatureCollection with a feature per parcel", func(t *testing.T) {
		var fc struct {
			Type     string `json:"type"`
			Features []struct {
				Properties map[string]any `json:"properties"`
				Geometry   struct {
					Type string `json:"type"`
				} `json:"geometry"`
			} `json:"features"`
		}
		if err := json.Unmarshal(buf.Bytes(), &fc); err != nil {
			t.Fatal(err)
		}
		if fc.Type != "FeatureCollection" || len(fc.Features) != parcels {
			t.Fatalf("%s with %d features, want %d", fc.Type, len(fc.Features), parcels)
		}
		props := fc.Features[0].Properties
		for _, key := range []string{"e_number", "method", "project_name", "region_code", "land_use_original",
			"land_use_code", "area_ha", "holder", "contract_date", "agreed_start", "stage", "plane_area_m2"} {
			if _, ok := props[key]; !ok {
				t.Errorf("the first feature has no %q", key)
			}
		}
		if _, ok := props["id"]; ok {
			t.Error("the database id is written")
		}
	})
	t.Run("coordinates have 8 decimals", func(t *testing.T) {
		i := bytes.Index(buf.Bytes(), []byte(`"coordinates":[[[`))
		num := strings.SplitN(string(buf.Bytes()[i+len(`"coordinates":[[[`):]), ",", 2)[0]
		if dot := strings.IndexByte(num, '.'); dot < 0 || len(num)-dot-1 != 8 {
			t.Fatalf("longitude written as %q", num)
		}
	})
	t.Run("the importer reads every supply and parcel back", func(t *testing.T) {
		b := importer.ParseGeoJSON("demo.geojson", bytes.NewReader(buf.Bytes()))
		noRejections(t, b)
		if len(b.Supplies) != len(d.Supplies) || len(b.Parcels) != parcels {
			t.Fatalf("read %d supplies and %d parcels, wrote %d and %d", len(b.Supplies), len(b.Parcels), len(d.Supplies), parcels)
		}
		k := 0
		for _, s := range d.Supplies {
			for _, pc := range s.Parcels {
				got := b.Parcels[k]
				k++
				if got.SupplyKey != s.ENumber || got.Parcel.Number != pc.Number ||
					math.Abs(got.Parcel.PlaneAreaM2-pc.PlaneAreaM2) > roundingSlack(pc.Geometry) {
					t.Fatalf("parcel %s/%s reads back as %s/%s with %.3f m², wrote %.3f m²",
						s.ENumber, pc.Number, got.SupplyKey, got.Parcel.Number, got.Parcel.PlaneAreaM2, pc.PlaneAreaM2)
				}
			}
		}
	})
}

func TestWriteCoordinateFile(t *testing.T) {
	d := demoForFiles(t)
	zone := spatial.Zone{Width: 3, Number: 39}
	var buf bytes.Buffer
	if err := WriteCoordinateFile(&buf, d, zone); err != nil {
		t.Fatal(err)
	}
	text := buf.String()

	t.Run("it has both sections and zone-prefixed eastings", func(t *testing.T) {
		if !strings.HasPrefix(text, "[属性描述]\n") || !strings.Contains(text, "\n[地块坐标]\n") || !strings.Contains(text, "带号=39\n") {
			t.Fatalf("sections missing:\n%s", text[:400])
		}
		point := text[strings.Index(text, "\nJ1,1,")+1:]
		fields := strings.Split(strings.SplitN(point, "\n", 2)[0], ",")
		if len(fields) != 4 || !strings.HasPrefix(fields[3], "39") || len(strings.Split(fields[2], ".")[1]) != 3 {
			t.Fatalf("first point %q: want J1,1,northing,39easting with 3 decimals", fields)
		}
	})
	t.Run("the importer reads every parcel back with its area", func(t *testing.T) {
		b := importer.ParseCoordinateFile("demo.txt", strings.NewReader(text))
		noRejections(t, b)
		k := 0
		for _, s := range d.Supplies {
			for _, pc := range s.Parcels {
				if k >= len(b.Parcels) {
					t.Fatalf("only %d parcels read", len(b.Parcels))
				}
				got := b.Parcels[k]
				k++
				if got.SupplyKey != s.ENumber || len(got.Parcel.Geometry) != len(pc.Geometry) ||
					math.Abs(got.Parcel.PlaneAreaM2-pc.PlaneAreaM2) > roundingSlack(pc.Geometry) {
					t.Fatalf("parcel %s/%s reads back as %s with %d parts, %.3f m²; wrote %d parts, %.3f m²",
						s.ENumber, pc.Number, got.SupplyKey, len(got.Parcel.Geometry), got.Parcel.PlaneAreaM2, len(pc.Geometry), pc.PlaneAreaM2)
				}
			}
		}
		if k != len(b.Parcels) {
			t.Fatalf("%d parcels read, %d written", len(b.Parcels), k)
		}
	})
	t.Run("a zone outside China is refused", func(t *testing.T) {
		err := WriteCoordinateFile(&bytes.Buffer{}, d, spatial.Zone{Width: 3, Number: 12})
		if land.ErrorCode(err) != land.CodeInvalid {
			t.Fatalf("got %v, want invalid", err)
		}
	})
}
