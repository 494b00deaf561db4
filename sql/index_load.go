package sql

import (
	"context"
	"errors"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"

	"landwatch/land"
)

// ParcelRow is a parcel as the index and the tiles carry it: its boundary
// (WKB, decoded by the reader on as many cores as it likes) and the
// attributes of its supply that are drawn and flagged. A parcel of reserve
// land (OfReserve) has its reserve's attributes instead: no supply, stage
// reserved, the planned use as its land use, the location as its project.
type ParcelRow struct {
	ID, SupplyID                            int64
	WKB                                     []byte
	ENumber, Stage, LandUse, Method, Region string
	Project                                 string // the supply's project name
	ContractYear                            int
	Flags                                   uint32 // land.Flag bits of today
	// Reserve is the reserve's number: the one a supply names, or the
	// reserve land's own.
	Reserve   string
	OfReserve bool
	// Collective is a parcel of collective construction land (集体建设用地).
	Collective bool
	// OfLot is a parcel of a lot announced and not sold yet: Lot is its
	// number, Announcement its announcement's id, Region the
	// announcement's; it has no supply, stage or flags.
	OfLot        bool
	Lot          string
	Announcement int64
}

// parcelScanner scans the rows of qIndexRows and its kin into fields of
// its own, so that a row costs no allocation besides its WKB and its texts;
// the texts with few values (stage, land use, method, region) are kept once
// per read, not once per parcel.
type parcelScanner struct {
	row   ParcelRow
	wkb   []byte
	year  pgtype.Int4
	flags [7]bool
	texts [4]internedText // stage, land use, method, region
	dest  []any
}

// rowFlags are the flags of the seven flag columns, in order.
var rowFlags = [7]land.Flag{land.FlagOverdueDelivery, land.FlagOverdueStart, land.FlagOverdueCompletion,
	land.FlagOverlap, land.FlagSuspectedIdle, land.FlagLateEntry, land.FlagMortgaged}

func newParcelScanner() *parcelScanner {
	p := &parcelScanner{}
	seen := map[string]string{}
	for i := range p.texts {
		p.texts[i].seen = seen
	}
	r, f := &p.row, &p.flags
	p.dest = []any{&r.ID, &r.SupplyID, &p.wkb, &r.ENumber, &p.texts[0], &p.texts[1], &p.texts[2], &p.year, &p.texts[3],
		&f[0], &f[1], &f[2], &f[3], &f[4], &f[5], &f[6], &r.Project, &r.Reserve, &r.OfReserve, &r.Collective}
	return p
}

func (p *parcelScanner) scan(rows pgx.Rows) (ParcelRow, error) {
	p.row = ParcelRow{}
	err := rows.Scan(p.dest...)
	r := p.row
	for i, f := range rowFlags {
		if p.flags[i] {
			r.Flags |= uint32(f)
		}
	}
	r.WKB = p.wkb // a copy the driver made for this row
	r.Stage, r.LandUse, r.Method, r.Region = p.texts[0].v, p.texts[1].v, p.texts[2].v, p.texts[3].v
	r.ContractYear = int(p.year.Int32)
	return r, translate(err)
}

// internedText is a text column read straight from the driver's buffer
// into one string per distinct value: a million parcels name a few dozen
// stages, land uses, methods and regions. Past maxInterned distinct values
// it stops remembering new ones.
type internedText struct {
	seen map[string]string
	v    string
}

const maxInterned = 1 << 14

func (t *internedText) ScanBytes(b []byte) error {
	if b == nil {
		return errors.New("cannot scan NULL into a text")
	}
	v, ok := t.seen[string(b)]
	if !ok {
		v = string(b)
		if len(t.seen) < maxInterned {
			t.seen[v] = v
		}
	}
	t.v = v
	return nil
}

// scanLotRow scans a row of qLotIndexRows.
func scanLotRow(rows pgx.Rows) (ParcelRow, error) {
	r := ParcelRow{OfLot: true}
	err := rows.Scan(&r.ID, &r.Announcement, &r.WKB, &r.Lot, &r.Region)
	return r, translate(err)
}

// eachParcelRow calls each with every row of rows, in order.
func eachParcelRow(rows pgx.Rows, each func(ParcelRow) error) error {
	return eachRowOf(rows, newParcelScanner().scan, each)
}

// eachRowOf calls each with every row of rows scanned by scan, in order.
func eachRowOf(rows pgx.Rows, scan func(pgx.Rows) (ParcelRow, error), each func(ParcelRow) error) error {
	defer rows.Close()
	for rows.Next() {
		r, err := scan(rows)
		if err != nil {
			return err
		}
		if err := each(r); err != nil {
			return err
		}
	}
	return translate(rows.Err())
}

// IndexLoad is everything the engine holds besides the parcels, read in the
// one consistent snapshot of the database the parcels were read in: the
// footprints, the open overlaps' shared areas, the open findings' marks, and
// the snapshot itself, from which the change feed is followed.
type IndexLoad struct {
	Parcels      int // how many parcels were read
	Footprints   []FootprintRow
	Snapshot     FeedSnapshot
	OverlapAreas []OverlapArea
	FindingMarks []FindingMark
}

// LoadIndex streams every parcel with its supply's attributes, then every
// parcel of reserve land, then every parcel of an unsold lot, to each (the
// count first, so that the reader can size what it builds), then reads the
// footprints, overlap areas and finding marks, all in one REPEATABLE READ
// transaction whose snapshot it returns.
func (s *Store) LoadIndex(ctx context.Context, count func(n int), each func(ParcelRow) error) (*IndexLoad, error) {
	tx, err := s.pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly})
	if err != nil {
		return nil, translate(err)
	}
	defer tx.Rollback(ctx)
	// The load is one long read: compiling its plan (JIT) costs more than
	// it saves, and its hashes are better held in memory than in batches.
	if _, err := tx.Exec(ctx, `SET LOCAL jit = off; SET LOCAL work_mem = '64MB'`); err != nil {
		return nil, translate(err)
	}
	load := &IndexLoad{}
	if err := tx.QueryRow(ctx, `SELECT pg_current_snapshot()::text, (SELECT count(*) FROM parcel) + (SELECT count(*) FROM reserve_parcel)
	+ (SELECT count(*) FROM lot_outline WHERE status = 'unsold')`).Scan(&load.Snapshot, &load.Parcels); err != nil {
		return nil, translate(err)
	}
	count(load.Parcels)
	rows, err := tx.Query(ctx, qIndexLoadRows, dateArg(s.rules.Today()))
	if err != nil {
		return nil, translate(err)
	}
	if err := eachParcelRow(rows, each); err != nil {
		return nil, err
	}
	if rows, err = tx.Query(ctx, qReserveIndexRows); err != nil {
		return nil, translate(err)
	}
	if err := eachParcelRow(rows, each); err != nil {
		return nil, err
	}
	if rows, err = tx.Query(ctx, qLotIndexRows); err != nil {
		return nil, translate(err)
	}
	if err := eachRowOf(rows, scanLotRow, each); err != nil {
		return nil, err
	}
	if load.Footprints, err = footprintRows(ctx, tx, nil); err != nil {
		return nil, err
	}
	if load.OverlapAreas, err = overlapAreas(ctx, tx, nil, nil); err != nil {
		return nil, err
	}
	if load.FindingMarks, err = findingMarks(ctx, tx, nil, nil); err != nil {
		return nil, err
	}
	return load, nil
}

// The flags of a supply s as SQL conditions, for the parcels the change
// feed reads in its rounds of few changes and for the PostGIS anchor of the
// tile benchmark, which must draw the same; the set-based form below
// (setBasedEvents) computes the same flags for the load and the feed's
// rounds of many changes.
const (
	flagOverdueDelivery = `coalesce(s.agreed_delivery < $1::date, false) AND s.stage NOT IN ('reclaimed')
		AND NOT EXISTS (SELECT FROM event e WHERE e.supply_id = s.id AND e.kind = 'delivery' AND NOT e.withdrawn)`
	flagOverdueStart = `coalesce(s.agreed_start < $1::date, false) AND s.stage IN ('supplied', 'delivered', 'idle')
		AND NOT EXISTS (SELECT FROM event e WHERE e.supply_id = s.id AND e.kind = 'construction_start' AND NOT e.withdrawn)`
	flagOverdueCompletion = `coalesce(s.agreed_completion < $1::date, false) AND s.stage IN ('supplied', 'delivered', 'under_construction', 'idle')
		AND NOT EXISTS (SELECT FROM event e WHERE e.supply_id = s.id AND e.kind = 'completion' AND NOT e.withdrawn)`
	flagOverlap = `EXISTS (SELECT FROM finding f WHERE f.kind IN ('overlap', 'reserve_overlap') AND f.status <> 'closed'
		AND (f.supply_id = s.id OR f.other_supply_id = s.id))`
	flagSuspectedIdle = `EXISTS (SELECT FROM finding f WHERE f.kind = 'suspected_idle' AND f.status <> 'closed' AND f.supply_id = s.id)`
	flagLateEntry     = `s.late OR EXISTS (SELECT FROM event e WHERE e.supply_id = s.id AND e.late AND NOT e.withdrawn)`
	flagMortgaged     = `EXISTS (SELECT FROM active_mortgage m WHERE m.supply_id = s.id)`
)

const (
	// The flags are those of the day $1 (the rules' today, a Beijing day;
	// current_date would be the database session's day): overdue delivery,
	// start and completion (agreed day passed, nothing recorded), an open
	// overlap, an open suspicion of idle land, the supply or one of its
	// events entered late, a mortgage not yet released; then the project name, cut to 24
	// characters (a label on the map, not the record), the reserve the
	// supply names, and whether the land is collective. An overlap with reserve land flags an overlap too.
	qIndexRows = `SELECT p.id, p.supply_id, ST_AsBinary(p.geom), s.e_number, s.stage, s.land_use_code, s.method,
	extract(year FROM s.contract_date)::int, s.region_code,
	` + flagOverdueDelivery + `,
	` + flagOverdueStart + `,
	` + flagOverdueCompletion + `,
	` + flagOverlap + `,
	` + flagSuspectedIdle + `,
	` + flagLateEntry + `,
	` + flagMortgaged + `,
	left(s.project_name, 24), coalesce(s.reserve_number, ''), false, s.collective
FROM parcel p JOIN supply s ON s.id = p.supply_id`
	// qIndexLoadRows is qIndexRows for every parcel at once, set-based (see
	// setBasedEvents).
	qIndexLoadRows = `WITH p AS (SELECT * FROM parcel)` + setBasedEvents + setBasedFindings + setBasedOtherFindings + setBasedEnd
	// Reserve land in the form of qIndexRows: flagged late when entered
	// late, labelled with its location.
	qReserveIndexRows = `SELECT p.id, 0::bigint, ST_AsBinary(p.geom), '', 'reserved',
	coalesce(nullif(r.planned_use_code, ''), p.land_use), '', NULL::int, r.region_code,
	false, false, false, false, false, r.late, false, left(r.location, 24), r.number, true, false
FROM reserve_parcel p JOIN reserve r ON r.id = p.reserve_id`
	// The parcels of lots announced and not sold yet: a sold lot's land is
	// its supply's, drawn as the supply.
	qLotIndexRows = `SELECT o.parcel_id, o.announcement_id, ST_AsBinary(o.geom), o.lot_number, o.region_code
FROM lot_outline o WHERE o.status = 'unsold'`
)

// The set-based form of qIndexRows reads the parcels of a CTE p, with the
// flags that look at events, findings and mortgages computed in one pass
// over each of those tables, grouped by supply and joined by hash, instead
// of subqueries run for every row (an overlap finding names its supplies
// in two columns, which no index answers for a million rows). Read in
// order, the parts leave room after the event, finding and other-supply
// conditions to narrow them to p's supplies when p is not every parcel.
const (
	setBasedEvents = `
SELECT p.id, p.supply_id, ST_AsBinary(p.geom), s.e_number, s.stage, s.land_use_code, s.method,
	extract(year FROM s.contract_date)::int, s.region_code,
	coalesce(s.agreed_delivery < $1::date, false) AND s.stage NOT IN ('reclaimed') AND NOT coalesce(ev.delivery, false),
	coalesce(s.agreed_start < $1::date, false) AND s.stage IN ('supplied', 'delivered', 'idle') AND NOT coalesce(ev.start, false),
	coalesce(s.agreed_completion < $1::date, false) AND s.stage IN ('supplied', 'delivered', 'under_construction', 'idle')
		AND NOT coalesce(ev.completion, false),
	coalesce(fi.overlap, false),
	coalesce(fi.idle, false),
	s.late OR coalesce(ev.late, false),
	m.supply_id IS NOT NULL,
	left(s.project_name, 24), coalesce(s.reserve_number, ''), false, s.collective
FROM p JOIN supply s ON s.id = p.supply_id
LEFT JOIN (SELECT e.supply_id, bool_or(e.kind = 'delivery') AS delivery, bool_or(e.kind = 'construction_start') AS start,
		bool_or(e.kind = 'completion') AS completion, bool_or(e.late) AS late
	FROM event e WHERE NOT e.withdrawn AND (e.kind IN ('delivery', 'construction_start', 'completion') OR e.late)`
	setBasedFindings = `
	GROUP BY e.supply_id) ev ON ev.supply_id = s.id
LEFT JOIN (SELECT o.id, bool_or(o.kind <> 'suspected_idle') AS overlap, bool_or(o.kind = 'suspected_idle') AS idle
	FROM (SELECT f.supply_id AS id, f.kind FROM finding f
			WHERE f.kind IN ('overlap', 'reserve_overlap', 'suspected_idle') AND f.status <> 'closed'`
	setBasedOtherFindings = `
		UNION ALL SELECT f.other_supply_id, f.kind FROM finding f
			WHERE f.kind IN ('overlap', 'reserve_overlap') AND f.status <> 'closed'`
	setBasedEnd = `) o
	GROUP BY o.id) fi ON fi.id = s.id
LEFT JOIN active_mortgage m ON m.supply_id = s.id`
)
