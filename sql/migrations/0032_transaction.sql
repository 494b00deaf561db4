-- Transfers, leases and mortgages (转让、出租、抵押) of supplied land,
-- entered within 7 working days after their registration (the 2008
-- notice). Each is on one supply, or on some of its parcels (parcel_ids),
-- and is known by its registration certificate number (不动产登记证明号).
-- The parties are stored alike for every kind: party_from is the
-- transferor, lessor or mortgagor, party_to the transferee, lessee or
-- mortgagee; amount_wan the price, the yearly rent or the secured amount.
CREATE TABLE land_transaction (
	id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	kind              text NOT NULL CHECK (kind IN ('transfer', 'lease', 'mortgage')),
	supply_id         bigint NOT NULL REFERENCES supply (id),
	-- the supply's, kept so that the record is scoped and counted as
	-- every other record is
	region_code       text NOT NULL REFERENCES region (code),
	parcel_ids        bigint[] NOT NULL DEFAULT '{}',
	party_from        text NOT NULL,
	party_to          text NOT NULL,
	amount_wan        double precision CHECK (amount_wan >= 0),
	area_ha           double precision NOT NULL CHECK (area_ha > 0),
	lease_years       double precision CHECK (lease_years IS NULL OR (lease_years > 0 AND kind = 'lease')),
	starts_on         date,
	ends_on           date CHECK (ends_on >= starts_on),
	certificate_no    text NOT NULL UNIQUE,
	registered_on     date NOT NULL,
	released_on       date CHECK (released_on IS NULL OR (released_on >= registered_on AND kind = 'mortgage')),
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
	updated_by        text NOT NULL
);
CREATE INDEX land_transaction_supply ON land_transaction (supply_id);
CREATE INDEX land_transaction_region ON land_transaction (region_code text_pattern_ops);
CREATE INDEX land_transaction_registered_on ON land_transaction (registered_on);
-- the map's mark of mortgaged land reads the mortgages not yet released
CREATE INDEX land_transaction_active_mortgage ON land_transaction (supply_id)
	WHERE kind = 'mortgage' AND released_on IS NULL;

-- Whoever submitted a change may not approve it, as for supplies (0017).
CREATE TRIGGER land_transaction_submitted_by BEFORE INSERT OR UPDATE ON land_transaction
	FOR EACH ROW EXECUTE FUNCTION supply_submitted_by();

CREATE TRIGGER land_transaction_history AFTER INSERT OR UPDATE OR DELETE ON land_transaction
	FOR EACH ROW EXECUTE FUNCTION record_version('transaction', 'id');

-- The supplies with a mortgage not yet released (抵押未注销), for the map
-- and the index: how many, the amount they secure and since when.
CREATE VIEW active_mortgage AS
SELECT supply_id, count(*) AS mortgages, sum(amount_wan) AS secured_wan, min(registered_on) AS since
FROM land_transaction
WHERE kind = 'mortgage' AND released_on IS NULL
GROUP BY supply_id;

-- A transaction on land suspected or determined idle and not disposed of
-- is accepted with a warning and flagged for a reviewer (DESIGN §4.2): a
-- finding of its own kind, one per transaction, naming it.
ALTER TABLE finding DROP CONSTRAINT IF EXISTS finding_kind_check;
ALTER TABLE finding ADD CONSTRAINT finding_kind_check
	CHECK (kind IN ('overlap', 'suspected_idle', 'late_entry', 'inconsistency', 'reserve_overlap', 'idle_transaction'));
ALTER TABLE finding ADD COLUMN transaction_id bigint REFERENCES land_transaction (id) ON DELETE SET NULL;
CREATE INDEX finding_transaction ON finding (transaction_id) WHERE transaction_id IS NOT NULL;
