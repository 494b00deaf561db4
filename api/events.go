package api

import (
	"net/http"

	"github.com/gorilla/mux"

	"landwatch/land"
)

// addEvent is POST /supplies/{id}/events: an event of the supply's
// development (delivery, start, completion, …), which may move its stage.
func (s *Server) addEvent(w http.ResponseWriter, r *http.Request) error {
	var e land.Event
	if err := decodeJSON(r, &e); err != nil {
		return err
	}
	ev, stage, err := s.svc.AddEvent(r.Context(), scope(r), mux.Vars(r)["id"], e)
	if err != nil {
		return err
	}
	s.writeJSON(w, http.StatusCreated, "", struct {
		Event land.Event `json:"event"`
		Stage land.Stage `json:"stage"`
	}{ev, stage})
	return nil
}
