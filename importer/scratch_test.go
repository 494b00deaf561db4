package importer

import (
	"os"
	"testing"
)

func TestScratch(t *testing.T) {
	f, _ := os.Open("testdata/landchina/supply_results_2018-12.csv")
	b := ParseSupplyCSV("x.csv", f)
	t.Logf("csv: %d supplies, %d rej, %d warn", len(b.Supplies), len(b.Rejected), len(b.Warnings))
	for _, r := range b.Rejected { t.Log(r) }
	f2, _ := os.Open("testdata/landchina/supply_results_2018-12.json")
	b2 := ParseSupplyJSON("x.json", f2)
	t.Logf("json: %d supplies, %d rej, %d warn", len(b2.Supplies), len(b2.Rejected), len(b2.Warnings))
	for _, r := range b2.Rejected { t.Log(r) }
	t.Logf("%+v %+v", b.Supplies[0], b2.Supplies[0])
	t.Logf("%d %d %d", b2.Supplies[1].Line, b2.Supplies[2].Line, b.Supplies[202].Line)
}

func TestScratch2(t *testing.T) {
	f, _ := os.Open("testdata/landchina/supply_results_2018-12.csv")
	b := ParseSupplyCSV("x.csv", f)
	for _, w := range b.Warnings { if w.Field != "source_text" {t.Log(w)} }
}

func TestScratch3(t *testing.T) {
	f, _ := os.Open("testdata/parcels/paris18e_relocated_zone39.txt")
	b := ParseCoordinateFile("p.txt", f)
	t.Logf("parcels %d rej %d warn %d", len(b.Parcels), len(b.Rejected), len(b.Warnings))
	for i, r := range b.Rejected { if i < 10 {t.Log(r)} }
	for i, r := range b.Warnings { if i < 10 {t.Log(r)} }
	t.Logf("%+v", b.Parcels[0])
}
