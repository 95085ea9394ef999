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

plan() { sqlite3 "$DIR/station.db" "EXPLAIN QUERY PLAN $1" | tr '\n' ' '; }

# the office's search: numbers, waybills, phones, models, customers' names
c3=$(q "SELECT case_no FROM cases ORDER BY id LIMIT 1 OFFSET 2")
q "UPDATE cases SET customer = '上海欧普照明有限公司', phone = '13800138000' WHERE case_no = '$c3'"
q "UPDATE cases SET customer = '100% 灯具_店' WHERE id = 5"
find() { ctl case list --find "$@" 2>/dev/null | grep '^R' | awk '{print $1}' | tr '\n' ' '; }
check "--find: a case number" test "$(find "$c3")" = "$c3 "
check "--find: a waybill in small letters" test "$(find sf0000009000007)" = "$(q "SELECT case_no FROM cases WHERE waybill = 'SF0000009000007'") "
check "--find: 8 characters start a waybill" test "$(ctl case list --find SF000000900001 --limit 1000 2>/dev/null | grep -c '^R')" -eq 10
check "--find: fewer match only whole" test "$(find SF00000)" = ""
check "--find: the phone" test "$(find 13800138000)" = "$c3 "
check "--find: a part of the customer's name (trigrams)" test "$(find 欧普照明)" = "$c3 "
check "--find: two characters of it (read)" test "$(find 欧普)" = "$c3 "
check "--find: % and _ are letters, not patterns" test "$(find '0% 灯')" = "$(q "SELECT case_no FROM cases WHERE id = 5") "
check "--find: ... and match nothing else" test "$(find '%')" = "$(q "SELECT case_no FROM cases WHERE id = 5") "
check "--find: the model, any letter case" test "$(ctl case list --find lx-fl100 --limit 1000 2>/dev/null | grep -c '^R')" -eq 120
check "--find with --state narrows" test "$(ctl case list --find lx-fl100 --state closed 2>/dev/null | grep -c '^R')" -eq 0
q "UPDATE cases SET customer = '欧普照明东区' WHERE id = 7"
check "--find: a renamed customer is found by the new name" test "$(find 照明东区)" = "$(q "SELECT case_no FROM cases WHERE id = 7") "
q "UPDATE cases SET customer = NULL WHERE id = 7"
check "... and not by the old" test "$(find 照明东区)" = ""
check "--oldest lists the first first" test "$(ctl case list --oldest --limit 1 2>/dev/null | grep '^R' | awk '{print $3}')" = SF0000009000000
check "--skip goes to a page by number" test "$(ctl case list --skip 50 --limit 1 2>/dev/null | grep '^R' | awk '{print $3}')" = SF0000009000069
check "--oldest --skip" test "$(ctl case list --oldest --skip 100 --limit 1 2>/dev/null | grep '^R' | awk '{print $3}')" = SF0000009000100
check "a bad --skip is a usage error" sh -c "'$STATIONCTL' -s '$DIR/station.sock' case list --skip -1 >/dev/null 2>&1; test \$? -eq 2"
check "an empty --find is a usage error" sh -c "'$STATIONCTL' -s '$DIR/station.sock' case list --find '' >/dev/null 2>&1; test \$? -eq 2"
check "the search's arms are index lookups" sh -c "echo '$(plan "SELECT id FROM cases WHERE phone = 'x' UNION SELECT case_id FROM items WHERE model = 'x' COLLATE NOCASE UNION SELECT rowid FROM cases_names WHERE customer LIKE '%abc%'")' | grep -q 'INDEX cases_phone (phone=?).*INDEX items_model (model=?).*VIRTUAL TABLE INDEX [0-9]*:L'"

# lookups by number, waybill and a case's history use indexes
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
