package sql

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5/pgtype"

	"landwatch/land"
)

// LateEvent is a development event recorded later than the threshold
// after the day it happened (DESIGN §4.1), with the supply it belongs to.
type LateEvent struct {
	SupplyID    int64          `json:"supply_id"`
	ENumber     string         `json:"e_number"`
	ProjectName string         `json:"project_name"`
	EventID     int64          `json:"event_id"`
	Kind        land.EventKind `json:"kind"`
	OccurredOn  land.Date      `json:"occurred_on"`
	RecordedAt  time.Time      `json:"recorded_at"`
	RecordedBy  string         `json:"recorded_by"`
	LagWorkdays int            `json:"lag_workdays"`
}

// LateEvents returns the late events of the scope's region, newest entry
// first, recorded by recordedBy when not "" (a clerk's own), at most limit
// of them, and how many there are in all.
func (s *Store) LateEvents(ctx context.Context, sc land.Scope, recordedBy string, limit int) ([]LateEvent, int, error) {
	region, err := regionArg(sc, "")
	if err != nil {
		return nil, 0, err
	}
	var total int
	if err := s.pool.QueryRow(ctx, `SELECT count(*) `+qLateEventsFrom, region, nullable(recordedBy)).Scan(&total); err != nil {
		return nil, 0, translate(err)
	}
	rows, err := s.pool.Query(ctx, `SELECT s.id, s.e_number, s.project_name, e.id, e.kind, e.occurred_on, e.recorded_at, e.recorded_by,
	coalesce(e.lag_workdays, 0) `+qLateEventsFrom+` ORDER BY e.recorded_at DESC, e.id DESC LIMIT $3`, region, nullable(recordedBy), limit)
	if err != nil {
		return nil, 0, translate(err)
	}
	defer rows.Close()
	out := []LateEvent{}
	for rows.Next() {
		var e LateEvent
		var occurred pgtype.Date
		if err := rows.Scan(&e.SupplyID, &e.ENumber, &e.ProjectName, &e.EventID, &e.Kind, &occurred, &e.RecordedAt, &e.RecordedBy, &e.LagWorkdays); err != nil {
			return nil, 0, translate(err)
		}
		e.OccurredOn = dateOf(occurred)
		out = append(out, e)
	}
	return out, total, translate(rows.Err())
}

const qLateEventsFrom = `FROM event e JOIN supply s ON s.id = e.supply_id
WHERE e.late AND NOT e.withdrawn AND ($1::text IS NULL OR s.region_code LIKE $1 || '%') AND ($2::text IS NULL OR e.recorded_by = $2)`
