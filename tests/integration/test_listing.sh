#!/bin/sh
# A year of data is normal: listings come a page at a time, lookups use
# indexes, status counts alerts instead of listing them all.
. "$(dirname "$0")/lib.sh"
mkdemo
check "demo starts" start_demo
stop_demo
sed -i 's/^queue = label$/queue =/' "$DIR/station.conf"
start_demo

i=0
while [ $i -lt 120 ]; do
	ctl scan %OP:1001 "$(printf 'SF%013d' $((9000000 + i)))" %KIND:REPAIR \
	    %MODEL:LX-FL100 %DONE >/dev/null || break
	i=$((i + 1))
done
check "120 parcels registered" test $i -eq 120

rows() { grep -c '^R' "$1"; }
ctl case list >"$DIR/p1" 2>"$DIR/p1.err"
check "case list shows a page of 50" test "$(rows "$DIR/p1")" -eq 50
check "... newest first" test "$(sed -n 2p "$DIR/p1" | awk '{print $3}')" = SF0000009000119
check "... and says how to get the next" grep -q 'more: stationctl case list --after R' "$DIR/p1.err"
next=$(sed -n 's/.*--after //p' "$DIR/p1.err")
ctl case list --after "$next" >"$DIR/p2" 2>/dev/null
check "the next page follows on" test "$(sed -n 2p "$DIR/p2" | awk '{print $3}')" = SF0000009000069
check "... with no case twice" test "$(cat "$DIR/p1" "$DIR/p2" | grep '^R' | sort | uniq -d | wc -l)" -eq 0
ctl case list --limit 1000 >"$DIR/all" 2>"$DIR/all.err"
check "--limit 1000 gives all 120" test "$(rows "$DIR/all")" -eq 120
check "... and no next page" test ! -s "$DIR/all.err"
ctl case list --limit 5 --json >"$DIR/p.json" 2>/dev/null
check "--json is a JSON array of the page" test "$(sqlite3 :memory: "SELECT json_array_length(readfile('$DIR/p.json'))")" -eq 5
today=$(q "SELECT received_date FROM cases LIMIT 1")
check "--from and --to select by day" test "$(ctl case list --from "$today" --to "$today" --limit 1000 2>/dev/null | grep -c '^R')" -eq 120
check "... and a day without cases lists none" test "$(ctl case list --to 2000-01-01 2>/dev/null | grep -c '^R')" -eq 0
check "a bad --limit is a usage error" sh -c "'$STATIONCTL' -s '$DIR/station.sock' case list --limit 0 >/dev/null 2>&1; test \$? -eq 2"
check "a bad date is a usage error" sh -c "'$STATIONCTL' -s '$DIR/station.sock' case list --from 2026-13-45 >/dev/null 2>&1; test \$? -eq 2"
check "label list pages too" test "$(ctl label list 2>/dev/null | grep -c '^[0-9]')" -eq 50
check "... and names the next page" sh -c "'$STATIONCTL' -s '$DIR/station.sock' label list 2>&1 >/dev/null | grep -q 'label list --after 71'"

# lookups by number, waybill and a case's history use indexes
plan() { sqlite3 "$DIR/station.db" "EXPLAIN QUERY PLAN $1" | tr '\n' ' '; }
check "a case by number is an index lookup" sh -c "echo '$(plan "SELECT * FROM cases WHERE case_no = 'x'")' | grep -q 'USING INDEX'"
check "a case by open waybill is an index lookup" sh -c "echo '$(plan "SELECT * FROM cases WHERE waybill = 'x' AND state NOT IN ('closed', 'cancelled')")' | grep -q 'USING INDEX cases_open_waybill'"
check "a case by any waybill (closed ones too) is an index lookup" sh -c "echo '$(plan "SELECT * FROM cases WHERE waybill = 'x' ORDER BY id DESC LIMIT 1")' | grep -q 'USING INDEX cases_waybill'"
w=$(q "SELECT waybill FROM cases WHERE state = 'registered' LIMIT 1")
q "UPDATE cases SET state = 'closed' WHERE waybill = '$w'"
check "a closed case is shown by its waybill" sh -c "'$STATIONCTL' -s '$DIR/station.sock' case show '$w' | grep -q closed"
check "a case's history is an index lookup" sh -c "echo '$(plan "SELECT at FROM audit WHERE entity = 'case' AND entity_id = 1 ORDER BY id")' | grep -q 'USING INDEX audit_entity'"

# a year of alerts is counted, not listed
sqlite3 -cmd ".timeout 5000" "$DIR/station.db" "INSERT INTO breaches (case_id, rule, due_at, noticed_at) SELECT id, 'repair_ship', 't', 't' FROM cases"
ctl status >"$DIR/status" 2>&1
check "status counts the alerts" grep -q '^alerts: 120 repair not shipped' "$DIR/status"
check "... and names only the newest five" test "$(grep -c '^ALERT' "$DIR/status")" -eq 5
stop_demo
echo "1..$N"
