package sql

import (
	"context"
	"errors"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"

	"landwatch/land"
)

// AnnouncementFilter selects announcements for a list. Empty fields do not
// filter.
type AnnouncementFilter struct {
	Region   string // 6-digit code: the region and everything below it
	Method   string // tender, auction or listing
	Review   string
	From, To land.Date // announcement date, inclusive
	Text     string    // free text over the number, the authority and the lots' numbers and locations
	Late     bool
	After    int64 // cursor: the last id of the previous page
	Limit    int
}

var lotParcels = newParcelTable("lot_parcel", "lot_id")

// CreateAnnouncement checks and writes a new announcement with its lots
// (and their parcels) in one transaction, waiting for review; its lag from
// the announcement date is measured now. It fills a from what was stored
// and returns the warnings of the checks. A number the region has already
// used is CodeConflict; an announcement outside the scope CodeForbidden.
func (s *Store) CreateAnnouncement(ctx context.Context, sc land.Scope, a *land.Announcement) ([]string, error) {
	warnings, err := s.rules.PrepareAnnouncement(a)
	if err != nil {
		return nil, err
	}
	if err := sc.Check(a.RegionCode); err != nil {
		return nil, err
	}
	actor := sc.Actor()
	err = s.inTx(ctx, sc, func(tx pgx.Tx) error {
		if err := tx.QueryRow(ctx, qInsertAnnouncement, announcementArgs(a, actor)...).Scan(&a.ID); err != nil {
			return translate(err)
		}
		_, err := writeLots(ctx, tx, actor, a.ID, nil, a.Lots)
		return err
	})
	if err != nil {
		return nil, err
	}
	got, err := s.GetAnnouncement(ctx, sc, strconv.FormatInt(a.ID, 10))
	if err != nil {
		return nil, err
	}
	*a = *got
	return warnings, nil
}

// GetAnnouncement returns an announcement by id with its lots, each with
// its parcels, its deal and the supply it became. Outside the scope it is
// CodeForbidden.
func (s *Store) GetAnnouncement(ctx context.Context, sc land.Scope, key string) (*land.Announcement, error) {
	a, err := s.getAnnouncement(ctx, sc, s.pool, live, key, false)
	if err != nil {
		return nil, err
	}
	if a.Lots, err = loadLots(ctx, s.pool, live, a.ID, true); err != nil {
		return nil, err
	}
	if a.Plan, err = s.planOf(ctx, a.RegionCode, a.AnnouncedOn.Time().Year()); err != nil {
		return nil, err
	}
	return a, nil
}

func (s *Store) getAnnouncement(ctx context.Context, sc land.Scope, q querier, v view, key string, forUpdate bool) (*land.Announcement, error) {
	id, err := strconv.ParseInt(key, 10, 64)
	if err != nil {
		return nil, land.Invalid("id", "an announcement is named by its numeric id, not %q", key)
	}
	query := v(qAnnouncementByID)
	if forUpdate {
		query += " FOR UPDATE OF a"
	}
	a, err := scanAnnouncement(q.QueryRow(ctx, query, id))
	if err != nil {
		if land.ErrorCode(translate(err)) == land.CodeNotFound {
			return nil, &land.Error{Code: land.CodeNotFound, Field: "id", Message: "no announcement " + strconv.Quote(key)}
		}
		return nil, translate(err)
	}
	if err := sc.Check(a.RegionCode); err != nil {
		return nil, err
	}
	return a, nil
}

// lockAnnouncement finds an announcement for update inside tx at version
// ifVersion (0 asks for none) with its lots.
func (s *Store) lockAnnouncement(ctx context.Context, sc land.Scope, tx pgx.Tx, key string, ifVersion int) (*land.Announcement, error) {
	cur, err := s.getAnnouncement(ctx, sc, tx, live, key, true)
	if err != nil {
		return nil, err
	}
	if err := checkVersion("announcement", cur.Version, ifVersion); err != nil {
		return nil, err
	}
	if cur.Lots, err = loadLots(ctx, tx, live, cur.ID, false); err != nil {
		return nil, err
	}
	return cur, nil
}

// ListAnnouncements returns one page of announcements in id order with
// their lots (without parcels), the total that match, and whether more
// pages follow.
func (s *Store) ListAnnouncements(ctx context.Context, sc land.Scope, f AnnouncementFilter) ([]land.Announcement, int, bool, error) {
	return s.listAnnouncements(ctx, sc, live, f)
}

func (s *Store) listAnnouncements(ctx context.Context, sc land.Scope, v view, f AnnouncementFilter) ([]land.Announcement, int, bool, error) {
	region, err := regionArg(sc, f.Region)
	if err != nil {
		return nil, 0, false, err
	}
	if f.Limit <= 0 {
		f.Limit = 50
	}
	args := []any{region, nullable(f.Method), nullable(f.Review), dateArg(f.From), dateArg(f.To),
		nullable(likePattern(f.Text)), f.Late}
	items, total, more, err := keysetPage(ctx, s, v(qCountAnnouncements), v(qListAnnouncements), args, f.After, f.Limit, scanAnnouncement)
	if err != nil {
		return nil, 0, false, err
	}
	for i := range items {
		if items[i].Lots, err = loadLots(ctx, s.pool, v, items[i].ID, false); err != nil {
			return nil, 0, false, err
		}
	}
	return items, total, more, nil
}

// UpdateAnnouncement changes an announcement's fields and lots (apply
// changes the loaded record) at version ifVersion. Lots are matched by
// number: a lot kept keeps its id, parcels, deal and supply; a new number
// is a new lot; a lot left out is removed, unless it has a deal
// (CodeConflict). The changed record waits for review again; its lag stays
// that of its first entry.
func (s *Store) UpdateAnnouncement(ctx context.Context, sc land.Scope, key string, ifVersion int, apply func(*land.Announcement) error) (*land.Announcement, []string, error) {
	actor := sc.Actor()
	var warnings []string
	var id int64
	err := s.inTx(ctx, sc, func(tx pgx.Tx) error {
		cur, err := s.lockAnnouncement(ctx, sc, tx, key, ifVersion)
		if err != nil {
			return err
		}
		before := cur.Lots
		lag, late := cur.LagWorkdays, cur.Late
		id = cur.ID
		if err := apply(cur); err != nil {
			return err
		}
		if cur.ID != id {
			return land.Invalid("id", "the id of an announcement cannot change")
		}
		for i := range cur.Lots {
			cur.Lots[i].Parcels = nil // a lot's parcels change through their own call
		}
		if warnings, err = s.rules.PrepareAnnouncement(cur); err != nil {
			return err
		}
		if err := sc.Check(cur.RegionCode); err != nil {
			return err
		}
		if err := checkDealsStillFit(ctx, tx, cur); err != nil {
			return err
		}
		cur.LagWorkdays, cur.Late = lag, late
		if _, err = tx.Exec(ctx, qUpdateAnnouncement, append(announcementArgs(cur, actor), id)...); err != nil {
			return translate(err)
		}
		_, err = writeLots(ctx, tx, actor, id, before, cur.Lots)
		return err
	})
	if err != nil {
		return nil, nil, err
	}
	a, err := s.GetAnnouncement(ctx, sc, strconv.FormatInt(id, 10))
	return a, warnings, err
}

// checkDealsStillFit refuses a change of the bidding start that would put
// a recorded deal before it.
func checkDealsStillFit(ctx context.Context, tx pgx.Tx, a *land.Announcement) error {
	var first pgtype.Date
	if err := tx.QueryRow(ctx, `SELECT min(deal_on) FROM deal WHERE announcement_id = $1`, a.ID).Scan(&first); err != nil {
		return translate(err)
	}
	if d := dateOf(first); !d.IsZero() && d.Before(a.BiddingStart) {
		return land.Invalid("bidding_start", "%s is after the deal of %s recorded for a lot of this announcement", a.BiddingStart, d)
	}
	return nil
}

// writeLots writes an announcement's lots: those of before that lots no
// longer names are deleted, the others updated by number, new ones
// inserted with their parcels. It says whether any lot changed.
func writeLots(ctx context.Context, tx pgx.Tx, actor string, announcementID int64, before, lots []land.Lot) (changed bool, err error) {
	keep := map[string]bool{}
	for _, l := range lots {
		keep[l.Number] = true
	}
	for _, old := range before {
		if keep[old.Number] {
			continue
		}
		if old.Deal != nil {
			return false, &land.Error{Code: land.CodeConflict, Field: "lots", Message: "lot " + old.Number + " has a deal and cannot be removed"}
		}
		if _, err := tx.Exec(ctx, `DELETE FROM lot WHERE id = $1`, old.ID); err != nil {
			return false, translate(err)
		}
		changed = true
	}
	for i := range lots {
		l := &lots[i]
		err := tx.QueryRow(ctx, qUpsertLot, announcementID, l.Number, l.Location, l.AreaHa, l.LandUseOriginal, l.LandUseCode,
			l.TermYears, l.PlotRatioMin, l.PlotRatioMax, l.BuildingDensityMax, l.GreenRatioMin, l.StartingPriceWan,
			l.BidStepWan, l.DepositWan, actor).Scan(&l.ID)
		if errors.Is(err, pgx.ErrNoRows) { // kept unchanged
			err = tx.QueryRow(ctx, `SELECT id FROM lot WHERE announcement_id = $1 AND number = $2`, announcementID, l.Number).Scan(&l.ID)
		} else if err == nil {
			changed = true
		}
		if err != nil {
			return false, land.PrefixField(translate(err), "lots["+strconv.Itoa(i)+"]")
		}
		if len(l.Parcels) > 0 {
			if err := lotParcels.replace(ctx, tx, actor, l.ID, l.Parcels); err != nil {
				return false, land.PrefixField(err, "lots["+strconv.Itoa(i)+"]")
			}
		}
	}
	return changed, nil
}

// loadLots reads an announcement's lots in number order with their deal
// and supply, and their parcels when withParcels.
func loadLots(ctx context.Context, q querier, v view, announcementID int64, withParcels bool) ([]land.Lot, error) {
	rows, err := q.Query(ctx, v(qLots), announcementID)
	if err != nil {
		return nil, translate(err)
	}
	out := []land.Lot{}
	for rows.Next() {
		var l land.Lot
		var dealID, supplyID *int64
		var eNumber *string
		if err := rows.Scan(&l.ID, &l.Number, &l.Location, &l.AreaHa, &l.LandUseOriginal, &l.LandUseCode, &l.TermYears,
			&l.PlotRatioMin, &l.PlotRatioMax, &l.BuildingDensityMax, &l.GreenRatioMin, &l.StartingPriceWan, &l.BidStepWan,
			&l.DepositWan, &dealID, &supplyID, &eNumber); err != nil {
			rows.Close()
			return nil, translate(err)
		}
		l.Status = land.LotUnsold
		if dealID != nil {
			l.Status, l.Deal = land.LotSold, &land.Deal{ID: *dealID}
		}
		if supplyID != nil && eNumber != nil {
			l.Supply = &land.LotSupply{ID: *supplyID, ENumber: *eNumber}
		}
		out = append(out, l)
	}
	if err := rows.Err(); err != nil {
		return nil, translate(err)
	}
	for i := range out {
		if out[i].Deal != nil {
			d, err := scanDeal(q.QueryRow(ctx, v(qDealByID), out[i].Deal.ID))
			if err != nil {
				return nil, translate(err)
			}
			out[i].Deal = d
		}
		if withParcels {
			if out[i].Parcels, err = lotParcels.loadOf(ctx, q, out[i].ID); err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}

// ReplaceLotParcels replaces the boundary of a lot, named key
// "{announcement id}/{lot number}", checked as a supply's are; ifVersion,
// when not 0, is the announcement's current version. The announcement
// waits for review again.
func (s *Store) ReplaceLotParcels(ctx context.Context, sc land.Scope, key string, ifVersion int, ps []land.Parcel) (*land.Announcement, []string, error) {
	annKey, lotNumber, _ := strings.Cut(key, "/")
	actor := sc.Actor()
	var warnings []string
	var id int64
	err := s.inTx(ctx, sc, func(tx pgx.Tx) error {
		cur, err := s.lockAnnouncement(ctx, sc, tx, annKey, ifVersion)
		if err != nil {
			return err
		}
		lot := cur.LotByNumber(lotNumber)
		if lot == nil {
			return &land.Error{Code: land.CodeNotFound, Field: "lot", Message: "announcement " + cur.Number + " has no lot " + strconv.Quote(lotNumber)}
		}
		if warnings, err = s.rules.PrepareParcels(ps, cur.RegionCode, lot.AreaHa); err != nil {
			return err
		}
		if err := lotParcels.replace(ctx, tx, actor, lot.ID, ps); err != nil {
			return err
		}
		id = cur.ID
		_, err = tx.Exec(ctx, qTouchAnnouncement, cur.ID, actor)
		return translate(err)
	})
	if err != nil {
		return nil, nil, err
	}
	a, err := s.GetAnnouncement(ctx, sc, strconv.FormatInt(id, 10))
	return a, warnings, err
}

// ReviewAnnouncement records a reviewer's decision on a submitted
// announcement, as ReviewSupply does for a supply.
func (s *Store) ReviewAnnouncement(ctx context.Context, sc land.Scope, key string, ifVersion int, rv land.Review) (*land.Announcement, error) {
	return reviewRecord(ctx, s, sc, "announcement", rv,
		func(tx pgx.Tx) (*land.Announcement, error) { return s.lockAnnouncement(ctx, sc, tx, key, ifVersion) },
		func(a *land.Announcement) (int64, land.RecordState) { return a.ID, a.RecordState }, s.GetAnnouncement)
}

// AnnouncementHistory returns every version of an announcement, its lots,
// their parcels and deals, oldest first.
func (s *Store) AnnouncementHistory(ctx context.Context, sc land.Scope, key string, withGeometry bool) ([]Version, error) {
	a, err := s.getAnnouncement(ctx, sc, s.pool, live, key, false)
	if err != nil {
		return nil, err
	}
	return s.recordHistory(ctx, "announcement", a.ID, key, withGeometry)
}

func announcementArgs(a *land.Announcement, actor string) []any {
	return []any{a.Number, a.RegionCode, a.Authority, a.Method, dateArg(a.AnnouncedOn), dateArg(a.RegistrationStart),
		dateArg(a.RegistrationEnd), dateArg(a.BiddingStart), dateArg(a.BiddingEnd), a.LagWorkdays, a.Late, actor}
}

func scanAnnouncement(row pgx.Row) (*land.Announcement, error) {
	var a land.Announcement
	var on, rs, re, bs, be pgtype.Date
	err := row.Scan(&a.ID, &a.Number, &a.RegionCode, &a.Authority, &a.Method, &on, &rs, &re, &bs, &be,
		&a.LagWorkdays, &a.Late, &a.ReviewStatus, &a.ReviewReason, &a.ReviewedBy, &a.SubmittedBy, &a.Version,
		&a.CreatedAt, &a.UpdatedAt, &a.UpdatedBy)
	if err != nil {
		return nil, err
	}
	a.AnnouncedOn, a.RegistrationStart, a.RegistrationEnd = dateOf(on), dateOf(rs), dateOf(re)
	a.BiddingStart, a.BiddingEnd = dateOf(bs), dateOf(be)
	return &a, nil
}

const (
	announcementColumns = `number, region_code, authority, method, announced_on, registration_start, registration_end,
	bidding_start, bidding_end, lag_workdays, late, updated_by`
	announcementSelect = `a.id, a.number, a.region_code, a.authority, a.method, a.announced_on, a.registration_start,
	a.registration_end, a.bidding_start, a.bidding_end, a.lag_workdays, a.late, a.review_status, a.review_reason,
	a.reviewed_by, a.submitted_by, a.version, a.created_at, a.updated_at, a.updated_by`
	qInsertAnnouncement = `INSERT INTO announcement (` + announcementColumns + `)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`
	qUpdateAnnouncement = `UPDATE announcement SET (` + announcementColumns + `) = ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12),
	review_status = 'submitted', version = version + 1, updated_at = now()
WHERE id = $13`
	qTouchAnnouncement = `UPDATE announcement SET version = version + 1, updated_at = now(), updated_by = $2, review_status = 'submitted'
WHERE id = $1`
	qAnnouncementByID = `SELECT ` + announcementSelect + ` FROM announcement a WHERE a.id = $1`
	// A lot kept by number is updated in place, so that its id, parcels,
	// deal and supply stay; an unchanged lot makes no new version.
	qUpsertLot = `INSERT INTO lot (announcement_id, number, location, area_ha, land_use_original, land_use_code, term_years,
	plot_ratio_min, plot_ratio_max, building_density_max, green_ratio_min, starting_price_wan, bid_step_wan, deposit_wan, updated_by)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
ON CONFLICT (announcement_id, number) DO UPDATE SET (location, area_ha, land_use_original, land_use_code, term_years,
	plot_ratio_min, plot_ratio_max, building_density_max, green_ratio_min, starting_price_wan, bid_step_wan, deposit_wan,
	updated_by, version, updated_at) = (EXCLUDED.location, EXCLUDED.area_ha, EXCLUDED.land_use_original, EXCLUDED.land_use_code,
	EXCLUDED.term_years, EXCLUDED.plot_ratio_min, EXCLUDED.plot_ratio_max, EXCLUDED.building_density_max,
	EXCLUDED.green_ratio_min, EXCLUDED.starting_price_wan, EXCLUDED.bid_step_wan, EXCLUDED.deposit_wan,
	EXCLUDED.updated_by, lot.version + 1, now())
WHERE (lot.location, lot.area_ha, lot.land_use_original, lot.land_use_code, lot.term_years, lot.plot_ratio_min,
	lot.plot_ratio_max, lot.building_density_max, lot.green_ratio_min, lot.starting_price_wan, lot.bid_step_wan, lot.deposit_wan)
	IS DISTINCT FROM (EXCLUDED.location, EXCLUDED.area_ha, EXCLUDED.land_use_original, EXCLUDED.land_use_code,
	EXCLUDED.term_years, EXCLUDED.plot_ratio_min, EXCLUDED.plot_ratio_max, EXCLUDED.building_density_max,
	EXCLUDED.green_ratio_min, EXCLUDED.starting_price_wan, EXCLUDED.bid_step_wan, EXCLUDED.deposit_wan)
RETURNING id`
	qLots = `SELECT l.id, l.number, l.location, l.area_ha, l.land_use_original, l.land_use_code, l.term_years,
	l.plot_ratio_min, l.plot_ratio_max, l.building_density_max, l.green_ratio_min, l.starting_price_wan, l.bid_step_wan,
	l.deposit_wan, d.id, l.supply_id, s.e_number
FROM lot l LEFT JOIN deal d ON d.lot_id = l.id LEFT JOIN supply s ON s.id = l.supply_id
WHERE l.announcement_id = $1 ORDER BY l.number, l.id`
	announcementFilter = `
WHERE ($1::text IS NULL OR a.region_code LIKE $1 || '%')
  AND ($2::text IS NULL OR a.method = $2)
  AND ($3::text IS NULL OR a.review_status = $3)
  AND ($4::date IS NULL OR a.announced_on >= $4)
  AND ($5::date IS NULL OR a.announced_on <= $5)
  AND ($6::text IS NULL OR a.number ILIKE $6 OR a.authority ILIKE $6
       OR EXISTS (SELECT 1 FROM lot l WHERE l.announcement_id = a.id AND (l.number ILIKE $6 OR l.location ILIKE $6)))
  AND (NOT $7 OR a.late)`
	qCountAnnouncements = `SELECT count(*) FROM announcement a` + announcementFilter
	qListAnnouncements  = `SELECT ` + announcementSelect + ` FROM announcement a` + announcementFilter + ` AND a.id > $8 ORDER BY a.id LIMIT $9`
)
