package land

import (
	"slices"
	"strings"
	"testing"
)

func validAnnouncement() Announcement {
	p, step, dep := 3200.0, 50.0, 640.0
	lo, hi, dens, green := 1.0, 2.5, 30.0, 35.0
	term := 70
	return Announcement{Number: "定自然资告字〔2026〕1号", RegionCode: "130626", Authority: "定兴县自然资源和规划局",
		Method: "挂牌", AnnouncedOn: NewDate(2026, 2, 2), RegistrationStart: NewDate(2026, 2, 22),
		RegistrationEnd: NewDate(2026, 3, 2), BiddingStart: NewDate(2026, 2, 22), BiddingEnd: NewDate(2026, 3, 4),
		Lots: []Lot{{Number: "DX2026-01", Location: "定兴县城东", AreaHa: 2.1, LandUseOriginal: "城镇住宅用地", TermYears: &term,
			PlotRatioMin: &lo, PlotRatioMax: &hi, BuildingDensityMax: &dens, GreenRatioMin: &green,
			StartingPriceWan: &p, BidStepWan: &step, DepositWan: &dep}}}
}

// fieldsOf lists the fields an error names, sorted.
func fieldsOf(err error) []string {
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

func TestAnnouncementNormalize(t *testing.T) {
	t.Parallel()
	today := NewDate(2026, 3, 10)
	neg, over, low := -1.0, 120.0, 0.5
	tests := []struct {
		name   string
		change func(*Announcement)
		fields []string
	}{
		{"a complete announcement is accepted", func(*Announcement) {}, nil},
		{"the method may be the supply method's code", func(a *Announcement) { a.Method = "22" }, nil},
		{"an auction needs no end of bidding", func(a *Announcement) { a.Method, a.BiddingEnd = "拍卖", Date{} }, nil},
		{"the number is required", func(a *Announcement) { a.Number = " " }, []string{"number"}},
		{"an unknown method is refused", func(a *Announcement) { a.Method = "协议" }, []string{"method"}},
		{"the announcement date is required", func(a *Announcement) { a.AnnouncedOn = Date{} }, []string{"announced_on"}},
		{"an announcement cannot be dated after today", func(a *Announcement) {
			a.AnnouncedOn, a.RegistrationStart, a.BiddingStart = NewDate(2026, 3, 11), NewDate(2026, 4, 1), NewDate(2026, 4, 1)
		}, []string{"announced_on"}},
		{"the bidding start is required", func(a *Announcement) { a.BiddingStart = Date{} }, []string{"bidding_start"}},
		{"registration cannot close before it opens", func(a *Announcement) { a.RegistrationEnd = NewDate(2026, 2, 21) }, []string{"registration_end"}},
		{"registration cannot open before the announcement", func(a *Announcement) { a.RegistrationStart = NewDate(2026, 2, 1) }, []string{"registration_start"}},
		{"bidding cannot end before it starts", func(a *Announcement) { a.BiddingEnd = NewDate(2026, 2, 21) }, []string{"bidding_end"}},
		{"bidding cannot end before registration closes", func(a *Announcement) { a.BiddingEnd = NewDate(2026, 3, 1) }, []string{"bidding_end"}},
		{"an announcement offers a lot", func(a *Announcement) { a.Lots = nil }, []string{"lots"}},
		{"a lot needs its number", func(a *Announcement) { a.Lots[0].Number = "" }, []string{"lots[0].number"}},
		{"a lot number is not offered twice", func(a *Announcement) { a.Lots = append(a.Lots, a.Lots[0]) }, []string{"lots[1].number"}},
		{"a lot needs its area", func(a *Announcement) { a.Lots[0].AreaHa = 0 }, []string{"lots[0].area_ha"}},
		{"a lot's land use must be known", func(a *Announcement) { a.Lots[0].LandUseOriginal = "月球用地" }, []string{"lots[0].land_use_original"}},
		{"a plot ratio range is ordered", func(a *Announcement) { a.Lots[0].PlotRatioMax = &low }, []string{"lots[0].plot_ratio_max"}},
		{"a building density is a percentage", func(a *Announcement) { a.Lots[0].BuildingDensityMax = &over }, []string{"lots[0].building_density_max"}},
		{"a green ratio is a percentage", func(a *Announcement) { a.Lots[0].GreenRatioMin = &neg }, []string{"lots[0].green_ratio_min"}},
		{"a starting price is not negative", func(a *Announcement) { a.Lots[0].StartingPriceWan = &neg }, []string{"lots[0].starting_price_wan"}},
		{"a deposit is not negative", func(a *Announcement) { a.Lots[0].DepositWan = &neg }, []string{"lots[0].deposit_wan"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := validAnnouncement()
			tt.change(&a)
			_, err := a.Normalize(nil, today)
			if got, want := fieldsOf(err), slices.Sorted(slices.Values(tt.fields)); !slices.Equal(got, want) {
				t.Fatalf("refused %v, want %v (%v)", got, want, err)
			}
		})
	}
}

func TestShortNoticeIsAcceptedWithAWarning(t *testing.T) {
	t.Parallel()
	a := validAnnouncement()
	a.RegistrationStart, a.BiddingStart = NewDate(2026, 2, 21), NewDate(2026, 2, 21) // 19 days
	w, err := a.Normalize(nil, NewDate(2026, 3, 10))
	if err != nil {
		t.Fatal(err)
	}
	if len(w) != 1 || !strings.HasPrefix(w[0], "bidding_start:") {
		t.Fatalf("warnings %q, want one on bidding_start", w)
	}
	a = validAnnouncement() // 20 days exactly
	if w, _ := a.Normalize(nil, NewDate(2026, 3, 10)); len(w) != 0 {
		t.Fatalf("a notice of 20 days is warned about: %q", w)
	}
	if a.Method != SaleListing || a.Lots[0].LandUseCode != "0701" {
		t.Fatalf("method %q, land use %q: not normalized", a.Method, a.Lots[0].LandUseCode)
	}
}

func TestDealNormalize(t *testing.T) {
	t.Parallel()
	a := validAnnouncement()
	today := NewDate(2026, 3, 10)
	tests := []struct {
		name   string
		change func(*Deal)
		fields []string
	}{
		{"a complete deal is accepted", func(*Deal) {}, nil},
		{"the winner is required", func(d *Deal) { d.Winner = "" }, []string{"winner"}},
		{"the price must be above 0", func(d *Deal) { d.PriceWan = 0 }, []string{"price_wan"}},
		{"the deal date is required", func(d *Deal) { d.DealOn = Date{} }, []string{"deal_on"}},
		{"a deal before the bidding started is refused", func(d *Deal) { d.DealOn, d.PublicityStart = NewDate(2026, 2, 21), Date{} }, []string{"deal_on"}},
		{"a deal cannot be in the future", func(d *Deal) { d.DealOn, d.PublicityStart, d.PublicityEnd = NewDate(2026, 3, 11), Date{}, Date{} }, []string{"deal_on"}},
		{"the publicity window is ordered", func(d *Deal) { d.PublicityEnd = NewDate(2026, 3, 4) }, []string{"publicity_end"}},
		{"publicity does not open before the deal", func(d *Deal) { d.PublicityStart = NewDate(2026, 3, 3) }, []string{"publicity_start"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := Deal{Winner: "保定某置业有限公司", PriceWan: 4100, DealOn: NewDate(2026, 3, 4),
				PublicityStart: NewDate(2026, 3, 5), PublicityEnd: NewDate(2026, 3, 14)}
			tt.change(&d)
			if got, want := fieldsOf(d.Normalize(&a, today)), slices.Sorted(slices.Values(tt.fields)); !slices.Equal(got, want) {
				t.Fatalf("refused %v, want %v", got, want)
			}
		})
	}
}
