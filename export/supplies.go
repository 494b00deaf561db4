package export

import (
	"strconv"
	"strings"

	"landwatch/land"
)

// SupplyResultColumns are the columns of published supply results (供地结果)
// as land offices export them and as the importer reads them, so that an
// exported table imports again.
var SupplyResultColumns = []Column{
	{"district_name", "行政区", Text}, {"e_number", "电子监管号", Text}, {"project_name", "项目名称", Text},
	{"location", "项目位置", Text}, {"area_ha", "面积(公顷)", Number}, {"source_text", "土地来源", Text},
	{"land_use_original", "土地用途", Text}, {"method", "供地方式", Text}, {"term_text", "土地使用年限", Text},
	{"industry", "行业分类", Text}, {"land_grade", "土地级别", Text}, {"price_wan", "成交价格(万元)", Number},
	{"holder", "土地使用权人", Text}, {"plot_ratio_min", "约定容积率下限", Number}, {"plot_ratio_max", "约定容积率上限", Number},
	{"agreed_delivery", "约定交地时间", Date}, {"agreed_start", "约定开工时间", Date}, {"agreed_completion", "约定竣工时间", Date},
	{"actual_start", "实际开工时间", Date}, {"actual_completion", "实际竣工时间", Date}, {"approved_by", "批准单位", Text},
	{"contract_date", "合同签订日期", Date}, {"installments", "分期支付约定", Text},
}

// SupplyResult is a supply's values in SupplyResultColumns: the actual
// start and completion from its events, its installments as
// "period|due|amount; …".
func SupplyResult(s *land.Supply) []any {
	var start, completion land.Date
	for _, e := range s.Events {
		switch e.Kind {
		case land.EventStart:
			start = e.OccurredOn
		case land.EventCompletion:
			completion = e.OccurredOn
		}
	}
	return []any{
		s.DistrictName, s.ENumber, s.ProjectName, s.Location, s.AreaHa, s.SourceText, s.LandUseOriginal,
		land.MethodName(s.Method), s.TermText, s.Industry, s.LandGrade, optional(s.PriceWan),
		s.Holder, optional(s.PlotRatioMin), optional(s.PlotRatioMax),
		s.AgreedDelivery, s.AgreedStart, s.AgreedCompletion, start, completion, s.ApprovedBy, s.ContractDate,
		InstallmentText(s.Installments, "2006-01-02"),
	}
}

// InstallmentText writes installments as "period|due|amount; …", the due
// day in layout.
func InstallmentText(list []land.Installment, layout string) string {
	items := make([]string, len(list))
	for i, in := range list {
		due := ""
		if !in.DueOn.IsZero() {
			due = in.DueOn.Time().Format(layout)
		}
		items[i] = strconv.Itoa(in.Period) + "|" + due + "|" + strconv.FormatFloat(in.AmountWan, 'f', 4, 64)
	}
	return strings.Join(items, "; ")
}

// optional is a number that may be missing: nil for none.
func optional(v *float64) any {
	if v == nil {
		return nil
	}
	return *v
}
