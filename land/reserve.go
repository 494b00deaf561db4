package land

import (
	"math"
	"strings"
	"time"
)

// How reserve land was taken in (收储方式).
const (
	AcquisitionPurchase    = "purchase"    // 收购
	AcquisitionRecovery    = "recovery"    // 收回
	AcquisitionRequisition = "requisition" // 征收
	AcquisitionOther       = "other"       // 其他
)

// acquisitionNames are the Chinese words a file or a clerk may write for
// each way of taking land in.
var acquisitionNames = map[string]string{
	"收购": AcquisitionPurchase, "收回": AcquisitionRecovery, "征收": AcquisitionRequisition, "其他": AcquisitionOther,
}

// ParseAcquisition reads how land was taken in, in English (purchase,
// recovery, requisition, other) or Chinese (收购, 收回, 征收, 其他).
func ParseAcquisition(s string) (string, error) {
	s = strings.TrimSpace(s)
	switch s {
	case AcquisitionPurchase, AcquisitionRecovery, AcquisitionRequisition, AcquisitionOther:
		return s, nil
	}
	if a, ok := acquisitionNames[s]; ok {
		return a, nil
	}
	return "", Invalid("acquisition", "%q is not purchase 收购, recovery 收回, requisition 征收 or other 其他", s)
}

// Reserve is land the government has taken into its reserve (土地收购储备):
// bought back, recovered or requisitioned, before it is supplied. It is
// identified by its reserve number (储备编号). Supplies made from it name
// it (Supply.ReserveNumber); what they have not taken is its remaining area.
type Reserve struct {
	ID         int64  `json:"id"`
	Number     string `json:"number"`            // 储备编号
	RegionCode string `json:"region_code"`       // 行政区, 6-digit county code
	Location   string `json:"location,omitzero"` // 位置

	AreaHa          float64  `json:"area_ha"`                    // 面积(公顷)
	Acquisition     string   `json:"acquisition"`                // 收储方式
	FormerHolder    string   `json:"former_holder,omitzero"`     // 原权利人
	FormerUse       string   `json:"former_use,omitzero"`        // 原用途
	CompensationWan *float64 `json:"compensation_wan,omitempty"` // 补偿费用(万元)
	TakenOn         Date     `json:"taken_on"`                   // 收储日期

	PlannedUseOriginal string `json:"planned_use_original,omitzero"` // 规划用途 as written
	PlannedUseCode     string `json:"planned_use_code,omitzero"`     // GB/T 21010-2017 code

	// RemainingHa is the area not yet supplied: the area less the areas of
	// the approved supplies naming the reserve. Computed, never stored.
	RemainingHa float64 `json:"remaining_ha"`

	// Timeliness is measured from TakenOn (7 working days, DESIGN §4.1).
	Timeliness
	RecordState

	Parcels []Parcel `json:"parcels,omitempty"`
}

func (r *Reserve) texts() []textField {
	return []textField{
		{"number", r.Number, limitCode},
		{"region_code", r.RegionCode, limitCode},
		{"location", r.Location, limitPlace},
		{"acquisition", r.Acquisition, limitCode},
		{"former_holder", r.FormerHolder, limitName},
		{"former_use", r.FormerUse, limitName},
		{"planned_use_original", r.PlannedUseOriginal, limitName},
		{"planned_use_code", r.PlannedUseCode, limitCode},
	}
}

// Normalize checks a reserve before it is stored and fills what is
// derived: the acquisition in its English word, the planned use's GB/T
// 21010-2017 code from what was written (an older code is mapped and kept
// as the original). Calling it again changes nothing. today is the day the
// entry is made: land cannot be taken in later.
//
// Required: number, region_code (6 digits, known when regions is not nil),
// area_ha, acquisition, taken_on. It returns every problem as one
// CodeInvalid error naming each field: number, region_code, area_ha (as a
// supply's), acquisition, taken_on (missing or after today),
// compensation_wan (negative or not finite), planned_use_original or
// planned_use_code (unknown), and text fields too long. Warnings report an
// area that looks written in m² or is very large, and a region code no
// longer in the division table.
func (r *Reserve) Normalize(regions *Regions, today Date) (warnings []string, err error) {
	var w warningList
	errs := []error{checkTexts(r.texts())}
	r.Number = strings.TrimSpace(r.Number)
	if r.Number == "" {
		errs = append(errs, Invalid("number", "the reserve number (储备编号) is required"))
	}
	errs = append(errs, normalizeRegionCode(&r.RegionCode, regions, &w, "the county's 6-digit code"), checkDeclaredArea(r.AreaHa, r.Parcels, "one reserve", &w))
	if a, err := ParseAcquisition(r.Acquisition); err != nil {
		errs = append(errs, err)
	} else {
		r.Acquisition = a
	}
	switch {
	case r.TakenOn.IsZero():
		errs = append(errs, Invalid("taken_on", "the date the land was taken in (收储日期) is required"))
	case !today.IsZero() && r.TakenOn.After(today):
		errs = append(errs, Invalid("taken_on", "%s is in the future", r.TakenOn))
	}
	if c := r.CompensationWan; c != nil && !(*c >= 0 && !math.IsInf(*c, 1)) {
		errs = append(errs, Invalid("compensation_wan", "the compensation must be 0 or more, not %v", *c))
	}
	errs = append(errs, r.normalizePlannedUse(&w))
	if err := JoinInvalid(errs...); err != nil {
		return w, err
	}
	return w, nil
}

// normalizeRegionCode trims a record's region code and checks it: 6 digits
// (want says which code is expected), and known when regions is not nil —
// a code no longer in the division table is a warning.
func normalizeRegionCode(code *string, regions *Regions, w *warningList, want string) error {
	*code = strings.TrimSpace(*code)
	if !isRegionCode(*code) {
		return Invalid("region_code", "%s is required, not %q", want, *code)
	}
	if regions == nil {
		return nil
	}
	reg, exact, err := regions.Resolve(*code)
	if err != nil {
		return WithField(err, "region_code")
	}
	if !exact {
		w.add("region_code", "%s is not in the current division table; it lies in %s %s", *code, reg.Code, reg.Name)
	}
	return nil
}

// normalizePlannedUse maps the planned use as a supply's land use is
// mapped (normalizeLandUse); a reserve may not know it yet.
func (r *Reserve) normalizePlannedUse(w *warningList) error {
	if strings.TrimSpace(r.PlannedUseCode) == "" && strings.TrimSpace(r.PlannedUseOriginal) == "" {
		return nil
	}
	s := Supply{LandUseOriginal: r.PlannedUseOriginal, LandUseCode: r.PlannedUseCode}
	var sw warningList
	err := s.normalizeLandUse(&sw)
	for _, x := range sw {
		*w = append(*w, "planned_use"+strings.TrimPrefix(x, "land_use"))
	}
	if err != nil {
		var field string
		if e, ok := err.(*Error); ok {
			field = e.Field
		}
		return WithField(err, "planned_use"+strings.TrimPrefix(field, "land_use"))
	}
	r.PlannedUseOriginal, r.PlannedUseCode = s.LandUseOriginal, s.LandUseCode
	return nil
}

// SetLag sets a reserve's timeliness as its entry at recorded is measured
// by lag (the rules' measure, supervision.Rules.Lag): the working days from
// the day the land was taken in, and whether that passed the deadline.
func (r *Reserve) SetLag(lag func(from Date, recorded time.Time) (int, bool), recorded time.Time) {
	r.Timeliness.SetLag(lag, r.TakenOn, recorded)
}
