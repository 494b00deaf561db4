-- An update's versions are found by comparing each row with the row it
-- replaced as rows, joined on the table's key, instead of as jsonb joined
-- on a key read out of the jsonb (issue 18): the old rows were turned into
-- jsonb only to be compared, and that was most of the history's time in
-- an update of many rows, such as the new version a coordinate file gives
-- every supply whose boundaries it brings. What is written is unchanged:
-- the new row whole as jsonb, none for a row rewritten unchanged, and a
-- version for a row whose key changed (it has no old row to compare with).
CREATE OR REPLACE FUNCTION record_history_rows() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	actor text := coalesce(nullif(current_setting('landwatch.actor', true), ''), session_user);
BEGIN
	IF TG_OP <> 'UPDATE' THEN
		INSERT INTO history (entity, entity_id, supply_id, record_id, op, version, data, changed_by)
		SELECT TG_TABLE_NAME, history_entity_id(TG_TABLE_NAME, h.j), history_supply_id(TG_TABLE_NAME, h.j),
			history_supply_id(TG_TABLE_NAME, h.j), lower(TG_OP), (h.j ->> 'version')::integer, h.j, actor
		FROM (SELECT to_jsonb(r) AS j, row_number() OVER () AS ord FROM versions r) h
		ORDER BY h.ord;
	ELSIF TG_TABLE_NAME = 'supply' THEN
		INSERT INTO history (entity, entity_id, supply_id, record_id, op, version, data, changed_by)
		SELECT 'supply', (n.r).id, (n.r).id, (n.r).id, 'update', (n.r).version, to_jsonb(n.r), actor
		FROM (SELECT r, row_number() OVER () AS ord FROM versions r) n
		LEFT JOIN replaced o ON o.id = (n.r).id
		WHERE o IS DISTINCT FROM n.r
		ORDER BY n.ord;
	ELSIF TG_TABLE_NAME = 'event' THEN
		INSERT INTO history (entity, entity_id, supply_id, record_id, op, version, data, changed_by)
		SELECT 'event', (n.r).id, (n.r).supply_id, (n.r).supply_id, 'update', (n.r).version, to_jsonb(n.r), actor
		FROM (SELECT r, row_number() OVER () AS ord FROM versions r) n
		LEFT JOIN replaced o ON o.id = (n.r).id
		WHERE o IS DISTINCT FROM n.r
		ORDER BY n.ord;
	ELSIF TG_TABLE_NAME = 'installment' THEN
		INSERT INTO history (entity, entity_id, supply_id, record_id, op, version, data, changed_by)
		SELECT 'installment', (n.r).period, (n.r).supply_id, (n.r).supply_id, 'update', NULL, to_jsonb(n.r), actor
		FROM (SELECT r, row_number() OVER () AS ord FROM versions r) n
		LEFT JOIN replaced o ON o.supply_id = (n.r).supply_id AND o.period = (n.r).period
		WHERE o IS DISTINCT FROM n.r
		ORDER BY n.ord;
	ELSE
		RAISE EXCEPTION 'record_history_rows: no key known for table %', TG_TABLE_NAME;
	END IF;
	RETURN NULL;
END
$$;
