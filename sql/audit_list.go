package sql

import (
	"context"
	"encoding/json"
	"time"

	"landwatch/land"
)

// AuditFilter selects audit entries. Zero fields select everything.
type AuditFilter struct {
	Actor, Action string
	From, To      time.Time // entries at or after From and before To
	// Before pages backwards: only entries with a smaller id. Give the id
	// of the last entry of a page to get the next one.
	Before int64
	Limit  int // 50 when 0; at most 1000
}

// ListAudit returns a page of audit entries, newest first, and whether
// more follow. A negative Before or a Limit outside 0–1000 is invalid.
func (s *Store) ListAudit(ctx context.Context, sc land.Scope, f AuditFilter) ([]AuditEntry, bool, error) {
	switch {
	case f.Limit == 0:
		f.Limit = 50
	case f.Limit < 0 || f.Limit > 1000:
		return nil, false, land.Invalid("limit", "expected 1 to 1000, not %d", f.Limit)
	}
	if f.Before < 0 {
		return nil, false, land.Invalid("before", "expected an entry id, not %d", f.Before)
	}
	var from, to *time.Time
	if !f.From.IsZero() {
		from = &f.From
	}
	if !f.To.IsZero() {
		to = &f.To
	}
	// An administrator below the nation reads the entries of the accounts
	// of its region only: who did what elsewhere is not its business.
	region, err := regionArg(sc, "")
	if err != nil {
		return nil, false, err
	}
	rows, err := s.pool.Query(ctx, qListAudit, nullable(f.Actor), nullable(f.Action), from, to, nullableID(f.Before), f.Limit+1, region)
	if err != nil {
		return nil, false, translate(err)
	}
	defer rows.Close()
	out := []AuditEntry{}
	for rows.Next() {
		var e AuditEntry
		var detail string
		if err := rows.Scan(&e.ID, &e.At, &e.Actor, &e.Role, &e.Address, &e.Action, &e.Target, &detail, &e.PrevHash, &e.Hash); err != nil {
			return nil, false, translate(err)
		}
		e.Detail = json.RawMessage(detail)
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, false, translate(err)
	}
	more := len(out) > f.Limit
	if more {
		out = out[:f.Limit]
	}
	return out, more, nil
}

const qListAudit = `SELECT id, at, actor, role, address, action, target, detail::text, prev_hash, hash
FROM audit_log
WHERE ($1::text IS NULL OR actor = $1)
  AND ($2::text IS NULL OR action = $2)
  AND ($3::timestamptz IS NULL OR at >= $3)
  AND ($4::timestamptz IS NULL OR at < $4)
  AND ($5::bigint IS NULL OR id < $5)
  AND ($7::text IS NULL OR actor IN (SELECT name FROM account WHERE region_code LIKE $7 || '%'))
ORDER BY id DESC LIMIT $6`
