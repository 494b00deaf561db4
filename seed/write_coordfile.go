package seed

import (
	"io"

	"landwatch/export"
	"landwatch/land"
	"landwatch/spatial"
)

// WriteCoordinateFile writes the demo's parcels as the ministry's
// coordinate text file (DESIGN §5), UTF-8: a [属性描述] section for
// CGCS2000 Gauss-Krüger plane coordinates in zone, then under [地块坐标]
// one record per parcel, headed
//
//	点数,面积(公顷),地块编号,地块名称,面,图幅号,地块用途,地类编码,@
//
// with the supply's e-supervision number as 地块编号 (so an import attaches
// each parcel to its supply) and the plane area in zone, then its points
// J1,圈号,X,Y: X the northing, Y the easting with the zone number in
// front, 3 decimals. Every ring repeats its first point to close; 圈号
// counts the rings of the parcel (the outer ring of each part, then its
// holes). It returns a *land.Error for a zone outside China, else the
// first write error.
func WriteCoordinateFile(w io.Writer, d *Demo, zone spatial.Zone) error {
	if !zone.Valid() {
		return land.Invalid("zone", "zone %s does not cover China", zone)
	}
	cf, err := export.NewCoordinateFile(w, export.CoordinateHeader{Producer: "landwatch seed", Date: d.Options.Today, Zone: zone})
	if err != nil {
		return err
	}
	for i := range d.Supplies {
		s := &d.Supplies[i]
		use := land.LandUseName(s.LandUseCode)
		if use == "" {
			use = s.LandUseOriginal
		}
		for _, pc := range s.Parcels {
			p := export.CoordinateParcel{Number: s.ENumber, Name: pc.Name, Use: use, UseCode: s.LandUseCode, Geometry: pc.Geometry}
			if err := cf.Parcel(p, zone); err != nil {
				return err
			}
		}
	}
	return cf.Flush()
}
