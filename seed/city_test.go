package seed

import (
	"bytes"
	"crypto/sha256"
	"runtime"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"landwatch/land"
	"landwatch/spatial"
)

// smallCity returns the options of a small city for quick tests.
func smallCity(parcels int) Options {
	o := Default()
	o.Parcels = parcels
	return o
}

// generate runs City and fails the test on error.
func generateCity(t testing.TB, o Options) *Demo {
	t.Helper()
	d, err := City(o)
	if err != nil {
		t.Fatalf("City(%+v): %v", o, err)
	}
	return d
}

// geoJSONHash returns the SHA-256 of the demo written as GeoJSON.
func geoJSONHash(t *testing.T, d *Demo) [32]byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteGeoJSON(&buf, d); err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(buf.Bytes())
}

func TestCityIsDeterministic(t *testing.T) {
	o := smallCity(4000)
	first := geoJSONHash(t, generateCity(t, o))

	t.Run("the same options give the same city", func(t *testing.T) {
		if got := geoJSONHash(t, generateCity(t, o)); got != first {
			t.Fatalf("second run differs: %x, want %x", got, first)
		}
	})
	t.Run("one CPU gives the same city as all of them", func(t *testing.T) {
		old := runtime.GOMAXPROCS(1)
		defer runtime.GOMAXPROCS(old)
		if got := geoJSONHash(t, generateCity(t, o)); got != first {
			t.Fatalf("single-CPU run differs: %x, want %x", got, first)
		}
	})
	t.Run("another seed gives another city", func(t *testing.T) {
		other := o
		other.Seed++
		if got := geoJSONHash(t, generateCity(t, other)); got == first {
			t.Fatal("seed did not change the city")
		}
	})
}

func TestDefaultCity(t *testing.T) {
	o := Default()
	d := generateCity(t, o)
	parcels := 0
	for _, s := range d.Supplies {
		parcels += len(s.Parcels)
	}
	wantEPSG := spatial.Zone{Width: 3, Number: 39}.EPSG(true)

	t.Run("has at least twenty thousand parcels", func(t *testing.T) {
		if parcels < 20000 {
			t.Fatalf("%d parcels, want at least 20000", parcels)
		}
	})
	t.Run("every parcel is a valid geometry near Dingxing", func(t *testing.T) {
		around := orb.Bound{Min: orb.Point{115.5, 39.0}, Max: orb.Point{116.1, 39.5}}
		for _, s := range d.Supplies {
			for _, pc := range s.Parcels {
				if err := spatial.Validate(pc.Geometry); err != nil {
					t.Fatalf("%s parcel %s: %v", s.ENumber, pc.Number, err)
				}
				if !around.Contains(pc.Geometry.Bound().Center()) {
					t.Fatalf("%s lies at %v, far from Dingxing", s.ENumber, pc.Geometry.Bound().Center())
				}
			}
		}
	})
	t.Run("plane areas are those of zone 39 and add up to the declared area", func(t *testing.T) {
		mismatches := 0
		for _, s := range d.Supplies {
			total := 0.0
			for _, pc := range s.Parcels {
				m2, epsg := spatial.PlaneArea(pc.Geometry)
				if epsg != wantEPSG || pc.GKEPSG != wantEPSG {
					t.Fatalf("%s: zone EPSG %d (stored %d), want %d", s.ENumber, epsg, pc.GKEPSG, wantEPSG)
				}
				if m2 != pc.PlaneAreaM2 {
					t.Fatalf("%s: stored plane area %f, computed %f", s.ENumber, pc.PlaneAreaM2, m2)
				}
				total += m2
			}
			if _, off := spatial.AreaMismatch(total, s.AreaHa, spatial.DefaultAreaTolerance); off {
				mismatches++
			}
		}
		// A few declared areas disagree on purpose (a data-quality warning).
		if share := float64(mismatches) / float64(len(d.Supplies)); mismatches == 0 || share > 0.01 {
			t.Fatalf("%d supplies (%.2f %%) declare an area off by over 1 %%, want a few, under 1 %%", mismatches, 100*share)
		}
	})
	t.Run("some parcels have holes and some are in parts", func(t *testing.T) {
		holes, parts, twoParcels := 0, 0, 0
		for _, s := range d.Supplies {
			if len(s.Parcels) > 1 {
				twoParcels++
			}
			for _, pc := range s.Parcels {
				if len(pc.Geometry) > 1 {
					parts++
				}
				for _, poly := range pc.Geometry {
					if len(poly) > 1 {
						holes++
					}
				}
			}
		}
		if holes < 20 || parts < 5 || twoParcels < 100 {
			t.Fatalf("%d holes, %d multipart parcels, %d two-parcel supplies: want some of each", holes, parts, twoParcels)
		}
	})
	t.Run("neighbours share vertices", func(t *testing.T) {
		seen := map[orb.Point]int{}
		for _, s := range d.Supplies[:2000] {
			for _, pc := range s.Parcels {
				for _, p := range pc.Geometry[0][0][1:] {
					seen[p]++
				}
			}
		}
		shared := 0
		for _, n := range seen {
			if n > 1 {
				shared++
			}
		}
		if share := float64(shared) / float64(len(seen)); share < 0.3 {
			t.Fatalf("only %.0f %% of vertices are shared by two parcels or more", 100*share)
		}
	})
	t.Run("supplies carry the attributes of real records", func(t *testing.T) {
		methods := map[string]int{}
		for _, s := range d.Supplies {
			methods[s.Method]++
			if s.RegionCode != o.RegionCode || s.DistrictName != "定兴县" || s.ProjectName == "" || s.Location == "" {
				t.Fatalf("%s: region %q, district %q, project %q, location %q", s.ENumber, s.RegionCode, s.DistrictName, s.ProjectName, s.Location)
			}
			if code, err := land.MapLandUse(s.LandUseOriginal); err != nil || code != s.LandUseCode {
				t.Fatalf("%s: land use %q maps to %q (%v), record says %q", s.ENumber, s.LandUseOriginal, code, err, s.LandUseCode)
			}
			if land.KindOf(s.Method) != s.Kind {
				t.Fatalf("%s: method %s is not of kind %s", s.ENumber, s.Method, s.Kind)
			}
			if s.Kind == land.KindTransfer && s.PriceWan != nil && *s.PriceWan > 0 && len(s.Installments) == 0 {
				t.Fatalf("%s: a priced transfer without instalments", s.ENumber)
			}
		}
		for _, m := range []string{land.MethodAllocation, land.MethodListing, land.MethodAuction, land.MethodAgreement} {
			if methods[m] == 0 {
				t.Errorf("no supply by method %s", m)
			}
		}
	})
}

func TestENumbers(t *testing.T) {
	d := generateCity(t, Default())
	seen := make(map[string]bool, len(d.Supplies))
	for _, s := range d.Supplies {
		n, err := land.ParseENumber(s.ENumber)
		if err != nil {
			t.Fatalf("%q: %v", s.ENumber, err)
		}
		wantType := byte('B')
		if s.Kind == land.KindAllocation {
			wantType = 'A'
		}
		if n.County != "130626" || n.Year != s.ContractDate.Time().Year() || n.Type != wantType || n.Suffix != 0 {
			t.Fatalf("%s: county %s year %d type %c for a %s contracted %s", s.ENumber, n.County, n.Year, n.Type, s.Kind, s.ContractDate)
		}
		if seen[s.ENumber] {
			t.Fatalf("%s is given twice", s.ENumber)
		}
		seen[s.ENumber] = true
	}
}

func TestFabricAndStreamMatchCity(t *testing.T) {
	o := smallCity(2000)
	d := generateCity(t, o)
	var fromCity []orb.MultiPolygon
	for _, s := range d.Supplies {
		for _, pc := range s.Parcels {
			fromCity = append(fromCity, pc.Geometry)
		}
	}

	t.Run("Fabric gives City's parcels in City's order", func(t *testing.T) {
		f, err := Fabric(o)
		if err != nil {
			t.Fatal(err)
		}
		if len(f) != len(fromCity) {
			t.Fatalf("%d parcels, City has %d", len(f), len(fromCity))
		}
		for i := range f {
			if !orb.Equal(f[i], fromCity[i]) {
				t.Fatalf("parcel %d differs", i)
			}
		}
	})
	t.Run("Stream gives City's supplies in City's order", func(t *testing.T) {
		i := 0
		sd, err := Stream(o, func(s *land.Supply) error {
			if i >= len(d.Supplies) || s.ENumber != d.Supplies[i].ENumber || s.Stage != d.Supplies[i].Stage {
				t.Fatalf("supply %d is %s, City has another", i, s.ENumber)
			}
			i++
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if i != len(d.Supplies) || len(sd.Overlaps) != len(d.Overlaps) || sd.Supplies != nil {
			t.Fatalf("%d supplies and %d overlaps, City has %d and %d", i, len(sd.Overlaps), len(d.Supplies), len(d.Overlaps))
		}
	})
	t.Run("an error from emit stops Stream", func(t *testing.T) {
		stop := land.Invalid("x", "stop")
		if _, err := Stream(o, func(*land.Supply) error { return stop }); err != stop {
			t.Fatalf("got %v, want the emit error", err)
		}
	})
}

func TestOptionsAreChecked(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(*Options)
		field string
	}{
		{"no parcels is refused", func(o *Options) { o.Parcels = 0 }, "parcels"},
		{"a centre outside China is refused", func(o *Options) { o.CenterLon = 10 }, "center"},
		{"a region code of five digits is refused", func(o *Options) { o.RegionCode = "13062" }, "region_code"},
		{"an unknown county is refused", func(o *Options) { o.RegionCode = "139999" }, "region_code"},
		{"a missing today is refused", func(o *Options) { o.Today = land.Date{} }, "today"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			o := smallCity(100)
			tc.edit(&o)
			_, err := City(o)
			if land.ErrorCode(err) != land.CodeInvalid || land.ErrorField(err) != tc.field {
				t.Fatalf("got %v (code %q, field %q), want invalid %q", err, land.ErrorCode(err), land.ErrorField(err), tc.field)
			}
		})
	}
}

func TestLargerCitiesAreSeveralTowns(t *testing.T) {
	d := generateCity(t, smallCity(30000))
	towns := map[string]orb.Bound{}
	for _, s := range d.Supplies {
		name := "定兴县"
		if !strings.HasPrefix(s.Location, name) {
			name, _, _ = strings.Cut(s.Location, "镇")
		}
		b, ok := towns[name]
		for _, pc := range s.Parcels {
			if !ok {
				b, ok = pc.Geometry.Bound(), true
			}
			b = b.Union(pc.Geometry.Bound())
		}
		towns[name] = b
	}
	if len(towns) != 2 {
		t.Fatalf("%d towns, want the seat and one more", len(towns))
	}
	seat := towns["定兴县"]
	for name, b := range towns {
		if name != "定兴县" && (b.Intersects(seat) || b.Min[0] < seat.Min[0]) {
			t.Fatalf("town %s %v meets the seat %v or lies west of it", name, b, seat)
		}
	}
}
