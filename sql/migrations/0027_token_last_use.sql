-- When a bearer token was last used, so that its owner can tell a token
-- still in use from one forgotten (and revoke the latter). Written at most
-- once a minute per token, when the token is looked up (sql/sessions.go):
-- a script's every request must not become a write.
ALTER TABLE api_token ADD COLUMN last_used_at timestamptz;
