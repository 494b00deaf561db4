package seed

import (
	"fmt"
	"math"

	"landwatch/land"
)

// transactionPlans are the demo city's transfers, leases and mortgages
// (转让、出租、抵押): of what kind, on a supply at which stage, between whom,
// how many days before the generation day registered, over what share of
// the supply's area, and for a mortgage whether it was released since.
// The first is a mortgage on land determined idle and not disposed of
// (the idle-land story "idle"), which the register takes with a warning
// and a finding whatever the order of seeding and scanning: the supply's
// stage says so before any scan.
var transactionPlans = []struct {
	kind       string
	stage      land.Stage
	from, to   string
	daysAgo    int
	share      float64
	leaseYears float64
	released   bool
}{
	{land.TransactionMortgage, land.StageIdle, "", "定兴县农村信用合作联社", 20, 1, 0, false},
	{land.TransactionMortgage, land.StageConstruction, "", "中国农业银行定兴县支行", 4, 1, 0, false},
	{land.TransactionMortgage, land.StageAccepted, "", "中国建设银行定兴支行", 400, 1, 0, true},
	{land.TransactionTransfer, land.StageAccepted, "", "保定市某商贸有限公司", 3, 1, 0, false},
	{land.TransactionTransfer, land.StageCompleted, "", "定兴县某物流有限公司", 35, 0.5, 0, false},
	{land.TransactionLease, land.StageAccepted, "", "河北某仓储服务有限公司", 6, 0.4, 10, false},
	{land.TransactionLease, land.StageAccepted, "", "定兴县某农业合作社", 60, 0.25, 5, false},
}

// transactions draws the demo's transactions on its supplies: each plan on
// the next supply at its stage, with a holder and a contract signed at
// least a year before the registration, numbered as the registry numbers
// its certificates (冀(year)定兴县不动产证明第NNNNNNN号).
func transactions(o Options, supplies []land.Supply) []land.Transaction {
	used := map[int]bool{}
	year := o.Today.Time().Year()
	var out []land.Transaction
	for n, pl := range transactionPlans {
		registered := o.Today.AddDays(-pl.daysAgo)
		at := -1
		for i, s := range supplies {
			if !used[i] && s.Stage == pl.stage && s.Holder != "" && s.AreaHa > 0 && s.ContractDate.AddYears(1).Before(registered) {
				at = i
				break
			}
		}
		if at < 0 {
			continue
		}
		used[at] = true
		s := supplies[at]
		area := math.Floor(s.AreaHa*pl.share*10000) / 10000 // never above the supply's
		if area <= 0 {
			area = s.AreaHa
		}
		amount := math.Round(area*180*100) / 100 // 万元: about 180 万元 a hectare when the price is unknown
		if s.PriceWan != nil && *s.PriceWan > 0 {
			amount = math.Round(*s.PriceWan*pl.share*1.2*100) / 100
		}
		if pl.kind == land.TransactionLease {
			amount = math.Round(amount*0.04*100) / 100 // a yearly rent
		}
		t := land.Transaction{
			Kind: pl.kind, ENumber: s.ENumber, RegionCode: s.RegionCode, PartyFrom: s.Holder, PartyTo: pl.to,
			AmountWan: &amount, AreaHa: area, RegisteredOn: registered,
			CertificateNo: fmt.Sprintf("冀(%d)定兴县不动产证明第%07d号", year, 100+n),
		}
		switch pl.kind {
		case land.TransactionLease:
			years := pl.leaseYears
			t.LeaseYears, t.StartsOn, t.EndsOn = &years, registered, registered.AddYears(int(years)).AddDays(-1)
		case land.TransactionMortgage:
			t.StartsOn, t.EndsOn = registered, registered.AddYears(3).AddDays(-1)
			if pl.released {
				t.ReleasedOn = registered.AddDays(300)
			}
		}
		out = append(out, t)
	}
	return out
}
