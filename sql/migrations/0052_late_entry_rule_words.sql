-- A late entry's finding is read by county clerks and provincial
-- reviewers: its rule said "event #622 entered 22 working days after its
-- date" in English. It now says it in the words of the 2008 notice's
-- register, made by one function for the scan and for the findings
-- still open (a closed one keeps the words it was closed with).
CREATE FUNCTION late_entry_rule(record text, record_id bigint, lag_workdays integer) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
	SELECT format('迟报：%s #%s 在其日期后第 %s 个工作日才录入',
		CASE record
			WHEN 'event' THEN '开发事件'
			WHEN 'supply' THEN '供地'
			WHEN 'reserve' THEN '储备地块'
			WHEN 'deal' THEN '成交结果'
			WHEN 'plan' THEN '供地计划'
			WHEN 'announcement' THEN '出让公告'
			WHEN 'transaction' THEN '转让、出租或抵押'
			ELSE record
		END, record_id, lag_workdays)
$$;

UPDATE finding SET rule = late_entry_rule(figures->>'record', (figures->>'record_id')::bigint, (figures->>'lag_workdays')::integer)
WHERE kind = 'late_entry' AND status <> 'closed'
	AND figures ? 'record' AND figures ? 'record_id' AND figures ? 'lag_workdays';
