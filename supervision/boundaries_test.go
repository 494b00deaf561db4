package supervision

import (
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"landwatch/importer"
	"landwatch/land"
	"landwatch/reference"
	"landwatch/spatial"
	"landwatch/sql"
)

// A parcel drawn in 定兴 but attached to a supply of 唐县 lies in Hebei, so
// the provinces' extents let it through; once 唐县's boundary is loaded it
// is refused, naming the parcel, where it lies and the county.
func TestAParcelOutsideItsCountysLoadedBoundaryIsRefused(t *testing.T) {
	regions, err := sql.LoadRegions(reference.FS)
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open("testdata/boundaries.geojson")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	bs, rejected, err := importer.ParseBoundaries("boundaries.geojson", f, regions)
	if err != nil || len(rejected) > 0 || len(bs) != 3 {
		t.Fatalf("fixture: %d boundaries, rejected %v, %v", len(bs), rejected, err)
	}
	shapes, names := map[string]orb.MultiPolygon{}, map[string]string{}
	for _, b := range bs {
		shapes[b.Code], names[b.Code] = b.Geometry, b.Name
	}
	inDingxing := func() []land.Parcel {
		return []land.Parcel{{Number: "DX-7", Geometry: orb.MultiPolygon{{{{115.78, 39.26}, {115.781, 39.26}, {115.781, 39.261}, {115.78, 39.261}, {115.78, 39.26}}}}}}
	}
	rules := &Rules{Regions: regions}

	t.Run("without boundaries the parcel of 定兴 passes for 唐县", func(t *testing.T) {
		if _, err := rules.PrepareParcels(inDingxing(), "130627", 0); err != nil {
			t.Fatal(err)
		}
	})
	rules.SetBoundaries(spatial.NewBoundaries(shapes, names))
	t.Run("with 唐县's boundary loaded it is refused", func(t *testing.T) {
		_, err := rules.PrepareParcels(inDingxing(), "130627", 0)
		var le *land.Error
		if !errors.As(err, &le) || le.Code != land.CodeInvalid || le.Field != "parcels[0]" {
			t.Fatalf("err = %v, want invalid parcels[0]", err)
		}
		for _, want := range []string{"DX-7", "115.78", "130627", "唐县"} {
			if !strings.Contains(le.Message, want) {
				t.Errorf("message %q does not name %s", le.Message, want)
			}
		}
	})
	t.Run("in its own county it passes", func(t *testing.T) {
		if _, err := rules.PrepareParcels(inDingxing(), "130626", 0); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("a county without a boundary falls back on its prefecture, and without one passes", func(t *testing.T) {
		if _, err := rules.PrepareParcels(inDingxing(), "130629", 0); err != nil { // 容城县: no boundary of it nor of 保定市
			t.Fatal(err)
		}
		rules.SetBoundaries(spatial.NewBoundaries(map[string]orb.MultiPolygon{"130600": shapes["130627"]}, map[string]string{"130600": "保定市"}))
		if _, err := rules.PrepareParcels(inDingxing(), "130629", 0); err == nil || !strings.Contains(err.Error(), "130600") {
			t.Fatalf("err = %v, want the prefecture's boundary to refuse it", err)
		}
	})
}

// A boundaries file reports each feature it cannot take by its number: an
// unknown or missing code, a province, a geometry that is not a polygon.
func TestBoundaryFeaturesWithUnknownCodesOrBadGeometriesAreRejectedByFeature(t *testing.T) {
	regions, err := sql.LoadRegions(reference.FS)
	if err != nil {
		t.Fatal(err)
	}
	square := `{"type":"Polygon","coordinates":[[[115,39],[115.1,39],[115.1,39.1],[115,39.1],[115,39]]]}`
	bowtie := `{"type":"Polygon","coordinates":[[[115,39],[115.1,39.1],[115.1,39],[115,39.1],[115,39]]]}`
	text := `{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"adcode":130626},"geometry":` + square + `},
{"type":"Feature","properties":{"code":"999999"},"geometry":` + square + `},
{"type":"Feature","properties":{},"geometry":` + square + `},
{"type":"Feature","properties":{"code":"130000"},"geometry":` + square + `},
{"type":"Feature","properties":{"code":"130627"},"geometry":` + bowtie + `}]}`
	bs, rejected, err := importer.ParseBoundaries("b.geojson", strings.NewReader(text), regions)
	if err != nil {
		t.Fatal(err)
	}
	if len(bs) != 1 || bs[0].Code != "130626" || bs[0].Name != "定兴县" {
		t.Fatalf("kept %+v, want 130626 定兴县 alone", bs)
	}
	want := map[string]string{"feature 2": "region_code", "feature 3": "region_code", "feature 4": "region_code", "feature 5": "geometry"}
	if len(rejected) != len(want) {
		t.Fatalf("rejected %+v", rejected)
	}
	for _, r := range rejected {
		if want[r.Record] != r.Field {
			t.Errorf("%s rejected for %s (%s), want %s", r.Record, r.Field, r.Reason, want[r.Record])
		}
	}
}
