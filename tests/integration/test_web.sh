#!/bin/sh
# The office page, driven over HTTP with curl: log in by badge and PIN,
# session cookies (HttpOnly, SameSite=Strict), CSRF on every POST, logout,
# escaping, a masked phone, hostile input, large bodies, many clients at
# once while the desk scans on.
. "$(dirname "$0")/lib.sh"
need_npm
mkdemo
start_demo
stop_demo
PORT=$((18000 + $$ % 2000))
sed -i "s/^listen = .*/listen = 127.0.0.1:$PORT/" "$DIR/station.conf"
check "demo starts" start_demo
U="http://127.0.0.1:$PORT"
check "the office page listens, and the log says where" wait_for 5 grep -q "office page: http://127.0.0.1:$PORT/" "$DIR/stationd.log"
code() { curl -s -o /dev/null -w '%{http_code}' "$@"; }
check "without a session a page sends to the login" test "$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' "$U/")" = "303 $U/login"
curl -s -D "$DIR/h" -o "$DIR/b" -d "badge=1005&pin=1234" "$U/login"
check "a wrong PIN is refused in words, with no cookie" sh -c "head -1 '$DIR/h' | grep -q 403 && grep -q 'wrong PIN' '$DIR/b' && ! grep -qi set-cookie '$DIR/h'"
check "a PIN that is no PIN is refused before it is tried" test "$(code -d 'badge=1005&pin=12ab' "$U/login")" = 403
curl -s -D "$DIR/h" -o /dev/null -c "$DIR/jar" -d "badge=1005&pin=9005" "$U/login"
check "the right PIN logs in: a session cookie, HttpOnly and SameSite=Strict" grep -qi "^set-cookie: rs_sid=[0-9a-f]\{32\}; Path=/; HttpOnly; SameSite=Strict" "$DIR/h"
curl -s -D "$DIR/h" -o "$DIR/dash" -b "$DIR/jar" "$U/"
check "the dashboard shows who is logged in and the desk" sh -c "grep -q '陈静 Chen Jing' '$DIR/dash' && grep -q 'desk desk1' '$DIR/dash'"
check "... under a content security policy, its one script the station's own file, none inline" sh -c "grep -qi \"^content-security-policy: default-src 'self'\" '$DIR/h' && test \"\$(grep -o '<script[^>]*>' '$DIR/dash' | sort -u)\" = '<script src=\"/app.js\" defer>'"
check "a forged session id is no session" test "$(code -b "rs_sid=0123456789abcdef0123456789abcdef" "$U/")" = 303

# a case whose complaint is markup, and whose phone is private
ctl --operator 1006 --pin 9006 expect add --waybill SF5100000000001 \
    --customer "华光<b>灯饰</b>" --phone 13912345678 \
    --complaint '<script>alert(1)</script>' --item LX-FL100:1 >/dev/null
ctl scan %OP:1001 SF5100000000001 %KIND:REPAIR %MODEL:LX-FL100 %DONE >/dev/null
curl -s -o "$DIR/case" -b "$DIR/jar" "$U/case?key=SF5100000000001"
check "a case page shows the case" grep -q "SF5100000000001" "$DIR/case"
check "... its markup escaped, never run" sh -c "grep -q '&lt;script&gt;alert(1)&lt;/script&gt;' '$DIR/case' && ! grep -q '<script>alert' '$DIR/case' && ! grep -q '<b>灯饰' '$DIR/case'"
curl -s -c "$DIR/jar2" -o /dev/null -d "badge=1002&pin=9002" "$U/login"
curl -s -o "$DIR/case2" -b "$DIR/jar2" "$U/case?key=SF5100000000001"
check "... the phone masked for a role that may not see it (a technician)" sh -c "grep -q '139\*\*\*\*5678' '$DIR/case2' && ! grep -q 13912345678 '$DIR/case2'"
curl -s -c "$DIR/jar6" -o /dev/null -d "badge=1006&pin=9006" "$U/login"
check "... and whole for customer service" sh -c "curl -s -b '$DIR/jar6' '$U/case?key=SF5100000000001' | grep -q 13912345678"
before=$(q "SELECT count(*) || ':' || max(id) FROM cases; SELECT count(*) FROM sqlite_master")
check "SQL in a search is a key like any other" sh -c "curl -s -b '$DIR/jar' --get --data-urlencode \"key=' OR 1=1; DROP TABLE cases; --\" '$U/case' | grep -q 'no case'"
check "... and changes nothing" test "$(q "SELECT count(*) || ':' || max(id) FROM cases; SELECT count(*) FROM sqlite_master")" = "$before"
check "a body larger than a form may be is refused" test "$(head -c 20000 /dev/zero | tr '\0' a | curl -s -o /dev/null -w '%{http_code}' -b "$DIR/jar" --data-binary @- "$U/logout")" = 413
check "a method the page does not take is refused" test "$(code -X DELETE -b "$DIR/jar" "$U/")" = 405

# many clients at once; the desk scans on
i=0
pids=""
while [ $i -lt 100 ]; do
	curl -s -o /dev/null -w '%{http_code}\n' -b "$DIR/jar" "$U/" >>"$DIR/codes" &
	pids="$pids $!"
	i=$((i + 1))
done
ctl scan SF5100000000002 %KIND:RETURN %MODEL:LX-TL36 %DONE >"$DIR/scan" 2>&1
# shellcheck disable=SC2086
wait $pids
check "a scan is acknowledged while 100 clients load the page" grep -q "registered" "$DIR/scan"
check "... and every client is served" test "$(grep -c '^200$' "$DIR/codes")" -eq 100

# photos from the browser: multipart, the form's token, kept by the station
csrf() { curl -s -b "$1" "$U/" | sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' | head -1; }
t=$(csrf "$DIR/jar")
ctl label preview SF5100000000001 --png "$DIR/p.png" >/dev/null
printf 'not a photo' >"$DIR/fake.jpg"
head -c 30000000 /dev/zero >"$DIR/huge.jpg"
c1=$(q "SELECT case_no FROM cases WHERE waybill = 'SF5100000000001'")
check "a photo sent from the browser is kept on the case" sh -c "curl -s -o /dev/null -w '%{http_code}' -b '$DIR/jar' -F csrf=$t -F case=$c1 -F 'photo=@$DIR/p.png;type=image/png' '$U/photo' | grep -q 303 && test \"\$(sqlite3 '$DIR/station.db' \"SELECT count(*) FROM photos\")\" = 1"
sha=$(sha256sum "$DIR/p.png" | cut -c1-64)
check "... the case page shows it small, linked whole" sh -c "curl -s -b '$DIR/jar' '$U/case?key=$c1' | grep -q 'src=\"/photo?case=$c1&amp;sha=$sha\"'"
check "... and sends back the very bytes" sh -c "curl -s -b '$DIR/jar' '$U/photo?case=$c1&sha=$sha' | sha256sum | grep -q $sha"
check "... a photo of another case is not found by its hash" test "$(code -b "$DIR/jar" "$U/photo?case=SF5100000000003&sha=$sha")" = 404
check "... nor a path for a hash" test "$(code -b "$DIR/jar" "$U/photo?case=$c1&sha=../../station.db")" = 404
check "a file that is no photo is refused in words, nothing kept" sh -c "curl -s -L -b '$DIR/jar' -F csrf=$t -F case=$c1 -F 'photo=@$DIR/fake.jpg' '$U/photo' | grep -q 'not a JPEG or PNG' && test \"\$(sqlite3 '$DIR/station.db' 'SELECT count(*) FROM photos')\" = 1"
check "an upload larger than the page takes is refused" test "$(curl -s -o /dev/null -w '%{http_code}' -b "$DIR/jar" -F csrf=$t -F case=$c1 -F "photo=@$DIR/huge.jpg" "$U/photo")" = 413
check "a photo without the form's token is refused" test "$(curl -s -o /dev/null -w '%{http_code}' -b "$DIR/jar" -F case=$c1 -F "photo=@$DIR/p.png" "$U/photo")" = 403
check "a photo without a session is not taken" sh -c "test \"\$(curl -s -o /dev/null -w '%{http_code}' -F csrf=$t -F case=$c1 -F 'photo=@$DIR/p.png' '$U/photo')\" = 303 && test \"\$(sqlite3 '$DIR/station.db' 'SELECT count(*) FROM photos')\" = 1"
check "the label as the printer draws it is a picture" sh -c "curl -s -b '$DIR/jar' '$U/label.png?case=$c1' | head -c 4 | od -An -c | grep -q P"

# the live feed: news when a scan lands, only for a session
curl -s -N -b "$DIR/jar" --max-time 6 "$U/events" >"$DIR/feed" 2>/dev/null &
fp=$!
sleep 1
ctl scan SF5100000000003 %KIND:RETURN %MODEL:LX-TL36 %DONE >/dev/null 2>&1
wait $fp
check "the live feed says when a scan lands" grep -q '^event: news$' "$DIR/feed"
check "... as server-sent events" test "$(curl -s -o /dev/null -w '%{content_type}' --max-time 2 -b "$DIR/jar" "$U/events")" = "text/event-stream"
check "... and needs a session" test "$(code --max-time 3 "$U/events")" = 303
check "the page's script is served as the station's own" test "$(curl -s -o /dev/null -w '%{http_code} %{content_type}' "$U/app.js")" = "200 text/javascript"

# reports: the station's own, shown and sent back as files
check "the reports page shows the month" sh -c "curl -s -b '$DIR/jar' '$U/reports?period=monthly' | grep -q '<div class=\"report\"><pre>'"
check "... a chart is the station's SVG" sh -c "curl -s -b '$DIR/jar' '$U/report.svg?period=monthly&chart=causes' | head -c 200 | grep -q '<svg'"
check "... an unknown chart is not found" test "$(code -b "$DIR/jar" "$U/report.svg?period=monthly&chart=../../etc/passwd")" = 404
check "... the month as a PDF" sh -c "curl -s -b '$DIR/jar' '$U/report.file?period=monthly&as=pdf' | head -c 5 | grep -q '%PDF-'"
curl -s -D "$DIR/xh" -o "$DIR/m.xlsx" -b "$DIR/jar" "$U/report.file?period=monthly&as=xlsx"
check "... as a workbook to keep, named for it" grep -qi '^content-disposition: attachment; filename="monthly.xlsx"' "$DIR/xh"
check "... which an independent reader opens" sh -c "node '$TOP/tests/tools/xlsxdump.cjs' '$DIR/m.xlsx' | grep -q '^intake_cases'"
check "... the day's table as CSV" sh -c "curl -s -b '$DIR/jar' '$U/report.file?period=daily&as=csv' | head -c 3 | od -An -tx1 | grep -q 'ef bb bf'"
check "... no PDF of the daily table" test "$(code -b "$DIR/jar" "$U/report.file?period=daily&as=pdf")" = 404
check "... a report needs a session" test "$(code "$U/report.file?period=monthly&as=csv")" = 303

# logging out takes the form's token
check "a POST without the CSRF token is refused" test "$(code -b "$DIR/jar" -d "x=1" "$U/logout")" = 403
check "... with another session's token too" sh -c "t=\$(curl -s -b '$DIR/jar6' '$U/' | sed -n 's/.*name=\"csrf\" value=\"\([0-9a-f]*\)\".*/\1/p'); test \"\$(curl -s -o /dev/null -w '%{http_code}' -b '$DIR/jar' -d \"csrf=\$t\" '$U/logout')\" = 403"
check "... and the session goes on" test "$(code -b "$DIR/jar" "$U/")" = 200
t=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' "$DIR/dash")
check "logging out with the token ends the session" test "$(code -b "$DIR/jar" -d "csrf=$t" "$U/logout")" = 303
check "... and the old cookie no longer opens a page" test "$(code -b "$DIR/jar" "$U/")" = 303

# wrong PINs lock the badge for a while
for k in 1 2 3 4 5 6; do curl -s -o /dev/null -d "badge=1003&pin=000$k" "$U/login"; done
check "repeated wrong PINs lock the badge, said in words" sh -c "curl -s -d 'badge=1003&pin=9003' '$U/login' | grep -q 'locked for'"
stop_demo
echo "1..$N"
