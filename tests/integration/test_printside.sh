#!/bin/sh
# The printer side: stationd never loads the drawing, font or CUPS
# libraries; station-printer does, and when it is killed or stopped it is
# started again and every label still prints exactly once.
. "$(dirname "$0")/lib.sh"
mkdemo
check "demo starts" start_demo
ctl scan %OP:1001 >/dev/null
printer_pid() { pgrep -P "$PID" -f station-printer | head -1; }
check "stationd runs a printer side" wait_for 5 sh -c "test -n \"\$(pgrep -P $PID -f station-printer)\""
libs=$(grep -c -E 'libcairo|libpango|libcups|libzbar|libfontconfig' /proc/$PID/maps)
check "the daemon that acknowledges scans has none of cairo, pango, fontconfig, zbar, CUPS loaded" test "$libs" -eq 0
pp=$(printer_pid)
plibs=$(grep -c -E 'libcairo|libcups' /proc/$pp/maps)
check "... the printer side has them" test "$plibs" -gt 0

once_each() {
	for c in $(q "SELECT case_no FROM cases WHERE state = 'registered'"); do
		n=$(grep -l "FD$c^FS" "$DIR"/printed/label-* 2>/dev/null | wc -l)
		[ "$n" -eq 1 ] || { echo "#   $c printed $n times"; return 1; }
	done
}
printed_is() { [ "$(q "SELECT count(*) FROM label_outbox WHERE state = 'printed'")" -eq "$1" ]; }
# the first label's kept bytes against the file that printed it (a label
# whose answer was lost with the printer side, found again at CUPS by its
# title, keeps no bytes: the first that has them)
first_kept() {
	id=$(q "SELECT min(id) FROM label_outbox WHERE length(payload) > 0")
	[ -n "$id" ] || return 1
	q "SELECT writefile('$DIR/p1.zpl', payload) FROM label_outbox WHERE id = $id" >/dev/null
	c=$(q "SELECT case_no FROM cases WHERE id = (SELECT case_id FROM label_outbox WHERE id = $id)")
	f=$(grep -l "FD$c^FS" "$DIR"/printed/label-* | head -1)
	rm -rf "$DIR/parts"
	zpl_split "$f" "$DIR/parts"
	[ -s "$DIR/p1.zpl" ] && for p in "$DIR"/parts/part-*; do
		cmp -s "$DIR/p1.zpl" "$p" && return 0
	done
	return 1
}

# kill it again and again while parcels are registered
i=0
ok=1
while [ $i -lt 12 ]; do
	ctl scan "$(printf 'SF%013d' $((7000000 + i)))" %KIND:REPAIR \
	    %MODEL:LX-FL100 %DONE >/dev/null || ok=0
	[ $((i % 3)) -eq 0 ] && kill -KILL "$(printer_pid)" 2>/dev/null
	i=$((i + 1))
done
check "every scan was acknowledged while the printer side was killed" test $ok -eq 1
check "it is started again" wait_for 10 sh -c "test -n \"\$(pgrep -P $PID -f station-printer)\""
check "all 12 labels are printed" wait_for 60 printed_is 12
check "... exactly 12 labels" test "$(labels_printed)" -eq 12
check "... each case exactly once" once_each
check "the bytes kept are the bytes printed" first_kept

# a stopped printer side: scans go on, previews say so, it comes back
pp=$(printer_pid)
kill -STOP "$pp"
t0=$(date +%s)
ctl scan SF0000007100000 %KIND:REPAIR %MODEL:LX-FL100 %DONE >/dev/null
rc=$?
t1=$(date +%s)
check "scans are acknowledged while the printer side is stopped" test $rc -eq 0
check "... without waiting for it (a liveness bound, not a measurement)" test $((t1 - t0)) -le 3
out=$(ctl status 2>&1)
t2=$(date +%s)
check "status answers within its bound and shows the outbox" sh -c "test $((t2 - t1)) -le 8 && echo \"\$1\" | grep -q '^labels:'" _ "$out"
kill -CONT "$pp"
check "the held-up label prints once it answers again" wait_for 60 printed_is 13
check "the audit chain verifies" ctl audit verify
stop_demo
echo "1..$N"
