package main

import (
	"context"
	"testing"

	"landwatch/auth"
	"landwatch/land"
	"landwatch/sql"
)

// testPassword is the password of the accounts the tests make.
const testPassword = "correct horse battery staple"

// addAccount creates an account in the database at dbURL (migrated) and
// returns a bearer token of it.
func addAccount(t *testing.T, dbURL, name string, role land.Role, region string) string {
	t.Helper()
	ctx := context.Background()
	st, err := sql.Open(ctx, dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	hash, err := auth.HashPassword(testPassword)
	if err != nil {
		t.Fatal(err)
	}
	by := land.SystemScope("test-setup")
	if _, err := st.CreateAccount(ctx, by, land.User{Name: name, Role: role, Region: region}, hash); err != nil {
		t.Fatal(err)
	}
	secret := auth.NewSecret()
	if _, err := st.CreateToken(ctx, by, name, "tests", auth.HashSecret(secret)); err != nil {
		t.Fatal(err)
	}
	return secret
}

// adminClient starts `landwatch serve` and returns a client signed in (with
// a bearer token) as an administrator of the whole country.
func adminClient(t *testing.T, bin, dbURL string, env ...string) client {
	t.Helper()
	base, _ := startServerWith(t, bin, dbURL, env...)
	return client{t: t, base: base, token: addAccount(t, dbURL, "admin", land.RoleAdmin, land.NationCode), dbURL: dbURL}
}
