package api

import (
	"context"
	"io/fs"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/gorilla/mux"
	"github.com/paulmach/orb"

	"landwatch/land"
	"landwatch/sql"
	"landwatch/tiles"
)

// Readiness reports why the service cannot answer yet, or nil when it can.
type Readiness func(ctx context.Context) error

// Config is what the HTTP layer needs.
type Config struct {
	Store    *sql.Store
	Engine   *sql.Engine // the spatial index kept in step with the store
	Tiles    *tiles.Cache
	Calendar *land.Calendar // working days (调休 included)
	Log      *slog.Logger
	Ready    Readiness
	MapFiles fs.FS // the web map, served at /
	MaxBody  int64 // largest request body in bytes; 0 means 64 MiB
}

// Server routes landwatch's HTTP interface.
type Server struct {
	store     *sql.Store
	engine    *sql.Engine
	tileCache *tiles.Cache
	calendar  *land.Calendar
	zone      *time.Location // China Standard Time, for photo times written without an offset

	extentMu      sync.Mutex // guards the cached extent of the index
	extentSet     bool
	extentVersion uint64
	extent        orb.Bound
	extentOK      bool
	log           *slog.Logger
	ready         Readiness
	maxBody       int64
	router        *mux.Router
}

// New returns the HTTP handler of landwatch.
func New(c Config) *Server {
	s := &Server{store: c.Store, engine: c.Engine, tileCache: c.Tiles, calendar: c.Calendar, log: c.Log, ready: c.Ready, maxBody: c.MaxBody,
		zone: time.FixedZone("CST", 8*3600)}
	if s.tileCache == nil {
		s.tileCache = tiles.NewCache(0)
	}
	if s.log == nil {
		s.log = slog.Default()
	}
	if s.maxBody == 0 {
		s.maxBody = 64 << 20
	}
	r := mux.NewRouter()
	r.HandleFunc("/healthz", s.health).Methods(http.MethodGet, http.MethodHead)
	r.HandleFunc("/tiles.json", s.tileJSON).Methods(http.MethodGet)
	r.HandleFunc("/public/idle-land", s.publicIdleLand).Methods(http.MethodGet)
	r.HandleFunc("/tiles/{z}/{x}/{y}.mvt", s.tile).Methods(http.MethodGet, http.MethodHead)
	v1 := r.PathPrefix("/api/v1").Subrouter()
	v1.HandleFunc("/supplies", s.listSupplies).Methods(http.MethodGet)
	v1.HandleFunc("/supplies", s.createSupply).Methods(http.MethodPost)
	v1.HandleFunc("/supplies/{id}", s.getSupply).Methods(http.MethodGet)
	v1.HandleFunc("/supplies/{id}", s.patchSupply).Methods(http.MethodPatch)
	v1.HandleFunc("/supplies/{id}/parcels", s.putParcels).Methods(http.MethodPut)
	v1.HandleFunc("/supplies/{id}/events", s.addEvent).Methods(http.MethodPost)
	v1.HandleFunc("/supplies/{id}/history", s.history).Methods(http.MethodGet)
	v1.HandleFunc("/imports", s.importFiles).Methods(http.MethodPost)
	v1.HandleFunc("/footprints", s.importFootprints).Methods(http.MethodPost)
	v1.HandleFunc("/overlaps", s.listOverlaps).Methods(http.MethodGet)
	v1.HandleFunc("/overlaps/query", s.queryOverlaps).Methods(http.MethodPost)
	v1.HandleFunc("/overlaps/scan", s.scanOverlaps).Methods(http.MethodPost)
	v1.HandleFunc("/findings", s.listFindings).Methods(http.MethodGet)
	v1.HandleFunc("/findings/{id}", s.getFinding).Methods(http.MethodGet)
	v1.HandleFunc("/findings/{id}", s.moveFinding).Methods(http.MethodPatch)
	v1.HandleFunc("/findings/{id}/verifications", s.verify).Methods(http.MethodPost)
	v1.HandleFunc("/workdays", s.workdays).Methods(http.MethodGet)
	v1.HandleFunc("/timeliness", s.timeliness).Methods(http.MethodGet)
	r.NotFoundHandler = http.HandlerFunc(s.notFound)
	r.MethodNotAllowedHandler = http.HandlerFunc(s.methodNotAllowed)
	if c.MapFiles != nil {
		r.PathPrefix("/").Handler(http.FileServerFS(c.MapFiles)).Methods(http.MethodGet, http.MethodHead)
	}
	s.router = r
	return s
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("X-Content-Type-Options", "nosniff")
	if r.Body != nil {
		r.Body = http.MaxBytesReader(w, r.Body, s.maxBody)
	}
	s.router.ServeHTTP(w, r)
}

func (s *Server) health(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	status := map[string]string{"status": "ok"}
	code := http.StatusOK
	if err := s.store.Ping(ctx); err != nil {
		status = map[string]string{"status": "unavailable", "reason": "database unreachable: " + err.Error()}
		code = http.StatusServiceUnavailable
	} else if err := s.engine.Ready(); err != nil {
		status = map[string]string{"status": "unavailable", "reason": err.Error()}
		code = http.StatusServiceUnavailable
	} else if s.ready != nil {
		if err := s.ready(ctx); err != nil {
			status = map[string]string{"status": "unavailable", "reason": err.Error()}
			code = http.StatusServiceUnavailable
		}
	}
	w.Header().Set("Cache-Control", "no-store")
	s.writeJSON(w, code, "", status)
}

func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	s.writeProblem(w, Problem{Type: "about:blank", Title: "Not Found", Status: http.StatusNotFound,
		Detail: "no such path: " + r.URL.Path})
}

func (s *Server) methodNotAllowed(w http.ResponseWriter, r *http.Request) {
	s.writeProblem(w, Problem{Type: "about:blank", Title: "Method Not Allowed", Status: http.StatusMethodNotAllowed,
		Detail: r.Method + " is not allowed on " + r.URL.Path})
}
