-- What a field team recorded on site about a finding (实地核查记录): where
-- they stood (and how precisely), when, what they saw, and their photos,
-- each kept with its SHA-256 so that it can be shown unchanged.
CREATE TABLE verification (
	id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	finding_id      bigint NOT NULL REFERENCES finding (id) ON DELETE CASCADE,
	inspector       text NOT NULL,
	position        geometry(Point, 4490) NOT NULL,
	accuracy_m      double precision NOT NULL CHECK (accuracy_m >= 0),
	distance_m      double precision NOT NULL,
	observed_at     timestamptz NOT NULL,
	recorded_at     timestamptz NOT NULL DEFAULT now(),
	verdict         text NOT NULL CHECK (verdict IN ('confirmed', 'rejected', 'unclear')),
	developed_share double precision CHECK (developed_share BETWEEN 0 AND 1),
	invested_share  double precision CHECK (invested_share BETWEEN 0 AND 1),
	notes           text NOT NULL DEFAULT ''
);
CREATE INDEX verification_finding ON verification (finding_id);

CREATE TABLE verification_photo (
	verification_id bigint NOT NULL REFERENCES verification (id) ON DELETE CASCADE,
	n               integer NOT NULL,
	sha256          text NOT NULL,
	content_type    text NOT NULL,
	data            bytea NOT NULL,
	PRIMARY KEY (verification_id, n)
);
