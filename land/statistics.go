package land

// StatisticsGroup is what the statistics of supplies are broken down by.
type StatisticsGroup string

// The groups of the statistics (DESIGN §8: /api/v1/statistics?group=…).
const (
	ByMethod      StatisticsGroup = "method"       // 供地方式
	ByMethodClass StatisticsGroup = "method_class" // 招拍挂 / 协议 / 划拨 / 其他
	ByLandUse     StatisticsGroup = "land_use"     // GB/T 21010-2017 first level
	ByRegion      StatisticsGroup = "region"       // the regions of one level
	ByMonth       StatisticsGroup = "month"        // month of the contract
	// ByHousing is the housing (住宅用地) by the sub-class its land use as
	// written tells (HousingClassOf), for the housing supply policy.
	ByHousing StatisticsGroup = "housing"
)

// StatisticsGroups lists the groups in the order the API names them.
var StatisticsGroups = []StatisticsGroup{ByMethod, ByMethodClass, ByLandUse, ByHousing, ByRegion, ByMonth}

// HousingUnclassified is the key of the housing whose land use as written
// tells no sub-class (the current list's 0701 城镇住宅用地 alone).
const HousingUnclassified = "unclassified"

// HousingClasses are the keys and names of the housing group, in order:
// the plan's housing sub-classes (保障性住房, 棚户区改造, 中小套型商品房,
// 其他商品住房), then the housing that tells none.
func HousingClasses() []PlanClass {
	var out []PlanClass
	for _, c := range PlanClasses {
		if c.Under == "housing" {
			out = append(out, c)
		}
	}
	return append(out, PlanClass{Key: HousingUnclassified, Name: "未注明类别的住宅", Under: "housing"})
}

// HousingClassOf is the key of the housing group that a housing supply's
// land use as written falls in: its sub-class (HousingSubclass), else
// HousingUnclassified.
func HousingClassOf(original string) string {
	if c := HousingSubclass(original); c != "" {
		return c
	}
	return HousingUnclassified
}

// HousingCode is the first level of housing (07 住宅用地), the supplies
// the housing group counts.
const HousingCode = "07"

// The classes of supply methods the ministry compares (2008 notice, 三): land
// sold on the market by tender, auction or listing (招拍挂), sold by agreement
// (协议出让), allocated (划拨), and the rest (lease, capital, authorised).
const (
	MethodClassMarket     = "market"
	MethodClassAgreement  = "agreement"
	MethodClassAllocation = "allocation"
	MethodClassOther      = "other"
)

// MethodClasses lists the classes in order with their Chinese names and the
// method codes of each.
var MethodClasses = []struct {
	Code, Name string
	Methods    []string
}{
	{MethodClassMarket, "招拍挂出让", []string{MethodTLA, MethodTender, MethodAuction, MethodListing}},
	{MethodClassAgreement, "协议出让", []string{MethodAgreement}},
	{MethodClassAllocation, "划拨", []string{MethodAllocation}},
	{MethodClassOther, "其他", []string{MethodLease, MethodCapital, MethodAuthorised}},
}

// MethodClassOf returns the class of a supply method code, "other" for a
// code of no class.
func MethodClassOf(method string) string {
	for _, c := range MethodClasses {
		for _, m := range c.Methods {
			if m == method {
				return c.Code
			}
		}
	}
	return MethodClassOther
}

// RegionLevelWidth is how many leading digits of a region code name a
// region of the level: 2 for a province, 4 for a city (prefecture), 6 for
// a county; 0 for an unknown level.
func RegionLevelWidth(level string) int {
	switch level {
	case "province":
		return 2
	case "city", "prefecture":
		return 4
	case "county":
		return 6
	}
	return 0
}

// MonthsOf splits the days from..to (either may be zero: unbounded) into
// the whole calendar months they cover, [first, end) with first and end
// the first days of months, and the days outside them. first is zero when
// from is; end is zero when to is. When no whole month fits, first == end.
func MonthsOf(from, to Date) (first, end Date) {
	if !from.IsZero() {
		first = from
		if from.t.Day() != 1 {
			first = NewDate(from.t.Year(), from.t.Month()+1, 1)
		}
	}
	if !to.IsZero() {
		end = NewDate(to.t.Year(), to.t.Month(), 1)
		if to.AddDays(1).t.Day() == 1 {
			end = to.AddDays(1)
		}
	}
	if !first.IsZero() && !end.IsZero() && end.Before(first) {
		end = first
	}
	return first, end
}

// MonthEnd returns the last day of d's month.
func MonthEnd(d Date) Date {
	return NewDate(d.t.Year(), d.t.Month()+1, 1).AddDays(-1)
}
