package api

import (
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/gorilla/mux"

	"landwatch/export"
	"landwatch/land"
	"landwatch/spatial"
	"landwatch/sql"
	"landwatch/supervision"
)

// exportKind is one collection that can be exported: its table's columns,
// the list filters it takes, and how it reads its records. A record kind
// is exported by one registration in exportKinds.
type exportKind struct {
	columns []export.Column
	// params are the query parameters it takes: its list's filters.
	params []string
	// coordinates tells whether the ministry's coordinate file (.txt) is
	// one of its formats: kinds made of parcels.
	coordinates bool
	// formats are its formats when not every one of export.Formats.
	formats []string
	// open reads the request's filters (an error before anything is
	// written) and returns what reads its records.
	open func(s *Server, r *http.Request) (exportRows, error)
	// drawnColumns and drawnOpen, when set, are the kind's table in the
	// formats that carry geometry: a record of several parcels is a
	// feature a parcel there (featurePerParcel).
	drawnColumns []export.Column
	drawnOpen    func(s *Server, r *http.Request) (exportRows, error)
}

// exportRows calls row with every record of an export, a page at a time;
// parcels are the record's parcels for the coordinate file.
type exportRows func(row func(r export.Row, parcels []land.Parcel) error) error

// exportKinds are the collections of GET /exports/{collection}.{format}.
var exportKinds = map[string]exportKind{
	"supplies": {columns: export.SupplyResultColumns, params: supplyExportParams, coordinates: true, open: supplyRows,
		drawnColumns: slices.Concat(export.SupplyResultColumns, supplyMapColumns, parcelFeatureColumns), drawnOpen: supplyParcelRows},
	"parcels":  {columns: parcelColumns, params: supplyExportParams, coordinates: true, open: parcelRows},
	"findings": {columns: findingColumns, params: findingParams, open: findingRows},
	"overlaps": {columns: overlapColumns, params: []string{"bbox", "region", "supply"}, open: overlapRows},
	"reserves": {columns: reserveColumns, params: reserveParams, open: reserveRows,
		drawnColumns: slices.Concat(reserveColumns, parcelFeatureColumns), drawnOpen: reserveParcelRows},
	"plans": {columns: planColumns, params: planParams, formats: tabular, open: listRows(parsePlanFilter,
		func(f *sql.PlanFilter, after int64, limit int) { f.After, f.Limit = after, limit },
		(*supervision.Service).ListPlans, func(x *land.Plan) int64 { return x.ID }, oneRow(planValues))},
	"transactions": {columns: transactionColumns, params: transactionParams, formats: tabular, open: listRows(parseTransactionFilter,
		func(f *sql.TransactionFilter, after int64, limit int) { f.After, f.Limit = after, limit },
		(*supervision.Service).ListTransactions, func(x *land.Transaction) int64 { return x.ID }, oneRow(transactionValues))},
	"announcements": {columns: lotColumns, params: announcementParams, formats: tabular, open: listRows(parseAnnouncementFilter,
		func(f *sql.AnnouncementFilter, after int64, limit int) { f.After, f.Limit = after, limit },
		(*supervision.Service).ListAnnouncements, func(x *land.Announcement) int64 { return x.ID }, lotRows)},
	"deals": {columns: dealColumns, params: dealParams, formats: tabular, open: listRows(parseDealFilter,
		func(f *sql.DealFilter, after int64, limit int) { f.After, f.Limit = after, limit },
		(*supervision.Service).ListDeals, func(x *land.Deal) int64 { return x.ID }, oneRow(dealValues))},
	"statistics": {columns: statisticsColumns, params: statisticsParams, formats: tabular, open: statisticsRows},
}

// supplyExportParams are the supply list's filters, without its paging.
var supplyExportParams = []string{"region", "method", "land_use", "stage", "from", "to", "bbox", "q", "overdue", "review", "mine", "late", "collective"}

// exportFile is GET /exports/{collection}.{format}: every record of a
// collection that its list's filters select, in the formats of its kind
// (GeoPackage, GeoJSON, CSV, Excel workbook; for parcels and supplies the
// ministry's coordinate file too), streamed as the store is read a page
// at a time. The answer's status and headers are sent before the first
// record: an error after them ends the body short (the client sees a
// broken transfer) and is logged.
func (s *Server) exportFile(w http.ResponseWriter, r *http.Request) error {
	name, ext := mux.Vars(r)["collection"], mux.Vars(r)["format"]
	kind, ok := exportKinds[name]
	if !ok {
		return land.Errorf(land.CodeNotFound, "no export of %q (expected %s)", name, strings.Join(exportNames(), ", "))
	}
	format, ok := export.Formats[ext]
	if kind.formats != nil && !slices.Contains(kind.formats, ext) {
		ok = false
	}
	if ext == "txt" && kind.coordinates {
		format, ok = export.Format{Ext: "txt", ContentType: "text/plain; charset=GBK", Geometry: true}, true
	}
	if !ok {
		return land.Invalid("format", "%s export as %s, not %q", name, strings.Join(exportFormats(kind), ", "), ext)
	}
	if err := onlyParams(r.URL.Query(), kind.params...); err != nil {
		return err
	}
	if format.Geometry && ext != "txt" && kind.drawnOpen != nil {
		kind.columns, kind.open = kind.drawnColumns, kind.drawnOpen
	}
	each, err := kind.open(s, r)
	if err != nil {
		return err
	}
	h := w.Header()
	h.Set("Content-Type", format.ContentType)
	h.Set("Content-Disposition", `attachment; filename="`+name+"."+ext+`"`)
	h.Set("Cache-Control", "no-store")
	if ext == "txt" {
		return s.exportCoordinates(w, each)
	}
	out, err := export.New(ext, w, name, kind.columns)
	if err != nil {
		return err
	}
	err = each(func(row export.Row, _ []land.Parcel) error {
		if !format.Geometry {
			row.Geometry = nil
		}
		return out.Write(row)
	})
	if err == nil {
		err = out.Close()
	} else {
		_ = out.Close()
	}
	return err
}

// exportCoordinates writes the parcels of a kind's records as the
// ministry's coordinate file, in GBK, each parcel in its own 3° zone.
func (s *Server) exportCoordinates(w http.ResponseWriter, each exportRows) error {
	cf, err := export.NewCoordinateFile(w, export.CoordinateHeader{Producer: "landwatch", Date: land.DateOf(time.Now().In(s.zone)), GBK: true})
	if err != nil {
		return err
	}
	seen := map[int64]bool{}
	err = each(func(row export.Row, parcels []land.Parcel) error {
		for _, p := range parcels {
			if seen[p.ID] {
				continue
			}
			seen[p.ID] = true
			z, _, ok := spatial.ZoneOfEPSG(p.GKEPSG)
			if !ok {
				z = spatial.Zone3Of(p.Geometry.Bound().Center().Lon())
			}
			sup := row.Values
			use := land.LandUseName(p.LandUse)
			if err := cf.Parcel(export.CoordinateParcel{Number: text(sup[1]), Name: p.Name, Use: use, UseCode: p.LandUse, Geometry: p.Geometry}, z); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	return cf.Flush()
}

func text(v any) string { s, _ := v.(string); return s }

// supplyExportFilter reads the supply list's filters of an export.
func supplyExportFilter(r *http.Request) (sql.SupplyFilter, error) {
	q := r.URL.Query()
	f, err := parseSupplyParams(q, 1000)
	if err != nil {
		return f, err
	}
	return f, ownWork(q, scope(r), &f)
}

// supplyRecords reads the supplies of an export, with their parcels, the
// rows of each made by rowsOf.
func supplyRecords(s *Server, r *http.Request, rowsOf func(*land.Supply, func(export.Row, []land.Parcel) error) error) (exportRows, error) {
	f, err := supplyExportFilter(r)
	if err != nil {
		return nil, err
	}
	return func(row func(export.Row, []land.Parcel) error) error {
		return s.svc.EachSupply(r.Context(), scope(r), f, s.exportPage, func(sup *land.Supply) error {
			if err := r.Context().Err(); err != nil {
				return err
			}
			return rowsOf(sup, row)
		})
	}, nil
}

// supplyRows are the supplies a row each, for the tables without geometry
// and the coordinate file (which draws each row's parcels).
func supplyRows(s *Server, r *http.Request) (exportRows, error) {
	return supplyRecords(s, r, func(sup *land.Supply, row func(export.Row, []land.Parcel) error) error {
		return row(export.Row{Values: export.SupplyResult(sup)}, sup.Parcels)
	})
}

// parcelFeatureColumns follow a record's columns in a feature of one of
// its parcels, named as the importer reads a parcel's own properties.
var parcelFeatureColumns = []export.Column{
	{Name: "parcel_number", Header: "地块编号", Type: export.Text}, {Name: "parcel_name", Header: "地块名称", Type: export.Text},
	{Name: "declared_area_ha", Header: "申报面积(公顷)", Type: export.Number}, {Name: "parcel_land_use", Header: "地块地类编码", Type: export.Text},
}

// featurePerParcel writes a record of values a feature a parcel, the
// parcel's columns (parcelFeatureColumns) after the record's; a record
// without parcels is one feature without geometry. Its parcels as one
// MultiPolygon would lose their numbers, be invalid where two share an
// edge, and not import again as they were.
func featurePerParcel(values []any, parcels []land.Parcel, row emit) error {
	if len(parcels) == 0 {
		return row(export.Row{Values: append(values, nil, nil, nil, nil)}, nil)
	}
	for i, p := range parcels {
		v := append(slices.Clip(values), p.Number, p.Name, declaredArea(p), p.LandUse)
		if err := row(export.Row{Values: v, Geometry: p.Geometry}, parcels[i:i+1]); err != nil {
			return err
		}
	}
	return nil
}

// supplyMapColumns follow a supply's result columns in its features: what
// a GIS user styles and filters the parcels by, as the map does (the
// stage's code, as the tiles carry it). The importer reads the first two
// and leaves the stage, which landwatch derives from the events.
var supplyMapColumns = []export.Column{
	{Name: "region_code", Header: "行政区代码", Type: export.Text}, {Name: "land_use_code", Header: "土地用途代码", Type: export.Text},
	{Name: "stage", Header: "开发阶段", Type: export.Text},
}

// supplyParcelRows are the supplies a feature a parcel.
func supplyParcelRows(s *Server, r *http.Request) (exportRows, error) {
	return supplyRecords(s, r, func(sup *land.Supply, row emit) error {
		values := append(export.SupplyResult(sup), sup.RegionCode, sup.LandUseCode, string(sup.Stage))
		return featurePerParcel(values, sup.Parcels, row)
	})
}

// declaredArea is a parcel's declared area, nil when none was declared.
func declaredArea(p land.Parcel) any {
	if p.DeclaredAreaHa == 0 {
		return nil
	}
	return p.DeclaredAreaHa
}

// parcelColumns are the columns of the parcels export: the parcel's, then
// its supply's number, project and contract date.
var parcelColumns = []export.Column{
	{Name: "e_number", Header: "电子监管号", Type: export.Text}, {Name: "number", Header: "地块编号", Type: export.Text},
	{Name: "name", Header: "地块名称", Type: export.Text}, {Name: "land_use", Header: "地类编码", Type: export.Text},
	{Name: "declared_area_ha", Header: "申报面积(公顷)", Type: export.Number}, {Name: "plane_area_m2", Header: "平面面积(平方米)", Type: export.Number},
	{Name: "gk_epsg", Header: "高斯-克吕格投影(EPSG)", Type: export.Integer}, {Name: "region_code", Header: "行政区代码", Type: export.Text},
	{Name: "project_name", Header: "项目名称", Type: export.Text}, {Name: "contract_date", Header: "合同签订日期", Type: export.Date},
}

func parcelRows(s *Server, r *http.Request) (exportRows, error) {
	return supplyRecords(s, r, func(sup *land.Supply, row func(export.Row, []land.Parcel) error) error {
		for i, p := range sup.Parcels {
			values := []any{sup.ENumber, p.Number, p.Name, p.LandUse, declaredArea(p), p.PlaneAreaM2, int64(p.GKEPSG), sup.RegionCode, sup.ProjectName, sup.ContractDate}
			if err := row(export.Row{Values: values, Geometry: p.Geometry}, sup.Parcels[i:i+1]); err != nil {
				return err
			}
		}
		return nil
	})
}

// findingColumns are the columns of the findings export.
var findingColumns = []export.Column{
	{Name: "id", Header: "编号", Type: export.Integer}, {Name: "kind", Header: "类型", Type: export.Text},
	{Name: "rule", Header: "规则", Type: export.Text}, {Name: "grade", Header: "等级", Type: export.Text},
	{Name: "status", Header: "状态", Type: export.Text}, {Name: "assignee", Header: "承办人", Type: export.Text},
	{Name: "region_code", Header: "行政区代码", Type: export.Text}, {Name: "e_number", Header: "电子监管号", Type: export.Text},
	{Name: "other_e_number", Header: "另一方电子监管号", Type: export.Text}, {Name: "elsewhere", Header: "另一方在他区", Type: export.Bool},
	{Name: "detected_on", Header: "发现日期", Type: export.Date}, {Name: "figures", Header: "数据", Type: export.Text},
}

func findingRows(s *Server, r *http.Request) (exportRows, error) {
	f, err := s.parseFindingFilter(r, r.URL.Query())
	if err != nil {
		return nil, err
	}
	return func(row func(export.Row, []land.Parcel) error) error {
		return s.svc.EachFinding(r.Context(), scope(r), f, s.exportPage, func(x *sql.Finding) error {
			if err := r.Context().Err(); err != nil {
				return err
			}
			values := []any{x.ID, x.Kind, x.Rule, x.Grade, x.Status, x.Assignee, x.RegionCode, x.ENumber, x.OtherENumber, x.Elsewhere,
				land.DateOf(x.DetectedAt.In(s.zone)), string(x.Figures)}
			return row(export.Row{Values: values}, nil)
		})
	}, nil
}

// overlapColumns are the columns of the overlaps export.
var overlapColumns = []export.Column{
	{Name: "e_number_a", Header: "甲方电子监管号", Type: export.Text}, {Name: "parcel_a", Header: "甲方宗地", Type: export.Integer},
	{Name: "region_a", Header: "甲方行政区代码", Type: export.Text},
	{Name: "e_number_b", Header: "乙方电子监管号", Type: export.Text}, {Name: "parcel_b", Header: "乙方宗地", Type: export.Integer},
	{Name: "region_b", Header: "乙方行政区代码", Type: export.Text},
	{Name: "area_m2", Header: "重叠面积(平方米)", Type: export.Number}, {Name: "share_a", Header: "占甲方比例", Type: export.Number},
	{Name: "share_b", Header: "占乙方比例", Type: export.Number}, {Name: "elsewhere", Header: "乙方在他区", Type: export.Bool},
}

// eachOverlapRow writes the pairs the index measures: they are computed
// whole in memory by the engine (as the list does), then written.
func overlapRows(s *Server, r *http.Request) (exportRows, error) {
	where, err := s.parseOverlapScope(r, r.URL.Query())
	if err != nil {
		return nil, err
	}
	return func(row func(export.Row, []land.Parcel) error) error {
		pairs, err := s.svc.Overlaps(r.Context(), scope(r), where, 2)
		if err != nil {
			return err
		}
		for _, p := range pairs {
			values := []any{p.A.ENumber, p.A.ParcelID, p.A.Region, p.B.ENumber, p.B.ParcelID, p.B.Region, p.AreaM2, p.ShareA, p.ShareB, p.Elsewhere}
			if err := row(export.Row{Values: values}, nil); err != nil {
				return err
			}
		}
		return nil
	}, nil
}

// exportNames lists the collections that can be exported.
func exportNames() []string {
	out := []string{}
	for name := range exportKinds {
		out = append(out, name)
	}
	slices.Sort(out)
	return out
}

// exportFormats lists the formats of a collection.
func exportFormats(kind exportKind) []string {
	out := slices.Clone(kind.formats)
	if out == nil {
		for ext := range export.Formats {
			out = append(out, ext)
		}
	}
	if kind.coordinates {
		out = append(out, "txt")
	}
	slices.Sort(out)
	return out
}
