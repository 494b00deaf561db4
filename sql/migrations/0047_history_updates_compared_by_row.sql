-- The versions of an update (issue 18).
--
-- Each row is compared with the row it replaced as rows, joined on the
-- table's key, instead of as jsonb joined on a key read out of the jsonb:
-- the old rows were turned into jsonb only to be compared, and that was
-- most of the history's time in an update of many rows, such as the new
-- version a coordinate file gives every supply whose boundaries it brings.
--
-- And the statement is planned each time (EXECUTE). A statement of
-- PL/pgSQL is planned once per connection and the plan kept; planned for
-- the one row of an edit, it then joined the thousands of an import's
-- update to what they replaced row by row with every other: 2,000 supplies
-- took 79 s on a connection that had updated one supply before.
--
-- What is written is unchanged: the new row whole as jsonb (a parcel's
-- boundary as geometry beside it), none for a row rewritten unchanged, and
-- a version for a row whose key changed (it has no old row to compare with).
CREATE OR REPLACE FUNCTION record_history_rows() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	actor text := coalesce(nullif(current_setting('landwatch.actor', true), ''), session_user);
	-- What names a version of a row n.r: its entity, its supply, its
	-- version; and what pairs it with the row o it replaced.
	entity_id text := '(n.r).id';
	supply_id text := '(n.r).supply_id';
	version text := '(n.r).version';
	same_key text := 'o.id = (n.r).id';
BEGIN
	IF TG_OP <> 'UPDATE' THEN
		INSERT INTO history (entity, entity_id, supply_id, record_id, op, version, data, changed_by)
		SELECT TG_TABLE_NAME, history_entity_id(TG_TABLE_NAME, h.j), history_supply_id(TG_TABLE_NAME, h.j),
			history_supply_id(TG_TABLE_NAME, h.j), lower(TG_OP), (h.j ->> 'version')::integer, h.j, actor
		FROM (SELECT to_jsonb(r) AS j, row_number() OVER () AS ord FROM versions r) h
		ORDER BY h.ord;
		RETURN NULL;
	END IF;
	CASE TG_TABLE_NAME
	WHEN 'supply' THEN
		supply_id := '(n.r).id';
	WHEN 'event' THEN
		NULL;
	WHEN 'installment' THEN
		entity_id := '(n.r).period';
		version := 'NULL::integer';
		same_key := 'o.supply_id = (n.r).supply_id AND o.period = (n.r).period';
	END CASE;
	EXECUTE format($sql$INSERT INTO history (entity, entity_id, supply_id, record_id, op, version, data, changed_by)
		SELECT %L, %s, %s, %s, 'update', %s, to_jsonb(n.r), $1
		FROM (SELECT r, row_number() OVER () AS ord FROM versions r) n
		LEFT JOIN replaced o ON %s
		WHERE o IS DISTINCT FROM n.r
		ORDER BY n.ord$sql$, TG_TABLE_NAME, entity_id, supply_id, supply_id, version, same_key) USING actor;
	RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION record_parcel_history_rows() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	actor text := coalesce(nullif(current_setting('landwatch.actor', true), ''), session_user);
BEGIN
	IF TG_OP = 'UPDATE' THEN
		EXECUTE $sql$INSERT INTO history (entity, entity_id, supply_id, record_id, op, version, data, geom, changed_by)
			SELECT 'parcel', p.id, p.supply_id, p.supply_id, 'update', p.version, parcel_history_data(p), p.geom, $1
			FROM versions p LEFT JOIN replaced o ON o.id = p.id
			WHERE o IS DISTINCT FROM p$sql$ USING actor;
		RETURN NULL;
	END IF;
	INSERT INTO history (entity, entity_id, supply_id, record_id, op, version, data, geom, changed_by)
	SELECT 'parcel', p.id, p.supply_id, p.supply_id, lower(TG_OP), p.version, parcel_history_data(p), p.geom, actor
	FROM versions p;
	RETURN NULL;
END
$$;
