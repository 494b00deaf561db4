package sql

import (
	"context"
	"encoding/json"
	"time"

	"landwatch/land"
)

// Version is one state of a record in a record's history: what it became
// (or, for a delete, what it was), who changed it and when.
type Version struct {
	Entity    string          `json:"entity"` // the table: supply, installment, parcel, event, reserve, reserve_parcel …
	EntityID  int64           `json:"entity_id"`
	Op        string          `json:"op"` // insert, update or delete
	Version   *int            `json:"version"`
	Data      json.RawMessage `json:"data"`
	ChangedBy string          `json:"changed_by"`
	ChangedAt time.Time       `json:"changed_at"`
}

// History returns every version of a supply and of its installments,
// parcels and events, oldest first. withGeometry false leaves parcel
// boundaries out.
func (s *Store) History(ctx context.Context, sc land.Scope, key string, withGeometry bool) ([]Version, error) {
	sup, err := s.getSupply(ctx, sc, s.pool, key, false)
	if err != nil {
		return nil, err
	}
	return s.recordHistory(ctx, "supply", sup.ID, key, withGeometry)
}

// recordHistory reads the versions of a record of a kind (supply, reserve
// …) by its id and of its parts, oldest first; key names it in the error
// when there are none.
func (s *Store) recordHistory(ctx context.Context, record string, id int64, key string, withGeometry bool) ([]Version, error) {
	rows, err := s.pool.Query(ctx, qHistory, record, id, withGeometry)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	var out []Version
	for rows.Next() {
		var v Version
		if err := rows.Scan(&v.Entity, &v.EntityID, &v.Op, &v.Version, &v.Data, &v.ChangedBy, &v.ChangedAt); err != nil {
			return nil, translate(err)
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, translate(err)
	}
	if len(out) == 0 {
		return nil, land.Errorf(land.CodeNotFound, "no history for %s %s", record, key)
	}
	return out, nil
}

const qHistory = `SELECT entity, entity_id, op, version,
	CASE WHEN $3 AND geom IS NOT NULL THEN data || jsonb_build_object('geometry', ST_AsGeoJSON(geom)::jsonb) ELSE data END,
	changed_by, changed_at
FROM history_version WHERE record = $1 AND record_id = $2 ORDER BY id`
