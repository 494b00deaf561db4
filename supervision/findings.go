package supervision

import (
	"context"

	"landwatch/land"
	"landwatch/sql"
)

// MoveFinding moves a finding along its workflow (assign, verify,
// determine or dismiss, dispose, close; land.CheckFindingMove), or records
// the investigation notice of suspected idle land (land.StepNotice, once,
// not dated after today). The determination and disposal of idle land
// record their decision as an event of the supply in the same transaction.
func (s *Service) MoveFinding(ctx context.Context, sc land.Scope, id int64, m land.FindingMove) (*sql.Finding, error) {
	if err := sc.Allow(land.PermWork, ""); err != nil {
		return nil, err
	}
	f, err := s.store.MoveFinding(ctx, sc, id, m)
	if f != nil {
		confineFinding(sc, f)
	}
	return f, err
}

// Verify records what a field team found on site about a finding: the
// position must be on the finding's land, the photos are kept with their
// SHA-256; an open or assigned finding becomes verified, the step recorded.
func (s *Service) Verify(ctx context.Context, sc land.Scope, v *sql.Verification) error {
	if err := land.CheckVerificationText(v.Verdict, v.Inspector, v.Notes); err != nil {
		return err
	}
	if err := sc.Allow(land.PermWork, ""); err != nil {
		return err
	}
	return s.store.AddVerification(ctx, sc, v)
}

// ScanIdle evaluates the idle-land rule (Order No. 53) over every supply in
// the scope as of a day, with the footprint evidence of the index; with
// record it keeps one suspected-idle finding per supply and closes those
// whose cause went away, except determined ones and those in disposal,
// which end by their own steps. A dismissed suspicion is not raised again
// until its evidence changes; the new finding says what changed.
func (s *Service) ScanIdle(ctx context.Context, sc land.Scope, asOf land.Date, record bool) (sql.IdleScanResult, error) {
	if err := sc.Allow(land.PermWork, ""); err != nil {
		return sql.IdleScanResult{}, err
	}
	return s.engine.ScanIdle(ctx, sc, s.rules.Idle, asOf, record)
}

// ScanOverlaps finds every overlapping pair of live parcels in a region
// subtree (narrowed to the scope), records each as a finding and closes
// the findings that no longer hold.
func (s *Service) ScanOverlaps(ctx context.Context, sc land.Scope, region string, workers int, progress func(done, total int)) (ScanResult, error) {
	if err := sc.Allow(land.PermWork, ""); err != nil {
		return ScanResult{}, err
	}
	return s.engine.ScanOverlaps(ctx, sc, region, workers, progress)
}
