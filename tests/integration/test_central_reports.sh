# Reports across desks: with [reports] source = central a station's
# reports read every desk's records from the central PostgreSQL. Each figure
# is written once for SQLite and once for PostgreSQL; here a desk with ten
# weeks of history and live cases (late ones too, the clock moved on by
# libfaketime) uploads, and every report it prints from its own records is
# printed again, byte for byte, from the central database. Then a second
# desk uploads and the central figures are the two desks' together.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/pg.sh"
. "$(dirname "$0")/desks.sh"
export TZ=Asia/Shanghai

FAKELIB=$(dpkg -L libfaketime 2>/dev/null | grep '/libfaketime\.so\.1$' | head -1)

check "a private PostgreSQL starts" pg_init
URL=$(pg_url)
check "central-db.sh creates the central database" sh "$TOP/scripts/central-db.sh" "$URL"

# start X: the station, its clock libfaketime's (X/clock, "+0" at first)
start() {
	eval "DIR=\$$1"
	[ -f "$DIR/clock" ] || echo "+0" >"$DIR/clock"
	if [ -n "$FAKELIB" ]; then
		LD_PRELOAD="$FAKELIB" FAKETIME_TIMESTAMP_FILE="$DIR/clock" FAKETIME_NO_CACHE=1 \
		    "$STATIOND" --demo "$DIR" >>"$DIR/stationd.log" 2>&1 </dev/null &
	else
		"$STATIOND" --demo "$DIR" >>"$DIR/stationd.log" 2>&1 </dev/null &
	fi
	eval "PID$1=$!"
	wait_for 10 ctl status >/dev/null 2>&1
}
# history N SEED PREFIX: a hand-kept table of N past cases over ten weeks,
# from a seeded generator: kinds, models, customers, complaints, causes
# known and in words, parts, shipments. LX-HB150 rises in the last week
# and its repairs turn to one cause, for the early warnings.
history() {
	awk -v n="$1" -v seed="$2" -v wb="$3" -v today="$(date +%s)" 'BEGIN {
		srand(seed)
		split("LX-FL100|LX-TL36|LX-DL12|LX-HB150|LX-FL100|LX-TL36", model, "|")
		split("维修|退货|换货|七天无理由|维修|维修", kind, "|")
		split("华光灯饰|明亮照明|星光电器|远方灯饰, 中山|东莞灯具城", cust, "|")
		split("不亮|闪烁|外壳破|色差|不亮|亮度低", comp, "|")
		split("驱动|灯珠|电容鼓包|进水|驱动|外壳变形", cause, "|")
		split("DRV-60W x1|灯珠|DRV-60W x2、灯珠|外壳|螺丝 x4", part, "|")
		print "寄回日期,寄回单号,规格型号,色温,数量,维修/退货,客户,客服,客户电话,客诉原因,实际检测原因,更换配件,出货单号,出货日期"
		for (i = 1; i <= n; i++) {
			d = int(rand() * 70) + 3
			t = today - d * 86400
			m = model[int(rand() * 6) + 1]
			if (i % 9 == 0) { m = "LX-HB150"; d = int(rand() * 5) + 1; t = today - d * 86400 }
			k = kind[int(rand() * 6) + 1]
			c = (m == "LX-HB150" && d < 7) ? "驱动" : cause[int(rand() * 6) + 1]
			ship = rand() < 0.6
			printf "%s,%s%013d,%s,%s,%d,%s,\"%s\",李娜,139%08d,%s,%s,%s,%s,%s\n",
			    strftime("%Y-%m-%d", t), wb, i, m, (rand() < 0.5 ? "4000K" : ""),
			    int(rand() * 4) + 1, k, cust[int(rand() * 5) + 1], i,
			    comp[int(rand() * 6) + 1], (k == "维修" ? c : ""),
			    (k == "维修" ? part[int(rand() * 5) + 1] : ""),
			    (ship ? sprintf("YT%013d", seed * 1000 + i) : ""),
			    (ship ? strftime("%Y-%m-%d", t + 2 * 86400) : "")
		}
	}'
}

setup A floor6 F 500
setup B floor2 S 500
check "station A starts" start A
history 300 7 SF >"$A/h.csv"
check "A imports ten weeks of its hand-kept table" on A as 1005 import history "$A/h.csv"
check "... 300 cases" test "$(on A q "SELECT count(*) FROM cases WHERE imported = 1")" = 300

# live cases through to their ends
R1=$(on A register SF6100000000001 REPAIR LX-FL100 2)
on A as 1002 case repair "$R1" --cause DRIVER --part DRV-60W:1 --part SCREW-M3:4 --note "驱动烧毁"
on A as 1003 case inspect "$R1" --pass --sample 1
on A as 1004 case approve "$R1"
on A as 1001 case ship "$R1" --waybill SF6200000000001
check "A: a repair to shipping and a call back" on A as 1006 case callback "$R1" --received yes --satisfaction 4
R2=$(on A register SF6100000000002 REPAIR LX-HB150 1)
on A as 1002 case repair "$R2" --cause LED
check "A: a repair that fails inspection" on A as 1003 case inspect "$R2" --fail --note "still flickers"
BT=$(on A register YT6100000000001 RETURN LX-TL36 100)
on A as 1003 case inspect "$BT" --pass --sample 10
on A as 1006 case apply "$BT" --request return --reason "批量退货" --price 1=4.50
on A as 1005 case review "$BT" --approve
on A as 1008 case review "$BT" --approve
check "A: a large batch with its review and cost" on A as 1003 case capa "$BT" --host 1003 --attendee 1005 --verdict return --analysis "灯管老化" --corrective "更换批次" --preventive "来料检验" --responsible supplier --disposal scrap --scrap 90 --usable 10 --cost 300
on A as 1004 case approve "$BT"
NR=$(on A register SF6100000000003 NOREASON7 LX-DL12 3)
R3=$(on A register SF6100000000004 REPAIR LX-FL100 1)
R4=$(on A register SF6100000000005 REPAIR LX-TL36 1)
on A as 1002 case repair "$R4" --cause DRIVER
on A as 1003 case inspect "$R4" --pass
# finance signs five hours after the inspection
[ -n "$FAKELIB" ] && echo "+5h" >"$A/clock"
on A as 1004 case approve "$R4"
on A as 1001 case ship "$R4" --waybill SF6200000000004
on A ctl scan %OP:1001 SF6100000000006 %KIND:RETURN %MODEL:LX-FL100 %DONE >/dev/null
if [ -n "$FAKELIB" ]; then
	# four days on: the 7-day return was not inspected in time, the
	# repair not shipped, the shipped repair not called back
	echo "+4d" >"$A/clock"
	late() { [ "$(q "SELECT count(DISTINCT rule) FROM breaches")" -ge 4 ]; }
	check "four days on, the time rules charge the late cases" on A wait_for 90 late
	on A as 1006 case callback "$R4" --received yes --satisfaction 2
else
	notok "libfaketime is installed (scripts/deps.sh installs faketime)"
fi
check "A uploads everything" on A wait_for 60 settled
check "... the fault causes seeded before any event carried them too" test \
    "$(pg_sql returns "SELECT string_agg(code || name, ',' ORDER BY code) FROM rs.fault_causes")" = \
    "$(on A q "SELECT group_concat(code || name, ',') FROM (SELECT * FROM fault_causes ORDER BY code)")"

# every report, from the station's records and then from the centre's
DAY1=$(on A q "SELECT min(received_date) FROM cases")
DAY2=$(on A q "SELECT received_date FROM cases WHERE imported = 1 GROUP BY 1 ORDER BY count(*) DESC LIMIT 1")
# the station's today, four days on
NOW=$(date +%F)
[ -n "$FAKELIB" ] && NOW=$(date -d "+4 days" +%F)
reports() {
	out=$1
	mkdir -p "$out"
	ctl report kpi --from "$DAY1" --to "$NOW" >"$out/kpi-all" 2>&1
	ctl report kpi --from "$DAY1" --to "$NOW" --lang en --csv - >"$out/kpi-all.csv" 2>&1
	ctl report monthly "$NOW" >"$out/month" 2>&1
	ctl report monthly "$DAY1" --lang en >"$out/month1" 2>&1
	ctl report weekly "$NOW" >"$out/week" 2>&1
	ctl report weekly "$DAY2" --csv - >"$out/week2.csv" 2>&1
	ctl report daily "$NOW" >"$out/day" 2>&1
	ctl report daily "$DAY2" --csv - >"$out/day2.csv" 2>&1
	ctl --operator 1006 --pin 9006 report daily "$(date +%F)" --lang en >"$out/today" 2>&1
	ctl report kpi --from 2001-01-01 --to 2001-01-31 >"$out/empty" 2>&1
}
on A reports "$A/station"
check "the station's report has the history" grep -q "^收货案件  *30[0-9]$" "$A/station/kpi-all"
check "... and late cases named" sh -c "grep -q '$NR' '$A/station/kpi-all'"
check "... and finance's lead time, five hours on one of three" grep -q "^财务签字用时(小时)  *1.67  (样本 3)" "$A/station/kpi-all"
check "... and an early warning" grep -qi "warning\|预警" "$A/station/kpi-all"
check "... and the day's table holds rows" test "$(wc -l <"$A/station/day2.csv")" -gt 2
sed -i 's/^\[reports\]$/[reports]\nsource = central/' "$A/station.conf"
grep -q '^source = central' "$A/station.conf" || printf '\n[reports]\nsource = central\n' >>"$A/station.conf"
kill -HUP "$PIDA"
central_now() { ctl report daily "$NOW" | head -1 | grep -q "中心库"; }
check "[reports] source = central takes effect on a reload" on A wait_for 10 central_now
on A reports "$A/central"
for f in kpi-all kpi-all.csv month month1 week week2.csv day day2.csv today empty; do
	# the title line says where the figures come from
	sed -i '1s/ (中心库: 全部站点)$//; 1s/ (central: all desks)$//' "$A/central/$f"
	check "central report '$f' is the station's, byte for byte" sh -c "cmp -s '$A/station/$f' '$A/central/$f' || { diff '$A/station/$f' '$A/central/$f' | head -20 | sed 's/^/#   /'; false; }"
done

# a second desk: the central figures are both desks' together
check "station B starts" start B
history 40 11 JT >"$B/h.csv"
on B as 1005 import history "$B/h.csv"
RB=$(on B register SF2100000000001 RETURN LX-HB150 3)
check "B uploads" on B wait_for 60 settled
count() { sed -n 's/^收货案件  *\([0-9]*\)$/\1/p' "$1"; }
on B ctl report kpi --from "$DAY1" --to "$NOW" >"$B/kpi-all"
on A ctl report kpi --from "$DAY1" --to "$NOW" >"$A/both"
check "the central count is both desks' cases" test "$(count "$A/both")" = $(( $(count "$A/station/kpi-all") + $(count "$B/kpi-all") ))
check "... B's case is in A's central daily table" sh -c "'$STATIONCTL' -s '$A/station.sock' report daily \"\$(date +%F)\" | grep -q '$RB'"

# the centre unreachable: a clear error, the desk's own records untouched
pg_stop
before=$(on A dbdump)
check "with the centre down, a central report fails in words" sh -c "! '$STATIONCTL' -s '$A/station.sock' report monthly 2>'$A/err' && grep -q 'cannot reach the central database' '$A/err'"
check "... and scans still work" on A sh -c "ctl() { '$STATIONCTL' -s '$A/station.sock' \"\$@\"; }; ctl scan %OP:1001 SF6100000000009 %KIND:RETURN %MODEL:LX-FL100 %DONE >/dev/null"
stop_all
echo "1..$N"
