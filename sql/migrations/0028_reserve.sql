-- Land reserve (土地收购储备): land the government has taken in (bought
-- back, recovered, requisitioned) before supplying it, entered within 7
-- working days after it was taken in (the 2008 notice). It is the first of
-- the register's records besides the supply: the history and the change
-- feed learn to name a record other than a supply here, so that plans,
-- announcements and transactions follow the same way.
CREATE TABLE reserve (
	id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	number            text NOT NULL UNIQUE,
	region_code       text NOT NULL REFERENCES region (code),
	location          text NOT NULL DEFAULT '',
	area_ha           double precision NOT NULL CHECK (area_ha > 0),
	acquisition       text NOT NULL CHECK (acquisition IN ('purchase', 'recovery', 'requisition', 'other')),
	former_holder     text NOT NULL DEFAULT '',
	former_use        text NOT NULL DEFAULT '',
	compensation_wan  double precision CHECK (compensation_wan >= 0),
	taken_on          date NOT NULL,
	planned_use_original text NOT NULL DEFAULT '',
	planned_use_code  text NOT NULL DEFAULT '',
	lag_workdays      integer,
	late              boolean NOT NULL DEFAULT false,
	review_status     text NOT NULL DEFAULT 'submitted' CHECK (review_status IN ('submitted', 'approved', 'returned')),
	review_reason     text NOT NULL DEFAULT '',
	reviewed_by       text NOT NULL DEFAULT '',
	reviewed_at       timestamptz,
	submitted_by      text NOT NULL DEFAULT '',
	version           integer NOT NULL DEFAULT 1,
	created_at        timestamptz NOT NULL DEFAULT now(),
	updated_at        timestamptz NOT NULL DEFAULT now(),
	updated_by        text NOT NULL,
	-- the target of supply's (reserve_number, region_code): a supply names
	-- a reserve of its own county only
	UNIQUE (number, region_code)
);
CREATE INDEX reserve_region ON reserve (region_code text_pattern_ops);
CREATE INDEX reserve_taken_on ON reserve (taken_on);

-- Who submitted it, as for supplies (0017): whoever submitted a change may
-- not approve it. The function reads only the columns both tables share.
CREATE TRIGGER reserve_submitted_by BEFORE INSERT OR UPDATE ON reserve
	FOR EACH ROW EXECUTE FUNCTION supply_submitted_by();

-- A reserve's parcels, in the form of a supply's (parcel), kept apart so
-- that nothing that reads supply parcels meets a parcel of no supply.
CREATE TABLE reserve_parcel (
	id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	reserve_id       bigint NOT NULL REFERENCES reserve (id) ON DELETE CASCADE,
	number           text NOT NULL DEFAULT '',
	name             text NOT NULL DEFAULT '',
	land_use         text NOT NULL DEFAULT '',
	declared_area_ha double precision,
	geom             geometry(MultiPolygon, 4490) NOT NULL,
	plane_area_m2    double precision NOT NULL,
	gk_epsg          integer NOT NULL,
	version          integer NOT NULL DEFAULT 1,
	updated_at       timestamptz NOT NULL DEFAULT now(),
	updated_by       text NOT NULL
);
CREATE INDEX reserve_parcel_reserve ON reserve_parcel (reserve_id);
CREATE INDEX reserve_parcel_geom ON reserve_parcel USING gist (geom);

-- A supply of reserve land names its reserve (土地来源 储备); the reserve's
-- remaining area is computed from the approved supplies naming it, never
-- stored twice.
ALTER TABLE supply ADD COLUMN reserve_number text,
	ADD FOREIGN KEY (reserve_number, region_code) REFERENCES reserve (number, region_code) ON UPDATE CASCADE;
ALTER TABLE published_supply ADD COLUMN reserve_number text;
CREATE INDEX supply_reserve_number ON supply (reserve_number) WHERE reserve_number IS NOT NULL;

-- The history names its record: the kind (supply, reserve …) and the id of
-- the record a version belongs to. supply_id stays for the supplies' rows.
ALTER TABLE history
	ADD COLUMN record text NOT NULL DEFAULT 'supply',
	ADD COLUMN record_id bigint;
UPDATE history SET record_id = supply_id;
ALTER TABLE history ALTER COLUMN supply_id DROP NOT NULL;
CREATE INDEX history_record ON history (record, record_id, id);

-- The supplies' triggers fill supply_id only; their record is the supply.
CREATE FUNCTION history_record_of_supply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF NEW.record_id IS NULL THEN
		NEW.record_id := NEW.supply_id;
	END IF;
	RETURN NEW;
END
$$;
CREATE TRIGGER history_record BEFORE INSERT ON history
	FOR EACH ROW EXECUTE FUNCTION history_record_of_supply();
ALTER TABLE history ADD CHECK (record_id IS NOT NULL) NOT VALID;

-- Every version of a record of another kind and of its parts. The
-- trigger's arguments name the record kind and the column holding the
-- record's id; a row with a boundary keeps it as geometry, as parcels do.
CREATE FUNCTION record_version() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	r     jsonb;
	g     geometry;
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
	IF r ? 'geom' THEN
		IF TG_OP = 'DELETE' THEN
			g := OLD.geom;
		ELSE
			g := NEW.geom;
		END IF;
		r := r - 'geom';
	END IF;
	INSERT INTO history (entity, entity_id, record, record_id, op, version, data, geom, changed_by)
	VALUES (TG_TABLE_NAME, (r ->> 'id')::bigint, TG_ARGV[0], (r ->> TG_ARGV[1])::bigint,
		lower(TG_OP), (r ->> 'version')::integer, r, g, actor);
	RETURN NULL;
END
$$;

CREATE TRIGGER reserve_history AFTER INSERT OR UPDATE OR DELETE ON reserve
	FOR EACH ROW EXECUTE FUNCTION record_version('reserve', 'id');
CREATE TRIGGER reserve_parcel_history AFTER INSERT OR UPDATE OR DELETE ON reserve_parcel
	FOR EACH ROW EXECUTE FUNCTION record_version('reserve', 'reserve_id');

-- The change feed names reserve land as a subject of its own, so that the
-- index and the tiles can carry it (drawn as stage reserved).
ALTER TABLE change_log DROP CONSTRAINT IF EXISTS change_log_subject_check;
ALTER TABLE change_log ADD CONSTRAINT change_log_subject_check
	CHECK (subject IN ('parcel', 'supply', 'finding', 'footprint', 'reserve'));

CREATE FUNCTION log_reserve_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO change_log (subject, subject_id, op)
	VALUES ('reserve', CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END, lower(TG_OP));
	PERFORM pg_notify('landwatch_' || current_schema(), '');
	RETURN NULL;
END
$$;
CREATE TRIGGER reserve_parcel_change AFTER INSERT OR UPDATE OR DELETE ON reserve_parcel
	FOR EACH ROW EXECUTE FUNCTION log_reserve_change();
