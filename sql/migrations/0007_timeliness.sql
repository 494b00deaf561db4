-- Timeliness (DESIGN §4.1): each development event keeps its lag in working
-- days from the day it happened to the day it was recorded, and whether that
-- was later than the threshold. Imported events (from published records)
-- have no lag: when they were first recorded is not known.
ALTER TABLE event ADD COLUMN lag_workdays integer, ADD COLUMN late boolean NOT NULL DEFAULT false;
CREATE INDEX event_late ON event (supply_id) WHERE late;

-- An event changes how its supply is drawn (overdue and late flags) even
-- when the stage stays: tell the index listeners.
CREATE FUNCTION log_event_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO change_log (parcel_id, supply_id, op)
	VALUES (NULL, CASE WHEN TG_OP = 'DELETE' THEN OLD.supply_id ELSE NEW.supply_id END, 'event');
	PERFORM pg_notify('landwatch_' || current_schema(), '');
	RETURN NULL;
END
$$;

CREATE TRIGGER event_change AFTER INSERT OR UPDATE OR DELETE ON event
	FOR EACH ROW EXECUTE FUNCTION log_event_change();
