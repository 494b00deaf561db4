package sql

import (
	"context"
	"errors"
	"time"

	"github.com/jackc/pgx/v5"

	"landwatch/land"
)

// FeedSnapshot is a PostgreSQL snapshot (pg_snapshot in its text form): the
// transactions whose writes a reader's state reflects. The change feed is
// read by visibility, not by sequence number: the changes to apply are
// those of the transactions visible now and not visible in the snapshot
// the reader holds, whatever their size, order or number.
type FeedSnapshot string

// analyzeAfter is how many changed findings make a catch-up refresh the
// finding table's statistics before it reads.
const analyzeAfter = 1000

// ErrFeedPruned says that changes a reader had not read were pruned from
// the change log: the reader must load anew.
var ErrFeedPruned = errors.New("change feed: changes not yet read were pruned")

// ChangeBatch is what changed between two snapshots: the current state of
// every subject the changes name, read in the one transaction that took
// Snapshot.
type ChangeBatch struct {
	Snapshot FeedSnapshot
	// Parcels are the changed parcels and every parcel of the supplies
	// whose indexed attributes (stage, flags …) changed; GoneParcels are
	// the changed parcels that no longer exist.
	Parcels     []ParcelRow
	GoneParcels []int64
	// Reserves are the changed parcels of reserve land (the parcels of a
	// reserve whose attributes changed among them); GoneReserves those that
	// no longer exist.
	Reserves     []ParcelRow
	GoneReserves []int64
	// Lots are the changed parcels of unsold lots; GoneLots those that no
	// longer exist or whose lot was sold.
	Lots     []ParcelRow
	GoneLots []int64
	// Footprints and GoneFootprints likewise.
	Footprints     []FootprintRow
	GoneFootprints []int64
	// Findings are the findings named by the changes; OverlapAreas and
	// FindingMarks the current areas and marks of those findings and of
	// every finding of a supply whose parcels or attributes changed (an
	// area or mark absent here and named in Findings is gone).
	Findings     []int64
	OverlapAreas []OverlapArea
	FindingMarks []FindingMark
	// Changes is how many change rows were read.
	Changes int
}

// Empty reports whether the batch changes nothing.
func (b *ChangeBatch) Empty() bool { return b.Changes == 0 }

// ReadChanges reads, in one REPEATABLE READ transaction, the changes of the
// transactions visible now and not visible in since, deduplicated by
// subject, and the current state of the subjects they name. It returns
// ErrFeedPruned when some of those changes may have been pruned.
func (s *Store) ReadChanges(ctx context.Context, since FeedSnapshot) (*ChangeBatch, error) {
	tx, err := s.pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly})
	if err != nil {
		return nil, translate(err)
	}
	defer tx.Rollback(ctx)
	b := &ChangeBatch{}
	var pruned bool
	if err := tx.QueryRow(ctx, qFeedSnapshot, string(since)).Scan(&b.Snapshot, &pruned, nil); err != nil {
		return nil, translate(err)
	}
	if pruned {
		return nil, ErrFeedPruned
	}
	named, err := readChangeRows(ctx, tx, since, b)
	if err != nil || b.Empty() {
		return b, err
	}
	if len(named.findings) >= analyzeAfter {
		// A burst of findings (a scan, a bulk insert in SQL) leaves the
		// planner believing the table small: it then reads all of it for
		// every parcel's flags, and 15,000 findings took 15 s instead of
		// 2. Fresh statistics, taken on another connection, reach this
		// transaction's planning (catalogs are read as of now). The
		// function analyzes as the table's owner (the service's role may
		// not).
		if _, err := s.pool.Exec(ctx, `SELECT analyze_finding()`); err != nil {
			return nil, translate(err)
		}
	}
	if err := named.readSubjects(ctx, tx, s.rules.Today(), b); err != nil {
		return nil, err
	}
	if len(named.reserves) > 0 {
		rows, err := tx.Query(ctx, qChangedReserves, named.reserves)
		if err != nil {
			return nil, translate(err)
		}
		if err := eachParcelRow(rows, func(r ParcelRow) error { b.Reserves = append(b.Reserves, r); return nil }); err != nil {
			return nil, err
		}
		b.GoneReserves = missing(named.reserves, b.Reserves, func(r ParcelRow) int64 { return r.ID })
	}
	if len(named.lots) > 0 {
		rows, err := tx.Query(ctx, qChangedLots, named.lots)
		if err != nil {
			return nil, translate(err)
		}
		if err := eachRowOf(rows, scanLotRow, func(r ParcelRow) error { b.Lots = append(b.Lots, r); return nil }); err != nil {
			return nil, err
		}
		b.GoneLots = missing(named.lots, b.Lots, func(r ParcelRow) int64 { return r.ID })
	}
	if b.Footprints, err = footprintRows(ctx, tx, named.footprints); err != nil {
		return nil, err
	}
	b.GoneFootprints = missing(named.footprints, b.Footprints, func(f FootprintRow) int64 { return f.ID })
	b.Findings = named.findings
	if err := roomForIDs(ctx, tx, len(named.findings)+len(named.drawnSupplies)); err != nil {
		return nil, err
	}
	if b.OverlapAreas, err = overlapAreas(ctx, tx, named.findings, named.drawnSupplies); err != nil {
		return nil, err
	}
	if b.FindingMarks, err = findingMarks(ctx, tx, named.findings, named.drawnSupplies); err != nil {
		return nil, err
	}
	return b, nil
}

// namedSubjects sorts the subjects a batch of changes names by what must be
// read again for them.
type namedSubjects struct {
	parcels, footprints, findings []int64
	reserves                      []int64 // parcels of reserve land
	lots                          []int64 // parcels of announced lots
	// refreshed are the supplies whose parcels are read again (indexed
	// attributes or flags changed); drawnSupplies those whose findings'
	// areas and marks are read again (their parcels or numbers changed).
	refreshed, drawnSupplies []int64
}

func readChangeRows(ctx context.Context, tx pgx.Tx, since FeedSnapshot, b *ChangeBatch) (*namedSubjects, error) {
	rows, err := tx.Query(ctx, qChangedSubjects, string(since))
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	n := &namedSubjects{}
	for rows.Next() {
		var subject string
		var id int64
		var supply *int64
		var attributes bool
		var changes int
		if err := rows.Scan(&subject, &id, &supply, &attributes, &changes); err != nil {
			return nil, translate(err)
		}
		b.Changes += changes
		switch subject {
		case "parcel":
			n.parcels = append(n.parcels, id)
			if supply != nil {
				n.drawnSupplies = append(n.drawnSupplies, *supply)
			}
		case "supply":
			n.refreshed = append(n.refreshed, id)
			if attributes {
				n.drawnSupplies = append(n.drawnSupplies, id)
			}
		case "finding":
			n.findings = append(n.findings, id)
		case "footprint":
			n.footprints = append(n.footprints, id)
		case "reserve":
			n.reserves = append(n.reserves, id)
		case "lot":
			n.lots = append(n.lots, id)
		}
	}
	return n, translate(rows.Err())
}

// fewChanged is the most parcels and supplies a round names for which
// qChangedParcelsFew is used.
const fewChanged = 1000

// readSubjects reads the current state of the named parcels and of the
// parcels of refreshed supplies, flagged as of today.
func (n *namedSubjects) readSubjects(ctx context.Context, tx pgx.Tx, today land.Date, b *ChangeBatch) error {
	if len(n.parcels) == 0 && len(n.refreshed) == 0 {
		return nil
	}
	q := qChangedParcels
	if len(n.parcels)+len(n.refreshed) <= fewChanged {
		q = qChangedParcelsFew
	}
	if err := roomForIDs(ctx, tx, len(n.parcels)+len(n.refreshed)); err != nil {
		return err
	}
	rows, err := tx.Query(ctx, q, dateArg(today), n.parcels, n.refreshed)
	if err != nil {
		return translate(err)
	}
	if err := eachParcelRow(rows, func(r ParcelRow) error { b.Parcels = append(b.Parcels, r); return nil }); err != nil {
		return err
	}
	b.GoneParcels = missing(n.parcels, b.Parcels, func(r ParcelRow) int64 { return r.ID })
	return nil
}

// missing returns the ids not among the rows found.
func missing[T any](ids []int64, found []T, id func(T) int64) []int64 {
	there := make(map[int64]bool, len(found))
	for _, r := range found {
		there[id(r)] = true
	}
	var out []int64
	for _, id := range ids {
		if !there[id] {
			out = append(out, id)
		}
	}
	return out
}

// FeedLag says how far a reader holding since is behind: how many
// committed transactions it has not applied, and when the oldest of their
// changes was written (zero when none).
func (s *Store) FeedLag(ctx context.Context, since FeedSnapshot) (int, time.Time, error) {
	var n int
	var oldest *time.Time
	err := s.pool.QueryRow(ctx, qFeedLag, string(since)).Scan(&n, &oldest)
	if err != nil || oldest == nil {
		return n, time.Time{}, translate(err)
	}
	return n, *oldest, nil
}

// Listen holds one connection listening to the change feed's channel and
// calls wake after each notice, and once when listening has begun (so the
// caller can catch up with what happened before). It returns when ctx ends
// (nil) or the connection fails (the error): the caller reconnects.
func (s *Store) Listen(ctx context.Context, wake func()) error {
	return s.listen(ctx, "landwatch_", wake)
}

// ListenIdentities is Listen on the channel that announces sessions ended,
// tokens revoked and accounts changed (migration 0020).
func (s *Store) ListenIdentities(ctx context.Context, wake func()) error {
	return s.listen(ctx, "landwatch_identity_", wake)
}

// listen listens to the channel named prefix and the schema.
func (s *Store) listen(ctx context.Context, prefix string, wake func()) error {
	pooled, err := s.pool.Acquire(ctx)
	if err != nil {
		return err
	}
	// A listening connection must not go back to the pool.
	conn := pooled.Hijack()
	defer conn.Close(context.Background())
	var schema string
	if err := conn.QueryRow(ctx, `SELECT current_schema()`).Scan(&schema); err != nil {
		return err
	}
	if _, err := conn.Exec(ctx, "LISTEN "+pgx.Identifier{prefix + schema}.Sanitize()); err != nil {
		return err
	}
	wake()
	for {
		if _, err := conn.WaitForNotification(ctx); err != nil {
			if ctx.Err() != nil {
				return nil
			}
			return err
		}
		wake()
	}
}

// notSeen selects the change rows of transactions visible in the current
// snapshot and not in $1; the lower bound lets the txid index serve it.
const notSeen = `txid >= pg_snapshot_xmin($1::pg_snapshot) AND NOT pg_visible_in_snapshot(txid, $1::pg_snapshot)
	AND pg_visible_in_snapshot(txid, pg_current_snapshot())`

const (
	// Under REPEATABLE READ the current snapshot is the transaction's own,
	// so it is exactly the state the rest of the transaction reads. The
	// round that brings a bulk import in groups its 190,000 changes and
	// hashes its 100,000 supplies: with the default work_mem (4 MB) they
	// went to disk.
	qFeedSnapshot = `SELECT pg_current_snapshot()::text, pg_snapshot_xmin($1::pg_snapshot) <= h.txid,
	set_config('work_mem', '64MB', true) FROM feed_horizon h`
	// supply_id and op tell whether a supply's numbers or parcels changed
	// (its findings are drawn anew) or only its flags.
	qChangedSubjects = `SELECT subject, subject_id, max(supply_id), bool_or(op NOT IN ('event', 'finding')), count(*)::int
FROM change_log WHERE ` + notSeen + ` GROUP BY subject, subject_id`
	// Hashed (see qOverlapAreas): = ANY of 15,000 supplies took 16 s. The
	// flags are computed set-based, for the supplies of these parcels: row
	// by row they took most of the round that brings a bulk import's
	// 100,000 parcels into the index.
	qChangedParcels = `WITH p AS (SELECT * FROM parcel p WHERE p.id IN (SELECT unnest($2::bigint[]))
		OR p.supply_id IN (SELECT unnest($3::bigint[]))), changed AS (SELECT DISTINCT supply_id FROM p)` +
		setBasedEvents + ` AND e.supply_id IN (SELECT supply_id FROM changed)` +
		setBasedFindings + ` AND f.supply_id IN (SELECT supply_id FROM changed)` +
		setBasedOtherFindings + ` AND f.other_supply_id IN (SELECT supply_id FROM changed)` + setBasedEnd
	// The everyday round, a few changes: = ANY lets the planner look the
	// parcels up by index. The hashed form above makes it expect thousands
	// of rows and hash the whole event table for the flags (180 ms on a city
	// of 20,000 parcels, seconds under load, where this takes under 1 ms).
	qChangedParcelsFew = qIndexRows + ` WHERE p.id = ANY($2::bigint[]) OR p.supply_id = ANY($3::bigint[])`
	qChangedReserves   = qReserveIndexRows + ` WHERE p.id = ANY($1::bigint[])`
	qChangedLots       = qLotIndexRows + ` AND o.parcel_id = ANY($1::bigint[])`
	qFeedLag           = `SELECT count(DISTINCT txid)::int, min(at) FROM change_log WHERE ` + notSeen
)
