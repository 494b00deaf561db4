-- What made each supply created through the API: who asked, the client's
-- Idempotency-Key if it sent one, and a digest of the request's body. A
-- create retried after its answer was lost (a restart, a dropped
-- connection) is answered with the record it made instead of a conflict;
-- the same key or number with another body is still a conflict. Written in
-- the create's own transaction, so a record never exists without it.
CREATE TABLE supply_request (
	supply_id   bigint PRIMARY KEY REFERENCES supply (id) ON DELETE CASCADE,
	account     text NOT NULL,
	request_key text CHECK (length(request_key) BETWEEN 1 AND 255),
	body_sha256 bytea NOT NULL,
	status      integer NOT NULL DEFAULT 201,
	created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX supply_request_key ON supply_request (account, request_key) WHERE request_key IS NOT NULL;
