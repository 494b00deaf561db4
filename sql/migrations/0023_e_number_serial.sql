-- The serials of the e-supervision numbers landwatch issues (DESIGN §2): per
-- county, year and type letter, the last serial taken. A serial is taken
-- under this row's lock in a short transaction of its own, committed just
-- before the create's: concurrent creates of one county queue here for a
-- moment and never share a number, and a create that then fails leaves a
-- gap rather than a number that could be issued twice (its number may
-- already have been seen: an answer lost at commit names it). last only
-- grows, so a deleted supply's number is never issued again. Numbers
-- clerks give for historical records raise last past their serial, so an
-- issued number never meets one.
CREATE TABLE e_number_serial (
	county text NOT NULL CHECK (county ~ '^\d{6}$'),
	year integer NOT NULL,
	letter text NOT NULL CHECK (letter ~ '^[A-Z]$'),
	last integer NOT NULL CHECK (last BETWEEN 0 AND 99999),
	PRIMARY KEY (county, year, letter)
);

INSERT INTO e_number_serial (county, year, letter, last)
SELECT substr(e_number, 1, 6), substr(e_number, 7, 4)::integer, substr(e_number, 11, 1), max(substr(e_number, 12, 5)::integer)
FROM supply WHERE e_number ~ '^\d{10}[A-Z]\d{5}(-\d+)?$'
GROUP BY 1, 2, 3;

-- A create without a number or an Idempotency-Key has only its body to be
-- known by when it is sent again: the same account's same body is a retry.
CREATE INDEX supply_request_body ON supply_request (account, body_sha256) WHERE request_key IS NULL;
