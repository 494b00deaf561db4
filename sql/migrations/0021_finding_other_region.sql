-- An overlap of two supplies of different regions belongs to both: each
-- county finds it among its own, and the province above both sees it whole.
-- other_region_code is the region of other_supply_id ('' when the finding
-- concerns one supply). What each county is shown of the other side is the
-- service's rule (supervision/confidential.go), not the table's.
ALTER TABLE finding ADD COLUMN other_region_code text NOT NULL DEFAULT '';
UPDATE finding f SET other_region_code = s.region_code FROM supply s WHERE s.id = f.other_supply_id;
CREATE INDEX finding_other_region ON finding (other_region_code text_pattern_ops) WHERE other_region_code <> '';
