-- Administrative divisions (行政区), seeded from GB/T 2260 by landwatch and
-- extended with codes that appear in records but no longer exist (merged
-- counties), which are kept with source 'inferred'.
CREATE TABLE region (
	code       text PRIMARY KEY CHECK (code ~ '^[0-9]{6}$'),
	name       text NOT NULL,
	level      text NOT NULL CHECK (level IN ('province', 'prefecture', 'county')),
	parent     text REFERENCES region (code),
	valid_from date,
	valid_to   date,
	source     text NOT NULL DEFAULT 'GB/T 2260'
);
CREATE INDEX region_parent ON region (parent);
