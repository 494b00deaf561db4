package api

import (
	"context"
	"net/http"
	"net/url"

	"github.com/gorilla/mux"

	"landwatch/land"
	"landwatch/sql"
)

// publicList answers a public list of published records read by list,
// in pages, cached. GET /public/announcements (withMethod): approved
// transfer announcements (出让公告) with their lots; GET /public/deals:
// approved deals (成交公示) of approved announcements. In words only, no
// sign-in. Filters: region (subtree), method (announcements), from and to
// (announcement or deal date), q, cursor and limit (1–500).
func publicList[T any](s *Server, withMethod bool, list func(context.Context, sql.PublicRecordFilter) ([]T, int, bool, error), id func(T) int64) handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		f, err := parsePublicRecordFilter(r.URL.Query(), withMethod)
		if err != nil {
			return err
		}
		items, total, more, err := list(r.Context(), f)
		if err != nil {
			return err
		}
		w.Header().Set("Cache-Control", "public, max-age=300")
		writeKeyset(s, w, r.URL, items, total, more, id)
		return nil
	}
}

// publicOne answers GET /public/{records}/{id} with the one published
// record read reads; 404 for any other.
func publicOne[T any](s *Server, read func(ctx context.Context, key string) (T, error)) handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		if err := onlyParams(r.URL.Query()); err != nil {
			return err
		}
		p, err := read(r.Context(), mux.Vars(r)["id"])
		if err != nil {
			return err
		}
		w.Header().Set("Cache-Control", "public, max-age=300")
		s.writeJSON(w, http.StatusOK, "", p)
		return nil
	}
}

// parsePublicRecordFilter reads the filters of the public lists of
// announcements (withMethod) and deals strictly.
func parsePublicRecordFilter(q url.Values, withMethod bool) (sql.PublicRecordFilter, error) {
	allowed := []string{"region", "from", "to", "q", "cursor", "limit"}
	if withMethod {
		allowed = append(allowed, "method")
	}
	var f sql.PublicRecordFilter
	if err := onlyParams(q, allowed...); err != nil {
		return f, err
	}
	var err error
	if _, f.Region, err = parseReviewRegion(url.Values{"region": q["region"]}); err != nil {
		return f, err
	}
	if v := q.Get("method"); v != "" {
		if f.Method, err = land.ParseSaleMethod(v); err != nil {
			return f, err
		}
	}
	if err := parseDateRange(q, &f.From, &f.To); err != nil {
		return f, err
	}
	f.Text = q.Get("q")
	f.After, f.Limit, err = parseKeysetPage(q, sql.MaxPublicPage)
	return f, err
}
