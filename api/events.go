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
	if err := newEvent(&e); err != nil {
		return err
	}
	ev, stage, err := s.store.AddEvent(r.Context(), actor(r), mux.Vars(r)["id"], e)
	if err != nil {
		return err
	}
	s.writeJSON(w, http.StatusCreated, "", struct {
		Event land.Event `json:"event"`
		Stage land.Stage `json:"stage"`
	}{ev, stage})
	return nil
}

// newEvent clears what landwatch sets on an event sent by a user (who
// recorded it, that it was imported) and refuses a recording time: the
// lag of an entry is measured, never declared.
func newEvent(e *land.Event) error {
	e.ID, e.Imported, e.RecordedBy = 0, false, ""
	if !e.RecordedAt.IsZero() {
		return land.Invalid("recorded_at", "is set by landwatch when the event is recorded")
	}
	return nil
}
