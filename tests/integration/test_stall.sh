#!/bin/sh
# No silent stall: a label whose CUPS job is held, stopped or makes no
# progress says so, with CUPS's reason, in `label list` and `status`
# within seconds; it is not sent again (it would print twice) and prints
# once when the printer is back.
. "$(dirname "$0")/lib.sh"
mkdemo
start_demo >/dev/null && stop_demo	# writes the demo's configuration
printf 'stuck_after = 5\n' >>"$DIR/station.conf"	# the [printer] section
check "demo starts" start_demo
S=$DIR/cups/cups.sock
ctl scan %OP:1001 >/dev/null
uri=$(lpstat -h "$S" -v label | sed 's/.*: //')
label_of() { q "SELECT l.id FROM label_outbox l JOIN cases c ON c.id = l.case_id
    WHERE c.waybill = '$1' ORDER BY l.id DESC LIMIT 1"; }
row() { ctl label list | awk -v id="$1" '$1 == id'; }
printed() { ls "$DIR/printed" | wc -l; }
listed() { row "$1" | grep -q "$2"; }		# listed ID PATTERN
status_has() { ctl status | grep -q "$1"; }
state_is() { [ "$(q "SELECT state FROM label_outbox WHERE id = $1")" = "$2" ]; }

# 1. the queue stopped (cupsdisable): the job waits, and says why
cupsdisable -h "$S" label
ctl scan SF8100000000001 %KIND:REPAIR %MODEL:LX-FL100 %DONE >/dev/null
l1=$(label_of SF8100000000001)
check "a stopped queue: label list shows the job waiting on a stopped printer" \
    wait_for 10 listed $l1 'printer-stopped'
row "$l1" | sed 's/^/#   /'
job=$(q "SELECT job_id FROM label_outbox WHERE id = $l1")

# 2. the job held (lp -H hold): held, with CUPS's reason, in both places
lp -h "$S" -i "$job" -H hold
check "a held job: label list says held and why" \
    wait_for 5 listed $l1 'held: job-hold-until-specified'
check "... and status names the label, its job, held, and the reason" \
    status_has "label $l1 for R[0-9-]*: CUPS job $job held for [0-9]* s: job-hold-until-specified"
check "... and after stuck_after (5 s) without a change, it is stuck" \
    wait_for 10 listed $l1 'stuck: held'
check "... status says stuck too" \
    status_has "label $l1 .*CUPS job $job stuck, held for"
ctl status | sed -n '/^label /s/^/#   /p'
check "... and it is still the same job: not sent again" \
    test "$(q "SELECT job_id || ' ' || state FROM label_outbox WHERE id = $l1")" = "$job submitted"

# released and enabled: printed once, and the notes are gone
before=$(printed)
lp -h "$S" -i "$job" -H resume >/dev/null 2>&1
cupsenable -h "$S" label
check "released, the label prints" \
    wait_for 10 state_is $l1 printed
check "... once" test "$(printed)" -eq $((before + 1))
check "... and status no longer lists it" \
    eval "! status_has '^label $l1 '"

# 3. the printer unreachable: CUPS retries for ever; the label is stuck
lpadmin -h "$S" -p label -v socket://127.0.0.1:9
ctl scan SF8100000000002 %KIND:RETURN %MODEL:LX-DL12 %DONE >/dev/null
l2=$(label_of SF8100000000002)
check "an unreachable printer: after 5 s without progress the label is stuck, with CUPS's words" \
    wait_for 20 listed $l2 'stuck: .*'
row "$l2" | sed 's/^/#   /'
check "... and status lists it as stuck" \
    status_has "^label $l2 for .*stuck"
before=$(printed)
lpadmin -h "$S" -p label -v "$uri"
check "the printer back, the label prints once" \
    wait_for 30 eval "state_is $l2 printed && [ \$(printed) -eq $((before + 1)) ]"
check "a bad stuck_after is refused in words" \
    sh -c "printf '[printer]\nstuck_after = 1\n' >'$DIR/bad.conf'; '$STATIOND' -n -c '$DIR/bad.conf' 2>&1 | grep -q ':2: stuck_after must be seconds from 5'"
stop_demo
echo "1..$N"
