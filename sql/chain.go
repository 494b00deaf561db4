package sql

import (
	"context"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"

	"landwatch/land"
)

// Chain is the way a supply result came to be: the supply plan of its
// region and year, the announcement and lot it was sold as, and the deal
// of that lot. Each is nil where the chain has no such link.
type Chain struct {
	Plan         *land.PlanRef      `json:"plan"`
	Announcement *land.Announcement `json:"announcement"` // without its other lots
	Lot          *land.Lot          `json:"lot"`
	Deal         *land.Deal         `json:"deal"`
	Supply       land.LotSupply     `json:"supply"`
}

// SupplyChain returns the chain of a supply (by id or e-supervision
// number). A supply outside the scope is CodeForbidden.
func (s *Store) SupplyChain(ctx context.Context, sc land.Scope, key string) (*Chain, error) {
	sup, err := s.getSupply(ctx, sc, s.pool, key, false)
	if err != nil {
		return nil, err
	}
	c := &Chain{Supply: land.LotSupply{ID: sup.ID, ENumber: sup.ENumber}}
	var announcementID int64
	err = s.pool.QueryRow(ctx, `SELECT announcement_id FROM lot WHERE supply_id = $1`, sup.ID).Scan(&announcementID)
	switch {
	case land.ErrorCode(translate(err)) == land.CodeNotFound:
		year := sup.ContractDate.Time().Year()
		if sup.ContractDate.IsZero() {
			return c, nil
		}
		c.Plan, err = s.planOf(ctx, sup.RegionCode, year)
		return c, err
	case err != nil:
		return nil, translate(err)
	}
	if c.Announcement, err = s.GetAnnouncement(ctx, sc, strconv.FormatInt(announcementID, 10)); err != nil {
		return nil, err
	}
	for _, l := range c.Announcement.Lots {
		if l.Supply != nil && l.Supply.ID == sup.ID {
			c.Lot, c.Deal = &l, l.Deal
		}
	}
	c.Announcement.Lots, c.Plan = nil, c.Announcement.Plan
	return c, nil
}

// planOf is the supply plan (供地计划) of a region and year, the head of
// every chain: the county's own plan, else its prefecture's, else its
// province's (a plan made above the county covers it); nil when none.
func (s *Store) planOf(ctx context.Context, region string, year int) (*land.PlanRef, error) {
	var p land.PlanRef
	err := s.pool.QueryRow(ctx, qPlanOf, region, year).Scan(&p.ID, &p.RegionCode, &p.Year, &p.DocumentNumber)
	if land.ErrorCode(translate(err)) == land.CodeNotFound {
		return nil, nil
	}
	if err != nil {
		return nil, translate(err)
	}
	return &p, nil
}

const qPlanOf = `SELECT id, region_code, year, doc_number FROM supply_plan
WHERE year = $2 AND region_code IN ($1, left($1, 4) || '00', left($1, 2) || '0000')
ORDER BY length(rtrim(region_code, '0')) DESC
LIMIT 1`

// lotOfSupply names the lot a supply became of, or nil.
func lotOfSupply(ctx context.Context, q querier, supplyID int64) (*land.LotRef, error) {
	var r land.LotRef
	err := q.QueryRow(ctx, `SELECT l.id, a.number, l.number FROM lot l JOIN announcement a ON a.id = l.announcement_id
WHERE l.supply_id = $1`, supplyID).Scan(&r.ID, &r.AnnouncementNumber, &r.LotNumber)
	if land.ErrorCode(translate(err)) == land.CodeNotFound {
		return nil, nil
	}
	if err != nil {
		return nil, translate(err)
	}
	return &r, nil
}

// linkSupplyLot makes the lot sup.Lot names the one the supply became of
// (none when it names none): by the lot's id, or by the announcement's
// number in the supply's own region and the lot's number. A lot elsewhere
// or unknown is CodeInvalid naming lot; a lot that became another supply
// CodeConflict.
func linkSupplyLot(ctx context.Context, tx pgx.Tx, actor string, sup *land.Supply) error {
	if sup.Lot == nil || sup.Lot.IsZero() {
		_, err := tx.Exec(ctx, qUnlinkSupply, sup.ID, int64(0), actor)
		return translate(err)
	}
	ref := sup.Lot
	var lotID, linked int64
	var region string
	var err error
	if ref.ID != 0 {
		err = tx.QueryRow(ctx, `SELECT l.id, a.region_code, coalesce(l.supply_id, 0) FROM lot l
JOIN announcement a ON a.id = l.announcement_id WHERE l.id = $1`, ref.ID).Scan(&lotID, &region, &linked)
	} else {
		err = tx.QueryRow(ctx, `SELECT l.id, a.region_code, coalesce(l.supply_id, 0) FROM lot l
JOIN announcement a ON a.id = l.announcement_id WHERE a.number = $1 AND a.region_code = $2 AND l.number = $3`,
			strings.TrimSpace(ref.AnnouncementNumber), sup.RegionCode, strings.TrimSpace(ref.LotNumber)).Scan(&lotID, &region, &linked)
	}
	switch {
	case land.ErrorCode(translate(err)) == land.CodeNotFound:
		return land.Invalid("lot", "no lot %s of announcement %s in region %s", ref.LotNumber, ref.AnnouncementNumber, sup.RegionCode)
	case err != nil:
		return translate(err)
	case region != sup.RegionCode:
		return land.Invalid("lot", "lot %d is announced in region %s, not in the supply's %s", lotID, region, sup.RegionCode)
	case linked != 0 && linked != sup.ID:
		return &land.Error{Code: land.CodeConflict, Field: "lot", Message: "the lot is the origin of another supply already"}
	}
	if _, err := tx.Exec(ctx, qUnlinkSupply, sup.ID, lotID, actor); err != nil {
		return translate(err)
	}
	_, err = tx.Exec(ctx, `UPDATE lot SET supply_id = $2, version = version + 1, updated_at = now(), updated_by = $3
WHERE id = $1 AND supply_id IS DISTINCT FROM $2`, lotID, sup.ID, actor)
	return translate(err)
}

// qUnlinkSupply ($1 the supply, $2 the lot it keeps, $3 who) frees the
// lots a supply no longer names.
const qUnlinkSupply = `UPDATE lot SET supply_id = NULL, version = version + 1, updated_at = now(), updated_by = $3
WHERE supply_id = $1 AND id <> $2`
