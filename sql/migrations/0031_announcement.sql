-- Transfer announcements (出让公告) with their lots (宗地), and the deal
-- publicity (成交公示) of each lot: what is published before and after a
-- tender, auction or listing (the 2008 notice, section 二). A supply result
-- names the lot it came from, so that the chain plan → lot → deal →
-- supply can be followed from any of them.
CREATE TABLE announcement (
	id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	number             text NOT NULL,
	region_code        text NOT NULL REFERENCES region (code),
	authority          text NOT NULL DEFAULT '',
	method             text NOT NULL CHECK (method IN ('tender', 'auction', 'listing')),
	announced_on       date NOT NULL,
	registration_start date,
	registration_end   date,
	bidding_start      date NOT NULL,
	bidding_end        date,
	lag_workdays       integer,
	late               boolean NOT NULL DEFAULT false,
	review_status      text NOT NULL DEFAULT 'submitted' CHECK (review_status IN ('submitted', 'approved', 'returned')),
	review_reason      text NOT NULL DEFAULT '',
	reviewed_by        text NOT NULL DEFAULT '',
	reviewed_at        timestamptz,
	submitted_by       text NOT NULL DEFAULT '',
	version            integer NOT NULL DEFAULT 1,
	created_at         timestamptz NOT NULL DEFAULT now(),
	updated_at         timestamptz NOT NULL DEFAULT now(),
	updated_by         text NOT NULL,
	-- numbers are the issuing office's own: unique within a region only
	UNIQUE (region_code, number)
);
CREATE INDEX announcement_region ON announcement (region_code text_pattern_ops);
CREATE INDEX announcement_announced_on ON announcement (announced_on);

CREATE TRIGGER announcement_submitted_by BEFORE INSERT OR UPDATE ON announcement
	FOR EACH ROW EXECUTE FUNCTION supply_submitted_by();

-- A lot of an announcement. supply_id is the supply result it became: the
-- link lives here so that the supply's columns stay the supply's, and a
-- supply can become of one lot only.
CREATE TABLE lot (
	id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	announcement_id      bigint NOT NULL REFERENCES announcement (id) ON DELETE CASCADE,
	number               text NOT NULL,
	location             text NOT NULL DEFAULT '',
	area_ha              double precision NOT NULL CHECK (area_ha > 0),
	land_use_original    text NOT NULL DEFAULT '',
	land_use_code        text NOT NULL DEFAULT '',
	term_years           integer,
	plot_ratio_min       double precision,
	plot_ratio_max       double precision,
	building_density_max double precision CHECK (building_density_max BETWEEN 0 AND 100),
	green_ratio_min      double precision CHECK (green_ratio_min BETWEEN 0 AND 100),
	starting_price_wan   double precision CHECK (starting_price_wan >= 0),
	bid_step_wan         double precision CHECK (bid_step_wan >= 0),
	deposit_wan          double precision CHECK (deposit_wan >= 0),
	supply_id            bigint UNIQUE REFERENCES supply (id) ON DELETE SET NULL,
	version              integer NOT NULL DEFAULT 1,
	updated_at           timestamptz NOT NULL DEFAULT now(),
	updated_by           text NOT NULL,
	UNIQUE (announcement_id, number)
);

-- A lot's boundary, in the form of a reserve's (reserve_parcel), kept
-- apart from supply parcels. announcement_id is filled from the lot so
-- that the announcement's history names its lots' boundaries.
CREATE TABLE lot_parcel (
	id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	lot_id           bigint NOT NULL REFERENCES lot (id) ON DELETE CASCADE,
	announcement_id  bigint,
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
CREATE INDEX lot_parcel_lot ON lot_parcel (lot_id);
CREATE INDEX lot_parcel_geom ON lot_parcel USING gist (geom);

CREATE FUNCTION lot_parcel_announcement() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	SELECT announcement_id INTO NEW.announcement_id FROM lot WHERE id = NEW.lot_id;
	RETURN NEW;
END
$$;
CREATE TRIGGER lot_parcel_announcement BEFORE INSERT OR UPDATE ON lot_parcel
	FOR EACH ROW EXECUTE FUNCTION lot_parcel_announcement();

-- The deal publicity of a lot: at most one per lot. region_code is the
-- announcement's, kept here under the name every record's timeliness is
-- counted by.
CREATE TABLE deal (
	id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	announcement_id    bigint NOT NULL REFERENCES announcement (id),
	lot_id             bigint NOT NULL UNIQUE REFERENCES lot (id),
	region_code        text NOT NULL REFERENCES region (code),
	winner             text NOT NULL,
	price_wan          double precision NOT NULL CHECK (price_wan > 0),
	deal_on            date NOT NULL,
	publicity_start    date,
	publicity_end      date,
	lag_workdays       integer,
	late               boolean NOT NULL DEFAULT false,
	review_status      text NOT NULL DEFAULT 'submitted' CHECK (review_status IN ('submitted', 'approved', 'returned')),
	review_reason      text NOT NULL DEFAULT '',
	reviewed_by        text NOT NULL DEFAULT '',
	reviewed_at        timestamptz,
	submitted_by       text NOT NULL DEFAULT '',
	version            integer NOT NULL DEFAULT 1,
	created_at         timestamptz NOT NULL DEFAULT now(),
	updated_at         timestamptz NOT NULL DEFAULT now(),
	updated_by         text NOT NULL
);
CREATE INDEX deal_region ON deal (region_code text_pattern_ops);
CREATE INDEX deal_announcement ON deal (announcement_id);

CREATE TRIGGER deal_submitted_by BEFORE INSERT OR UPDATE ON deal
	FOR EACH ROW EXECUTE FUNCTION supply_submitted_by();

-- Every version: an announcement's history holds its lots, their
-- boundaries and their deals; a deal's its own.
CREATE TRIGGER announcement_history AFTER INSERT OR UPDATE OR DELETE ON announcement
	FOR EACH ROW EXECUTE FUNCTION record_version('announcement', 'id');
CREATE TRIGGER lot_history AFTER INSERT OR UPDATE OR DELETE ON lot
	FOR EACH ROW EXECUTE FUNCTION record_version('announcement', 'announcement_id');
CREATE TRIGGER lot_parcel_history AFTER INSERT OR UPDATE OR DELETE ON lot_parcel
	FOR EACH ROW EXECUTE FUNCTION record_version('announcement', 'announcement_id');
CREATE TRIGGER deal_history AFTER INSERT OR UPDATE OR DELETE ON deal
	FOR EACH ROW EXECUTE FUNCTION record_version('deal', 'id');
CREATE TRIGGER deal_announcement_history AFTER INSERT OR UPDATE OR DELETE ON deal
	FOR EACH ROW EXECUTE FUNCTION record_version('announcement', 'announcement_id');

-- What the map needs to outline announced land: each lot's boundary with
-- the lot's status (sold once it has a deal).
CREATE VIEW lot_outline AS
SELECT p.id AS parcel_id, p.lot_id, l.announcement_id, a.number AS announcement_number, l.number AS lot_number,
	a.region_code, l.land_use_code, l.supply_id,
	CASE WHEN d.id IS NULL THEN 'unsold' ELSE 'sold' END AS status, p.geom
FROM lot_parcel p
JOIN lot l ON l.id = p.lot_id
JOIN announcement a ON a.id = l.announcement_id
LEFT JOIN deal d ON d.lot_id = l.id;
