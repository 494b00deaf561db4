package importer

import (
	"bytes"
	"io"
	"path"
	"slices"
	"strings"

	"landwatch/land"
)

// Format is a kind of file Parse understands.
type Format string

// The formats of land office files.
const (
	FormatSupplyCSV  Format = "supply_csv"  // published supply results as CSV
	FormatSupplyJSON Format = "supply_json" // published supply results as a JSON array (landchina)
	FormatSupplyXLSX Format = "supply_xlsx" // published supply results as an Excel workbook (.xlsx)
	FormatReserveCSV Format = "reserve_csv" // reserves (土地收购储备) as CSV, keyed by 储备编号
	// FormatReserveXLSX is a workbook whose sheets held reserves only (a
	// workbook may hold sheets of both kinds; it is then FormatSupplyXLSX).
	FormatReserveXLSX Format = "reserve_xlsx"
	// FormatTransactionCSV is transfers, leases and mortgages (转让、出租、
	// 抵押) as CSV, keyed by 登记证明号 and told by a 交易类型 column;
	// FormatTransactionXLSX a workbook whose sheets held them only.
	FormatTransactionCSV  Format = "transaction_csv"
	FormatTransactionXLSX Format = "transaction_xlsx"
	FormatPlanCSV         Format = "plan_csv"  // supply plans (供地计划) as CSV, one row a region's year
	FormatPlanXLSX        Format = "plan_xlsx" // a workbook whose sheets held supply plans only
	// FormatAnnouncementCSV is announced lots (出让公告, one row a lot) as
	// CSV, keyed by 公告编号; FormatDealCSV deals (成交公示) as CSV.
	FormatAnnouncementCSV Format = "announcement_csv"
	FormatDealCSV         Format = "deal_csv"
	// FormatAnnouncementXLSX is a workbook whose sheets held announced
	// lots or deals only.
	FormatAnnouncementXLSX Format = "announcement_xlsx"
	FormatCoordinate       Format = "coordinate" // the ministry's coordinate text file
	FormatGeoJSON          Format = "geojson"    // RFC 7946 FeatureCollection
)

// CarriesCoordinates says whether files of the format hold boundaries:
// such files travel only on the internal networks (DESIGN §9).
func (f Format) CarriesCoordinates() bool { return f == FormatCoordinate || f == FormatGeoJSON }

// Options change how a file is read.
type Options struct {
	// Partial keeps the records of a GeoJSON file read before it breaks
	// off (truncated), instead of rejecting the file whole.
	Partial bool
	// Admit, when set, is asked by ReadStream of each file before its
	// records are delivered: its format, and whether it gave parcels (a
	// GeoJSON or coordinate file is asked before it is read, and says true). Its error
	// stops the reading; a *land.Error is named after the file.
	Admit func(name string, f Format, parcels bool) error
}

// Parse reads one file of any format this package knows, telling the format
// from the content (and the name's extension when the content leaves it
// open): an Excel workbook (.xlsx, a zip archive) is supply results, a
// legacy .xls workbook is rejected with a request to save it as .xlsx, a
// JSON array is supply results, a JSON object a GeoJSON
// FeatureCollection, text with [属性描述] / [地块坐标] or parcel header lines a
// coordinate file, and text whose first line names supply columns a CSV of
// supply results; a first line naming 储备编号 and no 电子监管号 makes a CSV
// (or a workbook's sheet) of reserves, and one naming 年度 and a class of
// land (商服用地, 住宅用地 … in hectares) a table of supply plans.
//
// It returns an error only when the file cannot be read at all: unreadable,
// neither UTF-8 nor GBK, or of no known format; the error is a CodeInvalid
// *land.Error whose Field is the file name. Everything else — bad records
// included — is in the Batch.
func Parse(name string, r io.Reader) (land.Batch, error) {
	b, _, err := ParseWith(name, r, Options{})
	return b, err
}

// ParseWith is Parse with options, and says which format the file was.
func ParseWith(name string, r io.Reader, opts Options) (land.Batch, Format, error) {
	data, err := readAll(name, r)
	if err != nil {
		return land.Batch{}, "", err
	}
	return parseData(name, data, opts)
}

// parseData is ParseWith on the file's bytes.
func parseData(name string, data []byte, opts Options) (land.Batch, Format, error) {
	switch {
	case bytes.HasPrefix(data, magicZip):
		b := parseSupplyXLSXBytes(name, data)
		switch {
		case len(b.Supplies) > 0:
		case len(b.Reserves) > 0 && len(b.Announcements)+len(b.Deals) == 0:
			return b, FormatReserveXLSX, nil
		case len(b.Announcements)+len(b.Deals) > 0 && len(b.Reserves) == 0:
			return b, FormatAnnouncementXLSX, nil
		case len(b.Transactions) > 0 && len(b.Reserves) == 0:
			return b, FormatTransactionXLSX, nil
		case len(b.Plans) > 0 && len(b.Reserves) == 0:
			return b, FormatPlanXLSX, nil
		}
		return b, FormatSupplyXLSX, nil
	case bytes.HasPrefix(data, magicOLE2):
		// Not "neither UTF-8 nor GBK": the clerk can fix this in Excel.
		return unreadable(name, land.Invalid("", "a legacy Excel workbook (.xls) or a password-protected one cannot be read: "+
			"open it in Excel or WPS, save it as an Excel Workbook (.xlsx) without a password, and import that")), FormatSupplyXLSX, nil
	}
	text, err := decodeFile(name, data)
	if err != nil {
		return land.Batch{}, "", err
	}
	return parseText(name, text, opts)
}

// parseText is ParseWith on a decoded text file.
func parseText(name, text string, opts Options) (land.Batch, Format, error) {
	switch f := DetectFormat(name, text); f {
	case FormatSupplyCSV:
		return parseSupplyCSVText(name, text), f, nil
	case FormatReserveCSV:
		return parseTableCSVText(reserveKind, name, text), f, nil
	case FormatTransactionCSV:
		return parseTableCSVText(transactionKind, name, text), f, nil
	case FormatPlanCSV:
		return parseTableCSVText(planKind, name, text), f, nil
	case FormatAnnouncementCSV:
		return parseTableCSVText(announcementKind, name, text), f, nil
	case FormatDealCSV:
		return parseTableCSVText(dealKind, name, text), f, nil
	case FormatSupplyJSON:
		return parseSupplyJSONText(name, text), f, nil
	case FormatCoordinate:
		return parseCoordinateText(name, text), f, nil
	case FormatGeoJSON:
		return parseGeoJSONText(name, text, opts), f, nil
	}
	return land.Batch{}, "", land.Invalid(name, "not a file of a known format: expected supply results (.csv, .xlsx or a JSON array), "+
		"a coordinate text file ([属性描述] … [地块坐标] …) or a GeoJSON FeatureCollection")
}

// DetectFormat tells the format of a decoded file from its content, using
// the extension of name only where the content fits more than one. It
// returns "" when the file fits none.
func DetectFormat(name, text string) Format {
	ext := strings.ToLower(path.Ext(strings.ReplaceAll(name, `\`, "/")))
	body := strings.TrimLeft(text, " \t\r\n\uFEFF")
	switch {
	case strings.HasPrefix(body, "["):
		if next := strings.TrimLeft(body[1:], " \t\r\n"); strings.HasPrefix(next, "{") || strings.HasPrefix(next, "]") || ext == ".json" {
			return FormatSupplyJSON
		}
		if strings.Contains(text, "[属性描述]") || strings.Contains(text, "[地块坐标]") {
			return FormatCoordinate
		}
		return ""
	case strings.HasPrefix(body, "{"):
		return FormatGeoJSON
	}
	first, _, _ := strings.Cut(body, "\n")
	switch headerKind(first) {
	case supplyKind:
		return FormatSupplyCSV
	case reserveKind:
		return FormatReserveCSV
	case transactionKind:
		return FormatTransactionCSV
	case planKind:
		return FormatPlanCSV
	case announcementKind:
		return FormatAnnouncementCSV
	case dealKind:
		return FormatDealCSV
	}
	if isParcelHeader(splitCoordLine(strings.TrimSpace(first))) || strings.Contains(text, "[地块坐标]") {
		return FormatCoordinate
	}
	switch ext {
	case ".csv":
		return FormatSupplyCSV
	case ".txt":
		return FormatCoordinate
	}
	return ""
}

// headerKind returns the kind of table whose key column a CSV line names,
// or nil.
func headerKind(line string) *tableKind {
	delim := string(sniffDelimiter(line))
	cells := strings.Split(line, delim)
	for i := range cells {
		cells[i] = strings.Trim(cells[i], `"`)
	}
	return kindOfHeader(cells)
}

// kindOfHeader returns the kind of table whose key column a header row
// names: transactions when it names their certificate (登记证明号) and
// kind (交易类型); supply results when it names the e-supervision number
// (a supply table may carry a reserve number or an announcement's beside
// it), deals when it names an announcement number and a winner, announced
// lots when it names an announcement number, reserves when it names the
// reserve number; else supply plans when it names the year and a class of
// land (年度, 住宅用地 …); nil for none.
func kindOfHeader(cells []string) *tableKind {
	for _, k := range []*tableKind{transactionKind, supplyKind, dealKind, announcementKind, reserveKind} {
		if k.namedBy(cells) {
			return k
		}
	}
	if isPlanHeader(cells) {
		return planKind
	}
	return nil
}

// namedBy says whether a header row names the kind's key and the other
// fields it needs.
func (k *tableKind) namedBy(cells []string) bool {
	for _, f := range append([]string{k.key}, k.also...) {
		if !slices.ContainsFunc(cells, func(h string) bool { return k.fieldOf(h) == f }) {
			return false
		}
	}
	return true
}
