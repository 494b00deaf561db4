package land

import (
	"math"
	"strconv"
)

// MaxAreaHa bounds a supply's declared area: 10000 hectares (100 km²) is far
// beyond any single grant and catches areas written in m².
const MaxAreaHa = 10000

// MaxPlotRatio bounds an agreed plot ratio (容积率).
const MaxPlotRatio = 30

// PlausibleAreaHa is the declared area above which a supply is warned
// about: a single grant of more than 1,000 hectares (10 km²) is rare enough
// to be a unit mistake.
const PlausibleAreaHa = 1000

// areaAsM2Tolerance is how close (as a share) the declared hectares must
// come to the parcels' area in m² to be read as written in m².
const areaAsM2Tolerance = 0.01

// checkArea requires a declared area above 0 and below MaxAreaHa, and warns
// when it is above PlausibleAreaHa or equals the parcels' plane area in m²
// (the area written in m² under a hectares heading).
func (s *Supply) checkArea(w *warningList) error {
	return checkDeclaredArea(s.AreaHa, s.Parcels, "one supply", w)
}

// checkDeclaredArea checks the declared area of a record with parcels (a
// supply, a reserve): above 0 and below MaxAreaHa, with a warning when it
// looks written in m² or is implausibly large for one record (what).
func checkDeclaredArea(areaHa float64, parcels []Parcel, what string, w *warningList) error {
	if !(areaHa > 0) || !(areaHa < MaxAreaHa) {
		if areaHa == 0 {
			return Invalid("area_ha", "the declared area in hectares is required")
		}
		return Invalid("area_ha", "the area must be above 0 and below %d hectares, not %v", MaxAreaHa, areaHa)
	}
	var m2 float64
	for _, p := range parcels {
		m2 += p.PlaneAreaM2
	}
	switch {
	case m2 > 0 && math.Abs(areaHa-m2) <= areaAsM2Tolerance*m2:
		w.add("area_ha", "%v equals the parcels' area in m² (%.0f m² = %.4f ha): written in m²?", areaHa, m2, m2/1e4)
	case areaHa > PlausibleAreaHa:
		w.add("area_ha", "%v hectares is more than %d hectares for %s: written in m² or another unit?", areaHa, PlausibleAreaHa, what)
	}
	return nil
}

// checkPrices refuses a negative or non-finite price or existing
// construction area, and warns when the existing construction area exceeds
// the whole area.
func (s *Supply) checkPrices(w *warningList) error {
	var errs []error
	if p := s.PriceWan; p != nil && !(*p >= 0 && !math.IsInf(*p, 1)) {
		errs = append(errs, Invalid("price_wan", "the price must be 0 or more (万元), not %v", *p))
	}
	if e := s.ExistingConstructionHa; e != nil {
		if !(*e >= 0 && !math.IsInf(*e, 1)) {
			errs = append(errs, Invalid("existing_construction_ha", "the existing construction land area must be 0 or more hectares, not %v", *e))
		} else if *e > s.AreaHa {
			w.add("existing_construction_ha", "%v ha is more than the whole area of %v ha", *e, s.AreaHa)
		}
	}
	return JoinInvalid(errs...)
}

// MaxTermYears bounds a term of use (土地使用年限) given as a number of
// years: the longest statutory term is 70 years (residential), and a
// number far above it is a date or an amount in the wrong column.
const MaxTermYears = 100

// checkTerm keeps a term of years between 1 and MaxTermYears.
func (s *Supply) checkTerm(*warningList) error {
	if t := s.TermYears; t != nil && (*t < 1 || *t > MaxTermYears) {
		return Invalid("term_years", "a term of use must be 1 to %d years, not %d", MaxTermYears, *t)
	}
	return nil
}

// checkPlotRatios keeps each agreed plot ratio within 0..MaxPlotRatio and
// the minimum at or below the maximum. A maximum of 0 beside a positive
// minimum is how published results write "no maximum": it is kept and
// warned about.
func (s *Supply) checkPlotRatios(w *warningList) error {
	var errs []error
	for _, r := range []struct {
		field string
		v     *float64
	}{{"plot_ratio_min", s.PlotRatioMin}, {"plot_ratio_max", s.PlotRatioMax}} {
		if r.v != nil && !(*r.v >= 0 && *r.v <= MaxPlotRatio) {
			errs = append(errs, Invalid(r.field, "a plot ratio must be between 0 and %d, not %v", MaxPlotRatio, *r.v))
		}
	}
	if len(errs) > 0 {
		return JoinInvalid(errs...)
	}
	if s.PlotRatioMin == nil || s.PlotRatioMax == nil || *s.PlotRatioMin <= *s.PlotRatioMax {
		return nil
	}
	if *s.PlotRatioMax == 0 {
		w.add("plot_ratio_max", "0 beside a minimum of %v is read as no maximum", *s.PlotRatioMin)
		return nil
	}
	return Invalid("plot_ratio_max", "the maximum %v is below the minimum %v", *s.PlotRatioMax, *s.PlotRatioMin)
}

// FirstRecordYear is the first year a land record of the People's Republic
// can carry: earlier dates (1900-01-01, 1901-01-02) are what office software
// writes for "no date".
const FirstRecordYear = 1949

// MaxYearsBeforeContract is how far an agreed date or an instalment may lie
// before the contract date: no grant agrees to deliver or start thirty years
// before it was signed, so such a date is a placeholder or a typing error.
const MaxYearsBeforeContract = 30

// CheckRecordDate refuses a date before FirstRecordYear, or more than
// MaxYearsBeforeContract years before contract (when there is one), naming
// field. Imports read such dates as no date, with a warning, before they
// get here; a date entered by hand is refused so that the clerk corrects it.
func CheckRecordDate(field string, d, contract Date) error {
	switch {
	case d.IsZero():
	case d.Time().Year() < FirstRecordYear:
		return Invalid(field, "%s is before %d, which no land record can carry; leave the date empty when it is not known", d, FirstRecordYear)
	case !contract.IsZero() && d.Before(contract.AddYears(-MaxYearsBeforeContract)):
		return Invalid(field, "%s is more than %d years before the contract date %s", d, MaxYearsBeforeContract, contract)
	}
	return nil
}

// checkAgreedDates keeps every date real (CheckRecordDate) and the agreed
// dates in order, delivery ≤ start ≤ completion, naming the later field
// when two are out of order.
func (s *Supply) checkAgreedDates(*warningList) error {
	errs := checkRecordDates(s.ContractDate, datedField{"contract_date", s.ContractDate}, datedField{"agreed_delivery", s.AgreedDelivery},
		datedField{"agreed_start", s.AgreedStart}, datedField{"agreed_completion", s.AgreedCompletion})
	for i, in := range s.Installments {
		errs = append(errs, checkRecordDates(s.ContractDate, datedField{installmentField(i, "due_on"), in.DueOn})...)
	}
	if len(errs) > 0 {
		return JoinInvalid(errs...)
	}
	errs = checkDateOrder(
		dateOrder{s.AgreedDelivery, s.AgreedStart, "agreed delivery", "agreed_start"},
		dateOrder{s.AgreedStart, s.AgreedCompletion, "agreed start", "agreed_completion"},
		dateOrder{s.AgreedDelivery, s.AgreedCompletion, "agreed delivery", "agreed_completion"})
	return JoinInvalid(errs...)
}

// checkInstallments requires positive, distinct periods and amounts of 0 or
// more.
func (s *Supply) checkInstallments(*warningList) error {
	var errs []error
	seen := map[int]bool{}
	for i, in := range s.Installments {
		switch {
		case in.Period <= 0:
			errs = append(errs, Invalid(installmentField(i, "period"), "an installment period must be 1 or more, not %d", in.Period))
		case seen[in.Period]:
			errs = append(errs, Invalid(installmentField(i, "period"), "period %d is listed twice", in.Period))
		}
		seen[in.Period] = true
		if !(in.AmountWan >= 0 && !math.IsInf(in.AmountWan, 1)) {
			errs = append(errs, Invalid(installmentField(i, "amount_wan"), "an installment amount must be 0 or more (万元), not %v", in.AmountWan))
		}
	}
	return JoinInvalid(errs...)
}

// installmentField names a field of the i-th installment: installments[0].period.
func installmentField(i int, name string) string {
	return "installments[" + strconv.Itoa(i) + "]." + name
}
