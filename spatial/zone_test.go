package spatial

import (
	"math"
	"testing"

	"landwatch/land"
)

func TestZoneMeridiansAndEPSGCodes(t *testing.T) {
	cases := []struct {
		name                 string
		zone                 Zone
		cm                   float64
		prefixed, unprefixed int
	}{
		{"3° zone 25 is the first in China", Zone{3, 25}, 75, 4513, 4534},
		{"3° zone 39 is Beijing's", Zone{3, 39}, 117, 4527, 4548},
		{"3° zone 45 is the last in China", Zone{3, 45}, 135, 4533, 4554},
		{"6° zone 13 is the first in China", Zone{6, 13}, 75, 4491, 4502},
		{"6° zone 20 is Beijing's", Zone{6, 20}, 117, 4498, 4509},
		{"6° zone 23 is the last in China", Zone{6, 23}, 135, 4501, 4512},
		{"3° zone 24 lies west of China and has no code", Zone{3, 24}, 72, 0, 0},
		{"6° zone 24 lies east of China and has no code", Zone{6, 24}, 141, 0, 0},
		{"a 4° zone does not exist", Zone{4, 30}, 90, 0, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := c.zone.CentralMeridian(); got != c.cm {
				t.Errorf("CentralMeridian = %v, want %v", got, c.cm)
			}
			if got := c.zone.EPSG(true); got != c.prefixed {
				t.Errorf("EPSG(true) = %d, want %d", got, c.prefixed)
			}
			if got := c.zone.EPSG(false); got != c.unprefixed {
				t.Errorf("EPSG(false) = %d, want %d", got, c.unprefixed)
			}
			for _, prefixed := range []bool{true, false} {
				code := c.zone.EPSG(prefixed)
				if code == 0 {
					continue
				}
				z, p, ok := ZoneOfEPSG(code)
				if !ok || z != c.zone || p != prefixed {
					t.Errorf("ZoneOfEPSG(%d) = %v, %v, %v; want %v, %v, true", code, z, p, ok, c.zone, prefixed)
				}
			}
		})
	}
}

func TestEveryUnprefixedCodeNamesItsCentralMeridian(t *testing.T) {
	// EPSG:4534–4554 run over central meridians 75°E…135°E in 3° steps, and
	// 4502–4512 over the same meridians in 6° steps.
	for code := 4534; code <= 4554; code++ {
		z, prefixed, ok := ZoneOfEPSG(code)
		if want := float64(75 + 3*(code-4534)); !ok || prefixed || z.CentralMeridian() != want {
			t.Errorf("EPSG:%d = %v (prefixed %v, ok %v), want central meridian %v", code, z, prefixed, ok, want)
		}
	}
	for code := 4502; code <= 4512; code++ {
		z, prefixed, ok := ZoneOfEPSG(code)
		if want := float64(75 + 6*(code-4502)); !ok || prefixed || z.CentralMeridian() != want {
			t.Errorf("EPSG:%d = %v (prefixed %v, ok %v), want central meridian %v", code, z, prefixed, ok, want)
		}
	}
	if _, _, ok := ZoneOfEPSG(4490); ok {
		t.Error("EPSG:4490 (geographic) was taken for a Gauss-Krüger zone")
	}
}

func TestZoneOfLongitude(t *testing.T) {
	cases := []struct {
		name  string
		lon   float64
		three int
		six   int
	}{
		{"Dingxing at 115.78°E is in 3° zone 39 and 6° zone 20", 115.78, 39, 20},
		{"Changli at 119.16°E is in 3° zone 40 and 6° zone 20", 119.16, 40, 20},
		{"a point just east of a 3° zone edge rounds up", 118.51, 40, 20},
		{"a point just west of a 3° zone edge rounds down", 118.49, 39, 20},
		{"Kashgar at 75.99°E is in 3° zone 25 and 6° zone 13", 75.99, 25, 13},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := Zone3Of(c.lon); got != (Zone{3, c.three}) {
				t.Errorf("Zone3Of(%v) = %v, want 3°-%d", c.lon, got, c.three)
			}
			if got := Zone6Of(c.lon); got != (Zone{6, c.six}) {
				t.Errorf("Zone6Of(%v) = %v, want 6°-%d", c.lon, got, c.six)
			}
		})
	}
}

func TestZoneFromPrefixedEasting(t *testing.T) {
	cases := []struct {
		name    string
		easting float64
		width   int
		zone    Zone
		rest    float64
		wantErr bool
	}{
		{"a zone 39 easting splits into zone and easting", 39568491.813, 3, Zone{3, 39}, 568491.813, false},
		{"a zone 25 easting is accepted", 25400000, 3, Zone{3, 25}, 400000, false},
		{"a 6° zone 20 easting is accepted", 20612345.5, 6, Zone{6, 20}, 612345.5, false},
		{"an easting without a prefix is refused", 568491.813, 3, Zone{}, 0, true},
		{"a northing mistaken for an easting is refused", 4348987.42, 3, Zone{}, 0, true},
		{"a 3° zone number given as 6° is refused", 39568491.813, 6, Zone{}, 0, true},
		{"a negative easting is refused", -39568491.813, 3, Zone{}, 0, true},
		{"a zone width of 4 is refused", 39568491.813, 4, Zone{}, 0, true},
		{"a huge easting is refused", 1e300, 3, Zone{}, 0, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			z, rest, err := ZoneFromPrefixedEasting(c.easting, c.width)
			if c.wantErr {
				if land.ErrorCode(err) != land.CodeInvalid || land.ErrorField(err) != "easting" {
					t.Fatalf("err = %v, want invalid easting", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if z != c.zone || math.Abs(rest-c.rest) > 1e-6 {
				t.Errorf("= %v, %v; want %v, %v", z, rest, c.zone, c.rest)
			}
		})
	}
}
