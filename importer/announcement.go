package importer

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"landwatch/land"
)

// The fields of an announcement's row (one row a lot) and of a deal's, by
// their canonical names: the JSON keys of land.Announcement, land.Lot and
// land.Deal where they have one.
const (
	aNumber       = "announcement_number"
	aRegion       = "region_code"
	aAuthority    = "authority"
	aMethod       = "method"
	aAnnouncedOn  = "announced_on"
	aRegStart     = "registration_start"
	aRegEnd       = "registration_end"
	aBidStart     = "bidding_start"
	aBidEnd       = "bidding_end"
	aLotNumber    = "lot_number"
	aLocation     = "location"
	aArea         = "area_ha"
	aLandUse      = "land_use_original"
	aTerm         = "term_years"
	aPlotRatio    = "plot_ratio"
	aDensity      = "building_density_max"
	aGreen        = "green_ratio_min"
	aStartPrice   = "starting_price_wan"
	aBidStep      = "bid_step_wan"
	aDeposit      = "deposit_wan"
	dWinner       = "winner"
	dPrice        = "price_wan"
	dDealOn       = "deal_on"
	dPublicity    = "publicity"
	dPublicityEnd = "publicity_end"
)

// lotKeyLabels are the headings naming the announcement and the lot, the
// same in both tables (landchina's 公告编号 and 宗地编号).
var lotKeyLabels = map[string]string{
	"公告编号": aNumber, "公告号": aNumber, aNumber: aNumber, "announcement number": aNumber,
	"行政区": aRegion, "行政区代码": aRegion, "行政区划代码": aRegion, aRegion: aRegion, "region code": aRegion,
	"宗地编号": aLotNumber, "地块编号": aLotNumber, aLotNumber: aLotNumber, "lot number": aLotNumber,
}

// announcementLabels are the headings of a table of announced lots, as
// landchina's 出让公告 pages name their fields.
var announcementLabels = withLabels(lotKeyLabels, map[string]string{
	"出让人": aAuthority, "发布机关": aAuthority, "公告单位": aAuthority, aAuthority: aAuthority,
	"出让方式": aMethod, "供地方式": aMethod, aMethod: aMethod,
	"公告日期": aAnnouncedOn, "公告时间": aAnnouncedOn, "发布时间": aAnnouncedOn, aAnnouncedOn: aAnnouncedOn,
	"报名开始时间": aRegStart, "报名起始时间": aRegStart, aRegStart: aRegStart,
	"报名截止时间": aRegEnd, "报名结束时间": aRegEnd, aRegEnd: aRegEnd,
	"挂牌开始时间": aBidStart, "拍卖时间": aBidStart, "拍卖开始时间": aBidStart, "投标时间": aBidStart,
	"挂牌开始时间/拍卖时间": aBidStart, "竞价开始时间": aBidStart, aBidStart: aBidStart,
	"挂牌截止时间": aBidEnd, "挂牌结束时间": aBidEnd, aBidEnd: aBidEnd,
	"宗地坐落": aLocation, "土地坐落": aLocation, "土地位置": aLocation, aLocation: aLocation,
	"出让面积(公顷)": aArea, "出让面积": aArea, "宗地面积(公顷)": aArea, "土地面积(公顷)": aArea, aArea: aArea,
	"土地用途": aLandUse, "规划用途": aLandUse, aLandUse: aLandUse,
	"出让年限": aTerm, "出让年限(年)": aTerm, "使用年限": aTerm, aTerm: aTerm,
	"容积率": aPlotRatio, aPlotRatio: aPlotRatio,
	"建筑密度": aDensity, "建筑密度(%)": aDensity, aDensity: aDensity,
	"绿地率": aGreen, "绿地率(%)": aGreen, aGreen: aGreen,
	"起始价": aStartPrice, "起始价(万元)": aStartPrice, "起叫价(万元)": aStartPrice, aStartPrice: aStartPrice,
	"增价幅度": aBidStep, "增价幅度(万元)": aBidStep, aBidStep: aBidStep,
	"保证金": aDeposit, "竞买保证金": aDeposit, "保证金(万元)": aDeposit, "竞买保证金(万元)": aDeposit, aDeposit: aDeposit,
})

// dealLabels are the headings of a table of deals (成交公示).
var dealLabels = withLabels(lotKeyLabels, map[string]string{
	"竞得人": dWinner, "受让单位": dWinner, "竞得单位": dWinner, "受让人": dWinner, dWinner: dWinner,
	"成交价": dPrice, "成交价(万元)": dPrice, "成交价格(万元)": dPrice, "成交价格": dPrice, dPrice: dPrice,
	"成交时间": dDealOn, "成交日期": dDealOn, dDealOn: dDealOn,
	"公示期": dPublicity, "公示时间": dPublicity, "公示开始时间": dPublicity, "publicity_start": dPublicity,
	"公示截止时间": dPublicityEnd, "公示结束时间": dPublicityEnd, dPublicityEnd: dPublicityEnd,
})

func withLabels(base, more map[string]string) map[string]string {
	out := make(map[string]string, len(base)+len(more))
	for k, v := range base {
		out[k] = v
	}
	for k, v := range more {
		out[k] = v
	}
	return out
}

// announcementKind is a table of announced lots, one row a lot, keyed by
// 公告编号: rows of one number make one announcement.
var announcementKind = &tableKind{
	labels: announcementLabels, key: aNumber, keyLabel: "公告编号",
	add:   addAnnouncementRow,
	dates: []string{aAnnouncedOn, aRegStart, aRegEnd, aBidStart, aBidEnd},
}

// dealKind is a table of deals, one row a lot, told from announcements by
// its 竞得人 column.
var dealKind = &tableKind{
	labels: dealLabels, key: aNumber, keyLabel: "公告编号", also: []string{dWinner},
	add:   addDealRow,
	dates: []string{dDealOn, dPublicity, dPublicityEnd},
}

// addAnnouncementRow reads one lot with its announcement's fields. Each
// row carries the announcement's fields again; the rows of one number are
// put together when they are written.
func addAnnouncementRow(b *land.Batch, name string, line int, v fieldValues) {
	var (
		a   land.Announcement
		l   land.Lot
		c   = checkRow(v)
		bad = c.bad
	)
	if a.Number = v.get(aNumber); a.Number == "" {
		bad(aNumber, "the announcement number (公告编号) is required")
	}
	a.RegionCode = regionCell(v, aRegion, "the county's 6-digit code (110101, or 东城区(110101))", bad)
	a.Authority = v.get(aAuthority)
	if m, err := land.ParseSaleMethod(v.get(aMethod)); err != nil {
		bad(aMethod, "%s", reasonOf(err))
	} else {
		a.Method = m
	}
	a.AnnouncedOn = optionalDate(v, aAnnouncedOn, bad)
	a.RegistrationStart, a.RegistrationEnd = optionalDate(v, aRegStart, bad), optionalDate(v, aRegEnd, bad)
	a.BiddingStart, a.BiddingEnd = optionalDate(v, aBidStart, bad), optionalDate(v, aBidEnd, bad)
	if l.Number = v.get(aLotNumber); l.Number == "" {
		bad(aLotNumber, "the lot number (宗地编号) is required")
	}
	l.Location = v.get(aLocation)
	if x, ok := parseDecimal(v.get(aArea)); !ok || x <= 0 {
		bad(aArea, "the area (出让面积, hectares) must be a positive number, not %q", v.get(aArea))
	} else {
		l.AreaHa = x
	}
	l.LandUseOriginal = v.get(aLandUse)
	if t := v.get(aTerm); t != "" {
		if n, err := strconv.Atoi(strings.TrimSuffix(t, "年")); err != nil {
			bad(aTerm, "the term (出让年限) must be a number of years, not %q", t)
		} else {
			l.TermYears = &n
		}
	}
	var err error
	if l.PlotRatioMin, l.PlotRatioMax, err = parseBounds(v.get(aPlotRatio)); err != nil {
		bad(aPlotRatio, "容积率 %q: %v", v.get(aPlotRatio), err)
	}
	if _, l.BuildingDensityMax, err = parseBounds(v.get(aDensity)); err != nil {
		bad(aDensity, "建筑密度 %q: %v", v.get(aDensity), err)
	}
	if l.GreenRatioMin, err = lowerBound(v.get(aGreen)); err != nil {
		bad(aGreen, "绿地率 %q: %v", v.get(aGreen), err)
	}
	l.StartingPriceWan = optionalNumber(v, aStartPrice, "the starting price (起始价, 万元)", bad)
	l.BidStepWan = optionalNumber(v, aBidStep, "the bid step (增价幅度, 万元)", bad)
	l.DepositWan = optionalNumber(v, aDeposit, "the deposit (保证金, 万元)", bad)
	if !c.keep(b, name, line, a.Number) {
		return
	}
	a.Lots = []land.Lot{l}
	b.Announcements = append(b.Announcements, land.AnnouncementRecord{File: name, Line: line, Announcement: a})
}

// addDealRow reads one lot's deal.
func addDealRow(b *land.Batch, name string, line int, v fieldValues) {
	var (
		d   land.Deal
		c   = checkRow(v)
		bad = c.bad
	)
	if d.AnnouncementNumber = v.get(aNumber); d.AnnouncementNumber == "" {
		bad(aNumber, "the announcement number (公告编号) is required")
	}
	if v.get(aRegion) != "" {
		d.RegionCode = regionCell(v, aRegion, "the county's 6-digit code (110101, or 东城区(110101))", bad)
	}
	if d.LotNumber = v.get(aLotNumber); d.LotNumber == "" {
		bad(aLotNumber, "the lot number (宗地编号) is required")
	}
	d.Winner = v.get(dWinner)
	if x, ok := parseDecimal(v.get(dPrice)); !ok || x <= 0 {
		bad(dPrice, "the price (成交价, 万元) must be a positive number, not %q", v.get(dPrice))
	} else {
		d.PriceWan = x
	}
	d.DealOn = optionalDate(v, dDealOn, bad)
	// 公示期 is a window in one cell ("2026-02-06至2026-02-16") or its start
	// beside a column of its end.
	from, to, _ := cutWindow(v.get(dPublicity))
	if s, err := land.ParseDate(from); err != nil {
		bad(dPublicity, "公示期 %q: %s", v.get(dPublicity), reasonOf(err))
	} else {
		d.PublicityStart = s
	}
	if to == "" {
		to = v.get(dPublicityEnd)
	}
	if e, err := land.ParseDate(to); err != nil {
		bad(dPublicity, "公示期 %q: %s", to, reasonOf(err))
	} else {
		d.PublicityEnd = e
	}
	if !c.keep(b, name, line, d.AnnouncementNumber) {
		return
	}
	b.Deals = append(b.Deals, land.DealRecord{File: name, Line: line, Deal: d})
}

// rowCheck is what reading one row of a table found: problems reject the
// row, notes are warned about when it is kept.
type rowCheck struct {
	probs []problem
	notes []note
}

// checkRow starts reading a row, its placeholders cleared with a note.
func checkRow(v fieldValues) *rowCheck { return &rowCheck{notes: clearPlaceholders(v)} }

func (c *rowCheck) bad(field, format string, args ...any) {
	c.probs = append(c.probs, problem{field, fmt.Sprintf(format, args...)})
}

// keep rejects the row (record) for each problem, or warns its notes and
// says it is kept.
func (c *rowCheck) keep(b *land.Batch, name string, line int, record string) bool {
	if len(c.probs) > 0 {
		rejectAll(b, name, line, record, c.probs)
		return false
	}
	warnAll(b, name, line, record, c.notes)
	return true
}

// cutWindow splits a window written in one cell: "A至B", "A—B", "A~B".
func cutWindow(s string) (from, to string, ok bool) {
	for _, sep := range []string{"至", "~", "～", "—", " - ", "到"} {
		if a, b, found := strings.Cut(s, sep); found {
			return strings.TrimSpace(a), strings.TrimSpace(b), true
		}
	}
	return strings.TrimSpace(s), "", false
}

var numberIn = regexp.MustCompile(`\d+(?:\.\d+)?`)

// parseBounds reads a range of a planning indicator as announcements write
// it: "1.0-2.5" or "1.0<容积率≤2.5" (both bounds), "≤2.5" or a number
// alone (the upper bound), "≥1.0" (the lower bound); a percent sign is
// dropped.
func parseBounds(s string) (lo, hi *float64, err error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, nil, nil
	}
	nums := numberIn.FindAllString(s, -1)
	vals := make([]float64, len(nums))
	for i, n := range nums {
		vals[i], _ = strconv.ParseFloat(n, 64)
	}
	switch {
	case len(vals) == 2:
		return &vals[0], &vals[1], nil
	case len(vals) == 1 && strings.ContainsAny(s, "≥>＞不小于大于") && !strings.ContainsAny(s, "≤<＜"):
		return &vals[0], nil, nil
	case len(vals) == 1:
		return nil, &vals[0], nil
	}
	return nil, nil, fmt.Errorf("expected a number or a range such as 1.0-2.5")
}

// lowerBound reads an indicator that is a minimum (绿地率 ≥35%): the number
// whatever sign it is written with.
func lowerBound(s string) (*float64, error) {
	lo, hi, err := parseBounds(s)
	if err != nil || lo != nil && hi != nil {
		return nil, fmt.Errorf("expected a number such as ≥35%%")
	}
	if lo == nil {
		lo = hi
	}
	return lo, nil
}
