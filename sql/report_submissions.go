package sql

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"landwatch/land"
)

// ReportSubmission is how far a region's quarterly report of a period has
// gone: reviewed (by whom, when), then submitted (上报). A report with no
// row is only generated.
type ReportSubmission struct {
	Region      string     `json:"region_code"`
	Period      string     `json:"period"`
	State       string     `json:"state"`
	ReviewedBy  string     `json:"reviewed_by,omitempty"`
	ReviewedAt  *time.Time `json:"reviewed_at,omitempty"`
	SubmittedBy string     `json:"submitted_by,omitempty"`
	SubmittedAt *time.Time `json:"submitted_at,omitempty"`
	Version     int        `json:"version"`
}

const qReportSubmissionColumns = `region_code, period, state, reviewed_by, reviewed_at, submitted_by, submitted_at, version`

func scanReportSubmission(row pgx.Row) (ReportSubmission, error) {
	var r ReportSubmission
	err := row.Scan(&r.Region, &r.Period, &r.State, &r.ReviewedBy, &r.ReviewedAt, &r.SubmittedBy, &r.SubmittedAt, &r.Version)
	return r, err
}

// ReportSubmissions returns the submissions of a period (canonical name)
// of the regions in the scope, by region code.
func (s *Store) ReportSubmissions(ctx context.Context, sc land.Scope, period string) (map[string]ReportSubmission, error) {
	prefix, err := regionArg(sc, "")
	if err != nil {
		return nil, err
	}
	rows, err := s.pool.Query(ctx, `SELECT `+qReportSubmissionColumns+` FROM report_submission
WHERE period = $1 AND ($2::text IS NULL OR region_code LIKE $2 || '%')`, period, prefix)
	return keyedRows(rows, err, func(rows pgx.Rows) (string, ReportSubmission, error) {
		r, err := scanReportSubmission(rows)
		return r.Region, r, err
	})
}

// ReportSubmissionOf returns the submission of one region's report, state
// generated when none is stored.
func (s *Store) ReportSubmissionOf(ctx context.Context, sc land.Scope, region, period string) (ReportSubmission, error) {
	if err := sc.Check(region); err != nil {
		return ReportSubmission{}, err
	}
	return reportSubmissionOf(ctx, s.pool, region, period, "")
}

func reportSubmissionOf(ctx context.Context, q querier, region, period, lock string) (ReportSubmission, error) {
	r, err := scanReportSubmission(q.QueryRow(ctx, `SELECT `+qReportSubmissionColumns+` FROM report_submission
WHERE region_code = $1 AND period = $2`+lock, region, period))
	if err == pgx.ErrNoRows {
		return ReportSubmission{Region: region, Period: period, State: land.ReportGenerated}, nil
	}
	return r, translate(err)
}

// MarkReport moves a region's report of a period to state (reviewed or
// submitted) at the instant at, as the scope's actor: CodeConflict for a
// step out of order (land.ReportNext) or one made at the same time by
// someone else, CodeForbidden for a region outside the scope.
func (s *Store) MarkReport(ctx context.Context, sc land.Scope, region, period, state string, at time.Time) (ReportSubmission, error) {
	if err := sc.Check(region); err != nil {
		return ReportSubmission{}, err
	}
	var out ReportSubmission
	err := s.inTx(ctx, sc, func(tx pgx.Tx) error {
		cur, err := reportSubmissionOf(ctx, tx, region, period, " FOR UPDATE")
		if err != nil {
			return err
		}
		if err := land.ReportNext(cur.State, state); err != nil {
			return err
		}
		if state == land.ReportReviewed {
			_, err = tx.Exec(ctx, `INSERT INTO report_submission (region_code, period, state, reviewed_by, reviewed_at, updated_at, updated_by)
VALUES ($1, $2, 'reviewed', $3, $4, $4, $3)`, region, period, sc.Actor(), at)
		} else {
			_, err = tx.Exec(ctx, `UPDATE report_submission SET state = 'submitted', submitted_by = $3, submitted_at = $4,
	version = version + 1, updated_at = $4, updated_by = $3
WHERE region_code = $1 AND period = $2`, region, period, sc.Actor(), at)
		}
		if err != nil {
			return err
		}
		out, err = reportSubmissionOf(ctx, tx, region, period, "")
		return err
	})
	return out, err
}
