package importer

import (
	"strconv"
	"strings"

	"landwatch/land"
)

// The fields of a supply plan (供地计划) by their canonical names: the JSON
// keys of land.Plan; a class's hectares are its key with _ha.
const (
	pRegion    = "region_code"
	pYear      = "year"
	pDocNumber = "doc_number"
	pTitle     = "title"
	pPublished = "published_on"
)

// planLabels maps each known heading of a table of supply plans to its
// canonical field: the labels of a published plan (行政区代码, 年度, 文号,
// 标题, 发布日期), each class's name as plans publish it, alone or with its
// unit (商服用地, 商服用地(公顷), 商服用地面积(公顷)) — areas are hectares —
// and the canonical names.
var planLabels = func() map[string]string {
	m := map[string]string{
		"行政区": pRegion, "行政区代码": pRegion, "行政区划代码": pRegion, pRegion: pRegion, "region": pRegion, "region code": pRegion,
		"年度": pYear, "计划年度": pYear, "年份": pYear, pYear: pYear,
		"文号": pDocNumber, "发文字号": pDocNumber, "批准文号": pDocNumber, pDocNumber: pDocNumber, "document number": pDocNumber,
		"标题": pTitle, "计划名称": pTitle, "名称": pTitle, pTitle: pTitle,
		"发布日期": pPublished, "发布时间": pPublished, "公布日期": pPublished, pPublished: pPublished, "published on": pPublished,
		// the total is computed from the classes
		"合计": fieldIgnored, "合计(公顷)": fieldIgnored, "总面积(公顷)": fieldIgnored, "计划供应总量(公顷)": fieldIgnored, "total_ha": fieldIgnored,
	}
	for _, c := range land.PlanClasses {
		f := c.Key + "_ha"
		names := []string{c.Name}
		if c.Under != "" {
			names = append(names, c.Name+"用地")
		}
		for _, n := range names {
			for _, label := range []string{n, n + "(公顷)", n + "面积", n + "面积(公顷)"} {
				m[label] = f
			}
		}
		m[f], m[c.Key] = f, f
	}
	return m
}()

// planKind is the table of supply plans, one row a plan of a region and
// year, keyed by its year (年度) beside its region.
var planKind = &tableKind{
	labels: planLabels, key: pYear, keyLabel: "年度",
	add:   addPlanRow,
	dates: []string{pPublished},
}

// isPlanHeader says whether a header row is a table of supply plans: it
// names the year and at least one class of land.
func isPlanHeader(cells []string) bool {
	var year, class bool
	for _, h := range cells {
		switch f := planKind.fieldOf(h); {
		case f == pYear:
			year = true
		case strings.HasSuffix(f, "_ha"):
			class = true
		}
	}
	return year && class
}

// addPlanRow reads one plan. Every field that cannot be read is a
// rejection of the row naming it; a blank class is 0 hectares. What the
// domain checks (the region known, housing's sub-classes within housing, a
// date in the future) is judged when it is written.
func addPlanRow(b *land.Batch, name string, line int, v fieldValues) {
	var (
		p   land.Plan
		c   = checkRow(v)
		bad = c.bad
	)
	p.RegionCode = regionCell(v, pRegion, "the region's 6-digit code (130626, or 定兴县(130626))", bad)
	year := strings.TrimSuffix(strings.TrimSpace(v.get(pYear)), "年")
	if y, err := strconv.Atoi(year); err != nil || y < 1990 || y > 2100 {
		bad(pYear, "the year (年度) must be a year such as 2026, not %q", v.get(pYear))
	} else {
		p.Year = y
	}
	p.DocNumber, p.Title = v.get(pDocNumber), v.get(pTitle)
	p.PublishedOn = optionalDate(v, pPublished, bad)
	if p.PublishedOn.IsZero() && !hasProblem(c.probs, pPublished) {
		bad(pPublished, "the date the plan was published (发布日期) is required")
	}
	for i, f := range p.Fields() {
		field := land.PlanClasses[i].Key + "_ha"
		t := v.get(field)
		if t == "" {
			continue
		}
		if a, ok := parseDecimal(t); ok && a >= 0 {
			*f = a
		} else {
			bad(field, "the planned area of %s must be a number of hectares (公顷), 0 or more, not %q", land.PlanClasses[i].Name, t)
		}
	}
	key := p.RegionCode + "-" + year
	if !c.keep(b, name, line, key) {
		return
	}
	b.Plans = append(b.Plans, land.PlanRecord{File: name, Line: line, Plan: p})
}
