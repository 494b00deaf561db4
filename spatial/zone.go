package spatial

import (
	"fmt"
	"math"

	"landwatch/land"
)

// Zone is a Gauss-Krüger zone (投影带): Width is 3 or 6 degrees, Number the
// zone number (带号). China lies in 3° zones 25–45 and 6° zones 13–23.
type Zone struct {
	Width  int
	Number int
}

// Zone number ranges that cover China, and the EPSG code bases of the
// CGCS2000 Gauss-Krüger systems.
const (
	zone3Min, zone3Max = 25, 45
	zone6Min, zone6Max = 13, 23

	epsg3Prefixed   = 4488 // + zone number: 4513–4533
	epsg3Unprefixed = 4509 // + zone number: 4534–4554 (central meridian 75–135)
	epsg6Prefixed   = 4478 // + zone number: 4491–4501
	epsg6Unprefixed = 4489 // + zone number: 4502–4512 (central meridian 75–135)

	// prefixScale is the place value of the zone number written in front of
	// a prefixed easting (39568491.813 is zone 39, easting 568491.813).
	prefixScale = 1e6
)

// CentralMeridian returns the zone's central meridian in degrees east:
// 3·N for 3° zones, 6·N − 3 for 6° zones.
func (z Zone) CentralMeridian() float64 {
	if z.Width == 6 {
		return float64(6*z.Number - 3)
	}
	return float64(3 * z.Number)
}

// Valid reports whether z is a 3° or 6° zone that covers part of China.
func (z Zone) Valid() bool {
	switch z.Width {
	case 3:
		return z.Number >= zone3Min && z.Number <= zone3Max
	case 6:
		return z.Number >= zone6Min && z.Number <= zone6Max
	}
	return false
}

// EPSG returns the EPSG code of the CGCS2000 Gauss-Krüger system of the
// zone: with the zone number in front of the easting when prefixed, without
// it otherwise. It returns 0 for a zone outside China's (see Valid).
func (z Zone) EPSG(prefixed bool) int {
	if !z.Valid() {
		return 0
	}
	switch {
	case z.Width == 3 && prefixed:
		return epsg3Prefixed + z.Number
	case z.Width == 3:
		return epsg3Unprefixed + z.Number
	case prefixed:
		return epsg6Prefixed + z.Number
	default:
		return epsg6Unprefixed + z.Number
	}
}

// String writes the zone as "3°-39".
func (z Zone) String() string { return fmt.Sprintf("%d°-%d", z.Width, z.Number) }

// ZoneOfEPSG is the inverse of Zone.EPSG: it returns the zone of a CGCS2000
// Gauss-Krüger EPSG code and whether that system prefixes eastings with the
// zone number; ok is false for any other code.
func ZoneOfEPSG(code int) (z Zone, prefixed, ok bool) {
	switch {
	case code >= epsg6Prefixed+zone6Min && code <= epsg6Prefixed+zone6Max:
		return Zone{6, code - epsg6Prefixed}, true, true
	case code >= epsg6Unprefixed+zone6Min && code <= epsg6Unprefixed+zone6Max:
		return Zone{6, code - epsg6Unprefixed}, false, true
	case code >= epsg3Prefixed+zone3Min && code <= epsg3Prefixed+zone3Max:
		return Zone{3, code - epsg3Prefixed}, true, true
	case code >= epsg3Unprefixed+zone3Min && code <= epsg3Unprefixed+zone3Max:
		return Zone{3, code - epsg3Unprefixed}, false, true
	}
	return Zone{}, false, false
}

// Zone3Of returns the 3° zone whose central meridian is nearest to lon
// (N = round(lon/3)).
func Zone3Of(lon float64) Zone {
	return Zone{Width: 3, Number: int(math.Round(lon / 3))}
}

// Zone6Of returns the 6° zone containing lon (N = floor(lon/6) + 1).
func Zone6Of(lon float64) Zone {
	return Zone{Width: 6, Number: int(math.Floor(lon/6)) + 1}
}

// ZoneFromPrefixedEasting splits an easting written with the zone number in
// front (39568491.813 → zone 39, 568491.813) for zones of the given width
// (3 or 6). It returns a *land.Error (field "easting") when the width is
// neither, the value is not finite, or the zone number is not one that
// covers China (3°: 25–45, 6°: 13–23).
func ZoneFromPrefixedEasting(easting float64, width int) (Zone, float64, error) {
	if width != 3 && width != 6 {
		return Zone{}, 0, land.Invalid("easting", "zone width %d: expected 3 or 6", width)
	}
	if math.IsNaN(easting) || math.IsInf(easting, 0) {
		return Zone{}, 0, land.Invalid("easting", "easting %v is not a number", easting)
	}
	number := math.Floor(easting / prefixScale)
	z := Zone{Width: width, Number: int(number)}
	if number < 0 || number > 99 || !z.Valid() {
		lo, hi := zone3Min, zone3Max
		if width == 6 {
			lo, hi = zone6Min, zone6Max
		}
		return Zone{}, 0, land.Invalid("easting",
			"easting %.3f: expected the %d° zone number (%d–%d) in front of a 6-digit easting",
			easting, width, lo, hi)
	}
	return z, easting - number*prefixScale, nil
}
