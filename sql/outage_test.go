package sql

import (
	"context"
	"errors"
	"fmt"
	"io"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"

	"landwatch/land"
)

// The driver's outage and contention errors are CodeUnavailable (answered
// 503 with Retry-After); a commit lost with its connection says its
// outcome is unknown; other errors keep their meaning.
func TestOutagesAreUnavailable(t *testing.T) {
	pg := func(code string) error { return fmt.Errorf("insert: %w", &pgconn.PgError{Code: code}) }
	for _, c := range []struct {
		name    string
		err     error
		commit  bool
		want    land.Code
		unknown bool
	}{
		{"lock timeout", pg("55P03"), false, land.CodeUnavailable, false},
		{"statement timeout", pg("57014"), false, land.CodeUnavailable, false},
		{"serialization failure", pg("40001"), false, land.CodeUnavailable, false},
		{"deadlock", pg("40P01"), false, land.CodeUnavailable, false},
		{"admin shutdown", pg("57P01"), false, land.CodeUnavailable, false},
		{"cannot connect now", pg("57P03"), false, land.CodeUnavailable, false},
		{"connection failure", pg("08006"), false, land.CodeUnavailable, false},
		{"too many connections", pg("53300"), false, land.CodeUnavailable, false},
		{"connection refused", &pgconn.ConnectError{}, false, land.CodeUnavailable, false},
		{"connection lost", io.ErrUnexpectedEOF, false, land.CodeUnavailable, false},
		{"deadline", context.DeadlineExceeded, false, land.CodeUnavailable, false},
		{"pool closed", errors.New("closed pool"), false, land.CodeUnavailable, false},
		{"unique violation", pg("23505"), false, land.CodeConflict, false},
		{"a fault of ours", errors.New("scan: wrong type"), false, land.CodeInternal, false},
		{"commit: terminated", pg("57P01"), true, land.CodeUnavailable, true},
		{"commit: connection lost", io.EOF, true, land.CodeUnavailable, true},
		{"commit: serialization failure is a known rollback", pg("40001"), true, land.CodeUnavailable, false},
		{"commit: deferred unique violation", pg("23505"), true, land.CodeConflict, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := translate(c.err)
			if c.commit {
				got = commitOutcome(c.err)
			}
			if land.ErrorCode(got) != c.want || errors.Is(got, land.ErrOutcomeUnknown) != c.unknown {
				t.Errorf("%v → %v (%s), want %s, outcome unknown %v", c.err, got, land.ErrorCode(got), c.want, c.unknown)
			}
		})
	}
}
