package land

import (
	"math"
	"slices"
	"testing"
	"time"
)

func validReserve() Reserve {
	c := 1200.0
	return Reserve{Number: "CB130626-2026-001", RegionCode: "130626", Location: "定兴县城东", AreaHa: 3.2,
		Acquisition: "收购", FormerHolder: "定兴县机械厂", FormerUse: "工业", CompensationWan: &c,
		TakenOn: NewDate(2026, 2, 10), PlannedUseOriginal: "0701"}
}

func TestReserveNormalize(t *testing.T) {
	t.Parallel()
	today := NewDate(2026, 3, 1)
	neg := -1.0
	inf := math.Inf(1)
	tests := []struct {
		name   string
		change func(*Reserve)
		fields []string // the fields refused; none when valid
	}{
		{"a complete reserve is accepted", func(*Reserve) {}, nil},
		{"the acquisition may be written in English", func(r *Reserve) { r.Acquisition = "requisition" }, nil},
		{"a reserve without a planned use yet is accepted", func(r *Reserve) { r.PlannedUseOriginal = "" }, nil},
		{"a reserve needs its number", func(r *Reserve) { r.Number = "  " }, []string{"number"}},
		{"a region must be a 6-digit code", func(r *Reserve) { r.RegionCode = "1306" }, []string{"region_code"}},
		{"the area is required", func(r *Reserve) { r.AreaHa = 0 }, []string{"area_ha"}},
		{"an area of 10000 ha or more is refused", func(r *Reserve) { r.AreaHa = 20000 }, []string{"area_ha"}},
		{"an unknown acquisition is refused", func(r *Reserve) { r.Acquisition = "捐赠" }, []string{"acquisition"}},
		{"the day taken in is required", func(r *Reserve) { r.TakenOn = Date{} }, []string{"taken_on"}},
		{"land cannot be taken in after today", func(r *Reserve) { r.TakenOn = NewDate(2026, 3, 2) }, []string{"taken_on"}},
		{"a negative compensation is refused", func(r *Reserve) { r.CompensationWan = &neg }, []string{"compensation_wan"}},
		{"an infinite compensation is refused", func(r *Reserve) { r.CompensationWan = &inf }, []string{"compensation_wan"}},
		{"an unknown planned use is refused", func(r *Reserve) { r.PlannedUseOriginal = "月球用地" }, []string{"planned_use_original"}},
		{"every problem is named at once", func(r *Reserve) { r.Number, r.AreaHa, r.Acquisition = "", -1, "" },
			[]string{"number", "area_ha", "acquisition"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := validReserve()
			tt.change(&r)
			_, err := r.Normalize(nil, today)
			got := refusedFields(err)
			want := slices.Clone(tt.fields)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Fatalf("refused %v, want %v (%v)", got, want, err)
			}
		})
	}
}

func TestReserveNormalizeFillsWhatIsDerived(t *testing.T) {
	t.Parallel()
	r := validReserve()
	r.PlannedUseOriginal = "071" // the pre-2017 list
	if _, err := r.Normalize(nil, NewDate(2026, 3, 1)); err != nil {
		t.Fatal(err)
	}
	if r.Acquisition != AcquisitionPurchase || r.PlannedUseCode != "0701" {
		t.Fatalf("acquisition %q, planned use %q: want purchase and 0701", r.Acquisition, r.PlannedUseCode)
	}
	again := r
	if _, err := again.Normalize(nil, NewDate(2026, 3, 1)); err != nil || again.PlannedUseCode != r.PlannedUseCode || again.Acquisition != r.Acquisition {
		t.Fatalf("normalising again changed the reserve: %+v, %v", again, err)
	}
}

func TestReserveSetLagMeasuresFromTheDayTakenIn(t *testing.T) {
	t.Parallel()
	r := validReserve()
	var from Date
	r.SetLag(func(d Date, _ time.Time) (int, bool) { from = d; return 9, true }, time.Now())
	if from != r.TakenOn || r.LagWorkdays == nil || *r.LagWorkdays != 9 || !r.Late {
		t.Fatalf("lag from %s: %v %v", from, r.LagWorkdays, r.Late)
	}
}
