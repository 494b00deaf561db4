package importer

import (
	"strings"
	"testing"
)

// The ownership of supply results is read from 土地所有权性质 (国有/集体)
// or 集体建设用地 (是/否), the owner from 集体经济组织 or 所有权人; a word
// that says no ownership rejects its row on its line naming collective.
func TestSupplyResultsSayWhetherTheLandIsCollective(t *testing.T) {
	for _, c := range []struct{ name, header, yes, no string }{
		{"by ownership", "土地所有权性质,集体经济组织", "集体", "国有"},
		{"by a yes-or-no column", "集体建设用地,所有权人", "是", "否"},
	} {
		t.Run(c.name, func(t *testing.T) {
			csv := "电子监管号,面积(公顷),供地方式,土地用途," + c.header + "\n" +
				"1306262026B00701,1.2,租赁,0601," + c.yes + ",东关村股份经济合作社\n" +
				"1306262026B00702,1.5,挂牌出让,0701," + c.no + ",\n" +
				"1306262026B00703,1.5,挂牌出让,0701,,\n" +
				"1306262026B00704,1.5,挂牌出让,0701,私有,\n"
			b, _, err := ParseWith("集体.csv", strings.NewReader(csv), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if len(b.Supplies) != 3 {
				t.Fatalf("supplies %+v, rejected %+v", b.Supplies, b.Rejected)
			}
			if s := b.Supplies[0].Supply; !s.Collective || s.CollectiveOwner != "东关村股份经济合作社" {
				t.Errorf("line 2: %+v", s)
			}
			for _, r := range b.Supplies[1:] {
				if r.Supply.Collective || r.Supply.CollectiveOwner != "" {
					t.Errorf("line %d is state land: %+v", r.Line, r.Supply)
				}
			}
			if len(b.Rejected) != 1 || b.Rejected[0].Line != 5 || b.Rejected[0].Field != fCollective {
				t.Errorf("rejected %+v: want line 5 on collective", b.Rejected)
			}
		})
	}
}
