package sql

import (
	"context"
	"strconv"

	"github.com/jackc/pgx/v5"

	"landwatch/land"
	"landwatch/spatial"
)

// ReplaceParcels replaces the boundaries of a supply with ps (a coordinate
// file or GeoJSON for the whole supply). ifVersion, when not 0, must be the
// supply's current version. The supply's version goes up; the previous
// parcels stay in the history.
func (s *Store) ReplaceParcels(ctx context.Context, sc land.Scope, key string, ifVersion int, ps []land.Parcel) (*land.Supply, []string, error) {
	actor := sc.Actor()
	var warnings []string
	var id int64
	err := s.inTx(ctx, sc, func(tx pgx.Tx) error {
		cur, err := s.lockSupply(ctx, sc, tx, key, ifVersion)
		if err != nil {
			return err
		}
		if warnings, err = s.rules.PrepareParcels(ps, cur.RegionCode, cur.AreaHa); err != nil {
			return err
		}
		if err := replaceParcels(ctx, tx, actor, cur.ID, ps); err != nil {
			return err
		}
		id = cur.ID
		_, err = tx.Exec(ctx, qTouchSupply, []int64{cur.ID}, actor)
		return translate(err)
	})
	if err != nil {
		return nil, nil, err
	}
	sup, err := s.GetSupply(ctx, sc, strconv.FormatInt(id, 10))
	return sup, warnings, err
}

// replaceParcels deletes a supply's parcels and inserts ps (already checked by
// prepareParcels), filling their ids.
func replaceParcels(ctx context.Context, tx pgx.Tx, actor string, supplyID int64, ps []land.Parcel) error {
	if _, err := tx.Exec(ctx, qDeleteParcels, supplyID); err != nil {
		return translate(err)
	}
	for i := range ps {
		if err := insertParcel(ctx, tx, actor, supplyID, &ps[i]); err != nil {
			return land.PrefixField(err, "parcels["+strconv.Itoa(i)+"]")
		}
	}
	return nil
}

func insertParcel(ctx context.Context, tx pgx.Tx, actor string, supplyID int64, p *land.Parcel) error {
	wkb, err := spatial.EncodeEWKB(p.Geometry)
	if err != nil {
		return land.Wrap(land.CodeInvalid, err, "geometry")
	}
	p.SupplyID = supplyID
	err = tx.QueryRow(ctx, qInsertParcel, supplyID, p.Number, p.Name, p.LandUse, nullableFloat(p.DeclaredAreaHa),
		wkb, p.PlaneAreaM2, p.GKEPSG, actor).Scan(&p.ID, &p.Version)
	return translate(err)
}

func nullableFloat(f float64) *float64 {
	if f == 0 {
		return nil
	}
	return &f
}

func loadParcels(ctx context.Context, q querier, supplyID int64) ([]land.Parcel, error) {
	rows, err := q.Query(ctx, qParcels, supplyID)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	var out []land.Parcel
	for rows.Next() {
		var p land.Parcel
		var declared *float64
		var wkb []byte
		if err := rows.Scan(&p.ID, &p.SupplyID, &p.Number, &p.Name, &p.LandUse, &declared, &wkb, &p.PlaneAreaM2, &p.GKEPSG, &p.Version); err != nil {
			return nil, translate(err)
		}
		if declared != nil {
			p.DeclaredAreaHa = *declared
		}
		if p.Geometry, err = spatial.DecodeWKB(wkb); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, translate(rows.Err())
}

const (
	qDeleteParcels = `DELETE FROM parcel WHERE supply_id = $1`
	qInsertParcel  = `INSERT INTO parcel (supply_id, number, name, land_use, declared_area_ha, geom, plane_area_m2, gk_epsg, updated_by)
VALUES ($1, $2, $3, $4, $5, ST_GeomFromEWKB($6), $7, $8, $9) RETURNING id, version`
	qParcels = `SELECT id, supply_id, number, name, land_use, declared_area_ha, ST_AsBinary(geom), plane_area_m2, gk_epsg, version
FROM parcel WHERE supply_id = $1 ORDER BY id`
	// A supply whose boundaries change is a changed record: reviewed again.
	qTouchSupply = `UPDATE supply SET version = version + 1, updated_at = now(), updated_by = $2, review_status = 'submitted'
WHERE id = ANY($1)`
)
