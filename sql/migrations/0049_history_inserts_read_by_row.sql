-- The versions of an insert or a delete read from the row (issue 18).
--
-- As the versions of an update since 0047: the ids and the version are
-- the row's own columns, and the row is turned into jsonb once, when it is
-- written. The statement read them out of the jsonb instead, which made it
-- number the rows to keep the jsonb in a subquery and sort the rows, jsonb
-- and all, back into that order: for the 8,800 events of a chunk of an
-- import the sort did not fit in work_mem and went to disk (4.6 MB), and
-- the statement's SELECT took 108 ms where reading the rows as they come
-- takes 66 ms. The trigger's time, nine alternations in a transaction
-- rolled back each (medians): 8,800 events 134 -> 118 ms, 2,000 supplies
-- 52 -> 44 ms. A transition table is read in the order its rows were
-- written, so the versions keep that order without the sort.
--
-- What is written is unchanged: one version per row, the row whole as
-- jsonb, by the actor of the transaction.
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
	IF TG_OP <> 'UPDATE' THEN
		EXECUTE format($sql$INSERT INTO history (entity, entity_id, supply_id, record_id, op, version, data, changed_by)
			SELECT %L, %s, %s, %s, %L, %s, to_jsonb(n.r), $1
			FROM (SELECT r FROM versions r) n$sql$, TG_TABLE_NAME, entity_id, supply_id, supply_id, lower(TG_OP), version) USING actor;
		RETURN NULL;
	END IF;
	EXECUTE format($sql$INSERT INTO history (entity, entity_id, supply_id, record_id, op, version, data, changed_by)
		SELECT %L, %s, %s, %s, 'update', %s, to_jsonb(n.r), $1
		FROM (SELECT r, row_number() OVER () AS ord FROM versions r) n
		LEFT JOIN replaced o ON %s
		WHERE o IS DISTINCT FROM n.r
		ORDER BY n.ord$sql$, TG_TABLE_NAME, entity_id, supply_id, supply_id, version, same_key) USING actor;
	RETURN NULL;
END
$$;
