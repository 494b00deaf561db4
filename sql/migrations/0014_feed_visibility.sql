-- The change feed follows what is visible, not the order of sequence
-- numbers: a number is drawn when a row is written, but the row is seen
-- when its transaction commits, so a big transaction committing beside a
-- small one leaves numbers behind the reader's position that no window of
-- remembered gaps can be trusted to cover. Each change now carries the id
-- of the transaction that wrote it; a reader keeps the snapshot its state
-- reflects and reads the changes of the transactions visible now that were
-- not visible then (the PgQ approach). Each change names its subject
-- (parcel, supply, finding, footprint) so that what depends on it is read
-- again, and nothing else.
ALTER TABLE change_log
	ADD COLUMN txid xid8 NOT NULL DEFAULT pg_current_xact_id(),
	ADD COLUMN subject text,
	ADD COLUMN subject_id bigint;
UPDATE change_log SET
	subject = CASE WHEN op = 'footprint' THEN 'footprint' WHEN parcel_id IS NOT NULL THEN 'parcel' ELSE 'supply' END,
	subject_id = coalesce(parcel_id, supply_id);
ALTER TABLE change_log
	ALTER COLUMN subject SET NOT NULL,
	ALTER COLUMN subject_id SET NOT NULL,
	ALTER COLUMN supply_id DROP NOT NULL,
	ADD CHECK (subject IN ('parcel', 'supply', 'finding', 'footprint')),
	DROP COLUMN parcel_id;
CREATE INDEX change_log_txid ON change_log (txid);

-- A boundary written by any door (plain SQL, another instance, a bulk
-- import) owes an overlap check. The parcel trigger leaves the debt here in
-- the writing transaction, so it exists exactly when the write does; an
-- engine whose index shows the write claims it (FOR UPDATE SKIP LOCKED, so
-- each is settled once across instances) and deletes it in the transaction
-- that records the findings. A check that fails stays owed.
CREATE TABLE pending_check (
	parcel_id bigint NOT NULL,
	supply_id bigint NOT NULL,
	txid      xid8 NOT NULL DEFAULT pg_current_xact_id(),
	at        timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (supply_id, parcel_id, txid)
);
CREATE INDEX pending_check_txid ON pending_check (txid);

-- Where each landwatch instance has read the feed to: the xmin of the
-- snapshot its index reflects. Changes below every recent reader's position
-- are read by all and may go.
CREATE TABLE feed_reader (
	instance text PRIMARY KEY,
	position xid8 NOT NULL,
	seen_at  timestamptz NOT NULL DEFAULT now()
);

-- The newest transaction whose changes were pruned: a reader whose position
-- is not past it may have lost changes, and loads anew instead of guessing.
CREATE TABLE feed_horizon (
	only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
	txid     xid8 NOT NULL
);
INSERT INTO feed_horizon (txid) VALUES ('0');

-- The notice still carries no payload, so that PostgreSQL folds the
-- notices of one transaction into one.
CREATE OR REPLACE FUNCTION log_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	r record;
BEGIN
	IF TG_OP = 'DELETE' THEN
		r := OLD;
	ELSE
		r := NEW;
	END IF;
	IF TG_TABLE_NAME = 'parcel' THEN
		INSERT INTO change_log (subject, subject_id, supply_id, op) VALUES ('parcel', r.id, r.supply_id, lower(TG_OP));
		-- A parcel moved to another supply leaves an overlap check owed by
		-- the supply it left too (its findings may no longer hold).
		INSERT INTO pending_check (parcel_id, supply_id)
		SELECT DISTINCT r.id, s FROM unnest(ARRAY[OLD.supply_id, NEW.supply_id]) s WHERE s IS NOT NULL
		ON CONFLICT DO NOTHING;
	ELSE
		INSERT INTO change_log (subject, subject_id, supply_id, op) VALUES ('supply', r.id, r.id, lower(TG_OP));
	END IF;
	PERFORM pg_notify('landwatch_' || current_schema(), '');
	RETURN NULL;
END
$$;

-- A finding changes the overlaps layer and the findings layer by its id,
-- and how its supplies are drawn (the overlap and idle flags).
CREATE OR REPLACE FUNCTION log_finding_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	f finding;
BEGIN
	IF TG_OP = 'DELETE' THEN
		f := OLD;
	ELSE
		f := NEW;
	END IF;
	INSERT INTO change_log (subject, subject_id, supply_id, op) VALUES ('finding', f.id, f.supply_id, lower(TG_OP));
	INSERT INTO change_log (subject, subject_id, supply_id, op)
	SELECT DISTINCT 'supply', s, s, 'finding'
	FROM unnest(ARRAY[OLD.supply_id, OLD.other_supply_id, NEW.supply_id, NEW.other_supply_id]) s WHERE s IS NOT NULL;
	PERFORM pg_notify('landwatch_' || current_schema(), '');
	RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION log_event_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	s bigint;
BEGIN
	IF TG_OP = 'DELETE' THEN
		s := OLD.supply_id;
	ELSE
		s := NEW.supply_id;
	END IF;
	INSERT INTO change_log (subject, subject_id, supply_id, op) VALUES ('supply', s, s, 'event');
	PERFORM pg_notify('landwatch_' || current_schema(), '');
	RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION log_footprint_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO change_log (subject, subject_id, op)
	VALUES ('footprint', CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END, lower(TG_OP));
	PERFORM pg_notify('landwatch_' || current_schema(), '');
	RETURN NULL;
END
$$;
