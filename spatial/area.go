package spatial

import (
	"math"

	"github.com/paulmach/orb"
)

// PlaneArea returns the Gauss-Krüger plane area in m² of a CGCS2000
// longitude/latitude MultiPolygon — the area Chinese land offices use —
// computed in the 3° zone of the centre of its bounding box, and the EPSG
// code of that zone with the zone number in front of the easting
// (4488 + N). Holes are subtracted; ring orientation does not matter. The
// code is 0 when the centre lies outside China's zones (25–45); the area is
// still computed in the nearest-meridian zone.
func PlaneArea(mp orb.MultiPolygon) (m2 float64, epsg int) {
	if len(mp) == 0 {
		return 0, 0
	}
	z := Zone3Of(mp.Bound().Center().Lon())
	return PlaneAreaIn(mp, z), z.EPSG(true)
}

// PlaneAreaIn returns the Gauss-Krüger plane area in m² of mp in zone z:
// for each polygon, the area of its outer ring less the areas of its holes,
// whatever their orientation.
func PlaneAreaIn(mp orb.MultiPolygon, z Zone) float64 {
	p := cgcsTM()
	cm := z.CentralMeridian()
	var total float64
	for _, poly := range mp {
		for i, ring := range poly {
			a := math.Abs(p.ringPlaneArea(cm, ring))
			if i == 0 {
				total += a
			} else {
				total -= a
			}
		}
	}
	return total
}

// ringPlaneArea returns the signed shoelace area of ring projected into the
// zone with central meridian cm, positive when counter-clockwise in the
// (easting, northing) plane. The ring need not be closed. Coordinates are
// taken relative to the first vertex so that millions of metres of offset
// do not eat the precision of a few-square-metre parcel.
func (p *tm) ringPlaneArea(cm float64, ring orb.Ring) float64 {
	if len(ring) < 3 {
		return 0
	}
	n0, e0 := p.forward(cm, ring[0][0], ring[0][1])
	var sum, prevX, prevY float64 // the first vertex is the origin (0, 0)
	for _, pt := range ring[1:] {
		n, e := p.forward(cm, pt[0], pt[1])
		x, y := e-e0, n-n0
		sum += prevX*y - x*prevY
		prevX, prevY = x, y
	}
	// The closing edge back to the origin adds prevX·0 − 0·prevY = 0.
	return sum / 2
}

// DefaultAreaTolerance is the share by which a computed plane area may
// differ from the declared area before AreaMismatch warns (DESIGN §4.4).
const DefaultAreaTolerance = 0.01

// AreaMismatch compares a computed plane area (m²) with a declared area
// (面积, hectares): ratio is plane / declared, and warn is true when it
// differs from 1 by more than tolerance (0.01 for 1 %). With no usable
// declared area (zero, negative or not finite) there is nothing to
// compare: it returns 0, false.
func AreaMismatch(planeM2, declaredHa, tolerance float64) (ratio float64, warn bool) {
	if !(declaredHa > 0) || math.IsInf(declaredHa, 0) {
		return 0, false
	}
	ratio = planeM2 / (declaredHa * 1e4)
	return ratio, math.Abs(ratio-1) > tolerance
}
