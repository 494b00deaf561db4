package export

import (
	"bufio"
	"io"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"

	"landwatch/land"
	"landwatch/spatial"
)

// CoordinateFile writes the ministry's coordinate text file (DESIGN §5),
// the format importer.ParseCoordinateFile reads: a [属性描述] section for
// CGCS2000 3° Gauss-Krüger plane coordinates, then under [地块坐标] one
// record per parcel, headed
//
//	点数,面积(公顷),地块编号,地块名称,面,图幅号,地块用途,地类编码,@
//
// and followed by its points J1,圈号,X,Y: X the northing, Y the easting with
// the zone number in front, 3 decimals. Every ring repeats its first point
// to close; 圈号 counts the rings of the parcel (the outer ring of each
// part, then its holes). Because every easting carries its zone, each
// parcel may lie in a zone of its own (the header then names none).
type CoordinateFile struct {
	w   *bufio.Writer
	buf []byte
}

// CoordinateHeader is what the [属性描述] section says.
type CoordinateHeader struct {
	Producer string    // 数据产生单位
	Date     land.Date // 数据产生日期
	// Zone is the one zone of every parcel (带号), or the zero Zone when
	// each parcel is written in its own.
	Zone spatial.Zone
	// GBK encodes the file as offices' tools write it (GBK); false writes
	// UTF-8. A character GBK lacks is written as "?".
	GBK bool
}

// NewCoordinateFile writes the header and returns the writer of parcels.
func NewCoordinateFile(w io.Writer, h CoordinateHeader) (*CoordinateFile, error) {
	if h.Zone != (spatial.Zone{}) && !h.Zone.Valid() {
		return nil, land.Invalid("zone", "zone %s does not cover China", h.Zone)
	}
	if h.GBK {
		w = encoding.ReplaceUnsupported(simplifiedchinese.GBK.NewEncoder()).Writer(w)
	}
	cf := &CoordinateFile{w: bufio.NewWriterSize(w, 1<<16)}
	lines := []string{
		"[属性描述]",
		"格式版本号=1.01版本",
		"数据产生单位=" + h.Producer,
		"数据产生日期=" + h.Date.String(),
		"坐标系=2000国家大地坐标系",
		"几度分带=3",
		"投影类型=高斯克吕格",
		"计量单位=米",
	}
	if h.Zone != (spatial.Zone{}) {
		lines[5] = "几度分带=" + strconv.Itoa(h.Zone.Width)
		lines = append(lines, "带号="+strconv.Itoa(h.Zone.Number))
	}
	lines = append(lines, "精度=0.001", "转换参数=,,,,,,", "[地块坐标]")
	for _, line := range lines {
		cf.w.WriteString(line)
		cf.w.WriteByte('\n')
	}
	return cf, nil
}

// CoordinateParcel is one parcel's record: 地块编号 (the e-supervision
// number of its supply, so that an import attaches it), 地块名称, the land
// use's name and code, and its boundary in EPSG:4490.
type CoordinateParcel struct {
	Number, Name, Use, UseCode string
	Geometry                   orb.MultiPolygon
}

// Parcel writes one parcel in zone, with its plane area there. It returns
// a *land.Error for a zone outside China, else the first write error.
func (cf *CoordinateFile) Parcel(p CoordinateParcel, zone spatial.Zone) error {
	if !zone.Valid() {
		return land.Invalid("zone", "zone %s does not cover China", zone)
	}
	field := func(s string) string { return strings.ReplaceAll(s, ",", "，") }
	points := 0
	for _, poly := range p.Geometry {
		for _, ring := range poly {
			points += len(ring)
		}
	}
	cm := zone.CentralMeridian()
	prefix := float64(zone.Number) * 1e6
	buf := cf.buf[:0]
	buf = strconv.AppendInt(buf, int64(points), 10)
	buf = append(buf, ',')
	buf = strconv.AppendFloat(buf, spatial.PlaneAreaIn(p.Geometry, zone)/1e4, 'f', 4, 64)
	buf = append(buf, ',')
	buf = append(buf, field(p.Number)...)
	buf = append(buf, ',')
	buf = append(buf, field(p.Name)...)
	buf = append(buf, ",面,,"...)
	buf = append(buf, field(p.Use)...)
	buf = append(buf, ',')
	buf = append(buf, field(p.UseCode)...)
	buf = append(buf, ",@\n"...)
	number, ringNo := 0, 0
	for _, poly := range p.Geometry {
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
	cf.buf = buf
	_, err := cf.w.Write(buf)
	return err
}

// Flush writes what is buffered.
func (cf *CoordinateFile) Flush() error { return cf.w.Flush() }
