package importer

import (
	"strings"
)

// The fields of a published supply result, by their canonical names: the
// JSON keys of land.Supply, plus the two actual dates that become events and
// the instalment plan. Rejections and warnings name fields by these.
const (
	fDistrict         = "district_name"
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
)

// fieldIgnored is what supplyFieldOf returns for columns that are known and
// deliberately dropped (the scraper's page URL and page title).
const fieldIgnored = "-"

// supplyFieldOf returns the canonical field of a column heading or JSON
// key: the Chinese label of the published supply results, the key of the
// landchina JSON, or the canonical name itself. Full-width brackets, case
// and surrounding blanks do not matter. It returns "" for an unknown
// heading and fieldIgnored for a known one without a place in land.Supply.
func supplyFieldOf(heading string) string {
	h := normalizeHeading(heading)
	switch h {
	case "行政区", "district", fDistrict:
		return fDistrict
	case "电子监管号", "idnumber", fENumber:
		return fENumber
	case "项目名称", "name", fProject:
		return fProject
	case "项目位置", "location":
		return fLocation
	case "面积(公顷)", "面积", "area", fArea:
		return fArea
	case "土地来源", "source", fSource:
		return fSource
	case fExisting:
		return fExisting
	case "土地用途", "use", "land_use", fLandUse:
		return fLandUse
	case fLandUseCode:
		return fLandUseCode
	case "供地方式", "supply", fMethod:
		return fMethod
	case "土地使用年限", "duration", fTerm, "term_years":
		return fTerm
	case "行业分类", "industry":
		return fIndustry
	case "土地级别", "grade", fGrade:
		return fGrade
	case "成交价格(万元)", "成交价格", "price", fPrice:
		return fPrice
	case "土地使用权人", "holder":
		return fHolder
	case "约定容积率下限", "plot_ratio_minimum", fPlotMin:
		return fPlotMin
	case "约定容积率上限", "plot_ratio_maximum", fPlotMax:
		return fPlotMax
	case "约定交地时间", "time4handover_plan", fAgreedDelivery:
		return fAgreedDelivery
	case "约定开工时间", "time4commencement_plan", fAgreedStart:
		return fAgreedStart
	case "约定竣工时间", "time4completion_plan", fAgreedCompletion:
		return fAgreedCompletion
	case "实际开工时间", "time4commencement_reality", fActualStart:
		return fActualStart
	case "实际竣工时间", "time4completion_reality", fActualCompletion:
		return fActualCompletion
	case "批准单位", "approvedby", fApprovedBy:
		return fApprovedBy
	case "合同编号", fContractNumber:
		return fContractNumber
	case "合同签订日期", "date4sign", fContractDate:
		return fContractDate
	case "分期支付约定", "paid_plan", fInstallments:
		return fInstallments
	case "url", "header":
		return fieldIgnored
	}
	return ""
}

// normalizeHeading lower-cases a heading and writes its full-width brackets
// and blanks the ASCII way, so 面积（公顷） and 面积(公顷) are one heading.
func normalizeHeading(s string) string {
	s = strings.TrimPrefix(s, "\uFEFF")
	if strings.ContainsAny(s, "（）\u3000") {
		s = strings.NewReplacer("（", "(", "）", ")", "\u3000", " ").Replace(s)
	}
	return strings.ToLower(strings.TrimSpace(s))
}
