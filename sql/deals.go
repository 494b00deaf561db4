package sql

import (
	"context"
	"strconv"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"

	"landwatch/land"
)

// DealFilter selects deals for a list. Empty fields do not filter.
type DealFilter struct {
	Region       string // 6-digit code: the region and everything below it
	Announcement int64  // the announcement's id
	Review       string
	From, To     land.Date // deal date, inclusive
	Text         string    // free text over the winner and the numbers
	Late         bool
	After        int64
	Limit        int
}

// CreateDeal checks and writes the deal of a lot, named by d.LotID or by
// d.AnnouncementID (or d.AnnouncementNumber in d.RegionCode) and
// d.LotNumber, waiting for review; its lag from the deal date is measured
// now. A lot with a deal already is CodeConflict; a lot not found is
// CodeInvalid naming the field that named it.
func (s *Store) CreateDeal(ctx context.Context, sc land.Scope, d *land.Deal) error {
	actor := sc.Actor()
	err := s.inTx(ctx, sc, func(tx pgx.Tx) error {
		a, err := s.findDealLot(ctx, sc, tx, d)
		if err != nil {
			return err
		}
		if err := s.rules.PrepareDeal(d, a); err != nil {
			return err
		}
		if err := tx.QueryRow(ctx, qInsertDeal, append(dealArgs(d, actor), d.AnnouncementID, d.LotID, d.RegionCode)...).Scan(&d.ID); err != nil {
			if land.ErrorCode(translate(err)) == land.CodeConflict {
				return &land.Error{Code: land.CodeConflict, Field: "lot_number", Message: "lot " + d.LotNumber + " of announcement " + a.Number + " has a deal already", Err: err}
			}
			return translate(err)
		}
		return nil
	})
	if err != nil {
		return err
	}
	got, err := s.GetDeal(ctx, sc, strconv.FormatInt(d.ID, 10))
	if err != nil {
		return err
	}
	*d = *got
	return nil
}

// findDealLot finds the announcement and lot a new deal names, fills the
// deal's ids, numbers and region from them and returns the announcement.
func (s *Store) findDealLot(ctx context.Context, sc land.Scope, tx pgx.Tx, d *land.Deal) (*land.Announcement, error) {
	switch {
	case d.LotID != 0:
		err := tx.QueryRow(ctx, `SELECT announcement_id, number FROM lot WHERE id = $1`, d.LotID).Scan(&d.AnnouncementID, &d.LotNumber)
		if land.ErrorCode(translate(err)) == land.CodeNotFound {
			return nil, land.Invalid("lot_id", "no lot %d", d.LotID)
		} else if err != nil {
			return nil, translate(err)
		}
	case d.AnnouncementID == 0 && d.AnnouncementNumber != "":
		if err := findAnnouncementNumbered(ctx, sc, tx, d); err != nil {
			return nil, err
		}
	case d.AnnouncementID == 0:
		return nil, land.Invalid("announcement_id", "a deal names its announcement (announcement_id, or announcement_number and region_code) and lot")
	}
	a, err := s.getAnnouncement(ctx, sc, tx, live, strconv.FormatInt(d.AnnouncementID, 10), false)
	if land.ErrorCode(err) == land.CodeNotFound {
		return nil, land.Invalid("announcement_id", "no announcement %d", d.AnnouncementID)
	} else if err != nil {
		return nil, err
	}
	if a.Lots, err = loadLots(ctx, tx, live, a.ID, false); err != nil {
		return nil, err
	}
	lot := a.LotByNumber(d.LotNumber)
	if lot == nil {
		return nil, land.Invalid("lot_number", "announcement %s has no lot %q", a.Number, d.LotNumber)
	}
	d.LotID, d.LotNumber, d.AnnouncementNumber, d.RegionCode = lot.ID, lot.Number, a.Number, a.RegionCode
	return a, nil
}

// findAnnouncementNumbered fills d.AnnouncementID from its number in
// d.RegionCode, or when the deal names no region, in the one region of
// the scope that has it (two are CodeInvalid naming region_code).
func findAnnouncementNumbered(ctx context.Context, sc land.Scope, tx pgx.Tx, d *land.Deal) error {
	region := &d.RegionCode
	if d.RegionCode == "" {
		var err error
		if region, err = regionArg(sc, ""); err != nil {
			return err
		}
	}
	rows, err := tx.Query(ctx, `SELECT id FROM announcement WHERE number = $1 AND ($2::text IS NULL OR region_code LIKE $2 || '%')`,
		d.AnnouncementNumber, region)
	if err != nil {
		return translate(err)
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	switch {
	case err != nil:
		return translate(err)
	case len(ids) == 0:
		return land.Invalid("announcement_number", "no announcement %s in region %q", d.AnnouncementNumber, d.RegionCode)
	case len(ids) > 1:
		return land.Invalid("region_code", "announcement %s is a number of %d regions: name the region (行政区代码)", d.AnnouncementNumber, len(ids))
	}
	d.AnnouncementID = ids[0]
	return nil
}

// GetDeal returns a deal by id. Outside the scope it is CodeForbidden.
func (s *Store) GetDeal(ctx context.Context, sc land.Scope, key string) (*land.Deal, error) {
	return s.getDeal(ctx, sc, s.pool, key, false)
}

func (s *Store) getDeal(ctx context.Context, sc land.Scope, q querier, key string, forUpdate bool) (*land.Deal, error) {
	id, err := strconv.ParseInt(key, 10, 64)
	if err != nil {
		return nil, land.Invalid("id", "a deal is named by its numeric id, not %q", key)
	}
	query := qDealByID
	if forUpdate {
		query += " FOR UPDATE OF d"
	}
	d, err := scanDeal(q.QueryRow(ctx, query, id))
	if err != nil {
		if land.ErrorCode(translate(err)) == land.CodeNotFound {
			return nil, &land.Error{Code: land.CodeNotFound, Field: "id", Message: "no deal " + strconv.Quote(key)}
		}
		return nil, translate(err)
	}
	if err := sc.Check(d.RegionCode); err != nil {
		return nil, err
	}
	return d, nil
}

func (s *Store) lockDeal(ctx context.Context, sc land.Scope, tx pgx.Tx, key string, ifVersion int) (*land.Deal, error) {
	cur, err := s.getDeal(ctx, sc, tx, key, true)
	if err != nil {
		return nil, err
	}
	return cur, checkVersion("deal", cur.Version, ifVersion)
}

// ListDeals returns one page of deals in id order, the total that match,
// and whether more pages follow.
func (s *Store) ListDeals(ctx context.Context, sc land.Scope, f DealFilter) ([]land.Deal, int, bool, error) {
	region, err := regionArg(sc, f.Region)
	if err != nil {
		return nil, 0, false, err
	}
	if f.Limit <= 0 {
		f.Limit = 50
	}
	var ann *int64
	if f.Announcement != 0 {
		ann = &f.Announcement
	}
	args := []any{region, ann, nullable(f.Review), dateArg(f.From), dateArg(f.To), nullable(likePattern(f.Text)), f.Late}
	return keysetPage(ctx, s, qCountDeals, qListDeals, args, f.After, f.Limit, scanDeal)
}

// UpdateDeal changes a deal's winner, price, dates (apply changes the
// loaded record; its lot stays) at version ifVersion; the changed deal
// waits for review again, its lag that of its first entry.
func (s *Store) UpdateDeal(ctx context.Context, sc land.Scope, key string, ifVersion int, apply func(*land.Deal) error) (*land.Deal, error) {
	actor := sc.Actor()
	var id int64
	err := s.inTx(ctx, sc, func(tx pgx.Tx) error {
		cur, err := s.lockDeal(ctx, sc, tx, key, ifVersion)
		if err != nil {
			return err
		}
		was := *cur
		if err := apply(cur); err != nil {
			return err
		}
		if cur.ID != was.ID || cur.LotID != was.LotID || cur.AnnouncementID != was.AnnouncementID {
			return land.Invalid("lot_id", "the lot of a deal cannot change; enter the deal of the other lot instead")
		}
		a, err := s.getAnnouncement(ctx, sc, tx, live, strconv.FormatInt(cur.AnnouncementID, 10), false)
		if err != nil {
			return err
		}
		if err := s.rules.PrepareDeal(cur, a); err != nil {
			return err
		}
		cur.LagWorkdays, cur.Late = was.LagWorkdays, was.Late
		cur.AnnouncementNumber, cur.LotNumber, cur.RegionCode = was.AnnouncementNumber, was.LotNumber, was.RegionCode
		id = cur.ID
		_, err = tx.Exec(ctx, qUpdateDeal, append(dealArgs(cur, actor), id)...)
		return translate(err)
	})
	if err != nil {
		return nil, err
	}
	return s.GetDeal(ctx, sc, strconv.FormatInt(id, 10))
}

// ReviewDeal records a reviewer's decision on a submitted deal.
func (s *Store) ReviewDeal(ctx context.Context, sc land.Scope, key string, ifVersion int, rv land.Review) (*land.Deal, error) {
	return reviewRecord(ctx, s, sc, "deal", rv,
		func(tx pgx.Tx) (*land.Deal, error) { return s.lockDeal(ctx, sc, tx, key, ifVersion) },
		func(d *land.Deal) (int64, land.RecordState) { return d.ID, d.RecordState }, s.GetDeal)
}

// DealHistory returns every version of a deal, oldest first.
func (s *Store) DealHistory(ctx context.Context, sc land.Scope, key string, withGeometry bool) ([]Version, error) {
	d, err := s.getDeal(ctx, sc, s.pool, key, false)
	if err != nil {
		return nil, err
	}
	return s.recordHistory(ctx, "deal", d.ID, key, withGeometry)
}

func dealArgs(d *land.Deal, actor string) []any {
	return []any{d.Winner, d.PriceWan, dateArg(d.DealOn), dateArg(d.PublicityStart), dateArg(d.PublicityEnd),
		d.LagWorkdays, d.Late, actor}
}

func scanDeal(row pgx.Row) (*land.Deal, error) {
	var d land.Deal
	var on, ps, pe pgtype.Date
	err := row.Scan(&d.ID, &d.AnnouncementID, &d.AnnouncementNumber, &d.LotID, &d.LotNumber, &d.RegionCode, &d.Winner,
		&d.PriceWan, &on, &ps, &pe, &d.LagWorkdays, &d.Late, &d.ReviewStatus, &d.ReviewReason, &d.ReviewedBy,
		&d.SubmittedBy, &d.Version, &d.CreatedAt, &d.UpdatedAt, &d.UpdatedBy)
	if err != nil {
		return nil, err
	}
	d.DealOn, d.PublicityStart, d.PublicityEnd = dateOf(on), dateOf(ps), dateOf(pe)
	return &d, nil
}

const (
	dealColumns = `winner, price_wan, deal_on, publicity_start, publicity_end, lag_workdays, late, updated_by`
	dealSelect  = `d.id, d.announcement_id, a.number, d.lot_id, l.number, d.region_code, d.winner, d.price_wan, d.deal_on,
	d.publicity_start, d.publicity_end, d.lag_workdays, d.late, d.review_status, d.review_reason, d.reviewed_by,
	d.submitted_by, d.version, d.created_at, d.updated_at, d.updated_by`
	dealFrom    = ` FROM deal d JOIN announcement a ON a.id = d.announcement_id JOIN lot l ON l.id = d.lot_id`
	qInsertDeal = `INSERT INTO deal (` + dealColumns + `, announcement_id, lot_id, region_code)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`
	qUpdateDeal = `UPDATE deal SET (` + dealColumns + `) = ($1, $2, $3, $4, $5, $6, $7, $8),
	review_status = 'submitted', version = version + 1, updated_at = now()
WHERE id = $9`
	qDealByID  = `SELECT ` + dealSelect + dealFrom + ` WHERE d.id = $1`
	dealFilter = `
WHERE ($1::text IS NULL OR d.region_code LIKE $1 || '%')
  AND ($2::bigint IS NULL OR d.announcement_id = $2)
  AND ($3::text IS NULL OR d.review_status = $3)
  AND ($4::date IS NULL OR d.deal_on >= $4)
  AND ($5::date IS NULL OR d.deal_on <= $5)
  AND ($6::text IS NULL OR d.winner ILIKE $6 OR a.number ILIKE $6 OR l.number ILIKE $6)
  AND (NOT $7 OR d.late)`
	qCountDeals = `SELECT count(*)` + dealFrom + dealFilter
	qListDeals  = `SELECT ` + dealSelect + dealFrom + dealFilter + ` AND d.id > $8 ORDER BY d.id LIMIT $9`
)
