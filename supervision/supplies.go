package supervision

import (
	"context"
	"strconv"

	"landwatch/land"
	"landwatch/sql"
)

// SupplyWrite is what a write of a supply answers: the record as stored,
// the warnings of its checks and the overlaps of its boundaries.
type SupplyWrite struct {
	*land.Supply
	Warnings []string            `json:"warnings"`
	Overlaps []sql.SupplyOverlap `json:"overlaps"`
}

// newWrite makes the answer of a write, with the overlaps of its
// boundaries as warnings too.
func newWrite(sup *land.Supply, warnings []string, overlaps []sql.SupplyOverlap) *SupplyWrite {
	w := &SupplyWrite{Supply: sup, Warnings: append([]string{}, warnings...), Overlaps: overlaps}
	if w.Overlaps == nil {
		w.Overlaps = []sql.SupplyOverlap{}
	}
	for _, o := range overlaps {
		w.Warnings = append(w.Warnings, o.String())
	}
	return w
}

// CreateSupply enters a new supply (a contract or allocation decision) with
// its instalments, parcels and events already known, then checks its
// boundaries for overlaps. A new record waits for review whatever sup
// says; what landwatch sets (id, version, stage, who recorded an event and
// when) is not taken from sup. A known e-supervision number is
// CodeConflict; a record outside the scope's region CodeForbidden.
func (s *Service) CreateSupply(ctx context.Context, sc land.Scope, sup *land.Supply) (*SupplyWrite, error) {
	w, _, err := s.createSupply(ctx, sc, sup, nil)
	return w, err
}

// UpdateSupply changes a supply's fields (apply changes the loaded record;
// parcels and events change through their own use cases). ifVersion must
// be the version the caller saw: a newer one is CodeStale. The changed
// record waits for review again.
func (s *Service) UpdateSupply(ctx context.Context, sc land.Scope, key string, ifVersion int, apply func(*land.Supply) error) (*SupplyWrite, error) {
	if err := sc.Allow(land.PermEdit, ""); err != nil {
		return nil, err
	}
	sup, warnings, err := s.store.UpdateSupply(ctx, sc, key, ifVersion, apply)
	if err != nil {
		return nil, err
	}
	return newWrite(sup, warnings, nil), nil
}

// ReplaceParcels replaces a supply's boundaries (at version ifVersion when
// not 0) and checks them for overlaps.
func (s *Service) ReplaceParcels(ctx context.Context, sc land.Scope, key string, ifVersion int, ps []land.Parcel) (*SupplyWrite, error) {
	if err := sc.Allow(land.PermEdit, ""); err != nil {
		return nil, err
	}
	sup, warnings, err := s.store.ReplaceParcels(ctx, sc, key, ifVersion, ps)
	if err != nil {
		return nil, err
	}
	overlaps, more := s.checkAfterWrite(ctx, sc, sup.ID)
	return newWrite(sup, append(warnings, more...), overlaps), nil
}

// AddEvent records a development event of a supply, checked against the
// events already recorded; its lag from the day it happened is measured
// now (DESIGN §4.1), never declared. It returns the event as recorded and
// the supply's new stage.
func (s *Service) AddEvent(ctx context.Context, sc land.Scope, key string, e land.Event) (land.Event, land.Stage, error) {
	if err := sc.Allow(land.PermEvents, ""); err != nil {
		return e, "", err
	}
	if err := newEvent(&e); err != nil {
		return e, "", err
	}
	return s.store.AddEvent(ctx, sc, key, e)
}

// newEvent clears what landwatch sets on an event a person sends (who
// recorded it, that it was imported) and refuses a recording time: the lag
// of an entry is measured, never declared.
func newEvent(e *land.Event) error {
	e.ID, e.Imported, e.RecordedBy, e.Amendment = 0, false, "", ""
	if !e.RecordedAt.IsZero() {
		return land.Invalid("recorded_at", "is set by landwatch when the event is recorded")
	}
	return nil
}

// Review records a reviewer's decision (approve, or return with a reason)
// on a submitted supply at version ifVersion. Reviews are a province's or
// the ministry's work.
func (s *Service) Review(ctx context.Context, sc land.Scope, key string, ifVersion int, r land.Review) (*land.Supply, error) {
	if err := sc.Allow(land.PermReview, ""); err != nil {
		return nil, err
	}
	return s.store.ReviewSupply(ctx, sc, key, ifVersion, r)
}

// ReviewMany records one decision on many submitted supplies: those named
// by keys, or, when keys is empty, every submitted supply the filter
// selects in the scope (an import batch's region and dates, a clerk's
// list). Each record's history keeps the decision; records the reviewer may
// not decide are refused one by one with the reason.
func (s *Service) ReviewMany(ctx context.Context, sc land.Scope, keys []string, f sql.SupplyFilter, r land.Review) (*sql.ReviewBatch, error) {
	if err := sc.Allow(land.PermReview, ""); err != nil {
		return nil, err
	}
	if len(keys) == 0 {
		var err error
		if keys, err = s.store.SubmittedSupplies(ctx, sc, f); err != nil {
			return nil, err
		}
	}
	return s.store.ReviewSupplies(ctx, sc, keys, r)
}

// CreateSupplyOnce is CreateSupply for a request that may be a retry (see
// sql.Store.CreateSupplyOnce): when an earlier request with the same body
// made the supply, it answers that supply as it is now, with made true.
func (s *Service) CreateSupplyOnce(ctx context.Context, sc land.Scope, sup *land.Supply, req sql.CreateRequest) (w *SupplyWrite, made bool, err error) {
	return s.createSupply(ctx, sc, sup, &req)
}

// createSupply is CreateSupply, and CreateSupplyOnce when req is not nil.
func (s *Service) createSupply(ctx context.Context, sc land.Scope, sup *land.Supply, req *sql.CreateRequest) (*SupplyWrite, bool, error) {
	if err := sc.Allow(land.PermEdit, ""); err != nil {
		return nil, false, err
	}
	sup.ID, sup.Version, sup.Stage = 0, 0, ""
	sup.ReviewStatus, sup.ReviewReason, sup.ReviewedBy = "", "", ""
	for i := range sup.Events {
		if err := newEvent(&sup.Events[i]); err != nil {
			return nil, false, land.PrefixField(err, "events["+strconv.Itoa(i)+"]")
		}
	}
	var warnings []string
	var id int64
	var err error
	if req == nil {
		warnings, err = s.store.CreateSupply(ctx, sc, sup)
	} else {
		warnings, id, err = s.store.CreateSupplyOnce(ctx, sc, sup, *req)
	}
	if err != nil {
		return nil, false, err
	}
	if id != 0 {
		existing, err := s.store.GetSupply(ctx, sc, strconv.FormatInt(id, 10))
		if err != nil {
			return nil, false, err
		}
		return newWrite(existing, nil, nil), true, nil
	}
	overlaps, more := s.checkAfterWrite(ctx, sc, sup.ID)
	return newWrite(sup, append(warnings, more...), overlaps), false, nil
}

// ChangeEvent corrects or withdraws a recorded event of a supply (see
// land.EventChange): a correction is a new version with its reason, the old
// one kept in the supply's history; a withdrawal keeps the event, marked
// withdrawn with its reason. The stage is derived again. A change with no
// reason is CodeInvalid naming "reason". Like recording an event, it does
// not send the supply back to review: events are facts on the ground, not
// the contract's terms.
func (s *Service) ChangeEvent(ctx context.Context, sc land.Scope, key string, c land.EventChange) (land.Event, land.Stage, error) {
	if err := sc.Allow(land.PermEvents, ""); err != nil {
		return land.Event{}, "", err
	}
	if err := c.Check(); err != nil {
		return land.Event{}, "", err
	}
	if c.Event != nil {
		if err := newEvent(c.Event); err != nil {
			return land.Event{}, "", land.PrefixField(err, "event")
		}
	}
	return s.store.ChangeEvent(ctx, sc, key, c)
}
