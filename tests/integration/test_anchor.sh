#!/bin/sh
# The audit log's anchor: events cut off the end of the log are found by
# audit verify, across a restart, and the anchor that shows it is kept.
. "$(dirname "$0")/lib.sh"
mkdemo
check "demo starts" start_demo
ctl scan %OP:1001 SF0000004000001 %KIND:REPAIR %MODEL:LX-FL100 %DONE >/dev/null
ctl scan SF0000004000002 %KIND:RETURN %MODEL:LX-FL100 %DONE >/dev/null
check "an anchor is written once the desk is quiet" wait_for 5 test -s "$DIR/station.db.anchor"
check "audit verify holds" ctl audit verify
stop_demo
n=$(q "SELECT max(id) FROM audit")
check "the anchor holds the log's head at shutdown" test "$(cut -d' ' -f1 "$DIR/station.db.anchor")" -eq "$n"
anchor=$(cat "$DIR/station.db.anchor")
q "DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE id > $((n - 3))" >/dev/null
check "demo starts again on the cut log" start_demo
check "... and says so in its log" grep -q 'audit log: the log ends at event' "$DIR/stationd.log"
ctl audit verify >"$DIR/out" 2>&1
rc=$?
check "audit verify finds the cut (exit 1)" test $rc -eq 1
check "... and says how many events are gone" grep -q "ends at event $((n - 3)) but was anchored at event $n" "$DIR/out"
ctl scan SF0000004000003 >/dev/null
sleep 1.5
check "new events do not overwrite the anchor that shows the cut" test "$(cat "$DIR/station.db.anchor")" = "$anchor"
stop_demo
echo "1..$N"
