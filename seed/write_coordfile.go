package seed

import (
	"bufio"
	"io"
	"strconv"
	"strings"

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
	bw := bufio.NewWriterSize(w, 1<<16)
	header := []string{
		"[属性描述]",
		"格式版本号=1.01版本",
		"数据产生单位=landwatch seed",
		"数据产生日期=" + d.Options.Today.String(),
		"坐标系=2000国家大地坐标系",
		"几度分带=" + strconv.Itoa(zone.Width),
		"投影类型=高斯克吕格",
		"计量单位=米",
		"带号=" + strconv.Itoa(zone.Number),
		"精度=0.001",
		"转换参数=,,,,,,",
		"[地块坐标]",
	}
	for _, line := range header {
		bw.WriteString(line)
		bw.WriteByte('\n')
	}
	cm := zone.CentralMeridian()
	prefix := float64(zone.Number) * 1e6
	field := func(s string) string { return strings.ReplaceAll(s, ",", "，") }
	var buf []byte
	for i := range d.Supplies {
		s := &d.Supplies[i]
		use := land.LandUseName(s.LandUseCode)
		if use == "" {
			use = s.LandUseOriginal
		}
		for _, pc := range s.Parcels {
			points := 0
			for _, poly := range pc.Geometry {
				for _, ring := range poly {
					points += len(ring)
				}
			}
			buf = buf[:0]
			buf = strconv.AppendInt(buf, int64(points), 10)
			buf = append(buf, ',')
			buf = strconv.AppendFloat(buf, spatial.PlaneAreaIn(pc.Geometry, zone)/1e4, 'f', 4, 64)
			buf = append(buf, ',')
			buf = append(buf, s.ENumber...)
			buf = append(buf, ',')
			buf = append(buf, field(pc.Name)...)
			buf = append(buf, ",面,,"...)
			buf = append(buf, field(use)...)
			buf = append(buf, ',')
			buf = append(buf, s.LandUseCode...)
			buf = append(buf, ",@\n"...)
			number, ringNo := 0, 0
			for _, poly := range pc.Geometry {
				for _, ring := range poly {
					ringNo++
					first := number + 1
					for j, pt := range ring {
						label := first
						if j < len(ring)-1 || ring[j] != ring[0] {
							number++
							label = number
						}
						northing, easting := spatial.ToPlane(cm, pt[0], pt[1])
						buf = append(buf, 'J')
						buf = strconv.AppendInt(buf, int64(label), 10)
						buf = append(buf, ',')
						buf = strconv.AppendInt(buf, int64(ringNo), 10)
						buf = append(buf, ',')
						buf = strconv.AppendFloat(buf, northing, 'f', 3, 64)
						buf = append(buf, ',')
						buf = strconv.AppendFloat(buf, prefix+easting, 'f', 3, 64)
						buf = append(buf, '\n')
					}
				}
			}
			if _, err := bw.Write(buf); err != nil {
				return err
			}
		}
	}
	return bw.Flush()
}
