package land

import (
	"math"
	"slices"
	"strings"
	"testing"
	"time"
)

// validSupply returns a supply that Normalize accepts without warnings.
func validSupply() Supply {
	return Supply{
		ENumber:          "1306262018B00730",
		Method:           "挂牌出让",
		ProjectName:      "河北康城房地产开发有限公司",
		AreaHa:           5.292804,
		LandUseOriginal:  "其他普通商品住房用地",
		PriceWan:         ptr(10484.0),
		PlotRatioMin:     ptr(1.0),
		PlotRatioMax:     ptr(2.0),
		AgreedDelivery:   NewDate(2018, time.December, 31),
		AgreedStart:      NewDate(2019, time.December, 21),
		AgreedCompletion: NewDate(2022, time.December, 21),
		ContractDate:     NewDate(2018, time.December, 31),
		Installments:     []Installment{{Period: 1, DueOn: NewDate(2019, time.January, 30), AmountWan: 10484}},
	}
}

func ptr[T any](v T) *T { return &v }

func TestNormalizeFillsDerivedFields(t *testing.T) {
	regions := loadTestRegions(t)
	s := validSupply()
	s.ENumber = " 1306262018B00730 "
	w, err := s.Normalize(regions)
	if err != nil {
		t.Fatalf("Normalize: %v", err)
	}
	if len(w) != 0 {
		t.Errorf("warnings = %q, want none", w)
	}
	checks := []struct{ name, got, want string }{
		{"the e-supervision number is trimmed", s.ENumber, "1306262018B00730"},
		{"the method name becomes its code", s.Method, "23"},
		{"the kind comes from the method", string(s.Kind), string(KindTransfer)},
		{"the land use code is mapped from the original", s.LandUseCode, "0701"},
		{"the original land use is kept", s.LandUseOriginal, "其他普通商品住房用地"},
		{"the region comes from the e-supervision number", s.RegionCode, "130626"},
		{"the district's name from the division table", s.DistrictName, "定兴县"},
	}
	for _, c := range checks {
		t.Run(c.name, func(t *testing.T) {
			if c.got != c.want {
				t.Errorf("got %q, want %q", c.got, c.want)
			}
		})
	}
	t.Run("normalizing again changes nothing", func(t *testing.T) {
		before := s
		if _, err := s.Normalize(regions); err != nil {
			t.Fatal(err)
		}
		if s.ENumber != before.ENumber || s.Method != before.Method || s.LandUseCode != before.LandUseCode || s.LandUseOriginal != before.LandUseOriginal || s.RegionCode != before.RegionCode {
			t.Errorf("second Normalize changed %+v to %+v", before, s)
		}
	})
}

func TestNormalizeRejects(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(*Supply)
		field string
	}{
		{"a missing e-supervision number", func(s *Supply) { s.ENumber = "" }, "e_number"},
		{"a malformed e-supervision number", func(s *Supply) { s.ENumber = "1306262018B0073" }, "e_number"},
		{"a missing method", func(s *Supply) { s.Method = "" }, "method"},
		{"an unknown method", func(s *Supply) { s.Method = "赠与" }, "method"},
		{"neither a project name nor a holder", func(s *Supply) { s.ProjectName = " " }, "project_name"},
		{"no land use at all", func(s *Supply) { s.LandUseOriginal = "" }, "land_use_original"},
		{"an unknown original land use", func(s *Supply) { s.LandUseOriginal = "综合" }, "land_use_original"},
		{"an unknown land use code", func(s *Supply) { s.LandUseCode = "9999" }, "land_use_code"},
		{"no area", func(s *Supply) { s.AreaHa = 0 }, "area_ha"},
		{"a negative area", func(s *Supply) { s.AreaHa = -1 }, "area_ha"},
		{"an area of 10000 hectares", func(s *Supply) { s.AreaHa = 10000 }, "area_ha"},
		{"an area that is not a number", func(s *Supply) { s.AreaHa = math.NaN() }, "area_ha"},
		{"a region code that differs from the e-supervision number", func(s *Supply) { s.RegionCode = "130600" }, "region_code"},
		{"an e-supervision number in no known province", func(s *Supply) { s.ENumber = "9906262018B00730" }, "e_number"},
		{"a year two years before the contract", func(s *Supply) { s.ContractDate = NewDate(2020, time.March, 1) }, "e_number"},
		{"a year two years after the contract", func(s *Supply) { s.ENumber = "1306262020B00730" }, "e_number"},
		{"a split record whose year is later than the contract", func(s *Supply) { s.ENumber = "1306262021B00730-1" }, "e_number"},
		{"a negative price", func(s *Supply) { s.PriceWan = ptr(-1.0) }, "price_wan"},
		{"a price that is not a number", func(s *Supply) { s.PriceWan = ptr(math.NaN()) }, "price_wan"},
		{"a negative existing construction area", func(s *Supply) { s.ExistingConstructionHa = ptr(-0.5) }, "existing_construction_ha"},
		{"a negative plot ratio minimum", func(s *Supply) { s.PlotRatioMin = ptr(-0.1) }, "plot_ratio_min"},
		{"a plot ratio maximum above 30", func(s *Supply) { s.PlotRatioMax = ptr(31.0) }, "plot_ratio_max"},
		{"a plot ratio minimum above the maximum", func(s *Supply) { s.PlotRatioMin, s.PlotRatioMax = ptr(3.0), ptr(2.0) }, "plot_ratio_max"},
		{"an agreed start before delivery", func(s *Supply) { s.AgreedStart = NewDate(2018, time.December, 1) }, "agreed_start"},
		{"an agreed completion before the start", func(s *Supply) { s.AgreedCompletion = NewDate(2019, time.June, 1) }, "agreed_completion"},
		{"an agreed completion before delivery with no start", func(s *Supply) {
			s.AgreedStart = Date{}
			s.AgreedCompletion = NewDate(2018, time.June, 1)
		}, "agreed_completion"},
		{"an installment period of zero", func(s *Supply) { s.Installments[0].Period = 0 }, "installments[0].period"},
		{"an installment period listed twice", func(s *Supply) {
			s.Installments = append(s.Installments, Installment{Period: 1, AmountWan: 1})
		}, "installments[1].period"},
		{"a negative installment amount", func(s *Supply) { s.Installments[0].AmountWan = -5 }, "installments[0].amount_wan"},
		{"the placeholder 1900-01-01 as the contract date", func(s *Supply) {
			s.ContractDate, s.ENumber = NewDate(1900, 1, 1), "1306262018B00730"
		}, "contract_date"},
		{"the placeholder 1901-01-02 as the agreed start", func(s *Supply) { s.AgreedStart = NewDate(1901, 1, 2) }, "agreed_start"},
		{"an agreed delivery decades before the contract", func(s *Supply) { s.AgreedDelivery = NewDate(1985, 1, 1) }, "agreed_delivery"},
		{"an installment due in 1900", func(s *Supply) { s.Installments[0].DueOn = NewDate(1900, 1, 1) }, "installments[0].due_on"},
	}
	regions := loadTestRegions(t)
	for _, tt := range tests {
		t.Run(tt.name+" is invalid "+tt.field, func(t *testing.T) {
			s := validSupply()
			tt.edit(&s)
			_, err := s.Normalize(regions)
			named := slices.ContainsFunc(FieldErrors(err), func(f FieldError) bool { return f.Field == tt.field })
			if ErrorCode(err) != CodeInvalid || !named {
				t.Fatalf("Normalize error = %v, want invalid %s", err, tt.field)
			}
		})
	}
}

func TestNormalizeWarns(t *testing.T) {
	tests := []struct {
		name   string
		edit   func(*Supply)
		fields []string // the fields the warnings name, in order
	}{
		{"a year one after the contract", func(s *Supply) { s.ENumber = "1306262019B00730" }, []string{"e_number"}},
		{"a split record keeping an older year", func(s *Supply) { s.ENumber = "1306262016B00730-1" }, []string{"e_number"}},
		{"type letter A on a transfer", func(s *Supply) { s.ENumber = "1306262018A00730" }, []string{"e_number"}},
		{"type letter B on an allocation", func(s *Supply) { s.Method = "划拨" }, []string{"e_number"}},
		{"a merged county still in the number", func(s *Supply) { s.ENumber = "3204822018B00001" }, []string{"region_code"}},
		{"a code of the 兵团 that GB/T 2260 lacks", func(s *Supply) { s.ENumber = "6601012018B00001" }, []string{"region_code"}},
		{"a city of the 兵团 under Xinjiang", func(s *Supply) { s.ENumber = "6590012018B00001" }, nil},
		{"a plot ratio maximum of 0 beside a minimum", func(s *Supply) { s.PlotRatioMax = ptr(0.0) }, []string{"plot_ratio_max"}},
		{"a legacy code given as the land use code", func(s *Supply) {
			s.LandUseOriginal, s.LandUseCode = "", "073"
		}, []string{"land_use_code"}},
		{"an original land use of another class than the code", func(s *Supply) { s.LandUseCode = "0601" }, []string{"land_use_original"}},
		{"an existing construction area larger than the whole", func(s *Supply) { s.ExistingConstructionHa = ptr(6.0) }, []string{"existing_construction_ha"}},
		{"an area of more than 1,000 hectares", func(s *Supply) { s.AreaHa = 1500 }, []string{"area_ha"}},
		{"an area equal to the parcels' area in m²", func(s *Supply) {
			s.AreaHa, s.Parcels = 5292.8, []Parcel{{PlaneAreaM2: 3000}, {PlaneAreaM2: 2292.8}}
		}, []string{"area_ha"}},
		{"an area in hectares beside its parcels", func(s *Supply) { s.Parcels = []Parcel{{PlaneAreaM2: 52928.04}} }, nil},
		{"a lease with type letter B", func(s *Supply) { s.Method = "租赁" }, nil},
		{"a region code equal to the number's county", func(s *Supply) { s.RegionCode = "130626" }, nil},
		{"a holder instead of a project name", func(s *Supply) { s.ProjectName, s.Holder = "", "某公司" }, nil},
		{"no contract date to check the year against, nor the deadline of the entry", func(s *Supply) { s.ContractDate, s.ENumber = Date{}, "1306262010B00730" }, []string{"contract_date"}},
	}
	regions := loadTestRegions(t)
	for _, tt := range tests {
		t.Run(tt.name+" is accepted with warnings on "+strings.Join(tt.fields, ", "), func(t *testing.T) {
			s := validSupply()
			tt.edit(&s)
			w, err := s.Normalize(regions)
			if err != nil {
				t.Fatalf("Normalize: %v", err)
			}
			var fields []string
			for _, x := range w {
				f, _, _ := strings.Cut(x, ": ")
				fields = append(fields, f)
			}
			if !slices.Equal(fields, tt.fields) {
				t.Fatalf("warnings %q name %q, want %q", w, fields, tt.fields)
			}
		})
	}
}

func TestNormalizeWithoutRegions(t *testing.T) {
	t.Run("a nil table skips the region check", func(t *testing.T) {
		s := validSupply()
		s.ENumber = "9906262018B00730"
		w, err := s.Normalize(nil)
		if err != nil || len(w) != 0 || s.RegionCode != "990626" {
			t.Fatalf("Normalize(nil) = %q, %v; region %q", w, err, s.RegionCode)
		}
	})
	t.Run("a given legacy land use code is mapped and kept as the original", func(t *testing.T) {
		s := validSupply()
		s.LandUseOriginal, s.LandUseCode = "", "061"
		if _, err := s.Normalize(nil); err != nil {
			t.Fatal(err)
		}
		if s.LandUseCode != "0601" || s.LandUseOriginal != "061" {
			t.Errorf("land use = %q from %q, want 0601 from 061", s.LandUseCode, s.LandUseOriginal)
		}
	})
}

func TestNormalizeKeepsTheRecordOnError(t *testing.T) {
	s := validSupply()
	s.Method = "赠与"
	if _, err := s.Normalize(nil); ErrorField(err) != "method" {
		t.Fatalf("Normalize error = %v, want invalid method", err)
	}
	t.Run("a refused method is left as written", func(t *testing.T) {
		if s.Method != "赠与" {
			t.Errorf("method = %q, want it as written", s.Method)
		}
	})
}

func TestNormalizeNamesEveryInvalidField(t *testing.T) {
	cases := []struct {
		name   string
		change func(*Supply)
		fields []string
	}{
		{"one bad field is the error itself", func(s *Supply) { s.AreaHa = -1 }, []string{"area_ha"}},
		{"a bad number, a missing name and a bad area are named together", func(s *Supply) {
			s.ENumber, s.ProjectName, s.AreaHa = "13062620", "", -1
		}, []string{"e_number", "project_name", "area_ha"}},
		{"both plot ratios out of range are both named", func(s *Supply) {
			s.PlotRatioMin, s.PlotRatioMax = ptr(-1.0), ptr(31.0)
		}, []string{"plot_ratio_min", "plot_ratio_max"}},
		{"a completion before both earlier dates is named once", func(s *Supply) {
			s.AgreedCompletion = NewDate(2018, time.January, 1)
		}, []string{"agreed_completion"}},
		{"a start before delivery and a completion before the start are both named", func(s *Supply) {
			s.AgreedStart, s.AgreedCompletion = NewDate(2018, time.June, 1), NewDate(2018, time.December, 1)
		}, []string{"agreed_start", "agreed_completion"}},
		{"every bad installment is named", func(s *Supply) {
			s.Installments = []Installment{{Period: 0, AmountWan: -1}, {Period: 2, AmountWan: 1}, {Period: 2, AmountWan: 1}}
		}, []string{"installments[0].period", "installments[0].amount_wan", "installments[2].period"}},
		{"a bad method and a bad land use are named with a bad price", func(s *Supply) {
			s.Method, s.LandUseOriginal, s.PriceWan = "送", "月球用地", ptr(-5.0)
		}, []string{"method", "land_use_original", "price_wan"}},
	}
	regions := loadTestRegions(t)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := validSupply()
			c.change(&s)
			_, err := s.Normalize(regions)
			if ErrorCode(err) != CodeInvalid {
				t.Fatalf("error %v, want invalid", err)
			}
			var got []string
			for _, f := range FieldErrors(err) {
				if f.Reason == "" {
					t.Errorf("%s has no reason", f.Field)
				}
				got = append(got, f.Field)
			}
			if !slices.Equal(got, c.fields) {
				t.Errorf("fields %q, want %q (%v)", got, c.fields, err)
			}
			if ErrorField(err) != c.fields[0] {
				t.Errorf("Field %q, want the first, %q", ErrorField(err), c.fields[0])
			}
		})
	}
}

func TestInvalidFieldsAreJoinedIntoOneError(t *testing.T) {
	missing := Errorf(CodeNotFound, "no supply")
	cases := []struct {
		name   string
		errs   []error
		code   Code
		fields []string
	}{
		{"no error is nil", []error{nil, nil}, "", nil},
		{"one error is itself", []error{nil, Invalid("area_ha", "required")}, CodeInvalid, []string{"area_ha"}},
		{"two are listed in order", []error{Invalid("b", "x"), nil, Invalid("a", "y")}, CodeInvalid, []string{"b", "a"}},
		{"joined errors are flattened", []error{JoinInvalid(Invalid("a", "x"), Invalid("b", "y")), Invalid("c", "z")}, CodeInvalid, []string{"a", "b", "c"}},
		{"an error that is not invalid is answered alone", []error{Invalid("a", "x"), missing}, CodeNotFound, nil},
		{"a prefix reaches every field", []error{PrefixField(JoinInvalid(Invalid("a", "x"), Invalid("b", "y")), "events[0]")}, CodeInvalid, []string{"events[0].a", "events[0].b"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := JoinInvalid(c.errs...)
			var got []string
			for _, f := range FieldErrors(err) {
				got = append(got, f.Field)
			}
			if ErrorCode(err) != c.code || !slices.Equal(got, c.fields) {
				t.Errorf("JoinInvalid = %v (%q, %q), want %q %q", err, ErrorCode(err), got, c.code, c.fields)
			}
		})
	}
}
