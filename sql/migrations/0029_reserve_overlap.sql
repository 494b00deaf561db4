-- Reserve land on the map and in the overlap check. A change of a
-- reserve's own row (its number, region, planned use, location) changes how
-- its parcels are drawn and scoped: the change feed names each of its
-- parcels, as 0028 does for a change of the parcels themselves.
CREATE FUNCTION log_reserve_record_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF (OLD.number, OLD.region_code, OLD.location, OLD.planned_use_code, OLD.late)
		IS NOT DISTINCT FROM (NEW.number, NEW.region_code, NEW.location, NEW.planned_use_code, NEW.late) THEN
		RETURN NULL;
	END IF;
	INSERT INTO change_log (subject, subject_id, op)
	SELECT 'reserve', p.id, 'update' FROM reserve_parcel p WHERE p.reserve_id = NEW.id;
	IF FOUND THEN
		PERFORM pg_notify('landwatch_' || current_schema(), '');
	END IF;
	RETURN NULL;
END
$$;
CREATE TRIGGER reserve_record_change AFTER UPDATE ON reserve
	FOR EACH ROW EXECUTE FUNCTION log_reserve_record_change();

-- A supply covering reserve land it does not name (土地来源 other than that
-- reserve) is a finding of its own kind (issue 15): not an overlap of two
-- supplies (重复供地), whose pairs, areas and public counts name two
-- supplies, but land supplied while still in reserve without saying so. It
-- names the supply and its parcel as an overlap does, and the reserve and
-- its parcel in columns of their own.
ALTER TABLE finding DROP CONSTRAINT IF EXISTS finding_kind_check;
ALTER TABLE finding ADD CONSTRAINT finding_kind_check
	CHECK (kind IN ('overlap', 'suspected_idle', 'late_entry', 'inconsistency', 'reserve_overlap'));
ALTER TABLE finding
	ADD COLUMN reserve_id bigint REFERENCES reserve (id) ON DELETE SET NULL,
	ADD COLUMN reserve_parcel_id bigint;
CREATE INDEX finding_reserve ON finding (reserve_id) WHERE reserve_id IS NOT NULL;

-- Such a finding opens and closes in the overlap check a write owes
-- (0014): a supply that comes to name its reserve, or names another, owes
-- the check of its parcels; reserve land drawn, moved or removed owes the
-- check of the supply parcels whose boxes meet its old or new boundary.
CREATE FUNCTION owe_reserve_checks() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_TABLE_NAME = 'supply' THEN
		INSERT INTO pending_check (parcel_id, supply_id)
		SELECT p.id, p.supply_id FROM parcel p WHERE p.supply_id = NEW.id
		ON CONFLICT DO NOTHING;
		RETURN NULL;
	END IF;
	INSERT INTO pending_check (parcel_id, supply_id)
	SELECT p.id, p.supply_id FROM parcel p
	WHERE (TG_OP <> 'INSERT' AND p.geom && OLD.geom) OR (TG_OP <> 'DELETE' AND p.geom && NEW.geom)
	ON CONFLICT DO NOTHING;
	RETURN NULL;
END
$$;
CREATE TRIGGER supply_reserve_named AFTER UPDATE OF reserve_number ON supply
	FOR EACH ROW WHEN (OLD.reserve_number IS DISTINCT FROM NEW.reserve_number)
	EXECUTE FUNCTION owe_reserve_checks();
CREATE TRIGGER reserve_parcel_checks AFTER INSERT OR UPDATE OR DELETE ON reserve_parcel
	FOR EACH ROW EXECUTE FUNCTION owe_reserve_checks();
