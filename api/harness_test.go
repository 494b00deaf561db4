package api

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"math"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strconv"
	"sync"
	"testing"

	"github.com/paulmach/orb/encoding/mvt"
	"github.com/paulmach/orb/geojson"
	"golang.org/x/crypto/bcrypt"

	"landwatch/auth"
	"landwatch/land"
	"landwatch/sql"
	"landwatch/sql/sqltest"
	"landwatch/supervision"
	webmap "landwatch/web-map"
)

// The contract tests (who may use which route, what stays inside a region,
// what the external profile keeps back, what each resource answers) run
// against the whole HTTP interface in-process: a fresh PostGIS schema, an
// engine following its change feed, the tile cache it invalidates and the
// map's files, wired as `landwatch serve` wires them, with requests sent
// straight to ServeHTTP.

// testPassword is the password of the accounts the tests make.
const testPassword = "correct horse battery staple"

// loopback is the peer address of a request sent without another one: on
// the default internal networks, like a browser on the server's machine.
const loopback = "127.0.0.1:41000"

// testServer is the HTTP interface over its own database.
type testServer struct {
	*Server
	svc   *supervision.Service
	store *sql.Store // for checks against the database
}

// newTestServer builds a service on a fresh schema with the one assembly
// (as `landwatch serve` does), runs its engine, and returns the server over
// it once the index is loaded. configure, when not nil, changes the
// configuration `landwatch serve` would use by default (the internal
// profile, loopback as the internal network, no trusted proxy).
func newTestServer(t *testing.T, configure func(*Config)) *testServer {
	t.Helper()
	return newTestServerOf(t, sqltest.Running(t), configure)
}

// newTestServerOf is newTestServer over a running service of the test's
// (two instances on one register).
func newTestServerOf(t *testing.T, svc *supervision.Service, configure func(*Config)) *testServer {
	t.Helper()
	log := logOnFailure(t)
	cfg := Config{Service: svc, Log: log, MapFiles: webmap.Files(),
		Profile: "internal", InternalNetworks: []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8"), netip.MustParsePrefix("::1/128")}}
	if configure != nil {
		configure(&cfg)
	}
	return &testServer{Server: New(cfg), svc: svc, store: svc.Store()}
}

// refuseAuditEntries makes the audit log refuse the new entries for which
// when (SQL on NEW; "true" for all) holds, as a full disk would.
func (ts *testServer) refuseAuditEntries(t *testing.T, when string) {
	t.Helper()
	if _, err := ts.store.Pool().Exec(context.Background(), `CREATE FUNCTION audit_disk_full() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'could not extend file: No space left on device' USING ERRCODE = 'disk_full'; END $$;
CREATE TRIGGER audit_disk_full BEFORE INSERT ON audit_log FOR EACH ROW WHEN (`+when+`) EXECUTE FUNCTION audit_disk_full()`); err != nil {
		t.Fatal(err)
	}
}

// logOnFailure is a logger whose lines are shown only when t fails.
func logOnFailure(t *testing.T) *slog.Logger {
	var (
		mu  sync.Mutex
		buf bytes.Buffer
	)
	t.Cleanup(func() {
		mu.Lock()
		defer mu.Unlock()
		if t.Failed() {
			t.Logf("server log:\n%s", buf.String())
		}
	})
	return slog.New(slog.NewTextHandler(lockedWriter{&mu, &buf}, nil))
}

type lockedWriter struct {
	mu  *sync.Mutex
	buf *bytes.Buffer
}

func (w lockedWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.Write(p)
}

// passwordHash is testPassword hashed at bcrypt's least cost. A password is
// checked at the cost its hash was made with, and the tests sign in
// hundreds of times: at the service's cost, a comparison takes seconds
// under the race detector.
var passwordHash = sync.OnceValues(func() (string, error) {
	h, err := bcrypt.GenerateFromPassword([]byte(testPassword), bcrypt.MinCost)
	return string(h), err
})

// account creates an account with testPassword and returns a client that
// presents a bearer token of it and reports failures to t.
func (ts *testServer) account(t *testing.T, name string, role land.Role, region string) testClient {
	t.Helper()
	ctx := context.Background()
	hash, err := passwordHash()
	if err != nil {
		t.Fatal(err)
	}
	by := land.SystemScope("test-setup")
	if _, err := ts.svc.CreateAccount(ctx, by, land.User{Name: name, Role: role, Region: region}, hash); err != nil {
		t.Fatal(err)
	}
	secret := auth.NewSecret()
	if _, err := ts.svc.CreateToken(ctx, by, name, "tests", auth.HashSecret(secret)); err != nil {
		t.Fatal(err)
	}
	return testClient{t: t, srv: ts, token: secret}
}

// anonymous is a client that presents no credentials.
func (ts *testServer) anonymous(t *testing.T) testClient { return testClient{t: t, srv: ts} }

// testClient sends requests to a test server; with a token, as the account
// it belongs to.
type testClient struct {
	t     *testing.T
	srv   *testServer
	token string
	from  string // the peer address ("host:port"); "" means loopback
}

// as is the same client reporting failures to t (a subtest's).
func (c testClient) as(t *testing.T) testClient {
	c.t = t
	return c
}

// do sends a request from loopback and returns the answer with its body.
// A header given with a nil value removes it (the bearer token).
func (c testClient) do(method, path string, header http.Header, body []byte) (*http.Response, []byte) {
	c.t.Helper()
	req := httptest.NewRequest(method, path, bytes.NewReader(body))
	req.RemoteAddr = loopback
	if c.from != "" {
		req.RemoteAddr = c.from
	}
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	for k, v := range header {
		req.Header[k] = v
	}
	rec := httptest.NewRecorder()
	c.srv.ServeHTTP(rec, req)
	resp := rec.Result()
	resp.Request = req
	return resp, rec.Body.Bytes()
}

// status fails the test at once unless the answer has the status.
func (c testClient) status(want int, resp *http.Response, body []byte) {
	c.t.Helper()
	if resp.StatusCode != want {
		c.t.Fatalf("%s %s: status %d, want %d: %s", resp.Request.Method, resp.Request.URL, resp.StatusCode, want, body)
	}
}

// square is a GeoJSON polygon of size degrees from its south-west corner.
func square(minLon, minLat, size float64) string {
	ring := [][2]float64{{minLon, minLat}, {minLon + size, minLat}, {minLon + size, minLat + size}, {minLon, minLat + size}, {minLon, minLat}}
	b, _ := json.Marshal(ring)
	return `{"type":"Polygon","coordinates":[` + string(b) + `]}`
}

// supplyJSON is a new supply with one parcel.
func supplyJSON(number, geometry string) string {
	return `{"e_number":"` + number + `","method":"23","project_name":"测试","area_ha":1,"land_use_original":"0701",
"contract_date":"2026-01-05","parcels":{"type":"Feature","properties":{},"geometry":` + geometry + `}}`
}

// tileOf returns the tile of zoom z holding lon/lat.
func tileOf(lon, lat float64, z int) (int, int) {
	n := math.Exp2(float64(z))
	s := math.Sin(lat * math.Pi / 180)
	return int((lon + 180) / 360 * n), int((0.5 - math.Log((1+s)/(1-s))/(4*math.Pi)) * n)
}

// tilePath is the address of the tile of zoom z holding lon/lat.
func tilePath(lon, lat float64, z int) string {
	x, y := tileOf(lon, lat, z)
	return "/tiles/" + strconv.Itoa(z) + "/" + strconv.Itoa(x) + "/" + strconv.Itoa(y) + ".mvt"
}

// parcelOf returns the attributes of the parcel a tile labels with an
// e-supervision number (the layer "labels" names it, the layer "parcels"
// draws it, under the same id).
func parcelOf(c testClient, path, number string) (geojson.Properties, bool) {
	c.t.Helper()
	var id any
	for _, f := range tileLayer(c, path, "labels") {
		if f.Properties["e_number"] == number {
			id = f.ID
		}
	}
	for _, f := range tileLayer(c, path, "parcels") {
		if id != nil && f.ID == id {
			return f.Properties, true
		}
	}
	return nil, false
}

// tileLayer returns the features of one layer of the tile at path.
func tileLayer(c testClient, path, layer string) []*geojson.Feature {
	c.t.Helper()
	resp, body := c.do("GET", path, nil, nil)
	c.status(http.StatusOK, resp, body)
	layers, err := mvt.Unmarshal(body)
	if err != nil {
		c.t.Fatal(err)
	}
	for _, l := range layers {
		if l.Name == layer {
			return l.Features
		}
	}
	return nil
}
