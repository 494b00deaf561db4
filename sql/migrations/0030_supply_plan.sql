-- Supply plan (供地计划): a region's yearly plan of land to supply, by land
-- use class, published with its document number (文号). One plan per region
-- and year; a revision is a new version of the same row. Its progress is
-- computed from the approved supplies of the region, never stored.
CREATE TABLE supply_plan (
	id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	region_code       text NOT NULL REFERENCES region (code),
	year              integer NOT NULL CHECK (year BETWEEN 1990 AND 2100),
	doc_number        text NOT NULL DEFAULT '',
	title             text NOT NULL DEFAULT '',
	published_on      date NOT NULL,
	commerce_ha       double precision NOT NULL DEFAULT 0 CHECK (commerce_ha >= 0),
	industry_ha       double precision NOT NULL DEFAULT 0 CHECK (industry_ha >= 0),
	housing_ha        double precision NOT NULL DEFAULT 0 CHECK (housing_ha >= 0),
	affordable_ha     double precision NOT NULL DEFAULT 0 CHECK (affordable_ha >= 0),
	shanty_ha         double precision NOT NULL DEFAULT 0 CHECK (shanty_ha >= 0),
	small_units_ha    double precision NOT NULL DEFAULT 0 CHECK (small_units_ha >= 0),
	other_housing_ha  double precision NOT NULL DEFAULT 0 CHECK (other_housing_ha >= 0),
	public_ha         double precision NOT NULL DEFAULT 0 CHECK (public_ha >= 0),
	transport_ha      double precision NOT NULL DEFAULT 0 CHECK (transport_ha >= 0),
	water_ha          double precision NOT NULL DEFAULT 0 CHECK (water_ha >= 0),
	special_ha        double precision NOT NULL DEFAULT 0 CHECK (special_ha >= 0),
	lag_workdays      integer,
	late              boolean NOT NULL DEFAULT false,
	review_status     text NOT NULL DEFAULT 'submitted' CHECK (review_status IN ('submitted', 'approved', 'returned')),
	review_reason     text NOT NULL DEFAULT '',
	reviewed_by       text NOT NULL DEFAULT '',
	reviewed_at       timestamptz,
	submitted_by      text NOT NULL DEFAULT '',
	version           integer NOT NULL DEFAULT 1,
	created_at        timestamptz NOT NULL DEFAULT now(),
	updated_at        timestamptz NOT NULL DEFAULT now(),
	updated_by        text NOT NULL,
	UNIQUE (region_code, year),
	-- the housing sub-classes are parts of housing (small slack for rounding)
	CHECK (affordable_ha + shanty_ha + small_units_ha + other_housing_ha <= housing_ha + 1e-6)
);
CREATE INDEX supply_plan_region ON supply_plan (region_code text_pattern_ops);

-- Whoever submitted a plan may not approve it, as for supplies (0017).
CREATE TRIGGER supply_plan_submitted_by BEFORE INSERT OR UPDATE ON supply_plan
	FOR EACH ROW EXECUTE FUNCTION supply_submitted_by();

-- Every version, in the history by record kind (0028).
CREATE TRIGGER supply_plan_history AFTER INSERT OR UPDATE OR DELETE ON supply_plan
	FOR EACH ROW EXECUTE FUNCTION record_version('plan', 'id');

