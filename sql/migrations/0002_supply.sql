-- Supplies (供地): one row per grant, keyed nationally by the e-supervision
-- number (电子监管号). Fields follow the published supply result.
CREATE TABLE supply (
	id                       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	e_number                 text NOT NULL UNIQUE,
	kind                     text NOT NULL,
	method                   text NOT NULL,
	region_code              text NOT NULL REFERENCES region (code),
	district_name            text NOT NULL DEFAULT '',
	project_name             text NOT NULL DEFAULT '',
	location                 text NOT NULL DEFAULT '',
	area_ha                  double precision NOT NULL CHECK (area_ha > 0),
	source_text              text NOT NULL DEFAULT '',
	existing_construction_ha double precision,
	land_use_original        text NOT NULL,
	land_use_code            text NOT NULL,
	term_text                text NOT NULL DEFAULT '',
	term_years               integer,
	industry                 text NOT NULL DEFAULT '',
	land_grade               text NOT NULL DEFAULT '',
	price_wan                double precision CHECK (price_wan >= 0),
	holder                   text NOT NULL DEFAULT '',
	plot_ratio_min           double precision,
	plot_ratio_max           double precision,
	agreed_delivery          date,
	agreed_start             date,
	agreed_completion        date,
	contract_number          text NOT NULL DEFAULT '',
	contract_date            date,
	approved_by              text NOT NULL DEFAULT '',
	review_status            text NOT NULL DEFAULT 'submitted',
	-- stage is derived from the events by landwatch whenever they change;
	-- it is kept here only so that lists can filter on it.
	stage                    text NOT NULL DEFAULT 'supplied',
	version                  integer NOT NULL DEFAULT 1,
	created_at               timestamptz NOT NULL DEFAULT now(),
	updated_at               timestamptz NOT NULL DEFAULT now(),
	updated_by               text NOT NULL
);
CREATE INDEX supply_region ON supply (region_code text_pattern_ops);
CREATE INDEX supply_contract_date ON supply (contract_date);
CREATE INDEX supply_stage ON supply (stage);

-- Agreed payments (分期支付约定).
CREATE TABLE installment (
	supply_id  bigint NOT NULL REFERENCES supply (id) ON DELETE CASCADE,
	period     integer NOT NULL CHECK (period > 0),
	due_on     date,
	amount_wan double precision NOT NULL,
	PRIMARY KEY (supply_id, period)
);

-- Parcels (宗地): boundaries in CGCS2000 (EPSG:4490) with the plane area in
-- the Gauss-Krüger zone it was computed in.
CREATE TABLE parcel (
	id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	supply_id        bigint NOT NULL REFERENCES supply (id) ON DELETE CASCADE,
	number           text NOT NULL DEFAULT '',
	name             text NOT NULL DEFAULT '',
	land_use         text NOT NULL DEFAULT '',
	declared_area_ha double precision,
	geom             geometry(MultiPolygon, 4490) NOT NULL,
	plane_area_m2    double precision NOT NULL,
	gk_epsg          integer NOT NULL,
	version          integer NOT NULL DEFAULT 1,
	updated_at       timestamptz NOT NULL DEFAULT now(),
	updated_by       text NOT NULL
);
CREATE INDEX parcel_supply ON parcel (supply_id);
CREATE INDEX parcel_geom ON parcel USING gist (geom);

-- Development events: occurred_on is when it happened on the ground,
-- recorded_at when landwatch learned it.
CREATE TABLE event (
	id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	supply_id       bigint NOT NULL REFERENCES supply (id) ON DELETE CASCADE,
	kind            text NOT NULL,
	occurred_on     date NOT NULL,
	recorded_at     timestamptz NOT NULL DEFAULT now(),
	recorded_by     text NOT NULL,
	developed_share double precision CHECK (developed_share BETWEEN 0 AND 1),
	invested_share  double precision CHECK (invested_share BETWEEN 0 AND 1),
	cause           text NOT NULL DEFAULT '',
	disposal        text NOT NULL DEFAULT '',
	reason          text NOT NULL DEFAULT '',
	note            text NOT NULL DEFAULT '',
	imported        boolean NOT NULL DEFAULT false,
	version         integer NOT NULL DEFAULT 1
);
CREATE INDEX event_supply ON event (supply_id, occurred_on);
