package api

import (
	"cmp"
	"context"
	"io/fs"
	"log/slog"
	"net/http"
	"net/netip"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/gorilla/mux"

	"landwatch/auth"
	"landwatch/land"
	"landwatch/sql"
	"landwatch/supervision"
	"landwatch/tiles"
)

// Readiness reports why the service cannot answer yet, or nil when it can.
type Readiness func(ctx context.Context) error

// Config is what the HTTP layer needs.
type Config struct {
	// Service is the one way in: every use case, and the engine whose
	// index the tiles and overlap queries read.
	Service  *supervision.Service
	Log      *slog.Logger
	Ready    Readiness
	MapFiles fs.FS // the web map, served at /
	MaxBody  int64 // largest request body in bytes; 0 means 64 MiB

	// Profile is "internal" or "external" (no coordinates served at all).
	Profile string
	// InternalNetworks may receive coordinates; TrustedProxies are the
	// reverse proxies whose X-Forwarded-For is believed (none by default).
	InternalNetworks, TrustedProxies []netip.Prefix
	// PublicPerMinute is how many requests an address may make of the
	// public pages in a minute; 0 means 300.
	PublicPerMinute int
	// Instances is how many instances serve behind the balancer (0 or 1:
	// this one alone); each allows its share of PublicPerMinute.
	Instances int
	// ReadTimeout bounds the database work of a read, WriteTimeout that of
	// a write (imports and scans excepted: they are bounded by the
	// database's statement timeout); past it the request is answered 503.
	// 0 means 10 s and 30 s.
	ReadTimeout, WriteTimeout time.Duration
	// Basemap is drawn under the parcels; its origin is the one other
	// origin the page's content security policy admits.
	Basemap Basemap
	// PublicURL is where clients reach landwatch (ParsePublicURL), for
	// absolute links behind a proxy; "" takes it from each request.
	PublicURL string
	// ExportPageSize is how many records an export reads from the store
	// at a time; 0 means 500.
	ExportPageSize int
}

// Server routes landwatch's HTTP interface.
type Server struct {
	svc       *supervision.Service
	tileCache *tiles.Cache
	calendar  *land.Calendar
	zone      *time.Location // China Standard Time, for photo times written without an offset

	extentMu      sync.Mutex        // guards the cached extents of the index
	extentVersion uint64            // the index version the extents are of
	extents       map[string]extent // by region prefix
	log           *slog.Logger
	ready         Readiness
	maxBody       int64
	router        *mux.Router
	mapRoute      *mux.Route // the map's files, under every path the routes leave
	basemap       Basemap
	secure        http.Header      // the security headers of every answer, the same values shared by all
	tileHeader    tileHeaders      // the header values of every tile answer, shared alike
	phrases       *land.Phrasebook // the Chinese of the answers' messages (say)
	publicBase    string           // LANDWATCH_PUBLIC_URL, "" for the request's own
	exportPage    int              // records an export reads from the store at a time

	readTimeout, writeTimeout    time.Duration
	profile                      string
	internalNets, trustedProxies []netip.Prefix
	badTokens                    *auth.Throttle // unknown or revoked bearer tokens per address
	public                       *auth.Limiter  // requests to /public/ per address
	tiles                        tileReads      // tile reads not yet in the audit log
	known                        identities     // tokens and sessions checked in the last seconds
}

// New returns the HTTP handler of landwatch.
func New(c Config) *Server {
	s := &Server{svc: c.Service, log: c.Log, ready: c.Ready, maxBody: c.MaxBody,
		zone: time.FixedZone("CST", 8*3600), profile: c.Profile, internalNets: c.InternalNetworks, trustedProxies: c.TrustedProxies,
		badTokens: auth.NewThrottle(badTokenLimit, time.Minute, time.Minute, nil), basemap: c.Basemap, secure: securityHeaders(c.Basemap), tileHeader: newTileHeaders(),
		phrases: land.NewPhrasebook(), publicBase: c.PublicURL, exportPage: cmp.Or(c.ExportPageSize, 500)}
	if s.log == nil {
		s.log = slog.Default()
	}
	if c.Service != nil { // nil only where the routes alone are wanted
		// Photo times written without an offset are read in the zone of
		// the law's days (LANDWATCH_TZ).
		s.tileCache, s.calendar, s.zone = c.Service.Tiles(), c.Service.Rules().Calendar, c.Service.Rules().Zone
	}
	if s.maxBody == 0 {
		s.maxBody = 64 << 20
	}
	s.readTimeout, s.writeTimeout = cmp.Or(c.ReadTimeout, 10*time.Second), cmp.Or(c.WriteTimeout, 30*time.Second)
	if c.PublicPerMinute == 0 {
		c.PublicPerMinute = 300
	}
	s.public = auth.NewLimiter(publicShare(c.PublicPerMinute, c.Instances), time.Minute, nil)
	r := mux.NewRouter()
	s.router = r
	s.routes(r)
	r.NotFoundHandler = http.HandlerFunc(s.notFound)
	r.MethodNotAllowedHandler = http.HandlerFunc(s.methodNotAllowed)
	if c.MapFiles != nil {
		// The map's pages and scripts: public, and carrying no coordinates
		// (those come from the guarded API and tiles after signing in).
		s.route(r, http.MethodGet, "/config.json", Access{}, s.mapConfig(c.MapFiles))
		s.route(r, http.MethodGet, "/style.json", Access{}, s.publishedStyle(c.MapFiles))
		s.mapRoute = r.PathPrefix("/").Handler(s.guard(Access{}, s.mapFiles(c.MapFiles))).Methods(http.MethodGet, http.MethodHead)
	}
	return s
}

// badTokenLimit is how many unknown or revoked bearer tokens an address may
// send in a minute before it is refused for a minute without the database
// being asked. A script with a revoked token learns it from the first 401;
// what keeps sending others is guessing. Counted in this process only: a
// shared count would cost the very query it saves.
const badTokenLimit = 10

// publicShare is the public rate limit one of instances allows an address.
// The limit is counted in each process, not in the database: it is there
// to keep a flood of public requests off the register, and a shared count
// would make every refused request a write to it. A balancer spreading an
// address's requests over the instances gives each its share of them, so
// each allows its share of the limit; one that keeps an address on one
// instance makes the limit stricter, never looser.
func publicShare(perMinute, instances int) int {
	if instances <= 1 {
		return perMinute
	}
	return max(1, perMinute/instances)
}

// handler answers a request, or returns the error to answer it with: a
// handler never writes an error itself, so that every error becomes a
// problem document in one place (answer).
type handler func(w http.ResponseWriter, r *http.Request) error

// route adds a route with its access rule; there is no other way to add one.
func (s *Server) route(r *mux.Router, method, path string, a Access, h handler) {
	rt := r.Handle(path, s.guard(a, s.bounded(method, a, h)))
	methods := []string{method}
	if method == http.MethodGet {
		methods = append(methods, http.MethodHead)
	}
	rt.Methods(methods...)
}

// bounded gives a route's database work a deadline: short for reads, longer
// for writes, none of the request's own for imports and scans, which may
// take minutes. A statement past it is cancelled and the request answered
// 503 rather than holding a connection others wait for.
func (s *Server) bounded(method string, a Access, h handler) handler {
	limit := s.writeTimeout
	switch {
	case a.Action == "import" || a.Action == "export" || a.Perm == land.PermWork && method == http.MethodPost && !a.Files:
		return h // imports, exports (streamed: they end when the client leaves), footprints and overlap scans
	case a.Action == actionTiles:
		return h // drawn from memory: no database work to bound, and its timer would be garbage of every tile
	case method == http.MethodGet:
		limit = s.readTimeout
	}
	return func(w http.ResponseWriter, r *http.Request) error {
		ctx, cancel := context.WithTimeout(r.Context(), limit)
		defer cancel()
		return h(w, r.WithContext(ctx))
	}
}

// Router exposes the routes, so that tests can walk every one.
func (s *Server) Router() *mux.Router { return s.router }

// routes is landwatch's HTTP interface, each route with who may use it.
func (s *Server) routes(r *mux.Router) {
	public := Access{}
	read := Access{Perm: land.PermRead}
	readGeo := Access{Perm: land.PermRead, Coords: WhenGeoJSON}
	readCoords := Access{Perm: land.PermRead, Coords: Always}
	edit := Access{Perm: land.PermEdit}
	editFiles := Access{Perm: land.PermEdit, Coords: Always, Files: true}
	work := Access{Perm: land.PermWork}
	admin := Access{Perm: land.PermAdmin, Action: "permission_change"}

	s.route(r, http.MethodGet, "/healthz", public, s.health)
	s.route(r, http.MethodGet, "/public/idle-land", public, s.limited(s.publicIdleLand))
	s.route(r, http.MethodGet, "/public/supplies", public, s.limited(s.publicSupplies))
	s.route(r, http.MethodGet, "/public/supplies/{number}", public, s.limited(s.publicSupply))
	s.route(r, http.MethodGet, "/public/regions", public, s.limited(s.publicRegions))
	s.route(r, http.MethodGet, "/public/plans", public, s.limited(s.publicPlans))
	s.route(r, http.MethodGet, "/public/plans/{id}", public, s.limited(s.publicPlan))
	s.route(r, http.MethodGet, "/public/announcements", public, s.limited(publicList(s, true, s.svc.PublicAnnouncements, func(p sql.PublicAnnouncement) int64 { return p.ID })))
	s.route(r, http.MethodGet, "/public/announcements/{id}", public, s.limited(publicOne(s, s.svc.PublicAnnouncement)))
	s.route(r, http.MethodGet, "/public/deals", public, s.limited(publicList(s, false, s.svc.PublicDeals, func(p sql.PublicDeal) int64 { return p.ID })))
	s.route(r, http.MethodGet, "/public/deals/{id}", public, s.limited(publicOne(s, s.svc.PublicDeal)))
	s.route(r, http.MethodGet, "/tiles.json", readCoords, s.tileJSON)
	s.route(r, http.MethodGet, "/tiles/{z}/{x}/{y}.mvt", Access{Perm: land.PermRead, Coords: Always, Action: actionTiles}, s.tile)

	v1 := r.PathPrefix("/api/v1").Subrouter()
	s.route(v1, http.MethodPost, "/session", public, s.signIn)
	s.route(v1, http.MethodGet, "/session", read, s.session)
	s.route(v1, http.MethodDelete, "/session", read, s.signOut)
	s.route(v1, http.MethodPost, "/session/password", Access{Perm: land.PermRead, Action: "permission_change"}, s.changeOwnPassword)
	s.route(v1, http.MethodGet, "/accounts", admin, s.listAccounts)
	s.route(v1, http.MethodPost, "/accounts", admin, s.createAccount)
	s.route(v1, http.MethodPatch, "/accounts/{name}", admin, s.changeAccount)
	s.route(v1, http.MethodGet, "/tokens", read, s.listTokens)
	s.route(v1, http.MethodPost, "/tokens", Access{Perm: land.PermRead, Action: "permission_change"}, s.createToken)
	s.route(v1, http.MethodDelete, "/tokens/{id}", Access{Perm: land.PermRead, Action: "permission_change"}, s.revokeToken)
	s.route(v1, http.MethodGet, "/audit", Access{Perm: land.PermAdmin}, s.listAudit)

	// A box is a question about where land lies: asked often enough, its
	// answers draw the parcels. It is a coordinate query like GeoJSON.
	s.route(v1, http.MethodGet, "/supplies", Access{Perm: land.PermRead, Coords: Either(WhenGeoJSON, WhenParam("bbox"))}, s.listSupplies)
	s.route(v1, http.MethodPost, "/supplies", Access{Perm: land.PermEdit, Coords: WhenGeoJSON, Files: true}, s.createSupply)
	s.route(v1, http.MethodGet, "/supplies/{id}", readGeo, s.getSupply)
	s.route(v1, http.MethodPatch, "/supplies/{id}", edit, s.patchSupply)
	s.route(v1, http.MethodPut, "/supplies/{id}/parcels", editFiles, replaceParcelsOf(s, s.svc.ReplaceParcels))
	s.route(v1, http.MethodPost, "/supplies/{id}/parcels/check", Access{Perm: land.PermEdit, Coords: Always, Files: true, Action: "read_coordinates"}, s.checkParcels)
	s.route(v1, http.MethodPost, "/supplies/{id}/events", Access{Perm: land.PermEvents}, s.addEvent)
	s.route(v1, http.MethodGet, "/supplies/{id}/events/{event}", read, s.getEvent)
	s.route(v1, http.MethodPut, "/supplies/{id}/events/{event}", Access{Perm: land.PermEvents}, s.correctEvent)
	s.route(v1, http.MethodPost, "/supplies/{id}/events/{event}/withdrawal", Access{Perm: land.PermEvents}, s.withdrawEvent)
	s.route(v1, http.MethodGet, "/supplies/{id}/history", readCoords, s.history)
	s.route(v1, http.MethodPost, "/supplies/{id}/review", Access{Perm: land.PermReview, Action: "review"}, reviewOf(s, s.svc.Review))
	s.route(v1, http.MethodPost, "/reviews", Access{Perm: land.PermReview, Action: "review"}, s.reviewMany)
	s.route(v1, http.MethodGet, "/reserves", Access{Perm: land.PermRead, Coords: WhenGeoJSON}, s.listReserves)
	s.route(v1, http.MethodPost, "/reserves", Access{Perm: land.PermEdit, Coords: WhenGeoJSON, Files: true}, s.createReserve)
	s.route(v1, http.MethodGet, "/reserves/{id}", readGeo, s.getReserve)
	s.route(v1, http.MethodPatch, "/reserves/{id}", edit, patchOf(s, reserveFixed, s.svc.UpdateReserve))
	s.route(v1, http.MethodPut, "/reserves/{id}/parcels", editFiles, replaceParcelsOf(s, s.svc.ReplaceReserveParcels))
	s.route(v1, http.MethodGet, "/reserves/{id}/history", readCoords, s.historyOf(s.svc.ReserveHistory))
	s.route(v1, http.MethodPost, "/reserves/{id}/review", Access{Perm: land.PermReview, Action: "review"}, reviewOf(s, s.svc.ReviewReserve))
	s.route(v1, http.MethodGet, "/transactions", read, s.listTransactions)
	s.route(v1, http.MethodPost, "/transactions", edit, s.createTransaction)
	s.route(v1, http.MethodGet, "/transactions/{id}", read, s.getTransaction)
	s.route(v1, http.MethodPatch, "/transactions/{id}", edit, patchOf(s, transactionFixed, s.svc.UpdateTransaction))
	s.route(v1, http.MethodPost, "/transactions/{id}/release", edit, s.releaseMortgage)
	s.route(v1, http.MethodGet, "/transactions/{id}/history", read, s.historyOf(s.svc.TransactionHistory))
	s.route(v1, http.MethodPost, "/transactions/{id}/review", Access{Perm: land.PermReview, Action: "review"}, reviewOf(s, s.svc.ReviewTransaction))
	s.route(v1, http.MethodGet, "/supplies/{id}/transactions", read, s.listTransactions)
	s.route(v1, http.MethodGet, "/plans", read, s.listPlans)
	s.route(v1, http.MethodPost, "/plans", edit, s.createPlan)
	s.route(v1, http.MethodGet, "/plans/{id}", read, s.getPlan)
	s.route(v1, http.MethodPatch, "/plans/{id}", edit, patchOf(s, planFixed, s.svc.UpdatePlan))
	s.route(v1, http.MethodGet, "/plans/{id}/history", read, s.historyOf(s.svc.PlanHistory))
	s.route(v1, http.MethodPost, "/plans/{id}/review", Access{Perm: land.PermReview, Action: "review"}, reviewOf(s, s.svc.ReviewPlan))
	s.route(v1, http.MethodGet, "/announcements", read, s.listAnnouncements)
	s.route(v1, http.MethodPost, "/announcements", edit, s.createAnnouncement)
	s.route(v1, http.MethodGet, "/announcements/{id}", readGeo, s.getAnnouncement)
	s.route(v1, http.MethodPatch, "/announcements/{id}", edit, s.patchAnnouncement)
	s.route(v1, http.MethodPut, "/announcements/{id}/lots/{lot}/parcels", editFiles, replaceParcelsOf(s, s.svc.ReplaceLotParcels))
	s.route(v1, http.MethodGet, "/announcements/{id}/history", readCoords, s.historyOf(s.svc.AnnouncementHistory))
	s.route(v1, http.MethodPost, "/announcements/{id}/review", Access{Perm: land.PermReview, Action: "review"}, reviewOf(s, s.svc.ReviewAnnouncement))
	s.route(v1, http.MethodGet, "/deals", read, s.listDeals)
	s.route(v1, http.MethodPost, "/deals", edit, s.createDeal)
	s.route(v1, http.MethodGet, "/deals/{id}", read, s.getDeal)
	s.route(v1, http.MethodPatch, "/deals/{id}", edit, s.patchDeal)
	s.route(v1, http.MethodGet, "/deals/{id}/history", read, s.historyOf(s.svc.DealHistory))
	s.route(v1, http.MethodPost, "/deals/{id}/review", Access{Perm: land.PermReview, Action: "review"}, reviewOf(s, s.svc.ReviewDeal))
	s.route(v1, http.MethodGet, "/supplies/{id}/chain", read, s.supplyChain)
	// Imports decide by each file's format: tables of records carry no
	// coordinates, coordinate files and GeoJSON do (importFiles).
	s.route(v1, http.MethodPost, "/imports", Access{Perm: land.PermEdit, Action: "import", Files: true}, s.importFiles)
	s.route(v1, http.MethodPost, "/footprints", Access{Perm: land.PermEdit, Coords: Always, Action: "import", Files: true}, s.importFootprints)
	s.route(v1, http.MethodGet, "/overlaps", Access{Perm: land.PermRead, Coords: WhenParam("bbox")}, s.listOverlaps)
	s.route(v1, http.MethodPost, "/overlaps/query", Access{Perm: land.PermRead, Coords: Always, Files: true, Action: "read_coordinates"}, s.queryOverlaps)
	s.route(v1, http.MethodPost, "/overlaps/scan", work, s.scanOverlaps)
	s.route(v1, http.MethodGet, "/findings", Access{Perm: land.PermRead, Coords: WhenParam("near")}, s.listFindings)
	s.route(v1, http.MethodGet, "/findings/{id}", read, s.getFinding)
	s.route(v1, http.MethodPatch, "/findings/{id}", work, s.moveFinding)
	s.route(v1, http.MethodGet, "/assignees", work, s.listAssignees)
	s.route(v1, http.MethodPost, "/findings/{id}/verifications", Access{Perm: land.PermWork, Coords: Always, Files: true}, s.verify)
	s.route(v1, http.MethodGet, "/workdays", public, s.workdays)
	s.route(v1, http.MethodGet, "/lag", read, s.lag)
	s.route(v1, http.MethodGet, "/timeliness", read, s.timeliness)
	s.route(v1, http.MethodGet, "/statistics", read, s.statistics)
	s.route(v1, http.MethodGet, "/reports", read, s.listReports)
	s.route(v1, http.MethodGet, "/reports/{region}/{period}.xlsx", read, s.reportWorkbook)
	s.route(v1, http.MethodGet, "/reports/{region}/{period}", read, s.report)
	s.route(v1, http.MethodPost, "/reports/{region}/{period}/submission", Access{Perm: land.PermReview, Action: "report_submission"}, s.markReport)
	s.route(v1, http.MethodGet, "/statistics/summary", read, s.statisticsSummary)
	s.route(v1, http.MethodGet, "/league", read, s.league)
	s.route(v1, http.MethodGet, "/league/mine", read, s.leagueMine)
	s.route(v1, http.MethodGet, "/league/{period}/bulletin", read, s.bulletin)
	s.route(v1, http.MethodGet, "/league/{period}/bulletin.xlsx", read, s.bulletinXLSX)
	s.route(v1, http.MethodGet, "/codes", read, s.codes)
	s.route(v1, http.MethodGet, "/late-events", read, s.lateEvents)
	s.route(v1, http.MethodGet, "/regions", read, s.listRegions)
	s.route(v1, http.MethodGet, "/boundaries", readCoords, s.listBoundaries)
	// Exports are coordinates (even a table's rows tell which land is where
	// in bulk) and go to the audit log with their filters.
	s.route(v1, http.MethodGet, "/exports/{collection}.{format}", Access{Perm: land.PermRead, Coords: Always, Action: "export"}, s.exportFile)
	s.route(v1, http.MethodPost, "/boundaries", Access{Perm: land.PermEdit, Coords: Always, Action: "import", Files: true}, s.importBoundaries)
	s.route(v1, http.MethodGet, "/openapi.json", read, s.apiOpenAPI)
	s.ogcRoutes(r)
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	for k, v := range s.secure {
		h[k] = v // net/http copies the values before writing them, and a change replaces them
	}
	if r.TLS != nil {
		h.Set("Strict-Transport-Security", "max-age=31536000")
	}
	if hasBody(r) {
		r.Body = http.MaxBytesReader(w, r.Body, s.maxBody)
	}
	s.router.ServeHTTP(w, r)
}

// hasBody reports whether r may carry a body to read: net/http gives a
// request without one (a GET, say) http.NoBody, which a reader of limits
// would only wrap.
func hasBody(r *http.Request) bool { return r.Body != nil && r.Body != http.NoBody }

// securityHeaders are the headers of every answer: no guessing of types,
// the page's content security policy, no framing, no referrer outside the
// site.
func securityHeaders(b Basemap) http.Header {
	return http.Header{"X-Content-Type-Options": {"nosniff"}, "Content-Security-Policy": {securityPolicy(b)},
		"X-Frame-Options": {"DENY"}, "Referrer-Policy": {"same-origin"}}
}

func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	s.writeProblem(w, Problem{Type: "about:blank", Title: "Not Found", Status: http.StatusNotFound,
		Detail: "no such path: " + r.URL.Path})
}

// methodNotAllowed answers 405 with the methods the path takes in Allow,
// as RFC 9110 §15.5.6 requires.
func (s *Server) methodNotAllowed(w http.ResponseWriter, r *http.Request) {
	allow := strings.Join(s.allowed(r), ", ")
	w.Header().Set("Allow", allow)
	s.writeProblem(w, Problem{Type: "about:blank", Title: "Method Not Allowed", Status: http.StatusMethodNotAllowed,
		Detail: r.Method + " is not allowed on " + r.URL.Path + "; it takes " + allow})
}

// allowed lists the methods some route takes on the request's path: the
// routes of the interface, or where none has the path, the map's files.
func (s *Server) allowed(r *http.Request) []string {
	var out, files []string
	_ = s.router.Walk(func(rt *mux.Route, _ *mux.Router, _ []*mux.Route) error {
		methods, err := rt.GetMethods()
		if err != nil {
			return nil // a subrouter's prefix
		}
		for _, m := range methods {
			probe := r.Clone(r.Context())
			probe.Method = m
			var match mux.RouteMatch
			if !rt.Match(probe, &match) || match.MatchErr != nil {
				continue
			}
			if rt == s.mapRoute {
				files = append(files, m)
			} else if !slices.Contains(out, m) {
				out = append(out, m)
			}
		}
		return nil
	})
	if len(out) == 0 {
		out = files
	}
	sort.Strings(out)
	return out
}
