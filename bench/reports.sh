#!/bin/sh
# make bench, the reports: the monthly report (every figure and the early
# warning) over a year of generated data at 10 k, 100 k and 1 M items,
# through stationctl, against the sqlite3 shell running the same queries
# on the same file; then the XLSX of the 1 M-item daily table, its peak
# RSS. Prints a markdown table.
# usage: bench/reports.sh BUILD_DIR
set -eu
# (sqlite3's own errors stop the generation: -bail)
BUILD=${1:-build/bench}
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
. bench/lib.sh
D=$(mktemp -d /tmp/str.XXXXXX)
PID=
trap '[ -z "$PID" ] || kill $PID 2>/dev/null; rm -rf "$D"' EXIT
CACHE=${BENCH_CACHE:-/var/tmp/station-bench}
mkdir -p "$CACHE"

# station DB: stationd on the database DB, socket $D/s.sock, no printer
station() {
	printf '[station]\ndatabase = %s\nsocket = %s\n[printer]\nqueue =\n' \
	    "$1" "$D/s.sock" >"$D/s.conf"
	run_station "$D/s.conf" "$D/s.sock" "$D/log"
}
# an empty station database: the schema as the daemon makes it
station "$D/empty.db"
kill -TERM $PID; wait $PID || true; PID=
schema=$(sqlite3 "$D/empty.db" "PRAGMA user_version")

# N items over the past year: two a case; kinds, models, customers,
# complaints; repairs with causes, inspections, shipments, call backs
gen() {
	f="$CACHE/report-$1-s$schema.db"
	[ -f "$f" ] && { echo "$f"; return; }
	echo "bench: generating $1 items in $f (once)" >&2
	cp "$D/empty.db" "$f.tmp"
	sqlite3 -bail "$f.tmp" <<SQL >/dev/null
PRAGMA journal_mode = OFF;
PRAGMA synchronous = OFF;
INSERT INTO operators (id, badge, name, created_at) VALUES (1, 'B1',
    'Bench', '2026-01-01T00:00:00Z');
WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s
    WHERE i < $1 / 2)
INSERT INTO cases (id, case_no, waybill, carrier, received_at,
    received_date, kind, state, customer, complaint, service_rep,
    opened_by, updated_at)
SELECT i, printf('R%s-%06d', replace(d, '-', ''), i), printf('SF%013d', i),
    'SF', d || 'T02:00:00Z', d,
    CASE i % 4 WHEN 0 THEN 'repair' WHEN 1 THEN 'return'
        WHEN 2 THEN 'exchange' ELSE 'noreason7' END,
    CASE WHEN i % 10 < 8 THEN 'closed' ELSE 'registered' END,
    printf('客户%03d', i * 7 % 300),
    CASE i % 6 WHEN 0 THEN '不亮' WHEN 1 THEN '闪烁' WHEN 2 THEN '进水'
        WHEN 3 THEN '外壳破损' WHEN 4 THEN '色温不符' ELSE '' END,
    printf('客服%d', i % 5), 1, d || 'T02:00:00Z'
FROM (SELECT i, date('now', '-365 days', '+' || (i * 365 / ($1 / 2))
    || ' days') AS d FROM s);
INSERT INTO items (case_id, model, spec, cct, quantity, draft)
SELECT id, printf('LX-%02d', (id * 13 + k) % 40), '', 4000, 1 + id % 3, 0
FROM cases, (SELECT 0 AS k UNION ALL SELECT 1);
INSERT INTO repairs (case_id, technician_id, cause, result, note, at)
SELECT id, 1, CASE id % 7 WHEN 0 THEN 'LED' WHEN 1 THEN 'DRIVER'
    WHEN 2 THEN 'WATER' WHEN 3 THEN 'HOUSING' WHEN 4 THEN 'LENS'
    WHEN 5 THEN 'WIRING' ELSE 'NOFAULT' END, 'repaired', '',
    received_date || 'T06:00:00Z' FROM cases WHERE kind = 'repair';
INSERT INTO inspections (case_id, inspector_id, result, sample_size,
    returned_qty, at)
SELECT id, 1, CASE WHEN id % 20 = 0 THEN 'fail' ELSE 'pass' END, 1, 3,
    received_date || 'T08:00:00Z' FROM cases WHERE state = 'closed';
INSERT INTO signoffs (case_id, finance_id, at)
SELECT id, 1, received_date || 'T10:00:00Z' FROM cases
WHERE state = 'closed';
INSERT INTO shipments (case_id, waybill, carrier, shipped_by, at)
SELECT id, printf('YT%013d', id), 'YTO', 1,
    date(received_date, '+2 days') || 'T03:00:00Z' FROM cases
WHERE state = 'closed';
INSERT INTO callbacks (case_id, received, satisfaction, called_by, at)
SELECT id, 1, 1 + id % 5, 1, date(received_date, '+5 days') || 'T03:00:00Z'
FROM cases WHERE state = 'closed';
INSERT INTO breaches (case_id, rule, due_at, noticed_at)
SELECT id, 'repair_ship', received_at, received_at FROM cases
WHERE kind = 'repair' AND id % 17 = 0;
INSERT INTO audit (at, actor, action, entity, entity_id, detail, prev_hash,
    hash)
SELECT received_at, 'B1', 'case.register', 'case', id, '{}', '', ''
FROM cases;
PRAGMA journal_mode = WAL;
SQL
	mv "$f.tmp" "$f"
	echo "$f"
}

shell() { sqlite3 "$1" <"$2"; }

# the last whole month of the data
month=$(date -d "$(date +%Y-%m-01) -1 day" +%F)
"$BUILD/bench_report" sql "$month" 8 5 50 >"$D/q.sql"
rows=""
prev=""
for n in ${BENCH_REPORT_SCALES:-10000 100000 1000000}; do
	f=$(gen "$n")
	cp "$f" "$D/r.db"
	rm -f "$D/r.db-wal" "$D/r.db-shm"
	station "$D/r.db"
	# both read the file once first: the same warm page cache
	"$BUILD/stationctl" -s "$D/s.sock" report monthly "$month" >"$D/ours.txt"
	shell "$D/r.db" "$D/q.sql" >/dev/null
	ours=$(med_ms 5 "$BUILD/stationctl" -s "$D/s.sock" report monthly "$month")
	theirs=$(med_ms 5 shell "$D/r.db" "$D/q.sql")
	kill -TERM $PID; wait $PID || true; PID=
	cases=$(sed -n 's/^收货案件  *//p' "$D/ours.txt")
	ratio=$(awk -v a="$ours" -v b="$theirs" 'BEGIN { printf "%.2f", a / b }')
	grow="-"
	[ -z "$prev" ] || grow=$(awk -v a="$ours" -v b="$prev" 'BEGIN { printf "%.2fx", a / b }')
	prev=$ours
	rows="$rows
| $n items ($(du -m "$f" | cut -f1) MB), $cases cases in $(echo "$month" | cut -c1-7) | $ours ms | $theirs ms | ${ratio}x | $grow | <= 1.5x |"
done
echo "| monthly report (all summaries and early warning) | stationctl report monthly | sqlite3 shell, same queries | ratio | ours, growth on the size before | target |"
echo "|---|---|---|---|---|---|$rows"
echo
# the XLSX of a year's daily table at the largest size
big=$(echo ${BENCH_REPORT_SCALES:-10000 100000 1000000} | awk '{ print $NF }')
x=$("$BUILD/bench_report" xlsx "$(gen "$big")" "$D/dump.xlsx")
xrows=$(echo "$x" | sed -n 's/.*rows=\([0-9]*\).*/\1/p')
xrss=$(echo "$x" | sed -n 's/.*rss_kb=\([0-9]*\).*/\1/p')
echo "| XLSX of the daily table, every item ($xrows rows, constant-memory mode) | $(du -m "$D/dump.xlsx" | cut -f1) MB | peak RSS $(awk -v k="$xrss" 'BEGIN { printf "%.1f", k / 1024 }') MiB |"
echo "|---|---|---|"
