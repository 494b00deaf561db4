package sql

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"time"
)

// AuditHash is a SHA-256 of the audit chain. It prints and marshals as hex.
type AuditHash []byte

func (h AuditHash) String() string { return hex.EncodeToString(h) }

// MarshalText writes h as hex.
func (h AuditHash) MarshalText() ([]byte, error) { return []byte(h.String()), nil }

// auditEncoding opens every encoded entry, so that a later encoding can
// never produce the same bytes for different contents.
const auditEncoding = "landwatch audit v1"

// auditHash is the hash that seals e: the SHA-256 of the canonical
// encoding of its id, time, actor, role, address, action, target, detail
// and prev_hash, in that order. The writer and the verifier both use it.
//
// The encoding is unambiguous: the id is 8 bytes big-endian; every other
// field is its length as 8 bytes big-endian followed by its bytes. The time
// is UTC in RFC 3339 with the fraction of a second cut to microseconds, as
// PostgreSQL keeps it; the detail is the text PostgreSQL prints for the
// jsonb value (keys sorted, one space after ':' and ','); a missing
// prev_hash (the first entry ever) has length 0.
func auditHash(e *AuditEntry) AuditHash {
	b := make([]byte, 0, 256+len(e.Detail))
	b = appendField(b, auditEncoding)
	b = binary.BigEndian.AppendUint64(b, uint64(e.ID))
	b = appendField(b, auditTime(e.At))
	for _, s := range []string{e.Actor, e.Role, e.Address, e.Action, e.Target} {
		b = appendField(b, s)
	}
	b = appendField(b, e.Detail)
	b = appendField(b, e.PrevHash)
	sum := sha256.Sum256(b)
	return sum[:]
}

func appendField[T ~string | ~[]byte](b []byte, v T) []byte {
	b = binary.BigEndian.AppendUint64(b, uint64(len(v)))
	return append(b, v...)
}

// auditTime is t as the chain encodes it. Cutting t to microseconds first
// makes the time Go hashes on append the time PostgreSQL gives back.
func auditTime(t time.Time) string {
	return t.UTC().Truncate(time.Microsecond).Format(time.RFC3339Nano)
}
