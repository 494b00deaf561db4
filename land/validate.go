package land

import (
	"fmt"
	"strings"
)

// Normalize checks a supply before it is stored and fills what is derived:
// the canonical e-supervision number, the method code and Kind from Method,
// LandUseCode from LandUseOriginal when it is empty (a pre-2017 code given as
// LandUseCode is mapped too and kept as the original), RegionCode from
// the e-supervision number when it is empty, and DistrictName (行政区) from
// the division table when it is empty. Calling it again changes
// nothing. A field is only rewritten once its value has been read without
// error.
//
// Required: e_number, method, project_name (or holder), land_use_original or
// land_use_code, area_ha. It returns every problem it finds as one
// CodeInvalid *Error (JoinInvalid) naming each field:
//   - e_number: malformed, or its year more than one year from the contract
//     date's year (a split record "-N" may carry the earlier year of the
//     supply it was split from: a warning);
//   - region_code: not the county of the e-supervision number, or (when
//     regions is not nil) in no known province — reported on e_number when
//     the region code was taken from the number;
//   - every text field: longer than its limit (limits.go), holding the NUL
//     character or not UTF-8;
//   - area_ha: not above 0 or not below 10000 hectares;
//   - term_years: outside 1..MaxTermYears;
//   - price_wan, existing_construction_ha: negative;
//   - plot_ratio_min, plot_ratio_max: outside 0..30, or min above max;
//   - agreed_start, agreed_completion: before the agreed date that must come
//     first (delivery ≤ start ≤ completion);
//   - installments[i].period, installments[i].amount_wan: a period not
//     positive or repeated, an amount negative;
//   - collective_owner: missing on collective land, or given on state land;
//   - method: collective land supplied by allocation (划拨) or authorised
//     operation (授权经营), which only state land knows.
//
// The checks that read the e-supervision number (region, year, type letter)
// are skipped while the number itself is malformed.
//
// Warnings (each "field: text") report what is accepted but worth a look: a
// year one off, a type letter that does not fit the method (A 划拨, B 出让), a
// region code no longer in the division table or one of the 兵团 that GB/T
// 2260 lacks, a plot ratio maximum of 0 read as no maximum, an area above
// PlausibleAreaHa or equal to the parcels' area in m², no contract date
// (the entry's deadline runs from it). When err is not nil the warnings may be incomplete.
// regions may be nil, which skips the division table check.
func (s *Supply) Normalize(regions *Regions) (warnings []string, err error) {
	var w warningList
	var errs []error
	n, numberErr := ParseENumber(s.ENumber)
	if numberErr == nil {
		s.ENumber = n.String()
	}
	method, methodErr := ParseMethod(s.Method)
	if methodErr == nil {
		s.Method, s.Kind = method, KindOf(method)
	}
	errs = append(errs, s.CheckText(), numberErr, methodErr)
	if strings.TrimSpace(s.ProjectName) == "" && strings.TrimSpace(s.Holder) == "" {
		errs = append(errs, Invalid("project_name", "a project name (or the holder) is required"))
	}
	errs = append(errs, s.normalizeLandUse(&w), s.checkArea(&w), s.checkCollective(methodErr == nil))
	if numberErr == nil {
		errs = append(errs, s.normalizeRegion(n, regions, &w), s.checkENumberYear(n, &w))
		if methodErr == nil {
			s.checkTypeLetter(n, &w)
		}
	}
	for _, check := range []func(*warningList) error{s.checkPrices, s.checkTerm, s.checkPlotRatios, s.checkAgreedDates, s.checkInstallments} {
		errs = append(errs, check(&w))
	}
	if s.ContractDate.IsZero() {
		w.add("contract_date", "no contract date (合同签订日期, or the day of the allocation decision): the entry's deadline of 7 working days from it cannot be checked")
	}
	if err := JoinInvalid(errs...); err != nil {
		return w, err
	}
	return w, nil
}

// SplitWarning takes a warning of the checks ("field: text") apart into
// its field and its text; one that names no field comes back whole.
func SplitWarning(w string) (field, text string) {
	f, t, ok := strings.Cut(w, ": ")
	if !ok || f == "" || strings.ContainsFunc(f, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || strings.ContainsRune("_[].", r))
	}) {
		return "", w
	}
	return f, t
}

// warningList collects Normalize's warnings as "field: text".
type warningList []string

func (w *warningList) add(field, format string, args ...any) {
	*w = append(*w, field+": "+fmt.Sprintf(format, args...))
}

// normalizeLandUse fills LandUseCode from LandUseOriginal, or checks a given
// LandUseCode and, when it is an older code, maps it and keeps it as the
// original.
func (s *Supply) normalizeLandUse(w *warningList) error {
	code, orig := strings.TrimSpace(s.LandUseCode), strings.TrimSpace(s.LandUseOriginal)
	if code == "" {
		if orig == "" {
			return Invalid("land_use_original", "the land use is required (such as 0701 城镇住宅用地 or 其他普通商品住房用地)")
		}
		mapped, err := MapLandUse(orig)
		if err != nil {
			return WithField(err, "land_use_original")
		}
		s.LandUseCode = mapped
		return nil
	}
	mapped, err := MapLandUse(code)
	if err != nil {
		return WithField(err, "land_use_code")
	}
	if mapped != code {
		if orig == "" {
			s.LandUseOriginal = code
		}
		w.add("land_use_code", "%s is not a GB/T 21010-2017 code; mapped to %s %s", code, mapped, LandUseName(mapped))
	}
	s.LandUseCode = mapped
	if orig != "" && orig != code {
		if o, err := MapLandUse(orig); err != nil {
			w.add("land_use_original", "%q is not a known land use; the code %s is kept", orig, mapped)
		} else if o[:2] != mapped[:2] {
			w.add("land_use_original", "%q is class %s, but the code %s is class %s", orig, o[:2], mapped, mapped[:2])
		}
	}
	return nil
}

// normalizeRegion fills RegionCode from the e-supervision number or checks
// that they agree, then finds the code in regions.
func (s *Supply) normalizeRegion(n ENumber, regions *Regions, w *warningList) error {
	s.RegionCode = strings.TrimSpace(s.RegionCode)
	field := "region_code"
	switch s.RegionCode {
	case "":
		s.RegionCode, field = n.County, "e_number"
	case n.County:
	default:
		return Invalid("region_code", "%s is not the county %s of the e-supervision number %s", s.RegionCode, n.County, n)
	}
	if regions == nil {
		return nil
	}
	reg, exact, err := regions.Resolve(s.RegionCode)
	if err != nil {
		return WithField(err, field)
	}
	switch {
	case exact:
		if strings.TrimSpace(s.DistrictName) == "" {
			s.DistrictName = reg.Name // 行政区, as the ministry's tables give it beside the code
		}
	case reg.Source == SourceInferred:
		w.add("region_code", "%s is not in GB/T 2260; it lies in %s %s, which land records use beside the standard", s.RegionCode, reg.Code, reg.Name)
	default:
		w.add("region_code", "%s is not in the current division table (a merged or renamed division?); it lies in %s %s", s.RegionCode, reg.Code, reg.Name)
	}
	return nil
}

// checkENumberYear compares the year of the e-supervision number with the
// contract date's year.
func (s *Supply) checkENumberYear(n ENumber, w *warningList) error {
	if s.ContractDate.IsZero() {
		return nil
	}
	cy := s.ContractDate.Time().Year()
	switch d := n.Year - cy; {
	case d == 0:
	case d == 1 || d == -1:
		w.add("e_number", "the year %d differs from the contract date %s by one year", n.Year, s.ContractDate)
	case d < 0 && n.Suffix > 0:
		w.add("e_number", "the year %d is earlier than the contract date %s; a split record keeps the number of the supply it was split from", n.Year, s.ContractDate)
	default:
		return Invalid("e_number", "the year %d does not agree with the contract date %s", n.Year, s.ContractDate)
	}
	return nil
}

// checkTypeLetter warns when the type letter does not fit the kind: A is for
// allocation, B for transfer.
func (s *Supply) checkTypeLetter(n ENumber, w *warningList) {
	switch {
	case n.Type == 'A' && s.Kind != KindAllocation:
		w.add("e_number", "type letter A is for allocation (划拨), but the method is %s %s", s.Method, MethodName(s.Method))
	case n.Type != 'A' && s.Kind == KindAllocation:
		w.add("e_number", "type letter %c does not fit allocation (划拨), which uses A", n.Type)
	case n.Type != 'B' && s.Kind == KindTransfer:
		w.add("e_number", "type letter %c does not fit a transfer (出让), which uses B", n.Type)
	}
}
