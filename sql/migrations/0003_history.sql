-- Every version of every supply, installment, parcel and event, written by
-- triggers so that edits made outside landwatch (psql, QGIS) are kept too.
-- changed_at is when the system learned the change (transaction time); the
-- time on the ground is in the rows themselves (event.occurred_on).
CREATE TABLE history (
	id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	entity     text NOT NULL,
	entity_id  bigint NOT NULL,
	supply_id  bigint NOT NULL,
	op         text NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
	version    integer,
	data       jsonb NOT NULL,
	-- a parcel's boundary in that version, kept as geometry (not in data)
	geom       geometry(MultiPolygon, 4490),
	changed_by text NOT NULL,
	changed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX history_supply ON history (supply_id, id);

CREATE FUNCTION record_history() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	r     jsonb;
	actor text := coalesce(nullif(current_setting('landwatch.actor', true), ''), session_user);
BEGIN
	IF TG_OP = 'DELETE' THEN
		r := to_jsonb(OLD);
	ELSE
		r := to_jsonb(NEW);
	END IF;
	IF TG_OP = 'UPDATE' AND to_jsonb(OLD) = r THEN
		RETURN NULL;
	END IF;
	INSERT INTO history (entity, entity_id, supply_id, op, version, data, changed_by)
	VALUES (
		TG_TABLE_NAME,
		CASE WHEN TG_TABLE_NAME = 'installment' THEN (r ->> 'period')::bigint ELSE (r ->> 'id')::bigint END,
		CASE WHEN TG_TABLE_NAME = 'supply' THEN (r ->> 'id')::bigint ELSE (r ->> 'supply_id')::bigint END,
		lower(TG_OP),
		(r ->> 'version')::integer,
		r,
		actor
	);
	RETURN NULL;
END
$$;

CREATE TRIGGER supply_history AFTER INSERT OR UPDATE OR DELETE ON supply
	FOR EACH ROW EXECUTE FUNCTION record_history();
CREATE TRIGGER installment_history AFTER INSERT OR UPDATE OR DELETE ON installment
	FOR EACH ROW EXECUTE FUNCTION record_history();
-- Parcels keep their boundary as geometry beside the other fields, which
-- saves turning every version into GeoJSON text.
CREATE FUNCTION record_parcel_history() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	p     parcel;
	actor text := coalesce(nullif(current_setting('landwatch.actor', true), ''), session_user);
BEGIN
	IF TG_OP = 'DELETE' THEN
		p := OLD;
	ELSE
		p := NEW;
	END IF;
	IF TG_OP = 'UPDATE' AND OLD IS NOT DISTINCT FROM NEW THEN
		RETURN NULL;
	END IF;
	INSERT INTO history (entity, entity_id, supply_id, op, version, data, geom, changed_by)
	VALUES ('parcel', p.id, p.supply_id, lower(TG_OP), p.version,
		jsonb_build_object('id', p.id, 'supply_id', p.supply_id, 'number', p.number, 'name', p.name,
			'land_use', p.land_use, 'declared_area_ha', p.declared_area_ha, 'plane_area_m2', p.plane_area_m2,
			'gk_epsg', p.gk_epsg, 'version', p.version, 'updated_at', p.updated_at, 'updated_by', p.updated_by),
		p.geom, actor);
	RETURN NULL;
END
$$;

CREATE TRIGGER parcel_history AFTER INSERT OR UPDATE OR DELETE ON parcel
	FOR EACH ROW EXECUTE FUNCTION record_parcel_history();
CREATE TRIGGER event_history AFTER INSERT OR UPDATE OR DELETE ON event
	FOR EACH ROW EXECUTE FUNCTION record_history();
