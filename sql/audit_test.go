package sql_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgconn"

	"landwatch/land"
	"landwatch/sql"
	"landwatch/sql/sqltest"
	"landwatch/supervision"
)

// auditStore is a fresh store whose clock tests can move.
func auditStore(t *testing.T) (*sql.Store, *time.Time) {
	t.Helper()
	now := time.Now()
	svc := sqltest.ServiceWith(t, func(c *supervision.Config) { c.Now = func() time.Time { return now } })
	return svc.Store(), &now
}

// appendAudit appends n entries by actor, one at a time.
func appendAudit(t *testing.T, st *sql.Store, actor string, n int) {
	t.Helper()
	for i := range n {
		e := sql.AuditEntry{Actor: actor, Role: "clerk", Address: "10.0.0.7", Action: "write",
			Target: fmt.Sprintf("supply/%d", i), Detail: json.RawMessage(`{"method":"PATCH","status":200}`)}
		if err := st.Audit(context.Background(), e); err != nil {
			t.Fatal(err)
		}
	}
}

// verifyAudit verifies the log and fails t on a database error.
func verifyAudit(t *testing.T, st *sql.Store) sql.AuditReport {
	t.Helper()
	r, err := st.VerifyAudit(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// mustBeIntact fails t unless the log verifies with n entries.
func mustBeIntact(t *testing.T, st *sql.Store, n int64) sql.AuditReport {
	t.Helper()
	r := verifyAudit(t, st)
	if !r.Intact() || r.Entries != n {
		t.Fatalf("verify: %d entries, broken %v; want %d entries, intact", r.Entries, r.Broken, n)
	}
	return r
}

// tamper runs query on the audit log with its append-only triggers off, as
// the table's owner could.
func tamper(t *testing.T, st *sql.Store, query string, args ...any) {
	t.Helper()
	ctx := context.Background()
	tx, err := st.Pool().Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback(ctx)
	for _, q := range []string{`ALTER TABLE audit_log DISABLE TRIGGER USER`, query, `ALTER TABLE audit_log ENABLE TRIGGER USER`} {
		if q == query {
			_, err = tx.Exec(ctx, q, args...)
		} else {
			_, err = tx.Exec(ctx, q)
		}
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	if err := tx.Commit(ctx); err != nil {
		t.Fatal(err)
	}
}

// auditIDs returns the ids of the log, oldest first.
func auditIDs(t *testing.T, st *sql.Store) []int64 {
	t.Helper()
	var ids []int64
	rows, err := st.Pool().Query(context.Background(), `SELECT id FROM audit_log ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	return ids
}

func TestAuditAppendsAChainThatVerifies(t *testing.T) {
	st, _ := auditStore(t)
	ctx := context.Background()
	if r := mustBeIntact(t, st, 0); r.FirstID != 0 {
		t.Errorf("an empty log reports first entry %d", r.FirstID)
	}
	// The detail is hashed as jsonb prints it, whatever order and spacing
	// it came in.
	if err := st.Audit(ctx, sql.AuditEntry{Actor: "wang", Action: "export", Target: "/api/v1/supplies.csv",
		Detail: json.RawMessage(`{ "rows":1200,"a":{"y":2, "x":1.50}, "format":"csv" }`)}); err != nil {
		t.Fatal(err)
	}
	batch := []sql.AuditEntry{
		{Actor: "public", Address: "203.0.113.9", Action: "read_coordinates", Detail: json.RawMessage(`{"tiles":37}`)},
		{Actor: "li", Role: "admin", Address: "::1", Action: "permission_change", Target: "user/wang"},
		{Actor: "li", Role: "admin", Action: "review", Target: "finding/12", Detail: json.RawMessage(`{"verdict":"confirmed"}`)},
	}
	if err := st.AuditBatch(ctx, batch); err != nil {
		t.Fatal(err)
	}
	r := mustBeIntact(t, st, 4)
	if len(r.Anchor) != 0 || len(r.LastHash) != 32 {
		t.Errorf("anchor %s, last hash %s: want none and a SHA-256", r.Anchor, r.LastHash)
	}
	page, more, err := st.ListAudit(ctx, land.SystemScope("test"), sql.AuditFilter{})
	if err != nil || more || len(page) != 4 {
		t.Fatalf("list: %d entries, more %v, %v", len(page), more, err)
	}
	if page[0].Action != "review" || page[3].Action != "export" {
		t.Errorf("list is not newest first: %s … %s", page[0].Action, page[3].Action)
	}
	if string(page[3].Detail) != `{"a": {"x": 1.50, "y": 2}, "rows": 1200, "format": "csv"}` {
		t.Errorf("detail kept as %s, want jsonb's canonical text", page[3].Detail)
	}
	if string(page[1].Detail) != `{}` {
		t.Errorf("an entry without detail keeps %s, want {}", page[1].Detail)
	}
	for i := 0; i < 3; i++ {
		if page[i].PrevHash.String() != page[i+1].Hash.String() {
			t.Errorf("entry %d's prev_hash is not entry %d's hash", page[i].ID, page[i+1].ID)
		}
	}
	if page[0].Hash.String() != r.LastHash.String() {
		t.Errorf("the report's last hash is not the newest entry's")
	}
}

func TestAuditConcurrentAppendersKeepOneChain(t *testing.T) {
	st, _ := auditStore(t)
	const appenders, each = 8, 15
	var wg sync.WaitGroup
	errs := make(chan error, appenders)
	for a := range appenders {
		wg.Go(func() {
			for i := range each {
				var err error
				e := sql.AuditEntry{Actor: fmt.Sprintf("user%d", a), Action: "write", Target: fmt.Sprintf("supply/%d", i)}
				if i%5 == 0 {
					err = st.AuditBatch(context.Background(), []sql.AuditEntry{e, e})
				} else {
					err = st.Audit(context.Background(), e)
				}
				if err != nil {
					errs <- err
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	mustBeIntact(t, st, appenders*(each+each/5))
}

func TestAuditVerifyNamesTheTamperedEntry(t *testing.T) {
	for _, c := range []struct {
		name   string
		tamper func(t *testing.T, st *sql.Store, ids []int64) (int64, string)
	}{
		{"a changed detail breaks that entry", func(t *testing.T, st *sql.Store, ids []int64) (int64, string) {
			tamper(t, st, `UPDATE audit_log SET detail = '{"method": "PATCH", "status": 403}' WHERE id = $1`, ids[3])
			return ids[3], "hash does not match its contents"
		}},
		{"a changed time breaks that entry", func(t *testing.T, st *sql.Store, ids []int64) (int64, string) {
			tamper(t, st, `UPDATE audit_log SET at = at - interval '1 microsecond' WHERE id = $1`, ids[0])
			return ids[0], "hash does not match its contents"
		}},
		{"a deleted middle entry breaks the entry after it", func(t *testing.T, st *sql.Store, ids []int64) (int64, string) {
			tamper(t, st, `DELETE FROM audit_log WHERE id = $1`, ids[2])
			return ids[3], fmt.Sprintf("prev_hash does not match entry %d", ids[1])
		}},
		{"an entry rehashed after a change breaks the entry after it", func(t *testing.T, st *sql.Store, ids []int64) (int64, string) {
			page, _, err := st.ListAudit(context.Background(), land.SystemScope("test"), sql.AuditFilter{Before: ids[2] + 1, Limit: 1})
			if err != nil {
				t.Fatal(err)
			}
			e := page[0]
			e.Detail = json.RawMessage(`{"method": "PATCH", "status": 403}`)
			tamper(t, st, `UPDATE audit_log SET detail = $2, hash = $3 WHERE id = $1`, e.ID, string(e.Detail), documentedHash(e))
			return ids[3], fmt.Sprintf("prev_hash does not match entry %d", ids[2])
		}},
		{"a deleted head without pruning breaks the first entry left", func(t *testing.T, st *sql.Store, ids []int64) (int64, string) {
			tamper(t, st, `DELETE FROM audit_log WHERE id <= $1`, ids[1])
			return ids[2], "prev_hash matches no prune entry: the entries before it were removed without pruning"
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			st, _ := auditStore(t)
			appendAudit(t, st, "clerk", 6)
			ids := auditIDs(t, st)
			wantID, wantReason := c.tamper(t, st, ids)
			r := verifyAudit(t, st)
			if r.Broken == nil || r.Broken.ID != wantID || r.Broken.Reason != wantReason {
				t.Fatalf("verify found %v, want entry %d: %s", r.Broken, wantID, wantReason)
			}
		})
	}
}

func TestAuditLogRefusesUpdatesAndDeletes(t *testing.T) {
	st, _ := auditStore(t)
	appendAudit(t, st, "clerk", 2)
	ctx := context.Background()
	for _, c := range []struct{ name, sql string }{
		{"an update is refused", `UPDATE audit_log SET actor = 'someone else'`},
		{"a delete is refused", `DELETE FROM audit_log`},
		{"a delete in a pruning transaction is refused for recent entries", `SELECT set_config('landwatch.audit_prune', 'on', true); DELETE FROM audit_log`},
		{"truncation is refused", `TRUNCATE audit_log`},
	} {
		t.Run(c.name, func(t *testing.T) {
			tx, err := st.Pool().Begin(ctx)
			if err != nil {
				t.Fatal(err)
			}
			defer tx.Rollback(ctx)
			var pe *pgconn.PgError
			for q := range strings.SplitSeq(c.sql, "; ") {
				if _, err = tx.Exec(ctx, q); err != nil {
					break
				}
			}
			if !errors.As(err, &pe) || pe.Code != "42501" {
				t.Fatalf("%s: %v, want the append-only trigger's refusal (42501)", c.sql, err)
			}
		})
	}
	mustBeIntact(t, st, 2)
}

func TestAuditPruneKeepsTheChainVerifiable(t *testing.T) {
	st, now := auditStore(t)
	ctx := context.Background()
	today := *now
	*now = today.AddDate(0, 0, -400)
	appendAudit(t, st, "clerk", 5)
	*now = today.AddDate(0, 0, -10)
	appendAudit(t, st, "clerk", 3)
	*now = today
	before := auditIDs(t, st)

	t.Run("a cutoff within the retention is invalid", func(t *testing.T) {
		_, err := st.PruneAudit(ctx, today.Add(-sql.AuditMinRetention).Add(time.Second))
		if land.ErrorCode(err) != land.CodeInvalid || land.ErrorField(err) != "older_than" {
			t.Fatalf("err = %v, want invalid older_than", err)
		}
	})
	t.Run("pruning removes the old entries and records the anchor", func(t *testing.T) {
		page, _, err := st.ListAudit(ctx, land.SystemScope("test"), sql.AuditFilter{Before: before[5], Limit: 1})
		if err != nil {
			t.Fatal(err)
		}
		n, err := st.PruneAudit(ctx, today.Add(-sql.AuditMinRetention))
		if err != nil || n != 5 {
			t.Fatalf("pruned %d, %v; want 5", n, err)
		}
		r := mustBeIntact(t, st, 4)
		if r.FirstID != before[5] || r.Anchor.String() != page[0].Hash.String() {
			t.Errorf("first %d anchored at %s, want %d anchored at entry %d's hash %s", r.FirstID, r.Anchor, before[5], page[0].ID, page[0].Hash)
		}
		prunes, _, err := st.ListAudit(ctx, land.SystemScope("test"), sql.AuditFilter{Action: sql.ActionPrune})
		if err != nil || len(prunes) != 1 {
			t.Fatalf("prune entries: %v, %v", prunes, err)
		}
		var d struct {
			Removed int64  `json:"removed"`
			Anchor  string `json:"anchor"`
		}
		if err := json.Unmarshal(prunes[0].Detail, &d); err != nil || d.Removed != 5 || d.Anchor != r.Anchor.String() || prunes[0].Actor != "system" {
			t.Errorf("prune entry %s by %s (%v)", prunes[0].Detail, prunes[0].Actor, err)
		}
	})
	t.Run("pruning again with nothing to remove keeps the chain verifiable", func(t *testing.T) {
		if n, err := st.PruneAudit(ctx, today.Add(-sql.AuditMinRetention)); err != nil || n != 0 {
			t.Fatalf("pruned %d, %v; want 0", n, err)
		}
		mustBeIntact(t, st, 5)
	})
	t.Run("a head deleted after pruning is not taken for pruning", func(t *testing.T) {
		tamper(t, st, `DELETE FROM audit_log WHERE id = $1`, before[5])
		r := verifyAudit(t, st)
		if r.Broken == nil || r.Broken.ID != before[6] || !strings.Contains(r.Broken.Reason, "without pruning") {
			t.Fatalf("verify found %v, want entry %d removed without pruning", r.Broken, before[6])
		}
	})
	t.Run("the prune entry cannot be recorded by anyone else", func(t *testing.T) {
		err := st.Audit(ctx, sql.AuditEntry{Actor: "forger", Action: sql.ActionPrune, Detail: json.RawMessage(`{"anchor":"00"}`)})
		if land.ErrorCode(err) != land.CodeInvalid || land.ErrorField(err) != "action" {
			t.Fatalf("err = %v, want invalid action", err)
		}
	})
}

func TestAuditPruneOfEveryEntryLeavesTheAnchorInThePruneEntry(t *testing.T) {
	st, now := auditStore(t)
	today := *now
	*now = today.AddDate(-1, 0, 0)
	appendAudit(t, st, "clerk", 3)
	*now = today
	last := verifyAudit(t, st).LastHash
	n, err := st.PruneAudit(context.Background(), today.Add(-sql.AuditMinRetention))
	if err != nil || n != 3 {
		t.Fatalf("pruned %d, %v; want 3", n, err)
	}
	r := mustBeIntact(t, st, 1)
	if r.Anchor.String() != last.String() {
		t.Errorf("anchor %s, want the last pruned hash %s", r.Anchor, last)
	}
	appendAudit(t, st, "clerk", 2)
	mustBeIntact(t, st, 3)
}

func TestAuditRefusesEntriesThatAreNotRecords(t *testing.T) {
	st, _ := auditStore(t)
	ctx := context.Background()
	ok := sql.AuditEntry{Actor: "wang", Action: "sign_in"}
	for _, c := range []struct {
		name  string
		edit  func(e *sql.AuditEntry)
		field string
	}{
		{"an entry without an actor", func(e *sql.AuditEntry) { e.Actor = "" }, "actor"},
		{"an entry without an action", func(e *sql.AuditEntry) { e.Action = "" }, "action"},
		{"an address with a port", func(e *sql.AuditEntry) { e.Address = "10.0.0.1:5555" }, "address"},
		{"a target with NUL", func(e *sql.AuditEntry) { e.Target = "supply/1\x00" }, "target"},
		{"a role that is not UTF-8", func(e *sql.AuditEntry) { e.Role = "\xff" }, "role"},
		{"a detail that is an array", func(e *sql.AuditEntry) { e.Detail = json.RawMessage(`[1]`) }, "detail"},
		{"a detail that is null", func(e *sql.AuditEntry) { e.Detail = json.RawMessage(`null`) }, "detail"},
		{"a detail that is not JSON", func(e *sql.AuditEntry) { e.Detail = json.RawMessage(`{"a":`) }, "detail"},
		{"a detail with a NUL character", func(e *sql.AuditEntry) { e.Detail = json.RawMessage(`{"a":"\u0000"}`) }, "detail"},
		{"a detail too large", func(e *sql.AuditEntry) {
			e.Detail = json.RawMessage(`{"a":"` + strings.Repeat("x", 9000) + `"}`)
		}, "detail"},
	} {
		t.Run(c.name+" is invalid", func(t *testing.T) {
			e := ok
			c.edit(&e)
			err := st.Audit(ctx, e)
			if land.ErrorCode(err) != land.CodeInvalid || land.ErrorField(err) != c.field {
				t.Fatalf("err = %v, want invalid %s", err, c.field)
			}
		})
	}
	t.Run("a batch names the entry", func(t *testing.T) {
		err := st.AuditBatch(ctx, []sql.AuditEntry{ok, {Action: "sign_in"}})
		if land.ErrorCode(err) != land.CodeInvalid || land.ErrorField(err) != "entries[1].actor" {
			t.Fatalf("err = %v, want invalid entries[1].actor", err)
		}
	})
	mustBeIntact(t, st, 0)
}

func TestAuditListFiltersAndPages(t *testing.T) {
	st, now := auditStore(t)
	ctx := context.Background()
	start := *now
	for i := range 7 {
		*now = start.Add(time.Duration(i) * time.Hour)
		actor, action := "wang", "write"
		if i%2 == 1 {
			actor, action = "li", "export"
		}
		if err := st.Audit(ctx, sql.AuditEntry{Actor: actor, Action: action}); err != nil {
			t.Fatal(err)
		}
	}
	count := func(f sql.AuditFilter) int {
		t.Helper()
		n := 0
		for {
			page, more, err := st.ListAudit(ctx, land.SystemScope("test"), f)
			if err != nil {
				t.Fatal(err)
			}
			for i, e := range page {
				if i > 0 && e.ID >= page[i-1].ID {
					t.Fatalf("page not newest first")
				}
			}
			n += len(page)
			if !more {
				return n
			}
			f.Before = page[len(page)-1].ID
		}
	}
	for _, c := range []struct {
		name string
		f    sql.AuditFilter
		want int
	}{
		{"pages of two hold every entry", sql.AuditFilter{Limit: 2}, 7},
		{"an actor selects theirs", sql.AuditFilter{Actor: "li", Limit: 2}, 3},
		{"an action selects its entries", sql.AuditFilter{Action: "write"}, 4},
		{"a time range is from inclusive, to exclusive", sql.AuditFilter{From: start.Add(time.Hour), To: start.Add(3 * time.Hour), Limit: 1}, 2},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := count(c.f); got != c.want {
				t.Errorf("%d entries, want %d", got, c.want)
			}
		})
	}
	t.Run("a limit over 1000 is invalid", func(t *testing.T) {
		if _, _, err := st.ListAudit(ctx, land.SystemScope("test"), sql.AuditFilter{Limit: 1001}); land.ErrorField(err) != "limit" {
			t.Fatalf("err = %v, want invalid limit", err)
		}
	})
}
