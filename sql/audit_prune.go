package sql

import (
	"context"
	"encoding/json"
	"errors"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"landwatch/land"
)

// AuditMinRetention is the shortest time audit entries are kept: six months
// (183 days), as the Cybersecurity Law (网络安全法, art. 21) asks of
// network logs. The append-only trigger of audit_log enforces the same
// figure in the database.
const AuditMinRetention = 183 * 24 * time.Hour

// PruneAudit removes the entries older than olderThan and returns how
// many. It removes the longest run of oldest entries (by id) that are all
// older than the cutoff, so what remains is an unbroken end of the chain,
// and then appends an entry "prune" by "system" whose detail records the
// count, the cutoff and the anchor: the hash of the last entry removed,
// which the first remaining entry carries as its prev_hash. VerifyAudit
// accepts a log that does not start with its first entry ever only when a
// prune entry records its anchor. A cutoff later than AuditMinRetention ago
// is invalid; the database refusing a removal is forbidden.
func (s *Store) PruneAudit(ctx context.Context, olderThan time.Time) (int64, error) {
	if latest := s.rules.Now().Add(-AuditMinRetention); olderThan.After(latest) {
		return 0, land.Invalid("older_than", "audit entries are kept at least 183 days: the cutoff must be %s or earlier", auditTime(latest))
	}
	var removed int64
	err := s.inTxAs(ctx, "system", func(tx pgx.Tx) error {
		tail, err := lockAuditChain(ctx, tx)
		if err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, qAuditPruneOn); err != nil {
			return err
		}
		tag, err := tx.Exec(ctx, qAuditPrune, olderThan)
		if err != nil {
			return refusedByAuditLog(err)
		}
		removed = tag.RowsAffected()
		// With every entry removed, the prune entry itself follows the
		// last one removed.
		anchor := tail.hash
		if err := tx.QueryRow(ctx, qAuditFirstPrevHash).Scan(&anchor); err != nil && !errors.Is(err, pgx.ErrNoRows) {
			return err
		}
		detail, err := json.Marshal(map[string]any{"removed": removed, "before": auditTime(olderThan), "anchor": AuditHash(anchor).String()})
		if err != nil {
			return err
		}
		return s.appendAudit(ctx, tx, tail, []AuditEntry{{Actor: "system", Role: "system", Action: ActionPrune, Target: "audit_log", Detail: detail}})
	})
	return removed, err
}

// refusedByAuditLog makes the append-only trigger's refusal a forbidden
// error.
func refusedByAuditLog(err error) error {
	var pe *pgconn.PgError
	if errors.As(err, &pe) && pe.Code == "42501" {
		return land.Wrap(land.CodeForbidden, err, "the audit log refused the change")
	}
	return translate(err)
}

const (
	qAuditPruneOn = `SELECT set_config('landwatch.audit_prune', 'on', true)`
	// qAuditPrune removes the oldest entries up to the first one at or
	// after the cutoff $1 (all of them when there is none).
	qAuditPrune = `DELETE FROM audit_log WHERE id < coalesce(
	(SELECT min(id) FROM audit_log WHERE at >= $1),
	(SELECT max(id) + 1 FROM audit_log))`
	qAuditFirstPrevHash = `SELECT prev_hash FROM audit_log ORDER BY id LIMIT 1`
)
