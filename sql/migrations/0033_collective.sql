-- Collective construction land (集体建设用地, issue 15): a supply of land a
-- village collective owns is the same record as a supply of state land —
-- lifecycle, stages, events, idle rule, overlap check, history, review,
-- timeliness — told apart by a flag, with its owner, the village collective
-- economic organisation (集体经济组织). The columns are in the supply row,
-- so that its history, its published version and the change feed follow
-- them as they follow every other column.
ALTER TABLE supply ADD COLUMN collective boolean NOT NULL DEFAULT false,
	ADD COLUMN collective_owner text NOT NULL DEFAULT '';
-- Whatever the door (psql, QGIS): collective land names its owner and is
-- not allocated (划拨) nor under authorised operation (授权经营); state land
-- names no collective owner. The domain says the same with field names.
ALTER TABLE supply ADD CONSTRAINT supply_collective_owner
	CHECK (CASE WHEN collective THEN collective_owner <> '' AND method NOT IN ('1', '6') ELSE collective_owner = '' END);
-- published_supply takes a supply's row whole (SELECT NEW.*): the same
-- columns in the same order.
ALTER TABLE published_supply ADD COLUMN collective boolean NOT NULL DEFAULT false,
	ADD COLUMN collective_owner text NOT NULL DEFAULT '';
CREATE INDEX supply_collective ON supply (id) WHERE collective;

-- The tiles mark collective parcels: a change of the flag is a change the
-- index must follow, as a change of the stage or the method is.
DROP TRIGGER supply_change ON supply;
CREATE TRIGGER supply_change AFTER UPDATE OF e_number, stage, method, land_use_code, contract_date, region_code, collective ON supply
	FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION log_change();
