package land

import (
	"fmt"
	"math"
	"strings"
	"time"
)

// Plan is a region's yearly supply plan (国有建设用地供应计划, 供地计划):
// the land it plans to supply in a year by land use class, published under
// a document number (文号). A county, a prefecture or a province has one
// plan a year (a revision is a new version of it); its progress is
// computed from the approved supplies of its region, never stored.
type Plan struct {
	ID          int64   `json:"id"`
	RegionCode  string  `json:"region_code"`         // 行政区: a county's, prefecture's or province's 6-digit code
	Year        int     `json:"year"`                // 年度
	DocNumber   string  `json:"doc_number,omitzero"` // 文号, e.g. 定政〔2026〕3号
	Title       string  `json:"title,omitzero"`      // 标题
	PublishedOn Date    `json:"published_on"`        // 发布日期
	PlanAreas           // planned hectares by land use class
	TotalHa     float64 `json:"total_ha"` // the classes' sum (housing counted once); computed

	// Progress is what the approved supplies of the plan's region and year
	// have supplied so far, by class; computed when the plan is read alone.
	Progress *PlanProgress `json:"progress,omitempty"`

	// Timeliness is measured from PublishedOn (7 working days, DESIGN §4.1).
	Timeliness
	RecordState
}

// PlanAreas are a plan's hectares by land use class (GB/T 21010-2017 first
// level), housing with its sub-classes, which are parts of housing.
type PlanAreas struct {
	CommerceHa     float64 `json:"commerce_ha"`      // 商服用地 (05)
	IndustryHa     float64 `json:"industry_ha"`      // 工矿仓储用地 (06)
	HousingHa      float64 `json:"housing_ha"`       // 住宅用地 (07)
	AffordableHa   float64 `json:"affordable_ha"`    // 保障性住房, part of housing
	ShantyHa       float64 `json:"shanty_ha"`        // 棚户区改造, part of housing
	SmallUnitsHa   float64 `json:"small_units_ha"`   // 中小套型商品房, part of housing
	OtherHousingHa float64 `json:"other_housing_ha"` // 其他商品住房, part of housing
	PublicHa       float64 `json:"public_ha"`        // 公共管理与公共服务用地 (08)
	TransportHa    float64 `json:"transport_ha"`     // 交通运输用地 (10)
	WaterHa        float64 `json:"water_ha"`         // 水域及水利设施用地 (11)
	SpecialHa      float64 `json:"special_ha"`       // 特殊用地 (09)
}

// PlanClass is one land use class of a supply plan.
type PlanClass struct {
	Key   string // the field's name without _ha: commerce, housing, affordable …
	Name  string // its Chinese name as plans publish it
	Code  string // its GB/T 21010-2017 first-level code; "" for a housing sub-class
	Under string // the class it is part of ("housing" for the sub-classes)
}

// PlanClasses are the classes of a supply plan in the order plans publish
// them.
var PlanClasses = []PlanClass{
	{"commerce", "商服用地", "05", ""},
	{"industry", "工矿仓储用地", "06", ""},
	{"housing", "住宅用地", "07", ""},
	{"affordable", "保障性住房", "", "housing"},
	{"shanty", "棚户区改造", "", "housing"},
	{"small_units", "中小套型商品房", "", "housing"},
	{"other_housing", "其他商品住房", "", "housing"},
	{"public", "公共管理与公共服务用地", "08", ""},
	{"transport", "交通运输用地", "10", ""},
	{"water", "水域及水利设施用地", "11", ""},
	{"special", "特殊用地", "09", ""},
}

// Fields returns a pointer to each class's hectares, in PlanClasses' order.
func (a *PlanAreas) Fields() []*float64 {
	return []*float64{&a.CommerceHa, &a.IndustryHa, &a.HousingHa, &a.AffordableHa, &a.ShantyHa, &a.SmallUnitsHa,
		&a.OtherHousingHa, &a.PublicHa, &a.TransportHa, &a.WaterHa, &a.SpecialHa}
}

// Total is the planned hectares of every class, housing counted once.
func (a PlanAreas) Total() float64 {
	var t float64
	for i, f := range a.Fields() {
		if PlanClasses[i].Under == "" {
			t += *f
		}
	}
	return t
}

// check refuses an area that is negative or not a number, and housing
// sub-classes that sum to more than housing, naming the field.
func (a *PlanAreas) check() error {
	var errs []error
	for i, f := range a.Fields() {
		if !(*f >= 0 && !math.IsInf(*f, 1)) {
			errs = append(errs, Invalid(PlanClasses[i].Key+"_ha", "the planned area of %s must be 0 or more hectares, not %v", PlanClasses[i].Name, *f))
		}
	}
	if len(errs) > 0 {
		return JoinInvalid(errs...)
	}
	if sub := a.AffordableHa + a.ShantyHa + a.SmallUnitsHa + a.OtherHousingHa; sub > a.HousingHa+1e-6 {
		return Invalid("housing_ha", "the housing sub-classes (保障性住房 + 棚户区改造 + 中小套型商品房 + 其他商品住房 = %s ha) exceed housing (住宅用地) %s ha",
			trimHa(sub), trimHa(a.HousingHa))
	}
	return nil
}

func trimHa(v float64) string {
	return strings.TrimRight(strings.TrimRight(fmt.Sprintf("%.4f", v), "0"), ".")
}

func (p *Plan) texts() []textField {
	return []textField{
		{"region_code", p.RegionCode, limitCode},
		{"doc_number", p.DocNumber, limitName},
		{"title", p.Title, limitPlace},
	}
}

// Normalize checks a plan before it is stored and fills its total. today
// is the day the entry is made: a plan cannot be published later.
//
// Required: region_code (6 digits, known when regions is not nil), year
// (1990–2100) and published_on. It returns every problem as one
// CodeInvalid error naming each field: region_code, year, published_on
// (missing or after today), a class's area (negative: commerce_ha …),
// housing_ha (its sub-classes sum to more), and text fields too long.
// Warnings report a plan that plans no land, one published more than a
// year before or after its year, and a region code no longer in the
// division table.
func (p *Plan) Normalize(regions *Regions, today Date) (warnings []string, err error) {
	var w warningList
	p.DocNumber, p.Title = strings.TrimSpace(p.DocNumber), strings.TrimSpace(p.Title)
	errs := []error{checkTexts(p.texts()), normalizeRegionCode(&p.RegionCode, regions, &w, "the 6-digit code of the county, prefecture or province"),
		p.PlanAreas.check()}
	if p.Year < 1990 || p.Year > 2100 {
		errs = append(errs, Invalid("year", "the plan's year (年度) is required, between 1990 and 2100, not %d", p.Year))
	}
	switch {
	case p.PublishedOn.IsZero():
		errs = append(errs, Invalid("published_on", "the date the plan was published (发布日期) is required"))
	case !today.IsZero() && p.PublishedOn.After(today):
		errs = append(errs, Invalid("published_on", "%s is in the future", p.PublishedOn))
	case p.Year != 0 && (p.PublishedOn.Time().Year() < p.Year-1 || p.PublishedOn.Time().Year() > p.Year+1):
		w.add("published_on", "published %s, more than a year from the plan's year %d", p.PublishedOn, p.Year)
	}
	if err := JoinInvalid(errs...); err != nil {
		return w, err
	}
	if p.TotalHa = p.Total(); p.TotalHa == 0 {
		w.add("total_ha", "the plan plans no land in any class")
	}
	return w, nil
}

// SetLag sets a plan's timeliness as its entry at recorded is measured by
// lag (the rules' measure): the working days from its publication.
func (p *Plan) SetLag(lag func(from Date, recorded time.Time) (int, bool), recorded time.Time) {
	p.Timeliness.SetLag(lag, p.PublishedOn, recorded)
}
