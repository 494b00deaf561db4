package importer

import (
	"fmt"
	"slices"
	"strings"

	"landwatch/land"
)

// mislabelledSource is the 土地来源 label the landchina scraper wrote for
// every published 0: it does not say that the land was newly converted.
const mislabelledSource = "新增建设用地(来自存量库)"

// importedBy is the RecordedBy of events taken from published records.
const importedBy = "import"

// fieldLandUse names the land use in rejections (the published 土地用途).
const fieldLandUse = "land_use"

// fieldValues is the text of one record of a table by canonical
// field (see supplyFieldOf, reserveFieldOf). Missing fields read as "".
type fieldValues map[string]string

// get returns the text of field f with surrounding blanks removed.
func (v fieldValues) get(f string) string { return strings.TrimSpace(v[f]) }

// keptWhenAbsent are the fields of a supply a file may leave out, each
// with the columns of a file that give it (a field read from another, by
// that one): a file with none of them leaves the field as it is stored
// (land.SupplyRecord.Absent). A clerk who entered a contract number keeps
// it when the published supply results, which have no such column, are
// imported again.
var keptWhenAbsent = []struct {
	field string
	from  []string
}{
	{fDistrict, []string{fDistrict}}, {fProject, []string{fProject}}, {fLocation, []string{fLocation}},
	{fSource, []string{fSource}}, {fExisting, []string{fExisting}},
	{fTerm, []string{fTerm}}, {"term_years", []string{fTerm}},
	{fIndustry, []string{fIndustry}}, {fGrade, []string{fGrade}}, {fPrice, []string{fPrice}}, {fHolder, []string{fHolder}},
	{fPlotMin, []string{fPlotMin}}, {fPlotMax, []string{fPlotMax}},
	{fAgreedDelivery, []string{fAgreedDelivery}}, {fAgreedStart, []string{fAgreedStart}}, {fAgreedCompletion, []string{fAgreedCompletion}},
	{fContractNumber, []string{fContractNumber}}, {fContractDate, []string{fContractDate}}, {fApprovedBy, []string{fApprovedBy}},
	{fCollective, []string{fCollective, fCollectiveOwner}}, {fCollectiveOwner, []string{fCollective, fCollectiveOwner}},
	{fInstallments, []string{fInstallments}},
}

// absentFields returns the fields of keptWhenAbsent that v has no column
// for, in that order.
func absentFields(v fieldValues) []string {
	var absent []string
	for _, k := range keptWhenAbsent {
		if !slices.ContainsFunc(k.from, func(f string) bool { _, ok := v[f]; return ok }) {
			absent = append(absent, k.field)
		}
	}
	return absent
}

// buildSupply reads one supply result. It returns every field that could not
// be read as a problem (the record must then be rejected whole) and notes
// about what was read but looks wrong. Text fields are kept as published;
// numbers and dates must parse; nothing is invented: an empty price stays
// nil, an unknown existing-construction area stays nil.
func buildSupply(v fieldValues) (land.Supply, []land.Event, []problem, []note) {
	var (
		s     land.Supply
		probs []problem
		notes = clearPlaceholders(v)
	)
	bad := func(field, format string, args ...any) {
		probs = append(probs, problem{field, fmt.Sprintf(format, args...)})
	}

	s.ENumber = v.get(fENumber)
	if n, err := land.ParseENumber(s.ENumber); err != nil {
		bad(fENumber, "%s", reasonOf(err))
	} else {
		s.ENumber = n.String()
	}
	s.DistrictName = v.get(fDistrict)
	s.RegionCode = v.get(fRegion) // checked against the number's county
	s.ProjectName = v.get(fProject)
	s.Location = v.get(fLocation)
	s.Industry = v.get(fIndustry)
	s.LandGrade = v.get(fGrade)
	s.Holder = v.get(fHolder)
	s.ApprovedBy = v.get(fApprovedBy)
	s.ContractNumber = v.get(fContractNumber)
	readCollective(&s, v, bad)
	if ref := (land.LotRef{AnnouncementNumber: v.get(fLotAnnouncement), LotNumber: v.get(fLotNumber)}); ref.AnnouncementNumber != "" {
		s.Lot = &ref
	}

	if a, ok := parseDecimal(v.get(fArea)); !ok || a <= 0 {
		bad(fArea, "the area (面积, hectares) must be a positive number, not %q", v.get(fArea))
	} else {
		s.AreaHa = a
	}

	s.SourceText = v.get(fSource)
	switch {
	case s.SourceText == mislabelledSource:
		notes = append(notes, note{fSource, fmt.Sprintf(
			"土地来源 %q is how the published scrape labels every 0; kept as text, no existing construction-land area is set", mislabelledSource)})
	case s.SourceText != "":
		if a, ok := parseDecimal(s.SourceText); ok && a >= 0 {
			s.ExistingConstructionHa = &a
		}
	}
	if t := v.get(fExisting); t != "" {
		if a, ok := parseDecimal(t); ok && a >= 0 {
			s.ExistingConstructionHa = &a
		} else {
			bad(fExisting, "the existing construction-land area must be a number of hectares, not %q", t)
		}
	}

	readLandUse(&s, v, bad)

	if code, err := land.ParseMethod(v.get(fMethod)); err != nil {
		bad(fMethod, "%s", reasonOf(err))
	} else {
		s.Method = code
		s.Kind = land.KindOf(code)
	}

	s.PriceWan = optionalNumber(v, fPrice, "the price (万元)", bad)
	s.PlotRatioMin = optionalNumber(v, fPlotMin, "the minimum plot ratio", bad)
	// A maximum below the minimum is the supply's check to tell (a 0 read as
	// no maximum, anything else refused), once.
	s.PlotRatioMax = optionalNumber(v, fPlotMax, "the maximum plot ratio", bad)

	s.ContractDate = dropPlaceholderDate(fContractDate, optionalDate(v, fContractDate, bad), land.Date{}, &notes)
	date := func(field string) land.Date {
		return dropPlaceholderDate(field, optionalDate(v, field, bad), s.ContractDate, &notes)
	}
	s.AgreedDelivery = date(fAgreedDelivery)
	s.AgreedStart = date(fAgreedStart)
	s.AgreedCompletion = date(fAgreedCompletion)

	s.TermText = v.get(fTerm)
	if years, ok := termYears(s.TermText, s.ContractDate, &notes); ok {
		s.TermYears = &years
	}

	var events []land.Event
	if d := date(fActualStart); !d.IsZero() {
		events = append(events, importedEvent(land.EventStart, d))
	}
	if d := date(fActualCompletion); !d.IsZero() {
		events = append(events, importedEvent(land.EventCompletion, d))
	}

	if t := v.get(fInstallments); t != "" {
		list, err := parseInstallments(t)
		if err != nil {
			bad(fInstallments, "%s", err)
		}
		s.Installments = list
	}
	return s, events, probs, notes
}

// readLandUse sets the original land use and its current code. Either the
// published name (or old or new code) is given, or only a code.
func readLandUse(s *land.Supply, v fieldValues, bad func(field, format string, args ...any)) {
	s.LandUseOriginal = v.get(fLandUse)
	given := s.LandUseOriginal
	if given == "" {
		given = v.get(fLandUseCode)
		s.LandUseOriginal = given
	}
	code, err := land.MapLandUse(given)
	if err != nil {
		bad(fieldLandUse, "%s", reasonOf(err))
		return
	}
	s.LandUseCode = code
}

// termYears reads 土地使用年限 when it is one whole number of years ("50",
// "50年"). A number in words ("七十年") and an end date ("2069-3-16", years
// counted from the contract date) are converted with a note. Zero, empty
// text and per-use terms such as "其他普通商品住房用地70年; 其他商服用地40年;"
// give no number; the text is kept either way.
func termYears(t string, contract land.Date, notes *[]note) (int, bool) {
	bare := strings.TrimSpace(strings.TrimSuffix(t, "年"))
	if n, ok := parseCount(bare); ok {
		return n, n > 0
	}
	if n, ok := chineseCount(bare); ok && n > 0 {
		*notes = append(*notes, note{fTerm, fmt.Sprintf("%q is written in words: read as %d years", t, n)})
		return n, true
	}
	end, err := land.ParseDate(t)
	if err != nil || end.IsZero() {
		return 0, false
	}
	if contract.IsZero() || !end.After(contract) {
		*notes = append(*notes, note{fTerm, fmt.Sprintf("%q is an end date, not a number of years, and no contract date "+
			"before it gives the years: kept as text", t)})
		return 0, false
	}
	n := end.Time().Year() - contract.Time().Year()
	if contract.AddYears(n).After(end) {
		n--
	}
	if n <= 0 {
		return 0, false
	}
	*notes = append(*notes, note{fTerm, fmt.Sprintf("%q is an end date, not a number of years: read as %d years from the contract date %s",
		t, n, contract)})
	return n, true
}

// optionalNumber reads a non-negative number that may be left empty.
func optionalNumber(v fieldValues, field, what string, bad func(field, format string, args ...any)) *float64 {
	t := v.get(field)
	if t == "" {
		return nil
	}
	x, ok := parseDecimal(t)
	if !ok || x < 0 {
		bad(field, "%s must be a non-negative number or empty, not %q", what, t)
		return nil
	}
	return &x
}

// optionalDate reads a date that may be left empty (or written 1900-01-01).
func optionalDate(v fieldValues, field string, bad func(field, format string, args ...any)) land.Date {
	d, err := land.ParseDate(v.get(field))
	if err != nil {
		bad(field, "%s", reasonOf(err))
	}
	return d
}

// importedEvent is a development event taken from a published record. A
// published result carries no delivery date, so an imported start says why
// it may stand without a recorded delivery.
func importedEvent(kind land.EventKind, on land.Date) land.Event {
	e := land.Event{Kind: kind, OccurredOn: on, RecordedBy: importedBy, Imported: true}
	if kind == land.EventStart {
		e.Reason = "published supply result (供地结果) records no delivery date"
	}
	return e
}

// parseInstallments reads 分期支付约定 written as "period|date|amount" items
// separated by semicolons ("1|2019年01月30日|10484.0000; 2|…"); amounts are
// in 万元.
func parseInstallments(t string) ([]land.Installment, error) {
	var list []land.Installment
	for item := range strings.FieldsFuncSeq(t, func(r rune) bool { return r == ';' || r == '；' }) {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		parts := strings.Split(item, "|")
		if len(parts) != 3 {
			return nil, fmt.Errorf("instalment %q: expected period|date|amount", item)
		}
		in, err := installment(parts[0], parts[1], parts[2])
		if err != nil {
			return nil, err
		}
		list = append(list, in)
	}
	return list, nil
}

// installment reads one agreed payment from its three published parts.
func installment(period, date, amount string) (land.Installment, error) {
	p, ok := parseCount(period)
	if !ok || p < 1 {
		return land.Installment{}, fmt.Errorf("instalment period %q: expected 1, 2, 3 …", strings.TrimSpace(period))
	}
	d, err := land.ParseDate(date)
	if err != nil {
		return land.Installment{}, fmt.Errorf("instalment %d: %s", p, reasonOf(err))
	}
	a, ok := parseDecimal(amount)
	if !ok || a < 0 {
		return land.Installment{}, fmt.Errorf("instalment %d: the amount (万元) must be a non-negative number, not %q",
			p, strings.TrimSpace(amount))
	}
	return land.Installment{Period: p, DueOn: d, AmountWan: a}, nil
}
