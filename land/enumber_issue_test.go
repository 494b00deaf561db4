package land

import "testing"

func TestTheDraftNumberOfASupplyWithoutOne(t *testing.T) {
	today := day("2026-12-06")
	for _, tc := range []struct {
		name, region, user, method, contract string
		want                                 string // "" when refused on region_code
	}{
		{"a county's clerk: the county, the contract's year, B for a listing", "", "130626", "23", "2025-12-30", "1306262025B00000"},
		{"an allocation takes A", "", "130626", "1", "2026-03-02", "1306262026A00000"},
		{"a lease takes B", "", "130626", "4", "2026-03-02", "1306262026B00000"},
		{"without a contract date, this year", "", "130626", "23", "", "1306262026B00000"},
		{"a prefecture's clerk chooses a county under it", "130627", "130600", "23", "2026-03-02", "1306272026B00000"},
		{"or the prefecture's own office", "130600", "130600", "23", "2026-03-02", "1306002026B00000"},
		{"a prefecture's clerk who chooses none is asked to", "", "130600", "23", "2026-03-02", ""},
		{"a province is no issuing office", "130000", "130000", "23", "2026-03-02", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := Supply{RegionCode: tc.region, Method: tc.method}
			if tc.contract != "" {
				s.ContractDate = day(tc.contract)
			}
			n, err := s.DraftENumber(tc.user, today)
			switch {
			case tc.want == "" && (err == nil || FieldErrors(err)[0].Field != "region_code"):
				t.Errorf("got %v, %v; want a refusal on region_code", n, err)
			case tc.want != "" && (err != nil || n.String() != tc.want):
				t.Errorf("got %v, %v; want %s", n, err, tc.want)
			}
		})
	}
}
