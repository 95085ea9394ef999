#!/bin/sh
# The daily after-sales table from a demo's day: on the terminal with
# Chinese headings, as CSV (BOM, RFC 4180, formulas escaped) read back by
# sqlite3, in GB18030, with phones masked by role.
. "$(dirname "$0")/lib.sh"
mkdemo
start_demo
stop_demo
sed -i 's/^queue = label$/queue =/' "$DIR/station.conf"
check "demo starts" start_demo
P="--pin"
ctl --operator 1006 $P 9006 expect add --waybill SF5000000000001 \
    --customer "华光灯饰, 中山" --phone 13912345678 \
    --complaint '=HYPERLINK("http://x","点我")' --item LX-FL100:1 >/dev/null
ctl scan %OP:1001 SF5000000000001 %KIND:REPAIR %MODEL:LX-FL100 %QTY:2 \
    %MODEL:LX-TL36 %DONE >/dev/null
ctl scan SF5000000000002 %KIND:RETURN %MODEL:LX-HB150 %DONE >/dev/null
ctl --operator 1002 $P 9002 case repair SF5000000000001 --cause DRIVER --part DRV-60W:1 >/dev/null
today=$(TZ= date +%F)
ctl report daily >"$DIR/t" 2>"$DIR/err"
check "report daily prints the day's table" grep -q "售后日报" "$DIR/t"
check "... with Chinese headings" grep -q "寄回日期.*寄回单号.*客户.*实际检测原因.*出货单号" "$DIR/t"
check "... a row an item: 3" grep -q "^3 rows" "$DIR/t"
check "... the detected cause beside the complaint" grep -q "DRIVER 驱动" "$DIR/t"
check "... the phone masked" sh -c "grep -q '139\*\*\*\*5678' '$DIR/t' && ! grep -q 13912345678 '$DIR/t'"
ctl --operator 1006 --pin 9006 report daily >"$DIR/t2"
check "... and whole for customer service" grep -q 13912345678 "$DIR/t2"
ctl report daily --lang en >"$DIR/en"
check "--lang en heads it in English" grep -q "Return date.*Return waybill.*Detected cause" "$DIR/en"
ctl report daily --csv "$DIR/d.csv" >/dev/null
check "the CSV starts with a UTF-8 byte-order mark" sh -c "head -c 3 '$DIR/d.csv' | od -An -tx1 | grep -q 'ef bb bf'"
tail -c +4 "$DIR/d.csv" >"$DIR/nobom.csv"
sqlite3 "$DIR/r.db" ".import --csv '$DIR/nobom.csv' t"
check "sqlite3 reads the CSV back: 3 rows" test "$(sqlite3 "$DIR/r.db" 'SELECT count(*) FROM t')" -eq 3
check "... the quoted comma kept" test "$(sqlite3 "$DIR/r.db" "SELECT DISTINCT 客户 FROM t WHERE 寄回单号 = 'SF5000000000001'")" = "华光灯饰, 中山"
check "... the formula escaped as text" test "$(sqlite3 "$DIR/r.db" "SELECT DISTINCT 客诉原因 FROM t WHERE 寄回单号 = 'SF5000000000001'")" = "'=HYPERLINK(\"http://x\",\"点我\")"
check "... the quantities" test "$(sqlite3 "$DIR/r.db" "SELECT group_concat(数量, '+') FROM t")" = "2+1+1"
check "... the parts replaced" test "$(sqlite3 "$DIR/r.db" "SELECT DISTINCT 更换配件 FROM t WHERE 寄回单号 = 'SF5000000000001'")" = "DRV-60W x1"
ctl report daily --csv "$DIR/g.csv" --encoding gb18030 >/dev/null
check "--encoding gb18030 writes the same table in GB18030" sh -c "iconv -f GB18030 -t UTF-8 '$DIR/g.csv' | cmp -s - '$DIR/nobom.csv'"
check "a day without cases is a table of none" sh -c "'$STATIONCTL' -s '$DIR/station.sock' report daily 2001-01-01 | grep -q '^0 rows'"
check "a day that is no day is refused" sh -c "! '$STATIONCTL' -s '$DIR/station.sock' report daily 2026-02-30 2>/dev/null"
check "... nor is a word" sh -c "! '$STATIONCTL' -s '$DIR/station.sock' report daily 'today; DROP' 2>/dev/null"

# --- the period's figures ---
ctl report monthly >"$DIR/m" 2>"$DIR/err"
check "report monthly prints the month" grep -q "售后月报 $(date +%Y-%m)-01 .. " "$DIR/m"
check "... cases received: 2" grep -q "^收货案件  *2$" "$DIR/m"
check "... units received: 4" grep -q "^收货数量  *4$" "$DIR/m"
check "... repairs 50.0 % (1 of 2)" grep -q "^维修占比  *50.0%  (1 / 2)" "$DIR/m"
check "... the detected cause with its Pareto share" grep -q "DRIVER 驱动/电源故障.*  1  100.0%  100.0%" "$DIR/m"
check "... units by model, most first" sh -c "grep -A1 '^按型号' '$DIR/m' | tail -1 | grep -q 'LX-FL100 .* 2   50.0%   50.0%'"
check "... the complaint counted" grep -q '=HYPERLINK("http://x","点我")  *1  100.0%' "$DIR/m"
check "... open cases by age" grep -q "0-2 d  *2" "$DIR/m"
check "... a rate of nothing is no rate" grep -q "^按时回访  *-  (0 / 0)" "$DIR/m"
ctl report kpi --from "$(date +%F)" --to "$(date +%F)" --lang en >"$DIR/k"
check "report kpi for one day, in English" grep -q "^Cases received  *2$" "$DIR/k"
ctl report weekly >"$DIR/w"
check "report weekly runs Monday to Sunday" sh -c "head -1 '$DIR/w' | grep -q '售后周报'"
check "... and holds today's cases" grep -q "^收货案件  *2$" "$DIR/w"
ctl report kpi --from 2001-01-01 --to 2001-01-31 >"$DIR/e"
check "an empty period counts nothing" sh -c "grep -q '^收货案件  *0$' '$DIR/e' && grep -q '^维修占比  *-' '$DIR/e'"
ctl report monthly --csv "$DIR/m.csv" --lang en >/dev/null
tail -c +4 "$DIR/m.csv" >"$DIR/m2.csv"
sqlite3 "$DIR/m.db" ".import --csv '$DIR/m2.csv' k"
check "report monthly --csv: repairs 1 of 2, 50.0 %" test "$(sqlite3 "$DIR/m.db" "SELECT value || '/' || base || '=' || share FROM k WHERE figure = 'repair_share'")" = "1/2=50.0%"
check "... every entry of a top list, with its Pareto share" test "$(sqlite3 "$DIR/m.db" "SELECT group_concat(item || ':' || value || ':' || cumulative, ' ') FROM k WHERE figure = 'by_model'")" = "LX-FL100:2:50.0% LX-HB150:1:75.0% LX-TL36:1:100.0%"
check "... money in yuan" test "$(sqlite3 "$DIR/m.db" "SELECT value FROM k WHERE figure = 'review_cost'")" = "0.00"
check "every figure has its definition" test "$(ctl report kpi --definitions | grep -c ': ')" -ge 20
ctl report kpi --definitions | sed 's/^\([^ ]*\) (\(.*\) \/ \(.*\)): \(.*\)$/| `\1` | \2 \3 | \4 |/' >"$DIR/defs"
check "the README lists every definition as the code has it" sh -c "grep -F -f '$DIR/defs' '$TOP/README.md' | sort -u | wc -l | grep -qx \"\$(wc -l <'$DIR/defs')\""
check "a range that ends before it starts is refused" sh -c "! '$STATIONCTL' -s '$DIR/station.sock' report kpi --from 2026-02-01 --to 2026-01-01 2>/dev/null"

# --- workbooks, read back by an independent reader (SheetJS) ---
need_npm
ctl report daily --xlsx "$DIR/d.xlsx" >/dev/null
node "$TOP/tests/tools/xlsxdump.cjs" "$DIR/d.xlsx" >"$DIR/dx" 2>"$DIR/err"
sqlite3 -separator "$(printf '\t')" "$DIR/r.db" "SELECT * FROM t" >"$DIR/dc"
sed -n '3,5p' "$DIR/dx" | sed 's/\t*$//' >"$DIR/dx3"
sed 's/\t*$//; s/\t'"'"'=HYPERLINK/\t=HYPERLINK/' "$DIR/dc" >"$DIR/dc3"
check "report daily --xlsx: the rows equal the CSV's" cmp -s "$DIR/dx3" "$DIR/dc3"
check "... under the same headings" test "$(sed -n 2p "$DIR/dx" | sed 's/\t*$//')" = "$(head -1 "$DIR/nobom.csv" | tr -d '\r' | tr ',' '\t')"
node "$TOP/tests/tools/xlsxdump.cjs" "$DIR/d.xlsx" --raw >"$DIR/dr"
check "... the day a date, the quantity a number, a formula only text" sh -c "grep -q '^d:$(date +%F) 00:00|yyyy-mm-dd' '$DIR/dr' && grep -q '	n:2	' '$DIR/dr' && grep -q '	s:=HYPERLINK' '$DIR/dr'"
check "... the phone masked there too" sh -c "grep -q '139\*\*\*\*5678' '$DIR/dx' && ! grep -q 13912345678 '$DIR/dx'"
ctl report monthly --xlsx "$DIR/m.xlsx" --lang en >/dev/null
node "$TOP/tests/tools/xlsxdump.cjs" "$DIR/m.xlsx" --raw >"$DIR/mr"
check "report monthly --xlsx: repairs 1 of 2 as numbers, 50.0 % as a share" grep -q "^s:repair_share	s:Repairs	n:1	n:2	n:0.5|0.0%" "$DIR/mr"
check "... money with two decimals" grep -q "^s:review_cost	s:Cost of returns (yuan)	n:0|#,##0.00" "$DIR/mr"
check "... a sheet a top list, equal to the CSV" test "$(sed -n '/^## Units by model/,/^##/p' "$DIR/mr" | grep '^s:LX' | cut -f1,2 | tr '\t\n' ':,')" = "s:LX-FL100:n:2,s:LX-HB150:n:1,s:LX-TL36:n:1,"
check "... the days as dates" grep -q "^d:$(date +%F) 00:00|yyyy-mm-dd	n:2$" "$DIR/mr"
check "... native charts: causes bar, daily trend, repair/return share, on-time rates" sh -c "grep -q 'barChart> bar	Detected causes' '$DIR/mr' && grep -q 'lineChart>	Cases by day' '$DIR/mr' && grep -q 'pieChart>	Repairs and returns' '$DIR/mr' && grep -q 'barChart> col	On-time rates' '$DIR/mr'"

# --- the document and its charts, converted by poppler ---
ctl report monthly --pdf "$DIR/m.pdf" >/dev/null
check "report monthly --pdf converts with pdftoppm" sh -c "pdftoppm -r 40 -png -f 1 -l 1 '$DIR/m.pdf' '$DIR/page' && test -s '$DIR/page-1.png'"
pdftotext -layout "$DIR/m.pdf" "$DIR/m.txt"
check "... its text holds the totals" sh -c "grep -q '收货案件  *2\$' '$DIR/m.txt' && grep -q '维修占比  *50.0% (1 / 2)' '$DIR/m.txt'"
check "... and the charts' titles" sh -c "grep -q '每日收货' '$DIR/m.txt' && grep -q '按时率' '$DIR/m.txt'"
ctl report monthly --chart causes --png "$DIR/c.png" >/dev/null
check "--chart causes --png draws a picture" sh -c "head -c 8 '$DIR/c.png' | od -An -c | grep -q 'P   N   G'"
ctl report weekly --chart trend --svg "$DIR/t.svg" >/dev/null
check "--chart trend --svg draws SVG" grep -q "<svg" "$DIR/t.svg"
check "a chart that is none is refused, naming those there are" sh -c "! '$STATIONCTL' -s '$DIR/station.sock' report monthly --chart pies --png '$DIR/x.png' 2>'$DIR/err' && grep -q 'the charts are: trend' '$DIR/err' && test ! -e '$DIR/x.png'"
check "--png without a chart is refused" sh -c "! '$STATIONCTL' -s '$DIR/station.sock' report monthly --png '$DIR/x.png' 2>/dev/null"
# long work shows that it goes on, on a terminal only (stationd held
# stopped for a moment stands for a long report)
kill -STOP "$PID"; (sleep 2.5; kill -CONT "$PID") &
script -qfec "'$STATIONCTL' -s '$DIR/station.sock' report monthly" /dev/null >"$DIR/tty" 2>&1
check "at a terminal a slow reply shows the seconds it takes" sh -c "grep -q '处理中 [12] s' '$DIR/tty' && grep -q '收货案件' '$DIR/tty'"
kill -STOP "$PID"; (sleep 1.5; kill -CONT "$PID") &
ctl report monthly >"$DIR/m3" 2>"$DIR/err"
check "... and nothing of it into a file" sh -c "! grep -q '处理中' '$DIR/err' && ! grep -q '处理中' '$DIR/m3'"
check "two outputs at once are refused" sh -c "! '$STATIONCTL' -s '$DIR/station.sock' report monthly --csv '$DIR/x.csv' --xlsx '$DIR/x.xlsx' 2>/dev/null"
stop_demo
echo "1..$N"
