package sql

import (
	"context"
	"encoding/json"
	"errors"
	"net/netip"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"

	"landwatch/land"
)

// AuditEntry is one line of the audit log (审计日志): who (Actor, in Role,
// from Address) did what (Action) to what (Target), when (At), with a small
// Detail such as {"method":"PATCH","status":200} or {"tiles":37}.
//
// The store sets ID, At, PrevHash and Hash when it appends an entry; values
// given for them are ignored. Hash seals the entry's contents and PrevHash,
// the Hash of the entry before it, so that the entries form a chain.
type AuditEntry struct {
	ID       int64           `json:"id"`
	At       time.Time       `json:"at"`
	Actor    string          `json:"actor"`   // a user name, "public" or "system"
	Role     string          `json:"role"`    // the actor's role then
	Address  string          `json:"address"` // the client's IP address, if any
	Action   string          `json:"action"`  // sign_in, sign_in_failed, write, import, export, read_coordinates, permission_change, review …
	Target   string          `json:"target"`  // "supply/123", a path …
	Detail   json.RawMessage `json:"detail"`  // a JSON object; none means {}
	PrevHash AuditHash       `json:"prev_hash"`
	Hash     AuditHash       `json:"hash"`
	KeyID    string          `json:"key_id"` // the key that sealed Hash; "" for plain SHA-256, before a key was set
}

// ActionPrune is the action of the entry PruneAudit appends; no one else
// may record it.
const ActionPrune = "prune"

const (
	maxAuditText   = 1000 // bytes of actor, role, action
	maxAuditTarget = 4000 // bytes of a target
	maxAuditDetail = 8000 // bytes of a detail
)

// Audit appends e to the audit log. An entry without an actor or action,
// with an address that is not an IP address, a detail that is not a small
// JSON object, or the reserved action "prune" is invalid.
func (s *Store) Audit(ctx context.Context, e AuditEntry) error {
	return s.AuditBatch(ctx, []AuditEntry{e})
}

// AuditBatch appends the entries, in order, in one transaction: all or
// none. Invalid entries are refused as Audit refuses them, the field named
// "entries[i].…".
func (s *Store) AuditBatch(ctx context.Context, entries []AuditEntry) error {
	if len(entries) == 0 {
		return nil
	}
	es := slices.Clone(entries)
	for i := range es {
		if err := checkAuditEntry(&es[i]); err != nil {
			if len(es) > 1 {
				return land.PrefixField(err, "entries["+strconv.Itoa(i)+"]")
			}
			return err
		}
	}
	return auditUnwritable(s.inTxAs(ctx, "system", func(tx pgx.Tx) error {
		prev, err := lockAuditChain(ctx, tx)
		if err != nil {
			return err
		}
		return s.appendAudit(ctx, tx, prev, es)
	}))
}

// checkAuditEntry checks what a caller gives and makes an empty detail {}.
func checkAuditEntry(e *AuditEntry) error {
	for _, f := range []struct{ name, value string }{
		{"actor", e.Actor}, {"role", e.Role}, {"address", e.Address}, {"action", e.Action}, {"target", e.Target},
	} {
		limit := maxAuditText
		if f.name == "target" {
			limit = maxAuditTarget
		}
		if len(f.value) > limit || !utf8.ValidString(f.value) || strings.ContainsRune(f.value, 0) {
			return land.Invalid(f.name, "expected UTF-8 text of at most %d bytes without NUL", limit)
		}
	}
	switch {
	case e.Actor == "":
		return land.Invalid("actor", "every entry needs who acted: a user name, \"public\" or \"system\"")
	case e.Action == "":
		return land.Invalid("action", "every entry needs what was done, such as sign_in or export")
	case e.Action == ActionPrune:
		return land.Invalid("action", "%q is recorded by the pruning itself", ActionPrune)
	}
	if e.Address != "" {
		if _, err := netip.ParseAddr(e.Address); err != nil {
			return land.Invalid("address", "%q is not an IP address such as 10.1.2.3 or ::1", e.Address)
		}
	}
	if len(e.Detail) == 0 {
		e.Detail = json.RawMessage("{}")
	}
	// PostgreSQL's text and jsonb hold neither invalid UTF-8 nor NUL.
	var obj map[string]json.RawMessage
	if len(e.Detail) > maxAuditDetail || !utf8.Valid(e.Detail) || strings.Contains(string(e.Detail), `\u0000`) ||
		json.Unmarshal(e.Detail, &obj) != nil || obj == nil {
		return land.Invalid("detail", "expected a JSON object in UTF-8 of at most %d bytes, without \\u0000", maxAuditDetail)
	}
	return nil
}

// auditTail is the last entry of the chain as an appender needs it.
type auditTail struct {
	hash  []byte // nil for an empty log
	keyID string
}

// lockAuditChain takes the transaction's turn to append and returns the
// last entry (the zero tail for an empty log). The lock is held until the
// transaction ends, so the next appender reads the hash written here: the
// chain cannot fork.
func lockAuditChain(ctx context.Context, tx pgx.Tx) (auditTail, error) {
	// Two statements: a read in the locking statement would use a snapshot
	// taken before the lock was granted and could miss the last append.
	var t auditTail
	if _, err := tx.Exec(ctx, qAuditLock); err != nil {
		return t, err
	}
	err := tx.QueryRow(ctx, qAuditLastHash).Scan(&t.hash, &t.keyID)
	if errors.Is(err, pgx.ErrNoRows) {
		return t, nil
	}
	return t, err
}

// appendAudit writes checked entries after the tail, sealed with the
// store's key. The caller holds the chain's lock. The database numbers each
// entry and gives its detail's canonical text before the hashes are
// computed. A store without a key may not extend a keyed chain: that would
// let whoever holds the table append unkeyed entries after keyed ones.
func (s *Store) appendAudit(ctx context.Context, tx pgx.Tx, tail auditTail, es []AuditEntry) error {
	if tail.keyID != "" && s.auditKey.ID() == "" {
		return land.Errorf(land.CodeUnavailable, "the audit log is sealed with a key: set LANDWATCH_AUDIT_KEY or LANDWATCH_AUDIT_KEY_FILE")
	}
	prev := tail.hash
	at := s.rules.Now().UTC().Truncate(time.Microsecond)
	batch := &pgx.Batch{}
	for i := range es {
		batch.Queue(qAuditPrepare, string(es[i].Detail))
	}
	res := tx.SendBatch(ctx, batch)
	for i := range es {
		var detail string
		if err := res.QueryRow().Scan(&es[i].ID, &detail); err != nil {
			res.Close()
			return land.PrefixField(translate(err), "detail")
		}
		es[i].Detail = json.RawMessage(detail)
	}
	if err := res.Close(); err != nil {
		return err
	}
	batch = &pgx.Batch{}
	for i := range es {
		e := &es[i]
		e.At, e.PrevHash, e.KeyID = at, prev, s.auditKey.ID()
		e.Hash = auditHash(e, s.auditKey)
		prev = e.Hash
		batch.Queue(qAuditInsert, e.ID, e.At, e.Actor, e.Role, e.Address, e.Action, e.Target, string(e.Detail), []byte(e.PrevHash), []byte(e.Hash), e.KeyID)
	}
	return tx.SendBatch(ctx, batch).Close()
}

const (
	qAuditLock     = `SELECT pg_advisory_xact_lock(hashtext(current_schema() || '.landwatch_audit'))`
	qAuditLastHash = `SELECT hash, key_id FROM audit_log ORDER BY id DESC LIMIT 1`
	qAuditPrepare  = `SELECT nextval(pg_get_serial_sequence('audit_log', 'id')), $1::jsonb::text`
	qAuditInsert   = `INSERT INTO audit_log (id, at, actor, role, address, action, target, detail, prev_hash, hash, key_id)
OVERRIDING SYSTEM VALUE VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10, $11)`
)

// auditIn appends entries inside tx, so that a change and its audit entry
// commit or roll back together.
func (s *Store) auditIn(ctx context.Context, tx pgx.Tx, entries ...AuditEntry) error {
	es := slices.Clone(entries)
	for i := range es {
		if err := checkAuditEntry(&es[i]); err != nil {
			return err
		}
	}
	prev, err := lockAuditChain(ctx, tx)
	if err == nil {
		err = s.appendAudit(ctx, tx, prev, es)
	}
	return auditUnwritable(err)
}

// auditUnwritable makes a failure to append (a full disk, a refusing
// trigger, a lost connection) CodeUnavailable: what needed the entry is
// refused, and may be tried again.
func auditUnwritable(err error) error {
	if err == nil || land.ErrorCode(err) != land.CodeInternal {
		return err
	}
	return land.Wrap(land.CodeUnavailable, err, "the audit log cannot be written now, so nothing was done")
}

// actEntry is the audit entry of a change made in a user's scope: the
// user, from the address, doing the scope's act ("write" when it names
// none).
func actEntry(sc land.Scope) AuditEntry {
	a := sc.Act()
	e := AuditEntry{Actor: sc.Actor(), Role: string(sc.Role()), Address: sc.Address(), Action: a.Action, Target: a.Target}
	if e.Action == "" {
		e.Action = "write"
	}
	detail := map[string]string{}
	if a.Method != "" {
		detail["method"] = a.Method
	}
	if a.Query != "" {
		detail["query"] = a.Query
	}
	e.Detail, _ = json.Marshal(detail)
	return e
}

// BulkEntry is the audit entry of a bulk write (an import, a scan) made in
// the scope, with the acting user's role when a user acts.
func BulkEntry(sc land.Scope, action, target string, detail map[string]any) AuditEntry {
	e := AuditEntry{Actor: sc.Actor(), Action: action, Target: target, Role: string(sc.Role())}
	e.Detail, _ = json.Marshal(detail)
	return e
}
