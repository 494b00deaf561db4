-- The housing statistics and the supply list of a housing class (issue 16)
-- read the land uses as written of the housing supplies (07 住宅用地) to
-- classify them: a few distinct texts among many supplies, which a loose
-- scan of this index finds without reading the supplies.
CREATE INDEX supply_housing_original ON supply (land_use_original) WHERE land_use_code LIKE '07%';
