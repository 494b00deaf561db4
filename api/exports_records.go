package api

import (
	"context"
	"net/http"

	"landwatch/export"
	"landwatch/land"
	"landwatch/supervision"
)

// The register's other records as exports: each kind one registration in
// exportKinds, reading its list page by page with the list's filters.

// emit writes one row of an export, with the parcels behind it.
type emit = func(export.Row, []land.Parcel) error

// tabular are the formats of a kind without geometry: a GeoPackage or
// GeoJSON of rows without features would only hide a table.
var tabular = []string{"csv", "xlsx"}

// listRows is the open of an export of a keyset list: parse reads its
// filters, page sets a filter's page, list is the service's list, id a
// record's key and rowsOf writes a record's rows.
func listRows[T, F any](parse func(*http.Request) (F, error), page func(f *F, after int64, limit int),
	list func(*supervision.Service, context.Context, land.Scope, F) ([]T, int, bool, error),
	id func(*T) int64, rowsOf func(*T, emit) error) func(*Server, *http.Request) (exportRows, error) {
	return func(s *Server, r *http.Request) (exportRows, error) {
		f, err := parse(r)
		if err != nil {
			return nil, err
		}
		return func(row emit) error {
			return supervision.EachPage(func(after int64) ([]T, bool, error) {
				page(&f, after, s.exportPage)
				items, _, more, err := list(s.svc, r.Context(), scope(r), f)
				return items, more, err
			}, id, func(x *T) error {
				if err := r.Context().Err(); err != nil {
					return err
				}
				return rowsOf(x, row)
			})
		}, nil
	}
}

// oneRow writes a record as one row of values.
func oneRow[T any](values func(*T) []any) func(*T, emit) error {
	return func(x *T, row emit) error { return row(export.Row{Values: values(x)}, nil) }
}

// orNil is a number that may be missing: nil for none.
func orNil[N int | float64](v *N) any {
	if v == nil {
		return nil
	}
	return float64(*v)
}

// reserveColumns are the headings the reserve importer reads (储备编号 …),
// so that a reserves table exported imports again, then the figures
// landwatch keeps.
var reserveColumns = []export.Column{
	{Name: "number", Header: "储备编号", Type: export.Text}, {Name: "region_code", Header: "行政区", Type: export.Text},
	{Name: "location", Header: "位置", Type: export.Text}, {Name: "area_ha", Header: "面积(公顷)", Type: export.Number},
	{Name: "acquisition", Header: "收储方式", Type: export.Text}, {Name: "former_holder", Header: "原权利人", Type: export.Text},
	{Name: "former_use", Header: "原用途", Type: export.Text}, {Name: "compensation_wan", Header: "补偿费用(万元)", Type: export.Number},
	{Name: "taken_on", Header: "收储日期", Type: export.Date}, {Name: "planned_use", Header: "规划用途", Type: export.Text},
	{Name: "planned_use_code", Header: "规划用途代码", Type: export.Text}, {Name: "remaining_ha", Header: "剩余面积(公顷)", Type: export.Number},
	{Name: "review_status", Header: "审核状态", Type: export.Text}, {Name: "late", Header: "迟报", Type: export.Bool},
}

// reserveRows reads the reserves a row each, for the tables without
// geometry.
func reserveRows(s *Server, r *http.Request) (exportRows, error) {
	return reserveRecords(s, r, func(values []any, _ []land.Parcel, row emit) error {
		return row(export.Row{Values: values}, nil)
	})
}

// reserveParcelRows reads the reserves a feature a parcel.
func reserveParcelRows(s *Server, r *http.Request) (exportRows, error) {
	return reserveRecords(s, r, featurePerParcel)
}

// reserveRecords reads the reserves of an export, the rows of each made
// by rowsOf from its values and its parcels.
func reserveRecords(s *Server, r *http.Request, rowsOf func([]any, []land.Parcel, emit) error) (exportRows, error) {
	f, err := parseReserveFilter(r)
	if err != nil {
		return nil, err
	}
	return func(row emit) error {
		return s.svc.EachReserve(r.Context(), scope(r), f, s.exportPage, func(x *land.Reserve) error {
			if err := r.Context().Err(); err != nil {
				return err
			}
			values := []any{x.Number, x.RegionCode, x.Location, x.AreaHa, x.Acquisition, x.FormerHolder, x.FormerUse, orNil(x.CompensationWan),
				x.TakenOn, x.PlannedUseOriginal, x.PlannedUseCode, x.RemainingHa, x.ReviewStatus, x.Late}
			return rowsOf(values, x.Parcels, row)
		})
	}, nil
}

// planColumns are a plan's, with its hectares by class as plans publish them.
var planColumns = func() []export.Column {
	cols := []export.Column{
		{Name: "region_code", Header: "行政区代码", Type: export.Text}, {Name: "year", Header: "年度", Type: export.Integer},
		{Name: "doc_number", Header: "文号", Type: export.Text}, {Name: "title", Header: "标题", Type: export.Text},
		{Name: "published_on", Header: "发布日期", Type: export.Date},
	}
	for _, c := range land.PlanClasses {
		cols = append(cols, export.Column{Name: c.Key + "_ha", Header: c.Name + "(公顷)", Type: export.Number})
	}
	return append(cols, export.Column{Name: "total_ha", Header: "合计(公顷)", Type: export.Number},
		export.Column{Name: "review_status", Header: "审核状态", Type: export.Text}, export.Column{Name: "late", Header: "迟报", Type: export.Bool})
}()

func planValues(p *land.Plan) []any {
	values := []any{p.RegionCode, int64(p.Year), p.DocNumber, p.Title, p.PublishedOn}
	for _, f := range p.PlanAreas.Fields() {
		values = append(values, *f)
	}
	return append(values, p.TotalHa, p.ReviewStatus, p.Late)
}

// transactionColumns are a transfer's, lease's or mortgage's.
var transactionColumns = []export.Column{
	{Name: "id", Header: "编号", Type: export.Integer}, {Name: "kind", Header: "类型", Type: export.Text},
	{Name: "e_number", Header: "电子监管号", Type: export.Text}, {Name: "region_code", Header: "行政区代码", Type: export.Text},
	{Name: "party_from", Header: "转让方/出租方/抵押人", Type: export.Text}, {Name: "party_to", Header: "受让方/承租方/抵押权人", Type: export.Text},
	{Name: "amount_wan", Header: "金额(万元)", Type: export.Number}, {Name: "area_ha", Header: "面积(公顷)", Type: export.Number},
	{Name: "lease_years", Header: "租赁期限(年)", Type: export.Number}, {Name: "starts_on", Header: "期限起", Type: export.Date},
	{Name: "ends_on", Header: "期限止", Type: export.Date}, {Name: "certificate_no", Header: "证明号", Type: export.Text},
	{Name: "registered_on", Header: "登记日期", Type: export.Date}, {Name: "released_on", Header: "注销日期", Type: export.Date},
	{Name: "review_status", Header: "审核状态", Type: export.Text}, {Name: "late", Header: "迟报", Type: export.Bool},
}

func transactionValues(x *land.Transaction) []any {
	return []any{x.ID, x.Kind, x.ENumber, x.RegionCode, x.PartyFrom, x.PartyTo, orNil(x.AmountWan), x.AreaHa, orNil(x.LeaseYears),
		x.StartsOn, x.EndsOn, x.CertificateNo, x.RegisteredOn, x.ReleasedOn, x.ReviewStatus, x.Late}
}

// lotColumns are an announcement's lots, one row each, the announcement's
// fields repeated on each, with the lot's deal and supply.
var lotColumns = []export.Column{
	{Name: "announcement_number", Header: "公告编号", Type: export.Text}, {Name: "region_code", Header: "行政区代码", Type: export.Text},
	{Name: "authority", Header: "出让人", Type: export.Text}, {Name: "method", Header: "出让方式", Type: export.Text},
	{Name: "announced_on", Header: "公告日期", Type: export.Date}, {Name: "bidding_start", Header: "挂牌(拍卖)开始时间", Type: export.Date},
	{Name: "bidding_end", Header: "挂牌截止时间", Type: export.Date},
	{Name: "lot_number", Header: "宗地编号", Type: export.Text}, {Name: "location", Header: "宗地坐落", Type: export.Text},
	{Name: "area_ha", Header: "出让面积(公顷)", Type: export.Number}, {Name: "land_use", Header: "土地用途", Type: export.Text},
	{Name: "land_use_code", Header: "土地用途代码", Type: export.Text}, {Name: "term_years", Header: "出让年限", Type: export.Number},
	{Name: "plot_ratio_min", Header: "容积率下限", Type: export.Number}, {Name: "plot_ratio_max", Header: "容积率上限", Type: export.Number},
	{Name: "starting_price_wan", Header: "起始价(万元)", Type: export.Number}, {Name: "deposit_wan", Header: "竞买保证金(万元)", Type: export.Number},
	{Name: "status", Header: "状态", Type: export.Text}, {Name: "winner", Header: "竞得人", Type: export.Text},
	{Name: "price_wan", Header: "成交价(万元)", Type: export.Number}, {Name: "e_number", Header: "电子监管号", Type: export.Text},
	{Name: "review_status", Header: "审核状态", Type: export.Text},
}

func lotRows(a *land.Announcement, row emit) error {
	for i := range a.Lots {
		l := &a.Lots[i]
		var winner, price any
		if l.Deal != nil {
			winner, price = l.Deal.Winner, l.Deal.PriceWan
		}
		var number string
		if l.Supply != nil {
			number = l.Supply.ENumber
		}
		values := []any{a.Number, a.RegionCode, a.Authority, a.Method, a.AnnouncedOn, a.BiddingStart, a.BiddingEnd,
			l.Number, l.Location, l.AreaHa, l.LandUseOriginal, l.LandUseCode, orNil(l.TermYears), orNil(l.PlotRatioMin), orNil(l.PlotRatioMax),
			orNil(l.StartingPriceWan), orNil(l.DepositWan), l.Status, winner, price, number, a.ReviewStatus}
		if err := row(export.Row{Values: values}, nil); err != nil {
			return err
		}
	}
	return nil
}

// dealColumns are a deal's publicity.
var dealColumns = []export.Column{
	{Name: "announcement_number", Header: "公告编号", Type: export.Text}, {Name: "lot_number", Header: "宗地编号", Type: export.Text},
	{Name: "region_code", Header: "行政区代码", Type: export.Text}, {Name: "winner", Header: "竞得人", Type: export.Text},
	{Name: "price_wan", Header: "成交价(万元)", Type: export.Number}, {Name: "deal_on", Header: "成交时间", Type: export.Date},
	{Name: "publicity_start", Header: "公示期起", Type: export.Date}, {Name: "publicity_end", Header: "公示期止", Type: export.Date},
	{Name: "review_status", Header: "审核状态", Type: export.Text}, {Name: "late", Header: "迟报", Type: export.Bool},
}

func dealValues(d *land.Deal) []any {
	return []any{d.AnnouncementNumber, d.LotNumber, d.RegionCode, d.Winner, d.PriceWan, d.DealOn, d.PublicityStart, d.PublicityEnd, d.ReviewStatus, d.Late}
}

// statisticsColumns are the figures of GET /statistics, a group a row.
var statisticsColumns = []export.Column{
	{Name: "key", Header: "代码", Type: export.Text}, {Name: "name", Header: "名称", Type: export.Text},
	{Name: "count", Header: "宗数", Type: export.Integer}, {Name: "area_ha", Header: "面积(公顷)", Type: export.Number},
	{Name: "price_wan", Header: "成交价款(万元)", Type: export.Number}, {Name: "share", Header: "宗数占比", Type: export.Number},
	{Name: "area_share", Header: "面积占比", Type: export.Number}, {Name: "avg_price_per_m2", Header: "平均地价(元/平方米)", Type: export.Number},
	{Name: "median_price_per_m2", Header: "地价中位数(元/平方米)", Type: export.Number},
	{Name: "previous_count", Header: "上年同期宗数", Type: export.Integer}, {Name: "previous_area_ha", Header: "上年同期面积(公顷)", Type: export.Number},
	{Name: "previous_price_wan", Header: "上年同期成交价款(万元)", Type: export.Number},
}

// statisticsRows are the statistics' figures: computed whole by the store
// (a group a row, a few hundred at most), then written.
func statisticsRows(s *Server, r *http.Request) (exportRows, error) {
	_, items, _, err := s.statisticsItems(r)
	if err != nil {
		return nil, err
	}
	return func(row emit) error {
		for _, it := range items {
			var pc, pa, pp any
			if it.Previous != nil {
				pc, pa, pp = int64(it.Previous.Count), it.Previous.AreaHa, it.Previous.PriceWan
			}
			values := []any{it.Key, it.Name, int64(it.Count), it.AreaHa, it.PriceWan, it.Share, it.AreaShare, it.AvgPricePerM2,
				orNil(it.MedianPricePerM2), pc, pa, pp}
			if err := row(export.Row{Values: values}, nil); err != nil {
				return err
			}
		}
		return nil
	}, nil
}
