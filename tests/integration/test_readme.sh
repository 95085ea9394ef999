#!/bin/sh
# The README's walk of customer service, the application and the call
# back, run command by command as written against a fresh demo.
. "$(dirname "$0")/lib.sh"
README="$(dirname "$0")/../../README.md"
mkdemo
check "demo starts" start_demo
# the indented lines between the markers, continuation lines joined
awk '/<!-- walk:begin -->/{on=1; next} /<!-- walk:end -->/{on=0} on' "$README" |
    sed -n 's/^    //p' | grep -v '^#' |
    awk '{ if (sub(/\\$/, "")) { line = line $0 } else { print line $0; line = "" } }' \
    >"$DIR/walk"
check "the README has a walk" test "$(grep -c '^stationctl' "$DIR/walk")" -ge 20
cd "$DIR" || exit 1
export STATION_SOCKET="$DIR/station.sock"
while IFS= read -r cmd; do
	eval "\"\$STATIONCTL\" ${cmd#stationctl }" >"$DIR/out" 2>"$DIR/err"
	rc=$?
	[ $rc -eq 0 ] || { echo "#   $cmd"; sed 's/^/#   /' "$DIR/err"; }
	check "as written: $(echo "$cmd" | cut -c1-90)" test $rc -eq 0
done <"$DIR/walk"
check "the %DONE of the walk said MISMATCH" sh -c "sqlite3 '$DIR/station.db' \"SELECT mismatch FROM cases WHERE waybill = 'SF3000000000001'\" | grep -q 'LX-TL36 x1 expected, not received'"
check "the report was written" sh -c "pdftotext '$DIR/rma.pdf' - | grep -q '华光灯饰'"
check "above 500 the general manager signed" test "$(q "SELECT group_concat(step) FROM approvals a JOIN applications p ON p.id = a.application_id JOIN cases c ON c.id = p.case_id WHERE c.waybill = 'SF3000000000001'")" = supervisor,gm
check "up to 500 the GM's office signed" test "$(q "SELECT group_concat(step) FROM approvals a JOIN applications p ON p.id = a.application_id JOIN cases c ON c.id = p.case_id WHERE c.waybill = 'SF3000000000002'")" = supervisor,office
check "the call back is recorded" test "$(q "SELECT satisfaction FROM callbacks")" = 5
stop_demo
echo "1..$N"
