-- A disposal that lets development go on records the newly agreed start
-- (or the end of temporary use): the idle clock restarts from it (Order
-- No. 53 art. 12). An event seen by a field verification names it as its
-- source.
ALTER TABLE event
	ADD COLUMN IF NOT EXISTS new_start date,
	ADD COLUMN IF NOT EXISTS verification_id bigint REFERENCES verification (id) ON DELETE SET NULL;

-- Land fined (土地闲置费) and not being built stays idle until construction
-- starts or resumes after the fee; the stages derived before said otherwise.
WITH last_decision AS (
	SELECT DISTINCT ON (supply_id) supply_id, kind, disposal, occurred_on, recorded_at, id
	FROM event WHERE kind IN ('idle_determination', 'disposal')
	ORDER BY supply_id, occurred_on DESC, recorded_at DESC, id DESC
)
UPDATE supply s SET stage = 'idle'
FROM last_decision f
WHERE f.supply_id = s.id AND f.kind = 'disposal' AND f.disposal = 'fee'
	AND s.stage IN ('supplied', 'delivered', 'under_construction')
	-- nothing started or resumed after the fee
	AND NOT EXISTS (SELECT FROM event x WHERE x.supply_id = s.id AND x.kind IN ('construction_start', 'resumption')
		AND (x.occurred_on, x.recorded_at, x.id) > (f.occurred_on, f.recorded_at, f.id))
	-- and the land was not being built when fined
	AND coalesce((SELECT y.kind FROM event y WHERE y.supply_id = s.id
		AND y.kind IN ('construction_start', 'halt', 'resumption')
		AND (y.occurred_on, y.recorded_at, y.id) < (f.occurred_on, f.recorded_at, f.id)
		ORDER BY y.occurred_on DESC, y.recorded_at DESC, y.id DESC LIMIT 1), 'halt') = 'halt';
