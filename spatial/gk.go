// Package spatial is landwatch's geometry core: Gauss-Krüger projection on
// the CGCS2000 ellipsoid, plane areas, geometry validation, and conversion
// between orb (used in memory) and go-geom (used at the PostGIS boundary).
package spatial

import (
	"math"
	"math/cmplx"
)

// CGCS2000 ellipsoid (China Geodetic Coordinate System 2000) and the
// Gauss-Krüger conventions used with it in China.
const (
	cgcsA    = 6378137.0           // semi-major axis, metres
	cgcsInvF = 298.257222101       // inverse flattening
	cgcsF    = 1 / cgcsInvF        // flattening
	cgcsE2   = cgcsF * (2 - cgcsF) // first eccentricity squared
	cgcsN    = cgcsF / (2 - cgcsF) // third flattening n
	gkK0     = 1.0                 // scale on the central meridian
	gkFE     = 500000.0            // false easting, metres
	gkFN     = 0.0                 // false northing, metres
	deg      = math.Pi / 180       // radians per degree
	gkOrder  = 6                   // order of the Krüger series
)

// tm holds the Krüger series of a transverse Mercator projection (Karney
// 2011, "Transverse Mercator with an accuracy of a few nanometers"). It is
// computed per call from the ellipsoid constants: a few dozen
// multiplications, and no package state.
type tm struct {
	e     float64              // first eccentricity
	rectA float64              // rectifying radius A times k0
	alpha [gkOrder + 1]float64 // forward coefficients, alpha[1..6]
	beta  [gkOrder + 1]float64 // inverse coefficients, beta[1..6]
}

// cgcsTM returns the series for the CGCS2000 ellipsoid with k0 = 1.
func cgcsTM() tm {
	n := cgcsN
	n2 := n * n
	n3 := n2 * n
	n4 := n3 * n
	n5 := n4 * n
	n6 := n5 * n
	var p tm
	p.e = math.Sqrt(cgcsE2)
	p.rectA = gkK0 * cgcsA / (1 + n) * (1 + n2/4 + n4/64 + n6/256)

	p.alpha[1] = n/2 - 2*n2/3 + 5*n3/16 + 41*n4/180 - 127*n5/288 + 7891*n6/37800
	p.alpha[2] = 13*n2/48 - 3*n3/5 + 557*n4/1440 + 281*n5/630 - 1983433*n6/1935360
	p.alpha[3] = 61*n3/240 - 103*n4/140 + 15061*n5/26880 + 167603*n6/181440
	p.alpha[4] = 49561*n4/161280 - 179*n5/168 + 6601661*n6/7257600
	p.alpha[5] = 34729*n5/80640 - 3418889*n6/1995840
	p.alpha[6] = 212378941 * n6 / 319334400

	p.beta[1] = n/2 - 2*n2/3 + 37*n3/96 - n4/360 - 81*n5/512 + 96199*n6/604800
	p.beta[2] = n2/48 + n3/15 - 437*n4/1440 + 46*n5/105 - 1118711*n6/3870720
	p.beta[3] = 17*n3/480 - 37*n4/840 - 209*n5/4480 + 5569*n6/90720
	p.beta[4] = 4397*n4/161280 - 11*n5/504 - 830251*n6/7257600
	p.beta[5] = 4583*n5/161280 - 108847*n6/3991680
	p.beta[6] = 20648693 * n6 / 638668800
	return p
}

// ToPlane projects a CGCS2000 longitude/latitude (degrees) to Gauss-Krüger
// plane coordinates in the zone with central meridian cm (degrees). The
// easting carries the 500000 m false easting but no zone prefix.
func ToPlane(cm, lon, lat float64) (northing, easting float64) {
	p := cgcsTM()
	return p.forward(cm, lon, lat)
}

// forward is ToPlane with the series already computed.
func (p *tm) forward(cm, lon, lat float64) (northing, easting float64) {
	phi := lat * deg
	lam := remainderDeg(lon-cm) * deg

	// Conformal latitude, as its tangent, computed without cancellation.
	taup := p.conformalTan(math.Tan(phi))

	xip := math.Atan2(taup, math.Cos(lam))
	etap := math.Asinh(math.Sin(lam) / math.Hypot(taup, math.Cos(lam)))

	// ξ + iη = ζ' + Σ αj sin(2j ζ'), with ζ' = ξ' + iη'.
	zp := complex(xip, etap)
	z := zp + sineSeries(&p.alpha, zp)
	return gkFN + p.rectA*real(z), gkFE + p.rectA*imag(z)
}

// ToGeographic is the inverse of ToPlane: it turns Gauss-Krüger plane
// coordinates (easting with the 500000 m false easting, without a zone
// prefix) in the zone with central meridian cm into CGCS2000
// longitude/latitude in degrees.
func ToGeographic(cm, northing, easting float64) (lon, lat float64) {
	p := cgcsTM()
	return p.inverse(cm, northing, easting)
}

// inverse is ToGeographic with the series already computed.
func (p *tm) inverse(cm, northing, easting float64) (lon, lat float64) {
	xi := (northing - gkFN) / p.rectA
	eta := (easting - gkFE) / p.rectA

	// ζ' = ζ − Σ βj sin(2j ζ), with ζ = ξ + iη.
	z := complex(xi, eta)
	zp := z - sineSeries(&p.beta, z)
	xip, etap := real(zp), imag(zp)

	sxip, cxip := math.Sincos(xip)
	shetap := math.Sinh(etap)
	taup := sxip / math.Hypot(shetap, cxip)
	lam := math.Atan2(shetap, cxip)
	tau := p.geodeticTan(taup)
	return cm + lam/deg, math.Atan(tau) / deg
}

// sineSeries sums Σ c[j]·sin(2j·z) for j = 1..6 over complex z by
// Clenshaw's recurrence: one complex sine and cosine instead of twelve
// pairs of circular and hyperbolic functions.
func sineSeries(c *[gkOrder + 1]float64, z complex128) complex128 {
	s, co := cmplx.Sin(2*z), cmplx.Cos(2*z)
	twoCos := 2 * co
	var b1, b2 complex128
	for j := gkOrder; j >= 1; j-- {
		b1, b2 = complex(c[j], 0)+twoCos*b1-b2, b1
	}
	return b1 * s
}

// conformalTan maps tan(φ) to tan(χ), χ the conformal latitude.
func (p *tm) conformalTan(tau float64) float64 {
	tau1 := math.Hypot(1, tau)
	sig := math.Sinh(p.e * math.Atanh(p.e*tau/tau1))
	return math.Hypot(1, sig)*tau - sig*tau1
}

// geodeticTan inverts conformalTan by Newton's method; three or four steps
// reach full double precision for any latitude of interest.
func (p *tm) geodeticTan(taup float64) float64 {
	tau := taup / (1 - cgcsE2) // close starting guess
	for i := 0; i < 6; i++ {
		tau1 := math.Hypot(1, tau)
		sig := math.Sinh(p.e * math.Atanh(p.e*tau/tau1))
		taupa := math.Hypot(1, sig)*tau - sig*tau1
		// d(taup)/d(tau) = (1-e²)·sqrt(1+taup²)·sqrt(1+tau²) / (1+(1-e²)·tau²)
		dtau := (taup - taupa) * (1 + (1-cgcsE2)*tau*tau) /
			((1 - cgcsE2) * tau1 * math.Hypot(1, taupa))
		tau += dtau
		if math.Abs(dtau) < 1e-15*math.Max(1, math.Abs(tau)) {
			break
		}
	}
	return tau
}

// remainderDeg reduces a longitude difference to [-180, 180).
func remainderDeg(d float64) float64 {
	d = math.Mod(d+180, 360)
	if d < 0 {
		d += 360
	}
	return d - 180
}
