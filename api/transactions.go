package api

import (
	"net/http"
	"strconv"

	"github.com/gorilla/mux"

	"landwatch/land"
	"landwatch/sql"
)

// transactionFixed are the fields landwatch sets: a PATCH may not send
// them. The supply is named when the record is made and stays.
var transactionFixed = []string{"id", "version", "created_at", "updated_at", "updated_by", "lag_workdays", "late",
	"review_status", "review_reason", "reviewed_by", "submitted_by", "region_code", "supply_id", "e_number"}

// createTransaction is POST /transactions: a transfer, lease or mortgage
// of a supply named by e_number or supply_id. A write on idle land not
// disposed of is accepted (201) with the warning in warnings.
func (s *Server) createTransaction(w http.ResponseWriter, r *http.Request) error {
	var in land.Transaction
	if err := decodeJSON(r, &in); err != nil {
		return err
	}
	out, err := s.svc.CreateTransaction(r.Context(), scope(r), &in)
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/transactions/"+strconv.FormatInt(out.ID, 10))
	w.Header().Set("ETag", etag(out.Version))
	s.writeJSON(w, http.StatusCreated, "", out)
	return nil
}

// getTransaction is GET /transactions/{id or certificate number}.
func (s *Server) getTransaction(w http.ResponseWriter, r *http.Request) error {
	t, err := s.svc.GetTransaction(r.Context(), scope(r), mux.Vars(r)["id"])
	if err != nil {
		return err
	}
	w.Header().Set("ETag", etag(t.Version))
	s.writeJSON(w, http.StatusOK, "", t)
	return nil
}

// listTransactions is GET /transactions with filters region (subtree),
// kind, supply (id or e-supervision number), review, active=true
// (mortgages not released), late=true, from/to (registration day) and q
// (free text); GET /supplies/{id}/transactions lists those of one supply,
// which must be in the caller's scope.
func (s *Server) listTransactions(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	if err := onlyParams(q, append(transactionParams, "cursor", "limit")...); err != nil {
		return err
	}
	f, err := parseTransactionFilter(r)
	if err != nil {
		return err
	}
	if key := mux.Vars(r)["id"]; key != "" {
		sup, err := s.svc.GetSupply(r.Context(), scope(r), key)
		if err != nil {
			return err
		}
		f.Supply = strconv.FormatInt(sup.ID, 10)
	}
	items, total, more, err := s.svc.ListTransactions(r.Context(), scope(r), f)
	if err != nil {
		return err
	}
	writeKeyset(s, w, r.URL, items, total, more, func(x land.Transaction) int64 { return x.ID })
	return nil
}

// releaseMortgage is POST /transactions/{id}/release with {"released_on"}:
// the mortgage's release (注销抵押登记). If-Match, when sent, must name the
// current version.
func (s *Server) releaseMortgage(w http.ResponseWriter, r *http.Request) error {
	version, err := s.ifMatchVersion(r, false)
	if err != nil {
		return err
	}
	var in struct {
		ReleasedOn land.Date `json:"released_on"`
	}
	if err := decodeJSON(r, &in); err != nil {
		return err
	}
	out, err := s.svc.ReleaseMortgage(r.Context(), scope(r), mux.Vars(r)["id"], version, in.ReleasedOn)
	if err != nil {
		return err
	}
	w.Header().Set("ETag", etag(out.Version))
	s.writeJSON(w, http.StatusOK, "", out)
	return nil
}

// transactionParams are the filters of the transactions list (and export).
var transactionParams = []string{"region", "kind", "supply", "review", "active", "late", "from", "to", "q"}

// parseTransactionFilter reads the transaction list's filters.
func parseTransactionFilter(r *http.Request) (sql.TransactionFilter, error) {
	q := r.URL.Query()
	l, err := parseRecordList(q)
	if err != nil {
		return sql.TransactionFilter{}, err
	}
	f := sql.TransactionFilter{Review: l.Review, Region: l.Region, From: l.From, To: l.To, Text: l.Text, Late: l.Late, After: l.After, Limit: l.Limit,
		Supply: q.Get("supply")}
	if v := q.Get("kind"); v != "" {
		if f.Kind, err = land.ParseTransactionKind(v); err != nil {
			return f, err
		}
	}
	f.Active, err = parseBool(q.Get("active"), "active")
	return f, err
}
