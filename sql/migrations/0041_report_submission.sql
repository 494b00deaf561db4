-- Quarterly analysis report submissions (季度分析报告上报, 2008 notice, 三):
-- a report is generated from the statistics whenever it is asked for and
-- never stored; what is stored is its region's steps, reviewed then
-- submitted, by whom and when. One row per region and period (2018Q1,
-- 2018H1, 2018Q1-3, 2018); each step is a new version of the row.
CREATE TABLE report_submission (
	id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	region_code  text NOT NULL REFERENCES region (code),
	period       text NOT NULL CHECK (period ~ '^[0-9]{4}(Q1|H1|Q1-3)?$'),
	state        text NOT NULL CHECK (state IN ('reviewed', 'submitted')),
	reviewed_by  text NOT NULL,
	reviewed_at  timestamptz NOT NULL,
	submitted_by text NOT NULL DEFAULT '',
	submitted_at timestamptz,
	version      integer NOT NULL DEFAULT 1,
	updated_at   timestamptz NOT NULL DEFAULT now(),
	updated_by   text NOT NULL,
	UNIQUE (region_code, period),
	CHECK ((state = 'submitted') = (submitted_at IS NOT NULL))
);
CREATE INDEX report_submission_period ON report_submission (period, region_code);

-- Every version, in the history by record kind (0028).
CREATE TRIGGER report_submission_history AFTER INSERT OR UPDATE OR DELETE ON report_submission
	FOR EACH ROW EXECUTE FUNCTION record_version('report', 'id');
