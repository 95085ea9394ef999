#!/bin/sh
# import history: the desk's hand-kept table as past cases. GB18030 and
# UTF-8 (with a BOM), quoted commas and line breaks, bad dates, unknown
# columns, repeated rows, a --map for other headers; a dry run, a refused
# file and a second import change nothing.
. "$(dirname "$0")/lib.sh"
mkdemo
check "demo starts" start_demo
SUP="--operator 1005"
cat >"$DIR/h.csv" <<'CSV'
寄回日期,寄回单号,灯具名称,规格型号,色温,数量,维修/退货,客户,客服,客户电话,客诉原因,实际检测原因,更换配件,出货单号,出货日期,备注,颜色
2026/10/03,SF1234567890123,LED投光灯,LX-FL100,4000K,2,维修,"华光灯饰, 中山",李娜,13912345678,不亮,驱动,"DRV-60W x2、灯珠",YT1234567890123,2026-10-05,"第一行
第二行",白
2026/10/03,SF1234567890123,LED投光灯,LX-FL100,4000K,2,维修,"华光灯饰, 中山",李娜,13912345678,不亮,驱动,"DRV-60W x2、灯珠",YT1234567890123,2026-10-05,"第一行
第二行",白
2026/10/03,SF1234567890123,LED灯管,LX-TL36,6500,1,维修,,,,,,,,,,
2026年10月4日,JT1234567890123,工矿灯,LX-HB150,,1,退货,明亮照明,王芳,,闪烁,电容鼓包,,,,,
CSV
before=$(dbdump)
ctl $SUP import history "$DIR/h.csv" --dry-run >"$DIR/out" 2>&1
check "a dry run says what it would do" grep -q "2 cases with 3 items would be imported" "$DIR/out"
check "... names the column it does not keep" grep -q "column '颜色' is not one the station keeps" "$DIR/out"
check "... and the repeated row, by its line" grep -q "^line 4 repeats an earlier row" "$DIR/out"
check "... and stores nothing" test "$(dbdump)" = "$before"
check "an intake operator may not import history" sh -c "! '$STATIONCTL' -s '$DIR/station.sock' --operator 1001 import history '$DIR/h.csv' 2>/dev/null"
check "import history loads the table" sh -c "'$STATIONCTL' -s '$DIR/station.sock' $SUP import history '$DIR/h.csv' | grep -q 'imported (UTF-8): 2 cases with 3 items'"
check "... marked as imported, on the day they came back" test "$(q "SELECT group_concat(received_date || ':' || imported || ':' || state, ' ') FROM cases WHERE imported = 1")" = "2026-10-03:1:closed 2026-10-04:1:closed"
check "... the quoted comma and the line break kept" test "$(q "SELECT customer || '|' || (SELECT note FROM items WHERE case_id = cases.id AND model = 'LX-FL100') FROM cases WHERE waybill = 'SF1234567890123'")" = "华光灯饰, 中山|第一行 第二行"
check "... the cause matched to its code, the other kept in words" test "$(q "SELECT group_concat(cause || ':' || note, ' ') FROM repairs")" = "DRIVER: OTHER:电容鼓包"
check "... the parts and their counts" test "$(q "SELECT group_concat(part || ':' || quantity, ' ') FROM repair_parts")" = "DRV-60W:2 灯珠:1"
check "... the shipment with its day" test "$(q "SELECT waybill || ' ' || substr(at, 1, 10) FROM shipments")" = "YT1234567890123 $(TZ=UTC date -d "@$(date -d '2026-10-05 00:00' +%s)" +%F)"
ctl report kpi --from 2026-10-01 --to 2026-10-31 >"$DIR/k"
check "the reports count the imported cases" sh -c "grep -q '^收货案件  *2$' '$DIR/k' && grep -q '^收货数量  *4$' '$DIR/k' && grep -q '电容鼓包  *1' '$DIR/k'"
after=$(dbdump)
ctl $SUP import history "$DIR/h.csv" >"$DIR/out" 2>&1
check "importing the same table again finds every case there" grep -q "0 cases, 2 already there, 0 refused; nothing changed" "$DIR/out"
check "... and changes nothing" test "$(dbdump)" = "$after"

# GB18030 with a bad date: all refused, nothing stored
printf '寄回日期,寄回单号,规格型号,数量,维修/退货\n2026-11-01,SF2000000000001,LX-FL100,1,维修\n2026-02-30,SF2000000000002,LX-FL100,1,退货\n2026-11-02,SF2000000000003,LX-FL100,x,退货\n' |
    iconv -f UTF-8 -t GB18030 >"$DIR/g.csv"
before=$(dbdump)
ctl $SUP import history "$DIR/g.csv" >"$DIR/out" 2>&1
check "a bad date refuses the file, naming the line" sh -c "grep -q \"line 3 (SF2000000000002): '2026-02-30' is no return date\" '$DIR/out' && grep -q 'nothing was imported' '$DIR/out'"
check "... and a bad quantity" grep -q "line 4 (SF2000000000003): 'x' is no quantity" "$DIR/out"
check "... and nothing is stored" test "$(dbdump)" = "$before"
ctl $SUP import history "$DIR/g.csv" --skip-bad >"$DIR/out" 2>&1
check "--skip-bad imports the good case of a GB18030 file" sh -c "grep -q 'imported (GB18030): 1 case with 1 item, 0 already there, 2 refused' '$DIR/out' && test \"\$(sqlite3 '$DIR/station.db' \"SELECT state FROM cases WHERE waybill = 'SF2000000000001'\")\" = registered"

# other headers, with a map; a UTF-8 BOM
printf '\357\273\277Date in,Tracking,Item,Pcs,Type\n2026-09-01,ZT1234567890,LX-TL36,3,exchange\n' >"$DIR/o.csv"
printf '# their header = ours\nDate in = 寄回日期\nTracking = return waybill\nItem = 规格型号\nPcs = 数量\nType = 维修/退货\n' >"$DIR/map.txt"
check "without a map the headers are refused in words" sh -c "'$STATIONCTL' -s '$DIR/station.sock' $SUP import history '$DIR/o.csv' 2>&1 | grep -q 'names no return date column'"
check "--map renames them" sh -c "'$STATIONCTL' -s '$DIR/station.sock' $SUP import history '$DIR/o.csv' --map '$DIR/map.txt' | grep -q '1 case with 1 item'"
check "... the case as written" test "$(q "SELECT kind || ':' || quantity FROM cases c JOIN items i ON i.case_id = c.id WHERE c.waybill = 'ZT1234567890'")" = "exchange:3"
printf 'Date in = 颜色\n' >"$DIR/bad.map"
before=$(dbdump)
check "a map naming a column the station does not keep is refused" sh -c "! '$STATIONCTL' -s '$DIR/station.sock' $SUP import history '$DIR/o.csv' --map '$DIR/bad.map' 2>'$DIR/err' && grep -q \"map line 1: '颜色' is not a column\" '$DIR/err'"
printf 'a,b\n"unclosed\n' >"$DIR/broken.csv"
check "a broken file is refused" sh -c "! '$STATIONCTL' -s '$DIR/station.sock' $SUP import history '$DIR/broken.csv' 2>/dev/null"
check "... and neither changed anything" test "$(dbdump)" = "$before"
check "the import is in the audit chain" sh -c "'$STATIONCTL' -s '$DIR/station.sock' audit verify >/dev/null && test \"\$(sqlite3 '$DIR/station.db' \"SELECT count(*) FROM audit WHERE action = 'history.import'\")\" -eq 3"

# early warning: LX-Q came back a unit a week for eight weeks, six now
{
	echo "寄回日期,寄回单号,规格型号,数量,维修/退货"
	for k in 0 1 2 3 4 5 6 7; do
		echo "$(date -d "-$((10 + 7 * k)) days" +%F),SF77000000000$k,LX-Q,1,退货"
	done
	echo "$(date -d '-1 day' +%F),SF7700000000099,LX-Q,6,退货"
} >"$DIR/q.csv"
ctl $SUP import history "$DIR/q.csv" >/dev/null
stop_demo
start_demo
check "a model's rise above its own baseline is a warning in status" wait_for 20 sh -c "'$STATIONCTL' -s '$DIR/station.sock' status | grep -q '^WARNING.*LX-Q: 本周退回 6 件，此前每周 1.0 件；案件 H'"
ctl report weekly --lang en >"$DIR/w" 2>&1
check "... and in the report, with the cases behind it" sh -c "grep -q '^Early warnings  *1$' '$DIR/w' && grep -q 'LX-Q: 6 units came back this week, against 1.0 a week before; cases H' '$DIR/w'"
stop_demo
echo "1..$N"
