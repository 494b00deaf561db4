package api

import (
	"net/http"
	"net/url"
	"strconv"

	"landwatch/land"
	"landwatch/sql"
)

// statisticsItem is one figure of GET /statistics: the fields of DESIGN §8
// and the shares, prices per m², last year's month and the list of the
// records behind it.
type statisticsItem struct {
	Key       string  `json:"key"`
	Name      string  `json:"name"`
	Count     int     `json:"count"`
	AreaHa    float64 `json:"area_ha"`
	PriceWan  float64 `json:"price_wan"`
	Share     float64 `json:"share"`      // of the number of supplies
	AreaShare float64 `json:"area_share"` // of their area
	// 元/m² of the supplies sold for a price
	AvgPricePerM2    float64      `json:"avg_price_per_m2"`
	MedianPricePerM2 *float64     `json:"median_price_per_m2,omitempty"`
	Previous         *sql.Figures `json:"previous_year,omitempty"`
	PreviousURL      string       `json:"previous_year_url,omitempty"`
	URL              string       `json:"url"`
}

// statistics is GET /statistics?group=&region=&level=&from=&to=: the
// approved supplies of the caller's subtree (or region's) with a contract
// in the period, by group; each figure links to its records.
func (s *Server) statistics(w http.ResponseWriter, r *http.Request) error {
	if err := onlyParams(r.URL.Query(), statisticsParams...); err != nil {
		return err
	}
	group, items, st, err := s.statisticsItems(r)
	if err != nil {
		return err
	}
	s.writeJSON(w, http.StatusOK, "", map[string]any{
		"group": group, "items": items, "total": len(items), "next": nil,
		"overall": map[string]any{"count": st.Overall.Count, "area_ha": st.Overall.AreaHa, "price_wan": st.Overall.PriceWan,
			"avg_price_per_m2": st.Overall.AvgPricePerM2(), "url": supplyListURL(st.Records)},
	})
	return nil
}

// statisticsParams are the parameters of the statistics (and their export).
var statisticsParams = []string{"group", "region", "level", "from", "to"}

// statisticsItems reads the statistics' parameters and answers their
// figures, for the page and the export alike.
func (s *Server) statisticsItems(r *http.Request) (land.StatisticsGroup, []statisticsItem, *sql.Statistics, error) {
	q := r.URL.Query()
	var sq sql.StatisticsQuery
	sq.Group = land.StatisticsGroup(q.Get("group"))
	if sq.Group == "" {
		return "", nil, nil, land.Invalid("group", "is required (one of %v)", land.StatisticsGroups)
	}
	var err error
	if _, sq.Region, err = parseReviewRegion(q); err != nil {
		return "", nil, nil, err
	}
	sq.Level = q.Get("level")
	if err := parseDateRange(q, &sq.From, &sq.To); err != nil {
		return "", nil, nil, err
	}
	st, err := s.svc.Statistics(r.Context(), scope(r), sq)
	if err != nil {
		return "", nil, nil, err
	}
	items := make([]statisticsItem, 0, len(st.Items))
	for _, it := range st.Items {
		out := statisticsItem{Key: it.Key, Name: it.Name, Count: it.Count, AreaHa: it.AreaHa, PriceWan: it.PriceWan,
			AvgPricePerM2: it.AvgPricePerM2(), URL: supplyListURL(it.Records)}
		if st.Overall.Count > 0 {
			out.Share = float64(it.Count) / float64(st.Overall.Count)
		}
		if st.Overall.AreaHa > 0 {
			out.AreaShare = it.AreaHa / st.Overall.AreaHa
		}
		if sq.Group == land.ByLandUse || sq.Group == land.ByHousing {
			m := it.MedianPricePerM2
			out.MedianPricePerM2 = &m
		}
		if it.Previous != nil {
			out.Previous = it.Previous
			prev := it.Records
			prev.From, prev.To = prev.From.AddYears(-1), prev.To.AddYears(-1)
			out.PreviousURL = supplyListURL(prev)
		}
		items = append(items, out)
	}
	return sq.Group, items, st, nil
}

// supplyListURL is the supply list that gives exactly the supplies of f.
func supplyListURL(f sql.SupplyFilter) string {
	v := url.Values{}
	for name, value := range map[string]string{"region": f.Region, "method": f.Method, "land_use": f.LandUse, "housing": f.Housing,
		"from": f.From.String(), "to": f.To.String(), "review": f.Review, "region_exact": strconv.FormatBool(f.RegionExact)} {
		if value == "false" {
			continue
		}
		if value != "" {
			v.Set(name, value)
		}
	}
	return "/api/v1/supplies?" + v.Encode()
}
