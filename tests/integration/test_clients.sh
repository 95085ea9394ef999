#!/bin/sh
# The control socket against careless and hostile clients: quiet
# connections do not lock real clients out, and a request that was handled
# is always answered, however long the station was held up.
. "$(dirname "$0")/lib.sh"
HOLD=$TOP/$BUILD/tests/tools/hold
mkdemo
check "demo starts" start_demo
SOCKP=$DIR/station.sock

# calls N: N status calls one after another; prints how many succeeded
calls() {
	i=0 okc=0
	while [ $i -lt "$1" ]; do
		ctl status >/dev/null 2>&1 && okc=$((okc + 1))
		i=$((i + 1))
	done
	echo $okc
}

"$HOLD" "$SOCKP" 100 8 >"$DIR/held" &
H=$!
wait_for 5 test -s "$DIR/held"
check "100 quiet connections are accepted ($(cat "$DIR/held"))" test "$(cat "$DIR/held")" -ge 100
n=$(calls 48)
check "every one of 48 status calls is served meanwhile ($n)" test "$n" -eq 48
kill $H 2>/dev/null; wait $H 2>/dev/null

"$HOLD" "$SOCKP" 32 8 1 >/dev/null &
H=$!
sleep 1
n=$(calls 60)
check "every one of 60 calls is served while 32 quiet ones are re-opened every second ($n)" test "$n" -eq 60
kill $H 2>/dev/null; wait $H 2>/dev/null

# a held-up station: a request handled is answered, or it was not handled
ctl scan %OP:1001 SF0000008000001 %KIND:REPAIR %MODEL:LX-FL100 >/dev/null
before=$(q "SELECT quantity FROM items WHERE case_id = (SELECT id FROM cases WHERE waybill = 'SF0000008000001')")
( ctl scan %QTY:7 >"$DIR/qty.out" 2>&1; echo $? >"$DIR/qty.rc" ) &
C=$!
sleep 0.05
kill -STOP "$PID"
sleep 11
kill -CONT "$PID"
wait $C
after=$(q "SELECT quantity FROM items WHERE case_id = (SELECT id FROM cases WHERE waybill = 'SF0000008000001')")
rc=$(cat "$DIR/qty.rc")
if [ "$rc" -eq 0 ]; then
	check "after an 11 s stall the scan was answered, and it is stored" test "$after" -eq 7
else
	check "after an 11 s stall the scan was not answered, and it is not stored" test "$after" -eq "$before"
fi
check "the station serves again" ctl status

# a user outside the station's group, even with the socket left open
if command -v setpriv >/dev/null 2>&1; then
	chmod 0666 "$SOCKP"
	chmod 0711 "$DIR"
	setpriv --reuid=65534 --regid=65534 --clear-groups \
	    "$STATIONCTL" -s "$SOCKP" status >/dev/null 2>"$DIR/nobody.err"
	rc=$?
	check "a stranger is refused by the station itself (exit $rc)" test $rc -eq 4
	check "... and says nothing" grep -q 'without a reply' "$DIR/nobody.err"
	check "... while root is served" ctl status
fi
stop_demo
echo "1..$N"
