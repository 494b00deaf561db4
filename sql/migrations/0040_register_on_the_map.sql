-- The map marks mortgaged land (抵押未注销, issue 15): the index and the
-- tiles carry the flag mortgaged of a supply with a mortgage not yet
-- released (the view active_mortgage). A mortgage registered, released,
-- moved to another supply or deleted changes that flag, so the change feed
-- names the supply as it does for an event: only its flags changed ('event'
-- draws its findings' areas anew only when its parcels or numbers did).
CREATE FUNCTION log_transaction_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF 'mortgage' NOT IN (coalesce(OLD.kind, ''), coalesce(NEW.kind, '')) THEN
		RETURN NULL; -- a transfer or a lease marks nothing on the map
	END IF;
	INSERT INTO change_log (subject, subject_id, supply_id, op)
	SELECT DISTINCT 'supply', s, s, 'event' FROM unnest(ARRAY[OLD.supply_id, NEW.supply_id]) s WHERE s IS NOT NULL;
	PERFORM pg_notify('landwatch_' || current_schema(), '');
	RETURN NULL;
END
$$;
CREATE TRIGGER land_transaction_change AFTER INSERT OR DELETE ON land_transaction
	FOR EACH ROW EXECUTE FUNCTION log_transaction_change();
CREATE TRIGGER land_transaction_mortgage_change AFTER UPDATE OF kind, supply_id, released_on ON land_transaction
	FOR EACH ROW WHEN (OLD.kind IS DISTINCT FROM NEW.kind OR OLD.supply_id IS DISTINCT FROM NEW.supply_id
		OR OLD.released_on IS DISTINCT FROM NEW.released_on)
	EXECUTE FUNCTION log_transaction_change();

-- The map outlines lots announced and not sold yet (issue 15): the index
-- and the tiles carry each parcel of such a lot (the view lot_outline,
-- status unsold) as a subject of its own, 'lot'. A lot's parcel written or
-- removed, its lot renumbered, its announcement's region or number
-- changed, or a deal made or withdrawn (sold or not) names the lot's
-- parcels. The list of subjects is 0028's with lot added.
ALTER TABLE change_log DROP CONSTRAINT IF EXISTS change_log_subject_check;
ALTER TABLE change_log ADD CONSTRAINT change_log_subject_check
	CHECK (subject IN ('parcel', 'supply', 'finding', 'footprint', 'reserve', 'lot'));

CREATE FUNCTION log_lot_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	lots bigint[];
BEGIN
	-- each table's own columns, read only in its branch
	IF TG_TABLE_NAME = 'lot_parcel' THEN
		INSERT INTO change_log (subject, subject_id, op)
		VALUES ('lot', CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END, lower(TG_OP));
		PERFORM pg_notify('landwatch_' || current_schema(), '');
		RETURN NULL;
	ELSIF TG_TABLE_NAME = 'deal' THEN
		lots := ARRAY[OLD.lot_id, NEW.lot_id];
	ELSIF TG_TABLE_NAME = 'lot' THEN
		lots := ARRAY[NEW.id];
	ELSE
		SELECT array_agg(l.id) INTO lots FROM lot l WHERE l.announcement_id = NEW.id;
	END IF;
	INSERT INTO change_log (subject, subject_id, op)
	SELECT 'lot', p.id, 'update' FROM lot_parcel p WHERE p.lot_id = ANY (lots);
	IF FOUND THEN
		PERFORM pg_notify('landwatch_' || current_schema(), '');
	END IF;
	RETURN NULL;
END
$$;
CREATE TRIGGER lot_parcel_change AFTER INSERT OR UPDATE OR DELETE ON lot_parcel
	FOR EACH ROW EXECUTE FUNCTION log_lot_change();
CREATE TRIGGER deal_lot_change AFTER INSERT OR DELETE OR UPDATE OF lot_id ON deal
	FOR EACH ROW EXECUTE FUNCTION log_lot_change();
CREATE TRIGGER lot_outline_change AFTER UPDATE OF number ON lot
	FOR EACH ROW WHEN (OLD.number IS DISTINCT FROM NEW.number) EXECUTE FUNCTION log_lot_change();
CREATE TRIGGER announcement_outline_change AFTER UPDATE OF number, region_code ON announcement
	FOR EACH ROW WHEN ((OLD.number, OLD.region_code) IS DISTINCT FROM (NEW.number, NEW.region_code))
	EXECUTE FUNCTION log_lot_change();
