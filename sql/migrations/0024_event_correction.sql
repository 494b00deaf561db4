-- An event entered wrong is corrected or withdrawn, never rewritten in
-- silence nor deleted: a correction is a new version of the row with the
-- reason (the history trigger keeps the old one), a withdrawal marks the row
-- withdrawn with the reason and leaves it in the table and its history.
-- Every reading of the events leaves the withdrawn ones out.
ALTER TABLE event
	ADD COLUMN IF NOT EXISTS amendment text NOT NULL DEFAULT '',
	ADD COLUMN IF NOT EXISTS withdrawn boolean NOT NULL DEFAULT false;
