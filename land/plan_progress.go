package land

import "strings"

// SuppliedUse is the approved supplies of one land use within a plan's
// region and year: their GB/T 21010-2017 code, the land use as written,
// their count and their declared hectares.
type SuppliedUse struct {
	Code     string
	Original string
	Count    int
	AreaHa   float64
}

// PlanProgress is how far the supplies have carried out a plan: per class
// the planned and the supplied hectares and the share supplied.
type PlanProgress struct {
	Classes []ClassProgress `json:"classes"`
	// SuppliedHa is every supply counted by class, housing once; OtherHa
	// what fell in no class of the plan (agriculture, unused land …).
	SuppliedHa float64  `json:"supplied_ha"`
	OtherHa    float64  `json:"other_ha"`
	Share      *float64 `json:"share,omitempty"` // SuppliedHa / planned total; nil when nothing is planned
	// UnclassifiedHousingHa is housing whose land use does not tell its
	// sub-class: the current list's 0701 城镇住宅用地 names none, only the
	// pre-2017 codes (072 中小套型, 074 经济适用 …) do. It counts in
	// housing but in none of its sub-classes.
	UnclassifiedHousingHa float64 `json:"unclassified_housing_ha"`
}

// ClassProgress is one class of a plan against what was supplied.
type ClassProgress struct {
	Class      string   `json:"class"` // PlanClass.Key
	Name       string   `json:"name"`
	PlannedHa  float64  `json:"planned_ha"`
	SuppliedHa float64  `json:"supplied_ha"`
	Supplies   int      `json:"supplies"`
	Share      *float64 `json:"share,omitempty"` // supplied / planned; nil when the class plans nothing
}

// ProgressOf measures plan against the approved supplies of its region and
// year, grouped by land use. A supply falls in the class of its code's
// first level (05 商服, 06 工矿仓储, 07 住宅, 08 公共管理与公共服务, 09
// 特殊, 10 交通运输, 11 水域及水利设施); a housing supply falls also in the
// sub-class its land use as written tells (HousingSubclass), when it
// tells one.
func ProgressOf(plan PlanAreas, used []SuppliedUse) PlanProgress {
	classOf := map[string]int{}
	for i, c := range PlanClasses {
		classOf[c.Key] = i
		if c.Code != "" {
			classOf[c.Code] = i
		}
	}
	planned := plan.Fields()
	out := PlanProgress{Classes: make([]ClassProgress, len(PlanClasses))}
	for i, c := range PlanClasses {
		out.Classes[i] = ClassProgress{Class: c.Key, Name: c.Name, PlannedHa: *planned[i]}
	}
	for _, u := range used {
		i, ok := classOf[firstLevel(u.Code)]
		if !ok {
			out.OtherHa += u.AreaHa
			continue
		}
		out.Classes[i].SuppliedHa += u.AreaHa
		out.Classes[i].Supplies += u.Count
		out.SuppliedHa += u.AreaHa
		if PlanClasses[i].Key != "housing" {
			continue
		}
		if sub := HousingSubclass(u.Original); sub != "" {
			out.Classes[classOf[sub]].SuppliedHa += u.AreaHa
			out.Classes[classOf[sub]].Supplies += u.Count
		} else {
			out.UnclassifiedHousingHa += u.AreaHa
		}
	}
	for i := range out.Classes {
		out.Classes[i].Share = shareOf(out.Classes[i].SuppliedHa, out.Classes[i].PlannedHa)
	}
	out.Share = shareOf(out.SuppliedHa, plan.Total())
	return out
}

func shareOf(supplied, planned float64) *float64 {
	if planned <= 0 {
		return nil
	}
	s := supplied / planned
	return &s
}

// firstLevel is the first-level class of a GB/T 21010 code: its first two
// digits.
func firstLevel(code string) string {
	if len(code) < 2 {
		return ""
	}
	return code[:2]
}

// housingSubclasses are the pre-2017 housing codes (and words of their
// names) that tell a plan's housing sub-class. 071 高档住宅 and 073 are
// commodity housing that is not of small units; 076 其他住房 tells none.
var housingSubclasses = []struct{ code, word, class string }{
	{"072", "中小套型", "small_units"},
	{"073", "其他普通商品住房", "other_housing"},
	{"071", "高档住宅", "other_housing"},
	{"074", "经济适用", "affordable"},
	{"075", "廉租", "affordable"},
	{"077", "公共租赁", "affordable"},
	{"", "保障性住房", "affordable"},
	{"", "棚户区", "shanty"},
}

// HousingSubclass is the plan's housing sub-class (affordable, shanty,
// small_units, other_housing) that a housing supply's land use as written
// tells, or "" when it tells none: the current list has one housing code
// (0701 城镇住宅用地) for them all.
func HousingSubclass(original string) string {
	label := normalizeLandUseLabel(original)
	digits := leadingDigits(label)
	for _, h := range housingSubclasses {
		if h.code != "" && digits == h.code {
			return h.class
		}
	}
	for _, h := range housingSubclasses {
		if strings.Contains(label, h.word) {
			return h.class
		}
	}
	return ""
}
