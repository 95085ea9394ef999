#!/bin/sh
# Many desks, one truth, on one PC: a private PostgreSQL as the central
# database and two demo stations uploading to it, the 6th floor's (case
# numbers F…, office page on :8080, scans typed here) and the 2nd floor's
# (S…, :8081, in the background). Ctrl-C stops all three; the data stays
# under DIR for the next run.
# usage: scripts/demo-central.sh [DIR] [BUILD]
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
DIR=${1:-$top/var/central}
BUILD=${2:-build}
mkdir -p "$DIR"
DIR=$(cd "$DIR" && pwd)
. "$top/scripts/pg-private.sh"

# PostgreSQL runs as its own user, who must reach its data: below a home
# directory it cannot, so the cluster then lives in /var/tmp, linked here
PGDIR=$DIR/pg
if [ "$(id -u)" -eq 0 ] && [ ! -e "$PGDIR" ] &&
    ! runuser -u postgres -- test -x "$DIR"; then
	real=/var/tmp/station-central-$(printf '%s' "$DIR" | cksum | cut -d' ' -f1)
	mkdir -p "$real"
	ln -s "$real" "$PGDIR"
	echo "demo-central: the PostgreSQL user cannot enter $DIR; its data is in $real" >&2
fi
[ -L "$PGDIR" ] && PGDIR=$(readlink "$PGDIR")
if [ -d "$PGDIR/data" ]; then
	pg_port
	pg_sql postgres "SELECT 1" >/dev/null 2>&1 || pg_start
else
	pg_init "$PGDIR"
fi
URL=$(pg_url)
sh "$top/scripts/central-db.sh" "$URL"

B=
cleanup() {
	[ -n "$B" ] && kill -TERM "$B" 2>/dev/null && wait "$B" 2>/dev/null
	pg_stop fast
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# desk NAME PREFIX PORT [SOURCE]: a station directory, written by the demo
# once; SOURCE central: its reports read every desk's records
desk() {
	d=$DIR/$1
	mkdir -p "$d"
	if [ ! -f "$d/station.conf" ]; then
		"$top/$BUILD/stationd" --demo "$d" >"$d/first.log" 2>&1 </dev/null &
		p=$!
		i=0
		while [ ! -S "$d/station.sock" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
		kill -TERM $p; wait $p || true
		sed -i "s/^desk = desk1$/desk = $1\ncase_prefix = $2/; s/^listen = .*/listen = 127.0.0.1:$3/" "$d/station.conf"
		printf '\n[sync]\nurl = %s\n' "$URL" >>"$d/station.conf"
		[ -z "${4:-}" ] || printf '\n[reports]\nsource = %s\n' "$4" >>"$d/station.conf"
	fi
}
desk floor6 F 8080
desk floor2 S 8081 central
"$top/$BUILD/stationd" --demo "$DIR/floor2" >>"$DIR/floor2/stationd.log" 2>&1 </dev/null &
B=$!
echo "demo-central: central database $URL"
echo "demo-central: floor2 runs in the background (office page http://127.0.0.1:8081/, its reports both desks', log $DIR/floor2/stationd.log)"
echo "demo-central: floor6 here (office page http://127.0.0.1:8080/); stationctl -s $DIR/floor6/station.sock sync status"
"$top/$BUILD/stationd" --demo "$DIR/floor6"
