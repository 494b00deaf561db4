package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"

	"landwatch/api"
	"landwatch/auth"
)

// benchReliability measures what an outage and a held lock do to the
// answers, on a PostgreSQL cluster of its own (initdb'd in a temporary
// directory, its own port, removed afterwards) so that restarting it
// disturbs no one: creates sent by concurrent clients while the cluster is
// restarted twice (fast, then immediate, a crash), every answer counted
// and every acknowledged record looked for afterwards; then a table locked
// while sign-ins, health checks, reads and writes go on.
func benchReliability(ctx context.Context, cfg config, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("bench reliability", flag.ContinueOnError)
	fs.SetOutput(stderr)
	only := fs.String("only", "outage,kill,load", "the scenarios to run: outage (restarts and a lock), kill (imports killed), load (mixed load)")
	creates := fs.Int("creates", 600, "supplies created through the API while the cluster restarts")
	clients := fs.Int("clients", 8, "concurrent clients")
	port := fs.Int("port", 55439, "port of the throwaway cluster")
	lockFor := fs.Duration("lock", 30*time.Second, "how long the supplies are locked")
	killParcels := fs.Int("kill-parcels", 4000, "parcels of the city whose import is killed")
	kills := fs.String("kills", "0.5s,1s,2s,25%,50%,75%,90%,95%,99%", "when each killed import is killed: after a time, or a share of the whole import's time")
	loadParcels := fs.Int("load-parcels", 20_000, "parcels of the city under the mixed load")
	loadFor := fs.Duration("load", time.Minute, "how long the mixed load lasts")
	seedN := fs.Int64("seed", 1, "random seed of the cities")
	bin := fs.String("binary", "", "the landwatch program run as import and serve (default: this one)")
	out := fs.String("out", "BENCHMARKS.md", "file whose reliability sections receive the figures; empty for none")
	if err := fs.Parse(args); err != nil {
		return &exitError{code: 2, err: err}
	}
	killAfter, err := parseKills(*kills)
	if err != nil {
		return &exitError{code: 2, err: fmt.Errorf("--kills: %w", err)}
	}
	if *bin == "" {
		self, err := os.Executable()
		if err != nil {
			return err
		}
		*bin = self
	}
	cl, err := startOwnCluster(ctx, *port)
	if err != nil {
		return fmt.Errorf("a throwaway cluster: %w", err)
	}
	defer cl.remove()
	want := func(s string) bool { return slices.Contains(strings.Split(*only, ","), s) }
	var broken []error
	if want("outage") {
		if err := outageBench(ctx, cfg, cl, *creates, *clients, *lockFor, *out, stdout); err != nil {
			return err
		}
	}
	if want("kill") {
		fig, err := benchKills(ctx, cfg, cl, *bin, *killParcels, *seedN, killAfter, stdout)
		if err != nil {
			return err
		}
		if err := writeKillSection(ctx, cl, fig, *killParcels, *seedN, *kills, *out); err != nil {
			return err
		}
		broken = append(broken, fig.broken())
	}
	if want("load") {
		fig, err := benchLoad(ctx, cfg, cl, *bin, *loadParcels, *seedN, *loadFor, stdout)
		if err != nil {
			return err
		}
		if err := writeLoadSection(ctx, cl, fig, *loadParcels, *seedN, *loadFor, *out); err != nil {
			return err
		}
		broken = append(broken, fig.broken())
	}
	return errors.Join(broken...)
}

// outageBench restarts the cluster under creates, then locks a table
// under a mix of requests, and writes the figures into out's reliability
// section.
func outageBench(ctx context.Context, cfg config, cl *ownCluster, creates, clients int, lockFor time.Duration, out string, stdout io.Writer) error {
	c := cfg
	c.DatabaseURL = cl.url
	svc, done, err := runningServiceOn(ctx, c, cl.url, 0)
	if err != nil {
		return err
	}
	defer done()
	srv := httptest.NewServer(api.New(api.Config{Service: svc, Log: quietLog(), InternalNetworks: cfg.InternalNetworks,
		ReadTimeout: cfg.ReadTimeout, WriteTimeout: cfg.WriteTimeout}))
	defer srv.Close()
	password := auth.GeneratePassword()
	token, err := benchAccount(ctx, svc, "bench-reliability", password)
	if err != nil {
		return err
	}
	b := &reliabilityBench{base: srv.URL, token: token, client: &http.Client{Timeout: time.Minute}}

	fmt.Fprintf(stdout, "%d creates from %d clients while the cluster restarts twice…\n", creates, clients)
	restarts := func() error {
		for i, mode := range []string{"fast", "immediate"} {
			for b.answered() < creates*(i+1)/3 {
				time.Sleep(10 * time.Millisecond)
			}
			fmt.Fprintf(stdout, "restarting the cluster (%s)…\n", mode)
			if err := cl.restart(mode); err != nil {
				return err
			}
		}
		return nil
	}
	tally, err := b.createUnderRestarts(creates, clients, restarts)
	if err != nil {
		return err
	}
	if tally.present, err = countPresent(ctx, cl.url, tally.numbers); err != nil {
		return err
	}
	fmt.Fprintln(stdout, tally.line())

	// The lock is measured on a service that has recovered: the index
	// following its feed again after the crash.
	for deadline := time.Now().Add(time.Minute); ; time.Sleep(100 * time.Millisecond) {
		if code, _ := b.send(http.MethodGet, "/healthz", nil, nil); code == http.StatusOK {
			break
		}
		if time.Now().After(deadline) {
			return errors.New("the service did not recover within a minute of the restarts")
		}
	}
	fmt.Fprintf(stdout, "the supplies locked for %s while requests go on…\n", lockFor)
	lock, err := b.underLock(ctx, cl.url, password, lockFor)
	if err != nil {
		return err
	}
	for _, k := range lockKinds {
		fmt.Fprintf(stdout, "%s: %s\n", k, lock[k].summary())
	}
	if out == "" {
		return nil
	}
	var r bytes.Buffer
	fmt.Fprintf(&r, "## Reliability (`landwatch bench reliability --creates %d --clients %d --lock %s`)\n\n", creates, clients, lockFor)
	fmt.Fprintf(&r, "Machine: %s. A cluster of the bench's own (initdb in a temporary directory, removed afterwards); pool %d connections, lock timeout %s, read and write deadlines %s and %s.\n\n",
		machine(ctx, svc.Store().Pool()), cfg.DB.Pool, cfg.DB.LockTimeout, cfg.ReadTimeout, cfg.WriteTimeout)
	fmt.Fprintf(&r, "**Restarts under writes.** %d clients create supplies through the API; the cluster is restarted (`pg_ctl restart -m fast`) after a third of the creates and crashed and restarted (`-m immediate`) after two thirds. A client retries a 503 with the same body after its Retry-After (shortened to 0.2 s here), as the answer invites; a 200 is a retry answered with the record an earlier attempt made, and a 201 after an outcome-unknown 503 means that attempt had not committed.\n\n", clients)
	fmt.Fprintf(&r, "| creates | acknowledged (201 or 200) | present afterwards | acknowledged but missing | answers 201 / 200 / 503 (of which outcome unknown) / 409 / 500 / other |\n|---|---|---|---|---|\n")
	fmt.Fprintf(&r, "| %d | %d | %d | %d | %d / %d / %d (%d) / %d / %d / %d |\n\n", creates, tally.acknowledged, len(tally.present), tally.missing(),
		tally.status[201], tally.status[200], tally.status[503], tally.unknown, tally.status[409], tally.status[500], tally.other())
	fmt.Fprintf(&r, "**A table locked.** `LOCK TABLE supply IN ACCESS EXCLUSIVE MODE` held for %s in another connection while, at once, six clients add events to a supply, one signs in again and again, one lists the accounts (a read of another table), one reads the findings (which name their supplies' numbers, so they need the lock too) and one asks `/healthz`. Before this change the same probe made sign-in wait 27.3 s, `GET /findings` 27.5 s and the event writes 29 s, and `/healthz` said the database was unreachable.\n\n", lockFor)
	fmt.Fprintf(&r, "| request | answers | statuses | p50 | max |\n|---|---|---|---|---|\n")
	for _, k := range lockKinds {
		t := lock[k]
		fmt.Fprintf(&r, "| %s | %d | %s | %s | %s |\n", k, len(t.d), t.statuses(), dur(t.p(50)), dur(t.p(100)))
	}
	fmt.Fprintf(&r, "\nA sign-in's time is mostly checking the password's hash at the service's bcrypt cost on cores shared with the rest of the probe. Requests that need the locked table are refused 503 with Retry-After after the lock timeout; the rest never wait for it.\n")
	return writeBenchSection(out, "reliability", r.String())
}

// reliabilityBench sends requests to a landwatch server as one account.
type reliabilityBench struct {
	base, token string
	client      *http.Client
	mu          sync.Mutex
	done        int // creates answered for good (not 503)
}

func (b *reliabilityBench) answered() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.done
}

// send sends a request with the bench's token (and extra headers) and
// returns the status and body; a transport error is status 0.
func (b *reliabilityBench) send(method, path string, body []byte, header map[string]string) (int, []byte) {
	req, err := http.NewRequest(method, b.base+path, bytes.NewReader(body))
	if err != nil {
		return 0, nil
	}
	if b.token != "" {
		req.Header.Set("Authorization", "Bearer "+b.token)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := b.client.Do(req)
	if err != nil {
		return 0, []byte(err.Error())
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, out
}

// createTally counts the answers of the creates and what they left.
type createTally struct {
	status       map[int]int
	unknown      int // 503s saying the commit's outcome is unknown
	numbers      []string
	acknowledged int
	ackNumbers   map[string]bool
	present      map[string]bool
}

func (t createTally) missing() int {
	n := 0
	for num := range t.ackNumbers {
		if !t.present[num] {
			n++
		}
	}
	return n
}

func (t createTally) other() int {
	n := 0
	for code, c := range t.status {
		if !slices.Contains([]int{200, 201, 409, 500, 503}, code) {
			n += c
		}
	}
	return n
}

func (t createTally) line() string {
	return fmt.Sprintf("%d acknowledged, %d present, %d acknowledged but missing; answers %v, %d of the 503s said the outcome was unknown",
		t.acknowledged, len(t.present), t.missing(), t.status, t.unknown)
}

// createUnderRestarts sends n creates from clients goroutines, each retried
// on 503 (up to 100 times), while restart runs.
func (b *reliabilityBench) createUnderRestarts(n, clients int, restart func() error) (createTally, error) {
	t := createTally{status: map[int]int{}, ackNumbers: map[string]bool{}}
	for i := range n {
		t.numbers = append(t.numbers, fmt.Sprintf("1306262026R%05d", i))
	}
	var mu sync.Mutex
	next := make(chan string)
	var wg sync.WaitGroup
	for range clients {
		wg.Go(func() {
			for num := range next {
				body := []byte(`{"e_number":"` + num + `","method":"23","project_name":"可靠性","area_ha":1,"land_use_original":"0701","contract_date":"2026-01-05"}`)
				for try := 0; try < 100; try++ {
					code, answer := b.send(http.MethodPost, "/api/v1/supplies", body, nil)
					mu.Lock()
					t.status[code]++
					if code == http.StatusServiceUnavailable && bytes.Contains(answer, []byte("may or may not")) {
						t.unknown++
					}
					if code == http.StatusCreated || code == http.StatusOK {
						t.ackNumbers[num] = true
					}
					mu.Unlock()
					if code != http.StatusServiceUnavailable && code != 0 {
						break
					}
					time.Sleep(200 * time.Millisecond)
				}
				b.mu.Lock()
				b.done++
				b.mu.Unlock()
			}
		})
	}
	restarted := make(chan error, 1)
	go func() { restarted <- restart() }()
	for _, num := range t.numbers {
		next <- num
	}
	close(next)
	wg.Wait()
	if err := <-restarted; err != nil {
		return t, err
	}
	t.acknowledged = len(t.ackNumbers)
	return t, nil
}

// countPresent returns which of the numbers the register holds.
func countPresent(ctx context.Context, url string, numbers []string) (map[string]bool, error) {
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		return nil, err
	}
	defer conn.Close(ctx)
	rows, err := conn.Query(ctx, `SELECT e_number FROM supply WHERE e_number = ANY($1)`, numbers)
	if err != nil {
		return nil, err
	}
	present := map[string]bool{}
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		present[n] = true
	}
	return present, rows.Err()
}

// lockKinds are the requests timed while the table is locked.
var lockKinds = []string{"sign-in", "GET /healthz", "GET /api/v1/accounts", "GET /api/v1/findings", "POST …/events"}

// statusTimings are the latencies and statuses of one kind of request.
type statusTimings struct {
	timings
	status map[int]int
}

// timeUntil sends requests one after the other until until, pausing
// between them, and notes each one's time and status in t, under mu (t is
// shared by the clients of its kind).
func (t *statusTimings) timeUntil(until time.Time, pause time.Duration, mu *sync.Mutex, send func() int) {
	for time.Now().Before(until) {
		start := time.Now()
		code := send()
		took := time.Since(start)
		mu.Lock()
		t.d = append(t.d, took)
		t.status[code]++
		mu.Unlock()
		time.Sleep(pause)
	}
}

func (s statusTimings) summary() string {
	return fmt.Sprintf("%d answers %s, p50 %s, max %s", len(s.d), s.statuses(), dur(s.p(50)), dur(s.p(100)))
}

func (s statusTimings) statuses() string {
	codes := make([]int, 0, len(s.status))
	for c := range s.status {
		codes = append(codes, c)
	}
	slices.Sort(codes)
	parts := make([]string, len(codes))
	for i, c := range codes {
		parts[i] = strconv.Itoa(c) + " × " + strconv.Itoa(s.status[c])
	}
	return strings.Join(parts, ", ")
}

// underLock locks the supplies for d in a connection of its own and times
// every kind of request sent meanwhile, each kind in a loop.
func (b *reliabilityBench) underLock(ctx context.Context, url, password string, d time.Duration) (map[string]*statusTimings, error) {
	code, body := b.send(http.MethodPost, "/api/v1/supplies", []byte(`{"e_number":"1306262026L00001","method":"23","project_name":"锁","area_ha":1,"land_use_original":"0701","contract_date":"2026-01-05"}`), nil)
	if code != http.StatusCreated {
		return nil, fmt.Errorf("the supply the events are added to: %d %s", code, body)
	}
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		return nil, err
	}
	defer conn.Close(ctx)
	tx, err := conn.Begin(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback(ctx)
	if _, err := tx.Exec(ctx, `LOCK TABLE supply IN ACCESS EXCLUSIVE MODE`); err != nil {
		return nil, err
	}
	anonymous := &reliabilityBench{base: b.base, client: b.client}
	requests := map[string]func() int{
		"sign-in": func() int {
			c, _ := anonymous.send(http.MethodPost, "/api/v1/session", []byte(`{"name":"bench-reliability","password":"`+password+`"}`), nil)
			return c
		},
		"GET /healthz":         func() int { c, _ := anonymous.send(http.MethodGet, "/healthz", nil, nil); return c },
		"GET /api/v1/accounts": func() int { c, _ := b.send(http.MethodGet, "/api/v1/accounts", nil, nil); return c },
		"GET /api/v1/findings": func() int {
			c, _ := b.send(http.MethodGet, "/api/v1/findings", nil, nil)
			return c
		},
		"POST …/events": func() int {
			c, _ := b.send(http.MethodPost, "/api/v1/supplies/1306262026L00001/events", []byte(`{"kind":"delivery","occurred_on":"2026-02-01"}`), nil)
			return c
		},
	}
	out := map[string]*statusTimings{}
	var mu sync.Mutex
	var wg sync.WaitGroup
	until := time.Now().Add(d)
	for _, k := range lockKinds {
		// The clients hold their kind's timings: the map takes the next
		// kind's while they run.
		timings := &statusTimings{status: map[int]int{}}
		out[k] = timings
		loops := 1
		if k == "POST …/events" {
			loops = 6
		}
		for range loops {
			wg.Go(func() { timings.timeUntil(until, 100*time.Millisecond, &mu, requests[k]) })
		}
	}
	wg.Wait()
	for _, t := range out {
		slices.Sort(t.d)
	}
	return out, tx.Rollback(ctx)
}

// ownCluster is a PostgreSQL cluster of the bench's own, in a temporary
// directory, listening only on a socket there.
type ownCluster struct {
	dir, bin, url string
	port          int
}

// startOwnCluster initdb's and starts a cluster with PostGIS on port. Run
// as root, the server runs as the postgres user (it refuses root).
func startOwnCluster(ctx context.Context, port int) (*ownCluster, error) {
	bin, err := exec.CommandContext(ctx, "pg_config", "--bindir").Output()
	if err != nil {
		return nil, fmt.Errorf("pg_config: %w", err)
	}
	dir, err := os.MkdirTemp("", "landwatch-reliability-")
	if err != nil {
		return nil, err
	}
	c := &ownCluster{dir: dir, bin: strings.TrimSpace(string(bin)), port: port}
	if os.Geteuid() == 0 {
		pg, err := user.Lookup("postgres")
		if err != nil {
			os.RemoveAll(dir)
			return nil, err
		}
		uid, _ := strconv.Atoi(pg.Uid)
		gid, _ := strconv.Atoi(pg.Gid)
		if err := os.Chown(dir, uid, gid); err != nil {
			os.RemoveAll(dir)
			return nil, err
		}
	}
	if err := c.run("initdb", "-D", c.data(), "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8"); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	if err := c.run("pg_ctl", "-D", c.data(), "-w", "-l", filepath.Join(dir, "log"), "-o", c.options(), "start"); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	c.url = fmt.Sprintf("postgres://postgres@/postgres?host=%s&port=%d&sslmode=disable", dir, port)
	conn, err := pgx.Connect(ctx, c.url)
	if err != nil {
		c.remove()
		return nil, err
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, `CREATE EXTENSION IF NOT EXISTS postgis`); err != nil {
		c.remove()
		return nil, err
	}
	return c, nil
}

func (c *ownCluster) data() string { return filepath.Join(c.dir, "data") }

func (c *ownCluster) options() string {
	return fmt.Sprintf("-p %d -k %s -c listen_addresses='' -c max_connections=100", c.port, c.dir)
}

// run runs one of PostgreSQL's programs, as the postgres user when root.
func (c *ownCluster) run(program string, args ...string) error {
	path := filepath.Join(c.bin, program)
	cmd := exec.Command(path, args...)
	if os.Geteuid() == 0 {
		cmd = exec.Command("runuser", append([]string{"-u", "postgres", "--", path}, args...)...)
	}
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("%s: %w: %s", program, err, out)
	}
	return nil
}

// restart stops the cluster in mode (fast, or immediate: a crash) and
// starts it again.
func (c *ownCluster) restart(mode string) error {
	return c.run("pg_ctl", "-D", c.data(), "-w", "-m", mode, "-l", filepath.Join(c.dir, "log"), "-o", c.options(), "restart")
}

// remove stops the cluster and deletes it.
func (c *ownCluster) remove() {
	_ = c.run("pg_ctl", "-D", c.data(), "-w", "-m", "immediate", "stop")
	os.RemoveAll(c.dir)
}

// register makes a database name on the cluster holding a migrated, empty
// register and returns its URL. The first call migrates a template that
// later ones copy, which is quicker than migrating each.
func (c *ownCluster) register(ctx context.Context, cfg config, name string) (string, error) {
	const template = "landwatch_template"
	conn, err := pgx.Connect(ctx, c.url)
	if err != nil {
		return "", err
	}
	defer conn.Close(ctx)
	var have bool
	if err := conn.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)`, template).Scan(&have); err != nil {
		return "", err
	}
	if !have {
		if _, err := conn.Exec(ctx, `CREATE DATABASE `+template); err != nil {
			return "", err
		}
		if err := migrateRegister(ctx, cfg, c.database(template)); err != nil {
			return "", fmt.Errorf("migrating the template: %w", err)
		}
	}
	if _, err := conn.Exec(ctx, `CREATE DATABASE `+pgx.Identifier{name}.Sanitize()+` TEMPLATE `+template); err != nil {
		return "", err
	}
	return c.database(name), nil
}

// database is the URL of the database name on the cluster.
func (c *ownCluster) database(name string) string {
	return strings.Replace(c.url, "/postgres?", "/"+name+"?", 1)
}

// migrateRegister adds PostGIS to the database at url and applies the
// migrations, as the service does when it opens.
func migrateRegister(ctx context.Context, cfg config, url string) error {
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		return err
	}
	_, err = conn.Exec(ctx, `CREATE EXTENSION IF NOT EXISTS postgis`)
	conn.Close(ctx)
	if err != nil {
		return err
	}
	svc, err := serviceOn(ctx, cfg, url, 0)
	if err != nil {
		return err
	}
	svc.Close()
	return nil
}

// landwatchProcess is the landwatch program bin run with args on the
// register at url, its output to out.
func landwatchProcess(bin, url string, out io.Writer, args ...string) *exec.Cmd {
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), "DATABASE_URL="+url)
	cmd.Stdout, cmd.Stderr = out, out
	return cmd
}

// machine describes where the cluster's figures were measured.
func (c *ownCluster) machine(ctx context.Context) (string, error) {
	conn, err := pgx.Connect(ctx, c.url)
	if err != nil {
		return "", err
	}
	defer conn.Close(ctx)
	return machine(ctx, conn), nil
}
