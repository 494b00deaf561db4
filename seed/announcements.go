package seed

import (
	"cmp"
	"fmt"
	"math"
	"slices"

	"github.com/paulmach/orb"

	"landwatch/land"
	"landwatch/spatial"
)

// soldAnnouncements is how many announcements of the demo city became
// supplies, and maxLots how many lots one offers at the most.
const (
	soldAnnouncements = 3
	maxLots           = 3
)

// announcements makes the demo city's transfer announcements (出让公告):
// the latest supplies sold by tender, auction or listing, grouped by
// method and month of contract, each group one announcement whose lots are
// its supplies (their area, use, terms and parcels), with the deal of each
// lot (the supply's holder and price) and the supply naming its lot; and
// one announcement of these days whose lot, beyond the town's north-east
// corner and clear of every supply and reserve, is not sold yet. It sets
// the supplies' Lot.
func announcements(o Options, supplies []land.Supply) ([]land.Announcement, []land.Deal) {
	var sold []int
	for i, s := range supplies {
		if (s.Method == land.MethodTender || s.Method == land.MethodAuction || s.Method == land.MethodListing) &&
			s.PriceWan != nil && *s.PriceWan > 0 && s.Holder != "" && !s.ContractDate.IsZero() &&
			s.ContractDate.Time().Year() >= 2010 && len(s.Parcels) > 0 {
			sold = append(sold, i)
		}
	}
	slices.SortStableFunc(sold, func(a, b int) int {
		return cmp.Compare(supplies[b].ContractDate.String(), supplies[a].ContractDate.String())
	})
	type group struct {
		method, month string
		members       []int
	}
	var groups []group
	for _, i := range sold {
		s := &supplies[i]
		month := s.ContractDate.String()[:7]
		at := slices.IndexFunc(groups, func(g group) bool { return g.method == s.Method && g.month == month })
		switch {
		case at >= 0 && len(groups[at].members) < maxLots:
			groups[at].members = append(groups[at].members, i)
		case at < 0 && len(groups) < soldAnnouncements:
			groups = append(groups, group{method: s.Method, month: month, members: []int{i}})
		}
	}
	var (
		out   []land.Announcement
		deals []land.Deal
	)
	for n, g := range groups {
		a, ds := soldAnnouncement(o, supplies, g.members, n+1)
		out, deals = append(out, a), append(deals, ds...)
	}
	if a, ok := unsoldAnnouncement(o, supplies, len(groups)+1); ok {
		out = append(out, a)
	}
	return out, deals
}

// announcementNumber is the n-th announcement number of the year.
func announcementNumber(year, n int) string {
	return fmt.Sprintf("某自然资告字〔%d〕%d号", year, n)
}

// soldAnnouncement is the announcement of the supplies at members: dated
// so that the deal falls five days before the earliest contract, bidding
// (ten days of listing; a day of auction or tender) 21 days after the
// announcement.
func soldAnnouncement(o Options, supplies []land.Supply, members []int, n int) (land.Announcement, []land.Deal) {
	first := supplies[members[0]].ContractDate
	for _, i := range members {
		if supplies[i].ContractDate.Before(first) {
			first = supplies[i].ContractDate
		}
	}
	dealOn := first.AddDays(-5)
	sale := map[string]string{land.MethodTender: land.SaleTender, land.MethodAuction: land.SaleAuction, land.MethodListing: land.SaleListing}[supplies[members[0]].Method]
	bidStart := dealOn
	if sale == land.SaleListing {
		bidStart = dealOn.AddDays(-10)
	}
	announced := bidStart.AddDays(-21)
	a := land.Announcement{Number: announcementNumber(announced.Time().Year(), n), RegionCode: o.RegionCode,
		Authority: "县自然资源和规划局", Method: sale, AnnouncedOn: announced,
		RegistrationStart: announced.AddDays(1), RegistrationEnd: dealOn.AddDays(-2), BiddingStart: bidStart, BiddingEnd: dealOn}
	var deals []land.Deal
	for k, i := range members {
		s := &supplies[i]
		number := fmt.Sprintf("%s-%d-%02d", o.RegionCode, announced.Time().Year()%100*100+n, k+1)
		start := math.Round(*s.PriceWan*0.8*100) / 100
		step, deposit := math.Max(1, math.Round(start/100)), math.Round(start*0.2*100)/100
		lot := land.Lot{Number: number, Location: s.Location, AreaHa: s.AreaHa, LandUseOriginal: s.LandUseOriginal,
			LandUseCode: s.LandUseCode, TermYears: s.TermYears, PlotRatioMin: s.PlotRatioMin, PlotRatioMax: s.PlotRatioMax,
			StartingPriceWan: &start, BidStepWan: &step, DepositWan: &deposit}
		for _, p := range s.Parcels {
			c := p
			c.ID, c.SupplyID, c.Geometry = 0, 0, cloneMultiPolygon(p.Geometry)
			lot.Parcels = append(lot.Parcels, c)
		}
		a.Lots = append(a.Lots, lot)
		deals = append(deals, land.Deal{AnnouncementNumber: a.Number, RegionCode: o.RegionCode, LotNumber: number,
			Winner: s.Holder, PriceWan: *s.PriceWan, DealOn: dealOn, PublicityStart: dealOn.AddDays(1), PublicityEnd: dealOn.AddDays(10)})
		s.Lot = &land.LotRef{AnnouncementNumber: a.Number, LotNumber: number}
	}
	return a, deals
}

// unsoldGap is how far (m) the unsold lot lies beyond the town's
// north-east corner: clear of the supplies, and of the reserves, which lie
// beyond the middle of each edge.
const unsoldGap = 120.0

// unsoldAnnouncement is a listing announced ten days before the
// generation day, bidding opening 21 days after it: its one lot is not
// sold.
func unsoldAnnouncement(o Options, supplies []land.Supply, n int) (land.Announcement, bool) {
	cm := spatial.Zone3Of(o.CenterLon).CentralMeridian()
	_, _, n1, e1, ok := planeExtent(cm, supplies)
	if !ok {
		return land.Announcement{}, false
	}
	sw := planePt{e1 + unsoldGap, n1 + unsoldGap}
	ring := []planePt{sw, {sw[0] + 160, sw[1]}, {sw[0] + 160, sw[1] + 120}, {sw[0], sw[1] + 120}}
	parcel := newParcel(orb.MultiPolygon{{geoRing(cm, ring)}})
	announced := o.Today.AddDays(-10)
	number := fmt.Sprintf("%s-%d-01", o.RegionCode, announced.Time().Year()%100*100+n)
	parcel.Number, parcel.Name, parcel.LandUse = number, "城东北新区", "0701"
	start, step, deposit, term := 5600.0, 50.0, 1120.0, 70
	lo, hi, density, green := 1.0, 2.2, 25.0, 35.0
	return land.Announcement{Number: announcementNumber(announced.Time().Year(), n), RegionCode: o.RegionCode,
		Authority: "县自然资源和规划局", Method: land.SaleListing, AnnouncedOn: announced,
		RegistrationStart: announced.AddDays(1), RegistrationEnd: announced.AddDays(29), BiddingStart: announced.AddDays(21),
		BiddingEnd: announced.AddDays(31),
		Lots: []land.Lot{{Number: number, Location: "城东北新区", AreaHa: math.Round(parcel.PlaneAreaM2/100) / 100,
			LandUseOriginal: "0701", TermYears: &term, PlotRatioMin: &lo, PlotRatioMax: &hi, BuildingDensityMax: &density,
			GreenRatioMin: &green, StartingPriceWan: &start, BidStepWan: &step, DepositWan: &deposit,
			Parcels: []land.Parcel{parcel}}}}, true
}
