# No label is ever lost, none printed twice: labels wait in the outbox while
# CUPS is down or the queue is disabled, across a daemon restart, and print
# exactly once, in order, when printing comes back.
. "$(dirname "$0")/lib.sh"
mkdemo
check "demo starts" start_demo
SOCK=$DIR/cups/cups.sock
ctl scan %OP:1001 >/dev/null

register() {	# register N parcels starting at waybill number FROM
	i=0
	while [ $i -lt "$1" ]; do
		ctl scan "$(printf 'SF%013d' $(($2 + i)))" %KIND:REPAIR \
		    %MODEL:LX-FL100 %DONE >/dev/null || return 1
		i=$((i + 1))
	done
}
outbox() { q "SELECT count(*) FROM label_outbox WHERE state = '$1'"; }
files() { ls "$DIR/printed" | grep -c '^label-'; }
# every case number printed exactly once across all label files
once_each() {
	for c in $(q "SELECT case_no FROM cases WHERE state = 'registered'"); do
		n=$(grep -l "FD$c^FS" "$DIR"/printed/label-* | wc -l)
		[ "$n" -eq 1 ] || { echo "#   $c printed $n times"; return 1; }
	done
}

# 1. cupsd down: labels stay queued, survive a restart, print once
kill -TERM "$(cat "$DIR/cups/cupsd.pid")"
wait_for 5 sh -c "! test -S '$SOCK' || ! lpstat -h '$SOCK' -r >/dev/null 2>&1"
check "20 parcels are registered while CUPS is down" register 20 3000000
sleep 1
check "their labels wait in the outbox" test "$(outbox queued)" -eq 20
check "status says printing is in trouble" sh -c \
    "'$STATIONCTL' -s '$DIR/station.sock' status | grep -q 'unreachable\|printing problem'"
check "nothing was printed" test "$(files)" -eq 0
stop_demo
check "the daemon restarts (and brings its CUPS back)" start_demo
check "exactly 20 labels reach the printer" wait_for 30 eval "[ \$(labels_printed) -eq 20 ]"
check "the outbox shows all 20 printed" wait_for 15 sh -c \
    "[ \"\$(sqlite3 '$DIR/station.db' \"SELECT count(*) FROM label_outbox WHERE state = 'printed'\")\" -eq 20 ]"
check "each case's label printed once" once_each
first=$(q "SELECT case_no FROM cases WHERE waybill = 'SF0000003000000'")
check "in the order they were registered" grep -q "FD$first^FS" "$DIR/printed/label-000001.zpl"
order=$(cat "$DIR"/printed/label-*.zpl | grep -o 'FDR[0-9]*-[0-9]*^FS' | sed 's/^FD//; s/\^FS$//' | uniq | tr '\n' ' ')
want=$(q "SELECT case_no FROM cases WHERE waybill LIKE 'SF00000030000%' ORDER BY id" | tr '\n' ' ')
check "... every one of them, in that order" test "$order" = "$want"
check "the 20 that waited went to CUPS as one job of 20 labels, not 20 jobs" \
    test "$(files)" -eq 1 -a "$(q "SELECT count(*) FROM audit WHERE action = 'label.submitted' AND detail LIKE '%\"batch\":20%'")" -eq 20

# 2. queue disabled: jobs accepted by CUPS but held; the daemon restarts
# while they wait and follows them to the end
cupsdisable -h "$SOCK" label
check "5 more parcels while the queue is disabled" register 5 3000100
check "their jobs are at CUPS" wait_for 10 sh -c \
    "[ \"\$(sqlite3 '$DIR/station.db' \"SELECT count(*) FROM label_outbox WHERE state = 'submitted'\")\" -eq 5 ]"
check "status shows the stopped printer" sh -c \
    "'$STATIONCTL' -s '$DIR/station.sock' status | grep -q 'printer: label: stopped'"
stop_demo
start_demo
cupsenable -h "$SOCK" label
check "the 5 held labels print after the restart" wait_for 30 eval "[ \$(labels_printed) -eq 25 ]"
check "and the outbox records them printed" wait_for 15 sh -c \
    "[ \"\$(sqlite3 '$DIR/station.db' \"SELECT count(*) FROM label_outbox WHERE state = 'printed'\")\" -eq 25 ]"
check "no label printed twice" once_each
sleep 1
check "still 25 labels a moment later" test "$(labels_printed)" -eq 25

# 3. a queue that refuses jobs: labels stay queued with the reason
cupsreject -h "$SOCK" label
register 1 3000200
check "a refused job leaves the label queued" wait_for 10 sh -c \
    "[ \"\$(sqlite3 '$DIR/station.db' \"SELECT count(*) FROM label_outbox WHERE state = 'queued' AND error != ''\")\" -eq 1 ]"
cupsaccept -h "$SOCK" label
check "and it prints once the queue accepts again" wait_for 30 eval "[ \$(labels_printed) -eq 26 ]"

# 4. a cupsd that hangs (stopped, not gone): scans are still acknowledged
# at once, and the label prints once it answers again
kill -STOP "$(cat "$DIR/cups/cupsd.pid")"
# (a liveness bound, not a speed measurement: printing must not sit
# between a scan and its acknowledgement)
check "a hung cupsd does not hold up the desk" timeout 2 "$STATIONCTL" \
    -s "$DIR/station.sock" scan SF0000003000250 %KIND:REPAIR %MODEL:LX-FL100 %DONE
kill -CONT "$(cat "$DIR/cups/cupsd.pid")"
check "and the label prints when it answers again" wait_for 60 eval "[ \$(labels_printed) -eq 27 ]"

# 4b. cupsd stopped mid-job for longer than a request may take: the
# station cannot know whether CUPS took the job, so it asks CUPS by the
# job's title before sending it again; the label prints once
kill -STOP "$(cat "$DIR/cups/cupsd.pid")"
register 1 3000260
check "a label sent to a stopped cupsd has an unknown fate" wait_for 15 sh -c \
    "[ \"\$(sqlite3 '$DIR/station.db' \"SELECT count(*) FROM audit WHERE action = 'label.unsure'\")\" -ge 1 ]"
kill -CONT "$(cat "$DIR/cups/cupsd.pid")"
check "once cupsd runs again the label prints" wait_for 60 eval "[ \$(labels_printed) -ge 28 ]"
sleep 4
check "... once" test "$(labels_printed)" -eq 28
check "no label printed twice" once_each

# 4c. CUPS took the job but its answer was lost (a cupsd stopped, or the
# line cut, just after it read the request): the job is found by its
# title, not sent again
stop_demo
env LD_PRELOAD="$TOP/$BUILD/tests/tools/lostreply.so" \
    LOSTREPLY_ARM="$DIR/lose" LOSTREPLY_MARK="station label" \
    "$STATIOND" --demo "$DIR" >>"$DIR/stationd.log" 2>&1 </dev/null &
PID=$!
wait_for 10 sh -c "'$STATIONCTL' -s '$DIR/station.sock' status >/dev/null 2>&1"
touch "$DIR/lose"
register 1 3000270
check "an answer from CUPS is lost" wait_for 15 test ! -e "$DIR/lose"
check "the label's fate is unknown, then it is found at CUPS" wait_for 20 sh -c \
    "[ \"\$(sqlite3 '$DIR/station.db' \"SELECT count(*) FROM audit WHERE action = 'label.found'\")\" -ge 1 ]"
check "it prints" wait_for 30 eval "[ \$(labels_printed) -ge 29 ]"
sleep 4
check "... once" test "$(labels_printed)" -eq 29
check "no label printed twice" once_each

# 5. a PDF queue: the same label through CUPS as PDF
stop_demo
sed -i 's/^dpi = 203$/dpi = 203\nformat = pdf/' "$DIR/station.conf"
start_demo
register 1 3000300
check "a PDF label is delivered" wait_for 20 eval "ls '$DIR/printed' | grep -q '\.pdf$'"
id=$(q "SELECT max(id) FROM label_outbox")
q "SELECT writefile('$DIR/sent.pdf', payload) FROM label_outbox WHERE id = $id" >/dev/null
check "the PDF bytes that land are the bytes rendered" \
    cmp -s "$DIR/sent.pdf" "$DIR/printed/$(ls "$DIR/printed" | grep '\.pdf$' | head -1)"
check "the outbox records it as a pdf job" test \
    "$(q "SELECT format FROM label_outbox WHERE id = $id")" = pdf
