package seed

import (
	"encoding/csv"
	"io"
	"strconv"

	"landwatch/export"
	"landwatch/land"
)

// supplyCSVHeader is the column layout of published supply results (供地结果)
// as land offices export them, the layout of the reference file.
func supplyCSVHeader() []string {
	header := make([]string, len(export.SupplyResultColumns))
	for i, c := range export.SupplyResultColumns {
		header[i] = c.Header
	}
	return header
}

// chineseDate is how the published records write a day: 2019年07月21日.
const chineseDate = "2006年01月02日"

// WriteSupplyCSV writes the demo's supplies as published supply results,
// one row per supply in the Chinese column layout of the reference CSV
// (UTF-8, CRLF line ends, dates as 2019年07月21日, methods by name, the actual start and
// completion from the events), so that the importer reads the demo the way
// it reads an office's export. It returns the first write error.
func WriteSupplyCSV(w io.Writer, d *Demo) error {
	cw := csv.NewWriter(w)
	cw.UseCRLF = true // as offices' exports (and the reference file) end lines
	if err := cw.Write(supplyCSVHeader()); err != nil {
		return err
	}
	number := func(v *float64, decimals int) string {
		if v == nil {
			return ""
		}
		return strconv.FormatFloat(*v, 'f', decimals, 64)
	}
	row := make([]string, 0, 23)
	for i := range d.Supplies {
		s := &d.Supplies[i]
		start, completion := actualDates(s.Events)
		row = append(row[:0],
			s.DistrictName, s.ENumber, s.ProjectName, s.Location,
			strconv.FormatFloat(s.AreaHa, 'f', 6, 64), s.SourceText, s.LandUseOriginal,
			land.MethodName(s.Method), s.TermText, s.Industry, s.LandGrade, number(s.PriceWan, 4),
			s.Holder, number(s.PlotRatioMin, 2), number(s.PlotRatioMax, 2),
			dateText(s.AgreedDelivery, chineseDate), dateText(s.AgreedStart, chineseDate),
			dateText(s.AgreedCompletion, chineseDate), dateText(start, chineseDate),
			dateText(completion, chineseDate), s.ApprovedBy, dateText(s.ContractDate, chineseDate),
			installmentText(s.Installments, chineseDate),
		)
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
