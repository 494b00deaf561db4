package sql

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"

	"landwatch/land"
)

// A dismissal sticks (不予认定): a scan that finds the same supply suspect
// for the same cause again opens no new finding unless the evidence changed
// since the dismissal — an event recorded, a field verification made,
// another full year of idleness, or another cause (the rule's clause or the
// cause it names). The new finding then follows the dismissed one and says
// what changed.

// reopening is what a scan does with one supply of a set whose last
// finding of the same subject was dismissed.
type reopening struct {
	dismissed int64  // the dismissed finding
	open      bool   // it is not closed yet: a new finding supersedes it
	changed   string // what changed since, "" when nothing did
}

// dismissals returns, by index in the set, the supplies whose last finding
// of the same subject was dismissed, with what changed since.
func (f *findingSet) dismissals(ctx context.Context, tx pgx.Tx) (map[int]reopening, error) {
	out := map[int]reopening{}
	if len(f.ids) == 0 {
		return out, nil
	}
	rows, err := tx.Query(ctx, qDismissals, f.keys, f.ids, f.figures, f.kind)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	for rows.Next() {
		var n int
		var r reopening
		var status, wasRule, nowRule, wasCause, nowCause, eventKind, verdict string
		var wasYears, nowYears *int
		var dismissedAt time.Time
		var eventOn pgtype.Date
		var observed *time.Time
		if err := rows.Scan(&n, &r.dismissed, &status, &dismissedAt, &wasRule, &nowRule, &wasCause, &nowCause, &wasYears, &nowYears,
			&eventKind, &eventOn, &verdict, &observed); err != nil {
			return nil, translate(err)
		}
		var what []string
		if wasRule != nowRule || wasCause != nowCause {
			what = append(what, fmt.Sprintf("the cause is now %s (dismissed: %s)", strings.Trim(nowRule+" "+nowCause, " "), strings.Trim(wasRule+" "+wasCause, " ")))
		}
		if eventKind != "" {
			what = append(what, fmt.Sprintf("a new event: %s of %s", eventKind, dateOf(eventOn)))
		}
		if verdict != "" {
			what = append(what, fmt.Sprintf("a new field verification: %s, observed %s", verdict, observed.Format(time.DateOnly)))
		}
		if wasYears != nil && nowYears != nil && *nowYears > *wasYears {
			what = append(what, fmt.Sprintf("idle %d full year(s), %d when dismissed", *nowYears, *wasYears))
		}
		if len(what) > 0 {
			r.changed = fmt.Sprintf("suspected again after the dismissal of finding %d on %s: %s",
				r.dismissed, dismissedAt.Format(time.DateOnly), strings.Join(what, "; "))
		}
		r.open = status != land.FindingClosed
		out[n-1] = r
	}
	return out, translate(rows.Err())
}

// qDismissals finds, for each finding a scan wants (key $1, supply $2,
// figures $3, kind $4), the last finding of the same subject when it was
// dismissed, with the evidence to compare: the clause and cause, the full
// years idle, and the latest event and verification of the supply recorded
// after the dismissal.
const qDismissals = `SELECT u.n, l.id, l.status, d.at,
	coalesce(l.figures #>> '{assessment,rule}', ''), coalesce(u.f #>> '{assessment,rule}', ''),
	coalesce(l.figures #>> '{assessment,cause}', ''), coalesce(u.f #>> '{assessment,cause}', ''),
	(l.figures #>> '{assessment,years}')::int, (u.f #>> '{assessment,years}')::int,
	coalesce(e.kind, ''), e.occurred_on, coalesce(v.verdict, ''), v.observed_at
FROM unnest($1::text[], $2::bigint[], $3::jsonb[]) WITH ORDINALITY AS u(k, id, f, n)
CROSS JOIN LATERAL (SELECT id, status, figures FROM finding WHERE kind = $4 AND subject_key = u.k ORDER BY id DESC LIMIT 1) l
CROSS JOIN LATERAL (SELECT max(at) AS at FROM finding_step WHERE finding_id = l.id AND to_status = 'dismissed') d
LEFT JOIN LATERAL (SELECT kind, occurred_on FROM event WHERE supply_id = u.id AND NOT withdrawn AND recorded_at > d.at
	ORDER BY recorded_at DESC, id DESC LIMIT 1) e ON true
LEFT JOIN LATERAL (SELECT x.verdict, x.observed_at FROM verification x JOIN finding g ON g.id = x.finding_id
	WHERE g.supply_id = u.id AND x.recorded_at > d.at ORDER BY x.recorded_at DESC, x.id DESC LIMIT 1) v ON true
WHERE d.at IS NOT NULL`
