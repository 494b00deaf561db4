package sql

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"
)

// RecordFeedReader records that instance has read the change feed up to
// snapshot (its xmin: every change below it is read).
func (s *Store) RecordFeedReader(ctx context.Context, instance string, snapshot FeedSnapshot) error {
	_, err := s.pool.Exec(ctx, qRecordFeedReader, instance, string(snapshot))
	return translate(err)
}

// PruneFeed deletes the changes every reader seen within retention has
// read, and those older than retention whatever readers say, and raises the
// pruned horizon so that a reader left behind loads anew. It returns how
// many changes went.
func (s *Store) PruneFeed(ctx context.Context, retention time.Duration) (int, error) {
	var n int
	err := s.inTxAs(ctx, "feed-prune", func(tx pgx.Tx) error {
		// One pruner at a time: two would raise the horizon in either order.
		if _, err := tx.Exec(ctx, `SELECT FROM feed_horizon FOR UPDATE`); err != nil {
			return err
		}
		return tx.QueryRow(ctx, qPruneFeed, retention.Seconds()).Scan(&n)
	})
	return n, err
}

const (
	qRecordFeedReader = `INSERT INTO feed_reader (instance, position, seen_at)
VALUES ($1, pg_snapshot_xmin($2::pg_snapshot), now())
ON CONFLICT (instance) DO UPDATE SET position = excluded.position, seen_at = excluded.seen_at`
	// With no recent reader, only age prunes.
	qPruneFeed = `WITH readers AS (
	SELECT min(position) p FROM feed_reader WHERE seen_at > now() - make_interval(secs => $1)
), gone AS (
	DELETE FROM change_log c USING readers r
	WHERE c.txid < r.p OR c.at < now() - make_interval(secs => $1)
	RETURNING c.txid
), raised AS (
	UPDATE feed_horizon SET txid = greatest(txid, (SELECT max(txid) FROM gone))
	WHERE EXISTS (SELECT FROM gone)
)
SELECT count(*)::int FROM gone`
)
