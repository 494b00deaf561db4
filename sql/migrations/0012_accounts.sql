-- Who may sign in (DESIGN §1, §9): each account has one role and one region;
-- it sees and changes that region's subtree only. Passwords are kept as
-- bcrypt hashes; sessions and tokens as SHA-256 hashes of the secret, so a
-- copy of the database signs nobody in.
CREATE TABLE account (
	id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	name          text NOT NULL UNIQUE CHECK (name ~ '^[a-z0-9][a-z0-9._-]{1,62}$'),
	role          text NOT NULL CHECK (role IN ('clerk', 'inspector', 'reviewer', 'analyst', 'admin')),
	region_code   text NOT NULL CHECK (region_code ~ '^[0-9]{6}$'),
	password_hash text NOT NULL,
	disabled      boolean NOT NULL DEFAULT false,
	created_at    timestamptz NOT NULL DEFAULT now(),
	changed_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE session (
	token_hash bytea PRIMARY KEY,
	account_id bigint NOT NULL REFERENCES account (id) ON DELETE CASCADE,
	csrf       text NOT NULL,
	address    text NOT NULL,
	created_at timestamptz NOT NULL DEFAULT now(),
	expires_at timestamptz NOT NULL
);
CREATE INDEX session_account ON session (account_id);

CREATE TABLE api_token (
	id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	account_id bigint NOT NULL REFERENCES account (id) ON DELETE CASCADE,
	name       text NOT NULL,
	token_hash bytea NOT NULL UNIQUE,
	created_at timestamptz NOT NULL DEFAULT now(),
	revoked_at timestamptz
);
CREATE INDEX api_token_account ON api_token (account_id);

-- The review of a supply (审核): a clerk's new or changed record is
-- submitted; a reviewer of the province approves it or returns it with a
-- reason. The columns live on the supply, so every step is in its history.
ALTER TABLE supply
	ADD COLUMN review_reason text NOT NULL DEFAULT '',
	ADD COLUMN reviewed_by text NOT NULL DEFAULT '',
	ADD COLUMN reviewed_at timestamptz;
ALTER TABLE supply ADD CONSTRAINT supply_review_status_check
	CHECK (review_status IN ('submitted', 'approved', 'returned'));
