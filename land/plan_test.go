package land

import (
	"math"
	"slices"
	"testing"
)

func validPlan() Plan {
	return Plan{RegionCode: "130626", Year: 2026, DocNumber: "定政〔2026〕3号", Title: "定兴县2026年国有建设用地供应计划",
		PublishedOn: NewDate(2026, 2, 5), PlanAreas: PlanAreas{CommerceHa: 10, IndustryHa: 30, HousingHa: 20,
			AffordableHa: 4, ShantyHa: 2, SmallUnitsHa: 8, OtherHousingHa: 6, PublicHa: 5, TransportHa: 3, WaterHa: 1, SpecialHa: 0.5}}
}

// refusedFields are the fields an error refuses, sorted; "?" and the
// message for an error that names none.
func refusedFields(err error) []string {
	var got []string
	for _, f := range FieldErrors(err) {
		got = append(got, f.Field)
	}
	if err != nil && got == nil {
		got = []string{"?" + err.Error()}
	}
	slices.Sort(got)
	return got
}

func TestPlanNormalize(t *testing.T) {
	t.Parallel()
	today := NewDate(2026, 3, 1)
	tests := []struct {
		name   string
		change func(*Plan)
		fields []string // the fields refused; none when valid
	}{
		{"a complete plan is accepted", func(*Plan) {}, nil},
		{"a prefecture's plan is accepted", func(p *Plan) { p.RegionCode = "130600" }, nil},
		{"a province's plan is accepted", func(p *Plan) { p.RegionCode = "130000" }, nil},
		{"sub-classes summing to housing are accepted", func(p *Plan) { p.OtherHousingHa = 6 }, nil},
		{"a region must be a 6-digit code", func(p *Plan) { p.RegionCode = "13" }, []string{"region_code"}},
		{"the year is required", func(p *Plan) { p.Year = 0 }, []string{"year"}},
		{"the publication date is required", func(p *Plan) { p.PublishedOn = Date{} }, []string{"published_on"}},
		{"a plan cannot be published after today", func(p *Plan) { p.PublishedOn = NewDate(2026, 3, 2) }, []string{"published_on"}},
		{"a negative area is refused naming its class", func(p *Plan) { p.TransportHa = -1 }, []string{"transport_ha"}},
		{"an infinite area is refused naming its class", func(p *Plan) { p.CommerceHa = math.Inf(1) }, []string{"commerce_ha"}},
		{"housing sub-classes beyond housing are refused naming housing", func(p *Plan) { p.ShantyHa = 2.5 }, []string{"housing_ha"}},
		{"sub-classes without housing are refused", func(p *Plan) { p.HousingHa = 0 }, []string{"housing_ha"}},
		{"every problem is named at once", func(p *Plan) { p.Year, p.PublishedOn, p.WaterHa = 0, Date{}, -2 },
			[]string{"published_on", "water_ha", "year"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := validPlan()
			tt.change(&p)
			_, err := p.Normalize(nil, today)
			if got, want := refusedFields(err), slices.Sorted(slices.Values(tt.fields)); !slices.Equal(got, want) {
				t.Fatalf("refused %v, want %v (%v)", got, want, err)
			}
		})
	}
}

func TestPlanTotalCountsHousingOnce(t *testing.T) {
	t.Parallel()
	p := validPlan()
	if _, err := p.Normalize(nil, NewDate(2026, 3, 1)); err != nil {
		t.Fatal(err)
	}
	if p.TotalHa != 69.5 {
		t.Fatalf("total %v, want 69.5 (10+30+20+5+3+1+0.5)", p.TotalHa)
	}
}

func TestHousingSubclass(t *testing.T) {
	t.Parallel()
	tests := []struct{ original, want string }{
		{"0701", ""},
		{"城镇住宅用地", ""},
		{"072", "small_units"},
		{"072 中低价位、中小套型普通商品住房用地", "small_units"},
		{"074", "affordable"},
		{"廉租住房用地", "affordable"},
		{"077", "affordable"},
		{"棚户区改造安置住房用地", "shanty"},
		{"073", "other_housing"},
		{"076", ""},
	}
	for _, tt := range tests {
		t.Run(tt.original, func(t *testing.T) {
			if got := HousingSubclass(tt.original); got != tt.want {
				t.Fatalf("%q is %q, want %q", tt.original, got, tt.want)
			}
		})
	}
}

func TestProgressOfCountsSuppliesByClass(t *testing.T) {
	t.Parallel()
	plan := validPlan().PlanAreas
	got := ProgressOf(plan, []SuppliedUse{
		{Code: "0601", Original: "工业用地", Count: 2, AreaHa: 12},
		{Code: "0604", Original: "0604", Count: 1, AreaHa: 3},
		{Code: "0701", Original: "0701", Count: 1, AreaHa: 5},
		{Code: "0701", Original: "074", Count: 1, AreaHa: 2},
		{Code: "0505", Original: "商务金融用地", Count: 1, AreaHa: 2.5},
		{Code: "1202", Original: "空闲地", Count: 1, AreaHa: 1},
	})
	byClass := map[string]ClassProgress{}
	for _, c := range got.Classes {
		byClass[c.Class] = c
	}
	check := func(class string, supplied float64, share *float64) {
		t.Helper()
		c := byClass[class]
		if c.SuppliedHa != supplied || (share == nil) != (c.Share == nil) || share != nil && math.Abs(*share-*c.Share) > 1e-9 {
			t.Errorf("%s: supplied %v share %v, want %v %v", class, c.SuppliedHa, c.Share, supplied, share)
		}
	}
	f := func(v float64) *float64 { return &v }
	check("industry", 15, f(0.5))
	check("housing", 7, f(0.35))
	check("affordable", 2, f(0.5))
	check("small_units", 0, f(0))
	check("commerce", 2.5, f(0.25))
	if byClass["industry"].Supplies != 3 || got.UnclassifiedHousingHa != 5 || got.OtherHa != 1 || got.SuppliedHa != 24.5 {
		t.Fatalf("progress: %+v", got)
	}
	none := ProgressOf(PlanAreas{}, nil)
	if none.Share != nil || none.Classes[0].Share != nil {
		t.Fatalf("a plan of nothing has no share: %+v", none)
	}
}
