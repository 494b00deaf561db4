package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"landwatch/seed"
	"landwatch/spatial"
)

// killPoint is when an import is killed: after a time, or a share of the
// time the whole import took.
type killPoint struct {
	after time.Duration
	share float64
}

func parseKills(list string) ([]killPoint, error) {
	var out []killPoint
	for _, s := range strings.Split(list, ",") {
		s = strings.TrimSpace(s)
		if pct, ok := strings.CutSuffix(s, "%"); ok {
			f, err := strconv.ParseFloat(pct, 64)
			if err != nil || f <= 0 || f > 100 {
				return nil, fmt.Errorf("%q is not a share between 0 and 100%%", s)
			}
			out = append(out, killPoint{share: f / 100})
			continue
		}
		d, err := time.ParseDuration(s)
		if err != nil {
			return nil, err
		}
		out = append(out, killPoint{after: d})
	}
	return out, nil
}

// killRun is one `landwatch import` killed after some time, what it left,
// and what importing the same files again made of it.
type killRun struct {
	after    time.Duration
	share    float64 // of the whole import's time, when asked so
	doing    string  // what the import's session was doing when killed
	finished bool    // the import had ended before the kill
	left     registerState
	whole    bool // nothing, or every supply whole with its history and audit
	again    registerState
	same     bool // the re-import equals a clean import
}

// registerState is what an import left in a register.
type registerState struct {
	supplies, parcels, events, installments int
	partial                                 int // supplies whose parcels differ in number from the file's
	noHistory                               int // supplies or parcels without the history row of their insert
	imports                                 int // audit entries of an import
	pending                                 int // overlap checks owed
	findings                                int
	sum                                     string // checksum of the rows, without ids and times
}

func (s registerState) String() string {
	return fmt.Sprintf("%d supplies, %d parcels, %d events, %d instalments, %d audit entries of an import, %d findings, %d checks owed",
		s.supplies, s.parcels, s.events, s.installments, s.imports, s.findings, s.pending)
}

// killFigures are the outcome of the kill scenario.
type killFigures struct {
	supplies, parcels int
	clean             registerState
	cleanTook         time.Duration
	runs              []killRun
}

// broken says what the runs found wrong, if anything.
func (k killFigures) broken() error {
	var errs []error
	for _, r := range k.runs {
		if !r.whole {
			errs = append(errs, fmt.Errorf("killed after %s the import left something half-written: %s, %d supplies with a partial boundary set, %d rows without history",
				r.after, r.left, r.left.partial, r.left.noHistory))
		}
		if !r.same {
			errs = append(errs, fmt.Errorf("killed after %s, the re-import differs from a clean import: %s against %s", r.after, r.again, k.clean))
		}
	}
	return errors.Join(errs...)
}

// benchKills writes a generated city of n parcels to a supply results CSV
// and a coordinate file, imports them once whole with `landwatch import`
// (bin) into a register of its own, then, into a fresh register each,
// starts the same import and SIGKILLs it after each of the given times,
// looks at what it left, and imports the files again.
func benchKills(ctx context.Context, cfg config, cl *ownCluster, bin string, n int, seedN int64, kills []killPoint, stdout io.Writer) (killFigures, error) {
	o := seed.Default()
	o.Parcels, o.Seed = n, seedN
	demo, err := seed.City(o)
	if err != nil {
		return killFigures{}, err
	}
	fig := killFigures{supplies: len(demo.Supplies)}
	want := map[string]int{}
	for _, s := range demo.Supplies {
		want[s.ENumber] = len(s.Parcels)
		fig.parcels += len(s.Parcels)
	}
	var csv, coords bytes.Buffer
	if err := seed.WriteSupplyCSV(&csv, demo); err != nil {
		return fig, err
	}
	if err := seed.WriteCoordinateFile(&coords, demo, spatial.Zone{Width: 3, Number: 39}); err != nil {
		return fig, err
	}
	files := []string{filepath.Join(cl.dir, "city.csv"), filepath.Join(cl.dir, "city.txt")}
	for i, b := range []*bytes.Buffer{&csv, &coords} {
		if err := os.WriteFile(files[i], b.Bytes(), 0o644); err != nil {
			return fig, err
		}
	}
	fmt.Fprintf(stdout, "importing %d supplies and %d parcels whole…\n", fig.supplies, fig.parcels)
	cleanURL, err := cl.register(ctx, cfg, "kill_clean")
	if err != nil {
		return fig, err
	}
	start := time.Now()
	if err := startImport(bin, cleanURL, files).wait(); err != nil {
		return fig, err
	}
	fig.cleanTook = time.Since(start)
	if fig.clean, err = settledState(ctx, cfg, cleanURL, want); err != nil {
		return fig, err
	}
	fmt.Fprintf(stdout, "whole import in %s: %s\n", fig.cleanTook.Round(time.Millisecond), fig.clean)

	for i, k := range kills {
		after := k.after
		if k.share > 0 {
			after = time.Duration(k.share * float64(fig.cleanTook)).Round(time.Millisecond)
		}
		url, err := cl.register(ctx, cfg, fmt.Sprintf("kill_%d", i))
		if err != nil {
			return fig, err
		}
		r, err := killImport(ctx, bin, url, files, after)
		if err != nil {
			return fig, err
		}
		r.share = k.share
		if r.left, err = readState(ctx, url, want); err != nil {
			return fig, err
		}
		r.whole = r.left.whole(fig.clean)
		if err := startImport(bin, url, files).wait(); err != nil {
			return fig, err
		}
		if r.again, err = settledState(ctx, cfg, url, want); err != nil {
			return fig, err
		}
		r.same = r.again.sameAs(fig.clean)
		fmt.Fprintf(stdout, "killed after %s (%s): left %s; whole: %t; imported again: %s; same as clean: %t\n",
			after, r.doing, r.left, r.whole, r.again, r.same)
		fig.runs = append(fig.runs, r)
	}
	return fig, nil
}

// importProcess is a `landwatch import` running.
type importProcess struct {
	cmd *exec.Cmd
	out bytes.Buffer
	err error // of starting it
}

func startImport(bin, url string, files []string) *importProcess {
	p := &importProcess{}
	p.cmd = landwatchProcess(bin, url, &p.out, append([]string{"import"}, files...)...)
	p.err = p.cmd.Start()
	return p
}

// wait waits for the import to end and says how it failed, if it did.
func (p *importProcess) wait() error {
	if p.err != nil {
		return p.err
	}
	if err := p.cmd.Wait(); err != nil {
		return fmt.Errorf("landwatch import: %w: %s", err, lastLines(p.out.String(), 5))
	}
	return nil
}

// killImport starts an import into url, SIGKILLs it after d, and waits
// until the server has ended the sessions it left.
func killImport(ctx context.Context, bin, url string, files []string, d time.Duration) (killRun, error) {
	r := killRun{after: d}
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		return r, err
	}
	defer conn.Close(ctx)
	p := startImport(bin, url, files)
	if p.err != nil {
		return r, p.err
	}
	done := make(chan error, 1)
	go func() { done <- p.cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			return r, fmt.Errorf("landwatch import: %w: %s", err, lastLines(p.out.String(), 5))
		}
		r.finished, r.doing = true, "had finished"
		return r, nil
	case <-time.After(d):
	}
	r.doing = sessionDoing(ctx, conn)
	if err := p.cmd.Process.Kill(); err != nil {
		return r, err
	}
	<-done
	// The server ends a killed client's session when it next reads from
	// or writes to it; what it left is looked at after that.
	for deadline := time.Now().Add(time.Minute); ; time.Sleep(50 * time.Millisecond) {
		var others int
		if err := conn.QueryRow(ctx, `SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'`).Scan(&others); err != nil {
			return r, err
		}
		if others == 0 {
			return r, nil
		}
		if time.Now().After(deadline) {
			return r, errors.New("the killed import's sessions were still open a minute later")
		}
	}
}

// sessionDoing describes what the import's sessions were doing: the
// statement of the one in a transaction, else the states.
func sessionDoing(ctx context.Context, conn *pgx.Conn) string {
	var doing string
	err := conn.QueryRow(ctx, `SELECT coalesce(string_agg(CASE WHEN xact_start IS NOT NULL THEN state || ': ' || left(regexp_replace(query, '\s+', ' ', 'g'), 40) ELSE state END, '; '), 'no session yet')
		FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'`).Scan(&doing)
	if err != nil {
		return "unknown: " + err.Error()
	}
	return strings.ReplaceAll(doing, "|", "/")
}

// whole reports whether what an import left is nothing at all or all of
// it: every supply with its full boundary set, every row with its history,
// and the import's audit entry.
func (s registerState) whole(clean registerState) bool {
	if s.supplies == 0 {
		return s.parcels == 0 && s.events == 0 && s.installments == 0 && s.imports == 0
	}
	return s.partial == 0 && s.noHistory == 0 && s.imports == 1 && s.supplies == clean.supplies &&
		s.parcels == clean.parcels && s.events == clean.events && s.installments == clean.installments
}

func (s registerState) sameAs(clean registerState) bool {
	a, b := s, clean
	a.imports, b.imports = 0, 0 // a committed killed import adds one entry of its own
	return a == b
}

// settledState lets a service on url settle the overlap checks owed (as
// `landwatch serve` would) and reads the register's state.
func settledState(ctx context.Context, cfg config, url string, want map[string]int) (registerState, error) {
	svc, done, err := runningServiceOn(ctx, cfg, url, 0)
	if err != nil {
		return registerState{}, err
	}
	defer done()
	for deadline := time.Now().Add(2 * time.Minute); ; time.Sleep(100 * time.Millisecond) {
		st, err := svc.Engine().Status(ctx)
		if err != nil {
			return registerState{}, err
		}
		if st.PendingChecks == 0 {
			break
		}
		if time.Now().After(deadline) {
			return registerState{}, fmt.Errorf("%d overlap checks still owed after two minutes", st.PendingChecks)
		}
	}
	return readState(ctx, url, want)
}

// readState counts what the register at url holds, checks each supply's
// parcels against want (the file's count by e-supervision number), and
// sums the rows an import writes, leaving out ids and times, which differ
// between two imports of the same files. An overlap finding is summed as
// its unordered pair: which side is checked first, and so named first,
// differs between two imports.
func readState(ctx context.Context, url string, want map[string]int) (registerState, error) {
	var s registerState
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		return s, err
	}
	defer conn.Close(ctx)
	err = conn.QueryRow(ctx, `SELECT
		(SELECT count(*) FROM supply), (SELECT count(*) FROM parcel), (SELECT count(*) FROM event), (SELECT count(*) FROM installment),
		(SELECT count(*) FROM supply x WHERE NOT EXISTS (SELECT 1 FROM history h WHERE h.entity = 'supply' AND h.entity_id = x.id AND h.op = 'insert'))
		+ (SELECT count(*) FROM parcel x WHERE NOT EXISTS (SELECT 1 FROM history h WHERE h.entity = 'parcel' AND h.entity_id = x.id AND h.op = 'insert')),
		(SELECT count(*) FROM audit_log WHERE action = 'import'), (SELECT count(*) FROM pending_check), (SELECT count(*) FROM finding)`).
		Scan(&s.supplies, &s.parcels, &s.events, &s.installments, &s.noHistory, &s.imports, &s.pending, &s.findings)
	if err != nil {
		return s, err
	}
	rows, err := conn.Query(ctx, `SELECT s.e_number, count(p.id) FROM supply s LEFT JOIN parcel p ON p.supply_id = s.id GROUP BY s.e_number`)
	if err != nil {
		return s, err
	}
	for rows.Next() {
		var num string
		var got int
		if err := rows.Scan(&num, &got); err != nil {
			return s, err
		}
		if got != want[num] {
			s.partial++
		}
	}
	if err := rows.Err(); err != nil {
		return s, err
	}
	err = conn.QueryRow(ctx, `SELECT md5(
		coalesce((SELECT string_agg((to_jsonb(s) - 'id' - 'created_at' - 'updated_at')::text, '|' ORDER BY s.e_number) FROM supply s), '') ||
		coalesce((SELECT string_agg(s.e_number || (to_jsonb(p) - 'id' - 'supply_id' - 'updated_at' - 'geom')::text || md5(ST_AsEWKB(p.geom)), '|'
			ORDER BY s.e_number, p.number, md5(ST_AsEWKB(p.geom))) FROM parcel p JOIN supply s ON s.id = p.supply_id), '') ||
		coalesce((SELECT string_agg(s.e_number || (to_jsonb(e) - 'id' - 'supply_id' - 'recorded_at')::text, '|'
			ORDER BY s.e_number, e.occurred_on, e.kind, e.note) FROM event e JOIN supply s ON s.id = e.supply_id), '') ||
		coalesce((SELECT string_agg(s.e_number || (to_jsonb(i) - 'supply_id')::text, '|' ORDER BY s.e_number, i.period)
			FROM installment i JOIN supply s ON s.id = i.supply_id), '') ||
		coalesce((SELECT string_agg(concat_ws(',', f.kind, f.status, f.rule, least(a.e_number, b.e_number), greatest(a.e_number, b.e_number)), '|'
			ORDER BY least(a.e_number, b.e_number), greatest(a.e_number, b.e_number), f.kind)
			FROM finding f LEFT JOIN supply a ON a.id = f.supply_id LEFT JOIN supply b ON b.id = f.other_supply_id), ''))`).Scan(&s.sum)
	return s, err
}

// lastLines is the end of a program's output, for an error.
func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}

// writeKillSection writes the kill figures into out's reliability-kill
// section.
func writeKillSection(ctx context.Context, cl *ownCluster, fig killFigures, n int, seedN int64, kills, out string) error {
	if out == "" {
		return nil
	}
	where, err := cl.machine(ctx)
	if err != nil {
		return err
	}
	yes := func(b bool) string {
		if b {
			return "yes"
		}
		return "**no**"
	}
	var r bytes.Buffer
	fmt.Fprintf(&r, "### Processes killed mid-import (`landwatch bench reliability --only kill --kill-parcels %d --seed %d --kills %s`)\n\n", n, seedN, kills)
	fmt.Fprintf(&r, "Machine: %s. The same kind of throwaway cluster, a fresh migrated database for each import.\n\n", where)
	fmt.Fprintf(&r, "A generated city of %d supplies and %d parcels is written to a supply results CSV and a coordinate file, and `landwatch import city.csv city.txt` runs as a process of its own. Whole, it took %s (starting, loading the index, parsing, writing, the overlap check of every boundary) and left %s. Each killed import is SIGKILLed after the time shown; what its sessions were doing at that moment is from `pg_stat_activity`. What it left is read once the server has ended its sessions: a supply with fewer parcels than the file gave it, a supply or parcel without the history row of its insert, or rows without the import's audit entry would be half-written. The same files are then imported again, the overlap checks owed are settled by a service as `serve` would, and the register is compared with the whole import: the counts and an MD5 of every supply, parcel (with its geometry), event, instalment and finding (an overlap as its unordered pair of supplies), leaving out ids and times.\n\n",
		fig.supplies, fig.parcels, dur(fig.cleanTook), fig.clean)
	fmt.Fprintf(&r, "| killed after | the import was | supplies / parcels / events / instalments left | import audit entries | overlap checks owed | supplies with a partial boundary set | rows without history | nothing half-written | re-import equals the whole import |\n|---|---|---|---|---|---|---|---|---|\n")
	for _, k := range fig.runs {
		when := k.after.String()
		if k.share > 0 {
			when += fmt.Sprintf(" (%g%%)", k.share*100)
		}
		fmt.Fprintf(&r, "| %s | %s | %d / %d / %d / %d | %d | %d | %d | %d | %s | %s |\n", when, k.doing,
			k.left.supplies, k.left.parcels, k.left.events, k.left.installments, k.left.imports, k.left.pending, k.left.partial, k.left.noHistory, yes(k.whole), yes(k.same))
	}
	committed := 0
	for _, k := range fig.runs {
		if k.left.supplies > 0 {
			committed++
		}
	}
	fmt.Fprintf(&r, "\nAn import is one transaction, so a kill before its commit should leave nothing and one after it everything, with the overlap checks it had not yet made owed in `pending_check` until the next service settles them; %d of these %d imports had committed when they were killed (or had finished). A committed killed import adds an audit entry of its own before the re-import's, which the comparison leaves out.\n", committed, len(fig.runs))
	return writeBenchSection(out, "reliability-kill", r.String())
}
