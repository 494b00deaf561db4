package api

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"testing"

	"landwatch/auth"
	"landwatch/land"
	"landwatch/sql/sqltest"
	"landwatch/supervision"
)

// BenchmarkTileRequest is one request for a tile through the handler chain,
// as a GIS client signed in with a bearer token sends it: what the chain
// (security headers, routing, the token, the region, the deadline, a tile
// cache without room, the answer's headers) costs a request and leaves for
// the collector (-benchmem). The register is empty, so that drawing is next
// to nothing, and httptest stands for net/http's reading and writing of the
// connection (its request and recorder are counted too).
func BenchmarkTileRequest(b *testing.B) {
	svc := sqltest.RunningWith(b, func(c *supervision.Config) { c.TileCacheMB = 0 })
	ctx := context.Background()
	by := land.SystemScope("bench-setup")
	hash, err := passwordHash()
	if err != nil {
		b.Fatal(err)
	}
	if _, err := svc.CreateAccount(ctx, by, land.User{Name: "gis", Role: land.RoleInspector, Region: "130626"}, hash); err != nil {
		b.Fatal(err)
	}
	secret := auth.NewSecret()
	if _, err := svc.CreateToken(ctx, by, "gis", "bench", auth.HashSecret(secret)); err != nil {
		b.Fatal(err)
	}
	s := New(Config{Service: svc, Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Profile: "internal",
		InternalNetworks: []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8")}})
	path := tilePath(115.78, 39.26, 16)
	send := func() *httptest.ResponseRecorder {
		req := httptest.NewRequest(http.MethodGet, path, nil)
		req.RemoteAddr = loopback
		req.Header.Set("Authorization", "Bearer "+secret)
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		return rec
	}
	if rec := send(); rec.Code != http.StatusOK && rec.Code != http.StatusNoContent {
		b.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	b.ReportAllocs()
	for b.Loop() {
		send()
	}
}
