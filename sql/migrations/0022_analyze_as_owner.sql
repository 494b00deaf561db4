-- The service may run as a role that owns no table (so that it can only add
-- to the audit log), and ANALYZE is the owner's: run by that role it would
-- skip the table with a mere warning. The change feed refreshes the
-- planner's statistics of finding after a burst of findings (sql/feed.go)
-- through this function, which runs as its owner and can do nothing else.
-- Its search_path is the one of the migration: this schema, then public.
CREATE FUNCTION analyze_finding() RETURNS void LANGUAGE sql SECURITY DEFINER SET search_path FROM CURRENT
	AS 'ANALYZE finding';
