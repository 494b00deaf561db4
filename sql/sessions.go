package sql

import (
	"context"
	"errors"
	"time"

	"github.com/jackc/pgx/v5"

	"landwatch/land"
)

// Session is a signed-in browser: who, and the CSRF token its writes must
// carry.
type Session struct {
	User      land.User
	CSRF      string
	ExpiresAt time.Time
}

// Token is a bearer token for scripts and GIS clients; the secret itself is
// shown once, when it is made, and kept only as a hash.
type Token struct {
	ID        int64      `json:"id"`
	Name      string     `json:"name"`
	Account   string     `json:"account"`
	CreatedAt time.Time  `json:"created_at"`
	RevokedAt *time.Time `json:"revoked_at,omitempty"`
	// LastUsedAt is when the token was last presented, to the minute
	// (tokenUseEvery); nil when it never was.
	LastUsedAt *time.Time `json:"last_used_at"`
}

// tokenUseEvery is how stale a token's last use may be before a lookup
// writes it again: a script sending many requests costs one write a
// minute, not one a request.
const tokenUseEvery = "1 minute"

// SignIn records a session for the user, its secret kept as hash, and the
// sign-in in the audit log, together.
func (s *Store) SignIn(ctx context.Context, u land.User, hash []byte, csrf, address string, expires time.Time) error {
	return inTxOn(ctx, s.door, u.Name, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `DELETE FROM session WHERE expires_at < now()`); err != nil {
			return translate(err)
		}
		if _, err := tx.Exec(ctx, qCreateSession, hash, u.ID, csrf, address, expires); err != nil {
			return translate(err)
		}
		return s.auditIn(ctx, tx, AuditEntry{Actor: u.Name, Role: string(u.Role), Address: address, Action: "sign_in", Target: "session"})
	})
}

// SessionOf returns the live session whose secret hashes to hash, of an
// enabled account; otherwise CodeUnauthorized.
func (s *Store) SessionOf(ctx context.Context, hash []byte) (Session, error) {
	var ss Session
	err := s.door.QueryRow(ctx, qSessionOf, hash).Scan(&ss.User.ID, &ss.User.Name, &ss.User.Role, &ss.User.Region, &ss.CSRF, &ss.ExpiresAt)
	if errors.Is(err, pgx.ErrNoRows) {
		return ss, land.Errorf(land.CodeUnauthorized, "the session has ended: sign in again")
	}
	return ss, translate(err)
}

// SignOut ends the session whose secret hashes to hash, signed out in sc.
func (s *Store) SignOut(ctx context.Context, sc land.Scope, hash []byte) error {
	return s.inTx(ctx, sc, func(tx pgx.Tx) error {
		_, err := tx.Exec(ctx, `DELETE FROM session WHERE token_hash = $1`, hash)
		return err
	})
}

// CreateToken records a bearer token of the user named name.
func (s *Store) CreateToken(ctx context.Context, sc land.Scope, account, name string, hash []byte) (Token, error) {
	t := Token{Name: name, Account: account}
	err := s.inTx(ctx, sc, func(tx pgx.Tx) error {
		err := tx.QueryRow(ctx, qCreateToken, account, name, hash).Scan(&t.ID, &t.CreatedAt)
		if errors.Is(err, pgx.ErrNoRows) {
			return &land.Error{Code: land.CodeNotFound, Field: "account", Message: "no enabled account named " + account}
		}
		if err != nil {
			return translate(err)
		}
		return s.auditIn(ctx, tx, permissionEntry(sc, account, map[string]any{"token": name, "token_id": t.ID, "created": true}))
	})
	return t, err
}

// RevokeToken revokes a token of an account in the scope's region.
func (s *Store) RevokeToken(ctx context.Context, sc land.Scope, id int64) error {
	prefix, err := regionArg(sc, "")
	if err != nil {
		return err
	}
	return s.inTx(ctx, sc, func(tx pgx.Tx) error {
		var account string
		err := tx.QueryRow(ctx, qRevokeToken, id, prefix).Scan(&account)
		if errors.Is(err, pgx.ErrNoRows) {
			return &land.Error{Code: land.CodeNotFound, Field: "id", Message: "no such token in your region"}
		}
		if err != nil {
			return translate(err)
		}
		return s.auditIn(ctx, tx, permissionEntry(sc, account, map[string]any{"token_id": id, "revoked": true}))
	})
}

// Tokens lists the tokens of the accounts in the region's subtree (narrowed
// to the scope).
func (s *Store) Tokens(ctx context.Context, sc land.Scope, region string) ([]Token, error) {
	prefix, err := regionArg(sc, region)
	if err != nil {
		return nil, err
	}
	rows, err := s.pool.Query(ctx, qTokens, prefix)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	out := []Token{}
	for rows.Next() {
		var t Token
		if err := rows.Scan(&t.ID, &t.Name, &t.Account, &t.CreatedAt, &t.RevokedAt, &t.LastUsedAt); err != nil {
			return nil, translate(err)
		}
		out = append(out, t)
	}
	return out, translate(rows.Err())
}

// TokenUser returns the user of a live token whose secret hashes to hash,
// noting its use (at most once a tokenUseEvery); otherwise
// CodeUnauthorized.
func (s *Store) TokenUser(ctx context.Context, hash []byte) (land.User, error) {
	var u land.User
	err := s.door.QueryRow(ctx, qTokenUser, hash).Scan(&u.ID, &u.Name, &u.Role, &u.Region)
	if errors.Is(err, pgx.ErrNoRows) {
		return u, land.Errorf(land.CodeUnauthorized, "the token is unknown or revoked")
	}
	return u, translate(err)
}

const (
	qCreateSession = `INSERT INTO session (token_hash, account_id, csrf, address, expires_at) VALUES ($1, $2, $3, $4, $5)`
	qSessionOf     = `SELECT a.id, a.name, a.role, a.region_code, s.csrf, s.expires_at
FROM session s JOIN account a ON a.id = s.account_id
WHERE s.token_hash = $1 AND s.expires_at > now() AND NOT a.disabled`
	qCreateToken = `INSERT INTO api_token (account_id, name, token_hash)
SELECT id, $2, $3 FROM account WHERE name = $1 AND NOT disabled RETURNING id, created_at`
	qRevokeToken = `UPDATE api_token t SET revoked_at = coalesce(t.revoked_at, now())
FROM account a WHERE a.id = t.account_id AND t.id = $1 AND ($2::text IS NULL OR a.region_code LIKE $2 || '%') RETURNING a.name`
	qTokens = `SELECT t.id, t.name, a.name, t.created_at, t.revoked_at, t.last_used_at
FROM api_token t JOIN account a ON a.id = t.account_id WHERE ($1::text IS NULL OR a.region_code LIKE $1 || '%') ORDER BY t.id`
	qTokenUser = `WITH live AS (
	SELECT t.id AS token_id, t.last_used_at, a.id, a.name, a.role, a.region_code
	FROM api_token t JOIN account a ON a.id = t.account_id
	WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND NOT a.disabled
), used AS (
	UPDATE api_token SET last_used_at = now()
	FROM live WHERE api_token.id = live.token_id
	AND (live.last_used_at IS NULL OR live.last_used_at < now() - interval '` + tokenUseEvery + `')
)
SELECT id, name, role, region_code FROM live`
)
