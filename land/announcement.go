package land

import (
	"math"
	"strconv"
	"strings"
)

// How an announced transfer is sold (出让方式): the three public ways of
// the 2007 Order 39 (招标拍卖挂牌出让国有建设用地使用权规定).
const (
	SaleTender  = "tender"  // 招标
	SaleAuction = "auction" // 拍卖
	SaleListing = "listing" // 挂牌
)

// saleMethodNames are what a file or a clerk may write for each way of
// selling: the Chinese word, the supply method's name and its code.
var saleMethodNames = map[string]string{
	"招标": SaleTender, "招标出让": SaleTender, MethodTender: SaleTender,
	"拍卖": SaleAuction, "拍卖出让": SaleAuction, MethodAuction: SaleAuction,
	"挂牌": SaleListing, "挂牌出让": SaleListing, MethodListing: SaleListing,
}

// ParseSaleMethod reads how an announcement sells its lots, in English
// (tender, auction, listing), in Chinese (招标, 拍卖, 挂牌, or the supply
// method's name 挂牌出让 …) or as the supply method code (21, 22, 23).
func ParseSaleMethod(s string) (string, error) {
	s = strings.TrimSpace(s)
	switch s {
	case SaleTender, SaleAuction, SaleListing:
		return s, nil
	}
	if m, ok := saleMethodNames[s]; ok {
		return m, nil
	}
	return "", Invalid("method", "%q is not tender 招标, auction 拍卖 or listing 挂牌", s)
}

// SupplyMethodOf is the supply method code (21, 22, 23) of a way of selling.
func SupplyMethodOf(sale string) string {
	return map[string]string{SaleTender: MethodTender, SaleAuction: MethodAuction, SaleListing: MethodListing}[sale]
}

// MinNoticeDays is how many days at least an announcement must precede the
// start of bidding or listing (Order 39, art. 10: 至少在投标、拍卖或者挂牌
// 开始日前20日发布公告).
const MinNoticeDays = 20

// Announcement is a transfer announcement (出让公告) of a region: the
// public notice of a tender, auction or listing of one or more lots,
// identified by its number (公告编号, 某自然资告字〔2026〕1号) within its
// region.
type Announcement struct {
	ID          int64  `json:"id"`
	Number      string `json:"number"`             // 公告编号
	RegionCode  string `json:"region_code"`        // 行政区, 6-digit county code
	Authority   string `json:"authority,omitzero"` // 出让人 (the issuing land office)
	Method      string `json:"method"`             // 出让方式: tender, auction or listing
	AnnouncedOn Date   `json:"announced_on"`       // 公告日期

	RegistrationStart Date `json:"registration_start,omitzero"` // 报名开始时间
	RegistrationEnd   Date `json:"registration_end,omitzero"`   // 报名截止时间
	BiddingStart      Date `json:"bidding_start"`               // 挂牌开始时间 / 拍卖(投标)时间
	BiddingEnd        Date `json:"bidding_end,omitzero"`        // 挂牌截止时间

	Timeliness
	RecordState

	// Plan is the supply plan of the region and the announcement's year,
	// the head of the chain plan → lot → deal → supply.
	Plan *PlanRef `json:"plan,omitempty"`

	Lots []Lot `json:"lots"`
}

// PlanRef names the supply plan (供地计划) of a region and year.
type PlanRef struct {
	ID             int64  `json:"id"`
	RegionCode     string `json:"region_code"`
	Year           int    `json:"year"`
	DocumentNumber string `json:"document_number,omitzero"`
}

// Lot is one parcel offered by an announcement (宗地), with the terms of
// its sale; its deal, when there is one, and the supply it became.
type Lot struct {
	ID       int64   `json:"id"`
	Number   string  `json:"number"`            // 宗地编号
	Location string  `json:"location,omitzero"` // 宗地坐落
	AreaHa   float64 `json:"area_ha"`           // 出让面积(公顷)

	LandUseOriginal string `json:"land_use_original"` // 土地用途 as written
	LandUseCode     string `json:"land_use_code"`     // GB/T 21010-2017 code
	TermYears       *int   `json:"term_years,omitempty"`

	PlotRatioMin       *float64 `json:"plot_ratio_min,omitempty"`       // 容积率 lower bound
	PlotRatioMax       *float64 `json:"plot_ratio_max,omitempty"`       // 容积率 upper bound
	BuildingDensityMax *float64 `json:"building_density_max,omitempty"` // 建筑密度 (%), at most
	GreenRatioMin      *float64 `json:"green_ratio_min,omitempty"`      // 绿地率 (%), at least

	StartingPriceWan *float64 `json:"starting_price_wan,omitempty"` // 起始价(万元)
	BidStepWan       *float64 `json:"bid_step_wan,omitempty"`       // 增价幅度(万元)
	DepositWan       *float64 `json:"deposit_wan,omitempty"`        // 竞买保证金(万元)

	// Status is sold when the lot has a deal, unsold otherwise; Deal and
	// Supply (the supply result it became) are read with it.
	Status string     `json:"status"`
	Deal   *Deal      `json:"deal,omitempty"`
	Supply *LotSupply `json:"supply,omitempty"`

	Parcels []Parcel `json:"parcels,omitempty"`
}

// Lot states: a lot with a deal is sold.
const (
	LotSold   = "sold"
	LotUnsold = "unsold"
)

// LotSupply names the supply result a lot became.
type LotSupply struct {
	ID      int64  `json:"id"`
	ENumber string `json:"e_number"`
}

// LotRef names a lot from a supply: by its id, or by the announcement's
// number and the lot's number (in the supply's own region).
type LotRef struct {
	ID                 int64  `json:"id,omitzero"`
	AnnouncementNumber string `json:"announcement_number,omitzero"` // 公告编号
	LotNumber          string `json:"lot_number,omitzero"`          // 宗地编号
}

// IsZero says the reference names no lot.
func (r LotRef) IsZero() bool {
	return r.ID == 0 && strings.TrimSpace(r.AnnouncementNumber) == "" && strings.TrimSpace(r.LotNumber) == ""
}

func (a *Announcement) texts() []textField {
	return []textField{
		{"number", a.Number, limitCode},
		{"region_code", a.RegionCode, limitCode},
		{"authority", a.Authority, limitName},
		{"method", a.Method, limitCode},
	}
}

func (l *Lot) texts(prefix string) []textField {
	return []textField{
		{prefix + "number", l.Number, limitCode},
		{prefix + "location", l.Location, limitPlace},
		{prefix + "land_use_original", l.LandUseOriginal, limitName},
		{prefix + "land_use_code", l.LandUseCode, limitCode},
	}
}

// Normalize checks an announcement and its lots before they are stored and
// fills what is derived: the method in its English word, each lot's land
// use code. Calling it again changes nothing. today is the day of entry:
// an announcement cannot be dated later.
//
// Required: number, region_code, method, announced_on, bidding_start and
// at least one lot. The windows are ordered: announced_on ≤
// registration_start ≤ registration_end, and bidding_start ≤ bidding_end,
// registration_end ≤ bidding_end; a refusal names the later field. A
// bidding start fewer than MinNoticeDays after the announcement breaks
// Order 39 but is accepted with a warning, not refused: the register
// records what was published, and the short notice is for a reviewer to
// see. Lots are checked by Lot.normalize, their fields named
// lots[i].field; a lot number twice is refused.
func (a *Announcement) Normalize(regions *Regions, today Date) (warnings []string, err error) {
	var w warningList
	errs := []error{checkTexts(a.texts())}
	a.Number = strings.TrimSpace(a.Number)
	if a.Number == "" {
		errs = append(errs, Invalid("number", "the announcement number (公告编号) is required"))
	}
	errs = append(errs, normalizeRegionCode(&a.RegionCode, regions, &w, "the county's 6-digit code"))
	if m, err := ParseSaleMethod(a.Method); err != nil {
		errs = append(errs, err)
	} else {
		a.Method = m
	}
	errs = append(errs, a.checkDates(today, &w))
	if len(a.Lots) == 0 {
		errs = append(errs, Invalid("lots", "an announcement offers at least one lot (宗地)"))
	}
	seen := map[string]int{}
	lot := func(i int) string { return "lots[" + strconv.Itoa(i) + "]" } // a lot's path, as a field names it
	for i := range a.Lots {
		prefix := lot(i) + "."
		errs = append(errs, a.Lots[i].normalize(prefix, &w))
		if first, dup := seen[a.Lots[i].Number]; dup && a.Lots[i].Number != "" {
			errs = append(errs, Invalid(prefix+"number", "lot %s is also %s", a.Lots[i].Number, lot(first)))
		}
		seen[a.Lots[i].Number] = i
	}
	if err := JoinInvalid(errs...); err != nil {
		return w, err
	}
	return w, nil
}

// checkDates requires the announcement day and the bidding start, keeps the
// windows in order and warns of a notice shorter than MinNoticeDays.
func (a *Announcement) checkDates(today Date, w *warningList) error {
	var errs []error
	switch {
	case a.AnnouncedOn.IsZero():
		errs = append(errs, Invalid("announced_on", "the announcement date (公告日期) is required"))
	case !today.IsZero() && a.AnnouncedOn.After(today):
		errs = append(errs, Invalid("announced_on", "%s is in the future", a.AnnouncedOn))
	}
	if a.BiddingStart.IsZero() {
		errs = append(errs, Invalid("bidding_start", "the start of bidding or listing (挂牌开始时间/拍卖时间) is required"))
	}
	errs = append(errs, checkRecordDates(Date{}, datedField{"announced_on", a.AnnouncedOn},
		datedField{"registration_start", a.RegistrationStart}, datedField{"registration_end", a.RegistrationEnd},
		datedField{"bidding_start", a.BiddingStart}, datedField{"bidding_end", a.BiddingEnd})...)
	if len(errs) > 0 {
		return JoinInvalid(errs...)
	}
	errs = append(errs, checkDateOrder(
		dateOrder{a.AnnouncedOn, a.RegistrationStart, "announcement date", "registration_start"},
		dateOrder{a.RegistrationStart, a.RegistrationEnd, "registration start", "registration_end"},
		dateOrder{a.AnnouncedOn, a.BiddingStart, "announcement date", "bidding_start"},
		dateOrder{a.BiddingStart, a.BiddingEnd, "bidding start", "bidding_end"},
		dateOrder{a.RegistrationEnd, a.BiddingEnd, "registration end", "bidding_end"})...)
	if len(errs) == 0 && a.AnnouncedOn.DaysUntil(a.BiddingStart) < MinNoticeDays {
		w.add("bidding_start", "%s is %d days after the announcement of %s: Order 39 asks at least %d",
			a.BiddingStart, a.AnnouncedOn.DaysUntil(a.BiddingStart), a.AnnouncedOn, MinNoticeDays)
	}
	return JoinInvalid(errs...)
}

// normalize checks a lot, naming its fields after prefix (lots[0].): the
// number; the area as a supply's; land use, term and plot ratios by the
// supply's own checks; building density and green ratio as percentages;
// prices of 0 or more.
func (l *Lot) normalize(prefix string, w *warningList) error {
	errs := []error{checkTexts(l.texts(prefix))}
	l.Number = strings.TrimSpace(l.Number)
	if l.Number == "" {
		errs = append(errs, Invalid(prefix+"number", "the lot number (宗地编号) is required"))
	}
	var lw warningList
	errs = append(errs, PrefixField(checkDeclaredArea(l.AreaHa, l.Parcels, "one lot", &lw), strings.TrimSuffix(prefix, ".")))
	// The terms a lot is sold on are the terms its supply will carry: the
	// supply's checks judge them.
	s := Supply{LandUseOriginal: l.LandUseOriginal, LandUseCode: l.LandUseCode, TermYears: l.TermYears,
		PlotRatioMin: l.PlotRatioMin, PlotRatioMax: l.PlotRatioMax}
	errs = append(errs, PrefixField(JoinInvalid(s.normalizeLandUse(&lw), s.checkTerm(&lw), s.checkPlotRatios(&lw)), strings.TrimSuffix(prefix, ".")))
	l.LandUseOriginal, l.LandUseCode = s.LandUseOriginal, s.LandUseCode
	for _, x := range lw {
		*w = append(*w, prefix+x)
	}
	for _, p := range []struct {
		field string
		v     *float64
	}{{"building_density_max", l.BuildingDensityMax}, {"green_ratio_min", l.GreenRatioMin}} {
		if p.v != nil && !(*p.v >= 0 && *p.v <= 100) {
			errs = append(errs, Invalid(prefix+p.field, "a share in percent must be between 0 and 100, not %v", *p.v))
		}
	}
	for _, p := range []struct {
		field string
		v     *float64
	}{{"starting_price_wan", l.StartingPriceWan}, {"bid_step_wan", l.BidStepWan}, {"deposit_wan", l.DepositWan}} {
		if p.v != nil && !(*p.v >= 0 && !math.IsInf(*p.v, 1)) {
			errs = append(errs, Invalid(prefix+p.field, "an amount must be 0 or more (万元), not %v", *p.v))
		}
	}
	return JoinInvalid(errs...)
}

// LotByNumber returns the announcement's lot of that number, or nil.
func (a *Announcement) LotByNumber(number string) *Lot {
	for i := range a.Lots {
		if a.Lots[i].Number == strings.TrimSpace(number) {
			return &a.Lots[i]
		}
	}
	return nil
}
