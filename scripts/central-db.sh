#!/bin/sh
# Creates or upgrades the central database the stations upload to, on a
# PostgreSQL the company runs: the numbered migrations of db/central, each
# once and in order, each in a transaction of its own, and the roles
#   rs_station  what a station's login needs: to upload (member of it)
#   rs_reader   reading every central table (reports, the head's tools)
# Run it again after an upgrade of the stations; it does what is missing.
#
# usage: scripts/central-db.sh URL
#   URL  a libpq URI of a user that may create schemas and roles, e.g.
#        postgresql://postgres@dbhost/returns
set -eu
url=${1:-}
case $url in
postgresql://*|postgres://*) ;;
*)	echo "usage: central-db.sh postgresql://USER@HOST[:PORT]/DATABASE" >&2
	exit 2 ;;
esac
dir=$(cd "$(dirname "$0")/../db/central" && pwd)
command -v psql >/dev/null 2>&1 || {
	echo "central-db.sh: psql is not installed (Debian: postgresql-client)" >&2
	exit 1
}

# One session: an advisory lock keeps two runs apart; psql's \if skips
# what is applied already.
# dash's echo reads backslashes; psql's commands start with one
line() { printf '%s\n' "$1"; }
{
	line '\set ON_ERROR_STOP on'
	line 'SET client_min_messages = warning;'
	line 'SELECT pg_advisory_lock(7431001) AS locked \gset'
	line 'CREATE SCHEMA IF NOT EXISTS rs;'
	line 'CREATE TABLE IF NOT EXISTS rs.migrations (version integer PRIMARY KEY,'
	line '  name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now());'
	for f in "$dir"/[0-9][0-9][0-9]-*.sql; do
		name=$(basename "$f")
		v=$(echo "$name" | sed 's/^0*\([0-9][0-9]*\)-.*/\1/')
		line "SELECT NOT EXISTS (SELECT 1 FROM rs.migrations WHERE version = $v) AS todo \\gset"
		line '\if :todo'
		line "\\echo applying $name"
		line 'BEGIN;'
		line "\\i '$f'"
		line "INSERT INTO rs.migrations (version, name) VALUES ($v, '$name');"
		line 'COMMIT;'
		line '\endif'
	done
	cat <<'SQL'
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'rs_station') THEN
    CREATE ROLE rs_station NOLOGIN;
  END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'rs_reader') THEN
    CREATE ROLE rs_reader NOLOGIN;
  END IF;
END $$;
GRANT USAGE ON SCHEMA rs TO rs_station, rs_reader;
GRANT INSERT ON rs.inbox TO rs_station;
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA rs FROM PUBLIC;
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA rs TO rs_station;
GRANT SELECT ON ALL TABLES IN SCHEMA rs TO rs_reader;
SELECT 'central database at version ' || max(version) AS "done" FROM rs.migrations;
SQL
} | psql -X -q -t -A -d "$url"
