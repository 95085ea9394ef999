#!/bin/sh
# The office page in a real browser: headless Chromium, driven by
# puppeteer-core, logs in as each role and takes one repair case from the
# desk's scan to closed through the page's forms (tests/tools/office.cjs).
# OFFICE_SHOTS=DIR keeps the screenshots (the README's come from here).
. "$(dirname "$0")/lib.sh"
need_npm
if ! command -v chromium >/dev/null 2>&1; then
	notok "Chromium is installed (scripts/deps.sh installs it)"
	echo "1..$N"
	exit 1
fi
mkdemo
start_demo
stop_demo
PORT=$((20000 + $$ % 2000))
sed -i "s/^listen = .*/listen = 127.0.0.1:$PORT/" "$DIR/station.conf"
check "demo starts" start_demo
check "the office page listens" wait_for 5 grep -q "office page: http://127.0.0.1:$PORT/" "$DIR/stationd.log"
ctl scan %OP:1001 SF6100000000001 %KIND:REPAIR %MODEL:LX-FL100 %DONE >"$DIR/scan" 2>&1
c=$(q "SELECT case_no FROM cases WHERE waybill = 'SF6100000000001'")
check "the desk registers a repair case" test -n "$c"
ctl scan %OP:1001 SF6100000000002 %KIND:RETURN %MODEL:LX-TL36 %QTY:2 %DONE >/dev/null 2>&1
r=$(q "SELECT case_no FROM cases WHERE waybill = 'SF6100000000002'")
check "the desk registers a return of two units" test -n "$r"
ctl label preview "$c" --png "$DIR/photo.png" >/dev/null
shots=${OFFICE_SHOTS:-$DIR/shots}
mkdir -p "$shots"
STATIONCTL=$STATIONCTL STATION_SOCK=$DIR/station.sock PHOTO=$DIR/photo.png \
    RETURN_CASE=$r \
    node "$TOP/tests/tools/office.cjs" "http://127.0.0.1:$PORT" "$c" "$shots" >"$DIR/browser" 2>&1
# the browser's own checks, numbered on from here
while IFS= read -r line; do
	case "$line" in
	"ok "*) ok "${line#ok * - }" ;;
	"not ok "*) notok "${line#not ok * - }" ;;
	*) echo "$line" ;;
	esac
done <"$DIR/browser"
check "the browser ran its checks" grep -q '^ok ' "$DIR/browser"
check "every step stands in the store, signed by its badge" test "$(q "SELECT group_concat(action || ':' || actor, ' ') FROM (SELECT action, actor FROM audit WHERE entity = 'case' AND entity_id = (SELECT id FROM cases WHERE case_no = '$c') AND action IN ('case.customer', 'case.repair', 'case.inspect_pass', 'case.approve', 'case.ship', 'case.callback', 'case.close') ORDER BY id)")" = "case.customer:1006 case.repair:1002 case.inspect_pass:1003 case.approve:1004 case.ship:1001 case.callback:1006 case.close:1005"
check "the finance sign-off is one row, by finance" test "$(q "SELECT count(*) || ':' || max(o.badge) FROM signoffs s JOIN operators o ON o.id = s.finance_id WHERE s.case_id = (SELECT id FROM cases WHERE case_no = '$c')")" = "1:1004"
stop_demo
echo "1..$N"
