-- The change feed that keeps every landwatch instance's in-memory index in
-- step with PostGIS: each change of a parcel, or of a supply's attributes
-- that the index carries, is logged with a sequence number and announced
-- with NOTIFY on a channel named after the schema. A listener that missed
-- notices (a dropped connection) catches up from the last number it saw.
CREATE TABLE change_log (
	seq       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	parcel_id bigint,
	supply_id bigint NOT NULL,
	op        text NOT NULL,
	at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX change_log_at ON change_log (at);

-- The notice carries no payload, so that PostgreSQL folds the notices of one
-- transaction into one: a bulk import wakes each listener once.
CREATE FUNCTION log_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_TABLE_NAME = 'parcel' THEN
		INSERT INTO change_log (parcel_id, supply_id, op)
		VALUES (CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END,
		        CASE WHEN TG_OP = 'DELETE' THEN OLD.supply_id ELSE NEW.supply_id END,
		        lower(TG_OP));
	ELSE
		INSERT INTO change_log (parcel_id, supply_id, op)
		VALUES (NULL, CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END, lower(TG_OP));
	END IF;
	PERFORM pg_notify('landwatch_' || current_schema(), '');
	RETURN NULL;
END
$$;

CREATE TRIGGER parcel_change AFTER INSERT OR UPDATE OR DELETE ON parcel
	FOR EACH ROW EXECUTE FUNCTION log_change();
-- Only the supply columns the index and the tiles carry.
CREATE TRIGGER supply_change AFTER UPDATE OF e_number, stage, method, land_use_code, contract_date, region_code ON supply
	FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION log_change();
CREATE TRIGGER supply_delete AFTER DELETE ON supply
	FOR EACH ROW EXECUTE FUNCTION log_change();
