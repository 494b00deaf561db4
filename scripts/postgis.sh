# shellcheck shell=bash
# Sourced by scripts/run and scripts/test: makes sure a PostGIS is reachable and
# exports DATABASE_URL. With DATABASE_URL already set, it only checks that URL.
# Otherwise it installs PostgreSQL and PostGIS from the distribution's packages
# when they are missing, starts the local cluster, and creates two login roles
# and the database named by $1 with the postgis extension: "landwatch", which
# owns the database and its tables and runs the migrations, and
# "landwatch_app", which owns nothing and is what the service runs as, so that
# it may only add to the audit log (landwatch grants it what it needs after
# each migration run). DATABASE_URL is then the owner's URL and APP_URL the
# service role's; the caller chooses which setting gets which.

say() { printf 'landwatch: %s\n' "$*" >&2; }

as_root() {
	if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

as_postgres() {
	if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi
}

pg_major() {
	ls /usr/lib/postgresql 2>/dev/null | sort -n | tail -n 1
}

install_postgis() {
	local major
	major=$(pg_major)
	if [ -n "$major" ] && ls /usr/share/postgresql/"$major"/extension/postgis.control >/dev/null 2>&1; then
		return 0
	fi
	say "installing PostgreSQL and PostGIS from the distribution's packages (apt-get)"
	as_root apt-get update -qq
	if [ -z "$major" ]; then
		as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
		major=$(pg_major)
	fi
	as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "postgresql-$major-postgis-3" >/dev/null
}

start_cluster() {
	local major port
	major=$(pg_major)
	if ! pg_lsclusters -h 2>/dev/null | awk -v m="$major" '$1 == m && $2 == "main"' | grep -q .; then
		say "creating PostgreSQL $major cluster 'main'"
		as_root pg_createcluster "$major" main >/dev/null
	fi
	if ! pg_lsclusters -h | awk -v m="$major" '$1 == m && $2 == "main" {print $4}' | grep -q online; then
		say "starting PostgreSQL $major cluster 'main'"
		as_root pg_ctlcluster "$major" main start
	fi
	port=$(pg_lsclusters -h | awk -v m="$major" '$1 == m && $2 == "main" {print $3}')
	PGPORT_LOCAL=$port
}

create_database() {
	local db=$1
	as_postgres psql -p "$PGPORT_LOCAL" -qAt -v ON_ERROR_STOP=1 <<SQL >/dev/null
DO \$\$ BEGIN
	IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'landwatch') THEN
		CREATE ROLE landwatch LOGIN PASSWORD 'landwatch' CREATEDB;
	END IF;
END \$\$;
SQL
	if ! as_postgres psql -p "$PGPORT_LOCAL" -qAt -c "SELECT 1 FROM pg_database WHERE datname = '$db'" | grep -q 1; then
		say "creating database '$db' with the postgis extension"
		as_postgres createdb -p "$PGPORT_LOCAL" -O landwatch "$db"
	fi
	as_postgres env PGOPTIONS="-c client_min_messages=warning" psql -p "$PGPORT_LOCAL" -qAt -d "$db" -v ON_ERROR_STOP=1 \
		-c "CREATE EXTENSION IF NOT EXISTS postgis" >/dev/null
}

# create_app_role: the service's login role, created once. It is no superuser,
# creates no databases or roles and belongs to no role, so that what the owner
# grants it is all it may do.
create_app_role() {
	as_postgres psql -p "$PGPORT_LOCAL" -qAt -v ON_ERROR_STOP=1 <<SQL >/dev/null
DO \$\$ BEGIN
	IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'landwatch_app') THEN
		CREATE ROLE landwatch_app LOGIN PASSWORD 'landwatch_app' NOSUPERUSER NOCREATEDB NOCREATEROLE;
	END IF;
END \$\$;
SQL
}

# ensure_postgis DBNAME: sets and exports DATABASE_URL (the owner's), and sets
# APP_URL to the service role's URL when it set up the local cluster itself
# (empty when DATABASE_URL was given).
ensure_postgis() {
	local db=$1
	APP_URL=
	if [ -n "${DATABASE_URL:-}" ]; then
		say "using the PostGIS at DATABASE_URL"
		export DATABASE_URL
		return 0
	fi
	install_postgis
	start_cluster
	create_database "$db"
	create_app_role
	export DATABASE_URL="postgres://landwatch:landwatch@127.0.0.1:$PGPORT_LOCAL/$db?sslmode=disable"
	APP_URL="postgres://landwatch_app:landwatch_app@127.0.0.1:$PGPORT_LOCAL/$db?sslmode=disable"
	say "PostGIS ready: database '$db' on 127.0.0.1:$PGPORT_LOCAL"
}
