package api

import (
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"landwatch/land"
	"landwatch/sql"
)

// chinese reports whether the request asks for its answer's words in
// Chinese: its Accept-Language weighs Chinese above English (RFC 9110
// §12.5.4; without weights, the first named wins). The map's pages send the
// language their reader chose; a browser left alone sends its own.
func chinese(r *http.Request) bool {
	zh, en := -1.0, -1.0
	for i, item := range strings.Split(r.Header.Get("Accept-Language"), ",") {
		tag, params, _ := strings.Cut(item, ";")
		tag = strings.ToLower(strings.TrimSpace(tag))
		q := 1.0
		if v, ok := strings.CutPrefix(strings.TrimSpace(params), "q="); ok {
			if f, err := strconv.ParseFloat(v, 64); err == nil {
				q = f
			}
		}
		q -= float64(i) * 1e-6 // between equal weights, the first named
		switch {
		case tag == "zh" || strings.HasPrefix(tag, "zh-"):
			zh = max(zh, q)
		case tag == "en" || strings.HasPrefix(tag, "en-") || tag == "*":
			en = max(en, q)
		}
	}
	return zh > 0 && zh > en
}

// sayer puts a message into the language the request asks for: Chinese
// as far as the phrasebook holds it (land.Phrasebook), else as written.
// The request's language is read once for all the messages of its answer.
func (s *Server) sayer(r *http.Request) func(string) string {
	if chinese(r) {
		return s.phrases.Chinese
	}
	return func(text string) string { return text }
}

// sayAll is each of texts in the request's language, in a slice of its own.
func (s *Server) sayAll(r *http.Request, texts []string) []string {
	say, out := s.sayer(r), make([]string, len(texts))
	for i, t := range texts {
		out[i] = say(t)
	}
	return out
}

// sayRejections is rejected, in a slice of its own, with the reasons put
// by say.
func sayRejections(say func(string) string, rejected []land.Rejection) []land.Rejection {
	out := slices.Clone(rejected)
	for i := range out {
		out[i].Reason = say(out[i].Reason)
	}
	return out
}

// sayReport puts the reasons and warnings of an import's report into the
// request's language.
func (s *Server) sayReport(r *http.Request, rep *sql.ImportReport) {
	say := s.sayer(r)
	rep.Rejected = sayRejections(say, rep.Rejected)
	for i := range rep.Warnings {
		rep.Warnings[i].Message = say(rep.Warnings[i].Message)
	}
}

// sayFinding puts the reason of a finding's assessment (idle land: why it
// is suspected, or not) into the request's language; the finding's rule is
// in the law's words already.
func (s *Server) sayFinding(r *http.Request, f *sql.Finding) {
	if !chinese(r) || len(f.Figures) == 0 {
		return
	}
	var figures map[string]json.RawMessage
	if json.Unmarshal(f.Figures, &figures) != nil || figures["assessment"] == nil {
		return
	}
	var assessment map[string]any
	if json.Unmarshal(figures["assessment"], &assessment) != nil {
		return
	}
	reason, ok := assessment["reason"].(string)
	if !ok {
		return
	}
	assessment["reason"] = s.phrases.Chinese(reason)
	a, err1 := json.Marshal(assessment)
	figures["assessment"] = a
	all, err2 := json.Marshal(figures)
	if err1 == nil && err2 == nil {
		f.Figures = all
	}
}
