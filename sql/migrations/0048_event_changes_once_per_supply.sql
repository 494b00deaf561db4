-- A statement's events change their supplies once each (issue 18).
--
-- The change feed is read by subject: a supply whose events changed is
-- drawn anew once, however many of its events a statement wrote
-- (qChangedSubjects groups the rows by supply). A bulk import writes
-- four or five events a supply, and wrote as many change rows: 8,800 rows
-- for a chunk of 2,000 supplies took 47–63 ms, the 2,000 that say the same
-- 13–17 ms. Parcels keep a change each (the index reads them one by one).
CREATE OR REPLACE FUNCTION log_changes() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	written bigint;
BEGIN
	IF TG_TABLE_NAME = 'parcel' THEN
		INSERT INTO change_log (subject, subject_id, supply_id, op) SELECT 'parcel', id, supply_id, lower(TG_OP) FROM versions;
		GET DIAGNOSTICS written = ROW_COUNT;
		INSERT INTO pending_check (parcel_id, supply_id) SELECT DISTINCT id, supply_id FROM versions
		ON CONFLICT DO NOTHING;
		IF TG_OP = 'UPDATE' THEN
			INSERT INTO pending_check (parcel_id, supply_id) SELECT DISTINCT id, supply_id FROM replaced
			ON CONFLICT DO NOTHING;
		END IF;
	ELSE
		INSERT INTO change_log (subject, subject_id, supply_id, op) SELECT DISTINCT 'supply', supply_id, supply_id, 'event' FROM versions;
		GET DIAGNOSTICS written = ROW_COUNT;
	END IF;
	IF written > 0 THEN
		PERFORM pg_notify('landwatch_' || current_schema(), '');
	END IF;
	RETURN NULL;
END
$$;
