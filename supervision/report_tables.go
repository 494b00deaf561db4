package supervision

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"landwatch/land"
	"landwatch/sql"
)

func itoa(n int) string { return strconv.Itoa(n) }

// percentOf is a share as a percentage rounded to 0.01, nil for none.
func percentOf(share *float64) any {
	if share == nil {
		return nil
	}
	return math.Round(*share*10000) / 100
}

// change is the change from previous to current as a percentage, nil when
// there was nothing before.
func change(current, previous float64) any {
	if previous == 0 {
		return nil
	}
	return math.Round((current-previous)/previous*10000) / 100
}

// figureColumns are the columns every table of supplies has.
var figureColumns = []ReportColumn{{"count", "宗数", true}, {"area_ha", "面积（公顷）", true}, {"price_wan", "成交价款（万元）", true}}

func figureCells(f sql.Figures) []any { return []any{f.Count, f.AreaHa, f.PriceWan} }

// reportTables are the tables of a report from the statistics of its
// period ([0]) and of the same period a year before ([1], for the groups
// compared with it).
func reportTables(g map[land.StatisticsGroup][2]*sql.Statistics) []ReportTable {
	share := ReportColumn{"share", "宗数占比（%）", true}
	withShare := func(key, title, first string, st *sql.Statistics) ReportTable {
		t := ReportTable{Key: key, Title: title, Columns: append(append([]ReportColumn{{"name", first, false}}, figureColumns...), share)}
		for _, it := range st.Items {
			s := float64(it.Count) / float64(max(1, st.Overall.Count))
			t.Rows = append(t.Rows, append(append([]any{it.Name}, figureCells(it.Figures)...), percentOf(&s)))
		}
		t.Total = append(append([]any{"合计"}, figureCells(st.Overall)...), 100.0)
		return t
	}
	compared := []ReportColumn{{"previous_area_ha", "上年同期面积（公顷）", true}, {"area_change", "面积同比（%）", true}}
	previousOf := func(st *sql.Statistics) map[string]sql.Figures {
		out := map[string]sql.Figures{}
		for _, it := range st.Items {
			out[it.Key] = it.Figures
		}
		return out
	}
	use := ReportTable{Key: "land_use", Title: "按土地用途", Columns: append(append([]ReportColumn{{"name", "土地用途", false}}, figureColumns...),
		append([]ReportColumn{{"avg_price_per_m2", "平均单价（元/平方米）", true}, {"median_price_per_m2", "单价中位数（元/平方米）", true}}, compared...)...)}
	prevUse := previousOf(g[land.ByLandUse][1])
	for _, it := range g[land.ByLandUse][0].Items {
		prev := prevUse[it.Key].AreaHa
		use.Rows = append(use.Rows, append(append([]any{it.Name}, figureCells(it.Figures)...), it.AvgPricePerM2(), it.MedianPricePerM2, prev, change(it.AreaHa, prev)))
	}
	o, po := g[land.ByLandUse][0].Overall, g[land.ByLandUse][1].Overall
	use.Total = append(append([]any{"合计"}, figureCells(o)...), o.AvgPricePerM2(), nil, po.AreaHa, change(o.AreaHa, po.AreaHa))

	// the housing by class, with its own shares: of the housing, not of all supplies
	housing := ReportTable{Key: "housing", Title: "住宅用地按类别", Columns: append(append([]ReportColumn{{"name", "住宅类别", false}}, figureColumns...),
		ReportColumn{"share", "占住宅宗数比例（%）", true}, ReportColumn{"avg_price_per_m2", "平均单价（元/平方米）", true}, ReportColumn{"median_price_per_m2", "单价中位数（元/平方米）", true})}
	hs := g[land.ByHousing][0]
	for _, it := range hs.Items {
		s := float64(it.Count) / float64(max(1, hs.Overall.Count))
		housing.Rows = append(housing.Rows, append(append([]any{it.Name}, figureCells(it.Figures)...), percentOf(&s), it.AvgPricePerM2(), it.MedianPricePerM2))
	}
	housing.Total = append(append([]any{"合计"}, figureCells(hs.Overall)...), 100.0, hs.Overall.AvgPricePerM2(), nil)

	region := ReportTable{Key: "region", Title: "按行政区", Columns: append(append([]ReportColumn{{"code", "行政区代码", false}, {"name", "行政区", false}}, figureColumns...), compared...)}
	prevRegion := previousOf(g[land.ByRegion][1])
	for _, it := range g[land.ByRegion][0].Items {
		prev := prevRegion[it.Key].AreaHa
		region.Rows = append(region.Rows, append(append([]any{it.Key, it.Name}, figureCells(it.Figures)...), prev, change(it.AreaHa, prev)))
	}
	o, po = g[land.ByRegion][0].Overall, g[land.ByRegion][1].Overall
	region.Total = append(append([]any{"合计", ""}, figureCells(o)...), po.AreaHa, change(o.AreaHa, po.AreaHa))

	month := ReportTable{Key: "month", Title: "逐月供应（与上年同月比较）", Columns: append(append([]ReportColumn{{"month", "月份", false}}, figureColumns...),
		ReportColumn{"previous_count", "上年同月宗数", true}, ReportColumn{"previous_area_ha", "上年同月面积（公顷）", true}, ReportColumn{"previous_price_wan", "上年同月成交价款（万元）", true})}
	var prevMonths sql.Figures
	for _, it := range g[land.ByMonth][0].Items {
		var prev sql.Figures
		if it.Previous != nil {
			prev = *it.Previous
		}
		prevMonths.Count, prevMonths.AreaHa, prevMonths.PriceWan = prevMonths.Count+prev.Count, prevMonths.AreaHa+prev.AreaHa, prevMonths.PriceWan+prev.PriceWan
		month.Rows = append(month.Rows, append(append([]any{it.Key}, figureCells(it.Figures)...), figureCells(prev)...))
	}
	month.Total = append(append([]any{"合计"}, figureCells(g[land.ByMonth][0].Overall)...), figureCells(prevMonths)...)

	return []ReportTable{
		withShare("method", "按供地方式", "供地方式", g[land.ByMethod][0]),
		withShare("method_class", "按供地方式类别（招拍挂、协议、划拨）", "方式类别", g[land.ByMethodClass][0]),
		use, housing, region, month,
	}
}

// reportText is the short text of a report's main changes against the
// same period of the year before: the whole, then the uses and the
// regions with the largest rise and fall of area.
func reportText(region string, p land.ReportPeriod, cur, prev sql.Figures, uses, regions [2]*sql.Statistics) []string {
	whole := fmt.Sprintf("%s%s共供应国有建设用地%d宗、%s公顷，成交价款%s万元", region, p.Name(), cur.Count, ha(cur.AreaHa), ha(cur.PriceWan))
	if prev.Count == 0 {
		whole += "；上年同期无供应记录，无法同比。"
	} else {
		whole += fmt.Sprintf("；上年同期%d宗、%s公顷，面积%s。", prev.Count, ha(prev.AreaHa), movement(cur.AreaHa, prev.AreaHa))
	}
	return []string{whole, extremes("土地用途", uses), extremes("行政区", regions)}
}

// extremes names the keys of a group with the largest rise and the largest
// fall of area against the year before.
func extremes(by string, st [2]*sql.Statistics) string {
	type delta struct {
		name      string
		cur, prev float64
	}
	all := map[string]*delta{}
	for i, s := range st {
		for _, it := range s.Items {
			d := all[it.Key]
			if d == nil {
				d = &delta{name: it.Name}
				all[it.Key] = d
			}
			if i == 0 {
				d.cur = it.AreaHa
			} else {
				d.prev = it.AreaHa
			}
		}
	}
	var rise, fall *delta
	for _, d := range all {
		diff := d.cur - d.prev
		if diff > 0 && (rise == nil || diff > rise.cur-rise.prev) {
			rise = d
		}
		if diff < 0 && (fall == nil || diff < fall.cur-fall.prev) {
			fall = d
		}
	}
	var b strings.Builder
	b.WriteString("按" + by + "，")
	if rise == nil {
		b.WriteString("没有面积增加的；")
	} else {
		fmt.Fprintf(&b, "面积增加最多的是%s（%s公顷，上年同期%s公顷，%s）；", rise.name, ha(rise.cur), ha(rise.prev), movement(rise.cur, rise.prev))
	}
	if fall == nil {
		b.WriteString("没有面积减少的。")
	} else {
		fmt.Fprintf(&b, "面积减少最多的是%s（%s公顷，上年同期%s公顷，%s）。", fall.name, ha(fall.cur), ha(fall.prev), movement(fall.cur, fall.prev))
	}
	return b.String()
}

// movement says a change in words: 增加12.50公顷（增长25.00%）.
func movement(cur, prev float64) string {
	diff := cur - prev
	word, rate := "增加", "增长"
	if diff < 0 {
		word, rate, diff = "减少", "下降", -diff
	}
	if prev == 0 {
		return word + ha(diff) + "公顷"
	}
	return fmt.Sprintf("%s%s公顷（%s%.2f%%）", word, ha(diff), rate, diff/prev*100)
}

func ha(v float64) string { return strconv.FormatFloat(v, 'f', 2, 64) }
