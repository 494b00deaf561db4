package sql_test

import (
	"context"
	"encoding/json"
	"log/slog"
	"strings"
	"testing"

	"landwatch/land"
	"landwatch/sql"
	"landwatch/sql/sqltest"
	"landwatch/supervision"
)

var testAuditKey = []byte("0123456789abcdef0123456789abcdef-test-only")

// keyedStores opens two stores on one fresh schema: one without the audit
// key (as landwatch ran before it was set) and one with it.
func keyedStores(t *testing.T) (unkeyed, keyed *sql.Store) {
	t.Helper()
	url := sqltest.URL(t)
	key, err := sql.NewAuditKey(testAuditKey)
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []sql.AuditKey{{}, key} {
		svc, err := supervision.Open(context.Background(), supervision.Config{DatabaseURL: url, AuditKey: k, Log: slog.New(slog.DiscardHandler)})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(svc.Close)
		if unkeyed == nil {
			unkeyed = svc.Store()
		} else {
			keyed = svc.Store()
		}
	}
	return unkeyed, keyed
}

// rewriteWithoutKey changes the detail of the entries from id on and
// reseals them and every later one with plain SHA-256, as an attacker who
// can write the table but does not have the key would: with the triggers
// bypassed (session_replication_role = replica where the role may set it,
// else the owner's DISABLE TRIGGER).
func rewriteWithoutKey(t *testing.T, st *sql.Store, from int64) {
	t.Helper()
	ctx := context.Background()
	page, _, err := st.ListAudit(ctx, land.SystemScope("test"), sql.AuditFilter{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	tx, err := st.Pool().Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback(ctx)
	bypass := `ALTER TABLE audit_log DISABLE TRIGGER USER`
	if _, err := tx.Exec(ctx, `SAVEPOINT r; SET LOCAL session_replication_role = replica`); err == nil {
		bypass = `SELECT 1`
	} else if _, err := tx.Exec(ctx, `ROLLBACK TO SAVEPOINT r`); err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(ctx, bypass); err != nil {
		t.Fatal(err)
	}
	var prev []byte
	for i := len(page) - 1; i >= 0; i-- { // oldest first
		e := page[i]
		if e.ID < from {
			prev = e.Hash
			continue
		}
		if e.ID == from {
			e.Detail = json.RawMessage(`{"method": "PATCH", "status": 403}`)
		}
		e.PrevHash = prev
		h := documentedHash(e)
		if _, err := tx.Exec(ctx, `UPDATE audit_log SET detail = $2, prev_hash = $3, hash = $4, key_id = '' WHERE id = $1`,
			e.ID, string(e.Detail), []byte(e.PrevHash), h); err != nil {
			t.Fatal(err)
		}
		prev = h
	}
	if _, err := tx.Exec(ctx, `ALTER TABLE audit_log ENABLE TRIGGER USER`); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(ctx); err != nil {
		t.Fatal(err)
	}
}

func TestAuditKeyedChain(t *testing.T) {
	ctx := context.Background()

	t.Run("entries before the key verify as unkeyed, later ones need the key", func(t *testing.T) {
		unkeyed, keyed := keyedStores(t)
		appendAudit(t, unkeyed, "clerk", 3)
		appendAudit(t, keyed, "clerk", 4)
		r := mustBeIntact(t, keyed, 7)
		if r.Unkeyed != 3 {
			t.Errorf("%d unkeyed entries, want 3", r.Unkeyed)
		}
		if _, err := unkeyed.VerifyAudit(ctx, nil); land.ErrorCode(err) != land.CodeInvalid || !strings.Contains(err.Error(), "LANDWATCH_AUDIT_KEY") {
			t.Errorf("verify without the key: %v, want invalid naming LANDWATCH_AUDIT_KEY", err)
		}
		err := unkeyed.Audit(ctx, sql.AuditEntry{Actor: "clerk", Action: "write"})
		if land.ErrorCode(err) != land.CodeUnavailable {
			t.Errorf("an unkeyed append after keyed entries: %v, want unavailable", err)
		}
	})

	t.Run("a change resealed without the key fails verify", func(t *testing.T) {
		unkeyed, keyed := keyedStores(t)
		appendAudit(t, unkeyed, "clerk", 2)
		appendAudit(t, keyed, "clerk", 4)
		ids := auditIDs(t, keyed)
		rewriteWithoutKey(t, keyed, ids[4])
		r := verifyAudit(t, keyed)
		if r.Intact() || r.Broken.ID != ids[4] {
			t.Fatalf("verify after a rewrite: broken %v, want entry %d", r.Broken, ids[4])
		}
	})

	t.Run("a change resealed with plain SHA-256 from the first keyed entry on fails verify with the anchor", func(t *testing.T) {
		unkeyed, keyed := keyedStores(t)
		appendAudit(t, unkeyed, "clerk", 2)
		appendAudit(t, keyed, "clerk", 4)
		anchor, err := keyed.AnchorAudit(ctx)
		if err != nil {
			t.Fatal(err)
		}
		ids := auditIDs(t, keyed)
		rewriteWithoutKey(t, keyed, ids[2])
		// Every keyed entry now looks sealed before the key: the chain
		// alone cannot tell, the anchor kept outside can.
		r, err := keyed.VerifyAudit(ctx, &anchor)
		if err != nil {
			t.Fatal(err)
		}
		if r.Intact() || r.Broken.ID != anchor.ID {
			t.Fatalf("verify --anchor after a rewrite: broken %v, want entry %d", r.Broken, anchor.ID)
		}
	})

	t.Run("removing the newest entries fails verify with the anchor", func(t *testing.T) {
		_, keyed := keyedStores(t)
		appendAudit(t, keyed, "clerk", 5)
		anchor, err := keyed.AnchorAudit(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if anchor.Count != 5 {
			t.Errorf("anchor count %d, want 5", anchor.Count)
		}
		parsed, err := sql.ParseAuditAnchor(anchor.String())
		if err != nil || parsed.ID != anchor.ID || parsed.Hash.String() != anchor.Hash.String() || parsed.Count != 5 {
			t.Fatalf("the anchor %q reads back as %+v, %v", anchor, parsed, err)
		}
		if r, err := keyed.VerifyAudit(ctx, &parsed); err != nil || !r.Intact() {
			t.Fatalf("verify --anchor of an untouched log: %+v, %v", r.Broken, err)
		}
		appendAudit(t, keyed, "clerk", 2) // entries after the anchor are fine
		if r, err := keyed.VerifyAudit(ctx, &parsed); err != nil || !r.Intact() {
			t.Fatalf("verify --anchor with entries after it: %+v, %v", r.Broken, err)
		}
		ids := auditIDs(t, keyed)
		tamper(t, keyed, `DELETE FROM audit_log WHERE id >= $1`, ids[3])
		mustBeIntact(t, keyed, 3) // the chain alone does not see it
		r, err := keyed.VerifyAudit(ctx, &parsed)
		if err != nil {
			t.Fatal(err)
		}
		if r.Intact() || r.Broken.ID != anchor.ID {
			t.Fatalf("verify --anchor after removing the newest entries: broken %v, want entry %d", r.Broken, anchor.ID)
		}
	})

	t.Run("an anchor that is not one is refused", func(t *testing.T) {
		for _, text := range []string{"", "id=3", "landwatch-audit-anchor id=3 hash=zz", "landwatch-audit-anchor id=0 hash=" + strings.Repeat("ab", 32)} {
			if _, err := sql.ParseAuditAnchor(text); land.ErrorCode(err) != land.CodeInvalid {
				t.Errorf("%q: %v, want invalid", text, err)
			}
		}
	})

	t.Run("a key shorter than 32 bytes is refused, and a key never prints", func(t *testing.T) {
		if _, err := sql.NewAuditKey([]byte("short")); err == nil {
			t.Error("a 5-byte key was taken")
		}
		k, _ := sql.NewAuditKey(testAuditKey)
		if s := k.String(); strings.Contains(s, string(testAuditKey[:8])) || k.ID() == "" {
			t.Errorf("the key prints as %q", s)
		}
	})
}
