package sql

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strconv"

	"github.com/jackc/pgx/v5"

	"landwatch/land"
)

// announcementGroup is one announcement of an import: the rows of its
// number in its region put together, a lot a row.
type announcementGroup struct {
	file     string
	lines    []int // the line of each lot
	a        land.Announcement
	warnings []string
}

func (g announcementGroup) count() int { return 1 }

// lotFieldOf reads "lots[3].area_ha" as lot 3's field area_ha.
var lotFieldOf = regexp.MustCompile(`^lots\[(\d+)\]\.?(.*)$`)

// rejection rejects the whole announcement: each problem on the line of
// the lot it is about (the first line for the announcement's own fields),
// the other lines saying why nothing of theirs was written.
func (g announcementGroup) rejection(err error) []land.Rejection {
	fields := land.FieldErrors(err)
	if len(fields) == 0 {
		field, reason := reasonOf(err)
		fields = []land.FieldError{{Field: field, Reason: reason}}
	}
	var out []land.Rejection
	named := map[int]bool{}
	for _, f := range fields {
		line, field := g.lines[0], f.Field
		if m := lotFieldOf.FindStringSubmatch(f.Field); m != nil {
			if i, _ := strconv.Atoi(m[1]); i < len(g.lines) {
				line, field = g.lines[i], m[2]
			}
		}
		named[line] = true
		out = append(out, land.Rejection{File: g.file, Line: line, Record: g.a.Number, Field: field, Reason: f.Reason})
	}
	for _, line := range g.lines {
		if !named[line] {
			out = append(out, land.Rejection{File: g.file, Line: line, Record: g.a.Number, Field: "announcement_number",
				Reason: "another row of announcement " + g.a.Number + " was rejected: an announcement is written whole or not at all"})
		}
	}
	return out
}

// groupAnnouncements puts the rows of each announcement together, in the
// order of their first row. Rows whose announcement fields differ from
// its first row's are rejected, and so is an announcement with a row
// rejected already (by the reading of the file or here).
func groupAnnouncements(recs []land.AnnouncementRecord, rep *ImportReport) []announcementGroup {
	var groups []announcementGroup
	at := map[string]int{}
	spoilt := map[string]bool{}
	for _, r := range rep.Rejected {
		spoilt[r.File+"\x00"+r.Record] = true
	}
	for _, r := range recs {
		key := r.Announcement.RegionCode + "\x00" + r.Announcement.Number
		i, ok := at[key]
		if !ok {
			at[key] = len(groups)
			a := r.Announcement
			a.Lots = nil
			groups = append(groups, announcementGroup{file: r.File, a: a})
			i = len(groups) - 1
		}
		g := &groups[i]
		head, row := g.a, r.Announcement
		head.Lots, row.Lots = nil, nil
		if fmt.Sprint(head) != fmt.Sprint(row) {
			rep.Rejected = append(rep.Rejected, land.Rejection{File: r.File, Line: r.Line, Record: row.Number, Field: "announcement_number",
				Reason: fmt.Sprintf("the announcement's fields differ from its row on line %d", g.lines[0])})
			spoilt[g.file+"\x00"+g.a.Number] = true
			continue
		}
		g.lines = append(g.lines, r.Line)
		g.a.Lots = append(g.a.Lots, r.Announcement.Lots...)
	}
	out := groups[:0]
	for _, g := range groups {
		if spoilt[g.file+"\x00"+g.a.Number] {
			rep.Rejected = append(rep.Rejected, g.rejection(land.Invalid("announcement_number",
				"a row of announcement %s was rejected: an announcement is written whole or not at all", g.a.Number))...)
			continue
		}
		out = append(out, g)
	}
	return out
}

// prepareAnnouncements checks each announcement of an import (its lag
// measured now, as an entry by hand) and rejects those that fail or lie
// outside the scope.
func (s *Store) prepareAnnouncements(sc land.Scope, recs []land.AnnouncementRecord, rep *ImportReport) []announcementGroup {
	var out []announcementGroup
	for _, g := range groupAnnouncements(recs, rep) {
		w, err := s.rules.PrepareAnnouncement(&g.a)
		if err == nil {
			err = sc.Check(g.a.RegionCode)
		}
		if err != nil {
			rep.Rejected = append(rep.Rejected, g.rejection(err)...)
			continue
		}
		g.warnings = w
		for _, x := range w {
			rep.Warnings = append(rep.Warnings, land.Warning{File: g.file, Line: g.lines[0], Record: g.a.Number, Message: x})
		}
		out = append(out, g)
	}
	return out
}

// writeAnnouncements writes announcements by number in their region: a
// new one is created waiting for review; a known one is updated (and waits
// for review again) only where the file says something new, its lots
// matched by number.
func (s *Store) writeAnnouncements(ctx context.Context, tx pgx.Tx, actor string, chunk []announcementGroup, rep *ImportReport) error {
	for i := range chunk {
		a := &chunk[i].a
		if err := s.ensureRegion(ctx, tx, &land.Supply{RegionCode: a.RegionCode}); err != nil {
			return err
		}
		var before []land.Lot
		err := tx.QueryRow(ctx, `SELECT id FROM announcement WHERE region_code = $1 AND number = $2 FOR UPDATE`, a.RegionCode, a.Number).Scan(&a.ID)
		switch {
		case errors.Is(err, pgx.ErrNoRows):
			if err := tx.QueryRow(ctx, qInsertAnnouncement, announcementArgs(a, actor)...).Scan(&a.ID); err != nil {
				return translate(err)
			}
			if _, err := writeLots(ctx, tx, actor, a.ID, nil, a.Lots); err != nil {
				return err
			}
			rep.Created++
			rep.Accepted++
			continue
		case err != nil:
			return translate(err)
		}
		if before, err = loadLots(ctx, tx, live, a.ID, false); err != nil {
			return err
		}
		tag, err := tx.Exec(ctx, qReimportAnnouncement, a.ID, a.Authority, a.Method, dateArg(a.AnnouncedOn), dateArg(a.RegistrationStart),
			dateArg(a.RegistrationEnd), dateArg(a.BiddingStart), dateArg(a.BiddingEnd), actor)
		if err != nil {
			return translate(err)
		}
		lotsChanged, err := writeLots(ctx, tx, actor, a.ID, before, a.Lots)
		if err != nil {
			return err
		}
		switch {
		case tag.RowsAffected() > 0:
			rep.Updated++
		case lotsChanged:
			if _, err := tx.Exec(ctx, qTouchAnnouncement, a.ID, actor); err != nil {
				return translate(err)
			}
			rep.Updated++
		default:
			rep.Unchanged++
		}
		rep.Accepted++
	}
	return nil
}

// dealRecord is a deal of an import.
type dealRecord struct{ land.DealRecord }

func (r dealRecord) count() int { return 1 }

func (r dealRecord) rejection(err error) []land.Rejection {
	field, reason := reasonOf(err)
	return []land.Rejection{{File: r.File, Line: r.Line, Record: r.Deal.AnnouncementNumber + " " + r.Deal.LotNumber, Field: field, Reason: reason}}
}

// writeDeals writes deals by their lot: a new one is created waiting for
// review, a lot's deal already recorded is updated when the file says
// something new. The lot is found by the announcement's number in the
// region the row names, or else in the one region of the scope that has
// the number.
func (s *Store) writeDeals(ctx context.Context, sc land.Scope, tx pgx.Tx, actor string, chunk []dealRecord, rep *ImportReport) error {
	for i := range chunk {
		d := &chunk[i].Deal
		a, err := s.findDealLot(ctx, sc, tx, d)
		if err != nil {
			return err
		}
		if err := s.rules.PrepareDeal(d, a); err != nil {
			return err
		}
		var inserted bool
		err = tx.QueryRow(ctx, qUpsertDeal, append(dealArgs(d, actor), d.AnnouncementID, d.LotID, d.RegionCode)...).Scan(&d.ID, &inserted)
		switch {
		case errors.Is(err, pgx.ErrNoRows):
			rep.Unchanged++
		case err != nil:
			return translate(err)
		case inserted:
			rep.Created++
		default:
			rep.Updated++
		}
		rep.Accepted++
	}
	return nil
}

const (
	// A re-imported announcement keeps the lag of its first entry.
	qReimportAnnouncement = `UPDATE announcement t SET (authority, method, announced_on, registration_start, registration_end,
	bidding_start, bidding_end, updated_by) = ($2, $3, $4, $5, $6, $7, $8, $9),
	review_status = 'submitted', version = t.version + 1, updated_at = now()
WHERE t.id = $1 AND (t.authority, t.method, t.announced_on, t.registration_start, t.registration_end, t.bidding_start,
	t.bidding_end) IS DISTINCT FROM ($2, $3, $4::date, $5::date, $6::date, $7::date, $8::date)`
	// A deal of the same lot is updated where the file differs, keeping
	// the lag of its first entry.
	qUpsertDeal = `INSERT INTO deal AS t (` + dealColumns + `, announcement_id, lot_id, region_code)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
ON CONFLICT (lot_id) DO UPDATE SET (winner, price_wan, deal_on, publicity_start, publicity_end, updated_by) =
	(EXCLUDED.winner, EXCLUDED.price_wan, EXCLUDED.deal_on, EXCLUDED.publicity_start, EXCLUDED.publicity_end, EXCLUDED.updated_by),
	review_status = 'submitted', version = t.version + 1, updated_at = now()
WHERE (t.winner, t.price_wan, t.deal_on, t.publicity_start, t.publicity_end) IS DISTINCT FROM
	(EXCLUDED.winner, EXCLUDED.price_wan, EXCLUDED.deal_on, EXCLUDED.publicity_start, EXCLUDED.publicity_end)
RETURNING t.id, (t.xmax = 0)`
)
