# A case's life after intake, for every kind, through stationctl against a
# demo daemon: legal paths to the end, illegal moves and wrong roles refused
# with the database unchanged, nothing shipped without finance.
. "$(dirname "$0")/lib.sh"
mkdemo
check "demo starts" start_demo
# labels stay in the outbox here, so that nothing writes behind the
# before-and-after comparisons of the database
stop_demo
sed -i 's/^queue = label$/queue =/' "$DIR/station.conf"
start_demo

# register WAYBILL KIND MODEL [QTY] [COND]: a parcel through intake
register() {
	set -- "$1" "$2" "$3" "${4:-1}" "${5:-INTACT}"
	ctl scan %OP:1001 "$1" "%KIND:$2" "%COND:$5" "%MODEL:$3" "%QTY:$4" \
	    %DONE >/dev/null || return 1
	q "SELECT case_no FROM cases WHERE waybill = '$1'"
}
state() { q "SELECT state FROM cases WHERE case_no = '$1'"; }
# approved CASE: customer service files the application at no charge and
# its chain (supervisor, then the GM's office) signs it
approved() {
	as 1006 case apply "$1" --request "${2:-return}" --reason "客户退货" &&
	as 1005 case review "$1" --approve && as 1008 case review "$1" --approve
}
as() { b=$1; shift; ctl --operator "$b" --pin "9${b#1}" "$@" >/dev/null 2>"$DIR/err"; }
# refused BADGE WORDS CMD...: exit non-zero, the words said, nothing changed
refused() {
	b=$1 w=$2
	shift 2
	before=$(dbdump)
	if ctl --operator "$b" --pin "9${b#1}" "$@" >/dev/null 2>"$DIR/err"; then
		echo "#   accepted: $*"; return 1
	fi
	grep -q "$w" "$DIR/err" || { echo "#   said: $(cat "$DIR/err")"; return 1; }
	[ "$(dbdump)" = "$before" ] || { echo "#   database changed"; return 1; }
}

# --- repair ---
R=$(register SF0000000000001 REPAIR LX-FL100)
check "repair: registered" test "$(state "$R")" = registered
check "repair: finance cannot repair" refused 1004 "technician role" case repair "$R" --cause LED
check "repair: an unknown cause is refused" refused 1002 "unknown cause" case repair "$R" --cause MAGIC
check "repair: cannot be inspected before it is repaired" refused 1003 "cannot inspect" case inspect "$R" --pass
check "repair: technician logs parts and cause" as 1002 case repair "$R" \
    --cause DRIVER --part DRV-60W:1 --part SCREW-M3:4 --note "驱动烧毁 driver burnt"
check "repair: repaired" test "$(state "$R")" = repaired
check "repair: parts recorded" test "$(q "SELECT group_concat(part || 'x' || quantity) FROM repair_parts")" = "DRV-60Wx1,SCREW-M3x4"
check "repair: the complaint and the detected cause stand side by side" \
    test "$(q "SELECT cause FROM repairs WHERE case_id = (SELECT id FROM cases WHERE case_no = '$R')")" = DRIVER
check "repair: inspector passes it" as 1003 case inspect "$R" --pass --note ok
check "repair: no ship before finance signs" refused 1001 "finance has not signed" case ship "$R" --waybill SF1111111111111
check "repair: inspector cannot approve" refused 1003 "finance role" case approve "$R"
check "repair: finance approves" as 1004 case approve "$R"
check "repair: intake cannot close" refused 1001 "supervisor role" case close "$R"
check "repair: ships with the outbound waybill" as 1001 case ship "$R" --waybill sf1111111111111
check "repair: shipment recorded with its carrier" test \
    "$(q "SELECT waybill || ' ' || carrier FROM shipments")" = "SF1111111111111 SF"
check "repair: cannot ship twice" refused 1001 "cannot ship" case ship "$R" --waybill SF2222222222222
check "repair: supervisor closes it" as 1005 case close "$R"
check "repair: closed" test "$(state "$R")" = closed
check "case show tells the case's history" sh -c \
    "'$STATIONCTL' -s '$DIR/station.sock' case show '$R' | grep -q 'case.ship .*1001'"
check "case show --json carries it too" sh -c \
    "'$STATIONCTL' -s '$DIR/station.sock' case show '$R' --json | grep -q '\"action\":\"case.close\"'"

# --- a failed repair goes back to the bench ---
F=$(register SF0000000000002 REPAIR LX-HB150)
as 1002 case repair "$F" --cause LED
check "failed inspection sends a repair back" as 1003 case inspect "$F" --fail --note "still flickers"
check "... to in_repair" test "$(state "$F")" = in_repair
check "... and it can be repaired again" as 1002 case repair "$F" --cause DRIVER --result repaired

# --- outsourced (solar) repair ---
O=$(register SF0000000000003 REPAIR LX-SL60)
check "outsourced: not repaired here first" refused 1002 "send it to the supplier" case repair "$O" --cause SOLAR
check "outsourced: supplier send needs --supplier" refused 1002 "usage" case supplier send "$O"
check "outsourced: sent to the supplier" as 1002 case supplier send "$O" --supplier "阳光太阳能 Sunny Solar"
check "outsourced: at_supplier" test "$(state "$O")" = at_supplier
check "outsourced: back from the supplier" as 1002 case supplier back "$O"
check "outsourced: the trip has both dates" test \
    "$(q "SELECT count(*) FROM supplier_trips WHERE back_at IS NOT NULL")" -eq 1
check "outsourced: continues as a repair" as 1002 case repair "$O" --cause SOLAR
as 1003 case inspect "$O" --pass && as 1004 case approve "$O" &&
    as 1001 case ship "$O" --waybill JDVA12345678901 && as 1005 case close "$O"
check "outsourced: to the end" test "$(state "$O")" = closed

# --- batch return and the 10 % sample ---
B=$(register YT0000000000001 RETURN LX-TL36 100)
check "return: a batch needs a sample size" refused 1003 "sample size" case inspect "$B" --pass
check "return: 9 of 100 is refused" refused 1003 "too small" case inspect "$B" --pass --sample 9
check "return: 101 of 100 is refused" refused 1003 "more than returned" case inspect "$B" --pass --sample 101
check "return: 10 of 100 is accepted" as 1003 case inspect "$B" --pass --sample 10
check "return: finance does not sign without an application" refused 1004 "application" case approve "$B"
check "return: customer service files the application" as 1006 case apply "$B" --request return --reason "批量退货" --price 1=4.50
check "... 100 x 4.50 yuan is 45000 fen" test "$(q "SELECT total_fen FROM applications")" -eq 45000
check "... up to 500 yuan: supervisor, then the GM's office" test "$(q "SELECT chain FROM applications")" = supervisor,office
check "... finance refused while it is pending" refused 1004 "chain" case approve "$B"
check "... the office cannot sign before the supervisor" refused 1008 "supervisor" case review "$B" --approve
as 1005 case review "$B" --approve && as 1008 case review "$B" --approve
check "return: a large batch needs QC's review first" refused 1004 "review" case approve "$B"
check "return: QC holds the review" as 1003 case capa "$B" --host 1003 --attendee 1005 --verdict return --analysis "灯管老化 tubes aged" --corrective "更换批次 new batch" --preventive "来料检验 incoming inspection" --responsible supplier --disposal scrap --scrap 90 --usable 10 --cost 300
check "return: finance approves the refund" as 1004 case approve "$B"
check "return: a refund does not ship" refused 1001 "cannot ship" case ship "$B" --waybill SF3333333333333
check "return: closed after the refund" as 1005 case close "$B"
check "return: large batch alerted" test "$(q "SELECT count(*) FROM breaches WHERE rule = 'large_batch'")" -eq 1

# --- 7-day no-reason return ---
NR=$(register SF0000000000004 NOREASON7 LX-DL12 3)
check "7-day: 1 of 3 is accepted" as 1003 case inspect "$NR" --pass --sample 1
as 1004 case approve "$NR" && as 1005 case close "$NR"
check "7-day: closed" test "$(state "$NR")" = closed

# --- exchange ---
E=$(register SF0000000000005 EXCHANGE LX-FL100)
as 1003 case inspect "$E" --pass && approved "$E" exchange && as 1004 case approve "$E"
check "exchange: ships only with a reason" refused 1001 "reason" case ship "$E" --waybill SF4444444444444
check "exchange: an unknown reason is refused" refused 1001 "customer, sales or shipping" case ship "$E" --waybill SF4444444444444 --reason weather
check "exchange: replacement shipped" as 1001 case ship "$E" --waybill SF4444444444444 --reason sales
check "exchange: reason recorded" test "$(q "SELECT reason FROM shipments WHERE waybill = 'SF4444444444444'")" = sales
check "exchange: closed" as 1005 case close "$E"

# --- rejected: not our product ---
X=$(register SF0000000000006 RETURN LX-FL100)
check "reject: needs a reason" refused 1005 "usage" case reject "$X"
check "reject: technician cannot reject" refused 1002 "role" case reject "$X" --reason x
check "reject: rejected" as 1005 case reject "$X" --reason "非本司产品 not our product"
check "reject: going back to the customer needs finance too" refused 1001 "finance has not signed" case ship "$X" --waybill SF5555555555555
as 1004 case approve "$X"
check "reject: returned to the customer" as 1001 case ship "$X" --waybill SF5555555555555
check "reject: returned_to_customer" test "$(state "$X")" = returned_to_customer
check "reject: closed" as 1005 case close "$X"

# --- held (severe damage), photos ---
H=$(register SF0000000000007 REPAIR LX-FL100 1 SEVERE)
check "held: severe damage waits" test "$(state "$H")" = held
check "held: intake cannot accept" refused 1001 "supervisor role" case accept "$H"
check "held: not without a photo" refused 1005 "photo" case accept "$H"
ctl label preview "$H" --png "$DIR/damage.png" >/dev/null
printf 'not a photo' >"$DIR/fake.jpg"
check "photo: a file that is not a photo is refused" refused 1001 "not a JPEG or PNG" case photo "$H" "$DIR/fake.jpg"
check "photo: a missing file is refused" refused 1001 "No such file" case photo "$H" "$DIR/none.jpg"
check "photo: needs a badge" sh -c "! '$STATIONCTL' -s '$DIR/station.sock' case photo '$H' '$DIR/damage.png' 2>/dev/null"
(cd "$DIR" && "$STATIONCTL" -s "$DIR/station.sock" --operator 1001 case photo "$H" damage.png >/dev/null)
check "photo: attached by relative path" test "$(q "SELECT count(*) FROM photos")" -eq 1
sha=$(sha256sum "$DIR/damage.png" | cut -d' ' -f1)
check "photo: stored under its content hash" cmp -s "$DIR/damage.png" "$DIR/photos/$(echo "$sha" | cut -c1-2)/$sha.png"
check "photo: the same photo twice is refused" refused 1001 "already on case" case photo "$H" "$DIR/damage.png"
check "held: accepted with a photo" as 1005 case accept "$H"
check "held: registered in its real area" test "$(q "SELECT state || ' ' || area FROM cases WHERE case_no = '$H'")" = "registered A-REPAIR"

# --- wrong moves and badges ---
check "an unknown badge is refused" refused 9999 "unknown badge" case approve "$H"
check "no badge, no action" sh -c "! '$STATIONCTL' -s '$DIR/station.sock' case approve '$H' 2>/dev/null"
check "approve before inspection is refused" refused 1004 "cannot approve" case approve "$H"
check "close an open case is refused" refused 1005 "cannot close" case close "$H"
check "accept a case that is not held is refused" refused 1005 "cannot accept" case accept "$H"
check "an unknown case is refused" refused 1004 "no case" case approve R19990101-0001
check "operator disable" as 1000 operator disable 1002
check "a disabled badge is refused" refused 1002 "disabled" case repair "$H" --cause LED
check "a disabled badge cannot sign in at the desk" sh -c "! '$STATIONCTL' -s '$DIR/station.sock' scan %OP:1002 2>/dev/null"
check "operator enable takes a badge back" as 1000 operator enable 1002
check "... which works again" sh -c "'$STATIONCTL' -s '$DIR/station.sock' --operator 1002 --pin 9002 whoami | grep -q technician"
check "operator roles changes a badge's roles" as 1000 operator roles 1002 --role technician,inspector
check "... at once" sh -c "'$STATIONCTL' -s '$DIR/station.sock' --operator 1002 --pin 9002 whoami | grep -q 'inspector,technician\|technician,inspector'"
check "... and audited" test "$(q "SELECT detail FROM audit WHERE action = 'operator.roles' ORDER BY id DESC LIMIT 1")" = '{"badge":"1002","roles":"technician,inspector"}'
check "an admin cannot take away their own admin role" refused 1000 "own admin role" operator roles 1000 --role intake
check "an unknown role is refused" refused 1000 "unknown role" operator roles 1002 --role boss
check "a technician cannot change roles" refused 1002 "needs the admin role" operator roles 1003 --role admin
check "cause add: a new fault cause" as 1005 cause add SURGE --name "浪涌击穿 surge damage"
check "... listed for technicians" sh -c "'$STATIONCTL' -s '$DIR/station.sock' cause list | grep -q '^SURGE .*surge damage'"
check "... and audited" test "$(q "SELECT action || ' ' || actor FROM audit WHERE entity = 'cause' ORDER BY id DESC LIMIT 1")" = "cause.add 1005"
check "a cause code already there is refused" refused 1005 "already there" cause add LED --name x
check "a cause code that cannot be scanned is refused" refused 1005 "1 to 32 capitals" cause add "bad code" --name x
check "a technician cannot add causes" refused 1002 "admin or supervisor\|needs the" cause add X1 --name x
check "cause edit --active no: left out of the list" sh -c "'$STATIONCTL' -s '$DIR/station.sock' --operator 1005 --pin 9005 cause edit SURGE --active no >/dev/null && ! '$STATIONCTL' -s '$DIR/station.sock' cause list | grep -q '^SURGE'"
R=$(register SF0000000000099 REPAIR LX-FL100)
check "... and refused for a new repair" refused 1002 "unknown cause 'SURGE'" case repair "$R" --cause SURGE
check "... the cause's old repairs keep its name" test "$(q "SELECT name FROM fault_causes WHERE code = 'SURGE'")" = "浪涌击穿 surge damage"
check "cause list has the lamp causes" sh -c "'$STATIONCTL' -s '$DIR/station.sock' cause list | grep -q '^WATER'"

# --- the same life from the scanner ---
S=$(register SF0000000000008 REPAIR LX-FL100)
ctl --operator 1000 --pin 9000 operator add 2002 --name "Tech Two" --role technician >/dev/null
check "scanner: technician selects the case by its label" ctl scan %OP:2002 "$S"
check "scanner: %CAUSE logs the repair" ctl scan %CAUSE:LED
check "scanner: repaired" test "$(state "$S")" = repaired
check "scanner: inspector passes it" ctl scan %OP:1003 "$S" %INSPECT:PASS
before=$(dbdump)
ctl scan %OP:1003 "$S" %APPROVE >/dev/null 2>&1
check "scanner: an inspector cannot approve" test $? -ne 0
check "scanner: finance approves" ctl scan %OP:1004 "$S" %APPROVE
check "scanner: finance_approved" test "$(state "$S")" = finance_approved

check "the audit log verifies after all of it" ctl audit verify
moves=$(q "SELECT count(*) FROM audit WHERE action IN ('case.accept',
    'case.repair', 'case.supplier_send', 'case.supplier_back',
    'case.inspect_pass', 'case.inspect_fail', 'case.approve', 'case.ship',
    'case.reject', 'case.close', 'case.apply', 'case.review', 'case.capa')")
records=$(q "SELECT (SELECT count(*) FROM applications) + (SELECT count(*)
    FROM approvals) + (SELECT count(*) FROM reviews) +
    (SELECT count(*) FROM repairs) + (SELECT count(*) FROM
    inspections) + (SELECT count(*) FROM signoffs) + (SELECT count(*) FROM
    shipments) + (SELECT count(*) FROM supplier_trips) + (SELECT count(*)
    FROM supplier_trips WHERE back_at IS NOT NULL) + (SELECT count(*) FROM
    cases WHERE reject_reason IS NOT NULL) + (SELECT count(*) FROM cases
    WHERE state = 'closed') + 1")
check "every transition wrote one audit event ($moves)" test "$moves" -eq "$records"

# --- hostile text stays text; the audit log stays valid JSON ---
W=$(register SF0000000000033 EXCHANGE LX-FL100)
as 1003 case inspect "$W" --pass && approved "$W" exchange && as 1004 case approve "$W"
check "hostile: an outbound waybill of no carrier is refused" refused 1001 "no waybill of a known carrier" case ship "$W" --waybill 'SF1"}' --reason customer
Y=$(register SF0000000000031 REPAIR LX-FL100)
check "hostile: quotes in a reason are kept as text" as 1005 case reject "$Y" --reason 'X","to":"closed'
check "... the event says rejected, not what the text tried" test "$(q "SELECT json_extract(detail, '\$.to') FROM audit WHERE action = 'case.reject' AND json_extract(detail, '\$.case') = '$Y'")" = rejected
check "... and the reason is stored as given" test "$(q "SELECT json_extract(detail, '\$.reason') FROM audit WHERE action = 'case.reject' AND json_extract(detail, '\$.case') = '$Y'")" = 'X","to":"closed'
check "every audit detail is valid JSON" test "$(q "SELECT count(*) FROM audit WHERE NOT json_valid(detail)")" -eq 0

# --- a badge disabled while signed in at the desk stops at once ---
check "admin adds an intake operator" as 1000 operator add 1009 --name Temp --role intake
check "... who signs in at the desk" ctl scan %OP:1009
check "... and is disabled meanwhile" as 1000 operator disable 1009
before=$(dbdump)
ctl scan SF0000000000032 >/dev/null 2>"$DIR/err"
check "the desk refuses the next scan of a disabled badge" sh -c "test $? -ne 0 && grep -q disabled '$DIR/err'"
check "... and stores nothing" test "$(dbdump)" = "$before"
stop_demo
echo "1..$N"
