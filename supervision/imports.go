package supervision

import (
	"context"

	"landwatch/land"
	"landwatch/sql"
)

// Import writes a parsed batch (supplies, then parcels; see
// sql.Store.Import) and checks the boundaries it wrote for overlaps, so
// that a county's historical import gets the same findings as a record
// entered by hand: the report lists each overlap. Rejected records are in
// the report in full; the error is for faults that stop the whole import.
// o.Progress hears of the store's steps, then of the overlap check.
func (s *Service) Import(ctx context.Context, sc land.Scope, b land.Batch, o sql.ImportOptions) (*sql.ImportReport, error) {
	return s.ImportStream(ctx, sc, land.Whole(b), o)
}

// ImportStream is Import of a batch whose supplies are written as its
// files are read (see sql.Store.ImportStream).
func (s *Service) ImportStream(ctx context.Context, sc land.Scope, st land.Stream, o sql.ImportOptions) (*sql.ImportReport, error) {
	if err := sc.Allow(land.PermEdit, ""); err != nil {
		return nil, err
	}
	rep, err := s.store.ImportStream(ctx, sc, st, o)
	if err != nil {
		return nil, err
	}
	if !o.DryRun && len(rep.BoundariesChanged) > 0 {
		var more []string
		checked := o.Step("overlap check", len(rep.BoundariesChanged))
		rep.Overlaps, more = s.checkAfterWrite(ctx, sc, rep.BoundariesChanged...)
		checked(len(rep.BoundariesChanged))
		rep.Overlaps = oncePerPair(rep.Overlaps)
		for _, m := range more {
			rep.Warnings = append(rep.Warnings, land.Warning{Field: "overlaps", Message: m})
		}
	}
	return rep, nil
}

// oncePerPair keeps each overlapping pair once: when both supplies came
// in the same import, each side reports the other.
func oncePerPair(os []sql.SupplyOverlap) []sql.SupplyOverlap {
	seen := make(map[[2]int64]bool, len(os))
	out := os[:0]
	for _, o := range os {
		if o.OtherReserve != "" {
			out = append(out, o) // reported from the supply's side only
			continue
		}
		k := [2]int64{min(o.ParcelID, o.OtherParcelID), max(o.ParcelID, o.OtherParcelID)}
		if !seen[k] {
			seen[k] = true
			out = append(out, o)
		}
	}
	return out
}

// ImportFootprints writes the construction footprints a file gave (unless
// dry) and reports them with the file's rejected features. Footprints
// carry no region and are evidence for every county they lie in: their
// import is a province's or the ministry's work.
func (s *Service) ImportFootprints(ctx context.Context, sc land.Scope, fps []land.Footprint, rejected []land.Rejection, dry bool) (*sql.ImportReport, error) {
	if err := sc.Allow(land.PermEdit, ""); err != nil {
		return nil, err
	}
	return s.store.ImportFootprintFile(ctx, sc, fps, rejected, dry)
}
