-- Administrative boundaries (行政区界线) of counties and townships, imported
-- from GeoJSON (`landwatch import --boundaries`). They outline the regions
-- on the map and narrow the region check of parcels from a province's
-- extent to the county's own boundary. A township's code is its county's
-- code followed by three digits; a county's or prefecture's is its 6-digit
-- division code.
CREATE TABLE region_boundary (
	code        text PRIMARY KEY CHECK (code ~ '^[0-9]{6}([0-9]{3})?$'),
	name        text NOT NULL,
	geom        geometry(MultiPolygon, 4490) NOT NULL,
	imported_at timestamptz NOT NULL DEFAULT now(),
	imported_by text NOT NULL
);
CREATE INDEX region_boundary_geom ON region_boundary USING gist (geom);
