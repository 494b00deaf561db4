package seed

import "testing"

// The demo county's plan of the generation year is a valid plan whose
// every class plans more than the year's supplies supplied of it, so that
// its progress is partway (about four fifths where supplies were made),
// and whose housing sub-classes stay within housing.
func TestTheCityHasAPlanOfItsYear(t *testing.T) {
	o := smallCity(3000)
	d := generateCity(t, o)
	p := d.Plan
	if p.RegionCode != o.RegionCode || p.Year != o.Today.Time().Year() || p.PublishedOn.After(o.Today) {
		t.Fatalf("plan %+v", p)
	}
	c := p
	if _, err := c.Normalize(nil, o.Today); err != nil {
		t.Fatal(err)
	}
	supplied := 0.0
	for _, s := range d.Supplies {
		if s.ContractDate.Time().Year() == p.Year {
			supplied += s.AreaHa
		}
	}
	if supplied == 0 || p.Total() < supplied || p.Total() > 1.5*supplied+11 {
		t.Fatalf("planned %.1f ha against %.1f ha supplied in the year", p.Total(), supplied)
	}
	if p.HousingHa <= 1 || p.AffordableHa == 0 || p.SmallUnitsHa == 0 {
		t.Errorf("housing %+v", p.PlanAreas)
	}
	if generateCity(t, o).Plan != p {
		t.Error("the plan differs between two runs of one seed")
	}
}
