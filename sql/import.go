package sql

import (
	"context"
	"errors"
	"iter"
	"maps"
	"time"

	"github.com/jackc/pgx/v5"

	"landwatch/land"
)

// ImportOptions change how a batch is imported.
type ImportOptions struct {
	DryRun bool   // check and write everything, then roll back
	Supply string // attach every parcel to this supply (e-supervision number or id)
	// Progress, when set, is told how far each step of the import has
	// come: the step's name, the records it has gone through and how many
	// it has (for the supplies of a stream still being read, those read so
	// far). It is called when a step starts, after each chunk and at the
	// step's end, from one goroutine at a time; a step with nothing to do
	// is not told of.
	Progress func(step string, done, total int)
}

// Step starts telling Progress of a step of total records and returns what
// to call with the records gone through so far.
func (o ImportOptions) Step(name string, total int) func(done int) {
	if o.Progress == nil || total == 0 {
		return func(int) {}
	}
	o.Progress(name, 0, total)
	return func(done int) { o.Progress(name, done, total) }
}

// Sparing returns progress told of each step's start and end, and between
// them at most once every d by now's clock: what a person or a page needs
// of a step that goes chunk by chunk.
func Sparing(d time.Duration, now func() time.Time, progress func(step string, done, total int)) func(step string, done, total int) {
	var last time.Time
	return func(step string, done, total int) {
		t := now()
		if done != 0 && done != total && t.Sub(last) < d {
			return
		}
		last = t
		progress(step, done, total)
	}
}

// ImportReport is the outcome of an import: how many records were accepted
// (written, or found unchanged) and every rejected record in full.
type ImportReport struct {
	Accepted  int              `json:"accepted"`
	Created   int              `json:"created"`
	Updated   int              `json:"updated"`
	Unchanged int              `json:"unchanged"`
	Rejected  []land.Rejection `json:"rejected"`
	Warnings  []land.Warning   `json:"warnings"`
	// Tables say what became of each column of each table read.
	Tables []land.TableColumns `json:"tables"`
	DryRun bool                `json:"dry_run"`
	// Overlaps of the boundaries written (DESIGN §4.3), filled in by the
	// caller that checks them.
	Overlaps []SupplyOverlap `json:"overlaps"`
	// BoundariesChanged lists the supplies whose parcels were written.
	BoundariesChanged []int64 `json:"-"`
}

// importChunk is how many records share one savepoint and one round of
// pipelined statements.
const importChunk = 2000

// Import writes a parsed batch: reserves first (upserted by reserve
// number, a new version only when something changed; a supply may name
// one), supply plans (upserted by region and year, alike), then
// announcements (their rows put together, each written whole or rejected
// whole) and deals, then supplies (upserted by e-supervision number,
// alike), then parcels (each supply's boundaries replaced when they differ). A record
// that fails its checks or its write is rejected with file, line and
// field, and leaves nothing behind; the others are committed together.
// With DryRun nothing is kept. The error is for faults that stop the whole
// import.
func (s *Store) Import(ctx context.Context, sc land.Scope, b land.Batch, o ImportOptions) (*ImportReport, error) {
	return s.ImportStream(ctx, sc, land.Whole(b), o)
}

// ImportStream is Import of a batch whose supplies are written as they are
// read. When the stream's Rest says its supplies do not stand, everything
// written is rolled back and the batch Rest gives imported instead.
func (s *Store) ImportStream(ctx context.Context, sc land.Scope, st land.Stream, o ImportOptions) (*ImportReport, error) {
	actor := sc.Actor()
	rep := &ImportReport{Rejected: []land.Rejection{}, Warnings: []land.Warning{}, DryRun: o.DryRun, Overlaps: []SupplyOverlap{},
		Tables: []land.TableColumns{}}
	tx, err := s.beginWrite(ctx, sc)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback(ctx)
	// An import grows its tables many times over while it runs, past the
	// statistics the planner has of them (the service's role cannot
	// ANALYZE them, autovacuum comes later): planned on a table then small,
	// a keyed update or read scans every row written before it, chunk after
	// chunk. Every statement of an import reaches rows by key.
	if _, err := tx.Exec(ctx, `SET LOCAL enable_seqscan = off`); err != nil {
		return nil, translate(err)
	}
	head, supplyFiles := st.Head, map[string]bool{}
	reserves := s.prepareReserveRecords(sc, head.Reserves, rep)
	createdReserves := map[int64]bool{}
	if err := inChunks(ctx, tx, reserves, importChunk/5, rep, o.Step("reserves", len(reserves)), func(sp pgx.Tx, chunk []reserveRecord) error {
		return s.upsertReserves(ctx, sp, actor, chunk, rep, createdReserves)
	}); err != nil {
		return nil, err
	}
	plans := s.preparePlanRecords(sc, head.Plans, rep)
	if err := inChunks(ctx, tx, plans, importChunk/5, rep, o.Step("supply plans", len(plans)), func(sp pgx.Tx, chunk []planRecord) error {
		return s.upsertPlans(ctx, sp, actor, chunk, rep)
	}); err != nil {
		return nil, err
	}
	announcements := s.prepareAnnouncements(sc, head.Announcements, rep)
	if err := inChunks(ctx, tx, announcements, 1, rep, o.Step("announcements", len(announcements)), func(sp pgx.Tx, chunk []announcementGroup) error {
		return s.writeAnnouncements(ctx, sp, actor, chunk, rep)
	}); err != nil {
		return nil, err
	}
	deals := make([]dealRecord, len(head.Deals))
	for i, d := range head.Deals {
		deals[i] = dealRecord{d}
	}
	if err := inChunks(ctx, tx, deals, 1, rep, o.Step("deals", len(deals)), func(sp pgx.Tx, chunk []dealRecord) error {
		return s.writeDeals(ctx, sc, sp, actor, chunk, rep)
	}); err != nil {
		return nil, err
	}
	// Supplies created by this import get their first boundaries without a
	// second version.
	written, err := s.importSupplies(ctx, sc, tx, st.Supplies, rep, o, supplyFiles)
	if err != nil {
		return nil, err
	}
	b, again := st.Rest()
	if again {
		if err := tx.Rollback(ctx); err != nil {
			return nil, translate(err)
		}
		return s.ImportStream(ctx, sc, land.Whole(b), o)
	}
	// What reading the files found comes first in the report, as it came
	// first.
	rep.Rejected = append(append([]land.Rejection{}, b.Rejected...), rep.Rejected...)
	rep.Warnings = append(append([]land.Warning{}, b.Warnings...), rep.Warnings...)
	rep.Tables = append(rep.Tables, b.Tables...)
	groups, err := s.groupParcels(ctx, sc, tx, b, supplyFiles, written.byKey, o.Supply, rep)
	if err != nil {
		return nil, err
	}
	if err := inChunks(ctx, tx, groups, importChunk/4, rep, o.Step("boundaries", len(groups)), func(sp pgx.Tx, chunk []parcelGroup) error {
		return s.writeParcelGroups(ctx, sp, actor, chunk, rep, written.created, createdReserves)
	}); err != nil {
		return nil, err
	}
	// Transactions name supplies, written above when the same import
	// carries them.
	if err := s.importTransactions(ctx, sc, tx, b.Transactions, rep, o.Step("transactions", len(b.Transactions))); err != nil {
		return nil, err
	}
	if o.DryRun {
		return rep, nil
	}
	files := maps.Clone(supplyFiles)
	filesOf(head, files)
	filesOf(b, files)
	if err := s.auditIn(ctx, tx, BulkEntry(sc, "import", "supplies", map[string]any{"files": len(files),
		"accepted": rep.Accepted, "created": rep.Created, "updated": rep.Updated, "rejected": len(rep.Rejected),
		"reserves": len(reserves), "plans": len(plans), "announcements": len(announcements), "deals": len(deals),
		"transactions": len(b.Transactions)})); err != nil {
		return nil, err
	}
	if err := s.commitWrite(ctx, sc, tx); err != nil {
		return nil, err
	}
	return rep, nil
}

// filesOf adds the files of b's records to files.
func filesOf(b land.Batch, files map[string]bool) {
	for _, r := range b.Supplies {
		files[r.File] = true
	}
	for _, r := range b.Reserves {
		files[r.File] = true
	}
	for _, r := range b.Announcements {
		files[r.File] = true
	}
	for _, r := range b.Deals {
		files[r.File] = true
	}
	for _, r := range b.Parcels {
		files[r.File] = true
	}
	for _, r := range b.Transactions {
		files[r.File] = true
	}
	for _, r := range b.Plans {
		files[r.File] = true
	}
}

// importSupplies writes the stream's supplies as they arrive, a chunk at a
// time (see writeOrSplit), and returns those it wrote. The files they
// came from go into files, rejected ones included. Progress hears of the
// records read so far as the step's total, until the last.
func (s *Store) importSupplies(ctx context.Context, sc land.Scope, tx pgx.Tx, supplies iter.Seq[[]land.SupplyRecord], rep *ImportReport,
	o ImportOptions, files map[string]bool) (writtenSupplies, error) {
	actor := sc.Actor()
	written := writtenSupplies{created: map[int64]bool{}, byKey: map[string]resolvedSupply{}}
	seen := map[string]supplyRecord{}
	write := func(sp pgx.Tx, chunk []supplyRecord) error {
		if err := s.upsertSupplies(ctx, sp, actor, chunk, rep, written.created); err != nil {
			return err // written again in halves, or rejected
		}
		for _, r := range chunk {
			written.byKey[r.Supply.ENumber] = resolvedSupply{id: r.Supply.ID, areaHa: r.Supply.AreaHa, region: r.Supply.RegionCode}
		}
		return nil
	}
	var pending []supplyRecord
	read := 0
	// flush writes the pending records a chunk at a time, all of them when
	// the stream is read; a chunk is told of only while more is to come.
	flush := func(all bool) error {
		for len(pending) >= importChunk || (all && len(pending) > 0) {
			n := min(importChunk, len(pending))
			if err := writeOrSplit(ctx, tx, pending[:n], rep, write); err != nil {
				return err
			}
			if pending = pending[n:]; len(pending) > 0 && o.Progress != nil {
				o.Progress("supplies", read-len(pending), read)
			}
		}
		return nil
	}
	// The supplies are checked as they arrive, beside the writing of those
	// checked before: a check is Go's work, a write mostly the database's.
	// The reading and checking may run some chunks ahead (a GeoJSON file
	// gives blocks of a few hundred records), so that they go on while a
	// chunk is in the database: with room for one block, the import of
	// 100,000 parcels waited about a second on its checks, and took 0.6 s
	// longer.
	checked, stop := make(chan checkedRecords[supplyRecord], checkedAhead), make(chan struct{})
	go func() {
		defer close(checked)
		for block := range supplies {
			select {
			case checked <- s.checkSupplyRecords(block):
			case <-stop:
				return
			}
		}
	}()
	defer func() {
		close(stop)
		for range checked { // until the checking has stopped
		}
	}()
	for c := range checked {
		if read == 0 && o.Progress != nil {
			o.Progress("supplies", 0, len(c.recs))
		}
		read += len(c.recs)
		for _, r := range c.recs {
			files[r.File] = true
		}
		pending = append(pending, settleSupplies(sc, c, rep, seen)...)
		if err := flush(false); err != nil {
			return writtenSupplies{}, err
		}
	}
	if err := flush(true); err != nil {
		return writtenSupplies{}, err
	}
	if read > 0 && o.Progress != nil {
		o.Progress("supplies", read, read)
	}
	return written, nil
}

// checkedAhead is how many blocks of checked supplies may wait for the
// writer.
const checkedAhead = 32

// importRecord is what writeOrSplit needs of a record to reject it.
type importRecord interface {
	rejection(err error) []land.Rejection
	count() int
}

// inChunks writes recs size at a time, each chunk in a savepoint (see
// writeOrSplit), and tells progress how many it has gone through after each.
// The error is the context's, when it ends.
func inChunks[T importRecord](ctx context.Context, tx pgx.Tx, recs []T, size int, rep *ImportReport, progress func(done int), write func(pgx.Tx, []T) error) error {
	for start := 0; start < len(recs); start += size {
		end := min(start+size, len(recs))
		if err := writeOrSplit(ctx, tx, recs[start:end], rep, write); err != nil {
			return err
		}
		progress(end)
	}
	return nil
}

// writeOrSplit writes recs in a savepoint. When that fails, what the write
// added to the report is taken back (its counts, warnings and changed
// boundaries were never written) and each half is written the same way,
// down to the single record, which is rejected: a bad record among n costs
// about 2·log2(n) statements instead of n, and only the records that fail
// are rejected. The error is the context's, when it ends.
func writeOrSplit[T importRecord](ctx context.Context, tx pgx.Tx, recs []T, rep *ImportReport, write func(pgx.Tx, []T) error) error {
	mark := rep.mark()
	err := inSavepoint(ctx, tx, func(sp pgx.Tx) error { return write(sp, recs) })
	if err == nil {
		return nil
	}
	if ctx.Err() != nil {
		return ctx.Err()
	}
	rep.takeBack(mark)
	if len(recs) == 1 {
		rep.Rejected = append(rep.Rejected, recs[0].rejection(err)...)
		return nil
	}
	half := len(recs) / 2
	if err := writeOrSplit(ctx, tx, recs[:half], rep, write); err != nil {
		return err
	}
	return writeOrSplit(ctx, tx, recs[half:], rep, write)
}

// reportMark is the state of a report before a write that may be rolled
// back.
type reportMark struct {
	accepted, created, updated, unchanged int
	warnings, boundariesChanged           int
}

func (r *ImportReport) mark() reportMark {
	return reportMark{r.Accepted, r.Created, r.Updated, r.Unchanged, len(r.Warnings), len(r.BoundariesChanged)}
}

// takeBack forgets what a rolled-back write added to the report.
func (r *ImportReport) takeBack(m reportMark) {
	r.Accepted, r.Created, r.Updated, r.Unchanged = m.accepted, m.created, m.updated, m.unchanged
	r.Warnings, r.BoundariesChanged = r.Warnings[:m.warnings], r.BoundariesChanged[:m.boundariesChanged]
}

// inSavepoint runs fn in a savepoint of tx, rolled back when fn fails.
func inSavepoint(ctx context.Context, tx pgx.Tx, fn func(pgx.Tx) error) error {
	sp, err := tx.Begin(ctx)
	if err != nil {
		return translate(err)
	}
	if err := fn(sp); err != nil {
		if rerr := sp.Rollback(ctx); rerr != nil {
			return errors.Join(err, rerr)
		}
		return translate(err)
	}
	return translate(sp.Commit(ctx))
}

// reasonOf is the text of a rejection: a land error's message, or the
// database's own words for anything else.
func reasonOf(err error) (field, reason string) {
	var le *land.Error
	if errors.As(err, &le) {
		msg := le.Message
		if le.Err != nil && le.Code != land.CodeInternal {
			msg += ": " + le.Err.Error()
		}
		return le.Field, msg
	}
	return "", err.Error()
}
