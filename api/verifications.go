package api

import (
	"net/http"
	"strconv"
	"time"

	"landwatch/land"
	"landwatch/photo"
	"landwatch/sql"
)

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
	if err := s.svc.Verify(r.Context(), scope(r), &v); err != nil {
		return err
	}
	s.writeJSON(w, http.StatusCreated, "", v)
	return nil
}
