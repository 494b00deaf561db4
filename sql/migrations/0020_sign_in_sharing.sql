-- Several instances behind a balancer must agree on who is signed in and
-- who is locked out (DESIGN §12).
--
-- Failed sign-ins, counted per key (an account and address pair, an
-- account alone, an address alone: package auth names the keys and their
-- ramps), so that guesses spread over the instances add up.
CREATE TABLE sign_in_failure (
	key          text PRIMARY KEY,
	failures     integer NOT NULL DEFAULT 0,
	first_at     timestamptz NOT NULL DEFAULT 'epoch',
	locked_until timestamptz NOT NULL DEFAULT 'epoch'
);
-- Old counts are swept by the time they last mattered.
CREATE INDEX sign_in_failure_stale ON sign_in_failure (greatest(first_at, locked_until));

-- Every instance remembers checked sessions and tokens for a few seconds.
-- A change that may end one — a session deleted, a token revoked, an
-- account disabled, its role, region or password changed — is announced
-- on a channel of its own, from a trigger so that no way of writing can
-- forget it, and inside the writing transaction, so that the notice leaves
-- exactly when the change commits. The notice carries no payload: such
-- changes are rare, a listener forgets everything it remembers, and
-- PostgreSQL folds the notices of one transaction into one.
CREATE FUNCTION announce_identity_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM pg_notify('landwatch_identity_' || current_schema(), '');
	RETURN NULL;
END
$$;

CREATE TRIGGER session_end AFTER DELETE ON session
	FOR EACH ROW EXECUTE FUNCTION announce_identity_change();
CREATE TRIGGER api_token_change AFTER UPDATE OR DELETE ON api_token
	FOR EACH ROW EXECUTE FUNCTION announce_identity_change();
CREATE TRIGGER account_change AFTER UPDATE OF role, region_code, disabled, password_hash OR DELETE ON account
	FOR EACH ROW EXECUTE FUNCTION announce_identity_change();
