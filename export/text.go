package export

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"io"
	"strconv"

	"github.com/paulmach/orb/geojson"

	"landwatch/land"
)

// textOf is a value as a CSV cell: numbers in full, dates as 2019-07-21,
// booleans as 是 or 否, nothing as an empty cell.
func textOf(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case int64:
		return strconv.FormatInt(x, 10)
	case int:
		return strconv.Itoa(x)
	case land.Date:
		if x.IsZero() {
			return ""
		}
		return x.String()
	case bool:
		if x {
			return "是"
		}
		return "否"
	}
	return ""
}

// csvWriter writes UTF-8 with a byte order mark, which Excel needs to read
// Chinese from a CSV file, and CRLF line ends as offices' exports have.
type csvWriter struct {
	cols []Column
	w    *csv.Writer
	row  []string
}

func newCSV(w io.Writer, cols []Column) (*csvWriter, error) {
	if _, err := io.WriteString(w, "\uFEFF"); err != nil {
		return nil, err
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	header := make([]string, len(cols))
	for i, c := range cols {
		header[i] = c.Header
	}
	if err := cw.Write(header); err != nil {
		return nil, err
	}
	return &csvWriter{cols: cols, w: cw, row: make([]string, len(cols))}, nil
}

func (c *csvWriter) Write(r Row) error {
	if err := checkRow(c.cols, r); err != nil {
		return err
	}
	for i, v := range r.Values {
		c.row[i] = textOf(v)
	}
	return c.w.Write(c.row)
}

func (c *csvWriter) Close() error {
	c.w.Flush()
	return c.w.Error()
}

// geoJSONWriter writes one FeatureCollection feature by feature.
type geoJSONWriter struct {
	cols  []Column
	w     *bufio.Writer
	count int
}

func newGeoJSON(w io.Writer, cols []Column) (*geoJSONWriter, error) {
	bw := bufio.NewWriterSize(w, 1<<16)
	_, err := bw.WriteString(`{"type":"FeatureCollection","features":[`)
	return &geoJSONWriter{cols: cols, w: bw}, err
}

func (g *geoJSONWriter) Write(r Row) error {
	if err := checkRow(g.cols, r); err != nil {
		return err
	}
	f := struct {
		Type       string            `json:"type"`
		Geometry   *geojson.Geometry `json:"geometry"`
		Properties map[string]any    `json:"properties"`
	}{Type: "Feature", Properties: make(map[string]any, len(g.cols))}
	if r.Geometry != nil {
		f.Geometry = geojson.NewGeometry(r.Geometry)
	}
	for i, c := range g.cols {
		f.Properties[c.Name] = r.Values[i]
	}
	b, err := json.Marshal(f)
	if err != nil {
		return err
	}
	if g.count > 0 {
		g.w.WriteByte(',')
	}
	g.count++
	_, err = g.w.Write(b)
	return err
}

func (g *geoJSONWriter) Close() error {
	g.w.WriteString("]}\n")
	return g.w.Flush()
}
