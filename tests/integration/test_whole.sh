#!/bin/sh
# The whole case through stationctl against a demo daemon in Shanghai time:
# customer service registers and imports expected returns, the desk matches
# the parcel and flags what differs, the application above 500 yuan goes to
# the general manager, QC reviews, finance signs, the goods ship and the
# customer is called; phones are masked by role; refusals change nothing.
. "$(dirname "$0")/lib.sh"
export TZ=Asia/Shanghai
mkdemo
start_demo
stop_demo
sed -i 's/^queue = label$/queue =/' "$DIR/station.conf"
check "demo starts" start_demo
as() { b=$1; shift; ctl --operator "$b" --pin "9${b#1}" "$@" >"$DIR/out" 2>"$DIR/err"; }
refused() {
	b=$1 w=$2
	shift 2
	before=$(dbdump)
	if ctl --operator "$b" --pin "9${b#1}" "$@" >/dev/null 2>"$DIR/err"; then
		echo "#   accepted: $*"; return 1
	fi
	grep -q -- "$w" "$DIR/err" || { echo "#   said: $(cat "$DIR/err")"; return 1; }
	[ "$(dbdump)" = "$before" ] || { echo "#   database changed"; return 1; }
}

# --- expected returns ---
check "service registers an expected return" as 1006 expect add \
    --waybill sf1000000000001 --customer "华光灯饰 Huaguang Lighting" \
    --contact 黄经理 --phone 13912345678 --address "广东省中山市古镇镇同益路8号" \
    --service-rep 赵敏 --order SO-2026-1107 --complaint "灯不亮 does not light" \
    --item LX-FL100:2:4000 --item LX-HB150:1
check "a technician may not" refused 1002 "service" expect add --waybill SF1000000000002 --customer X
check "the same waybill twice is refused" refused 1006 "already" expect add --waybill SF1000000000001 --customer X
check "a model the catalogue lacks is refused" refused 1006 "catalogue" expect add --waybill SF1000000000003 --customer X --item LX-NOPE:1
check "a phone that is no phone is refused" refused 1006 "phone" expect add --waybill SF1000000000003 --customer X --phone "ring me"
check "no waybill of a known carrier is refused" refused 1006 "carrier" expect add --waybill HELLO --customer X

# the spreadsheet: GB18030, a quoted comma, a quoted line break, bad rows
printf '%s\r\n' '寄回单号,客户,电话,地址,客诉原因,型号,数量,色温' \
    'SF1000000000010,"明亮照明, 东莞",13800001111,"东莞市
长安镇",闪烁,LX-TL36,10,4000' \
    'SF1000000000010,"明亮照明, 东莞",13800001111,,闪烁,LX-DL12,2,' \
    'SF1000000000011,星光电器,020-8888 9999,,外壳破,LX-FL100,1,' \
    'SF1000000000012,坏行,13800002222,,,LX-NOPE,1,' \
    'SF1000000000013,,13800003333,,,LX-FL100,1,' \
    | iconv -f UTF-8 -t GB18030 >"$DIR/expect.csv"
check "the file is GB18030, not UTF-8" sh -c "! iconv -f UTF-8 -t UTF-8 '$DIR/expect.csv' >/dev/null 2>&1"
check "an import with bad rows stores nothing" refused 1006 "line 6" expect import "$DIR/expect.csv"
grep -q "line 7 (SF1000000000013): no customer" "$DIR/err"
check "... and names every bad row" test $? -eq 0
before=$(dbdump)
check "a dry run reports" as 1006 expect import "$DIR/expect.csv" --dry-run
check "... 2 would be registered, 2 refused" grep -q "2 expected returns would be registered, 2 refused" "$DIR/out"
check "... and changes nothing" test "$(dbdump)" = "$before"
check "--skip-bad imports the good rows" as 1006 expect import "$DIR/expect.csv" --skip-bad
check "... read as GB18030" grep -q "imported (GB18030): 2 expected returns, 2 refused" "$DIR/out"
check "... the quoted comma kept, the line break a space" test "$(q "SELECT customer || '|' || address FROM expected_returns WHERE waybill = 'SF1000000000010'")" = "明亮照明, 东莞|东莞市 长安镇"
check "... two rows of one waybill are one return of two items" test "$(q "SELECT count(*) FROM expected_items i JOIN expected_returns e ON e.id = i.expected_id WHERE e.waybill = 'SF1000000000010'")" -eq 2
check "importing again changes nothing but says why" refused 1006 "already" expect import "$DIR/expect.csv"

# --- the parcel arrives ---
ctl scan %OP:1001 >/dev/null
check "the desk names the customer when the waybill is scanned" sh -c "'$STATIONCTL' -s '$DIR/station.sock' scan SF1000000000001 | grep -q '华光灯饰'"
check "a scan for a badge not signed in is refused" refused 1002 "not the one signed in" scan %MODEL:LX-FL100
check "... as is signing in over an open case" refused 1005 "open at the desk" scan %OP:1005
ctl scan %KIND:RETURN %MODEL:LX-FL100 %MODEL:LX-FL100 %MODEL:LX-TL36 >"$DIR/out"
check "the same product again is one more unit" grep -q "LX-FL100 4000K x2" "$DIR/out"
stop_demo
start_demo
ctl status >"$DIR/status"
check "after a restart the desk says which case is open and what it holds" grep -q "case R[0-9-]* (SF1000000000001) open, return, 2 items.*LX-FL100 4000K x2; LX-TL36" "$DIR/status"
check "... and logs it at start" grep -q "SF1000000000001) open" "$DIR/stationd.log"
ctl scan %DONE >"$DIR/out"
check "%DONE shows what differs from the expected return" grep -q "MISMATCH" "$DIR/out"
C=$(q "SELECT case_no FROM cases WHERE waybill = 'SF1000000000001'")
check "... stored on the case" test -n "$(q "SELECT mismatch FROM cases WHERE case_no = '$C'")"
check "... LX-HB150 missing, LX-TL36 not expected" sh -c "q() { sqlite3 '$DIR/station.db' \"\$1\"; }; q \"SELECT mismatch FROM cases WHERE case_no = '$C'\" | grep 'LX-HB150 x1 expected, not received' | grep -q 'LX-TL36 x1 received, not expected'"

# --- who sees the phone ---
ctl case show "$C" >"$DIR/show"
check "case show without a badge masks the phone" grep -q "139\*\*\*\*5678" "$DIR/show"
check "... and the address" sh -c "! grep -q 同益路 '$DIR/show'"
as 1002 case show "$C"
check "a technician sees it masked" sh -c "grep -q '139\*\*\*\*5678' '$DIR/out' && ! grep -q 13912345678 '$DIR/out'"
as 1006 case show "$C"
check "customer service sees it whole" grep -q "13912345678" "$DIR/out"
ctl --operator 1006 --pin 0000 case show "$C" >"$DIR/out" 2>&1
check "... but not with a wrong PIN" sh -c "! grep -q 13912345678 '$DIR/out'"
check "times show in local time with the offset" grep -q "+0800" "$DIR/show"
ctl case show "$C" --json >"$DIR/json"
check "the JSON carries ISO 8601 times with the offset" grep -q '"received_at":"[0-9-]*T[0-9:]*+08:00"' "$DIR/json"
check "... and the mismatch and the customer" sh -c "grep -q '\"mismatch\":\"' '$DIR/json' && grep -q '华光灯饰' '$DIR/json'"
check "the history names the operators" grep -q "1001 张伟 Zhang Wei" "$DIR/show"

# --- the application above 500 yuan ---
check "QC inspects" as 1003 case inspect "$C" --pass --sample 1
check "scrap and usable must add up to the units" refused 1003 "add up" case capa "$C" --host 1003 --attendee 1005 --attendee 1002 --verdict return --analysis "驱动失效 driver failure" --corrective "更换驱动 new driver" --preventive "老化测试 burn-in" --responsible production --disposal repair --scrap 4 --cost 120
check "QC holds the review" as 1003 case capa "$C" --host 1003 --attendee 1005 --attendee 1002 --verdict return --analysis "驱动失效 driver failure" --corrective "更换驱动 new driver" --preventive "老化测试 burn-in" --responsible production --disposal repair --usable 3 --cost 120
check "a price of no line is refused" refused 1006 "no line 9" case apply "$C" --request return --reason 质量问题 --price 9=10
check "a price with three decimals is refused" refused 1006 "two decimals" case apply "$C" --request return --reason 质量问题 --price 1=0.125
check "customer service files the application" as 1006 case apply "$C" --request return --reason "质量问题 quality" --price 1=299.50 --price 2=45
check "... 2 x 299.50 + 1 x 45 = 644.00 yuan" grep -q "total 644.00 yuan" "$DIR/out"
check "... above 500: supervisor, then the general manager" test "$(q "SELECT chain FROM applications")" = supervisor,gm
check "finance may not sign yet" refused 1004 "chain" case approve "$C"
check "the GM's office may not sign it" refused 1008 "supervisor" case review "$C" --approve
check "the department head approves" as 1005 case review "$C" --approve --note 同意
check "the GM's office still may not" refused 1008 "gm" case review "$C" --approve
check "the general manager approves" as 1007 case review "$C" --approve
check "finance signs" as 1004 case approve "$C"
check "a refund does not ship; it closes" as 1005 case close "$C"
check "the RMA report is sent" as 1003 case rma-sent "$C"
check "the customer accepts it" as 1006 case rma-reply "$C" --accept --note 同意处理
check "the customer is called back" as 1006 case callback "$C" --received yes --satisfaction 5 --note 满意
ctl case show "$C" >"$DIR/show"
for w in "application / 退换货申请" "approvals / 审批" "QC review / 品质会审" "call backs / 回访" "total (yuan): 644.00" "signed_by: 1007 孙建国" "rma_reply: accepted"; do
	check "case show has '$w'" grep -q "$w" "$DIR/show"
done
check "the RMA report is written as a PDF" ctl case rma-report "$C" --pdf "$DIR/rma.pdf"
pdftotext -layout "$DIR/rma.pdf" "$DIR/rma.txt"
for w in "顾客退换货答复报告" "RMA report" "$C" "华光灯饰" "驱动失效 driver failure" "更换驱动 new driver" \
    "老化测试 burn-in" "644.00" "299.50" "1007 孙建国" "1005 陈静" "LX-HB150 x1 expected, not received"; do
	check "the report says '$w'" grep -q -- "$w" "$DIR/rma.txt"
done
check "... and no phone" sh -c "! grep -q 13912345678 '$DIR/rma.txt'"
check "a case without an application has no report" sh -c "! '$STATIONCTL' -s '$DIR/station.sock' case rma-report SF1000000000099 --pdf '$DIR/none.pdf' 2>/dev/null"
check "the audit log verifies" ctl audit verify
stop_demo
echo "1..$N"
