-- Every record of the register a clerk enters within a deadline, in one
-- view: its kind, its region, when it was entered and how late. Reserves,
-- supply plans, announcements, deals and transactions each measure their
-- lag from their own legal day (DESIGN §4.1) into the same two columns, so
-- that timeliness, the 通报 and the late_entry findings count them alike.
-- Supplies and events keep their own counts (an event's entry is not a
-- record's).
CREATE VIEW record_entry AS
	SELECT 'reserve'::text AS kind, id, region_code, lag_workdays, late, created_at FROM reserve
	UNION ALL
	SELECT 'plan', id, region_code, lag_workdays, late, created_at FROM supply_plan
	UNION ALL
	SELECT 'announcement', id, region_code, lag_workdays, late, created_at FROM announcement
	UNION ALL
	SELECT 'deal', id, region_code, lag_workdays, late, created_at FROM deal
	UNION ALL
	SELECT 'transaction', id, region_code, lag_workdays, late, created_at FROM land_transaction;
