-- The current version of a supply, installment, event or parcel is the row
-- itself (issue 18).
--
-- Every version is still written when it is made, with who made it and
-- when; what the version holds is written once it stops being the row: by
-- the update that replaces it or the delete that removes it, from the old
-- row. Until then its data (and a parcel's geom) is NULL, and
-- history_version reads it from the row, which is that version as long as
-- no later one exists: every change of the row writes a version (an
-- update that changes nothing writes none and leaves the row as it was).
-- Reading the history through history_version, nothing differs.
--
-- Why: a bulk import inserts rows, and for each the trigger turned the row
-- into jsonb and stored it beside the row (a parcel's boundary twice).
-- 394,880 supply versions inserted in psql took 9.6 s with their jsonb and
-- 2.8 to 4.3 s without; an import of 100,000 parcels writes about 650,000
-- versions. An update now writes the old row's jsonb where it wrote the
-- new row's, and rewrites the version it fills.
--
-- The history written before stays as it is: every version holds its
-- data, and the first update of such a row fills nothing.
ALTER TABLE history ALTER COLUMN data DROP NOT NULL;
ALTER TABLE history ADD CONSTRAINT history_data_kept CHECK (data IS NOT NULL
	OR (op <> 'delete' AND entity IN ('supply', 'installment', 'event', 'parcel'))) NOT VALID;

-- The history as it reads: every version whole, the current ones from
-- their rows (a version whose data is NULL is the row's current one).
CREATE VIEW history_version AS
SELECT h.id, h.entity, h.entity_id, h.supply_id, h.record, h.record_id, h.op, h.version,
	coalesce(h.data, to_jsonb(s), to_jsonb(i), to_jsonb(e), CASE WHEN p.id IS NOT NULL THEN parcel_history_data(p) END) AS data,
	coalesce(h.geom, p.geom) AS geom, h.changed_by, h.changed_at
FROM history h
LEFT JOIN supply s ON h.data IS NULL AND h.entity = 'supply' AND s.id = h.entity_id
LEFT JOIN installment i ON h.data IS NULL AND h.entity = 'installment' AND i.supply_id = h.supply_id AND i.period = h.entity_id
LEFT JOIN event e ON h.data IS NULL AND h.entity = 'event' AND e.id = h.entity_id
LEFT JOIN parcel p ON h.data IS NULL AND h.entity = 'parcel' AND p.id = h.entity_id;

-- The versions of supplies, installments and events. Every statement is
-- planned when it runs (EXECUTE), as since 0047: the rows of a transition
-- table are counted, and an import's thousands are not joined as one
-- edit's row would be.
CREATE OR REPLACE FUNCTION record_history_rows() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	actor text := coalesce(nullif(current_setting('landwatch.actor', true), ''), session_user);
	-- What names a row n's versions: the columns of its entity and its
	-- supply, its version; and what pairs it with the row o it replaced.
	entity_id text := 'id';
	supply_id text := 'supply_id';
	version text := 'n.version';
	same_key text := 'o.id = n.id';
	-- The rows o whose current version ends: a delete's, and an update's
	-- that changed or whose key went.
	gone text := 'versions o';
	-- Where the current version of a row o is: looked up row by row, the
	-- newest of its supply's versions first. Joined as a whole, a history
	-- its planner's statistics still take for small (an import just wrote
	-- it) was scanned whole: 38 s for the first 500 supplies a coordinate
	-- file gave new boundaries.
	current_version text := $q$(SELECT x.ctid FROM history x WHERE x.record = 'supply' AND x.record_id = o.%I
		AND x.entity = %L AND x.entity_id = o.%I AND x.data IS NULL ORDER BY x.id DESC LIMIT 1)$q$;
BEGIN
	CASE TG_TABLE_NAME
	WHEN 'supply' THEN
		supply_id := 'id';
	WHEN 'event' THEN
		NULL;
	WHEN 'installment' THEN
		entity_id := 'period';
		version := 'NULL::integer';
		same_key := 'o.supply_id = n.supply_id AND o.period = n.period';
	END CASE;
	IF TG_OP = 'UPDATE' THEN
		gone := format('replaced o LEFT JOIN versions n ON %s WHERE o IS DISTINCT FROM n', same_key);
	END IF;
	IF TG_OP <> 'INSERT' THEN
		-- Before the new versions are written, which hold no data either.
		EXECUTE format($sql$UPDATE history h SET data = c.data FROM (SELECT %s AS at, to_jsonb(o) AS data FROM %s) c
			WHERE h.ctid = c.at$sql$, format(current_version, supply_id, TG_TABLE_NAME, entity_id), gone);
	END IF;
	IF TG_OP = 'DELETE' THEN
		EXECUTE format($sql$INSERT INTO history (entity, entity_id, supply_id, record_id, op, version, data, changed_by)
			SELECT %L, n.%I, n.%I, n.%I, 'delete', %s, to_jsonb(n), $1 FROM versions n$sql$,
			TG_TABLE_NAME, entity_id, supply_id, supply_id, version) USING actor;
		RETURN NULL;
	END IF;
	IF TG_OP = 'INSERT' THEN
		EXECUTE format($sql$INSERT INTO history (entity, entity_id, supply_id, record_id, op, version, changed_by)
			SELECT %L, n.%I, n.%I, n.%I, 'insert', %s, $1 FROM versions n$sql$,
			TG_TABLE_NAME, entity_id, supply_id, supply_id, version) USING actor;
		RETURN NULL;
	END IF;
	-- A version for each row an update changed, in the order the rows
	-- were written (numbered before the join, which may reorder them).
	EXECUTE format($sql$INSERT INTO history (entity, entity_id, supply_id, record_id, op, version, changed_by)
		SELECT %L, n.%I, n.%I, n.%I, 'update', %s, $1
		FROM (SELECT v AS r, v.*, row_number() OVER () AS ord FROM versions v) n
		LEFT JOIN replaced o ON %s
		WHERE o IS DISTINCT FROM n.r
		ORDER BY n.ord$sql$, TG_TABLE_NAME, entity_id, supply_id, supply_id,
		version, same_key) USING actor;
	RETURN NULL;
END
$$;

-- A parcel's versions, alike; a version no longer current keeps the
-- boundary as geometry beside the other fields.
CREATE OR REPLACE FUNCTION record_parcel_history_rows() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	actor text := coalesce(nullif(current_setting('landwatch.actor', true), ''), session_user);
	-- The current versions of the parcels o whose version ends filled,
	-- found as record_history_rows finds them.
	fill text := $sql$UPDATE history h SET data = c.data, geom = c.geom
		FROM (SELECT (SELECT x.ctid FROM history x WHERE x.record = 'supply' AND x.record_id = o.supply_id
			AND x.entity = 'parcel' AND x.entity_id = o.id AND x.data IS NULL ORDER BY x.id DESC LIMIT 1) AS at,
			parcel_history_data(o) AS data, o.geom FROM %s) c
		WHERE h.ctid = c.at$sql$;
BEGIN
	IF TG_OP = 'INSERT' THEN
		INSERT INTO history (entity, entity_id, supply_id, record_id, op, version, changed_by)
		SELECT 'parcel', p.id, p.supply_id, p.supply_id, 'insert', p.version, actor FROM versions p;
		RETURN NULL;
	END IF;
	IF TG_OP = 'DELETE' THEN
		EXECUTE format(fill, 'versions o');
		INSERT INTO history (entity, entity_id, supply_id, record_id, op, version, data, geom, changed_by)
		SELECT 'parcel', p.id, p.supply_id, p.supply_id, 'delete', p.version, parcel_history_data(p), p.geom, actor FROM versions p;
		RETURN NULL;
	END IF;
	EXECUTE format(fill, 'replaced o LEFT JOIN versions p ON p.id = o.id WHERE o IS DISTINCT FROM p');
	EXECUTE $sql$INSERT INTO history (entity, entity_id, supply_id, record_id, op, version, changed_by)
		SELECT 'parcel', p.id, p.supply_id, p.supply_id, 'update', p.version, $1
		FROM versions p LEFT JOIN replaced o ON o.id = p.id
		WHERE o IS DISTINCT FROM p$sql$ USING actor;
	RETURN NULL;
END
$$;
