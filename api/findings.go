package api

import (
	"net/http"
	"strconv"
	"time"

	"github.com/gorilla/mux"

	"landwatch/land"
	"landwatch/photo"
	"landwatch/sql"
)

// findingID reads the {id} of a finding path.
func findingID(r *http.Request) (int64, error) {
	v := mux.Vars(r)["id"]
	id, err := strconv.ParseInt(v, 10, 64)
	if err != nil || id <= 0 {
		return 0, land.Invalid("id", "%q is not a finding id", v)
	}
	return id, nil
}

// getFinding is GET /findings/{id}: the finding and every move it made.
func (s *Server) getFinding(w http.ResponseWriter, r *http.Request) error {
	id, err := findingID(r)
	if err != nil {
		return err
	}
	items, _, _, err := s.store.ListFindings(r.Context(), sql.FindingFilter{ID: id, Limit: 1})
	if err != nil {
		return err
	}
	if len(items) == 0 {
		return &land.Error{Code: land.CodeNotFound, Field: "id", Message: "no finding " + strconv.FormatInt(id, 10)}
	}
	steps, err := s.store.FindingSteps(r.Context(), id)
	if err != nil {
		return err
	}
	s.writeJSON(w, http.StatusOK, "", struct {
		sql.Finding
		Steps []sql.FindingStep `json:"steps"`
	}{items[0], steps})
	return nil
}

// moveFinding is PATCH /findings/{id} with {"status", "assignee", "reason"}
// (and "document_no", "decided_on", "cause" or "measure" for the
// determination and disposal of idle land): assign a finding, determine or
// dismiss it, …
func (s *Server) moveFinding(w http.ResponseWriter, r *http.Request) error {
	id, err := findingID(r)
	if err != nil {
		return err
	}
	var in land.FindingMove
	if err := decodeJSON(r, &in); err != nil {
		return err
	}
	f, err := s.store.MoveFinding(r.Context(), actor(r), id, in)
	if err != nil {
		return err
	}
	s.writeJSON(w, http.StatusOK, "", f)
	return nil
}

// workdays is GET /workdays?from=DATE&add=N: the last allowed day of
// "within N working days after DATE" (DESIGN §4.1).
func (s *Server) workdays(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	if err := onlyParams(q, "from", "add"); err != nil {
		return err
	}
	from, err := land.ParseDate(q.Get("from"))
	if err != nil || from.IsZero() {
		return land.Invalid("from", "%q is not a date such as 2026-09-30", q.Get("from"))
	}
	n, err := strconv.Atoi(q.Get("add"))
	if err != nil || n < 0 || n > 3650 {
		return land.Invalid("add", "%q is not a number of working days from 0 to 3650", q.Get("add"))
	}
	if s.calendar == nil {
		return land.Errorf(land.CodeInternal, "no working-day calendar is loaded")
	}
	last, fallback := s.calendar.AddWorkdays(from, n)
	s.writeJSON(w, http.StatusOK, "", map[string]any{"from": from, "add": n, "last_day": last, "weekends_only": fallback})
	return nil
}

// timeliness is GET /timeliness?region=&from=&to=: events recorded on time
// and late, by the regions one level below region.
func (s *Server) timeliness(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	if err := onlyParams(q, "region", "from", "to"); err != nil {
		return err
	}
	region := q.Get("region")
	if region != "" && (len(region) != 6 || !digits(region)) {
		return land.Invalid("region", "%q is not a 6-digit region code", region)
	}
	var days [2]land.Date
	for i, name := range []string{"from", "to"} {
		if v := q.Get(name); v != "" {
			d, err := land.ParseDate(v)
			if err != nil || d.IsZero() {
				return land.Invalid(name, "%q is not a date such as 2026-01-01", v)
			}
			days[i] = d
		}
	}
	items, err := s.store.TimelinessByRegion(r.Context(), region, days[0], days[1])
	if err != nil {
		return err
	}
	s.writeJSON(w, http.StatusOK, "", map[string]any{"items": items, "total": len(items), "next": nil})
	return nil
}

// verify is POST /findings/{id}/verifications: a field team's record made
// on site, with photos (base64 in JSON). A position far from the parcel is
// refused.
func (s *Server) verify(w http.ResponseWriter, r *http.Request) error {
	id, err := findingID(r)
	if err != nil {
		return err
	}
	var in struct {
		Lon            float64   `json:"lon"`
		Lat            float64   `json:"lat"`
		AccuracyM      float64   `json:"accuracy_m"`
		ObservedAt     time.Time `json:"observed_at"`
		Verdict        string    `json:"verdict"`
		DevelopedShare *float64  `json:"developed_share"`
		InvestedShare  *float64  `json:"invested_share"`
		Notes          string    `json:"notes"`
		Photos         []struct {
			ContentType string `json:"content_type"`
			Data        []byte `json:"data"` // base64
		} `json:"photos"`
	}
	if err := decodeJSON(r, &in); err != nil {
		return err
	}
	v := sql.Verification{FindingID: id, Lon: in.Lon, Lat: in.Lat, AccuracyM: in.AccuracyM, ObservedAt: in.ObservedAt,
		Verdict: in.Verdict, DevelopedShare: in.DevelopedShare, InvestedShare: in.InvestedShare, Notes: in.Notes, Photos: []sql.Photo{}}
	for i, p := range in.Photos {
		field := "photos[" + strconv.Itoa(i) + "]"
		if p.ContentType != "image/jpeg" && p.ContentType != "image/png" {
			return land.Invalid(field+".content_type", "%q is not a photo type (image/jpeg, image/png)", p.ContentType)
		}
		info, err := photo.Read(p.Data, s.zone)
		if err != nil {
			return land.PrefixField(err, field)
		}
		if info.ContentType != p.ContentType {
			return land.Invalid(field+".content_type", "the photo is %s, not %s", info.ContentType, p.ContentType)
		}
		v.Photos = append(v.Photos, sql.Photo{ContentType: p.ContentType, Data: p.Data, TakenAt: info.TakenAt,
			Lon: info.Lon, Lat: info.Lat, Width: info.Width, Height: info.Height})
	}
	if err := s.store.AddVerification(r.Context(), actor(r), &v); err != nil {
		return err
	}
	s.writeJSON(w, http.StatusCreated, "", v)
	return nil
}
