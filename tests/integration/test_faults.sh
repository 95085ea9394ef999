#!/bin/sh
# Storage faults on purpose: with the faultfs shim preloaded, the N'th
# write, fsync or open of the database's files fails, for every N over a
# whole parcel: once with EIO, and from then on with ENOSPC (a disk that
# stays full until room is made). Whatever fails, the daemon stays up, a
# refused scan changes nothing, an acknowledged one is stored, the operator
# scanning the refused code again finishes the parcel, and the database
# and the audit log are whole at the end.
. "$(dirname "$0")/lib.sh"
SHIM=$TOP/$BUILD/tests/tools/faultfs.so
if [ ! -f "$SHIM" ]; then
	notok "the fault shim is built ($SHIM)"
	echo "1..$N"
	exit 1
fi
mkdemo
check "demo starts" start_demo
stop_demo
# no printer: the outbox keeps labels queued, so what writes is the scan
sed -i 's/^queue = label$/queue =/' "$DIR/station.conf"
env LD_PRELOAD="$SHIM" FAULT_PATH="$DIR/station.db" FAULT_ARM="$DIR/arm" \
    FAULT_COUNT="$DIR/count" "$STATIOND" --demo "$DIR" \
    >>"$DIR/stationd.log" 2>&1 </dev/null &
PID=$!
up() { ctl status >/dev/null 2>&1; }
check "stationd starts with the fault shim" wait_for 10 up
ctl scan %OP:1001 >/dev/null

# the parcel: a waybill, its kind, two models, a quantity, done
parcel() {
	echo "$1 %KIND:REPAIR %MODEL:LX-FL100 %QTY:2 %MODEL:LX-DL12 %DONE"
}
dump() { sqlite3 -cmd ".timeout 5000" "$DIR/station.db" .dump | md5sum; }
GEN=0
arm() { GEN=$((GEN + 1)); echo "$GEN $1 $2 $3" >"$DIR/arm"; }

# how many counted calls one parcel makes, without a fault
rm -f "$DIR/count"
arm 0 once EIO
for s in $(parcel SF0000007000000); do ctl scan "$s" >/dev/null; done
rm -f "$DIR/arm"
T=$(cat "$DIR/count" 2>/dev/null || echo 0)
check "a parcel writes the database's files ($T calls counted)" test "$T" -gt 5

bad=""
refused=0
wb=7000001
for mode in "once EIO" "from ENOSPC"; do
	n=1
	while [ $n -le $((T + 2)) ]; do
		w=$(printf 'SF%013d' $wb)
		# shellcheck disable=SC2086
		arm $n $mode
		for s in $(parcel "$w"); do
			before=$(dump)
			if ctl scan "$s" >"$DIR/out" 2>&1; then
				[ "$(dump)" != "$before" ] ||
				    bad="$bad [$mode $n: '$s' acknowledged but not stored]"
				continue
			fi
			refused=$((refused + 1))
			[ "$(dump)" = "$before" ] ||
			    bad="$bad [$mode $n: '$s' refused but changed the database]"
			grep -qi 'nothing was stored\|not stored\|database\|disk' \
			    "$DIR/out" ||
			    bad="$bad [$mode $n: '$s' refused without words: $(head -c 200 "$DIR/out")]"
			rm -f "$DIR/arm"	# room made, or the fault passed
			wait_for 3 ctl scan "$s" >/dev/null 2>&1 ||
			    bad="$bad [$mode $n: '$s' still refused once the fault passed]"
		done
		rm -f "$DIR/arm"
		kill -0 "$PID" 2>/dev/null || { bad="$bad [$mode $n: stationd died]"; break 2; }
		got=$(q "SELECT c.state || ' ' || group_concat(i.model || 'x' || i.quantity, ',')
		    FROM cases c JOIN items i ON i.case_id = c.id
		    WHERE c.waybill = '$w' GROUP BY c.id ORDER BY c.id")
		[ "$got" = "registered LX-FL100x2,LX-DL12x1" ] ||
		    bad="$bad [$mode $n: parcel $w ended as '$got']"
		n=$((n + 1))
		wb=$((wb + 1))
	done
done
[ -z "$bad" ] || echo "#$bad" | fold -w 300 | sed '2,$s/^/#/'
check "every fault over a whole parcel: acknowledged scans stored, refused ones changed nothing, each parcel finished ($refused refusals)" test -z "$bad"
check "... and faults were met ($refused scans refused)" test "$refused" -gt 0
check "stationd is up and answers" up
check "the audit log verifies" ctl audit verify
check "every audit detail is valid JSON" test "$(q "SELECT count(*) FROM audit WHERE detail IS NOT NULL AND NOT json_valid(detail)")" -eq 0
# killed and started again, the store holds what it held: no transaction
# whose write or fsync failed comes back from the WAL
snap() { q "SELECT count(*), max(id) FROM audit; SELECT count(*), sum(quantity) FROM items; SELECT group_concat(state) FROM cases"; }
before=$(snap)
kill -KILL "$PID"
wait "$PID" 2>/dev/null
PID=
start_demo >/dev/null
check "after SIGKILL and a restart the store holds what it held" test "$(snap)" = "$before"
check "... and its audit log verifies" ctl audit verify
stop_demo
check "the database is whole" test "$(sqlite3 "$DIR/station.db" 'PRAGMA integrity_check')" = ok
echo "1..$N"
