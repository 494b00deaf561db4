package api

import (
	"bytes"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"landwatch/land"
)

func TestHandlerErrorsAreAnsweredInOnePlace(t *testing.T) {
	cases := []struct {
		name    string
		h       handler
		status  int
		body    string // a part of the answer
		hidden  string // what the answer must not show
		logged  string // a part of the log, "" for nothing logged
		problem bool
	}{
		{name: "an answer without error is left alone", status: http.StatusCreated, body: `{"id":1}`,
			h: func(w http.ResponseWriter, _ *http.Request) error {
				w.WriteHeader(http.StatusCreated)
				_, _ = w.Write([]byte(`{"id":1}`))
				return nil
			}},
		{name: "a land error is a problem naming its field", status: http.StatusBadRequest, body: `"field":"limit"`, problem: true,
			h: func(http.ResponseWriter, *http.Request) error {
				return land.Invalid("limit", "%q is not a number", "x")
			}},
		{name: "several invalid fields are listed in errors, the first also in field", status: http.StatusBadRequest,
			body: `"field":"area_ha","errors":[{"field":"area_ha","reason":"required"},{"field":"e_number","reason":"malformed"}]`, problem: true,
			h: func(http.ResponseWriter, *http.Request) error {
				return land.JoinInvalid(land.Invalid("area_ha", "required"), land.Invalid("e_number", "malformed"))
			}},
		{name: "a decoder's words that reached a message are said without Go's types", status: http.StatusBadRequest,
			body: `a JSON string where another kind of value is expected`, hidden: "float64", problem: true,
			h: func(http.ResponseWriter, *http.Request) error {
				return land.Wrap(land.CodeInvalid, errors.New("json: cannot unmarshal string into Go struct field .coordinates of type float64"), "coordinates")
			}},
		{name: "a 401 carries the challenge of the realm", status: http.StatusUnauthorized, body: `"status":401`, problem: true,
			h: func(http.ResponseWriter, *http.Request) error {
				return land.Errorf(land.CodeUnauthorized, "sign in first")
			}},
		{name: "an internal error is logged with its detail and shown as internal error", status: http.StatusInternalServerError,
			body: `"detail":"internal error"`, hidden: "10.0.0.5", logged: "10.0.0.5", problem: true,
			h: func(http.ResponseWriter, *http.Request) error { return errors.New("dial tcp 10.0.0.5:5432: refused") }},
		{name: "a whole problem document is answered as it is", status: http.StatusBadRequest, body: `"rejected":["line 3"]`, problem: true,
			h: func(http.ResponseWriter, *http.Request) error {
				return &Problem{Type: "about:blank", Title: "Bad Request", Status: http.StatusBadRequest, Detail: "1 problem", Rejected: []string{"line 3"}}
			}},
		{name: "an error after the answer began is logged, not written into it", status: http.StatusOK, body: `{"items":[]}`,
			hidden: "problem", logged: "the client went away",
			h: func(w http.ResponseWriter, _ *http.Request) error {
				_, _ = w.Write([]byte(`{"items":[]}`))
				return errors.New("the client went away")
			}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var log bytes.Buffer
			s := &Server{log: slog.New(slog.NewTextHandler(&log, nil))}
			rec := httptest.NewRecorder()
			status := s.answer(rec, httptest.NewRequest("GET", "/api/v1/supplies", nil), c.h)
			body := rec.Body.String()
			if status != c.status || rec.Code != c.status {
				t.Errorf("status %d (recorded %d), want %d", rec.Code, status, c.status)
			}
			if !strings.Contains(body, c.body) || (c.hidden != "" && strings.Contains(body, c.hidden)) {
				t.Errorf("answer %s, want %s in it and not %q", body, c.body, c.hidden)
			}
			if ct := rec.Header().Get("Content-Type"); (ct == "application/problem+json") != c.problem {
				t.Errorf("Content-Type %q", ct)
			}
			if got := rec.Header().Get("WWW-Authenticate"); (got != "") != (c.status == http.StatusUnauthorized) {
				t.Errorf("WWW-Authenticate %q on a %d", got, c.status)
			}
			if (c.logged == "") != (log.Len() == 0) || !strings.Contains(log.String(), c.logged) {
				t.Errorf("log %q, want %q", log.String(), c.logged)
			}
		})
	}
}
