#!/bin/sh
# A job CUPS cancelled is printed again, saying why; jobs are followed
# until they end, every one of them, however many wait.
. "$(dirname "$0")/lib.sh"
mkdemo
check "demo starts" start_demo
SOCK=$DIR/cups/cups.sock
files() { ls "$DIR/printed" | grep -c '^label-'; }
label_state() { q "SELECT state FROM label_outbox WHERE id = $1"; }
is_state() { [ "$(label_state "$1")" = "$2" ]; }

cupsdisable -h "$SOCK" label
ctl scan %OP:1001 SF0000002000001 %KIND:REPAIR %MODEL:LX-FL100 %DONE >/dev/null
check "the label reaches CUPS and waits there" wait_for 15 is_state 1 submitted
job=$(q "SELECT job_id FROM label_outbox WHERE id = 1")
cancel -h "$SOCK" "label-$job" 2>/dev/null || cancel -h "$SOCK" -a label
requeued() { [ "$(q "SELECT count(*) FROM audit WHERE action = 'label.requeue' AND json_extract(detail, '\$.label') = 1")" -ge 1 ]; }
check "a cancelled job goes back in the queue" wait_for 15 requeued
check "... saying why" sh -c "sqlite3 '$DIR/station.db' \"SELECT json_extract(detail, '\\\$.error') FROM audit WHERE action = 'label.requeue'\" | grep -q 'was canceled.*printing it again'"
check "... and is sent again as a new job" wait_for 15 sh -c "[ \"\$(sqlite3 -cmd '.timeout 5000' '$DIR/station.db' 'SELECT job_id FROM label_outbox WHERE id = 1')\" != $job ]"
cupsenable -h "$SOCK" label
check "it prints once CUPS takes jobs again" wait_for 30 is_state 1 printed
check "... exactly once" test "$(files)" -eq 1

# forty labels while the queue holds them: all followed, all printed
cupsdisable -h "$SOCK" label
i=0
while [ $i -lt 40 ]; do
	ctl scan "$(printf 'SF%013d' $((2000100 + i)))" %KIND:REPAIR %MODEL:LX-FL100 %DONE >/dev/null
	i=$((i + 1))
done
sleep 2
check "no more than the window (32 jobs) is at CUPS at once" test "$(q "SELECT count(DISTINCT job_id) FROM label_outbox WHERE state = 'submitted'")" -le 32
cupsenable -h "$SOCK" label
check "all 41 labels print" wait_for 60 eval "[ \$(labels_printed) -eq 41 ]"
check "... and the outbox knows it of each" wait_for 30 sh -c "[ \$(sqlite3 -cmd '.timeout 5000' '$DIR/station.db' \"SELECT count(*) FROM label_outbox WHERE state = 'printed'\") -eq 41 ]"
stop_demo
echo "1..$N"
