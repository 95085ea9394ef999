# A private PostgreSQL: a cluster of its own under a directory, on a Unix
# socket only, for the tests (tests/integration/test_sync.sh) and the demo
# of many desks (scripts/demo-central.sh). Sourced; needs Debian's
# postgresql-15 (scripts/deps.sh installs it).
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
PGDIR=
PGPORT=

# as_pg CMD...: the server's own programs refuse to run as root
as_pg() {
	if [ "$(id -u)" -eq 0 ]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

# pg_init [DIR]: a new cluster in DIR (a new temporary directory if none)
# with a database "returns", started. Only this machine's user root (or
# the caller) may connect: the socket lives in DIR.
pg_init() {
	[ -x "$PGBIN/initdb" ] || { echo "# no PostgreSQL server (deps.sh installs postgresql-15)"; return 1; }
	if [ -n "${1:-}" ]; then
		PGDIR=$1
		mkdir -p "$PGDIR"
	else
		PGDIR=$(mktemp -d /tmp/stpg.XXXXXX)
	fi
	chmod 755 "$PGDIR"
	[ "$(id -u)" -eq 0 ] && chown postgres "$PGDIR"
	pg_port
	as_pg "$PGBIN/initdb" -D "$PGDIR/data" -A trust -U postgres -E UTF8 \
	    --locale=C.UTF-8 >"$PGDIR/initdb.log" 2>&1 || { cat "$PGDIR/initdb.log"; return 1; }
	pg_start || return 1
	pg_sql postgres "CREATE DATABASE returns" >/dev/null
}

# the port only names the socket file; one a directory
pg_port() { PGPORT=$((20000 + $(printf '%s' "$PGDIR" | cksum | cut -d' ' -f1) % 20000)); }

pg_start() {
	as_pg "$PGBIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/log" -w -t 60 \
	    -o "-c listen_addresses='' -k $PGDIR -p $PGPORT -c unix_socket_permissions=0700" \
	    start >/dev/null
}

# pg_stop [MODE]: fast (default) or immediate (a crash)
pg_stop() {
	[ -n "$PGDIR" ] || return 0
	as_pg "$PGBIN/pg_ctl" -D "$PGDIR/data" -m "${1:-fast}" -w stop >/dev/null 2>&1
}

pg_cleanup() {
	[ -n "$PGDIR" ] || return 0
	pg_stop immediate
	rm -rf "$PGDIR"
	PGDIR=
}

# pg_url [USER]: the URI a station is given
pg_url() { echo "postgresql://${1:-postgres}@/returns?host=$PGDIR&port=$PGPORT"; }
# pg_sql DATABASE SQL: one value a line, fields split by |
pg_sql() { psql -X -q -t -A -h "$PGDIR" -p "$PGPORT" -U postgres -d "$1" -c "$2"; }
