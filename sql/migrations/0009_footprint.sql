-- Construction footprints (建筑基底): polygons digitised from imagery or
-- surveys, the spatial evidence of DESIGN §4.2. A parcel covered by little
-- footprint past its agreed start supports a suspicion of idle land; a
-- parcel largely covered with no start recorded is an inconsistency.
CREATE TABLE footprint (
	id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	geom        geometry(MultiPolygon, 4490) NOT NULL,
	source      text NOT NULL,
	observed_on date NOT NULL,
	imported_at timestamptz NOT NULL DEFAULT now(),
	imported_by text NOT NULL
);
CREATE INDEX footprint_geom ON footprint USING gist (geom);

CREATE FUNCTION log_footprint_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO change_log (parcel_id, supply_id, op)
	VALUES (CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END, 0, 'footprint');
	PERFORM pg_notify('landwatch_' || current_schema(), '');
	RETURN NULL;
END
$$;

CREATE TRIGGER footprint_change AFTER INSERT OR UPDATE OR DELETE ON footprint
	FOR EACH ROW EXECUTE FUNCTION log_footprint_change();
