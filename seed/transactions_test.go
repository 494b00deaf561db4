package seed

import (
	"testing"

	"landwatch/land"
)

// The demo city has transfers, leases and mortgages of its supplies, each
// valid against its supply as the register checks it, among them one
// mortgage on land determined idle and one released mortgage; two runs of
// one seed give the same.
func TestTheCityHasTransactionsAndAMortgageOnIdleLand(t *testing.T) {
	o := smallCity(3000)
	d := generateCity(t, o)
	bySupply := map[string]land.Supply{}
	for _, s := range d.Supplies {
		bySupply[s.ENumber] = s
	}
	kinds := map[string]int{}
	var idle, released int
	for _, tr := range d.Transactions {
		s, ok := bySupply[tr.ENumber]
		if !ok {
			t.Fatalf("%s names no supply of the city", tr.CertificateNo)
		}
		c := tr
		if err := c.Normalize(o.Today, s.AreaHa); err != nil {
			t.Errorf("%s: %v", tr.CertificateNo, err)
		}
		kinds[tr.Kind]++
		if tr.Kind == land.TransactionMortgage && s.Stage == land.StageIdle {
			idle++
		}
		if !tr.ReleasedOn.IsZero() {
			released++
		}
	}
	if kinds[land.TransactionTransfer] < 1 || kinds[land.TransactionLease] < 1 || kinds[land.TransactionMortgage] < 2 || idle != 1 || released != 1 {
		t.Fatalf("kinds %v, %d mortgages on idle land, %d released: want some of each, one on idle land, one released", kinds, idle, released)
	}
	if again := generateCity(t, o).Transactions; len(again) != len(d.Transactions) || again[0].ENumber != d.Transactions[0].ENumber {
		t.Error("the transactions differ between two runs of one seed")
	}
}
