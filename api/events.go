package api

import (
	"net/http"
	"strconv"

	"github.com/gorilla/mux"

	"landwatch/land"
)

// addEvent is POST /supplies/{id}/events: an event of the supply's
// development (delivery, start, completion, …), which may move its stage.
// The answer's Location is the new event's address.
func (s *Server) addEvent(w http.ResponseWriter, r *http.Request) error {
	var e land.Event
	if err := decodeJSON(r, &e); err != nil {
		return err
	}
	ev, stage, err := s.svc.AddEvent(r.Context(), scope(r), mux.Vars(r)["id"], e)
	if err != nil {
		return err
	}
	w.Header().Set("Location", eventPath(ev))
	s.writeJSON(w, http.StatusCreated, "", struct {
		Event land.Event `json:"event"`
		Stage land.Stage `json:"stage"`
	}{ev, stage})
	return nil
}

// getEvent is GET /supplies/{id}/events/{event}: one recorded event of the
// supply.
func (s *Server) getEvent(w http.ResponseWriter, r *http.Request) error {
	v := mux.Vars(r)
	id, err := strconv.ParseInt(v["event"], 10, 64)
	if err != nil || id < 1 {
		return land.Invalid("event", "%q is not an event number", v["event"])
	}
	sup, err := s.svc.GetSupply(r.Context(), scope(r), v["id"])
	if err != nil {
		return err
	}
	for _, e := range sup.Events {
		if e.ID == id {
			s.writeJSON(w, http.StatusOK, "", e)
			return nil
		}
	}
	return &land.Error{Code: land.CodeNotFound, Field: "event", Message: "supply " + sup.ENumber + " has no event " + v["event"]}
}

// eventPath is the address of a recorded event.
func eventPath(e land.Event) string {
	return "/api/v1/supplies/" + strconv.FormatInt(e.SupplyID, 10) + "/events/" + strconv.FormatInt(e.ID, 10)
}
