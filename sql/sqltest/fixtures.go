package sqltest

import (
	"github.com/paulmach/orb"

	"landwatch/land"
	"landwatch/spatial"
)

// Square returns a side×side metre square at (north, east) in Gauss-Krüger
// zone 39 (near 定兴县), with an optional centred square hole, in EPSG:4490.
func Square(north, east, side, hole float64) orb.MultiPolygon {
	z := spatial.Zone{Width: 3, Number: 39}
	ring := func(n0, e0, s float64, clockwise bool) orb.Ring {
		pts := [][2]float64{{n0, e0}, {n0, e0 + s}, {n0 + s, e0 + s}, {n0 + s, e0}, {n0, e0}}
		if clockwise {
			pts = [][2]float64{{n0, e0}, {n0 + s, e0}, {n0 + s, e0 + s}, {n0, e0 + s}, {n0, e0}}
		}
		r := make(orb.Ring, len(pts))
		for i, p := range pts {
			lon, lat := spatial.ToGeographic(z.CentralMeridian(), p[0], p[1])
			r[i] = orb.Point{lon, lat}
		}
		return r
	}
	poly := orb.Polygon{ring(north, east, side, false)}
	if hole > 0 {
		poly = append(poly, ring(north+(side-hole)/2, east+(side-hole)/2, hole, true))
	}
	return orb.MultiPolygon{poly}
}

// Rect returns an east×north metre rectangle at (north, east) in zone 39.
func Rect(north, east, northSize, eastSize float64) orb.MultiPolygon {
	z := spatial.Zone{Width: 3, Number: 39}
	pts := [][2]float64{{north, east}, {north, east + eastSize}, {north + northSize, east + eastSize}, {north + northSize, east}, {north, east}}
	r := make(orb.Ring, len(pts))
	for i, p := range pts {
		lon, lat := spatial.ToGeographic(z.CentralMeridian(), p[0], p[1])
		r[i] = orb.Point{lon, lat}
	}
	return orb.MultiPolygon{{r}}
}

// NewSupply is a valid listing transfer (挂牌出让) in 定兴县 with one parcel:
// a 100 m square with a 20 m square hole, 0.96 ha.
func NewSupply(number string) *land.Supply {
	return &land.Supply{
		ENumber: number, Method: "23", ProjectName: "定兴县测试住宅项目", Location: "开放西路北侧",
		AreaHa: 0.96, LandUseOriginal: "其他普通商品住房用地", Holder: "河北测试房地产开发有限公司",
		ContractDate: land.NewDate(2018, 12, 31), AgreedStart: land.NewDate(2019, 12, 21),
		Parcels: []land.Parcel{{Number: number, Geometry: Square(4348000, 393000, 100, 20)}},
	}
}

// FootprintFile is a GeoJSON file of building footprints with one good
// footprint (in 定兴县) and, as feature 2, a point, which an import rejects
// for its geometry.
const FootprintFile = `{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"observed_on":"2024-05-01"},"geometry":{"type":"Polygon","coordinates":[[[115.780,39.260],[115.7805,39.260],[115.7805,39.2605],[115.780,39.2605],[115.780,39.260]]]}},
{"type":"Feature","properties":{"observed_on":"2024-05-01"},"geometry":{"type":"Point","coordinates":[115.78,39.26]}}]}`
