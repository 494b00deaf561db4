package sql

import (
	"context"
	"encoding/json"
	"errors"
	"time"

	"github.com/jackc/pgx/v5"

	"landwatch/land"
)

// Account is a user as an administrator sees it.
type Account struct {
	land.User
	Disabled  bool      `json:"disabled"`
	CreatedAt time.Time `json:"created_at"`
	ChangedAt time.Time `json:"changed_at"`
}

// AccountChange is one change of an account; nil fields stay as they are.
// PasswordHash is already hashed (package auth).
type AccountChange struct {
	Role         *land.Role
	Region       *string
	Disabled     *bool
	PasswordHash *string
}

// CreateAccount adds a user with a role, a region and a password hash.
// The scope names who did it (for the audit log). A taken name is CodeConflict;
// an unknown role or region is CodeInvalid naming it.
func (s *Store) CreateAccount(ctx context.Context, sc land.Scope, u land.User, passwordHash string) (Account, error) {
	var a Account
	err := s.inTx(ctx, sc, func(tx pgx.Tx) error {
		if err := checkAccount(ctx, tx, u.Role, u.Region); err != nil {
			return err
		}
		err := tx.QueryRow(ctx, qCreateAccount, u.Name, string(u.Role), u.Region, passwordHash).
			Scan(&a.ID, &a.Name, &a.Role, &a.Region, &a.Disabled, &a.CreatedAt, &a.ChangedAt)
		if err != nil {
			return land.PrefixField(translate(err), "name")
		}
		return s.auditIn(ctx, tx, permissionEntry(sc, a.Name, map[string]any{"created": true, "role": a.Role, "region_code": a.Region}))
	})
	if land.ErrorCode(err) == land.CodeConflict {
		return Account{}, &land.Error{Code: land.CodeConflict, Field: "name", Message: "an account named " + u.Name + " exists"}
	}
	return a, err
}

// ChangeAccount changes an account's role, region, password or whether it
// is disabled. Disabling it, changing its role, region or password ends
// its sessions; disabling it or resetting its password revokes its tokens
// too (a reset is what follows a leaked password, and a token may have
// been made with it).
func (s *Store) ChangeAccount(ctx context.Context, sc land.Scope, name string, c AccountChange) (Account, error) {
	var a Account
	err := s.inTx(ctx, sc, func(tx pgx.Tx) error {
		if err := tx.QueryRow(ctx, qAccountByName, name).Scan(&a.ID, &a.Name, &a.Role, &a.Region, &a.Disabled, &a.CreatedAt, &a.ChangedAt); err != nil {
			if errors.Is(err, pgx.ErrNoRows) {
				return &land.Error{Code: land.CodeNotFound, Field: "name", Message: "no account named " + name}
			}
			return translate(err)
		}
		detail := map[string]any{}
		if c.Role != nil {
			a.Role, detail["role"] = *c.Role, *c.Role
		}
		if c.Region != nil {
			a.Region, detail["region_code"] = *c.Region, *c.Region
		}
		if err := checkAccount(ctx, tx, a.Role, a.Region); err != nil {
			return err
		}
		if c.Disabled != nil {
			a.Disabled, detail["disabled"] = *c.Disabled, *c.Disabled
		}
		if c.PasswordHash != nil {
			detail["password"] = "changed"
		}
		if err := tx.QueryRow(ctx, qChangeAccount, a.ID, string(a.Role), a.Region, a.Disabled, c.PasswordHash).Scan(&a.ChangedAt); err != nil {
			return translate(err)
		}
		if a.Disabled || c.PasswordHash != nil || c.Role != nil || c.Region != nil {
			if _, err := tx.Exec(ctx, `DELETE FROM session WHERE account_id = $1`, a.ID); err != nil {
				return translate(err)
			}
		}
		if a.Disabled || c.PasswordHash != nil {
			if _, err := tx.Exec(ctx, `UPDATE api_token SET revoked_at = now() WHERE account_id = $1 AND revoked_at IS NULL`, a.ID); err != nil {
				return translate(err)
			}
		}
		return s.auditIn(ctx, tx, permissionEntry(sc, a.Name, detail))
	})
	return a, err
}

// ListAccounts returns the accounts of the region's subtree (narrowed to
// the scope), by name.
func (s *Store) ListAccounts(ctx context.Context, sc land.Scope, region string) ([]Account, error) {
	prefix, err := regionArg(sc, region)
	if err != nil {
		return nil, err
	}
	rows, err := s.pool.Query(ctx, qListAccounts, prefix)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	out := []Account{}
	for rows.Next() {
		var a Account
		if err := rows.Scan(&a.ID, &a.Name, &a.Role, &a.Region, &a.Disabled, &a.CreatedAt, &a.ChangedAt); err != nil {
			return nil, translate(err)
		}
		out = append(out, a)
	}
	return out, translate(rows.Err())
}

// Credentials returns an enabled account's user and password hash for
// signing in; an unknown or disabled name is CodeNotFound.
func (s *Store) Credentials(ctx context.Context, name string) (land.User, string, error) {
	var u land.User
	var hash string
	err := s.door.QueryRow(ctx, qCredentials, name).Scan(&u.ID, &u.Name, &u.Role, &u.Region, &hash)
	if errors.Is(err, pgx.ErrNoRows) {
		return u, "", &land.Error{Code: land.CodeNotFound, Field: "name", Message: "no such account"}
	}
	return u, hash, translate(err)
}

func checkAccount(ctx context.Context, q querier, role land.Role, region string) error {
	if !role.Valid() {
		return land.Invalid("role", "%q is not a role (clerk, inspector, reviewer, analyst, admin)", role)
	}
	if region == land.NationCode {
		return nil
	}
	var known bool
	if err := q.QueryRow(ctx, `SELECT EXISTS (SELECT FROM region WHERE code = $1)`, region).Scan(&known); err != nil {
		return translate(err)
	}
	if !known {
		return land.Invalid("region_code", "%q is not a known region code (or 000000 for the nation)", region)
	}
	return nil
}

func permissionEntry(sc land.Scope, name string, detail map[string]any) AuditEntry {
	b, _ := json.Marshal(detail)
	return AuditEntry{Actor: sc.Actor(), Role: string(sc.Role()), Address: sc.Address(), Action: "permission_change", Target: "account/" + name, Detail: b}
}

const (
	accountColumns = `id, name, role, region_code, disabled, created_at, changed_at`
	qCreateAccount = `INSERT INTO account (name, role, region_code, password_hash) VALUES ($1, $2, $3, $4) RETURNING ` + accountColumns
	qAccountByName = `SELECT ` + accountColumns + ` FROM account WHERE name = $1 FOR UPDATE`
	qChangeAccount = `UPDATE account SET role = $2, region_code = $3, disabled = $4, password_hash = coalesce($5, password_hash), changed_at = now() WHERE id = $1 RETURNING changed_at`
	qListAccounts  = `SELECT ` + accountColumns + ` FROM account WHERE ($1::text IS NULL OR region_code LIKE $1 || '%') ORDER BY name`
	qCredentials   = `SELECT id, name, role, region_code, password_hash FROM account WHERE name = $1 AND NOT disabled`
)

// ChangeOwnPassword replaces the password of the scope's own account (its
// current password checked by the caller) and ends the account's other
// sessions: a password changed because it may have leaked must not leave
// a session made with it. The session whose secret hashes to keep (the
// one asking) stays; nil keeps none. Tokens stay: they are not the
// password, and each is revoked on its own.
func (s *Store) ChangeOwnPassword(ctx context.Context, sc land.Scope, passwordHash string, keep []byte) error {
	name := sc.Actor()
	return s.inTx(ctx, sc, func(tx pgx.Tx) error {
		var id int64
		err := tx.QueryRow(ctx, qChangeOwnPassword, name, passwordHash).Scan(&id)
		if errors.Is(err, pgx.ErrNoRows) {
			return &land.Error{Code: land.CodeNotFound, Field: "name", Message: "no enabled account named " + name}
		}
		if err != nil {
			return translate(err)
		}
		if _, err := tx.Exec(ctx, `DELETE FROM session WHERE account_id = $1 AND ($2::bytea IS NULL OR token_hash <> $2)`, id, keep); err != nil {
			return translate(err)
		}
		return s.auditIn(ctx, tx, permissionEntry(sc, name, map[string]any{"password": "changed", "own": true}))
	})
}

const qChangeOwnPassword = `UPDATE account SET password_hash = $2, changed_at = now() WHERE name = $1 AND NOT disabled RETURNING id`
