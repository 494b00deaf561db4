-- The verdicts a field team gives (issue 5): idle confirmed, started,
-- developed and invested shares measured, not idle. Earlier verdicts are
-- renamed to the nearest word.
ALTER TABLE verification DROP CONSTRAINT verification_verdict_check;
UPDATE verification SET verdict = CASE verdict
	WHEN 'confirmed' THEN 'idle_confirmed'
	WHEN 'rejected' THEN 'not_idle'
	ELSE 'measured' END;
ALTER TABLE verification ADD CONSTRAINT verification_verdict_check
	CHECK (verdict IN ('idle_confirmed', 'started', 'measured', 'not_idle'));

-- What a photo says about itself (EXIF): when and where it was taken, and
-- its size in pixels. Missing when the camera did not write it.
ALTER TABLE verification_photo
	ADD COLUMN taken_at timestamptz,
	ADD COLUMN taken_position geometry(Point, 4490),
	ADD COLUMN width integer,
	ADD COLUMN height integer;

-- Determinations (认定) and disposals (处置) of idle land are decisions
-- with a document number (文号); a fee disposal keeps the fee computed.
ALTER TABLE event
	ADD COLUMN document_no text NOT NULL DEFAULT '',
	ADD COLUMN fee_wan double precision;
ALTER TABLE finding_step
	ADD COLUMN document_no text NOT NULL DEFAULT '',
	ADD COLUMN decided_on date;
