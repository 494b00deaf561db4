package api

import (
	"math"
	"net/http"
	"net/url"
	"strconv"

	"landwatch/land"
)

// listPage is the body of every list response.
type listPage[T any] struct {
	Items []T     `json:"items"`
	Total int     `json:"total"`
	Next  *string `json:"next"`
}

// writeKeyset answers one page of a list read in id order; the cursor of
// the next page is the last id.
func writeKeyset[T any](s *Server, w http.ResponseWriter, u *url.URL, items []T, total int, more bool, id func(T) int64) {
	page := listPage[T]{Items: items, Total: total}
	if page.Items == nil {
		page.Items = []T{}
	}
	if more {
		next := nextLink(u, strconv.FormatInt(id(items[len(items)-1]), 10))
		page.Next = &next
	}
	s.writeJSON(w, http.StatusOK, "", page)
}

// nextLink is the URL of the page after cursor, keeping every filter.
func nextLink(u *url.URL, cursor string) string {
	q := u.Query()
	q.Set("cursor", cursor)
	return u.Path + "?" + q.Encode()
}

// writePage answers one page of a list computed in memory; the cursor is
// the offset of the next page.
func writePage[T any](s *Server, w http.ResponseWriter, u *url.URL, all []T, offset, limit int) {
	page := listPage[T]{Items: []T{}, Total: len(all)}
	if offset < len(all) {
		page.Items = all[offset:min(offset+limit, len(all))]
	}
	if offset+limit < len(all) {
		next := nextLink(u, strconv.Itoa(offset+limit))
		page.Next = &next
	}
	s.writeJSON(w, http.StatusOK, "", page)
}

// parsePage reads cursor (a number) and limit (1–1000, default 50).
func parsePage(q url.Values) (cursor, limit int, err error) {
	after, limit, err := parseKeysetPage(q, 1000)
	if err != nil {
		return 0, 0, err
	}
	if after > math.MaxInt32 {
		return 0, 0, land.Invalid("cursor", "%q is not a cursor from a next link", q.Get("cursor"))
	}
	return int(after), limit, nil
}
