package land

import (
	"math"
	"strings"
)

// Deal is the deal publicity of a lot (成交公示): who won it, at what
// price and when, and the window the result was published in. A lot has
// at most one deal.
type Deal struct {
	ID                 int64  `json:"id"`
	AnnouncementID     int64  `json:"announcement_id"`
	AnnouncementNumber string `json:"announcement_number"` // 公告编号
	LotID              int64  `json:"lot_id"`
	LotNumber          string `json:"lot_number"`  // 宗地编号
	RegionCode         string `json:"region_code"` // the announcement's

	Winner         string  `json:"winner"`                   // 竞得人 / 受让单位
	PriceWan       float64 `json:"price_wan"`                // 成交价(万元)
	DealOn         Date    `json:"deal_on"`                  // 成交时间
	PublicityStart Date    `json:"publicity_start,omitzero"` // 公示期 from
	PublicityEnd   Date    `json:"publicity_end,omitzero"`   // 公示期 to

	Timeliness
	RecordState
}

func (d *Deal) texts() []textField {
	return []textField{
		{"announcement_number", d.AnnouncementNumber, limitCode},
		{"lot_number", d.LotNumber, limitCode},
		{"winner", d.Winner, limitName},
	}
}

// Normalize checks a deal against the announcement of its lot before it
// is stored. today is the day of entry. Required: winner, price_wan
// (above 0), deal_on (not in the future, not before the bidding or listing
// started: a deal cannot precede its sale); the publicity window is
// ordered and does not open before the deal. Each refusal names its field.
func (d *Deal) Normalize(a *Announcement, today Date) error {
	errs := []error{checkTexts(d.texts())}
	d.Winner = strings.TrimSpace(d.Winner)
	if d.Winner == "" {
		errs = append(errs, Invalid("winner", "the winner (竞得人) is required"))
	}
	if !(d.PriceWan > 0 && !math.IsInf(d.PriceWan, 1)) {
		errs = append(errs, Invalid("price_wan", "the price (成交价, 万元) must be above 0, not %v", d.PriceWan))
	}
	switch {
	case d.DealOn.IsZero():
		errs = append(errs, Invalid("deal_on", "the deal date (成交时间) is required"))
	case !today.IsZero() && d.DealOn.After(today):
		errs = append(errs, Invalid("deal_on", "%s is in the future", d.DealOn))
	case a != nil && !a.BiddingStart.IsZero() && d.DealOn.Before(a.BiddingStart):
		errs = append(errs, Invalid("deal_on", "%s is before the bidding or listing of announcement %s started on %s", d.DealOn, a.Number, a.BiddingStart))
	}
	for _, x := range []struct {
		field string
		on    Date
	}{{"publicity_start", d.PublicityStart}, {"publicity_end", d.PublicityEnd}} {
		if err := CheckRecordDate(x.field, x.on, Date{}); err != nil {
			errs = append(errs, err)
		}
	}
	switch {
	case !d.PublicityStart.IsZero() && !d.PublicityEnd.IsZero() && d.PublicityEnd.Before(d.PublicityStart):
		errs = append(errs, Invalid("publicity_end", "%s is before the publicity start of %s", d.PublicityEnd, d.PublicityStart))
	case !d.PublicityStart.IsZero() && !d.DealOn.IsZero() && d.PublicityStart.Before(d.DealOn):
		errs = append(errs, Invalid("publicity_start", "%s is before the deal of %s", d.PublicityStart, d.DealOn))
	}
	return JoinInvalid(errs...)
}
