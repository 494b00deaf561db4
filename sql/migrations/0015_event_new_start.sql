-- A disposal that lets development go on records the newly agreed start
-- (or the end of temporary use): the idle clock restarts from it (Order
-- No. 53 art. 12). An event seen by a field verification names it as its
-- source.
ALTER TABLE event
	ADD COLUMN new_start date,
	ADD COLUMN verification_id bigint REFERENCES verification (id) ON DELETE SET NULL;
