package api

import (
	"context"
	"net/http"
	"net/url"
	"strings"

	"github.com/gorilla/mux"

	"landwatch/land"
)

// versioned is a record as a write answers it: its version is the ETag.
// Every record kind of the register (supplies, reserves …) is reviewed and
// given boundaries the same way, by the handlers below.
type versioned interface{ RecordVersion() int }

// reviewOf is POST /{records}/{id}/review with {"decision": "approve" |
// "return", "reason"}: a reviewer of the record's province decides.
// If-Match, when sent, must name the current version.
func reviewOf[T versioned](s *Server, review func(ctx context.Context, sc land.Scope, key string, ifVersion int, rv land.Review) (T, error)) handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		version, err := s.ifMatchVersion(r, false)
		if err != nil {
			return err
		}
		var in land.Review
		if err := decodeJSON(r, &in); err != nil {
			return err
		}
		in.Decision = strings.TrimSpace(in.Decision)
		out, err := review(r.Context(), scope(r), mux.Vars(r)["id"], version, in)
		if err != nil {
			return err
		}
		w.Header().Set("ETag", etag(out.RecordVersion()))
		s.writeJSON(w, http.StatusOK, "", out)
		return nil
	}
}

// replaceParcelsOf is PUT /{records}/{id}/parcels: the record's boundaries
// from GeoJSON or a coordinate file, replacing the ones it has; If-Match,
// when sent, must name the current version.
func replaceParcelsOf[T versioned](s *Server, replace func(ctx context.Context, sc land.Scope, key string, ifVersion int, ps []land.Parcel) (T, error)) handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		version, err := s.ifMatchVersion(r, false)
		if err != nil {
			return err
		}
		parcels, err := parcelsOf(r)
		if err != nil {
			return err
		}
		out, err := replace(r.Context(), scope(r), routeKey(r), version, parcels)
		if err != nil {
			return err
		}
		w.Header().Set("ETag", etag(out.RecordVersion()))
		s.writeJSON(w, http.StatusOK, "", out)
		return nil
	}
}

// patchOf is PATCH /{records}/{id} with the fields to change, for a record
// kind whose update applies them to the loaded record: If-Match must name
// the current version, and fixed are the fields landwatch sets, which the
// body may not send.
func patchOf[R any, W versioned](s *Server, fixed []string, update func(ctx context.Context, sc land.Scope, key string, ifVersion int, apply func(*R) error) (W, error)) handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		version, err := s.ifMatchVersion(r, true)
		if err != nil {
			return err
		}
		body, err := patchBody(r, fixed...)
		if err != nil {
			return err
		}
		out, err := update(r.Context(), scope(r), mux.Vars(r)["id"], version, func(cur *R) error {
			return strictUnmarshal(body, cur)
		})
		if err != nil {
			return err
		}
		w.Header().Set("ETag", etag(out.RecordVersion()))
		s.writeJSON(w, http.StatusOK, "", out)
		return nil
	}
}

// recordList is what the lists of every record kind of the register take
// besides their own filters: review, region (subtree), from/to, late=true,
// q (free text) and the keyset page.
type recordList struct {
	Review, Region, Text string
	From, To             land.Date
	Late                 bool
	After                int64
	Limit                int
}

// parseRecordList reads the filters recordList holds.
func parseRecordList(q url.Values) (recordList, error) {
	var l recordList
	var err error
	if l.Review, l.Region, err = parseReviewRegion(q); err != nil {
		return l, err
	}
	if err := parseDateRange(q, &l.From, &l.To); err != nil {
		return l, err
	}
	if l.Late, err = parseBool(q.Get("late"), "late"); err != nil {
		return l, err
	}
	l.Text = q.Get("q")
	l.After, l.Limit, err = parseKeysetPage(q, 1000)
	return l, err
}

// routeKey is the key of the record a route names: {id}, or for a lot of
// an announcement {id}/{lot}.
func routeKey(r *http.Request) string {
	v := mux.Vars(r)
	if lot, ok := v["lot"]; ok {
		return v["id"] + "/" + lot
	}
	return v["id"]
}
