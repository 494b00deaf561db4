-- The audit log (审计日志): who did what, from where, to what, and when.
-- Each entry carries the SHA-256 of its contents and of the entry before it
-- (computed by landwatch, sql/audit_chain.go), so an entry changed or
-- removed afterwards breaks the chain at that point and
-- `landwatch audit verify` names it.
CREATE TABLE audit_log (
	id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	at        timestamptz NOT NULL,
	actor     text NOT NULL CHECK (actor <> ''),  -- a user name, 'public' or 'system'
	role      text NOT NULL DEFAULT '',
	address   text NOT NULL DEFAULT '',           -- the client's IP address
	action    text NOT NULL CHECK (action <> ''), -- sign_in, write, export, prune …
	target    text NOT NULL DEFAULT '',           -- 'supply/123', a path …
	detail    jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(detail) = 'object'),
	prev_hash bytea CHECK (length(prev_hash) = 32), -- NULL only for the first entry ever
	hash      bytea NOT NULL CHECK (length(hash) = 32)
);
-- Two entries with the same predecessor would fork the chain: refused even
-- if the appenders' serialisation ever failed. NULLS NOT DISTINCT allows one
-- first entry only.
CREATE UNIQUE INDEX audit_log_prev_hash ON audit_log (prev_hash) NULLS NOT DISTINCT;
CREATE INDEX audit_log_actor ON audit_log (actor, id);
CREATE INDEX audit_log_action ON audit_log (action, id);
CREATE INDEX audit_log_at ON audit_log (at);

-- The log is append-only. Entries may be deleted only by retention pruning:
-- inside a transaction that set landwatch.audit_prune = 'on', and only
-- entries older than the legal minimum retention of 183 days (the store's
-- AuditMinRetention). Updates and truncation are always refused. The table
-- owner can still disable the triggers; the hash chain is what shows it.
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'DELETE' AND current_setting('landwatch.audit_prune', true) = 'on' THEN
		IF OLD.at < now() - interval '183 days' THEN
			RETURN OLD;
		END IF;
	END IF;
	RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP
		USING ERRCODE = 'insufficient_privilege',
		HINT = 'entries older than 183 days are removed by landwatch audit prune';
END
$$;

CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
	FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
	FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
