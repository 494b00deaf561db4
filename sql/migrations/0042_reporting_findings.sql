-- Signs of false (虚报) or concealed (瞒报) reporting are findings of their
-- own kinds (issue 16, 通报): a construction start recorded where the
-- footprints show nothing built long after (start_unbuilt), a supply whose
-- declared area differs from its parcels' measured plane area (area_mismatch),
-- and a supply still without boundaries past the deadline after its entry
-- (no_boundary). Construction on land recorded as not started stays the
-- inconsistency finding it is. late_entry findings — one per record entered
-- late — now name records other than supplies, by their subject key and
-- figures. The kind check lists every kind (0005, 0029, 0032 and these).
ALTER TABLE finding DROP CONSTRAINT IF EXISTS finding_kind_check;
ALTER TABLE finding ADD CONSTRAINT finding_kind_check
	CHECK (kind IN ('overlap', 'suspected_idle', 'late_entry', 'inconsistency', 'reserve_overlap', 'idle_transaction',
		'start_unbuilt', 'area_mismatch', 'no_boundary'));
CREATE INDEX finding_kind_open ON finding (kind, region_code text_pattern_ops) WHERE status <> 'closed';
