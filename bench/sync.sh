#!/bin/sh
# make bench, many desks: a station's backlog of about 100 000 events
# (gen_cases' cases, each event with the rows it wrote) uploaded to a
# private PostgreSQL, in events a second, against the floor in the same
# run: psql's \copy of the same rows (the COPY text the upload sends) into
# the same table, rs.events, alone (median of 3 each); then the desk's scan
# latency p99 while the backlog uploads against the p99 once it is up.
# Prints a markdown table.
# usage: bench/sync.sh BUILD_DIR
set -eu
BUILD=${1:-build/bench}
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
. bench/lib.sh
. scripts/pg-private.sh
D=$(mktemp -d /tmp/sts.XXXXXX)
PID=
trap '[ -z "$PID" ] || kill $PID 2>/dev/null; pg_cleanup; rm -rf "$D"' EXIT
CACHE=${BENCH_CACHE:-/var/tmp/station-bench}
mkdir -p "$CACHE"
CASES=${BENCH_SYNC_CASES:-56000}	# about 1.8 events each
NS=${BENCH_SYNC_SCANS:-1000}

conf() {
	cat >"$D/s.conf" <<EOC
[station]
database = $D/s.db
socket = $D/s.sock
[printer]
queue =
[sync]
url = $(pg_url)
batch = ${BENCH_SYNC_BATCH:-1000}
EOC
}
stop() { kill -TERM $PID; wait $PID || true; PID=; }

pg_init >/dev/null
sh scripts/central-db.sh "$(pg_url)" >/dev/null
# an empty database for its schema number, then the backlog
conf
sed -i '/^\[sync\]/,$d' "$D/s.conf"
run_station "$D/s.conf" "$D/s.sock" "$D/log"
stop
schema=$(sqlite3 "$D/s.db" "PRAGMA user_version")
f="$CACHE/sync-$CASES-s$schema.db"
if [ ! -f "$f" ]; then
	echo "bench: generating $CASES cases and their events in $f (once)" >&2
	rm -f "$f.tmp"*
	"$BUILD/gen_cases" "$f.tmp" "$CASES"
	# a station that has run: its time rules have charged the late cases
	# of the past year (events too), so the upload is all that runs later
	sed -i "s|^database = .*|database = $f.tmp|" "$D/s.conf"
	run_station "$D/s.conf" "$D/s.sock" "$D/log"
	b=-1
	while :; do
		sleep 2
		n=$(sqlite3 "$f.tmp" "SELECT count(*) FROM breaches")
		[ "$n" != "$b" ] || break
		b=$n
	done
	stop
	sqlite3 "$f.tmp" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
	mv "$f.tmp" "$f"
	rm -f "$f.tmp"*
fi
EVENTS=$(sqlite3 "$f" "SELECT max(id) FROM audit")
STATION=$(sqlite3 "$f" "SELECT uid FROM station")
"$BUILD/bench_sync" copy "$f" "$D/events.copy"

fresh() {	# the central database as new
	pg_sql postgres "DROP DATABASE returns" >/dev/null
	pg_sql postgres "CREATE DATABASE returns" >/dev/null
	sh scripts/central-db.sh "$(pg_url)" >/dev/null
}
cols="event_id, station, seq, at, actor, action, entity, entity_id, entity_uid, detail, fields, hv, prev_hash, hash"
floor_once() {
	fresh
	pg_sql returns "INSERT INTO rs.stations (id) VALUES ('$STATION')" >/dev/null
	a=$(date +%s%N)
	psql -X -q -h "$PGDIR" -p "$PGPORT" -U postgres -d returns \
	    -c "\\copy rs.events ($cols) FROM '$D/events.copy'" >/dev/null
	echo $(( ($(date +%s%N) - a) / 1000000 ))
}
hw() { pg_sql returns "SELECT coalesce(max(high_water), 0) FROM rs.stations"; }
upload_once() {
	fresh
	rm -f "$D/s.db"*
	cp "$f" "$D/s.db"
	conf
	a=$(date +%s%N)
	run_station "$D/s.conf" "$D/s.sock" "$D/log"
	# asked of the station, not of the server it is busy with
	"$BUILD/bench_sync" wait "$D/s.sock"
	echo $(( ($(date +%s%N) - a) / 1000000 ))
	[ "$(hw)" -ge "$EVENTS" ]
}
# (into files: a station started inside $(...) would hold its pipe open)
: >"$D/fl"
: >"$D/up"
for k in 1 2 3; do
	floor_once >>"$D/fl"
	upload_once >>"$D/up"
	[ $k -eq 3 ] || stop
done
fl=$(sort -n "$D/fl" | sed -n 2p)
up=$(sort -n "$D/up" | sed -n 2p)
rows_s() { awk -v n="$EVENTS" -v ms="$1" 'BEGIN { printf "%.0f", n / (ms / 1000) }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2fx", a / b }'; }

# the desk: quiet (all uploaded), then while the whole backlog uploads
num() { echo "$1" | tr ' ' '\n' | sed -n "s/^$2=//p"; }
ms() { awk -v u="$1" 'BEGIN { printf "%.1f", u / 1000 }'; }
quiet=$("$BUILD/bench_scan" "$D/s.sock" "$NS" 7000000)
stop
fresh
rm -f "$D/s.db-sync"
run_station "$D/s.conf" "$D/s.sock" "$D/log"
loaded=$("$BUILD/bench_scan" "$D/s.sock" "$NS" 8000000)
during=$(hw)
stop
q99=$(num "$quiet" p99_us)
l99=$(num "$loaded" p99_us)

cat <<EOT
| upload of $EVENTS events ($CASES cases) | time | events/s | ratio to the floor | goal |
|---|---|---|---|---|
| psql \\copy into rs.events (the floor) | $fl ms | $(rows_s "$fl") | 1.00x | |
| the station's upload, central tables applied | $up ms | $(rows_s "$up") | $(ratio "$(rows_s "$up")" "$(rows_s "$fl")") | >= 0.5x |

| the desk's scans ($NS) | all uploaded | while the backlog uploads | ratio | goal |
|---|---|---|---|---|
| p99 latency | $(ms "$q99") ms | $(ms "$l99") ms ($during of $EVENTS events up when the scans ended) | $(ratio "$l99" "$q99") | <= 1.5x |
EOT
