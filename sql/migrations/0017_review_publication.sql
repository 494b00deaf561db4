-- Who submitted a record for review (送审人), kept apart from who last
-- touched it: whoever submitted a change may not approve it (separation of
-- duties). Set by the database whatever the door, from the actor of the
-- transaction (landwatch.actor), else the row's updated_by.
ALTER TABLE supply ADD COLUMN submitted_by text NOT NULL DEFAULT '';
UPDATE supply SET submitted_by = updated_by WHERE review_status = 'submitted';

CREATE FUNCTION supply_submitted_by() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF NEW.review_status = 'submitted' AND (TG_OP = 'INSERT' OR OLD.review_status IS DISTINCT FROM 'submitted'
			OR NEW.version IS DISTINCT FROM OLD.version) THEN
		NEW.submitted_by := coalesce(nullif(current_setting('landwatch.actor', true), ''), NEW.updated_by);
	END IF;
	RETURN NEW;
END
$$;
CREATE TRIGGER supply_submitted_by BEFORE INSERT OR UPDATE ON supply
	FOR EACH ROW EXECUTE FUNCTION supply_submitted_by();

-- What the public sees (DESIGN §1, §9): the last approved version of each
-- supply. A correction of an approved record waits for review without
-- taking the record off the public side; the approved correction then
-- replaces what was published. Same columns as supply, kept by a trigger
-- whatever the door.
CREATE TABLE published_supply (LIKE supply INCLUDING DEFAULTS);
ALTER TABLE published_supply ADD PRIMARY KEY (id);
CREATE UNIQUE INDEX published_supply_e_number ON published_supply (e_number);
CREATE INDEX published_supply_region ON published_supply (region_code text_pattern_ops);

CREATE FUNCTION publish_supply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'DELETE' THEN
		DELETE FROM published_supply WHERE id = OLD.id;
	ELSIF NEW.review_status = 'approved' THEN
		DELETE FROM published_supply WHERE id = NEW.id;
		INSERT INTO published_supply SELECT NEW.*;
	END IF;
	RETURN NULL;
END
$$;
CREATE TRIGGER supply_publish AFTER INSERT OR UPDATE OR DELETE ON supply
	FOR EACH ROW EXECUTE FUNCTION publish_supply();
INSERT INTO published_supply SELECT * FROM supply WHERE review_status = 'approved';
