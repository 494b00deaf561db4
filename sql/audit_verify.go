package sql

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"landwatch/land"
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
	// Unkeyed is how many entries were sealed by plain SHA-256, before a
	// key was set: whoever could write the table could have rewritten
	// them, and only an anchor kept outside since shows they were not.
	Unkeyed int64
	// AnchorPruned says that the anchor verified against names an entry
	// pruned since: the chain from the pruning on was checked.
	AnchorPruned bool
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
//
// Keyed entries are checked with the store's key (Options.AuditKey): a log
// with keyed entries cannot be verified without it (CodeInvalid naming
// LANDWATCH_AUDIT_KEY), an entry sealed with another key breaks the chain,
// and so does an unkeyed entry after a keyed one. With anchor (the head of
// the log as AuditAnchor printed it and an operator kept), the entry it
// names must be there with its hash: entries removed from the end, or the
// log rewritten up to it, break the chain at the anchor.
func (s *Store) VerifyAudit(ctx context.Context, anchor *AuditAnchor) (AuditReport, error) {
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
		keyed          bool
		anchorFound    bool
	)
	for rows.Next() {
		if err := rows.Scan(&e.ID, &e.At, &e.Actor, &e.Role, &e.Address, &e.Action, &e.Target, &detail, &e.PrevHash, &e.Hash, &e.KeyID); err != nil {
			return r, translate(err)
		}
		switch {
		case e.KeyID == "" && keyed:
			r.Broken = &AuditBreak{ID: e.ID, Reason: "sealed without the key after entries sealed with it"}
			return r, nil
		case e.KeyID == "":
			r.Unkeyed++
		case s.auditKey.ID() == "":
			return r, land.Invalid("LANDWATCH_AUDIT_KEY", "the audit log is sealed with key %s: verifying it needs that key (LANDWATCH_AUDIT_KEY or LANDWATCH_AUDIT_KEY_FILE)", e.KeyID)
		case e.KeyID != s.auditKey.ID():
			r.Broken = &AuditBreak{ID: e.ID, Reason: fmt.Sprintf("sealed with key %s, not with the key given (%s)", e.KeyID, s.auditKey.ID())}
			return r, nil
		default:
			keyed = true
		}
		e.Detail = json.RawMessage(detail)
		if r.FirstID == 0 {
			r.FirstID, r.Anchor = e.ID, e.PrevHash
			anchorRecorded = len(r.Anchor) == 0
		}
		r.LastID = e.ID
		if !bytes.Equal(auditHash(&e, s.auditKey), e.Hash) {
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
		if anchor != nil && e.ID == anchor.ID {
			if !bytes.Equal(e.Hash, anchor.Hash) {
				r.Broken = &AuditBreak{ID: e.ID, Reason: "its hash is not the anchor's: the log was rewritten up to the anchor"}
				return r, nil
			}
			anchorFound = true
		}
		r.Entries++
		prevID, r.LastHash = e.ID, e.Hash
	}
	if err := rows.Err(); err != nil {
		return r, translate(err)
	}
	if anchor != nil && !anchorFound {
		if r.FirstID == 0 || anchor.ID > r.LastID || anchor.ID >= r.FirstID {
			r.Broken = &AuditBreak{ID: anchor.ID, Reason: fmt.Sprintf("the anchor's entry is gone: entries up to it were removed (the log ends at entry %d)", r.LastID)}
			return r, nil
		}
		r.AnchorPruned = true
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

const qAuditChain = `SELECT id, at, actor, role, address, action, target, detail::text, prev_hash, hash, key_id
FROM audit_log ORDER BY id`

// AuditAnchor is the head of the audit log at one time: its newest entry's
// id and hash, how many entries the log held and when the entry was
// written. Kept by an operator outside the database (a ticket, a printout,
// another system's log), it shows what the chain alone cannot: entries cut
// from its end, or a log rewritten whole.
type AuditAnchor struct {
	ID    int64
	Hash  AuditHash
	Count int64
	At    time.Time
}

// String is the anchor as one line that ParseAuditAnchor reads back.
func (a AuditAnchor) String() string {
	return fmt.Sprintf("landwatch-audit-anchor id=%d hash=%s count=%d at=%s", a.ID, a.Hash, a.Count, auditTime(a.At))
}

// ParseAuditAnchor reads an anchor as AuditAnchor.String writes it; only
// the id and the hash are needed. A text that is not one is CodeInvalid.
func ParseAuditAnchor(text string) (AuditAnchor, error) {
	var a AuditAnchor
	bad := land.Invalid("anchor", "expected the line `landwatch audit anchor` printed: landwatch-audit-anchor id=N hash=HEX …")
	fields := strings.Fields(text)
	if len(fields) == 0 || fields[0] != "landwatch-audit-anchor" {
		return a, bad
	}
	for _, f := range fields[1:] {
		k, v, _ := strings.Cut(f, "=")
		var err error
		switch k {
		case "id":
			a.ID, err = strconv.ParseInt(v, 10, 64)
		case "hash":
			a.Hash, err = hex.DecodeString(v)
		case "count":
			a.Count, err = strconv.ParseInt(v, 10, 64)
		case "at":
			a.At, err = time.Parse(time.RFC3339Nano, v)
		}
		if err != nil {
			return a, bad
		}
	}
	if a.ID <= 0 || len(a.Hash) != sha256.Size {
		return a, bad
	}
	return a, nil
}

// AnchorAudit returns the head of the audit log; CodeNotFound when the log
// is empty.
func (s *Store) AnchorAudit(ctx context.Context) (AuditAnchor, error) {
	var a AuditAnchor
	err := s.pool.QueryRow(ctx, qAuditAnchor).Scan(&a.ID, &a.Hash, &a.At, &a.Count)
	return a, translate(err)
}

const qAuditAnchor = `SELECT id, hash, at, (SELECT count(*) FROM audit_log) FROM audit_log ORDER BY id DESC LIMIT 1`
