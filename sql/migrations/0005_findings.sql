-- Findings (核查线索): what a rule flagged for a person to look at. An open
-- finding is unique per kind and subject, so running a scan again updates it
-- instead of adding a second one; a closed finding stays as a record.
CREATE TABLE finding (
	id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	kind            text NOT NULL CHECK (kind IN ('overlap', 'suspected_idle', 'late_entry', 'inconsistency')),
	subject_key     text NOT NULL,
	supply_id       bigint REFERENCES supply (id) ON DELETE SET NULL,
	other_supply_id bigint REFERENCES supply (id) ON DELETE SET NULL,
	parcel_id       bigint,
	other_parcel_id bigint,
	region_code     text NOT NULL,
	rule            text NOT NULL,
	grade           text NOT NULL DEFAULT '',
	figures         jsonb NOT NULL DEFAULT '{}',
	-- where it is: for an overlap, the shared area itself
	geom            geometry(MultiPolygon, 4490),
	status          text NOT NULL DEFAULT 'open',
	assignee        text NOT NULL DEFAULT '',
	detected_at     timestamptz NOT NULL DEFAULT now(),
	checked_at      timestamptz NOT NULL DEFAULT now(),
	closed_at       timestamptz,
	closed_reason   text NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX finding_open ON finding (kind, subject_key) WHERE status <> 'closed';
CREATE INDEX finding_supply ON finding (supply_id);
CREATE INDEX finding_other_supply ON finding (other_supply_id);
CREATE INDEX finding_region ON finding (region_code text_pattern_ops);
CREATE INDEX finding_geom ON finding USING gist (geom);

-- A finding opened, changed or closed changes how its supplies are drawn
-- (the overlap flag, the overlaps layer): tell the index listeners.
CREATE FUNCTION log_finding_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	f finding;
BEGIN
	IF TG_OP = 'DELETE' THEN
		f := OLD;
	ELSE
		f := NEW;
	END IF;
	INSERT INTO change_log (parcel_id, supply_id, op)
	SELECT NULL, s, 'finding' FROM unnest(ARRAY[f.supply_id, f.other_supply_id]) s WHERE s IS NOT NULL;
	PERFORM pg_notify('landwatch_' || current_schema(), '');
	RETURN NULL;
END
$$;

CREATE TRIGGER finding_change AFTER INSERT OR UPDATE OR DELETE ON finding
	FOR EACH ROW EXECUTE FUNCTION log_finding_change();
