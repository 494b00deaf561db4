package api

import (
	"net/http"
	"strconv"

	"github.com/gorilla/mux"

	"landwatch/land"
)

// correctEvent is PUT /supplies/{id}/events/{event}: a correction of a
// recorded event, {"event": {...}, "reason": "..."}, the event as it should
// read (its version the one the person saw, 0 for any) and why. The old
// version stays in the supply's history.
func (s *Server) correctEvent(w http.ResponseWriter, r *http.Request) error {
	var body struct {
		Event  *land.Event `json:"event"`
		Reason string      `json:"reason"`
	}
	if err := decodeJSON(r, &body); err != nil {
		return err
	}
	if body.Event == nil {
		return land.Invalid("event", "the corrected event is required")
	}
	return s.changeEvent(w, r, land.EventChange{Version: body.Event.Version, Reason: body.Reason, Event: body.Event})
}

// withdrawEvent is POST /supplies/{id}/events/{event}/withdrawal: the event
// was entered in error, {"reason": "...", "version": n}. It is kept, marked
// withdrawn, and no longer counts.
func (s *Server) withdrawEvent(w http.ResponseWriter, r *http.Request) error {
	var body struct {
		Reason  string `json:"reason"`
		Version int    `json:"version"`
	}
	if err := decodeJSON(r, &body); err != nil {
		return err
	}
	return s.changeEvent(w, r, land.EventChange{Version: body.Version, Reason: body.Reason})
}

// changeEvent makes the change c of the event the path names and answers
// the event and the supply's stage as addEvent does.
func (s *Server) changeEvent(w http.ResponseWriter, r *http.Request, c land.EventChange) error {
	v := mux.Vars(r)
	id, err := strconv.ParseInt(v["event"], 10, 64)
	if err != nil || id < 1 {
		return land.Invalid("event", "%q is not an event number", v["event"])
	}
	c.ID = id
	ev, stage, err := s.svc.ChangeEvent(r.Context(), scope(r), v["id"], c)
	if err != nil {
		return err
	}
	s.writeJSON(w, http.StatusOK, "", struct {
		Event land.Event `json:"event"`
		Stage land.Stage `json:"stage"`
	}{ev, stage})
	return nil
}
