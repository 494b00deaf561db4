-- What the public sees of announcements (with their lots), deals and supply
-- plans: the last approved version of each, as published_supply is for
-- supplies (0017). A correction of a published record waits for review
-- without taking the record off the public side (出让公告 and 成交公示 must
-- stay published while their terms run); the approved correction then
-- replaces it, a returned one leaves it as it was. Kept by triggers,
-- whatever the door (review, batch review, import, seed).
CREATE TABLE published_announcement (LIKE announcement INCLUDING DEFAULTS);
ALTER TABLE published_announcement ADD PRIMARY KEY (id);
CREATE INDEX published_announcement_region ON published_announcement (region_code text_pattern_ops);
CREATE TABLE published_lot (LIKE lot INCLUDING DEFAULTS);
ALTER TABLE published_lot ADD PRIMARY KEY (id);
CREATE INDEX published_lot_announcement ON published_lot (announcement_id);
CREATE TABLE published_deal (LIKE deal INCLUDING DEFAULTS);
ALTER TABLE published_deal ADD PRIMARY KEY (id);
CREATE INDEX published_deal_announcement ON published_deal (announcement_id);
CREATE TABLE published_supply_plan (LIKE supply_plan INCLUDING DEFAULTS);
ALTER TABLE published_supply_plan ADD PRIMARY KEY (id);

-- An announcement is published with its lots as they are when the
-- transaction that approved it commits: a correction rewrites the
-- announcement's row before or after its lots, so the copy is taken at
-- commit (a deferred constraint trigger), from the rows as they then are.
CREATE FUNCTION publish_announcement() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	ann_id bigint := coalesce(NEW.id, OLD.id);
BEGIN
	IF EXISTS (SELECT 1 FROM announcement a WHERE a.id = ann_id AND a.review_status = 'approved') THEN
		DELETE FROM published_lot l WHERE l.announcement_id = ann_id;
		DELETE FROM published_announcement a WHERE a.id = ann_id;
		INSERT INTO published_announcement SELECT * FROM announcement a WHERE a.id = ann_id;
		INSERT INTO published_lot SELECT * FROM lot l WHERE l.announcement_id = ann_id;
	ELSIF NOT EXISTS (SELECT 1 FROM announcement a WHERE a.id = ann_id) THEN
		DELETE FROM published_lot l WHERE l.announcement_id = ann_id;
		DELETE FROM published_announcement a WHERE a.id = ann_id;
	END IF;
	RETURN NULL;
END
$$;
CREATE CONSTRAINT TRIGGER announcement_publish AFTER INSERT OR UPDATE OR DELETE ON announcement
	DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION publish_announcement();

-- A deal or a plan is one row: its copy is written with it, by one
-- function for both (published_ and the table's name).
CREATE FUNCTION publish_row() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	copy text := 'published_' || TG_TABLE_NAME;
BEGIN
	IF TG_OP = 'DELETE' OR NEW.review_status = 'approved' THEN
		EXECUTE format('DELETE FROM %I WHERE id = $1', copy) USING coalesce(NEW.id, OLD.id);
	END IF;
	IF TG_OP <> 'DELETE' AND NEW.review_status = 'approved' THEN
		EXECUTE format('INSERT INTO %I SELECT ($1).*', copy) USING NEW;
	END IF;
	RETURN NULL;
END
$$;
CREATE TRIGGER deal_publish AFTER INSERT OR UPDATE OR DELETE ON deal
	FOR EACH ROW EXECUTE FUNCTION publish_row();
CREATE TRIGGER supply_plan_publish AFTER INSERT OR UPDATE OR DELETE ON supply_plan
	FOR EACH ROW EXECUTE FUNCTION publish_row();

INSERT INTO published_announcement SELECT * FROM announcement WHERE review_status = 'approved';
INSERT INTO published_lot SELECT l.* FROM lot l JOIN published_announcement a ON a.id = l.announcement_id;
INSERT INTO published_deal SELECT * FROM deal WHERE review_status = 'approved';
INSERT INTO published_supply_plan SELECT * FROM supply_plan WHERE review_status = 'approved';
