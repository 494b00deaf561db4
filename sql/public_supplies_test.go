package sql_test

import (
	"context"
	"encoding/json"
	"slices"
	"testing"

	"landwatch/land"
	"landwatch/sql"
	"landwatch/sql/sqltest"
)

// publicFixture is six supplies, each with a parcel boundary: four
// approved in three regions, one never reviewed and one returned.
func publicFixture(t *testing.T) (*sql.Store, map[string]int64) {
	t.Helper()
	st := sqltest.Store(t)
	ctx := context.Background()
	ids := map[string]int64{}
	add := func(number, method string, contract land.Date, review string, edit func(*land.Supply)) {
		t.Helper()
		sup := sqltest.NewSupply(number)
		sup.Method, sup.ContractDate = method, contract
		if edit != nil {
			edit(sup)
		}
		if _, err := st.CreateSupply(ctx, land.SystemScope("clerk"), sup); err != nil {
			t.Fatalf("create %s: %v", number, err)
		}
		ids[number] = sup.ID
		if review == "" {
			return
		}
		if _, err := st.ReviewSupply(ctx, land.SystemScope("reviewer"), number, 0, land.Review{Decision: review, Reason: "宗地图与坐标不符"}); err != nil {
			t.Fatalf("review %s: %v", number, err)
		}
	}
	add("1306262018B00801", "23", land.NewDate(2018, 12, 31), "approve", func(s *land.Supply) {
		s.DistrictName, s.ApprovedBy, s.Industry, s.LandGrade = "定兴县", "定兴县人民政府", "房地产业", "三级"
		price, years, lo, hi := 1250.5, 70, 1.0, 2.5
		s.PriceWan, s.TermYears, s.TermText, s.PlotRatioMin, s.PlotRatioMax = &price, &years, "70", &lo, &hi
		s.AgreedDelivery, s.AgreedCompletion = land.NewDate(2019, 1, 31), land.NewDate(2022, 12, 21)
	})
	add("1306262019B00802", "22", land.NewDate(2019, 6, 1), "approve", func(s *land.Supply) {
		s.Holder = "保定100%_置业有限公司"
	})
	add("1306062019B00001", "23", land.NewDate(2019, 3, 1), "approve", func(s *land.Supply) {
		s.ProjectName, s.Location = "莲池区商业项目", "东风路南侧"
	})
	add("1101052020B00001", "23", land.NewDate(2020, 1, 1), "approve", func(s *land.Supply) {
		s.ProjectName, s.Location, s.Holder = "朝阳区住宅项目", "望京街东侧", "北京测试置业有限公司"
		s.Parcels[0].Geometry = sqltest.Square(4420000, 452000, 100, 20) // in 朝阳区, not 定兴县
	})
	add("1306262019B00803", "23", land.NewDate(2019, 7, 1), "", nil)
	add("1306262019B00804", "23", land.NewDate(2019, 8, 1), "return", nil)
	return st, ids
}

func numbersOf(items []sql.PublicSupply) []string {
	out := []string{}
	for _, p := range items {
		out = append(out, p.ENumber)
	}
	return out
}

func TestPublicSuppliesListsOnlyApprovedSupplies(t *testing.T) {
	st, _ := publicFixture(t)
	ctx := context.Background()
	approved := []string{"1306262018B00801", "1306262019B00802", "1306062019B00001", "1101052020B00001"}

	t.Run("the list holds the approved supplies and none submitted or returned", func(t *testing.T) {
		items, total, more, err := st.PublicSupplies(ctx, sql.PublicSupplyFilter{})
		if err != nil {
			t.Fatal(err)
		}
		if got := numbersOf(items); !slices.Equal(got, approved) || total != 4 || more {
			t.Errorf("list %v total %d more %v, want %v total 4 and no more", got, total, more, approved)
		}
	})

	t.Run("an approved supply is found by its number", func(t *testing.T) {
		p, err := st.PublicSupply(ctx, "1306262018B00801")
		if err != nil {
			t.Fatal(err)
		}
		if p.ENumber != "1306262018B00801" || p.MethodName != "挂牌出让" || p.LandUseCode != "0701" || p.LandUseName == "" ||
			p.LandUseOriginal != "其他普通商品住房用地" || p.ContractDate != land.NewDate(2018, 12, 31) ||
			p.PriceWan == nil || *p.PriceWan != 1250.5 || p.TermYears == nil || *p.TermYears != 70 ||
			p.ApprovedBy != "定兴县人民政府" || p.District != "定兴县" || p.RegionCode != "130626" {
			t.Errorf("published record %+v", p)
		}
	})

	for _, c := range []struct{ name, number string }{
		{"a submitted supply is not found by its number", "1306262019B00803"},
		{"a returned supply is not found by its number", "1306262019B00804"},
		{"an unknown number is not found", "1306262019B09999"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if p, err := st.PublicSupply(ctx, c.number); land.ErrorCode(err) != land.CodeNotFound {
				t.Errorf("got %+v, %v; want not found", p, err)
			}
		})
	}

	t.Run("a changed supply stays published as approved until its change is approved", func(t *testing.T) {
		const number = "1306262019B00802"
		cur, err := st.GetSupply(ctx, land.SystemScope("test"), number)
		if err != nil {
			t.Fatal(err)
		}
		was := cur.Holder
		rename := func(s *land.Supply) error { s.Holder = "保定新权利人有限公司"; return nil }
		if _, _, err := st.UpdateSupply(ctx, land.SystemScope("clerk"), number, cur.Version, rename); err != nil {
			t.Fatal(err)
		}
		if p, err := st.PublicSupply(ctx, number); err != nil || p.Holder != was {
			t.Errorf("during review the public sees %+v, %v; want the approved holder %s", p, err, was)
		}
		if _, total, _, _ := st.PublicSupplies(ctx, sql.PublicSupplyFilter{}); total != 4 {
			t.Errorf("total = %d after the change, want 4", total)
		}
		if _, err := st.ReviewSupply(ctx, land.SystemScope("reviewer"), number, 0, land.Review{Decision: "approve"}); err != nil {
			t.Fatal(err)
		}
		if p, err := st.PublicSupply(ctx, number); err != nil || p.Holder != "保定新权利人有限公司" {
			t.Errorf("after approval again: %+v, %v", p, err)
		}
	})
}

func TestPublicSuppliesFilters(t *testing.T) {
	st, _ := publicFixture(t)
	ctx := context.Background()
	cases := []struct {
		name string
		f    sql.PublicSupplyFilter
		want []string
	}{
		{"a county keeps its own supplies", sql.PublicSupplyFilter{Region: "130626"},
			[]string{"1306262018B00801", "1306262019B00802"}},
		{"a prefecture keeps its counties'", sql.PublicSupplyFilter{Region: "130600"},
			[]string{"1306262018B00801", "1306262019B00802", "1306062019B00001"}},
		{"a province keeps its prefectures'", sql.PublicSupplyFilter{Region: "110000"},
			[]string{"1101052020B00001"}},
		{"the nation keeps everything published", sql.PublicSupplyFilter{Region: "000000"},
			[]string{"1306262018B00801", "1306262019B00802", "1306062019B00001", "1101052020B00001"}},
		{"a method keeps its supplies", sql.PublicSupplyFilter{Method: "22"},
			[]string{"1306262019B00802"}},
		{"from keeps contracts on or after the day", sql.PublicSupplyFilter{From: land.NewDate(2019, 3, 1)},
			[]string{"1306262019B00802", "1306062019B00001", "1101052020B00001"}},
		{"to keeps contracts on or before the day", sql.PublicSupplyFilter{To: land.NewDate(2019, 3, 1)},
			[]string{"1306262018B00801", "1306062019B00001"}},
		{"from and to together keep the days between", sql.PublicSupplyFilter{From: land.NewDate(2019, 1, 1), To: land.NewDate(2019, 12, 31)},
			[]string{"1306262019B00802", "1306062019B00001"}},
		{"text finds a project name", sql.PublicSupplyFilter{Text: "莲池区商业"},
			[]string{"1306062019B00001"}},
		{"text finds a location", sql.PublicSupplyFilter{Text: "望京街"},
			[]string{"1101052020B00001"}},
		{"text finds a holder", sql.PublicSupplyFilter{Text: "北京测试置业"},
			[]string{"1101052020B00001"}},
		{"a percent sign in the text is a percent sign", sql.PublicSupplyFilter{Text: "%"},
			[]string{"1306262019B00802"}},
		{"an underscore in the text is an underscore", sql.PublicSupplyFilter{Text: "0_"},
			[]string{}},
		{"text that matches only unpublished supplies finds nothing", sql.PublicSupplyFilter{Text: "定兴县测试住宅", Region: "130626", From: land.NewDate(2019, 7, 1)},
			[]string{}},
		{"filters combine", sql.PublicSupplyFilter{Region: "130600", Method: "23", From: land.NewDate(2019, 1, 1)},
			[]string{"1306062019B00001"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			items, total, more, err := st.PublicSupplies(ctx, c.f)
			if err != nil {
				t.Fatal(err)
			}
			if got := numbersOf(items); !slices.Equal(got, c.want) || total != len(c.want) || more {
				t.Errorf("list %v total %d more %v, want %v", got, total, more, c.want)
			}
		})
	}
}

func TestPublicSuppliesPagesByID(t *testing.T) {
	st, ids := publicFixture(t)
	ctx := context.Background()
	var got []string
	f := sql.PublicSupplyFilter{Limit: 3}
	for page := 1; ; page++ {
		items, total, more, err := st.PublicSupplies(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		if total != 4 {
			t.Errorf("page %d: total %d, want 4 on every page", page, total)
		}
		if len(items) > 3 {
			t.Fatalf("page %d has %d items, limit 3", page, len(items))
		}
		got = append(got, numbersOf(items)...)
		if !more {
			break
		}
		if page > 2 {
			t.Fatal("more than two pages of four supplies by three")
		}
		f.After = items[len(items)-1].ID
	}
	want := []string{"1306262018B00801", "1306262019B00802", "1306062019B00001", "1101052020B00001"}
	if !slices.Equal(got, want) {
		t.Errorf("pages gave %v, want %v", got, want)
	}
	if items, _, more, err := st.PublicSupplies(ctx, sql.PublicSupplyFilter{After: ids["1101052020B00001"]}); err != nil || len(items) != 0 || more {
		t.Errorf("after the last: %v more %v (%v), want an empty page", numbersOf(items), more, err)
	}
}

func TestPublicSuppliesCarryNoCoordinates(t *testing.T) {
	st, _ := publicFixture(t)
	ctx := context.Background()
	items, _, _, err := st.PublicSupplies(ctx, sql.PublicSupplyFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(items) == 0 {
		t.Fatal("nothing published to check")
	}
	published := []string{"e_number", "project_name", "location", "district_name", "region_code", "area_ha",
		"land_use_original", "land_use_code", "land_use_name", "method", "method_name", "term_text", "term_years",
		"industry", "land_grade", "price_wan", "holder", "plot_ratio_min", "plot_ratio_max", "agreed_delivery",
		"agreed_start", "agreed_completion", "contract_date", "approved_by", "collective", "collective_owner"}
	slices.Sort(published)
	for _, p := range items {
		body, err := json.Marshal(p)
		if err != nil {
			t.Fatal(err)
		}
		sqltest.AssertNoCoordinates(t, body)
		var fields map[string]any
		if err := json.Unmarshal(body, &fields); err != nil {
			t.Fatal(err)
		}
		keys := make([]string, 0, len(fields))
		for k := range fields {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		if !slices.Equal(keys, published) {
			t.Errorf("%s publishes %v, want exactly %v", p.ENumber, keys, published)
		}
	}
	one, err := st.PublicSupply(ctx, items[0].ENumber)
	if err != nil {
		t.Fatal(err)
	}
	body, err := json.Marshal(one)
	if err != nil {
		t.Fatal(err)
	}
	sqltest.AssertNoCoordinates(t, body)
}
