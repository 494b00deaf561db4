package sql

import (
	"context"
	"errors"
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
		if err := supplyParcels.replace(ctx, tx, actor, cur.ID, ps); err != nil {
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

// parcelTable is a table of parcels of one kind of record: a supply's
// (parcel) or a reserve's (reserve_parcel), alike but for the column
// naming the record they belong to.
type parcelTable struct {
	del, insert, update, load, loadMany string
}

func newParcelTable(table, owner string) parcelTable {
	t, o := pgx.Identifier{table}.Sanitize(), pgx.Identifier{owner}.Sanitize()
	return parcelTable{
		// The parcels not kept ($2: the ids of those that are).
		del: `DELETE FROM ` + t + ` WHERE ` + o + ` = $1 AND NOT (id = ANY ($2::bigint[]))`,
		update: `UPDATE ` + t + ` SET number = $3, name = $4, land_use = $5, declared_area_ha = $6, geom = ST_GeomFromEWKB($7),
	plane_area_m2 = $8, gk_epsg = $9, updated_by = $10, updated_at = now(), version = version + 1
WHERE id = $1 AND ` + o + ` = $2 RETURNING version`,
		insert: `INSERT INTO ` + t + ` (` + o + `, number, name, land_use, declared_area_ha, geom, plane_area_m2, gk_epsg, updated_by)
VALUES ($1, $2, $3, $4, $5, ST_GeomFromEWKB($6), $7, $8, $9) RETURNING id, version`,
		load: `SELECT id, ` + o + `, number, name, land_use, declared_area_ha, ST_AsBinary(geom), plane_area_m2, gk_epsg, version
FROM ` + t + ` WHERE ` + o + ` = $1 ORDER BY id`,
		loadMany: `SELECT id, ` + o + `, number, name, land_use, declared_area_ha, ST_AsBinary(geom), plane_area_m2, gk_epsg, version
FROM ` + t + ` WHERE ` + o + ` = ANY($1) ORDER BY ` + o + `, id`,
	}
}

var (
	supplyParcels  = newParcelTable("parcel", "supply_id")
	reserveParcels = newParcelTable("reserve_parcel", "reserve_id")
)

// replaceParcels deletes a supply's parcels and inserts ps (already checked by
// prepareParcels), filling their ids.
func replaceParcels(ctx context.Context, tx pgx.Tx, actor string, supplyID int64, ps []land.Parcel) error {
	return supplyParcels.replace(ctx, tx, actor, supplyID, ps)
}

// replace makes ps (already checked by the rules' PrepareParcels) the
// parcels of record owner, filling their ids. A parcel whose id is one of
// the record's parcels changes in place and keeps its id (a client editing
// one parcel of a supply, as OGC API – Features Part 4 does, finds it at the
// same address afterwards, and so do its siblings); the others are new, and
// the record's parcels not kept are deleted.
func (pt parcelTable) replace(ctx context.Context, tx pgx.Tx, actor string, owner int64, ps []land.Parcel) error {
	keep := []int64{}
	for _, p := range ps {
		if p.ID > 0 {
			keep = append(keep, p.ID)
		}
	}
	if _, err := tx.Exec(ctx, pt.del, owner, keep); err != nil {
		return translate(err)
	}
	for i := range ps {
		if err := pt.writeOne(ctx, tx, actor, owner, &ps[i]); err != nil {
			return land.PrefixField(err, "parcels["+strconv.Itoa(i)+"]")
		}
	}
	return nil
}

// writeOne changes p in place when it is one of owner's parcels, and
// inserts it otherwise (an id of another record's parcel is not taken).
func (pt parcelTable) writeOne(ctx context.Context, tx pgx.Tx, actor string, owner int64, p *land.Parcel) error {
	if p.ID <= 0 {
		return pt.insertOne(ctx, tx, actor, owner, p)
	}
	wkb, err := spatial.EncodeEWKB(p.Geometry)
	if err != nil {
		return land.Wrap(land.CodeInvalid, err, "geometry")
	}
	err = tx.QueryRow(ctx, pt.update, p.ID, owner, p.Number, p.Name, p.LandUse, nullableFloat(p.DeclaredAreaHa),
		wkb, p.PlaneAreaM2, p.GKEPSG, actor).Scan(&p.Version)
	if errors.Is(err, pgx.ErrNoRows) {
		p.ID = 0
		return pt.insertOne(ctx, tx, actor, owner, p)
	}
	return translate(err)
}

func (pt parcelTable) insertOne(ctx context.Context, tx pgx.Tx, actor string, owner int64, p *land.Parcel) error {
	wkb, err := spatial.EncodeEWKB(p.Geometry)
	if err != nil {
		return land.Wrap(land.CodeInvalid, err, "geometry")
	}
	err = tx.QueryRow(ctx, pt.insert, owner, p.Number, p.Name, p.LandUse, nullableFloat(p.DeclaredAreaHa),
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
	return supplyParcels.loadOf(ctx, q, supplyID)
}

// loadOf reads the parcels of record owner; a supply's carry its id in
// SupplyID, a reserve's leave it 0.
func (pt parcelTable) loadOf(ctx context.Context, q querier, owner int64) ([]land.Parcel, error) {
	byOwner, err := pt.scan(q.Query(ctx, pt.load, owner))
	return byOwner[owner], err
}

// loadOfMany reads the parcels of the records owners in one query (a page
// of an export), by owner.
func (pt parcelTable) loadOfMany(ctx context.Context, q querier, owners []int64) (map[int64][]land.Parcel, error) {
	return pt.scan(q.Query(ctx, pt.loadMany, owners))
}

// scan reads the parcels that pt's load queries answer, by owner.
func (pt parcelTable) scan(rows pgx.Rows, err error) (map[int64][]land.Parcel, error) {
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	out := map[int64][]land.Parcel{}
	for rows.Next() {
		var p land.Parcel
		var declared *float64
		var wkb []byte
		var ownerID int64
		if err := rows.Scan(&p.ID, &ownerID, &p.Number, &p.Name, &p.LandUse, &declared, &wkb, &p.PlaneAreaM2, &p.GKEPSG, &p.Version); err != nil {
			return nil, translate(err)
		}
		if pt == supplyParcels {
			p.SupplyID = ownerID
		}
		if declared != nil {
			p.DeclaredAreaHa = *declared
		}
		if p.Geometry, err = spatial.DecodeWKB(wkb); err != nil {
			return nil, err
		}
		out[ownerID] = append(out[ownerID], p)
	}
	return out, translate(rows.Err())
}

const (
	// A supply whose boundaries change is a changed record: reviewed again.
	qTouchSupply = `UPDATE supply SET version = version + 1, updated_at = now(), updated_by = $2, review_status = 'submitted'
WHERE id = ANY($1)`
)
