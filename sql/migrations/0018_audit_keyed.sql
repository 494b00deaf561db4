-- The audit chain is keyed: an entry's hash is an HMAC-SHA-256 under a key
-- kept outside the database (LANDWATCH_AUDIT_KEY), so that whoever can write
-- the table, its owner included, cannot recompute the hashes after changing
-- an entry. key_id names the key an entry was sealed with (the first bytes
-- of an HMAC of a fixed text under the key, which tells nothing of the key);
-- '' marks the entries sealed before a key was set, by plain SHA-256, which
-- verify reports as such. Once an entry is keyed, every later one must be.
ALTER TABLE audit_log ADD COLUMN key_id text NOT NULL DEFAULT '';
