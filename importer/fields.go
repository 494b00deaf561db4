package importer

import (
	"strings"
	"unicode"
)

// The fields of a published supply result, by their canonical names: the
// JSON keys of land.Supply, plus the two actual dates that become events and
// the instalment plan. Rejections and warnings name fields by these.
const (
	fDistrict         = "district_name"
	fRegion           = "region_code"
	fENumber          = "e_number"
	fProject          = "project_name"
	fLocation         = "location"
	fArea             = "area_ha"
	fSource           = "source_text"
	fExisting         = "existing_construction_ha"
	fLandUse          = "land_use_original"
	fLandUseCode      = "land_use_code"
	fMethod           = "method"
	fTerm             = "term_text"
	fIndustry         = "industry"
	fGrade            = "land_grade"
	fPrice            = "price_wan"
	fHolder           = "holder"
	fPlotMin          = "plot_ratio_min"
	fPlotMax          = "plot_ratio_max"
	fAgreedDelivery   = "agreed_delivery"
	fAgreedStart      = "agreed_start"
	fAgreedCompletion = "agreed_completion"
	fActualStart      = "actual_start"
	fActualCompletion = "actual_completion"
	fApprovedBy       = "approved_by"
	fContractNumber   = "contract_number"
	fContractDate     = "contract_date"
	fInstallments     = "installments"
	fCollective       = "collective"
	fCollectiveOwner  = "collective_owner"
	// The announced lot a supply result was sold as (公告编号, 宗地编号).
	fLotAnnouncement = "lot.announcement_number"
	fLotNumber       = "lot.lot_number"
)

// fieldIgnored is what supplyFieldOf returns for columns that are known and
// deliberately dropped (the scraper's page URL and page title).
const fieldIgnored = "-"

// supplyLabels maps each known heading, as normalizeHeading writes it, to
// its canonical field: the Chinese labels of the published supply results
// and the variants land offices write, the keys of the landchina JSON, the
// canonical names, and descriptive English labels (normalized by
// englishWords, so "Contract signing date" is "contract signing date").
var supplyLabels = map[string]string{
	"行政区": fDistrict, "district": fDistrict, fDistrict: fDistrict, "administrative district": fDistrict, "administrative region": fDistrict,
	"电子监管号": fENumber, "idnumber": fENumber, fENumber: fENumber, "electronic supervision number": fENumber, "e supervision number": fENumber, "supervision number": fENumber,
	"项目名称": fProject, "name": fProject, fProject: fProject, "project name": fProject,
	"项目位置": fLocation, "location": fLocation, "所在地": fLocation, "土地坐落": fLocation, "宗地坐落": fLocation, "project location": fLocation,
	"面积(公顷)": fArea, "面积": fArea, "area": fArea, fArea: fArea, "area ha": fArea, "area hectares": fArea,
	"土地来源": fSource, "source": fSource, fSource: fSource, "land source": fSource, "source of land": fSource, fExisting: fExisting,
	"土地用途": fLandUse, "use": fLandUse, "land_use": fLandUse, fLandUse: fLandUse, "land use": fLandUse, "land use purpose": fLandUse, fLandUseCode: fLandUseCode,
	"供地方式": fMethod, "supply": fMethod, fMethod: fMethod, "supply method": fMethod, "land supply method": fMethod, "supply mode": fMethod,
	"土地使用年限": fTerm, "duration": fTerm, fTerm: fTerm, "term_years": fTerm, "land use term": fTerm, "term of use": fTerm, "land use years": fTerm,
	"行业分类": fIndustry, "industry": fIndustry, "industry classification": fIndustry, "industry category": fIndustry,
	"公告编号": fLotAnnouncement, "宗地编号": fLotNumber, fLotAnnouncement: fLotAnnouncement, fLotNumber: fLotNumber,
	"土地级别": fGrade, "grade": fGrade, fGrade: fGrade, "land grade": fGrade, "land level": fGrade,
	"成交价格(万元)": fPrice, "成交价格": fPrice, "price": fPrice, fPrice: fPrice, "transaction price": fPrice, "transaction price 10000 yuan": fPrice, "transaction price 10 000 yuan": fPrice, "deal price": fPrice,
	"土地使用权人": fHolder, "holder": fHolder, "land user": fHolder, "land use right holder": fHolder, "land use rights holder": fHolder,
	"约定容积率下限": fPlotMin, "容积率下限": fPlotMin, "plot_ratio_minimum": fPlotMin, fPlotMin: fPlotMin, "plot ratio lower limit": fPlotMin, "agreed plot ratio lower limit": fPlotMin, "minimum plot ratio": fPlotMin,
	"约定容积率上限": fPlotMax, "容积率上限": fPlotMax, "plot_ratio_maximum": fPlotMax, fPlotMax: fPlotMax, "plot ratio upper limit": fPlotMax, "agreed plot ratio upper limit": fPlotMax, "maximum plot ratio": fPlotMax,
	"约定交地时间": fAgreedDelivery, "time4handover_plan": fAgreedDelivery, fAgreedDelivery: fAgreedDelivery, "agreed delivery date": fAgreedDelivery, "agreed land delivery date": fAgreedDelivery, "agreed handover date": fAgreedDelivery,
	"约定开工时间": fAgreedStart, "time4commencement_plan": fAgreedStart, fAgreedStart: fAgreedStart, "agreed commencement date": fAgreedStart, "agreed start date": fAgreedStart,
	"约定竣工时间": fAgreedCompletion, "time4completion_plan": fAgreedCompletion, fAgreedCompletion: fAgreedCompletion, "agreed completion date": fAgreedCompletion,
	"实际开工时间": fActualStart, "time4commencement_reality": fActualStart, fActualStart: fActualStart, "actual commencement date": fActualStart, "actual start date": fActualStart,
	"实际竣工时间": fActualCompletion, "time4completion_reality": fActualCompletion, fActualCompletion: fActualCompletion, "actual completion date": fActualCompletion,
	"批准单位": fApprovedBy, "approvedby": fApprovedBy, fApprovedBy: fApprovedBy, "approved by": fApprovedBy, "approval authority": fApprovedBy, "approving authority": fApprovedBy,
	"合同编号": fContractNumber, fContractNumber: fContractNumber, "contract number": fContractNumber, "contract no": fContractNumber,
	"合同签订日期": fContractDate, "合同签订时间": fContractDate, "date4sign": fContractDate, fContractDate: fContractDate, "contract signing date": fContractDate, "contract date": fContractDate, "date of contract signing": fContractDate,
	"分期支付约定": fInstallments, "paid_plan": fInstallments, fInstallments: fInstallments, "installment payment agreement": fInstallments, "instalment plan": fInstallments, "payment by installments": fInstallments,
	"集体建设用地": fCollective, "土地所有权性质": fCollective, "所有权性质": fCollective, "土地所有权": fCollective, "土地性质": fCollective,
	fCollective: fCollective, "collective land": fCollective, "land ownership": fCollective, "ownership": fCollective,
	"集体经济组织": fCollectiveOwner, "所有权人": fCollectiveOwner, "土地所有权人": fCollectiveOwner, "集体土地所有权人": fCollectiveOwner,
	"集体经济组织名称": fCollectiveOwner, fCollectiveOwner: fCollectiveOwner, "collective owner": fCollectiveOwner, "owner": fCollectiveOwner,
	// The region code by its own name only, as landwatch's exports write it:
	// a land office's 行政区代码 column may hold a prefecture's or a
	// township's code, which the e-supervision number's county would refuse.
	fRegion: fRegion, "土地用途代码": fLandUseCode,
	// What landwatch derives (the stage, from the events) and its own
	// exports carry for the map's reader, read by nobody.
	"开发阶段": fieldIgnored, "stage": fieldIgnored,
	"url": fieldIgnored, "header": fieldIgnored,
}

// supplyFieldOf returns the canonical field of a column heading or JSON
// key (one of supplyLabels). Full-width brackets, case, a trailing colon
// and surrounding blanks (NBSP and the ideographic space included) do not
// matter, nor in English labels the spacing, underscores and hyphens. It
// returns "" for an unknown heading and fieldIgnored for a known one
// without a place in land.Supply.
func supplyFieldOf(heading string) string { return fieldOfLabels(supplyLabels, heading) }

// fieldOfLabels returns the canonical field of a heading by labels, read
// as supplyFieldOf reads it.
func fieldOfLabels(labels map[string]string, heading string) string {
	h := normalizeHeading(heading)
	if f, ok := labels[h]; ok {
		return f
	}
	return labels[englishWords(h)]
}

// normalizeHeading lower-cases a heading, writes its full-width brackets
// and blanks the ASCII way, so 面积（公顷） and 面积(公顷) are one heading, and
// drops the blanks around it and a colon after it ("项目名称：").
func normalizeHeading(s string) string {
	s = strings.TrimPrefix(s, "\uFEFF")
	if strings.ContainsAny(s, "（）\u3000\u00A0") {
		s = strings.NewReplacer("（", "(", "）", ")", "\u3000", " ", "\u00A0", " ").Replace(s)
	}
	s = strings.TrimSpace(s)
	s = strings.TrimSpace(strings.TrimRight(s, ":："))
	return strings.ToLower(s)
}

// englishWords writes an English label as lower-case words separated by
// single spaces, without a unit in brackets' punctuation: "Area (ha)" is
// "area ha", "Contract_signing-date" is "contract signing date".
func englishWords(s string) string {
	return strings.Join(strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}), " ")
}

// closestLabel returns the label of labels nearest a heading by edit distance
// (in characters), and false when none is near enough to be a likely typo
// or variant: more than half of the longer of the two must be kept.
func closestLabel(labels map[string]string, heading string) (string, bool) {
	h := []rune(normalizeHeading(heading))
	best, bestDist := "", -1
	for label := range labels {
		d := editDistance(h, []rune(label))
		if bestDist < 0 || d < bestDist || (d == bestDist && label < best) {
			best, bestDist = label, d
		}
	}
	longer := max(len(h), len([]rune(best)))
	return best, bestDist >= 0 && bestDist*2 <= longer
}

// editDistance is the Levenshtein distance of two strings of characters.
func editDistance(a, b []rune) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
