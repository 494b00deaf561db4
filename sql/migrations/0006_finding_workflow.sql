-- A finding moves open → assigned → verified → determined | dismissed →
-- disposal → closed, each step with who, when and why, kept here.
CREATE TABLE finding_step (
	id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	finding_id  bigint NOT NULL REFERENCES finding (id) ON DELETE CASCADE,
	from_status text NOT NULL,
	to_status   text NOT NULL,
	assignee    text NOT NULL DEFAULT '',
	reason      text NOT NULL,
	actor       text NOT NULL,
	at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX finding_step_finding ON finding_step (finding_id, id);
