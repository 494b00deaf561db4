package seed

import (
	"bufio"
	"encoding/json"
	"io"
	"strconv"

	"github.com/paulmach/orb"

	"landwatch/export"
	"landwatch/land"
)

// featureProperties are the properties of one parcel's feature: the
// supply's fields under the JSON names of land.Supply, the actual start
// and completion (as the published records give them), and the parcel's
// own fields. Database bookkeeping (id, version, review status) is left out.
type featureProperties struct {
	land.Supply
	ID           *int64  `json:"id,omitempty"`
	Version      *int    `json:"version,omitempty"`
	ReviewStatus *string `json:"review_status,omitempty"`
	// Installments in the published text form "1|2019-01-30|10484.0000; …".
	Installments     string    `json:"installments,omitzero"`
	ActualStart      land.Date `json:"actual_start,omitzero"`
	ActualCompletion land.Date `json:"actual_completion,omitzero"`

	parcelProperties
}

// parcelProperties are the fields of the parcel itself; a supply's second
// and later parcels carry only these, its e-supervision number, use and
// stage, so that an import makes one supply of them.
type parcelProperties struct {
	ParcelNumber   string  `json:"parcel_number"`
	ParcelName     string  `json:"parcel_name"`
	DeclaredAreaHa float64 `json:"declared_area_ha"`
	PlaneAreaM2    float64 `json:"plane_area_m2"`
	GKEPSG         int     `json:"gk_epsg"`
}

// laterParcelProperties are those of a supply's second and later parcels.
type laterParcelProperties struct {
	ENumber     string     `json:"e_number"`
	LandUseCode string     `json:"land_use_code"`
	Stage       land.Stage `json:"stage"`
	parcelProperties
}

// WriteGeoJSON writes the demo's parcels as an RFC 7946 FeatureCollection,
// one feature per parcel (Polygon, or MultiPolygon for a parcel in parts)
// in longitude/latitude with 8 decimals. The first parcel of each supply
// carries the supply's properties; the others name it by e_number. It
// returns the first write error.
func WriteGeoJSON(w io.Writer, d *Demo) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	bw.WriteString(`{"type":"FeatureCollection","features":[`)
	first := true
	buf := make([]byte, 0, 4096)
	for i := range d.Supplies {
		s := &d.Supplies[i]
		for k := range s.Parcels {
			pc := &s.Parcels[k]
			pp := parcelProperties{
				ParcelNumber: pc.Number, ParcelName: pc.Name, DeclaredAreaHa: pc.DeclaredAreaHa,
				PlaneAreaM2: round(pc.PlaneAreaM2, 3), GKEPSG: pc.GKEPSG,
			}
			var props any = laterParcelProperties{ENumber: s.ENumber, LandUseCode: s.LandUseCode, Stage: s.Stage, parcelProperties: pp}
			if k == 0 {
				fp := featureProperties{Supply: *s, Installments: installmentText(s.Installments, "2006-01-02"), parcelProperties: pp}
				fp.Supply.Parcels, fp.Supply.Events, fp.Supply.Installments = nil, nil, nil
				fp.ActualStart, fp.ActualCompletion = actualDates(s.Events)
				props = fp
			}
			js, err := json.Marshal(props)
			if err != nil {
				return land.Wrap(land.CodeInternal, err, "encode supply %s", s.ENumber)
			}
			buf = buf[:0]
			if !first {
				buf = append(buf, ',')
			}
			first = false
			buf = append(buf, "\n{\"type\":\"Feature\",\"id\":"...)
			buf = strconv.AppendQuote(buf, s.ENumber+"/"+pc.Number)
			buf = append(buf, ",\"properties\":"...)
			buf = append(buf, js...)
			buf = append(buf, ",\"geometry\":"...)
			buf = appendGeometry(buf, pc.Geometry)
			buf = append(buf, '}')
			if _, err := bw.Write(buf); err != nil {
				return err
			}
		}
	}
	bw.WriteString("\n]}\n")
	return bw.Flush()
}

// appendGeometry writes mp as a GeoJSON Polygon when it has one part,
// else as a MultiPolygon, with 8 decimals (about a millimetre).
func appendGeometry(buf []byte, mp orb.MultiPolygon) []byte {
	polygon := func(buf []byte, p orb.Polygon) []byte {
		buf = append(buf, '[')
		for i, ring := range p {
			if i > 0 {
				buf = append(buf, ',')
			}
			buf = append(buf, '[')
			for j, pt := range ring {
				if j > 0 {
					buf = append(buf, ',')
				}
				buf = append(buf, '[')
				buf = strconv.AppendFloat(buf, pt[0], 'f', 8, 64)
				buf = append(buf, ',')
				buf = strconv.AppendFloat(buf, pt[1], 'f', 8, 64)
				buf = append(buf, ']')
			}
			buf = append(buf, ']')
		}
		return append(buf, ']')
	}
	if len(mp) == 1 {
		buf = append(buf, `{"type":"Polygon","coordinates":`...)
		return append(polygon(buf, mp[0]), '}')
	}
	buf = append(buf, `{"type":"MultiPolygon","coordinates":[`...)
	for i, p := range mp {
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = polygon(buf, p)
	}
	return append(buf, "]}"...)
}

// installmentText writes instalments the way the published records do:
// "1|2019年01月30日|10484.0000; 2|…", with dates in layout.
func installmentText(list []land.Installment, layout string) string {
	return export.InstallmentText(list, layout)
}

// dateText writes d in layout, or "" for none.
func dateText(d land.Date, layout string) string {
	if d.IsZero() {
		return ""
	}
	return d.Time().Format(layout)
}

// actualDates returns the days construction started and was completed.
func actualDates(events []land.Event) (start, completion land.Date) {
	for _, e := range events {
		switch e.Kind {
		case land.EventStart:
			start = e.OccurredOn
		case land.EventCompletion:
			completion = e.OccurredOn
		}
	}
	return start, completion
}
