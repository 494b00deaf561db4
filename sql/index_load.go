package sql

import (
	"context"
	"runtime"
	"sync"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"

	"landwatch/land"
	"landwatch/spatial"
)

// indexRow is a parcel row as read from the database, before its geometry is
// decoded and prepared.
type indexRow struct {
	id, supplyID int64
	wkb          []byte
	meta         spatial.Meta
}

func scanIndexRow(rows pgx.Rows) (indexRow, error) {
	var r indexRow
	var wkb []byte
	var year pgtype.Int4
	var flags [6]bool
	err := rows.Scan(&r.id, &r.supplyID, &wkb, &r.meta.ENumber, &r.meta.Stage, &r.meta.LandUse,
		&r.meta.Method, &year, &r.meta.Region, &flags[0], &flags[1], &flags[2], &flags[3], &flags[4], &flags[5])
	for i, f := range []land.Flag{land.FlagOverdueDelivery, land.FlagOverdueStart, land.FlagOverdueCompletion,
		land.FlagOverlap, land.FlagSuspectedIdle, land.FlagLateEntry} {
		if flags[i] {
			r.meta.Flags |= uint32(f)
		}
	}
	r.wkb = append([]byte(nil), wkb...) // the driver reuses its buffer
	r.meta.ContractYear = int(year.Int32)
	return r, err
}

// subject turns a row into an index subject: decoded and prepared.
func (r indexRow) subject() (*spatial.Subject, error) {
	mp, err := spatial.DecodeWKB(r.wkb)
	if err != nil {
		return nil, err
	}
	return &spatial.Subject{
		ID: r.id, Kind: spatial.KindSupplyParcel, SupplyID: r.supplyID,
		Live:  land.Stage(r.meta.Stage) != land.StageReclaimed,
		Shape: spatial.Prepare(mp), Meta: r.meta,
	}, nil
}

// prepareRows decodes and prepares rows read by next on all cores, calling
// add (serialised) with each batch of subjects. Rows are read by one
// goroutine while the others prepare, so the whole table is never held in
// memory twice.
func prepareRows(ctx context.Context, next func() (indexRow, bool, error), add func([]*spatial.Subject)) error {
	const batchSize = 512
	batches := make(chan []indexRow, runtime.GOMAXPROCS(0)*2)
	var (
		wg       sync.WaitGroup
		mu       sync.Mutex
		firstErr error
	)
	fail := func(err error) {
		mu.Lock()
		if firstErr == nil {
			firstErr = err
		}
		mu.Unlock()
	}
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for batch := range batches {
				subjects := make([]*spatial.Subject, 0, len(batch))
				for _, r := range batch {
					s, err := r.subject()
					if err != nil {
						fail(err)
						continue
					}
					subjects = append(subjects, s)
				}
				mu.Lock()
				add(subjects)
				mu.Unlock()
			}
		}()
	}
	batch := make([]indexRow, 0, batchSize)
	var readErr error
	for {
		r, ok, err := next()
		if err != nil {
			readErr = err
			break
		}
		if !ok {
			break
		}
		batch = append(batch, r)
		if len(batch) == batchSize {
			select {
			case batches <- batch:
			case <-ctx.Done():
				readErr = ctx.Err()
			}
			if readErr != nil {
				break
			}
			batch = make([]indexRow, 0, batchSize)
		}
	}
	if readErr == nil && len(batch) > 0 {
		batches <- batch
	}
	close(batches)
	wg.Wait()
	if readErr != nil {
		return readErr
	}
	return firstErr
}

// IndexLoad is everything the engine holds, read in one consistent
// snapshot of the database: the parcels and footprints (in a builder of a
// fresh index), the open overlaps' shared areas, the open findings' marks,
// and the snapshot itself, from which the change feed is followed.
type IndexLoad struct {
	Builder      *spatial.Builder
	Snapshot     FeedSnapshot
	OverlapAreas []OverlapArea
	FindingMarks []FindingMark
}

// LoadIndex streams every parcel with its supply's attributes into a
// builder of a fresh index, with the footprints, overlap areas and finding
// marks, in one REPEATABLE READ transaction whose snapshot it returns.
func (s *Store) LoadIndex(ctx context.Context) (*IndexLoad, error) {
	tx, err := s.pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly})
	if err != nil {
		return nil, translate(err)
	}
	defer tx.Rollback(ctx)
	load := &IndexLoad{}
	var n int
	if err := tx.QueryRow(ctx, `SELECT pg_current_snapshot()::text, (SELECT count(*) FROM parcel)`).Scan(&load.Snapshot, &n); err != nil {
		return nil, translate(err)
	}
	rows, err := tx.Query(ctx, qIndexRows)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	load.Builder = spatial.NewBuilder(n)
	next := func() (indexRow, bool, error) {
		if !rows.Next() {
			return indexRow{}, false, translate(rows.Err())
		}
		r, err := scanIndexRow(rows)
		return r, err == nil, translate(err)
	}
	if err := prepareRows(ctx, next, func(ss []*spatial.Subject) { load.Builder.Add(ss...) }); err != nil {
		return nil, err
	}
	rows.Close()
	fps, err := s.footprintSubjects(ctx, tx, nil)
	if err != nil {
		return nil, err
	}
	load.Builder.Add(fps...)
	if load.OverlapAreas, err = overlapAreas(ctx, tx, nil, nil); err != nil {
		return nil, err
	}
	if load.FindingMarks, err = findingMarks(ctx, tx, nil, nil); err != nil {
		return nil, err
	}
	return load, nil
}

const (
	// The flags are those of today: overdue delivery, start and completion
	// (agreed day passed, nothing recorded), an open overlap, an open
	// suspicion of idle land, the supply or one of its events entered late.
	qIndexRows = `SELECT p.id, p.supply_id, ST_AsBinary(p.geom), s.e_number, s.stage, s.land_use_code, s.method,
	extract(year FROM s.contract_date)::int, s.region_code,
	coalesce(s.agreed_delivery < current_date, false) AND s.stage NOT IN ('reclaimed')
		AND NOT EXISTS (SELECT FROM event e WHERE e.supply_id = s.id AND e.kind = 'delivery'),
	coalesce(s.agreed_start < current_date, false) AND s.stage IN ('supplied', 'delivered', 'idle')
		AND NOT EXISTS (SELECT FROM event e WHERE e.supply_id = s.id AND e.kind = 'construction_start'),
	coalesce(s.agreed_completion < current_date, false) AND s.stage IN ('supplied', 'delivered', 'under_construction', 'idle')
		AND NOT EXISTS (SELECT FROM event e WHERE e.supply_id = s.id AND e.kind = 'completion'),
	EXISTS (SELECT FROM finding f WHERE f.kind = 'overlap' AND f.status <> 'closed' AND (f.supply_id = s.id OR f.other_supply_id = s.id)),
	EXISTS (SELECT FROM finding f WHERE f.kind = 'suspected_idle' AND f.status <> 'closed' AND f.supply_id = s.id),
	s.late OR EXISTS (SELECT FROM event e WHERE e.supply_id = s.id AND e.late)
FROM parcel p JOIN supply s ON s.id = p.supply_id`
)
