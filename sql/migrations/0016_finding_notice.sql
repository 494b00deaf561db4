-- The investigation notice of suspected idle land (闲置土地调查通知书, Order
-- No. 53 art. 9): due 30 days after the suspicion is found, recorded with
-- its number and the day it was issued.
ALTER TABLE finding
	ADD COLUMN notice_due_on date,
	ADD COLUMN notice_no text NOT NULL DEFAULT '',
	ADD COLUMN noticed_on date,
	-- A suspicion found again after a dismissal names the dismissed finding
	-- and what changed since (new event, new verification, another year).
	ADD COLUMN follows bigint REFERENCES finding (id) ON DELETE SET NULL,
	ADD COLUMN reopened_because text NOT NULL DEFAULT '';

-- A step that is not a change of status says what it is: the notice, or a
-- field verification that moved the finding.
ALTER TABLE finding_step ADD COLUMN step text NOT NULL DEFAULT '';

-- Suspicions found before the notice was tracked get their clock from the
-- day they were found, in Beijing time as the law's days are. The maps do
-- not draw the clock: the change feed need not hear of it.
ALTER TABLE finding DISABLE TRIGGER finding_change;
UPDATE finding SET notice_due_on = (detected_at AT TIME ZONE 'Asia/Shanghai')::date + 30
WHERE kind = 'suspected_idle';
ALTER TABLE finding ENABLE TRIGGER finding_change;

-- A scan looks up the last finding of a subject, closed ones included, to
-- see whether it was dismissed.
CREATE INDEX finding_subject ON finding (kind, subject_key, id);
