package sql

import (
	"context"
	"strconv"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"

	"landwatch/land"
)

// PublicAnnouncement is a transfer announcement (出让公告) as the public
// side shows it, like landchina's 出让公告 page: its dates and terms and
// its lots in words — never a boundary, never who entered or reviewed it.
// Only approved announcements are published.
type PublicAnnouncement struct {
	ID                int64       `json:"id"`
	Number            string      `json:"number"`      // 公告编号
	RegionCode        string      `json:"region_code"` // 行政区
	Authority         string      `json:"authority"`   // 出让人
	Method            string      `json:"method"`      // tender, auction, listing
	MethodName        string      `json:"method_name"` // 招标出让, 拍卖出让, 挂牌出让
	AnnouncedOn       land.Date   `json:"announced_on"`
	RegistrationStart land.Date   `json:"registration_start"`
	RegistrationEnd   land.Date   `json:"registration_end"`
	BiddingStart      land.Date   `json:"bidding_start"`
	BiddingEnd        land.Date   `json:"bidding_end"`
	Lots              []PublicLot `json:"lots"`
}

// PublicLot is one lot of a published announcement; its deal when the deal
// is published.
type PublicLot struct {
	Number             string      `json:"number"`   // 宗地编号
	Location           string      `json:"location"` // 宗地坐落, in words
	AreaHa             float64     `json:"area_ha"`
	LandUseOriginal    string      `json:"land_use_original"`
	LandUseCode        string      `json:"land_use_code"`
	LandUseName        string      `json:"land_use_name"`
	TermYears          *int        `json:"term_years"`
	PlotRatioMin       *float64    `json:"plot_ratio_min"`
	PlotRatioMax       *float64    `json:"plot_ratio_max"`
	BuildingDensityMax *float64    `json:"building_density_max"`
	GreenRatioMin      *float64    `json:"green_ratio_min"`
	StartingPriceWan   *float64    `json:"starting_price_wan"`
	BidStepWan         *float64    `json:"bid_step_wan"`
	DepositWan         *float64    `json:"deposit_wan"`
	Deal               *PublicDeal `json:"deal"`
}

// PublicDeal is a published deal (成交公示), like landchina's 成交公示 page.
// Only approved deals of approved announcements are published.
type PublicDeal struct {
	ID                 int64     `json:"id"`
	AnnouncementID     int64     `json:"announcement_id"`
	AnnouncementNumber string    `json:"announcement_number"`
	LotNumber          string    `json:"lot_number"`
	RegionCode         string    `json:"region_code"`
	Location           string    `json:"location"`
	AreaHa             float64   `json:"area_ha"`
	LandUseName        string    `json:"land_use_name"`
	Method             string    `json:"method"`
	MethodName         string    `json:"method_name"`
	Winner             string    `json:"winner"`    // 竞得人
	PriceWan           float64   `json:"price_wan"` // 成交价(万元)
	DealOn             land.Date `json:"deal_on"`
	PublicityStart     land.Date `json:"publicity_start"`
	PublicityEnd       land.Date `json:"publicity_end"`
}

// PublicRecordFilter selects published announcements or deals. Empty
// fields do not filter.
type PublicRecordFilter struct {
	Region   string    // 6-digit code: the region and its subtree
	Method   string    // announcements only: tender, auction, listing
	From, To land.Date // announcement or deal date, inclusive
	Text     string
	After    int64
	Limit    int // 50 when 0, at most MaxPublicPage
}

// publicScope reads what is published: everyone's, the region a filter.
var publicScope = land.SystemScope("public")

// PublicAnnouncements returns one page of published announcements (the
// last approved version of each, with its lots and published deals), the
// total and whether more follow.
func (s *Store) PublicAnnouncements(ctx context.Context, f PublicRecordFilter) ([]PublicAnnouncement, int, bool, error) {
	items, total, more, err := s.listAnnouncements(ctx, publicScope, published, AnnouncementFilter{Region: f.Region, Method: f.Method,
		From: f.From, To: f.To, Text: f.Text, After: f.After, Limit: publicLimit(f.Limit)})
	if err != nil {
		return nil, 0, false, err
	}
	out := make([]PublicAnnouncement, len(items))
	for i := range items {
		out[i] = publishAnnouncement(&items[i])
	}
	return out, total, more, nil
}

// PublicAnnouncement returns one published announcement; any other is
// CodeNotFound, the public cannot tell which.
func (s *Store) PublicAnnouncement(ctx context.Context, key string) (*PublicAnnouncement, error) {
	a, err := s.getAnnouncement(ctx, publicScope, s.pool, published, key, false)
	if land.ErrorCode(err) == land.CodeNotFound {
		err = &land.Error{Code: land.CodeNotFound, Field: "id", Message: "no published announcement " + strconv.Quote(key)}
	}
	if err != nil {
		return nil, err
	}
	if a.Lots, err = loadLots(ctx, s.pool, published, a.ID, false); err != nil {
		return nil, err
	}
	p := publishAnnouncement(a)
	return &p, nil
}

// PublicDeals returns one page of published deals of published
// announcements, the total and whether more follow.
func (s *Store) PublicDeals(ctx context.Context, f PublicRecordFilter) ([]PublicDeal, int, bool, error) {
	region, err := regionArg(publicScope, f.Region)
	if err != nil {
		return nil, 0, false, err
	}
	args := []any{region, nil, nil, dateArg(f.From), dateArg(f.To), nullable(likePattern(f.Text)), false}
	return keysetPage(ctx, s, published(qCountPublicDeals), published(qListPublicDeals), args, f.After, publicLimit(f.Limit), scanPublicDeal)
}

// PublicDeal returns one published deal; any other is CodeNotFound.
func (s *Store) PublicDeal(ctx context.Context, key string) (*PublicDeal, error) {
	id, err := strconv.ParseInt(key, 10, 64)
	if err != nil {
		return nil, land.Invalid("id", "a deal is named by its numeric id, not %q", key)
	}
	d, err := scanPublicDeal(s.pool.QueryRow(ctx, published(qPublicDealByID), id))
	if land.ErrorCode(translate(err)) == land.CodeNotFound {
		return nil, &land.Error{Code: land.CodeNotFound, Field: "id", Message: "no published deal " + strconv.Quote(key)}
	}
	return d, translate(err)
}

func publicLimit(n int) int {
	if n <= 0 {
		return 50
	}
	return min(n, MaxPublicPage)
}

func publishAnnouncement(a *land.Announcement) PublicAnnouncement {
	p := PublicAnnouncement{ID: a.ID, Number: a.Number, RegionCode: a.RegionCode, Authority: a.Authority, Method: a.Method,
		MethodName: land.MethodName(land.SupplyMethodOf(a.Method)), AnnouncedOn: a.AnnouncedOn,
		RegistrationStart: a.RegistrationStart, RegistrationEnd: a.RegistrationEnd, BiddingStart: a.BiddingStart,
		BiddingEnd: a.BiddingEnd, Lots: make([]PublicLot, len(a.Lots))}
	for i, l := range a.Lots {
		p.Lots[i] = PublicLot{Number: l.Number, Location: l.Location, AreaHa: l.AreaHa, LandUseOriginal: l.LandUseOriginal,
			LandUseCode: l.LandUseCode, LandUseName: land.LandUseName(l.LandUseCode), TermYears: l.TermYears,
			PlotRatioMin: l.PlotRatioMin, PlotRatioMax: l.PlotRatioMax, BuildingDensityMax: l.BuildingDensityMax,
			GreenRatioMin: l.GreenRatioMin, StartingPriceWan: l.StartingPriceWan, BidStepWan: l.BidStepWan, DepositWan: l.DepositWan}
		if d := l.Deal; d != nil && d.ReviewStatus == land.ReviewApproved {
			p.Lots[i].Deal = &PublicDeal{ID: d.ID, AnnouncementID: a.ID, AnnouncementNumber: a.Number, LotNumber: l.Number,
				RegionCode: a.RegionCode, Location: l.Location, AreaHa: l.AreaHa, LandUseName: p.Lots[i].LandUseName,
				Method: a.Method, MethodName: p.MethodName, Winner: d.Winner, PriceWan: d.PriceWan, DealOn: d.DealOn,
				PublicityStart: d.PublicityStart, PublicityEnd: d.PublicityEnd}
		}
	}
	return p
}

func scanPublicDeal(row pgx.Row) (*PublicDeal, error) {
	var d PublicDeal
	var landUse string
	var on, ps, pe pgtype.Date
	err := row.Scan(&d.ID, &d.AnnouncementID, &d.AnnouncementNumber, &d.LotNumber, &d.RegionCode, &d.Location, &d.AreaHa,
		&landUse, &d.Method, &d.Winner, &d.PriceWan, &on, &ps, &pe)
	if err != nil {
		return nil, err
	}
	d.DealOn, d.PublicityStart, d.PublicityEnd = dateOf(on), dateOf(ps), dateOf(pe)
	d.LandUseName, d.MethodName = land.LandUseName(landUse), land.MethodName(land.SupplyMethodOf(d.Method))
	return &d, nil
}

const (
	publicDealSelect = `d.id, d.announcement_id, a.number, l.number, d.region_code, l.location, l.area_ha, l.land_use_code,
	a.method, d.winner, d.price_wan, d.deal_on, d.publicity_start, d.publicity_end`
	// Read over the published copies: a deal is published once it and its
	// announcement have been approved.
	qCountPublicDeals = `SELECT count(*)` + dealFrom + dealFilter
	qListPublicDeals  = `SELECT ` + publicDealSelect + dealFrom + dealFilter + ` AND d.id > $8 ORDER BY d.id LIMIT $9`
	qPublicDealByID   = `SELECT ` + publicDealSelect + dealFrom + ` WHERE d.id = $1`
)
