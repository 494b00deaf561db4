// Package api is landwatch's HTTP layer: routes, request parsing, and the
// mapping of land errors to HTTP statuses and RFC 9457 problem documents.
// Handlers are thin: they parse, call the store, and write; they return
// their errors, which answer turns into problem documents. Each route's
// handler is in the file named after the resource its path ends with
// (/api/v1/supplies/{id}/events: events.go, /tiles.json: tiles.go, the
// public pages in public*.go, the map's files in map.go); the shared pieces
// are access.go (who may), problem.go (errors), params.go, body.go, etag.go
// and pages.go.
package api

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"slices"

	"landwatch/land"
	"landwatch/sql"
)

// Problem is an RFC 9457 problem document.
type Problem struct {
	Type   string `json:"type"`
	Title  string `json:"title"`
	Status int    `json:"status"`
	Detail string `json:"detail,omitempty"`
	Field  string `json:"field,omitempty"`
	// Errors lists every invalid field of the request with its reason;
	// Field and Detail name the first too, for clients that read one.
	Errors []land.FieldError `json:"errors,omitempty"`
	// Key names the record a write whose outcome is unknown was about (an
	// e-supervision number), for the client to look it up before retrying.
	Key string `json:"key,omitempty"`
	// Extra members: the import report of a rejected upload, a list of
	// rejections, the warnings of a write.
	Rejected any `json:"rejected,omitempty"`
}

// Error makes a problem document an error a handler can return when it has
// more to say than a land error carries (every rejected line of a file).
func (p *Problem) Error() string { return p.Detail }

// statusOf is the one place land error codes become HTTP statuses.
func statusOf(code land.Code) int {
	switch code {
	case land.CodeInvalid:
		return http.StatusBadRequest
	case land.CodeNotFound:
		return http.StatusNotFound
	case land.CodeConflict:
		return http.StatusConflict
	case land.CodeStale:
		return http.StatusPreconditionFailed
	case land.CodePreconditionRequired:
		return http.StatusPreconditionRequired
	case land.CodeUnauthorized:
		return http.StatusUnauthorized
	case land.CodeForbidden:
		return http.StatusForbidden
	case land.CodeThrottled:
		return http.StatusTooManyRequests
	case land.CodeUnavailable:
		return http.StatusServiceUnavailable
	default:
		return http.StatusInternalServerError
	}
}

// answer runs h and answers the error it returns, if any, with a problem
// document: the one adapter between handlers and net/http. It returns the
// status the request was answered with, for the audit log.
func (s *Server) answer(w http.ResponseWriter, r *http.Request, h handler) int {
	rec := &statusRecorder{ResponseWriter: w}
	err := h(rec, r)
	switch {
	case err == nil:
	case rec.status == 0:
		s.writeError(rec, r, err)
	case r.Context().Err() == nil:
		// Too late for a problem document: the answer has begun.
		s.log.Error("error after answering", "method", r.Method, "path", r.URL.Path, "status", rec.status, "err", err)
	}
	return rec.status
}

// writeError answers with a problem document for err; a request cancelled
// by its client is not answered at all.
func (s *Server) writeError(w http.ResponseWriter, r *http.Request, err error) {
	if p, ok := s.problemOf(r, err); ok {
		s.writeProblem(w, p)
	}
}

// problemOf is the problem document of err. Internal errors are logged with
// their detail and shown as "internal error" only. It is false for a
// request cancelled by its client, which has no one to tell.
func (s *Server) problemOf(r *http.Request, err error) (Problem, bool) {
	if errors.Is(err, context.Canceled) && r.Context().Err() != nil {
		return Problem{}, false
	}
	var whole *Problem
	if errors.As(err, &whole) {
		return s.sayProblem(r, *whole), true
	}
	code := land.ErrorCode(err)
	if code == land.CodeInternal {
		err = sql.Classify(err)
		code = land.ErrorCode(err)
	}
	status := statusOf(code)
	p := Problem{Type: "about:blank", Title: http.StatusText(status), Status: status}
	if status == http.StatusInternalServerError {
		s.log.Error("internal error", "method", r.Method, "path", r.URL.Path, "err", err)
		p.Detail = "internal error"
	} else {
		var le *land.Error
		if errors.As(err, &le) {
			p.Detail, p.Field = le.Message, le.Field
			// The database's own words name tables and constraints: they are
			// logged, not shown.
			var fromDB interface{ SQLState() string }
			if errors.As(le.Err, &fromDB) {
				s.log.Info("refused by the database", "method", r.Method, "path", r.URL.Path, "err", le.Err)
			} else if le.Err != nil && code != land.CodeNotFound {
				p.Detail += ": " + le.Err.Error()
			}
			if le.Field != "" {
				p.Detail = le.Field + ": " + p.Detail
			}
			if p.Errors = slices.Clone(land.FieldErrors(le)); len(p.Errors) > 1 {
				p.Detail = fmt.Sprintf("%d fields are invalid", len(p.Errors)) + ": " + le.Error()
			}
			p.Detail = withoutGoTypes(p.Detail)
			for i := range p.Errors {
				p.Errors[i].Reason = withoutGoTypes(p.Errors[i].Reason)
			}
		} else {
			p.Detail = err.Error()
		}
	}
	return s.sayProblem(r, p), true
}

// sayProblem is p with its words in the request's language (say): its
// detail, the reasons of its fields and of the records it rejects.
func (s *Server) sayProblem(r *http.Request, p Problem) Problem {
	say := s.sayer(r)
	p.Detail = say(p.Detail)
	p.Errors = slices.Clone(p.Errors)
	for i := range p.Errors {
		p.Errors[i].Reason = say(p.Errors[i].Reason)
	}
	if rejected, ok := p.Rejected.([]land.Rejection); ok {
		p.Rejected = sayRejections(say, rejected)
	}
	return p
}

// retryAfterSeconds is the wait a 503 asks for: about a lock timeout, and
// long enough for a database restart to finish.
const retryAfterSeconds = "5"

// outcomeUnknown answers a create whose commit's outcome was lost with the
// connection: 503 naming the record's key, so that the client looks for it
// (or retries the same body, which answers the record if it was made).
func outcomeUnknown(err error, field, key string) error {
	if !errors.Is(err, land.ErrOutcomeUnknown) {
		return err
	}
	return &Problem{Type: "about:blank", Title: http.StatusText(http.StatusServiceUnavailable), Status: http.StatusServiceUnavailable,
		Field: field, Key: key,
		Detail: land.ErrOutcomeUnknown.Error() + ": look up " + field + " " + key + " before writing it again; sending the same body again is safe"}
}

// authChallenge is the challenge of every 401 (RFC 9110 §11.6.1): a bearer
// token of the realm. The browser's session cookie is named in the problem.
const authChallenge = `Bearer realm="landwatch"`

// goTypeError is the text encoding/json gives a value of the wrong type,
// which names Go's types ("into Go struct field .area_ha of type float64").
var goTypeError = regexp.MustCompile(`json: cannot unmarshal (\w+) into Go (?:struct field \S+|value) of type \S+`)

// withoutGoTypes says a decoder's complaint that reached a message (through
// a package that wraps it) in JSON's words: a user wrote JSON, not Go.
func withoutGoTypes(msg string) string {
	return goTypeError.ReplaceAllStringFunc(msg, func(m string) string {
		return "a JSON " + goTypeError.FindStringSubmatch(m)[1] + " where another kind of value is expected"
	})
}

func (s *Server) writeProblem(w http.ResponseWriter, p Problem) {
	w.Header().Set("Content-Type", "application/problem+json")
	w.Header().Set("Cache-Control", "no-store")
	if p.Status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", authChallenge)
	}
	if p.Status == http.StatusServiceUnavailable {
		// An outage or a held lock: a client may try again shortly.
		w.Header().Set("Retry-After", retryAfterSeconds)
	}
	w.WriteHeader(p.Status)
	if err := json.NewEncoder(w).Encode(p); err != nil {
		s.log.Debug("write problem", "err", err)
	}
}

// writeJSON answers with v as JSON.
func (s *Server) writeJSON(w http.ResponseWriter, status int, contentType string, v any) {
	if contentType == "" {
		contentType = "application/json"
	}
	w.Header().Set("Content-Type", contentType)
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		s.log.Debug("write response", "err", err)
	}
}
