#!/bin/sh
# Storage edges: a locked database refuses a scan in words within the
# configured time and recovers by itself; non-stop scanning keeps the WAL
# small; the demo's files are nobody else's to read.
. "$(dirname "$0")/lib.sh"
mkdemo
check "demo starts" start_demo
check "the demo directory is not readable by others" test "$(stat -c %a "$DIR")" = 711
check "the database is not readable by others" sh -c "test \$(( 0\$(stat -c %a '$DIR/station.db') & 7 )) -eq 0"
stop_demo
sed -i 's/^queue = label$/queue =/' "$DIR/station.conf"
start_demo
ctl scan %OP:1001 >/dev/null

# another program holds the write lock for 3 s
( echo "BEGIN IMMEDIATE;"; sleep 3; echo "COMMIT;" ) | sqlite3 "$DIR/station.db" &
L=$!
sleep 0.5
before=$(dbdump 2>/dev/null)
t0=$(date +%s%N)
ctl scan SF0000006000001 >/dev/null 2>"$DIR/err"
rc=$?
t1=$(date +%s%N)
check "a scan against a locked database is refused" test $rc -ne 0
check "... in words" grep -q 'locked' "$DIR/err"
check "... within its time (1 s, a liveness bound)" test $(( (t1 - t0) / 1000000 )) -lt 2500
check "status says the database is in trouble" sh -c "'$STATIONCTL' -s '$DIR/station.sock' status | grep -q '^database trouble: .*locked'"
wait $L
check "the lock gone, the same scan is taken" ctl scan SF0000006000001
check "... and stored once" test "$(q "SELECT count(*) FROM cases WHERE waybill = 'SF0000006000001'")" -eq 1
ctl scan %CANCEL >/dev/null

# 4000 scans without a pause: the WAL is checkpointed by size
rm -f "$DIR/stop"
( m=0; while [ ! -e "$DIR/stop" ]; do
	s=$(stat -c %s "$DIR/station.db-wal" 2>/dev/null || echo 0)
	[ "$s" -gt "$m" ] && { m=$s; echo $m >"$DIR/walmax"; }
	sleep 0.02
  done ) &
S=$!
i=0
ok=1
while [ $i -lt 800 ]; do
	args=""
	j=0
	while [ $j -lt 50 ]; do
		args="$args $(printf 'SF%013d' $((6100000 + i))) %KIND:REPAIR %MODEL:LX-FL100 %QTY:2 %DONE"
		i=$((i + 1))
		j=$((j + 1))
	done
	# shellcheck disable=SC2086
	ctl scan $args >/dev/null || ok=0
done
check "4000 scans without a pause are taken" test $ok -eq 1
check "... all of them" test "$(q "SELECT count(*) FROM cases WHERE waybill LIKE 'SF00000061%'")" -eq 800
touch "$DIR/stop"
wait $S
wal=$(cat "$DIR/walmax")
check "the WAL stayed small under non-stop scanning (at most $wal bytes)" test "$wal" -lt 12000000
check "the audit log verifies" ctl audit verify
stop_demo
echo "1..$N"
