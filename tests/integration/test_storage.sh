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

# SIGBUS (a mapped -shm cut short) is said in the log, not silent
kill -BUS "$PID"
wait "$PID" 2>/dev/null
PID=
check "a SIGBUS is said in the log" grep -q 'SIGBUS: .*-shm' "$DIR/stationd.log"

# a -shm file of another user's: the station's user cannot write it, and
# stationd refuses to start, naming the file, instead of taking scans it
# cannot store
if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null 2>&1; then
	U=$(mktemp -d /tmp/st-user.XXXXXX)
	cp "$DIR/station.db" "$DIR/station.conf" "$U/"
	sed -i "s|$DIR|$U|g" "$U/station.conf"
	sed -i 's/^stdin_scans = yes/stdin_scans = no/' "$U/station.conf"
	chown -R nobody "$U"
	chmod 700 "$U"
	: >"$U/station.db-shm"
	chown root "$U/station.db-shm"
	chmod 644 "$U/station.db-shm"
	timeout 10 setpriv --reuid=nobody --regid=nogroup --clear-groups \
	    "$STATIOND" -f -c "$U/station.conf" >"$U/log" 2>&1 </dev/null
	rc=$?
	check "a daemon whose -shm is another user's does not start" test $rc -ne 0 -a $rc -ne 124
	check "... and names the file" grep -q 'station.db-shm: not writable by this user' "$U/log"
	check "... leaving no socket" test ! -e "$U/station.sock"
	rm -f "$U/station.db-shm"
	timeout 10 setpriv --reuid=nobody --regid=nogroup --clear-groups \
	    "$STATIOND" -f -c "$U/station.conf" >"$U/log" 2>&1 </dev/null &
	P2=$!
	check "the file removed, it starts as that user" wait_for 5 "$STATIONCTL" -s "$U/station.sock" status
	check "... and stores a scan" "$STATIONCTL" -s "$U/station.sock" scan %OP:1001 SF0000006900001 %KIND:REPAIR %MODEL:LX-FL100 %DONE
	kill -TERM $P2; wait $P2
	rm -rf "$U"
else
	echo "# not root or no setpriv: the foreign -shm check is skipped"
fi
echo "1..$N"
