package sql_test

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"testing"
	"time"

	"landwatch/land"
	"landwatch/sql"
)

// documentedHash computes an entry's hash from the encoding as auditHash's
// doc comment describes it, written again here so that the description and
// the code cannot drift apart.
func documentedHash(e sql.AuditEntry) []byte {
	var b []byte
	field := func(v []byte) {
		b = binary.BigEndian.AppendUint64(b, uint64(len(v)))
		b = append(b, v...)
	}
	field([]byte("landwatch audit v1"))
	b = binary.BigEndian.AppendUint64(b, uint64(e.ID))
	field([]byte(e.At.UTC().Truncate(time.Microsecond).Format(time.RFC3339Nano)))
	for _, s := range []string{e.Actor, e.Role, e.Address, e.Action, e.Target} {
		field([]byte(s))
	}
	field(e.Detail)
	field(e.PrevHash)
	sum := sha256.Sum256(b)
	return sum[:]
}

func TestAuditHashesFollowTheDocumentedEncoding(t *testing.T) {
	st, now := auditStore(t)
	ctx := context.Background()
	// Nanoseconds the database cannot keep, in a zone other than UTC.
	*now = time.Date(2026, 3, 1, 9, 30, 0, 123456789, time.FixedZone("CST", 8*3600))
	// Fields whose boundaries moved would hash alike in a naive encoding.
	err := st.AuditBatch(ctx, []sql.AuditEntry{
		{Actor: "ab", Role: "c", Action: "sign_in", Detail: json.RawMessage(`{"z": 1, "a": [true, null]}`)},
		{Actor: "a", Role: "bc", Action: "sign_in", Detail: json.RawMessage(`{"z": 1, "a": [true, null]}`)},
		{Actor: "王", Address: "2001:db8::1", Action: "sign_in_failed", Target: "/api/v1/session"},
	})
	if err != nil {
		t.Fatal(err)
	}
	page, _, err := st.ListAudit(ctx, land.SystemScope("test"), sql.AuditFilter{})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, e := range page {
		if got := documentedHash(e); string(got) != string(e.Hash) {
			t.Errorf("entry %d: stored hash %s, the documented encoding gives %x", e.ID, e.Hash, got)
		}
		if seen[e.Hash.String()] {
			t.Errorf("entry %d hashes like another", e.ID)
		}
		seen[e.Hash.String()] = true
		if want := now.Truncate(time.Microsecond); !e.At.Equal(want) {
			t.Errorf("entry %d at %s, want %s", e.ID, e.At, want)
		}
	}
}
