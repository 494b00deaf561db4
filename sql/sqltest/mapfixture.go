package sqltest

import (
	"context"
	"fmt"

	"landwatch/sql"
)

// MapParcel is a known spot of the map: a point inside a parcel whose
// circle of RadiusM metres lies in that parcel alone.
type MapParcel struct {
	ENumber string  `json:"e_number"`
	Stage   string  `json:"stage"`
	Lon     float64 `json:"lon"`
	Lat     float64 `json:"lat"`
	RadiusM float64 `json:"radius_m"`
}

// MapFixture is what the browser tests of the map know about the data
// (web-map/browsertest/README.md describes it).
type MapFixture struct {
	Parcels  []MapParcel `json:"parcels"`
	Overlaps []struct {
		A   string  `json:"a"`
		B   string  `json:"b"`
		Lon float64 `json:"lon"`
		Lat float64 `json:"lat"`
	} `json:"overlaps"`
	Box struct {
		BBox     [4]float64 `json:"bbox"`
		Expected []string   `json:"expected"`
		Absent   []string   `json:"absent"`
	} `json:"box"`
	Edit         *MapParcel  `json:"edit"`
	OverdueStart []MapParcel `json:"overdue_start,omitempty"`
}

// BuildMapFixture picks the fixture from the register of st: for each
// stage the largest clear circles inside its biggest parcels, the largest
// open overlap and a box around it, a parcel to edit, and an overdue start.
func BuildMapFixture(ctx context.Context, st *sql.Store) (*MapFixture, error) {
	var f MapFixture
	spots := func(query string, args ...any) ([]MapParcel, error) {
		rows, err := st.Pool().Query(ctx, query, args...)
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		var out []MapParcel
		for rows.Next() {
			var p MapParcel
			if err := rows.Scan(&p.ENumber, &p.Stage, &p.Lon, &p.Lat, &p.RadiusM); err != nil {
				return nil, err
			}
			out = append(out, p)
		}
		return out, rows.Err()
	}
	all, err := spots(qClearSpots, "")
	if err != nil {
		return nil, fmt.Errorf("map fixture: clear spots: %w", err)
	}
	perStage := map[string]int{}
	for _, p := range all {
		if p.Stage == "under_construction" && f.Edit == nil {
			e := p
			f.Edit = &e
			continue
		}
		if perStage[p.Stage] < 1 {
			perStage[p.Stage]++
			f.Parcels = append(f.Parcels, p)
		}
	}
	if len(f.Parcels) < 2 || f.Edit == nil {
		return nil, fmt.Errorf("map fixture: %d clear parcels and edit %v: the data has too few", len(f.Parcels), f.Edit)
	}
	var o struct {
		A, B     string
		Lon, Lat float64
		Box      [4]float64
	}
	err = st.Pool().QueryRow(ctx, qLargestOverlap).Scan(&o.A, &o.B, &o.Lon, &o.Lat, &o.Box[0], &o.Box[1], &o.Box[2], &o.Box[3])
	if err != nil {
		return nil, fmt.Errorf("map fixture: no open overlap finding (run the overlap scan first): %w", err)
	}
	f.Overlaps = append(f.Overlaps, struct {
		A   string  `json:"a"`
		B   string  `json:"b"`
		Lon float64 `json:"lon"`
		Lat float64 `json:"lat"`
	}{o.A, o.B, o.Lon, o.Lat})
	f.Box.BBox = o.Box
	f.Box.Expected = []string{o.A, o.B}
	for _, p := range f.Parcels {
		if p.Lon < o.Box[0]-0.01 || p.Lon > o.Box[2]+0.01 || p.Lat < o.Box[1]-0.01 || p.Lat > o.Box[3]+0.01 {
			f.Box.Absent = append(f.Box.Absent, p.ENumber)
			break
		}
	}
	if f.OverdueStart, err = spots(qClearSpots, "overdue_start"); err != nil {
		return nil, fmt.Errorf("map fixture: overdue starts: %w", err)
	}
	if len(f.OverdueStart) > 1 {
		f.OverdueStart = f.OverdueStart[:1]
	}
	return &f, nil
}

const (
	// qClearSpots takes, per stage, the biggest parcels of supplies with one
	// parcel and no open finding, and keeps the largest inscribed circles
	// that no other parcel comes near. With $1 = 'overdue_start' it takes
	// supplies whose agreed start has passed with no start recorded (a year
	// overdue, they are suspected idle as well: that finding may be open).
	qClearSpots = `WITH cand AS (
	SELECT * FROM (
		SELECT s.e_number, s.stage, p.id, p.geom,
			row_number() OVER (PARTITION BY s.stage ORDER BY p.plane_area_m2 DESC, p.id) AS rn
		FROM parcel p JOIN supply s ON s.id = p.supply_id
		WHERE (SELECT count(*) FROM parcel q WHERE q.supply_id = s.id) = 1
		  AND NOT EXISTS (SELECT FROM finding f WHERE f.status <> 'closed' AND (f.supply_id = s.id OR f.other_supply_id = s.id)
			AND ($1 = '' OR f.kind <> 'suspected_idle'))
		  AND ($1 = '' OR (s.agreed_start < current_date AND s.stage IN ('supplied', 'delivered')
			AND NOT EXISTS (SELECT FROM event e WHERE e.supply_id = s.id AND e.kind = 'construction_start' AND NOT e.withdrawn)))
	) r WHERE rn <= 6
), mic AS (
	SELECT e_number, stage, id, (ST_MaximumInscribedCircle(geom)).* FROM cand
), m AS (
	SELECT *, ST_Distance(center::geography, nearest::geography) AS radius_m FROM mic
)
SELECT e_number, stage, ST_X(center), ST_Y(center), radius_m FROM m
WHERE radius_m >= 12 AND NOT EXISTS (
	SELECT FROM parcel o WHERE o.id <> m.id AND o.geom && ST_Expand(m.center, m.radius_m / 50000.0)
	  AND ST_DWithin(o.geom::geography, m.center::geography, m.radius_m))
ORDER BY stage, radius_m DESC, e_number`

	// qLargestOverlap is the largest open overlap: its two supplies, a point
	// well inside the shared ground, and a box around that ground.
	qLargestOverlap = `SELECT sa.e_number, sb.e_number, ST_X(c.center), ST_Y(c.center),
	ST_XMin(f.geom) - 0.0002, ST_YMin(f.geom) - 0.0002, ST_XMax(f.geom) + 0.0002, ST_YMax(f.geom) + 0.0002
FROM finding f JOIN supply sa ON sa.id = f.supply_id JOIN supply sb ON sb.id = f.other_supply_id,
	LATERAL ST_MaximumInscribedCircle(f.geom) c
WHERE f.kind = 'overlap' AND f.status <> 'closed' AND NOT ST_IsEmpty(f.geom)
ORDER BY (f.figures->>'area_m2')::float8 DESC, f.id LIMIT 1`
)
