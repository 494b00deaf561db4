package land

import (
	"fmt"
	"io"
	"io/fs"
	"maps"
	"slices"
	"strings"
)

// The levels of an administrative division (行政区).
const (
	LevelProvince   = "province"   // 省级: XX0000
	LevelPrefecture = "prefecture" // 地级: XXYY00, also a prefecture's own office (市本级)
	LevelCounty     = "county"     // 县级: XXYYZZ
)

// Region is an administrative division by its 6-digit code. Parent is the
// code of the division above it ("" for a province).
type Region struct {
	Code   string `json:"code"`
	Name   string `json:"name"`
	Level  string `json:"level"`
	Parent string `json:"parent,omitzero"`
	// Source is "" for a division of GB/T 2260 and SourceInferred for one
	// the standard lacks (see supplement.csv).
	Source string `json:"source,omitzero"`
}

// Regions is the table of administrative divisions. It is read-only once
// loaded and safe for concurrent use.
type Regions struct {
	byCode map[string]Region
	sorted []Region
	counts map[string]int
	// extents holds each province's extent by its code (extents.csv).
	extents map[string]Extent
}

// LoadRegionsFS loads the division table from provinces.csv, cities.csv and
// areas.csv at the root of fsys (the layout of reference/divisions), then the
// divisions of supplement.csv and the provinces' extents of extents.csv when
// they are there (see addSupplement, addExtents). Errors
// are those of LoadRegions and addSupplement, or CodeInternal when a file
// cannot be opened.
func LoadRegionsFS(fsys fs.FS) (*Regions, error) {
	var files [3]io.Reader
	for i, name := range []string{"provinces.csv", "cities.csv", "areas.csv"} {
		f, err := fsys.Open(name)
		if err != nil {
			return nil, Wrap(CodeInternal, err, "division table")
		}
		defer f.Close()
		files[i] = f
	}
	r, err := LoadRegions(files[0], files[1], files[2])
	if err != nil {
		return nil, err
	}
	if err := r.loadSupplementFS(fsys); err != nil {
		return nil, err
	}
	if err := r.loadExtentsFS(fsys); err != nil {
		return nil, err
	}
	return r, nil
}

// LoadRegions builds the division table from three CSV tables with a header
// row: provinces (code, name) with 2-digit codes, cities (code, name,
// provinceCode) with 4-digit codes, and areas (code, name, cityCode,
// provinceCode) with 6-digit codes. Codes are expanded to six digits:
// province XX0000, prefecture XXYY00, county XXYYZZ.
//
// A prefecture-level city without counties (东莞 441900) is listed in areas
// too; it stays one prefecture in the table and is counted at both levels by
// Count. A malformed row, a duplicate code or a parent that is not in the
// table is a CodeInvalid error whose field is "provinces:LINE",
// "cities:LINE" or "areas:LINE".
func LoadRegions(provinces, cities, areas io.Reader) (*Regions, error) {
	r := &Regions{byCode: map[string]Region{}, counts: map[string]int{}}
	tables := []struct {
		in    io.Reader
		table string
		level string
	}{
		{provinces, "provinces", LevelProvince},
		{cities, "cities", LevelPrefecture},
		{areas, "areas", LevelCounty},
	}
	for _, t := range tables {
		rows, err := readDivisionRows(t.in, t.table, t.level)
		if err != nil {
			return nil, err
		}
		for _, row := range rows {
			if err := r.add(row); err != nil {
				return nil, err
			}
		}
	}
	r.sortAll()
	return r, nil
}

// sortAll lists every division by code for All.
func (r *Regions) sortAll() {
	r.sorted = slices.SortedFunc(maps.Values(r.byCode), func(a, b Region) int { return strings.Compare(a.Code, b.Code) })
}

// add enters one row, checking that its parent is known and that its code is
// new, except for a county row that repeats its own prefecture (东莞).
func (r *Regions) add(row divisionRow) error {
	if row.region.Parent != "" {
		if _, ok := r.byCode[row.region.Parent]; !ok {
			return Invalid(row.where, "the parent %s of %s %s is not in the table", row.region.Parent, row.region.Code, row.region.Name)
		}
	}
	if prev, dup := r.byCode[row.region.Code]; dup {
		if !(prev.Level == LevelPrefecture && row.region.Level == LevelCounty && prev.Name == row.region.Name) {
			return Invalid(row.where, "the code %s is listed twice", row.region.Code)
		}
		r.counts[row.region.Level]++
		return nil
	}
	r.byCode[row.region.Code] = row.region
	r.counts[row.region.Level]++
	return nil
}

// Lookup returns the division with the 6-digit code, and false when the
// table has no such code (a code that no longer exists is not in the table).
func (r *Regions) Lookup(code string) (Region, bool) {
	reg, ok := r.byCode[code]
	return reg, ok
}

// All returns every division, sorted by code. The slice is the caller's.
func (r *Regions) All() []Region { return slices.Clone(r.sorted) }

// Count returns how many divisions the tables list at level (LevelProvince,
// LevelPrefecture or LevelCounty).
func (r *Regions) Count(level string) int { return r.counts[level] }

// Parent returns the code of the division above code: the table's parent
// when code is known, else the prefecture or province the code's digits name
// when that is known, else "".
func (r *Regions) Parent(code string) string {
	if reg, ok := r.byCode[code]; ok {
		return reg.Parent
	}
	if !isRegionCode(code) {
		return ""
	}
	for _, up := range []string{code[:4] + "00", code[:2] + "0000"} {
		if up == code {
			continue
		}
		if _, ok := r.byCode[up]; ok {
			return up
		}
	}
	return ""
}

// Resolve finds the division a 6-digit code belongs to. A code in the table
// gives its division and exact true. A code that is not in the table, such as
// a merged county still seen in e-supervision numbers, gives the prefecture
// (XXYY00) or else the province (XX0000) its digits name, with exact false.
// Resolve returns a CodeInvalid error for field "region_code" when code is
// not six digits or even its province is unknown.
func (r *Regions) Resolve(code string) (Region, bool, error) {
	if !isRegionCode(code) {
		return Region{}, false, Invalid("region_code", "%q is not a 6-digit region code", code)
	}
	if reg, ok := r.byCode[code]; ok {
		return reg, true, nil
	}
	for _, up := range []string{code[:4] + "00", code[:2] + "0000"} {
		if reg, ok := r.byCode[up]; ok {
			return reg, false, nil
		}
	}
	return Region{}, false, Invalid("region_code", "%s names no known province (%s0000)", code, code[:2])
}

// isRegionCode reports whether code is six ASCII digits.
func isRegionCode(code string) bool { return len(code) == 6 && allDigits(code) }

// String returns "code name".
func (g Region) String() string { return fmt.Sprintf("%s %s", g.Code, g.Name) }

// Children returns the divisions directly under code, sorted by code; ""
// gives the provinces. An unknown code has none.
func (r *Regions) Children(code string) []Region {
	var out []Region
	for _, reg := range r.sorted {
		if reg.Parent == code && reg.Code != code {
			out = append(out, reg)
		}
	}
	return out
}
