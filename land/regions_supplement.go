package land

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"
)

// SourceInferred is the Source of a division that GB/T 2260 does not list
// but land records use: the 新疆生产建设兵团 (66xxxx), whose e-supervision
// numbers carry codes of their own, and codes met in records (a merged
// county) recorded by the store.
const SourceInferred = "inferred"

// supplementFile is the table, beside GB/T 2260's three, of the divisions
// that land records use and the standard lacks. It is landwatch's own, not
// part of the division tables' upstream.
const supplementFile = "supplement.csv"

// loadSupplementFS adds supplementFile from fsys to r when it is present.
func (r *Regions) loadSupplementFS(fsys fs.FS) error {
	f, err := fsys.Open(supplementFile)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return Wrap(CodeInternal, err, "division table")
	}
	defer f.Close()
	return r.addSupplement(f)
}

// addSupplement enters the rows of a supplement table (code,name,level,
// parent with 6-digit codes and parent "" for a province), each with Source
// SourceInferred, in the order listed, so a parent comes before its
// children. A malformed row, a duplicate code or an unknown parent is a
// CodeInvalid error whose field is "supplement:LINE".
func (r *Regions) addSupplement(in io.Reader) error {
	cr := csv.NewReader(in)
	cr.FieldsPerRecord = 4
	if _, err := cr.Read(); err != nil {
		return csvError("supplement", 1, err)
	}
	for line := 2; ; line++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return csvError("supplement", line, err)
		}
		where := fmt.Sprintf("supplement:%d", line)
		reg := Region{Code: strings.TrimSpace(rec[0]), Name: strings.TrimSpace(rec[1]), Level: strings.TrimSpace(rec[2]),
			Parent: strings.TrimSpace(rec[3]), Source: SourceInferred}
		switch {
		case !isRegionCode(reg.Code):
			return Invalid(where, "the code %q is not 6 digits", reg.Code)
		case reg.Name == "":
			return Invalid(where, "the division %s has no name", reg.Code)
		case reg.Level != LevelProvince && reg.Level != LevelPrefecture && reg.Level != LevelCounty:
			return Invalid(where, "the level %q is not province, prefecture or county", reg.Level)
		case (reg.Level == LevelProvince) != (reg.Parent == ""):
			return Invalid(where, "a province has no parent and every other division has one")
		}
		if err := r.add(divisionRow{region: reg, where: where}); err != nil {
			return err
		}
	}
	r.sortAll()
	return nil
}
