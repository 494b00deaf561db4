package sql

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/paulmach/orb"

	"landwatch/land"
	"landwatch/spatial"
)

// LoadFabric writes a generated parcel fabric for benchmarks and load
// tests: one supply per parcel (a listing transfer in region, numbered
// region+2020+B+serial), in batches of set-based inserts. It skips the
// checks of CreateSupply and Import; the fabric's parcels must be valid. It
// returns the parcel ids in the order of parcels.
func (s *Store) LoadFabric(ctx context.Context, region string, parcels []orb.MultiPolygon) ([]int64, error) {
	return s.LoadDressedFabric(ctx, region, parcels, nil)
}

// FabricDress is what a generated supply of a fabric carries besides its
// parcel: stage, method, land use, contract year, an agreed start (zero for
// none: a past one with no start recorded flags overdue_start) and whether
// it was entered late.
type FabricDress struct {
	Stage, Method, LandUse string
	ContractYear           int
	AgreedStart            land.Date
	Late                   bool
}

// LoadDressedFabric is LoadFabric with each supply's attributes from
// dress (one per parcel; nil for LoadFabric's listing transfers of 2020).
func (s *Store) LoadDressedFabric(ctx context.Context, region string, parcels []orb.MultiPolygon, dress []FabricDress) ([]int64, error) {
	if dress != nil && len(dress) != len(parcels) {
		return nil, fmt.Errorf("fabric: %d dresses for %d parcels", len(dress), len(parcels))
	}
	const batch = 5000
	ids := make([]int64, 0, len(parcels))
	err := s.inTxAs(ctx, "fabric", func(tx pgx.Tx) error {
		for start := 0; start < len(parcels); start += batch {
			part := parcels[start:min(start+batch, len(parcels))]
			numbers := make([]string, len(part))
			wkbs := make([][]byte, len(part))
			areas := make([]float64, len(part))
			epsgs := make([]int32, len(part))
			stages, methods, uses := make([]string, len(part)), make([]string, len(part)), make([]string, len(part))
			contracts, starts := make([]*time.Time, len(part)), make([]*time.Time, len(part))
			late := make([]bool, len(part))
			for i, p := range part {
				d := FabricDress{Stage: "supplied", Method: "23", LandUse: "0701", ContractYear: 2020}
				if dress != nil {
					d = dress[start+i]
				}
				c := time.Date(d.ContractYear, 6, 1, 0, 0, 0, 0, time.UTC)
				stages[i], methods[i], uses[i], contracts[i], late[i] = d.Stage, d.Method, d.LandUse, &c, d.Late
				if !d.AgreedStart.IsZero() {
					a := d.AgreedStart.Time()
					starts[i] = &a
				}
				numbers[i] = region + "2020B" + serial36(start+i)
				b, err := spatial.EncodeEWKB(p)
				if err != nil {
					return err
				}
				wkbs[i] = b
				a, epsg := spatial.PlaneArea(p)
				areas[i], epsgs[i] = a, int32(epsg)
			}
			rows, err := tx.Query(ctx, qFabricSupplies, numbers, areas, region, stages, methods, uses, contracts, starts, late)
			if err != nil {
				return translate(err)
			}
			supplyIDs := make([]int64, 0, len(part))
			for rows.Next() {
				var id int64
				if err := rows.Scan(&id); err != nil {
					rows.Close()
					return translate(err)
				}
				supplyIDs = append(supplyIDs, id)
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return translate(err)
			}
			if len(supplyIDs) != len(part) {
				return fmt.Errorf("fabric: %d supplies written for %d parcels", len(supplyIDs), len(part))
			}
			rows, err = tx.Query(ctx, qFabricParcels, supplyIDs, wkbs, areas, epsgs)
			if err != nil {
				return translate(err)
			}
			for rows.Next() {
				var id int64
				if err := rows.Scan(&id); err != nil {
					rows.Close()
					return translate(err)
				}
				ids = append(ids, id)
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return translate(err)
			}
		}
		return nil
	})
	return ids, err
}

// serial36 is the 5-character serial of a generated e-supervision number.
func serial36(n int) string {
	s := strings.ToUpper(strconv.FormatInt(int64(n), 36))
	return strings.Repeat("0", max(0, 5-len(s))) + s
}

const (
	qFabricSupplies = `INSERT INTO supply (e_number, kind, method, region_code, project_name, area_ha,
	land_use_original, land_use_code, contract_date, agreed_start, late, stage, updated_by)
SELECT n, 'transfer', m, $3, 'generated fabric', a / 10000, u, u, c, st, l, sg, 'fabric'
FROM unnest($1::text[], $2::float8[], $4::text[], $5::text[], $6::text[], $7::date[], $8::date[], $9::bool[])
	WITH ORDINALITY AS t(n, a, sg, m, u, c, st, l, i) ORDER BY i
RETURNING id`
	qFabricParcels = `INSERT INTO parcel (supply_id, geom, plane_area_m2, gk_epsg, updated_by)
SELECT s, ST_GeomFromEWKB(g), a, e, 'fabric'
FROM unnest($1::bigint[], $2::bytea[], $3::float8[], $4::int[]) WITH ORDINALITY AS t(s, g, a, e, i) ORDER BY i
RETURNING id`
)

// Analyze refreshes the planner's statistics of the register, as after a
// bulk load.
func (s *Store) Analyze(ctx context.Context) error {
	_, err := s.pool.Exec(ctx, `ANALYZE supply; ANALYZE parcel`)
	return translate(err)
}
