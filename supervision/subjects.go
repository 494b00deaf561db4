package supervision

import (
	"context"
	"runtime"
	"sync"

	"landwatch/land"
	"landwatch/spatial"
	"landwatch/sql"
)

// parcelSubject turns a parcel row into an index subject kept in slab:
// decoded and prepared; a parcel of an unsold lot is a subject of its own kind. Reserve land is live while it is on record: a supply made from
// it names it and does not overlap it, so what is left in reserve is what
// no supply may cover unnamed.
func parcelSubject(slab *spatial.Slab, r sql.ParcelRow) (*spatial.Subject, error) {
	mp, err := slab.DecodeWKB(r.WKB)
	if err != nil {
		return nil, err
	}
	s := spatial.Subject{
		ID: r.ID, Kind: spatial.KindSupplyParcel, SupplyID: r.SupplyID,
		Live:  land.Stage(r.Stage) != land.StageReclaimed,
		Shape: slab.Prepare(mp),
		Meta: spatial.Meta{ENumber: r.ENumber, Stage: r.Stage, LandUse: r.LandUse, Method: r.Method,
			ContractYear: r.ContractYear, Region: r.Region, Flags: r.Flags, Project: r.Project, Reserve: r.Reserve,
			Collective: r.Collective},
	}
	switch {
	case r.OfReserve:
		s.Kind, s.Live = spatial.KindReserve, true
	case r.OfLot:
		// drawn as an outline until sold; the land is nobody's yet, so it
		// is never a party to an overlap
		s.Kind, s.Live = spatial.KindLot, false
		s.Meta = spatial.Meta{Region: r.Region, Lot: r.Lot, Announcement: r.Announcement}
	}
	return slab.Subject(s), nil
}

// footprintSubject turns a footprint row into an index subject.
func footprintSubject(f sql.FootprintRow) (*spatial.Subject, error) {
	mp, err := spatial.DecodeWKB(f.WKB)
	if err != nil {
		return nil, err
	}
	return &spatial.Subject{ID: f.ID, Kind: spatial.KindFootprint, Live: true, Shape: spatial.Prepare(mp),
		Meta: spatial.Meta{ENumber: f.Source, Observed: f.ObservedOn}}, nil
}

// footprintSubjects turns footprint rows into subjects.
func footprintSubjects(fs []sql.FootprintRow) ([]*spatial.Subject, error) {
	out := make([]*spatial.Subject, 0, len(fs))
	for _, f := range fs {
		s, err := footprintSubject(f)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}

// preparer decodes and prepares parcel rows on all cores while they are
// still being read, handing each batch of subjects to add (serialised), so
// that a whole table is never held in memory twice.
type preparer struct {
	ctx     context.Context
	add     func([]*spatial.Subject)
	batches chan []sql.ParcelRow
	batch   []sql.ParcelRow
	wg      sync.WaitGroup
	mu      sync.Mutex // serialises add and guards err
	err     error
}

const prepareBatch = 512

func newPreparer(ctx context.Context, add func([]*spatial.Subject)) *preparer {
	p := &preparer{ctx: ctx, add: add, batches: make(chan []sql.ParcelRow, runtime.GOMAXPROCS(0)*2)}
	for range runtime.GOMAXPROCS(0) {
		p.wg.Add(1)
		go p.work()
	}
	return p
}

func (p *preparer) work() {
	defer p.wg.Done()
	for batch := range p.batches {
		subjects := make([]*spatial.Subject, 0, len(batch))
		slab := spatial.NewSlab(len(batch), verticesAtMost(batch))
		var firstErr error
		for _, r := range batch {
			s, err := parcelSubject(slab, r)
			if err != nil {
				firstErr = err
				continue
			}
			subjects = append(subjects, s)
		}
		p.mu.Lock()
		if firstErr != nil && p.err == nil {
			p.err = firstErr
		}
		p.add(subjects)
		p.mu.Unlock()
	}
}

// verticesAtMost bounds the vertices of rows' boundaries by their WKB's
// size: each takes 16 bytes after a header of at least 9.
func verticesAtMost(rows []sql.ParcelRow) int {
	n := 0
	for _, r := range rows {
		n += max(len(r.WKB)-9, 0) / 16
	}
	return n
}

// push takes one row; it fails when the context ended.
func (p *preparer) push(r sql.ParcelRow) error {
	p.batch = append(p.batch, r)
	if len(p.batch) < prepareBatch {
		return nil
	}
	select {
	case p.batches <- p.batch:
	case <-p.ctx.Done():
		return p.ctx.Err()
	}
	p.batch = make([]sql.ParcelRow, 0, prepareBatch)
	return nil
}

// wait prepares what is left and returns the first error of a row.
func (p *preparer) wait() error {
	if len(p.batch) > 0 {
		p.batches <- p.batch
	}
	close(p.batches)
	p.wg.Wait()
	return p.err
}

// prepareAll turns rows into subjects on all cores.
func prepareAll(ctx context.Context, rows []sql.ParcelRow) ([]*spatial.Subject, error) {
	out := make([]*spatial.Subject, 0, len(rows))
	p := newPreparer(ctx, func(ss []*spatial.Subject) { out = append(out, ss...) })
	for _, r := range rows {
		if err := p.push(r); err != nil {
			_ = p.wait()
			return nil, err
		}
	}
	return out, p.wait()
}
