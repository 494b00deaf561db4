package sql

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
)

// AuditReport is what VerifyAudit found.
type AuditReport struct {
	// Entries is how many entries were checked and found sound, up to the
	// first broken one.
	Entries int64
	// FirstID and LastID are the ids of the first and last entries read.
	FirstID, LastID int64
	// Anchor is the first entry's PrevHash: empty when the log starts with
	// its first entry ever, else the hash of the last entry pruned.
	Anchor AuditHash
	// LastHash seals the whole log. Kept outside the database (a ticket, a
	// printout, another system's log), it also shows entries removed from
	// the end, which the chain alone cannot.
	LastHash AuditHash
	// Broken is the first entry that does not fit the chain; nil when the
	// log is intact.
	Broken *AuditBreak
}

// AuditBreak names an entry that breaks the chain and why.
type AuditBreak struct {
	ID     int64
	Reason string
}

func (b *AuditBreak) String() string { return fmt.Sprintf("entry %d: %s", b.ID, b.Reason) }

// Intact reports whether every entry fits the chain.
func (r AuditReport) Intact() bool { return r.Broken == nil }

// VerifyAudit reads the audit log in id order and checks that every entry's
// hash matches its contents and that its prev_hash is the hash of the entry
// before it. The first entry's prev_hash is the anchor: it must be empty
// (nothing was ever removed) or be the anchor a prune entry in the log
// recorded (the entries before it were pruned); anything else means the
// head of the log was deleted without pruning. A broken chain is reported
// in AuditReport.Broken, not as an error; errors are the database's.
//
// The chain shows any change made without recomputing the hashes after it
// (psql, QGIS, a script, a restore of part of a backup). Whoever can write
// the table and recompute every hash could rewrite the whole log, and the
// chain alone cannot show entries cut from its end: comparing LastHash with
// a copy kept outside the database shows both.
func (s *Store) VerifyAudit(ctx context.Context) (AuditReport, error) {
	var r AuditReport
	rows, err := s.pool.Query(ctx, qAuditChain)
	if err != nil {
		return r, translate(err)
	}
	defer rows.Close()
	var (
		e              AuditEntry
		detail         string
		prevID         int64
		anchorRecorded bool
	)
	for rows.Next() {
		if err := rows.Scan(&e.ID, &e.At, &e.Actor, &e.Role, &e.Address, &e.Action, &e.Target, &detail, &e.PrevHash, &e.Hash); err != nil {
			return r, translate(err)
		}
		e.Detail = json.RawMessage(detail)
		if r.FirstID == 0 {
			r.FirstID, r.Anchor = e.ID, e.PrevHash
			anchorRecorded = len(r.Anchor) == 0
		}
		r.LastID = e.ID
		if !bytes.Equal(auditHash(&e), e.Hash) {
			r.Broken = &AuditBreak{ID: e.ID, Reason: "hash does not match its contents"}
			return r, nil
		}
		if prevID != 0 && !bytes.Equal(e.PrevHash, r.LastHash) {
			r.Broken = &AuditBreak{ID: e.ID, Reason: fmt.Sprintf("prev_hash does not match entry %d", prevID)}
			return r, nil
		}
		if !anchorRecorded && e.Action == ActionPrune && pruneAnchor(e.Detail) == r.Anchor.String() {
			anchorRecorded = true
		}
		r.Entries++
		prevID, r.LastHash = e.ID, e.Hash
	}
	if err := rows.Err(); err != nil {
		return r, translate(err)
	}
	if r.FirstID != 0 && !anchorRecorded {
		r.Broken = &AuditBreak{ID: r.FirstID, Reason: "prev_hash matches no prune entry: the entries before it were removed without pruning"}
	}
	return r, nil
}

// pruneAnchor is the anchor a prune entry's detail records, as hex.
func pruneAnchor(detail json.RawMessage) string {
	var d struct {
		Anchor string `json:"anchor"`
	}
	if json.Unmarshal(detail, &d) != nil {
		return ""
	}
	return d.Anchor
}

const qAuditChain = `SELECT id, at, actor, role, address, action, target, detail::text, prev_hash, hash
FROM audit_log ORDER BY id`
