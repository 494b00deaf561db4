-- History and the change feed written once per statement instead of once
-- per row (issue 18): a bulk import of 100,000 parcels ran a PL/pgSQL
-- function, a to_jsonb and a one-row INSERT for every supply, installment,
-- event and parcel, and a pg_notify for every parcel — three quarters of
-- the database's time. The statement triggers below read the rows a
-- statement wrote from its transition tables and write the same history
-- rows and the same changes with one INSERT … SELECT each, whatever the
-- door (psql and QGIS edits are kept as before). An update that changed
-- nothing still writes no version.

-- A history row that names its record needs no trigger call.
DROP TRIGGER history_record ON history;
CREATE TRIGGER history_record BEFORE INSERT ON history
	FOR EACH ROW WHEN (NEW.record_id IS NULL) EXECUTE FUNCTION history_record_of_supply();

-- The statement triggers below see the rows a statement wrote as
-- "versions" (the new rows of an insert or an update, the old rows of a
-- delete: the row last seen) and, for an update, the rows it replaced.

-- The versions of supplies, installments and events: the row whole as
-- jsonb, as record_history wrote them. An installment is known by its
-- period within its supply; the others by their id.
CREATE FUNCTION record_history_rows() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	actor text := coalesce(nullif(current_setting('landwatch.actor', true), ''), session_user);
BEGIN
	IF TG_OP = 'UPDATE' THEN
		-- A row whose key changed has no old version to compare with.
		INSERT INTO history (entity, entity_id, supply_id, record_id, op, version, data, changed_by)
		SELECT TG_TABLE_NAME, history_entity_id(TG_TABLE_NAME, h.j), history_supply_id(TG_TABLE_NAME, h.j),
			history_supply_id(TG_TABLE_NAME, h.j), 'update', (h.j ->> 'version')::integer, h.j, actor
		FROM (SELECT to_jsonb(r) AS j, row_number() OVER () AS ord FROM versions r) h
		LEFT JOIN (SELECT to_jsonb(r) AS j FROM replaced r) o ON history_key(TG_TABLE_NAME, o.j) = history_key(TG_TABLE_NAME, h.j)
		WHERE o.j IS DISTINCT FROM h.j
		ORDER BY h.ord;
		RETURN NULL;
	END IF;
	INSERT INTO history (entity, entity_id, supply_id, record_id, op, version, data, changed_by)
	SELECT TG_TABLE_NAME, history_entity_id(TG_TABLE_NAME, h.j), history_supply_id(TG_TABLE_NAME, h.j),
		history_supply_id(TG_TABLE_NAME, h.j), lower(TG_OP), (h.j ->> 'version')::integer, h.j, actor
	FROM (SELECT to_jsonb(r) AS j, row_number() OVER () AS ord FROM versions r) h
	ORDER BY h.ord;
	RETURN NULL;
END
$$;

-- The key that pairs a row's old and new versions in an update.
CREATE FUNCTION history_key(entity text, r jsonb) RETURNS text LANGUAGE sql IMMUTABLE AS $$
	SELECT CASE WHEN entity = 'installment' THEN (r ->> 'supply_id') || '/' || (r ->> 'period') ELSE r ->> 'id' END
$$;

-- The entity and the supply a version belongs to, as record_history named
-- them.
CREATE FUNCTION history_entity_id(entity text, r jsonb) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$
	SELECT CASE WHEN entity = 'installment' THEN (r ->> 'period')::bigint ELSE (r ->> 'id')::bigint END
$$;
CREATE FUNCTION history_supply_id(entity text, r jsonb) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$
	SELECT CASE WHEN entity = 'supply' THEN (r ->> 'id')::bigint ELSE (r ->> 'supply_id')::bigint END
$$;

-- A parcel's versions keep the boundary as geometry beside the other
-- fields, as record_parcel_history wrote them; an update that changed
-- nothing writes none.
CREATE FUNCTION record_parcel_history_rows() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	actor text := coalesce(nullif(current_setting('landwatch.actor', true), ''), session_user);
BEGIN
	IF TG_OP = 'UPDATE' THEN
		INSERT INTO history (entity, entity_id, supply_id, record_id, op, version, data, geom, changed_by)
		SELECT 'parcel', p.id, p.supply_id, p.supply_id, 'update', p.version, parcel_history_data(p), p.geom, actor
		FROM versions p LEFT JOIN replaced o ON o.id = p.id
		WHERE o IS DISTINCT FROM p;
		RETURN NULL;
	END IF;
	INSERT INTO history (entity, entity_id, supply_id, record_id, op, version, data, geom, changed_by)
	SELECT 'parcel', p.id, p.supply_id, p.supply_id, lower(TG_OP), p.version, parcel_history_data(p), p.geom, actor
	FROM versions p;
	RETURN NULL;
END
$$;

CREATE FUNCTION parcel_history_data(p parcel) RETURNS jsonb LANGUAGE sql STABLE AS $$
	SELECT jsonb_build_object('id', p.id, 'supply_id', p.supply_id, 'number', p.number, 'name', p.name,
		'land_use', p.land_use, 'declared_area_ha', p.declared_area_ha, 'plane_area_m2', p.plane_area_m2,
		'gk_epsg', p.gk_epsg, 'version', p.version, 'updated_at', p.updated_at, 'updated_by', p.updated_by)
$$;

-- The change feed: a change per parcel written, with an overlap check owed
-- by the supply it is in and, when it moved, by the one it left (its
-- findings may no longer hold); a change of its supply per event written
-- (it changes how the supply is drawn); one notice.
CREATE FUNCTION log_changes() RETURNS trigger LANGUAGE plpgsql AS $$
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
		INSERT INTO change_log (subject, subject_id, supply_id, op) SELECT 'supply', supply_id, supply_id, 'event' FROM versions;
		GET DIAGNOSTICS written = ROW_COUNT;
	END IF;
	IF written > 0 THEN
		PERFORM pg_notify('landwatch_' || current_schema(), '');
	END IF;
	RETURN NULL;
END
$$;

DROP TRIGGER supply_history ON supply;
DROP TRIGGER installment_history ON installment;
DROP TRIGGER event_history ON event;
DROP TRIGGER parcel_history ON parcel;
DROP TRIGGER parcel_change ON parcel;
DROP TRIGGER event_change ON event;

-- Each table gets a trigger per kind of statement, as a transition table
-- of both old and new rows exists for updates only.
DO $$
DECLARE
	t record;
BEGIN
	FOR t IN SELECT * FROM (VALUES ('supply', 'history', 'record_history_rows'),
		('installment', 'history', 'record_history_rows'), ('event', 'history', 'record_history_rows'),
		('parcel', 'history', 'record_parcel_history_rows'), ('parcel', 'change', 'log_changes'),
		('event', 'change', 'log_changes')) v(tab, what, fn)
	LOOP
		EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS versions FOR EACH STATEMENT EXECUTE FUNCTION %I()',
			t.tab || '_' || t.what || '_insert', t.tab, t.fn);
		EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS replaced NEW TABLE AS versions FOR EACH STATEMENT EXECUTE FUNCTION %I()',
			t.tab || '_' || t.what || '_update', t.tab, t.fn);
		EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS versions FOR EACH STATEMENT EXECUTE FUNCTION %I()',
			t.tab || '_' || t.what || '_delete', t.tab, t.fn);
	END LOOP;
END
$$;

-- Publishing acts on approved rows only: the condition is the trigger's,
-- so that the submitted rows of an import call no function.
DROP TRIGGER supply_publish ON supply;
CREATE TRIGGER supply_publish AFTER INSERT OR UPDATE ON supply
	FOR EACH ROW WHEN (NEW.review_status = 'approved') EXECUTE FUNCTION publish_supply();
CREATE TRIGGER supply_unpublish AFTER DELETE ON supply
	FOR EACH ROW EXECUTE FUNCTION publish_supply();
