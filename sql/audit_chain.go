package sql

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"hash"
	"time"
)

// AuditHash is a SHA-256 of the audit chain. It prints and marshals as hex.
type AuditHash []byte

func (h AuditHash) String() string { return hex.EncodeToString(h) }

// MarshalText writes h as hex.
func (h AuditHash) MarshalText() ([]byte, error) { return []byte(h.String()), nil }

// auditEncoding opens every encoded entry, so that a later encoding can
// never produce the same bytes for different contents: v1 for the entries
// sealed by plain SHA-256 (before a key was set), v2 for the keyed ones,
// whose encoding ends with the key's id.
const (
	auditEncoding      = "landwatch audit v1"
	auditEncodingKeyed = "landwatch audit v2 hmac-sha256"
)

// AuditKey is the key the audit chain is sealed with (LANDWATCH_AUDIT_KEY):
// outside the database, so that who can write the table cannot recompute
// the hashes. The zero AuditKey is none.
type AuditKey struct {
	secret []byte
	id     string
}

// NewAuditKey makes a key of secret, which must have at least 32 bytes.
func NewAuditKey(secret []byte) (AuditKey, error) {
	if len(secret) < 32 {
		return AuditKey{}, fmt.Errorf("an audit key needs at least 32 bytes (such as `openssl rand -hex 32`); this one has %d", len(secret))
	}
	m := hmac.New(sha256.New, secret)
	m.Write([]byte("landwatch audit key id"))
	return AuditKey{secret: append([]byte(nil), secret...), id: hex.EncodeToString(m.Sum(nil)[:8])}, nil
}

// ID names the key without telling anything of it ("" for none).
func (k AuditKey) ID() string { return k.id }

// String never shows the secret.
func (k AuditKey) String() string {
	if k.id == "" {
		return "none"
	}
	return "key " + k.id
}

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
//
// An entry with a KeyID is sealed by the HMAC-SHA-256 under that key of the
// same encoding opened by auditEncodingKeyed and closed by the KeyID; key
// must be the key of that id (the caller checks).
func auditHash(e *AuditEntry, key AuditKey) AuditHash {
	b := make([]byte, 0, 256+len(e.Detail))
	var h hash.Hash
	if e.KeyID == "" {
		h = sha256.New()
		b = appendField(b, auditEncoding)
	} else {
		h = hmac.New(sha256.New, key.secret)
		b = appendField(b, auditEncodingKeyed)
	}
	b = binary.BigEndian.AppendUint64(b, uint64(e.ID))
	b = appendField(b, auditTime(e.At))
	for _, s := range []string{e.Actor, e.Role, e.Address, e.Action, e.Target} {
		b = appendField(b, s)
	}
	b = appendField(b, e.Detail)
	b = appendField(b, e.PrevHash)
	if e.KeyID != "" {
		b = appendField(b, e.KeyID)
	}
	h.Write(b)
	return h.Sum(nil)
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
