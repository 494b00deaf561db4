package importer

import (
	"regexp"

	"landwatch/land"
)

// The fields of a reserve (土地收购储备) by their canonical names: the JSON
// keys of land.Reserve.
const (
	rNumber       = "number"
	rRegion       = "region_code"
	rLocation     = "location"
	rArea         = "area_ha"
	rAcquisition  = "acquisition"
	rFormerHolder = "former_holder"
	rFormerUse    = "former_use"
	rCompensation = "compensation_wan"
	rTakenOn      = "taken_on"
	rPlannedUse   = "planned_use_original"
)

// reserveLabels maps each known heading of a table of reserves, as
// normalizeHeading writes it, to its canonical field: the labels of the
// 2008 notice's register, the canonical names and English labels.
var reserveLabels = map[string]string{
	"储备编号": rNumber, "储备地块编号": rNumber, rNumber: rNumber, "reserve number": rNumber, "reserve no": rNumber,
	"行政区": rRegion, "行政区代码": rRegion, "行政区划代码": rRegion, rRegion: rRegion, "region": rRegion, "region code": rRegion,
	"位置": rLocation, "土地坐落": rLocation, "宗地坐落": rLocation, rLocation: rLocation,
	"面积(公顷)": rArea, "面积": rArea, "储备面积(公顷)": rArea, rArea: rArea, "area": rArea, "area hectares": rArea,
	"收储方式": rAcquisition, rAcquisition: rAcquisition, "acquisition method": rAcquisition,
	"原权利人": rFormerHolder, "原土地使用权人": rFormerHolder, rFormerHolder: rFormerHolder, "former holder": rFormerHolder,
	"原用途": rFormerUse, "原土地用途": rFormerUse, rFormerUse: rFormerUse, "former use": rFormerUse,
	"补偿费用(万元)": rCompensation, "补偿费用": rCompensation, "收储成本(万元)": rCompensation, rCompensation: rCompensation,
	"compensation": rCompensation, "compensation 10000 yuan": rCompensation,
	"收储日期": rTakenOn, "收储时间": rTakenOn, rTakenOn: rTakenOn, "date taken in": rTakenOn,
	"规划用途": rPlannedUse, rPlannedUse: rPlannedUse, "planned_use": rPlannedUse, "planned use": rPlannedUse,
}

// reserveKind is the table of reserves, keyed by 储备编号. A reserve
// number has no national shape (each county numbers its own), so a
// shifted header is not realigned.
var reserveKind = &tableKind{
	labels: reserveLabels, key: rNumber, keyLabel: "储备编号",
	add:   addReserveRow,
	dates: []string{rTakenOn},
}

// regionCodeIn finds the county's 6-digit code in a 行政区 cell: the code
// alone, or beside the name ("东城区(110101)", "110101 东城区").
var regionCodeIn = regexp.MustCompile(`(?:^|\D)(\d{6})(?:\D|$)`)

// regionCell reads the 6-digit code of a 行政区 cell of field, or says
// what it must hold (want).
func regionCell(v fieldValues, field, want string, bad func(field, format string, args ...any)) string {
	m := regionCodeIn.FindAllStringSubmatch(v.get(field), -1)
	if len(m) != 1 {
		bad(field, "行政区 must hold %s, not %q", want, v.get(field))
		return ""
	}
	return m[0][1]
}

// addReserveRow reads one reserve. Every field that cannot be read is a
// rejection of the row; what the domain checks (the region known, the
// planned use's code, a date in the future) is judged when it is written.
func addReserveRow(b *land.Batch, name string, line int, v fieldValues) {
	var (
		r   land.Reserve
		c   = checkRow(v)
		bad = c.bad
	)
	if r.Number = v.get(rNumber); r.Number == "" {
		bad(rNumber, "the reserve number (储备编号) is required")
	}
	r.RegionCode = regionCell(v, rRegion, "the county's 6-digit code (110101, or 东城区(110101))", bad)
	r.Location = v.get(rLocation)
	if a, ok := parseDecimal(v.get(rArea)); !ok || a <= 0 {
		bad(rArea, "the area (面积, hectares) must be a positive number, not %q", v.get(rArea))
	} else {
		r.AreaHa = a
	}
	if a, err := land.ParseAcquisition(v.get(rAcquisition)); err != nil {
		bad(rAcquisition, "%s", reasonOf(err))
	} else {
		r.Acquisition = a
	}
	r.FormerHolder = v.get(rFormerHolder)
	r.FormerUse = v.get(rFormerUse)
	r.CompensationWan = optionalNumber(v, rCompensation, "the compensation (补偿费用, 万元)", bad)
	r.TakenOn = dropPlaceholderDate(rTakenOn, optionalDate(v, rTakenOn, bad), land.Date{}, &c.notes)
	if r.TakenOn.IsZero() && !hasProblem(c.probs, rTakenOn) {
		bad(rTakenOn, "the date the land was taken in (收储日期) is required")
	}
	r.PlannedUseOriginal = v.get(rPlannedUse)
	if !c.keep(b, name, line, r.Number) {
		return
	}
	b.Reserves = append(b.Reserves, land.ReserveRecord{File: name, Line: line, Reserve: r})
}

func hasProblem(ps []problem, field string) bool {
	for _, p := range ps {
		if p.field == field {
			return true
		}
	}
	return false
}
