package api

import (
	"net/http"
	"strings"

	"landwatch/sql"
)

// chinese reports whether the request asks for its answer's words in
// Chinese: its Accept-Language names Chinese first. The map's pages send
// the language their reader chose; a browser left alone sends its own.
func chinese(r *http.Request) bool {
	first, _, _ := strings.Cut(r.Header.Get("Accept-Language"), ",")
	first, _, _ = strings.Cut(first, ";")
	first = strings.ToLower(strings.TrimSpace(first))
	return first == "zh" || strings.HasPrefix(first, "zh-")
}

// say is text in the language the request asks for: Chinese as far as the
// phrasebook holds it (land.Phrasebook), else as it was written.
func (s *Server) say(r *http.Request, text string) string {
	if !chinese(r) {
		return text
	}
	return s.phrases.Chinese(text)
}

// sayAll is say of each of texts, in a slice of its own.
func (s *Server) sayAll(r *http.Request, texts []string) []string {
	out := make([]string, len(texts))
	for i, t := range texts {
		out[i] = s.say(r, t)
	}
	return out
}

// sayReport puts the reasons and warnings of an import's report into the
// request's language.
func (s *Server) sayReport(r *http.Request, rep *sql.ImportReport) {
	if !chinese(r) {
		return
	}
	for i := range rep.Rejected {
		rep.Rejected[i].Reason = s.phrases.Chinese(rep.Rejected[i].Reason)
	}
	for i := range rep.Warnings {
		rep.Warnings[i].Message = s.phrases.Chinese(rep.Warnings[i].Message)
	}
}
