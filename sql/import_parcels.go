package sql

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/paulmach/orb"

	"landwatch/cores"
	"landwatch/land"
	"landwatch/spatial"
)

// parcelGroup is the boundary set of one supply in an import, or of one
// reserve (reserveID set, supplyID 0).
type parcelGroup struct {
	supplyID  int64
	reserveID int64
	key       string
	recs      []land.ParcelRecord
	// stored says the supply had boundaries before this import: only
	// those are read back to be compared.
	stored bool
}

func (g parcelGroup) count() int { return len(g.recs) }

// rejection rejects every parcel of the group: a supply's boundaries are
// replaced whole or not at all.
func (g parcelGroup) rejection(err error) []land.Rejection {
	field, reason := reasonOf(err)
	out := make([]land.Rejection, len(g.recs))
	for i, r := range g.recs {
		out[i] = land.Rejection{File: r.File, Line: r.Line, Record: recordName(r), Field: field, Reason: reason}
	}
	return out
}

func recordName(r land.ParcelRecord) string {
	if r.Parcel.Number != "" {
		return r.Parcel.Number
	}
	if r.Parcel.Name != "" {
		return r.Parcel.Name
	}
	return r.SupplyKey
}

// groupParcels groups the batch's parcel records by the supply they belong
// to (attachTo for all of them when set), finds those supplies and checks
// each group. A key from a file names a supply by its e-supervision number
// only; attachTo, the importer's explicit choice, may also give its id. A
// key that names no supply and is a reserve number (储备编号) gives that
// reserve its boundaries, as a supply's are given.
// Parcels of unknown supplies are rejected, and so is every parcel of a
// group that lost a parcel to the parser: a supply's boundaries are
// replaced whole or not at all.
func (s *Store) groupParcels(ctx context.Context, sc land.Scope, tx pgx.Tx, b land.Batch, supplyFiles map[string]bool, written map[string]resolvedSupply,
	attachTo string, rep *ImportReport) ([]parcelGroup, error) {
	var groups []parcelGroup
	index := map[string]int{}
	for _, r := range b.Parcels {
		key := r.SupplyKey
		if attachTo != "" {
			key = attachTo
		}
		i, ok := index[key]
		if !ok {
			i = len(groups)
			index[key] = i
			groups = append(groups, parcelGroup{key: key})
		}
		groups[i].recs = append(groups[i].recs, r)
	}
	if len(groups) == 0 {
		return nil, nil
	}
	lost := lostParcels(b, supplyFiles, attachTo)
	found, err := s.resolveSupplies(ctx, tx, groups, written, attachTo != "")
	if err != nil {
		return nil, err
	}
	reserves, err := resolveReserves(ctx, tx, groups, found)
	if err != nil {
		return nil, err
	}
	// The checks of each group (its shapes, its place, plane areas) run on
	// every core; rejections and warnings are reported after, in order.
	refused := make([]error, len(groups))
	warnings := make([][]string, len(groups))
	for i := range groups {
		g := &groups[i]
		owner, ok := found[g.key]
		if !ok {
			refused[i] = unknownSupply(g.key, attachTo != "")
			continue
		}
		if l, ok := lost[g.key]; ok {
			refused[i] = &land.Error{Code: land.CodeInvalid,
				Message: fmt.Sprintf("another parcel of supply %q was rejected (%s line %d, %s: %s): a supply's boundaries are replaced whole or not at all, so it keeps those it had",
					g.key, l.File, l.Line, l.Field, l.Reason)}
			continue
		}
		if err := sc.Check(owner.region); err != nil {
			refused[i] = err
			continue
		}
		if reserves[g.key] {
			g.reserveID = owner.id
		} else {
			g.supplyID = owner.id
		}
	}
	cores.Each(len(groups), recordBlock, func(i int) {
		if refused[i] != nil {
			return
		}
		g := &groups[i]
		ps := make([]land.Parcel, len(g.recs))
		for j, r := range g.recs {
			ps[j] = r.Parcel
		}
		var err error
		owner := found[g.key]
		if warnings[i], err = s.rules.PrepareParcels(ps, owner.region, owner.areaHa); err != nil {
			refused[i] = err
			return
		}
		for j := range ps {
			g.recs[j].Parcel = ps[j]
		}
	})
	out := groups[:0]
	for i, g := range groups {
		if refused[i] != nil {
			rep.Rejected = append(rep.Rejected, g.rejection(refused[i])...)
			continue
		}
		for _, w := range warnings[i] {
			r := g.recs[0]
			field, text := land.SplitWarning(w)
			rep.Warnings = append(rep.Warnings, land.Warning{File: r.File, Line: r.Line, Record: g.key, Field: field, Message: text})
		}
		out = append(out, g)
	}
	return out, markStored(ctx, tx, out)
}

// markStored finds, once before any boundary is written, which groups'
// supplies have boundaries already. A register's first load has none, and
// its chunks then read nothing back: the query of each chunk, planned on
// the statistics of a table that was empty when the import began, would
// scan every parcel the import had written so far.
func markStored(ctx context.Context, tx pgx.Tx, groups []parcelGroup) error {
	var ids []int64
	for _, g := range groups {
		if g.supplyID != 0 {
			ids = append(ids, g.supplyID)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	rows, err := tx.Query(ctx, `SELECT DISTINCT supply_id FROM parcel WHERE supply_id = ANY($1)`, ids)
	if err != nil {
		return translate(err)
	}
	has, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return translate(err)
	}
	stored := make(map[int64]bool, len(has))
	for _, id := range has {
		stored[id] = true
	}
	for i := range groups {
		groups[i].stored = stored[groups[i].supplyID]
	}
	return nil
}

// unknownSupply is the rejection of parcels whose supply was not found.
func unknownSupply(key string, explicit bool) error {
	if explicit {
		return &land.Error{Code: land.CodeNotFound, Field: "supply",
			Message: fmt.Sprintf("no supply with e-supervision number or id %q", key)}
	}
	return &land.Error{Code: land.CodeNotFound, Field: "地块编号",
		Message: fmt.Sprintf("no supply with e-supervision number %q and no reserve with that number: import or create the record first, or name the supply with --supply", key)}
}

// lostParcels finds, by supply key, the first parcel the parser rejected.
// A rejection concerns a parcel when its file gave parcels, or is not
// among supplyFiles, the files that gave supplies (a coordinate file whose
// every parcel was rejected). The parcel's record is the key its supply
// would have had (地块编号, else
// 地块名称, else a GeoJSON feature's key); with attachTo every parcel
// belongs to that one supply, so any rejection of a parcel file counts.
func lostParcels(b land.Batch, supplyFiles map[string]bool, attachTo string) map[string]land.Rejection {
	parcelFiles := map[string]bool{}
	for _, r := range b.Parcels {
		parcelFiles[r.File] = true
	}
	lost := map[string]land.Rejection{}
	for _, r := range b.Rejected {
		if !parcelFiles[r.File] && supplyFiles[r.File] {
			continue
		}
		key := r.Record
		if attachTo != "" {
			key = attachTo
		} else if key == "" {
			continue
		}
		if _, seen := lost[key]; !seen {
			lost[key] = r
		}
	}
	return lost
}

// resolveSupplies finds the ids, declared areas and regions of the groups'
// supplies by e-supervision number or, when byID (a supply the importer
// named), by id written without leading zeros. A number wins over an id.
// A supply the same import wrote is known without asking: the database
// holds what was written (a bulk import's 98,000 keys took 0.2 s to look
// up again).
func (s *Store) resolveSupplies(ctx context.Context, tx pgx.Tx, groups []parcelGroup, written map[string]resolvedSupply, byID bool) (map[string]resolvedSupply, error) {
	found := map[string]resolvedSupply{}
	var keys []string
	for _, g := range groups {
		if w, ok := written[g.key]; ok && !byID {
			found[g.key] = w
			continue
		}
		keys = append(keys, g.key)
	}
	if len(keys) == 0 {
		return found, nil
	}
	return found, scanResolved(ctx, tx, found, nil, qResolveSupplies, keys, byID)
}

// resolveReserves finds, among the keys that named no supply, the reserve
// numbers, and adds them to found. It returns which keys are reserves.
func resolveReserves(ctx context.Context, tx pgx.Tx, groups []parcelGroup, found map[string]resolvedSupply) (map[string]bool, error) {
	var keys []string
	for _, g := range groups {
		if _, ok := found[g.key]; !ok {
			keys = append(keys, g.key)
		}
	}
	reserves := map[string]bool{}
	if len(keys) == 0 {
		return reserves, nil
	}
	return reserves, scanResolved(ctx, tx, found, reserves, `SELECT number, id, area_ha, region_code FROM reserve WHERE number = ANY($1)`, keys)
}

// scanResolved adds the rows (key, id, area, region) of query to found,
// and their keys to also when it is set.
func scanResolved(ctx context.Context, tx pgx.Tx, found map[string]resolvedSupply, also map[string]bool, query string, args ...any) error {
	rows, err := tx.Query(ctx, query, args...)
	if err != nil {
		return translate(err)
	}
	defer rows.Close()
	for rows.Next() {
		var key string
		var r resolvedSupply
		if err := rows.Scan(&key, &r.id, &r.areaHa, &r.region); err != nil {
			return translate(err)
		}
		found[key] = r
		if also != nil {
			also[key] = true
		}
	}
	return translate(rows.Err())
}

// writeReserveGroup replaces a reserve's boundaries when they differ from
// what is stored; a reserve created by this import gets them without a
// second version.
func writeReserveGroup(ctx context.Context, tx pgx.Tx, actor string, g parcelGroup, rep *ImportReport, created map[int64]bool) error {
	n := len(g.recs)
	rep.Accepted += n
	old, err := reserveParcels.loadOf(ctx, tx, g.reserveID)
	if err != nil {
		return err
	}
	stored := make([]storedParcel, len(old))
	for i, p := range old {
		stored[i] = storedParcel{number: p.Number, name: p.Name, geom: p.Geometry}
	}
	if sameBoundaries(stored, g.recs) {
		rep.Unchanged += n
		return nil
	}
	if len(old) == 0 {
		rep.Created += n
	} else {
		rep.Updated += n
	}
	ps := make([]land.Parcel, n)
	for i, r := range g.recs {
		ps[i] = r.Parcel
	}
	if err := reserveParcels.replace(ctx, tx, actor, g.reserveID, ps); err != nil {
		return err
	}
	if created[g.reserveID] {
		return nil
	}
	_, err = tx.Exec(ctx, qTouchReserve, g.reserveID, actor)
	return translate(err)
}

// writeParcelGroups replaces the boundaries of each group's supply (or
// reserve) when they differ from what is stored, with one statement per
// kind of change for the supplies.
func (s *Store) writeParcelGroups(ctx context.Context, tx pgx.Tx, actor string, groups []parcelGroup, rep *ImportReport, created, createdReserves map[int64]bool) error {
	var supplies []parcelGroup
	for _, g := range groups {
		if g.reserveID == 0 {
			supplies = append(supplies, g)
		} else if err := writeReserveGroup(ctx, tx, actor, g, rep, createdReserves); err != nil {
			return err
		}
	}
	groups = supplies
	stored, err := storedBoundaries(ctx, tx, groups)
	if err != nil {
		return err
	}
	var replaced, touched, supplyIDs []int64
	var numbers, names, uses []string
	var declared []*float64
	var wkbs [][]byte
	var areas []float64
	var epsgs []int32
	for _, g := range groups {
		n := len(g.recs)
		rep.Accepted += n
		old := stored[g.supplyID]
		if sameBoundaries(old, g.recs) {
			rep.Unchanged += n
			continue
		}
		rep.BoundariesChanged = append(rep.BoundariesChanged, g.supplyID)
		if len(old) == 0 {
			rep.Created += n
		} else {
			rep.Updated += n
			replaced = append(replaced, g.supplyID)
		}
		for _, r := range g.recs {
			p := r.Parcel
			wkb, err := spatial.EncodeEWKB(p.Geometry)
			if err != nil {
				return land.Wrap(land.CodeInvalid, err, "geometry")
			}
			supplyIDs = append(supplyIDs, g.supplyID)
			numbers, names, uses = append(numbers, p.Number), append(names, p.Name), append(uses, p.LandUse)
			declared = append(declared, nullableFloat(p.DeclaredAreaHa))
			wkbs, areas, epsgs = append(wkbs, wkb), append(areas, p.PlaneAreaM2), append(epsgs, int32(p.GKEPSG))
		}
		if !created[g.supplyID] {
			touched = append(touched, g.supplyID)
		}
	}
	b := &pgx.Batch{}
	if len(replaced) > 0 {
		b.Queue(`DELETE FROM parcel WHERE supply_id = ANY($1)`, replaced)
	}
	if len(supplyIDs) > 0 {
		b.Queue(qInsertParcels, supplyIDs, numbers, names, uses, declared, wkbs, areas, epsgs, actor)
	}
	if len(touched) > 0 {
		b.Queue(qTouchSupply, touched, actor)
	}
	return translate(tx.SendBatch(ctx, b).Close())
}

const qInsertParcels = `INSERT INTO parcel (supply_id, number, name, land_use, declared_area_ha, geom, plane_area_m2, gk_epsg, updated_by)
SELECT s, n, m, u, d, ST_GeomFromEWKB(g), a, e, $9
FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::float8[], $6::bytea[], $7::float8[], $8::int[])
	WITH ORDINALITY AS t(s, n, m, u, d, g, a, e, i)
ORDER BY i`

type storedParcel struct {
	number, name string
	geom         orb.MultiPolygon
}

func storedBoundaries(ctx context.Context, tx pgx.Tx, groups []parcelGroup) (map[int64][]storedParcel, error) {
	var ids []int64
	for _, g := range groups {
		if g.stored {
			ids = append(ids, g.supplyID)
		}
	}
	if len(ids) == 0 {
		return map[int64][]storedParcel{}, nil
	}
	rows, err := tx.Query(ctx, qStoredBoundaries, ids)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	out := map[int64][]storedParcel{}
	for rows.Next() {
		var id int64
		var p storedParcel
		var wkb []byte
		if err := rows.Scan(&id, &p.number, &p.name, &wkb); err != nil {
			return nil, translate(err)
		}
		if p.geom, err = spatial.DecodeWKB(wkb); err != nil {
			return nil, err
		}
		out[id] = append(out[id], p)
	}
	return out, translate(rows.Err())
}

func sameBoundaries(old []storedParcel, recs []land.ParcelRecord) bool {
	if len(old) != len(recs) {
		return false
	}
	for i, r := range recs {
		if old[i].number != r.Parcel.Number || old[i].name != r.Parcel.Name || !orb.Equal(old[i].geom, r.Parcel.Geometry) {
			return false
		}
	}
	return true
}

const (
	qResolveSupplies = `SELECT k, s.id, s.area_ha, s.region_code FROM unnest($1::text[]) k
JOIN supply s ON s.e_number = k OR ($2 AND s.id = CASE WHEN k ~ '^[1-9][0-9]{0,17}$' THEN k::bigint END)
ORDER BY s.e_number = k`
	qStoredBoundaries = `SELECT supply_id, number, name, ST_AsBinary(geom) FROM parcel WHERE supply_id = ANY($1) ORDER BY supply_id, id`
)
