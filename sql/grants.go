package sql

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"landwatch/land"
)

// RoleOf is the role a connection to url logs in as (the URL's user, or
// what libpq's defaults make of a URL without one).
func RoleOf(url string) (string, error) {
	cfg, err := pgconn.ParseConfig(url)
	if err != nil {
		return "", land.Wrap(land.CodeInvalid, err, "DATABASE_URL")
	}
	return cfg.User, nil
}

// GrantService gives role, the service's login role, exactly what the
// service needs on the tables of the store's schema, which the store's
// role owns and has just migrated: reading and writing every table, the
// sequences, reading the migrations applied, and on audit_log reading and
// adding entries only. Without UPDATE, DELETE, TRUNCATE or ownership the
// service's role cannot change or remove an entry, nor disable the
// append-only trigger, nor set session_replication_role (a superuser's);
// only the owner can, and the keyed chain shows what it did. It runs after
// every migration run, so the tables of later migrations are covered, and
// it first takes away whatever else role held on them. A role that is the
// owner, may become it, or is a superuser is refused: it would protect
// nothing.
func (s *Store) GrantService(ctx context.Context, role string) error {
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return translate(err)
	}
	defer tx.Rollback(ctx)
	// Instances starting together would change the same catalog rows at
	// once ("tuple concurrently updated"): they take turns, as with the
	// migrations.
	if _, err := tx.Exec(ctx, qMigrationLock); err != nil {
		return translate(err)
	}
	var owner, schema string
	var super, member, usage bool
	err = tx.QueryRow(ctx, qServiceRole, role).Scan(&owner, &schema, &super, &member, &usage)
	if errors.Is(err, pgx.ErrNoRows) {
		return land.Invalid("DATABASE_URL", "the service's role %q does not exist: create it (scripts/run does) or name another", role)
	}
	if err != nil {
		return translate(err)
	}
	if super || member {
		return land.Invalid("DATABASE_URL", "the service's role %q is the tables' owner %q, may act as it or is a superuser: it could rewrite the audit log; "+
			"give the service a role of its own, or leave LANDWATCH_MIGRATE_URL unset to run as the owner knowingly", role, owner)
	}
	grantee := pgx.Identifier{role}.Sanitize()
	if !usage {
		if _, err := tx.Exec(ctx, "GRANT USAGE ON SCHEMA "+pgx.Identifier{schema}.Sanitize()+" TO "+grantee); err != nil {
			return translate(err)
		}
	}
	rows, err := tx.Query(ctx, qOwnedRelations)
	if err != nil {
		return translate(err)
	}
	type relation struct{ name, kind string }
	rels, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (relation, error) {
		var x relation
		return x, r.Scan(&x.name, &x.kind)
	})
	if err != nil {
		return translate(err)
	}
	for _, r := range rels {
		name := pgx.Identifier{schema, r.name}.Sanitize()
		on := "TABLE " + name
		if r.kind == "S" {
			on = "SEQUENCE " + name
		}
		grant := fmt.Sprintf("REVOKE ALL ON %s FROM %s; GRANT %s ON %s TO %s", on, grantee, servicePrivileges(r.name, r.kind), on, grantee)
		if _, err := tx.Exec(ctx, grant, pgx.QueryExecModeSimpleProtocol); err != nil {
			return fmt.Errorf("grant %s to %s: %w", r.name, role, translate(err))
		}
	}
	return translate(tx.Commit(ctx))
}

// servicePrivileges are the privileges of the service's role on the owner's
// relation name of kind (pg_class.relkind).
func servicePrivileges(name, kind string) string {
	switch {
	case kind == "S":
		return "USAGE, SELECT" // nextval, as inserts and the audit log's numbering need
	case name == "audit_log":
		return "SELECT, INSERT" // append-only, whatever the trigger says
	case name == "schema_migration":
		return "SELECT" // migrations are the owner's
	default:
		return "SELECT, INSERT, UPDATE, DELETE"
	}
}

const (
	// qServiceRole: the owner (this connection's role), the schema, and
	// whether the role $1 could act as the owner or as anyone, and may
	// already use the schema.
	qServiceRole = `SELECT current_user::text, current_schema()::text, r.rolsuper,
	pg_has_role(r.oid, (SELECT oid FROM pg_roles WHERE rolname = current_user), 'MEMBER'),
	has_schema_privilege(r.oid, current_schema(), 'USAGE')
FROM pg_roles r WHERE r.rolname = $1`
	// qOwnedRelations are the tables, views and sequences of the schema
	// that the owner owns (not PostGIS's spatial_ref_sys, say).
	qOwnedRelations = `SELECT c.relname::text, c.relkind::text FROM pg_class c
WHERE c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema())
	AND c.relowner = (SELECT oid FROM pg_roles WHERE rolname = current_user)
	AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
ORDER BY c.relname`
)
