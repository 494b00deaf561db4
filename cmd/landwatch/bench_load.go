package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/paulmach/orb"

	"landwatch/auth"
	"landwatch/land"
	"landwatch/seed"
	"landwatch/sql"
)

// loadKind is one kind of request of the mixed load: how many clients
// send it, each in a loop, with a pause between requests.
type loadKind struct {
	name    string
	clients int
	pause   time.Duration
	send    func(c *loadClient, r *rand.Rand) int
}

// loadClient sends the mixed load and keeps what the writes acknowledged.
type loadClient struct {
	*reliabilityBench
	password string
	numbers  []string // e-supervision numbers of the seeded city
	tiles    [][3]uint32
	mu       sync.Mutex
	created  []string // e-supervision numbers of acknowledged creates
	events   []int64  // ids of acknowledged events
	next     int      // of the creates
}

// loadFigures are the outcome of the mixed load.
type loadFigures struct {
	supplies, parcels int
	took              time.Duration
	kinds             []string
	clients           map[string]int
	by                map[string]*statusTimings
	created, events   int // acknowledged
	missingCreates    int
	missingEvents     int
}

func (l loadFigures) serverErrors(kind string) int {
	n := 0
	for code, c := range l.by[kind].status {
		if code >= 500 {
			n += c
		}
	}
	return n
}

// broken says what the load found wrong: an acknowledged write missing,
// or an answer 500 (a 503 is the service saying it is busy, honestly).
func (l loadFigures) broken() error {
	var errs []error
	if l.missingCreates+l.missingEvents > 0 {
		errs = append(errs, fmt.Errorf("acknowledged but missing after the load: %d supplies, %d events", l.missingCreates, l.missingEvents))
	}
	for _, k := range l.kinds {
		if c := l.by[k].status[http.StatusInternalServerError]; c > 0 {
			errs = append(errs, fmt.Errorf("%s answered 500 %d times under load", k, c))
		}
	}
	return errors.Join(errs...)
}

// benchLoad seeds a city of n parcels into a register of its own, runs
// `landwatch serve` (bin) on it, and sends a mix of requests for d: tiles
// z12–z16 across the city, supply reads and lists, finding lists, event
// writes, supply creates and sign-ins. Then it looks for every write that
// was acknowledged.
func benchLoad(ctx context.Context, cfg config, cl *ownCluster, bin string, n int, seedN int64, d time.Duration, stdout io.Writer) (loadFigures, error) {
	o := seed.Default()
	o.Parcels, o.Seed = n, seedN
	demo, err := seed.City(o)
	if err != nil {
		return loadFigures{}, err
	}
	fig := loadFigures{supplies: len(demo.Supplies), by: map[string]*statusTimings{}, clients: map[string]int{}}
	url, err := cl.register(ctx, cfg, "load")
	if err != nil {
		return fig, err
	}
	c := &loadClient{password: auth.GeneratePassword()}
	var fabric []orb.MultiPolygon
	for _, s := range demo.Supplies {
		c.numbers = append(c.numbers, s.ENumber)
		for _, p := range s.Parcels {
			fabric = append(fabric, p.Geometry)
		}
	}
	fig.parcels = len(fabric)
	fmt.Fprintf(stdout, "seeding %d supplies and %d parcels…\n", fig.supplies, fig.parcels)
	token, err := seedLoadRegister(ctx, cfg, url, demo, c.password)
	if err != nil {
		return fig, err
	}
	bound := fabricBound(fabric)
	for z := uint32(12); z <= 16; z++ {
		c.tiles = append(c.tiles, tilesIn(bound, z, 400)...)
	}
	base, stop, err := startServe(bin, url, filepath.Join(cl.dir, "serve.log"))
	if err != nil {
		return fig, err
	}
	defer stop()
	transport := &http.Transport{MaxIdleConnsPerHost: 32}
	c.reliabilityBench = &reliabilityBench{base: base, token: token, client: &http.Client{Timeout: time.Minute, Transport: transport}}
	if err := c.eventSupplies(); err != nil {
		return fig, err
	}
	kinds := c.kinds()
	fmt.Fprintf(stdout, "mixed load for %s…\n", d)
	var mu sync.Mutex
	var wg sync.WaitGroup
	start := time.Now()
	until := start.Add(d)
	for i, k := range kinds {
		// Each kind's clients hold its timings: the map takes the next
		// kind's while they run.
		timings := &statusTimings{status: map[int]int{}}
		fig.kinds = append(fig.kinds, k.name)
		fig.by[k.name] = timings
		fig.clients[k.name] = k.clients
		for j := range k.clients {
			r := rand.New(rand.NewPCG(uint64(seedN), uint64(i*100+j)))
			wg.Go(func() { timings.timeUntil(until, k.pause, &mu, func() int { return k.send(c, r) }) })
		}
	}
	wg.Wait()
	fig.took = time.Since(start)
	for _, t := range fig.by {
		slices.Sort(t.d)
	}
	fig.created, fig.events = len(c.created), len(c.events)
	fig.missingCreates, fig.missingEvents, err = missingWrites(ctx, url, c.created, c.events)
	for _, k := range fig.kinds {
		t := fig.by[k]
		fmt.Fprintf(stdout, "%s: %.1f/s, p50 %s, p99 %s, %s\n", k, float64(len(t.d))/fig.took.Seconds(), dur(t.p(50)), dur(t.p(99)), t.statuses())
	}
	fmt.Fprintf(stdout, "acknowledged %d creates and %d events; missing afterwards: %d and %d\n", fig.created, fig.events, fig.missingCreates, fig.missingEvents)
	return fig, err
}

// eventSupplyCount is how many supplies the event writers add to, each
// created for the load with its delivery and start, so that progress
// reports may follow.
const eventSupplyCount = 20

func eventSupply(i int) string { return fmt.Sprintf("1306262026E%05d", i) }

func (c *loadClient) eventSupplies() error {
	for i := range eventSupplyCount {
		num := eventSupply(i)
		body := `{"e_number":"` + num + `","method":"23","project_name":"负载","area_ha":1,"land_use_original":"0701","contract_date":"2025-01-05"}`
		if code, answer := c.send(http.MethodPost, "/api/v1/supplies", []byte(body), nil); code != http.StatusCreated {
			return fmt.Errorf("creating %s: %d %s", num, code, answer)
		}
		for _, e := range []string{`{"kind":"delivery","occurred_on":"2025-02-01"}`, `{"kind":"construction_start","occurred_on":"2025-03-01"}`} {
			if code, answer := c.send(http.MethodPost, "/api/v1/supplies/"+num+"/events", []byte(e), nil); code != http.StatusCreated {
				return fmt.Errorf("an event of %s: %d %s", num, code, answer)
			}
		}
	}
	return nil
}

// kinds is the mix: reads in closed loops, writes too, and sign-ins
// paced, since each costs a password hash.
func (c *loadClient) kinds() []loadKind {
	get := func(path string) int { code, _ := c.send(http.MethodGet, path, nil, nil); return code }
	return []loadKind{
		{name: "GET /tiles (z12–z16)", clients: 4, send: func(c *loadClient, r *rand.Rand) int {
			t := c.tiles[r.IntN(len(c.tiles))]
			return get(fmt.Sprintf("/tiles/%d/%d/%d.mvt", t[0], t[1], t[2]))
		}},
		{name: "GET /api/v1/supplies/{id}", clients: 2, send: func(c *loadClient, r *rand.Rand) int {
			return get("/api/v1/supplies/" + c.numbers[r.IntN(len(c.numbers))])
		}},
		{name: "GET /api/v1/supplies", clients: 1, send: func(c *loadClient, r *rand.Rand) int {
			return get("/api/v1/supplies?limit=50" + listFilters[r.IntN(len(listFilters))])
		}},
		{name: "GET /api/v1/findings", clients: 1, send: func(*loadClient, *rand.Rand) int { return get("/api/v1/findings") }},
		{name: "POST …/events", clients: 2, send: func(c *loadClient, r *rand.Rand) int {
			body := fmt.Sprintf(`{"kind":"progress","occurred_on":"2025-06-01","developed_share":%.2f,"note":"负载 %d"}`, r.Float64(), r.Int64())
			code, answer := c.send(http.MethodPost, "/api/v1/supplies/"+eventSupply(r.IntN(eventSupplyCount))+"/events", []byte(body), nil)
			var e struct{ Event struct{ ID int64 } }
			if code == http.StatusCreated && json.Unmarshal(answer, &e) == nil {
				c.mu.Lock()
				c.events = append(c.events, e.Event.ID)
				c.mu.Unlock()
			}
			return code
		}},
		{name: "POST /api/v1/supplies", clients: 1, send: func(c *loadClient, _ *rand.Rand) int {
			c.mu.Lock()
			num := fmt.Sprintf("1306262026M%05d", c.next)
			c.next++
			c.mu.Unlock()
			body := `{"e_number":"` + num + `","method":"23","project_name":"负载","area_ha":1,"land_use_original":"0701","contract_date":"2026-01-05"}`
			code, _ := c.send(http.MethodPost, "/api/v1/supplies", []byte(body), nil)
			if code == http.StatusCreated {
				c.mu.Lock()
				c.created = append(c.created, num)
				c.mu.Unlock()
			}
			return code
		}},
		{name: "POST /api/v1/session (sign-in)", clients: 1, pause: 200 * time.Millisecond, send: func(c *loadClient, _ *rand.Rand) int {
			anonymous := &reliabilityBench{base: c.base, client: c.client}
			code, _ := anonymous.send(http.MethodPost, "/api/v1/session", []byte(`{"name":"bench-load","password":"`+c.password+`"}`), nil)
			return code
		}},
	}
}

// listFilters are the supply lists asked for, one at random each time.
var listFilters = []string{"", "&stage=supplied", "&method=23", "&region=130626", "&from=2020-01-01&to=2022-12-31", "&q=厂"}

// seedLoadRegister imports the city into the register at url through the
// service, its overlap checks settled, and makes the account of the load.
func seedLoadRegister(ctx context.Context, cfg config, url string, demo *seed.Demo, password string) (string, error) {
	svc, done, err := runningServiceOn(ctx, cfg, url, 0)
	if err != nil {
		return "", err
	}
	defer done()
	rep, err := svc.Import(ctx, land.SystemScope("seed"), demoBatch(demo), sql.ImportOptions{})
	if err != nil {
		return "", err
	}
	if len(rep.Rejected) > 0 {
		return "", fmt.Errorf("the city has %d rejected records", len(rep.Rejected))
	}
	return benchAccount(ctx, svc, "bench-load", password)
}

// startServe runs `landwatch serve` on the register at url, on a free
// port, its log in logPath, and returns its base URL once it is healthy.
func startServe(bin, url, logPath string) (string, func(), error) {
	logFile, err := os.Create(logPath)
	if err != nil {
		return "", nil, err
	}
	cmd := landwatchProcess(bin, url, logFile, "serve")
	cmd.Env = append(cmd.Env, "LANDWATCH_ADDR=127.0.0.1:0")
	cmd.Stdout = nil // the address it serves on is read from it
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		logFile.Close()
		return "", nil, err
	}
	if err := cmd.Start(); err != nil {
		logFile.Close()
		return "", nil, err
	}
	stop := func() {
		_ = cmd.Process.Signal(os.Interrupt)
		_ = cmd.Wait()
		logFile.Close()
	}
	sc := bufio.NewScanner(stdout)
	base := ""
	for sc.Scan() {
		if _, after, ok := strings.Cut(sc.Text(), "serving on "); ok {
			base = strings.TrimSpace(after)
			break
		}
	}
	go func() { _, _ = io.Copy(io.Discard, stdout) }()
	if base == "" {
		stop()
		log, _ := os.ReadFile(logPath)
		return "", nil, fmt.Errorf("landwatch serve did not start: %s", lastLines(string(log), 5))
	}
	probe := &reliabilityBench{base: base, client: &http.Client{Timeout: 10 * time.Second}}
	for deadline := time.Now().Add(2 * time.Minute); ; time.Sleep(100 * time.Millisecond) {
		if code, _ := probe.send(http.MethodGet, "/healthz", nil, nil); code == http.StatusOK {
			return base, stop, nil
		}
		if time.Now().After(deadline) {
			stop()
			return "", nil, errors.New("landwatch serve was not healthy within two minutes")
		}
	}
}

// missingWrites counts the acknowledged supplies and events the register
// does not hold.
func missingWrites(ctx context.Context, url string, numbers []string, events []int64) (int, int, error) {
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		return 0, 0, err
	}
	defer conn.Close(ctx)
	var supplies, evs int
	err = conn.QueryRow(ctx, `SELECT (SELECT count(*) FROM supply WHERE e_number = ANY($1)), (SELECT count(*) FROM event WHERE id = ANY($2))`,
		numbers, events).Scan(&supplies, &evs)
	return len(numbers) - supplies, len(events) - evs, err
}

// writeLoadSection writes the load figures into out's reliability-load
// section.
func writeLoadSection(ctx context.Context, cl *ownCluster, fig loadFigures, n int, seedN int64, d time.Duration, out string) error {
	if out == "" {
		return nil
	}
	where, err := cl.machine(ctx)
	if err != nil {
		return err
	}
	var r bytes.Buffer
	fmt.Fprintf(&r, "### %g s of mixed load (`landwatch bench reliability --only load --load-parcels %d --seed %d --load %s`)\n\n", d.Seconds(), n, seedN, d)
	fmt.Fprintf(&r, "Machine: %s. The same kind of throwaway cluster; `landwatch serve` runs there as a process of its own with its default settings, and the clients run in the bench's process on the same cores.\n\n", where)
	fmt.Fprintf(&r, "A generated city of %d supplies and %d parcels, imported with its overlap checks settled, then for %s: 4 clients read tiles z12–z16 across the city (at most 400 per zoom, picked at random), 2 read supplies by number, 1 pages through the supply list, 1 lists the findings, 2 add progress events to 20 supplies, 1 creates supplies, all without pause, and 1 signs in every 0.2 s (a password hash each time); every request carries a bearer token but the sign-ins. Latencies count every answer, errors included.\n\n", fig.supplies, fig.parcels, dur(fig.took))
	fmt.Fprintf(&r, "| request | clients | requests/s | p50 | p99 | answers | 5xx |\n|---|---|---|---|---|---|---|\n")
	for _, k := range fig.kinds {
		t := fig.by[k]
		fmt.Fprintf(&r, "| %s | %d | %.1f | %s | %s | %s | %d |\n", k, fig.clients[k], float64(len(t.d))/fig.took.Seconds(), dur(t.p(50)), dur(t.p(99)), t.statuses(), fig.serverErrors(k))
	}
	fmt.Fprintf(&r, "\nAcknowledged writes: %d supplies created (201) and %d events added (201); afterwards the register lacks %d of the supplies and %d of the events.\n",
		fig.created, fig.events, fig.missingCreates, fig.missingEvents)
	return writeBenchSection(out, "reliability-load", r.String())
}
