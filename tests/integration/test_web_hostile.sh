#!/bin/sh
# The office page attacked: slow clients (slowloris), 200 clients at once,
# another role's session, markup and SQL in every field of a form, an
# expired session; refused or served, nothing stored wrongly, and the desk
# still acknowledges its scans.
. "$(dirname "$0")/lib.sh"
need_npm
mkdemo
start_demo
stop_demo
PORT=$((24000 + $$ % 2000))
sed -i "s/^listen = .*/listen = 127.0.0.1:$PORT/" "$DIR/station.conf"
check "demo starts" start_demo
U="http://127.0.0.1:$PORT"
wait_for 5 grep -q "office page:" "$DIR/stationd.log"
login() { curl -s -c "$2" -o /dev/null -d "badge=$1&pin=900${1#100}" "$U/login"; }
csrf() { curl -s -b "$1" "$U/" | sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' | head -1; }
login 1005 "$DIR/sup"
ctl scan %OP:1001 SF5200000000001 %KIND:REPAIR %MODEL:LX-FL100 %DONE >/dev/null
c1=$(q "SELECT case_no FROM cases WHERE waybill = 'SF5200000000001'")

# 150 slow clients from one address: the first 128 held to the head's
# deadline, the rest refused; another address is served all the while
node "$TOP/tests/tools/slowloris.cjs" 127.0.0.1 "$PORT" 150 30 >"$DIR/slow" 2>&1 &
sp=$!
sleep 3
check "while 150 slow clients hang on, another address is served" test "$(curl -s -o /dev/null -w '%{http_code}' --interface 127.0.0.2 --max-time 5 "$U/login")" = 200
check "... and the desk acknowledges a scan" sh -c "'$STATIONCTL' -s '$DIR/station.sock' scan %OP:1001 SF5200000000002 %KIND:RETURN %MODEL:LX-TL36 %DONE | grep -q registered"
wait $sp
check "every slow client is cut off by the head's deadline" grep -q "^closed 150 of 150" "$DIR/slow"
check "... none kept past it" awk '/^closed/ { exit !($5 + 0 <= 14) }' "$DIR/slow"
check "the page serves again after them" test "$(curl -s -o /dev/null -w '%{http_code}' -b "$DIR/sup" "$U/")" = 200

# 200 clients at once, from two addresses, while the desk scans
i=0
pids=""
while [ $i -lt 200 ]; do
	curl -s -o /dev/null -w '%{http_code}\n' --interface "127.0.0.$((1 + i % 2))" --max-time 60 -b "$DIR/sup" "$U/cases?find=LX-FL100" >>"$DIR/codes" &
	pids="$pids $!"
	i=$((i + 1))
done
ctl scan %OP:1001 SF5200000000003 %KIND:RETURN %MODEL:LX-TL36 %DONE >"$DIR/scan" 2>&1
# shellcheck disable=SC2086
wait $pids
check "200 clients at once: the desk acknowledges its scan" grep -q registered "$DIR/scan"
check "... and every client is served" test "$(grep -c '^200$' "$DIR/codes")" -eq 200

# another role's session: refused by the station's own rules
login 1002 "$DIR/tech"
t=$(csrf "$DIR/tech")
curl -s -L -o "$DIR/r1" -b "$DIR/tech" --data-urlencode "csrf=$t" --data-urlencode "cmd=case approve" --data-urlencode "case=$c1" --data-urlencode "pin=9002" "$U/act"
check "a technician's session cannot sign for finance" sh -c "grep -q 'class=\"flash err\"' '$DIR/r1' && test \"\$(sqlite3 '$DIR/station.db' 'SELECT count(*) FROM signoffs')\" = 0"
curl -s -L -o "$DIR/r2" -b "$DIR/tech" --data-urlencode "csrf=$t" --data-urlencode "cmd=operator add" --data-urlencode "pos0=6666" --data-urlencode "--name=x" --data-urlencode "--role=admin" --data-urlencode "pin=9002" "$U/act"
check "... nor add an operator" sh -c "grep -q 'class=\"flash err\"' '$DIR/r2' && test \"\$(sqlite3 '$DIR/station.db' \"SELECT count(*) FROM operators WHERE badge = '6666'\")\" = 0"
check "a command the page does not offer is refused" test "$(curl -s -o /dev/null -w '%{http_code}' -b "$DIR/sup" --data-urlencode "csrf=$(csrf "$DIR/sup")" --data-urlencode "cmd=backup" --data-urlencode "pos0=$DIR/x" "$U/act")" = 400
check "... and writes no file" test ! -e "$DIR/x"

# markup and SQL in every field of the customer's form: kept as typed,
# shown as text
login 1006 "$DIR/cs"
t=$(csrf "$DIR/cs")
evil="'); DROP TABLE cases; -- <img src=x onerror=alert(1)>"
curl -s -o /dev/null -b "$DIR/cs" --data-urlencode "csrf=$t" --data-urlencode "cmd=case customer" --data-urlencode "case=$c1" \
    --data-urlencode "--name=N$evil" --data-urlencode "--contact=C$evil" --data-urlencode "--address=A$evil" \
    --data-urlencode "--service-rep=S$evil" --data-urlencode "--order=O$evil" --data-urlencode "--complaint=X$evil" "$U/act"
check "every field keeps the text exactly" test "$(q "SELECT customer || '|' || contact || '|' || address || '|' || service_rep || '|' || order_no || '|' || complaint FROM cases WHERE case_no = '$c1'")" = "N$evil|C$evil|A$evil|S$evil|O$evil|X$evil"
check "... the tables are all there" test "$(q "SELECT count(*) FROM cases")" -ge 3
curl -s -o "$DIR/page" -b "$DIR/cs" "$U/case?key=$c1"
check "... and the page shows it as text, never as markup" sh -c "! grep -q '<img src=x' '$DIR/page' && test \"\$(grep -o '&lt;img src=x onerror=alert(1)&gt;' '$DIR/page' | wc -l)\" -ge 6"
curl -s -L -o "$DIR/r3" -b "$DIR/cs" --data-urlencode "csrf=$t" --data-urlencode "cmd=case customer" --data-urlencode "case=$c1" --data-urlencode "--phone=1' OR '1'='1" "$U/act"
check "a phone that is no phone is refused in words, the old one kept" sh -c "grep -q 'class=\"flash err\"' '$DIR/r3' && test -z \"\$(sqlite3 '$DIR/station.db' \"SELECT phone FROM cases WHERE case_no = '$c1'\")\""
check "a NUL in a field does not cut it short" sh -c "curl -s -o /dev/null -b '$DIR/cs' --data-urlencode 'csrf=$t' --data-urlencode 'cmd=case customer' --data-urlencode 'case=$c1' --data '--order=AB%00CD' '$U/act'; test \"\$(sqlite3 '$DIR/station.db' \"SELECT order_no FROM cases WHERE case_no = '$c1'\")\" = ABCD"
stop_demo

# an idle session expires (the clock moved on by libfaketime)
FAKELIB=$(dpkg -L libfaketime 2>/dev/null | grep '/libfaketime\.so\.1$' | head -1)
if [ -z "$FAKELIB" ]; then
	notok "libfaketime is installed (scripts/deps.sh installs faketime)"
else
	echo "+0" >"$DIR/clock"
	export LD_PRELOAD="$FAKELIB" FAKETIME_TIMESTAMP_FILE="$DIR/clock" FAKETIME_NO_CACHE=1
	start_demo
	unset LD_PRELOAD FAKETIME_TIMESTAMP_FILE FAKETIME_NO_CACHE
	wait_for 5 grep -q "office page:" "$DIR/stationd.log"
	login 1005 "$DIR/old"
	check "a fresh session opens the dashboard" test "$(curl -s -o /dev/null -w '%{http_code}' -b "$DIR/old" "$U/")" = 200
	echo "+29m" >"$DIR/clock"
	check "... still open after 29 idle minutes" test "$(curl -s -o /dev/null -w '%{http_code}' -b "$DIR/old" "$U/")" = 200
	echo "+61m" >"$DIR/clock"
	check "... closed after 32 more: back to the login" test "$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' -b "$DIR/old" "$U/")" = "303 $U/login"
	stop_demo
fi
sed "s/^/# slow clients: /" "$DIR/slow"
echo "1..$N"
