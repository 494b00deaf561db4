package supervision

import (
	"context"
	"time"

	"landwatch/land"
	"landwatch/sql"
)

// Accounts, sessions, tokens and the audit log. The doors authenticate
// (passwords, cookies, bearer tokens); the records and their audit entries
// are written here.

// CreateAccount adds an account with a role, a region inside the scope's
// and a password hash.
func (s *Service) CreateAccount(ctx context.Context, sc land.Scope, u land.User, passwordHash string) (sql.Account, error) {
	if err := u.CheckText(); err != nil {
		return sql.Account{}, err
	}
	if err := sc.Allow(land.PermAdmin, u.Region); err != nil {
		return sql.Account{}, err
	}
	return s.store.CreateAccount(ctx, sc, u, passwordHash)
}

// ChangeAccount changes an account's role, region, password or whether it
// is disabled.
func (s *Service) ChangeAccount(ctx context.Context, sc land.Scope, name string, c sql.AccountChange) (sql.Account, error) {
	if err := sc.Allow(land.PermAdmin, ""); err != nil {
		return sql.Account{}, err
	}
	return s.store.ChangeAccount(ctx, sc, name, c)
}

// ChangeOwnPassword replaces the password of the scope's own account,
// whose current password the door has checked, and ends its other
// sessions (all but the one whose secret hashes to keep).
func (s *Service) ChangeOwnPassword(ctx context.Context, sc land.Scope, passwordHash string, keep []byte) error {
	if sc.IsSystem() || sc.User() == nil {
		return land.Errorf(land.CodeForbidden, "only a signed-in account changes its own password")
	}
	return s.store.ChangeOwnPassword(ctx, sc, passwordHash, keep)
}

// Accounts lists the accounts of a region's subtree inside the scope.
func (s *Service) Accounts(ctx context.Context, sc land.Scope, region string) ([]sql.Account, error) {
	return s.store.ListAccounts(ctx, sc, region)
}

// Credentials returns an enabled account's user and password hash.
func (s *Service) Credentials(ctx context.Context, name string) (land.User, string, error) {
	return s.store.Credentials(ctx, name)
}

// SignIn records a session of u.
func (s *Service) SignIn(ctx context.Context, u land.User, hash []byte, csrf, address string, expires time.Time) error {
	return s.store.SignIn(ctx, u, hash, csrf, address, expires)
}

// SessionOf returns the session whose secret hashes to hash.
func (s *Service) SessionOf(ctx context.Context, hash []byte) (sql.Session, error) {
	return s.store.SessionOf(ctx, hash)
}

// SignOut ends a session.
func (s *Service) SignOut(ctx context.Context, sc land.Scope, hash []byte) error {
	return s.store.SignOut(ctx, sc, hash)
}

// CreateToken records a bearer token of an account.
func (s *Service) CreateToken(ctx context.Context, sc land.Scope, account, name string, hash []byte) (sql.Token, error) {
	if err := land.CheckTokenName(name); err != nil {
		return sql.Token{}, err
	}
	return s.store.CreateToken(ctx, sc, account, name, hash)
}

// RevokeToken revokes a token of an account in the scope's region.
func (s *Service) RevokeToken(ctx context.Context, sc land.Scope, id int64) error {
	return s.store.RevokeToken(ctx, sc, id)
}

// Tokens lists the tokens of the accounts of a region inside the scope.
func (s *Service) Tokens(ctx context.Context, sc land.Scope, region string) ([]sql.Token, error) {
	return s.store.Tokens(ctx, sc, region)
}

// TokenUser returns the user of a bearer token.
func (s *Service) TokenUser(ctx context.Context, hash []byte) (land.User, error) {
	return s.store.TokenUser(ctx, hash)
}

// Audit appends entries to the audit log.
func (s *Service) Audit(ctx context.Context, entries ...sql.AuditEntry) error {
	return s.store.AuditBatch(ctx, entries)
}

// AuditLog returns a page of the audit log, newest first (a region's
// administrator sees its accounts' entries only).
func (s *Service) AuditLog(ctx context.Context, sc land.Scope, f sql.AuditFilter) ([]sql.AuditEntry, bool, error) {
	if err := sc.Allow(land.PermAdmin, ""); err != nil {
		return nil, false, err
	}
	return s.store.ListAudit(ctx, sc, f)
}

// VerifyAudit checks the audit log's hash chain, and with anchor that the
// log still holds the entry the anchor names as it was (sql.Store.VerifyAudit).
func (s *Service) VerifyAudit(ctx context.Context, anchor *sql.AuditAnchor) (sql.AuditReport, error) {
	return s.store.VerifyAudit(ctx, anchor)
}

// AnchorAudit returns the head of the audit log, for an operator to keep
// outside the database.
func (s *Service) AnchorAudit(ctx context.Context) (sql.AuditAnchor, error) {
	return s.store.AnchorAudit(ctx)
}

// PruneAudit removes the audit entries older than a time, keeping the
// chain verifiable.
func (s *Service) PruneAudit(ctx context.Context, olderThan time.Time) (int64, error) {
	return s.store.PruneAudit(ctx, olderThan)
}
