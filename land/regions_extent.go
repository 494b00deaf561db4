package land

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
)

// extentsFile is landwatch's table of each province's extent in degrees
// (west, east, south, north); see reference/divisions/README.md.
const extentsFile = "extents.csv"

// extentMargin widens every extent, in degrees (about 5 km), so that a
// parcel on a province's edge is never refused for the table's rounding.
const extentMargin = 0.05

// Extent is the longitude and latitude range a province spans, in degrees of
// CGCS2000.
type Extent struct{ West, East, South, North float64 }

// contains reports whether the point lies in the extent widened by
// extentMargin.
func (e Extent) contains(p orb.Point) bool {
	return p[0] >= e.West-extentMargin && p[0] <= e.East+extentMargin &&
		p[1] >= e.South-extentMargin && p[1] <= e.North+extentMargin
}

// zones returns the first and last 3° Gauss-Krüger zone numbers the extent
// reaches.
func (e Extent) zones() (int, int) { return zone3(e.West), zone3(e.East) }

// zone3 is the 3° zone whose central meridian is nearest the longitude.
func zone3(lon float64) int { return int(math.Round(lon / 3)) }

// loadExtentsFS reads extentsFile from fsys when it is present. A malformed
// row is a CodeInvalid error whose field is "extents:LINE".
func (r *Regions) loadExtentsFS(fsys fs.FS) error {
	f, err := fsys.Open(extentsFile)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return Wrap(CodeInternal, err, "division extents")
	}
	defer f.Close()
	return r.addExtents(f)
}

// addExtents enters the rows of an extents table (code,name,west,east,
// south,north) for provinces already in the table.
func (r *Regions) addExtents(in io.Reader) error {
	cr := csv.NewReader(in)
	cr.FieldsPerRecord = 6
	if _, err := cr.Read(); err != nil {
		return csvError("extents", 1, err)
	}
	r.extents = map[string]Extent{}
	for line := 2; ; line++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return csvError("extents", line, err)
		}
		where := fmt.Sprintf("extents:%d", line)
		reg, ok := r.byCode[rec[0]]
		if !ok || reg.Level != LevelProvince {
			return Invalid(where, "%s is not a province of the table", rec[0])
		}
		var v [4]float64
		for i, s := range rec[2:] {
			if v[i], err = strconv.ParseFloat(strings.TrimSpace(s), 64); err != nil {
				return Invalid(where, "%q is not a number of degrees", s)
			}
		}
		e := Extent{West: v[0], East: v[1], South: v[2], North: v[3]}
		if e.West >= e.East || e.South >= e.North || e.West < 70 || e.East > 140 || e.South < 0 || e.North > 56 {
			return Invalid(where, "the extent of %s is not a range in China", reg)
		}
		r.extents[reg.Code] = e
	}
}

// CheckPlace refuses a boundary that cannot lie in the division code: its
// centre must be inside the extent of the division's province. The error
// (CodeInvalid) names the place and its 3° zone and the division with its
// province's range and zones. A division whose province has no extent is not
// checked.
func (r *Regions) CheckPlace(code string, b orb.Bound) error {
	prov := r.province(code)
	e, ok := r.extents[prov.Code]
	if !ok {
		return nil
	}
	c := b.Center()
	if e.contains(c) {
		return nil
	}
	reg, exact, _ := r.Resolve(code)
	name := reg.String()
	if !exact {
		name = code + " (in " + reg.String() + ")"
	}
	west, east := e.zones()
	return Errorf(CodeInvalid, "the parcel lies at %.3f°E %.3f°N (3° zone %d), which cannot be in %s: %s spans %.2f–%.2f°E, %.2f–%.2f°N (3° zones %d–%d)",
		c[0], c[1], zone3(c[0]), name, prov.Name, e.West, e.East, e.South, e.North, west, east)
}

// province returns the province a code's first two digits name (the zero
// Region when the table has none).
func (r *Regions) province(code string) Region {
	if len(code) < 2 {
		return Region{}
	}
	return r.byCode[code[:2]+"0000"]
}
