package supervision_test

import (
	"context"
	"testing"
	"time"

	"landwatch/auth"
	"landwatch/land"
	"landwatch/sql/sqltest"
)

// What the doors remember of sessions and tokens is good only while the
// service hears of their changes: a change anywhere, and a lost notice
// connection, move it to a new generation; while the connection is down
// nothing is to be believed, and it comes back by itself.
func TestIdentityGenerationFollowsChangesAndListenerLoss(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	svc := sqltest.Running(t)
	eventually(t, 20*time.Second, "listening", func() bool { _, l := svc.IdentityGeneration(); return l })
	by := land.SystemScope("test-setup")
	if _, err := svc.CreateAccount(ctx, by, land.User{Name: "clerk", Role: land.RoleClerk, Region: "130626"}, "x"); err != nil {
		t.Fatal(err)
	}
	tok, err := svc.CreateToken(ctx, by, "clerk", "script", auth.HashSecret(auth.NewSecret()))
	if err != nil {
		t.Fatal(err)
	}

	before, _ := svc.IdentityGeneration()
	if err := svc.RevokeToken(ctx, by, tok.ID); err != nil {
		t.Fatal(err)
	}
	eventually(t, 10*time.Second, "a revocation moves the generation", func() bool { g, _ := svc.IdentityGeneration(); return g != before })

	before, _ = svc.IdentityGeneration()
	var killed int
	err = svc.Store().Pool().QueryRow(ctx, `SELECT count(pg_terminate_backend(pid))::int FROM pg_stat_activity
WHERE query LIKE 'LISTEN "landwatch_identity_' || current_schema() || '"'`).Scan(&killed)
	if err != nil || killed != 1 {
		t.Fatalf("terminated %d listeners: %v", killed, err)
	}
	eventually(t, 10*time.Second, "a lost connection moves the generation", func() bool { g, _ := svc.IdentityGeneration(); return g != before })
	eventually(t, 20*time.Second, "listening again", func() bool { _, l := svc.IdentityGeneration(); return l })
}
