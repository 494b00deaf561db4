package api

import (
	"io/fs"
	"net/http"
	"strings"
)

// mapFiles is GET / and below: the web map's pages and their files, never
// a folder's listing, and nothing under /api/ (an unknown API path is a
// problem document, not a page).
func (s *Server) mapFiles(files fs.FS) handler {
	serve := http.FileServerFS(files)
	return func(w http.ResponseWriter, r *http.Request) error {
		if strings.HasPrefix(r.URL.Path, "/api/") || (r.URL.Path != "/" && strings.HasSuffix(r.URL.Path, "/")) {
			s.notFound(w, r)
			return nil
		}
		serve.ServeHTTP(w, r)
		return nil
	}
}
