-- The map marks mortgaged land (抵押未注销, issue 15): the index and the
-- tiles carry the flag mortgaged of a supply with a mortgage not yet
-- released (the view active_mortgage). A mortgage registered, released,
-- moved to another supply or deleted changes that flag, so the change feed
-- names the supply as it does for an event: only its flags changed ('event'
-- draws its findings' areas anew only when its parcels or numbers did).
CREATE FUNCTION log_transaction_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO change_log (subject, subject_id, supply_id, op)
	SELECT 'supply', s, s, 'event' FROM (
		SELECT OLD.supply_id s WHERE TG_OP <> 'INSERT' AND OLD.kind = 'mortgage'
		UNION
		SELECT NEW.supply_id WHERE TG_OP <> 'DELETE' AND NEW.kind = 'mortgage'
	) x;
	IF FOUND THEN
		PERFORM pg_notify('landwatch_' || current_schema(), '');
	END IF;
	RETURN NULL;
END
$$;
CREATE TRIGGER land_transaction_change AFTER INSERT OR DELETE ON land_transaction
	FOR EACH ROW EXECUTE FUNCTION log_transaction_change();
CREATE TRIGGER land_transaction_mortgage_change AFTER UPDATE OF kind, supply_id, released_on ON land_transaction
	FOR EACH ROW WHEN (OLD.kind IS DISTINCT FROM NEW.kind OR OLD.supply_id IS DISTINCT FROM NEW.supply_id
		OR OLD.released_on IS DISTINCT FROM NEW.released_on)
	EXECUTE FUNCTION log_transaction_change();
