-- The statistics of approved supplies (issue 16), kept by triggers whatever
-- the door writes supplies: per county × month of the contract × one
-- dimension, the method (dimension 'method') or the first-level land use
-- (dimension 'land_use'). Every statistic groups by one thing within a
-- region and a period, so these two narrow sets of cells answer them all; a
-- cube of county × month × method × use has about as many cells as a
-- province has supplies, and adding it up would cost what scanning the
-- supplies does (BENCHMARKS.md, statistics). Sums are numeric so that
-- adding and taking away a supply leaves them exactly equal to a direct sum.
-- month is the first day of the contract's month, -infinity without one.
CREATE TABLE supply_statistics (
	dimension       text NOT NULL CHECK (dimension IN ('method', 'land_use')),
	region_code     text NOT NULL,
	month           date NOT NULL,
	value           text NOT NULL,
	supplies        bigint NOT NULL,
	area_ha         numeric NOT NULL,
	price_wan       numeric NOT NULL,
	-- the supplies sold for a price, for the price per m²
	priced_supplies bigint NOT NULL,
	priced_area_ha  numeric NOT NULL,
	PRIMARY KEY (dimension, region_code, month, value)
);
CREATE INDEX supply_statistics_region ON supply_statistics (dimension, region_code text_pattern_ops, month);
CREATE INDEX supply_statistics_empty ON supply_statistics (region_code) WHERE supplies = 0;

-- supply_statistics_apply adds to the cells the approved rows of one
-- statement's transition tables, new ones counted in and old ones out.
-- Statement-level, so an import of thousands of rows touches each cell once,
-- in key order (two writers lock cells in the same order). Unchanged
-- cells are not written; emptied ones are removed.
CREATE FUNCTION supply_statistics_apply() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	source text := CASE TG_OP
		WHEN 'INSERT' THEN 'SELECT 1 AS sign, * FROM new_rows'
		WHEN 'DELETE' THEN 'SELECT -1 AS sign, * FROM old_rows'
		ELSE 'SELECT 1 AS sign, * FROM new_rows UNION ALL SELECT -1, * FROM old_rows' END;
BEGIN
	EXECUTE format($q$
	WITH d AS (%s), cells AS (
		SELECT dimension, region_code, coalesce(date_trunc('month', contract_date)::date, '-infinity') AS month,
			CASE dimension WHEN 'method' THEN method ELSE left(land_use_code, 2) END AS value, sum(sign) AS supplies,
			sum(sign * area_ha::numeric) AS area_ha, sum(sign * coalesce(price_wan, 0)::numeric) AS price_wan,
			sum(sign) FILTER (WHERE price_wan > 0) AS priced_supplies,
			sum(sign * area_ha::numeric) FILTER (WHERE price_wan > 0) AS priced_area_ha
		FROM d CROSS JOIN (VALUES ('method'), ('land_use')) AS dims (dimension) WHERE review_status = 'approved'
		GROUP BY 1, 2, 3, 4
		HAVING sum(sign) <> 0 OR sum(sign * area_ha::numeric) <> 0 OR sum(sign * coalesce(price_wan, 0)::numeric) <> 0
		ORDER BY 1, 2, 3, 4
	)
	INSERT INTO supply_statistics AS s
	SELECT dimension, region_code, month, value, supplies, area_ha, price_wan,
		coalesce(priced_supplies, 0), coalesce(priced_area_ha, 0)
	FROM cells
	ON CONFLICT (dimension, region_code, month, value) DO UPDATE SET
		supplies = s.supplies + EXCLUDED.supplies, area_ha = s.area_ha + EXCLUDED.area_ha,
		price_wan = s.price_wan + EXCLUDED.price_wan, priced_supplies = s.priced_supplies + EXCLUDED.priced_supplies,
		priced_area_ha = s.priced_area_ha + EXCLUDED.priced_area_ha
	$q$, source);
	-- a statement of a query cannot see its own writes: emptied cells go in a second one
	DELETE FROM supply_statistics WHERE supplies = 0;
	RETURN NULL;
END
$$;
CREATE TRIGGER supply_statistics_insert AFTER INSERT ON supply
	REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION supply_statistics_apply();
CREATE TRIGGER supply_statistics_update AFTER UPDATE ON supply
	REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION supply_statistics_apply();
CREATE TRIGGER supply_statistics_delete AFTER DELETE ON supply
	REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION supply_statistics_apply();

INSERT INTO supply_statistics
SELECT dimension, region_code, coalesce(date_trunc('month', contract_date)::date, '-infinity'),
	CASE dimension WHEN 'method' THEN method ELSE left(land_use_code, 2) END,
	count(*), sum(area_ha::numeric), sum(coalesce(price_wan, 0)::numeric),
	count(*) FILTER (WHERE price_wan > 0), coalesce(sum(area_ha::numeric) FILTER (WHERE price_wan > 0), 0)
FROM supply CROSS JOIN (VALUES ('method'), ('land_use')) AS dims (dimension)
WHERE review_status = 'approved'
GROUP BY 1, 2, 3, 4;
