# End to end: a parcel registered through stationctl, stored in SQLite and
# printed through a private cupsd to the virtual printer.
. "$(dirname "$0")/lib.sh"
mkdemo
check "demo starts with a private cupsd" start_demo
check "demo seeded operators and models" \
    test "$(q 'SELECT count(*) FROM operators')" -eq 9
check "status shows the printer queue" sh -c \
    "'$STATIONCTL' -s '$DIR/station.sock' status | grep -q 'printer: label: idle'"

out=$(ctl scan %OP:1001 SF1234567890123 %KIND:REPAIR 6901234567892 %QTY:3 \
    %MODEL:LX-HB150 %CCT:3000 %ACC:remote %DONE 2>&1)
check "a whole parcel is accepted" test $? -eq 0
check "every scan is acknowledged with its event" \
    test "$(echo "$out" | grep -c '(event [0-9]*)')" -eq 9
CASE=$(q "SELECT case_no FROM cases WHERE waybill = 'SF1234567890123'")
check "the case is stored as registered repair" test \
    "$(q "SELECT state || ' ' || kind || ' ' || area FROM cases WHERE case_no = '$CASE'")" \
    = "registered repair A-REPAIR"
check "items stored with CCT and quantity" test \
    "$(q "SELECT group_concat(model || ':' || cct || ':' || quantity, ',') FROM items")" \
    = "LX-FL100:4000:3,LX-HB150:3000:1"
check "the label reaches the virtual printer" wait_for 15 \
    test -f "$DIR/printed/label-000001.zpl"
check "the printed label carries the case barcode" \
    grep -q "\\^BCN,[0-9]*,N,N,N,A\\^FH_\\^FD$CASE\\^FS" "$DIR/printed/label-000001.zpl"
check "the label says what is inside: models and units, the first with CCT" test \
    "$(q "SELECT json_extract(fields, '$.contents') || ' | ' || json_extract(fields, '$.models') FROM label_outbox WHERE id = 1")" \
    = "2 型号 models · 4 件 units | LX-FL100 4000K x3 · LX-HB150 3000K x1"
check "the area name goes as a graphic field" \
    grep -q "\\^GFA," "$DIR/printed/label-000001.zpl"
q "SELECT writefile('$DIR/payload.zpl', payload) FROM label_outbox WHERE id = 1" >/dev/null
check "the bytes printed are the bytes rendered" \
    cmp -s "$DIR/payload.zpl" "$DIR/printed/label-000001.zpl"
check "the outbox records the CUPS job as printed" wait_for 15 sh -c \
    "[ \"\$(sqlite3 '$DIR/station.db' \"SELECT state FROM label_outbox WHERE id = 1 AND job_id > 0\")\" = printed ]"
check "label list shows it" sh -c \
    "'$STATIONCTL' -s '$DIR/station.sock' label list | grep -q 'printed'"

n=$(ls "$DIR/printed" | grep -c '^label-')
check "label print --template case prints the case label" \
    sh -c "'$STATIONCTL' -s '$DIR/station.sock' label print '$CASE' --template case | grep -q 'case label for $CASE queued'"
check "... which reaches the printer as a 100 x 60 mm label" wait_for 15 sh -c \
    "ls -t '$DIR/printed' | head -1 | grep -q label- && grep -q '\^PW799^LL480' '$DIR/printed/'\$(ls -t '$DIR/printed' | head -1) && [ \$(ls '$DIR/printed' | grep -c '^label-') -gt $n ]"
check "a template other than area or case is refused" sh -c \
    "! '$STATIONCTL' -s '$DIR/station.sock' label print '$CASE' --template box 2>/dev/null"

ctl scan SF1234567890123 %MODEL:LX-DL12 %DONE >/dev/null
check "the same waybill reopens the same case" \
    test "$(q "SELECT count(*) FROM cases WHERE waybill = 'SF1234567890123'")" -eq 1
check "the reopened case got its item" \
    test "$(q "SELECT count(*) FROM items")" -eq 3
check "case show --json by waybill" sh -c \
    "'$STATIONCTL' -s '$DIR/station.sock' case show sf1234567890123 --json | grep -q '\"case_no\":\"$CASE\"'"
ctl case show NOSUCHCASE >/dev/null 2>&1
check "case show of an unknown case fails" test $? -eq 1
check "case list --json lists it" sh -c \
    "'$STATIONCTL' -s '$DIR/station.sock' case list --json | grep -q '\"state\":\"registered\"'"

err=$(ctl scan HELLO-WORLD 2>&1 >/dev/null)
check "an unknown scan is refused with exit 1" test $? -eq 1
check "... and the reason is given" sh -c "echo '$err' | grep -q unrecognised"

check "operator add" ctl --operator 1000 --pin 9000 operator add 2001 --name "赵六 Zhao Liu" --role intake,technician
ctl --operator 1000 --pin 9000 operator add 2001 --name Other --role intake >/dev/null 2>&1
check "a badge cannot be added twice" test $? -ne 0
ctl --operator 1000 --pin 9000 operator add 2002 --name X --role cook >/dev/null 2>&1
check "an unknown role is refused" test $? -ne 0
err=$(ctl operator add 2003 --name Y --role intake 2>&1)
check "adding an operator without a badge is refused" sh -c "echo '$err' | grep -q 'admin role'"
err=$(ctl --operator 1001 --pin 9001 operator add 2003 --name Y --role intake 2>&1)
check "... and so is an intake badge" sh -c "echo '$err' | grep -q 'needs the admin role'"
check "a barcode with a wrong EAN-13 check digit is refused" sh -c "! '$STATIONCTL' -s '$DIR/station.sock' --operator 1000 --pin 9000 product add LX-PL40 --name Panel --barcode 6909999999990 2>'$DIR/err' && grep -q 'check digit' '$DIR/err'"
check "product add" ctl --operator 1000 --pin 9000 product add LX-PL40 --name "面板灯 Panel" --barcode 6909999999996 --cct 4000
check "the new badge and barcode work at the desk" ctl scan %OP:2001 \
    JDVA12345678901 %KIND:RETURN 6909999999996 %DONE
check "operator list" sh -c \
    "'$STATIONCTL' -s '$DIR/station.sock' operator list | grep -q '2001.*intake,technician'"
check "control socket is mode 660" test "$(stat -c %a "$DIR/station.sock")" = 660

check "stationd -n accepts the demo config" "$STATIOND" -n -c "$DIR/station.conf"
printf '[printer]\ndpi = 123\n' >"$DIR/bad.conf"
msg=$("$STATIOND" -n -c "$DIR/bad.conf" 2>&1)
check "stationd -n rejects a bad config with file:line" \
    sh -c "echo '$msg' | grep -q '^$DIR/bad.conf:2: dpi must be'"

printf 'size 60x40\ntext x=1 y=1 h=3 "{colour}"\n' >"$DIR/bad.tmpl"
printf '[labels]\narea = %s\n' "$DIR/bad.tmpl" >"$DIR/badtmpl.conf"
msg=$("$STATIOND" -n -c "$DIR/badtmpl.conf" 2>&1)
check "stationd -n reports a bad template with its file:line" \
    sh -c "echo '$msg' | grep -q '$DIR/bad.tmpl:2: unknown field'"
cp "$DIR/station.conf" "$DIR/station.conf.good"
echo "bogus line" >>"$DIR/station.conf"
kill -HUP "$PID"
sleep 0.3
check "a broken config on SIGHUP is refused and the station runs on" ctl status
check "... and says why" grep -q "reload refused" "$DIR/stationd.log"
cp "$DIR/station.conf.good" "$DIR/station.conf"

check "printer list shows the label queue" sh -c \
    "'$STATIONCTL' -s '$DIR/station.sock' printer list | grep -q '^label .*Local Raw Printer.*<- labels'"
ctl label preview "$CASE" --png "$DIR/preview.png" >/dev/null
check "label preview writes a PNG" sh -c "head -c 4 '$DIR/preview.png' | grep -q PNG"
check "the preview's barcode reads back" sh -c \
    "zbarimg -q --raw '$DIR/preview.png' 2>/dev/null | grep -qx '$CASE'"
out=$(ctl scan-image "$DIR/preview.png" 2>&1)
check "scan-image reads the label photo as a scan" sh -c "echo '$out' | grep -q 'case reopened'"
ctl scan %CANCEL >/dev/null
printf 'not an image' >"$DIR/junk.jpg"
ctl scan-image "$DIR/junk.jpg" >/dev/null 2>&1
check "scan-image refuses a file that is no photo" test $? -eq 1
ctl label preview "$CASE" --pdf "$DIR/case.pdf" --template case >/dev/null
check "a case label preview as PDF" sh -c "head -c 5 '$DIR/case.pdf' | grep -q '%PDF-'"
ctl sheet commands --pdf "$DIR/commands.pdf" >/dev/null
check "the command sheet is written" sh -c "head -c 5 '$DIR/commands.pdf' | grep -q '%PDF-'"
# sheets as a scanner meets them: the PDF drawn at 200 dpi by Ghostscript,
# every code read by zbar, once
sheet_codes() {
	rm -f "$DIR"/pg-*.png
	gs -q -dNOPAUSE -dBATCH -dSAFER -sDEVICE=pnggray -r200 \
	    -sOutputFile="$DIR/pg-%d.png" "$1" &&
	for f in "$DIR"/pg-*.png; do zbarimg -q --raw "$f" 2>/dev/null; done
}
sheet_codes "$DIR/commands.pdf" | sort >"$DIR/codes"
causes=$(q "SELECT count(*) FROM fault_causes WHERE active")
check "every command on the sheet reads at 200 dpi, once: kinds, conditions, accessories, CCTs, quantities, $causes causes twice, inspection with sample sizes" \
    sh -c "[ \$(sort -u '$DIR/codes' | wc -l) -eq \$(wc -l <'$DIR/codes') ] &&
	[ \$(grep -c '^%QTY:' '$DIR/codes') -eq 20 ] && [ \$(grep -c '^%ACC:' '$DIR/codes') -eq 8 ] &&
	[ \$(grep -c '^%CAUSE:' '$DIR/codes') -eq $causes ] && [ \$(grep -c '^%BEYOND:' '$DIR/codes') -eq $causes ] &&
	[ \$(grep -c '^%INSPECT:PASS:[0-9]' '$DIR/codes') -eq 8 ] && grep -qx '%KIND:NOREASON7' '$DIR/codes' &&
	grep -qx '%SUPPLIER:BACK' '$DIR/codes'"
ctl --operator 1000 --pin 9000 product add "灯带-5米暖白" --name "Strip" --spec 5m >/dev/null
ctl product list >"$DIR/plist"
check "... every model listed" test "$(grep -c '^LX-\|^灯带' "$DIR/plist")" -eq 7
check "product edit changes a model" ctl --operator 1000 --pin 9000 product edit LX-PL40 --spec 40W --potted yes
check "... and says so in the list" sh -c "'$STATIONCTL' -s '$DIR/station.sock' product list | grep '^LX-PL40' | grep -q 'potted'"
check "product disable" ctl --operator 1000 --pin 9000 product disable LX-PL40
ctl scan %OP:1001 SF7777777777001 %KIND:REPAIR >/dev/null
check "a disabled model is refused at the desk" sh -c "! '$STATIONCTL' -s '$DIR/station.sock' scan %MODEL:LX-PL40 2>'$DIR/err' && grep -q disabled '$DIR/err'"
ctl scan %CANCEL >/dev/null
ctl sheet models --pdf "$DIR/models.pdf" >/dev/null
sheet_codes "$DIR/models.pdf" | sort >"$DIR/mcodes"
q "SELECT '%MODEL:' || model FROM products" | sort >"$DIR/mwant"
check "the catalogue sheet carries every model as %MODEL:, each read at 200 dpi ($(wc -l <"$DIR/mwant") models, a Chinese one as QR)" \
    cmp -s "$DIR/mcodes" "$DIR/mwant"
ctl sheet models --png "$DIR/m.png" --page 9 >/dev/null 2>"$DIR/err"
check "a page the sheet does not have is refused in words" grep -q 'the sheet has 1 page, not 9' "$DIR/err"
ctl sheet badges --png "$DIR/badges.png" >/dev/null
check "the badge sheet carries every active badge" sh -c \
    "[ \"\$(zbarimg -q --raw '$DIR/badges.png' 2>/dev/null | grep -c '^%OP:')\" -eq 10 ]"
ctl label preview "$CASE" --png /nonexistent/dir/x.png >/dev/null 2>&1
check "a preview to an unwritable path fails" test $? -ne 0

check "audit log verifies" ctl audit verify
stop_demo
check "SIGTERM stops the daemon cleanly" test $? -eq 0
no_cupsd() { ! pgrep -f "^cupsd -f -c $DIR/" >/dev/null; }
check "the private cupsd stopped with it" no_cupsd
check "the control socket is removed" test ! -e "$DIR/station.sock"

start_demo
check "a restart does not seed twice" test "$(q 'SELECT count(*) FROM operators')" -eq 10
sqlite3 "$DIR/station.db" "DROP TRIGGER audit_no_update; UPDATE audit SET detail = '{}' WHERE id = 30"
out=$(ctl audit verify 2>&1)
check "an edited audit row is detected" test $? -eq 1
check "... and named" sh -c "echo '$out' | grep -q 'row 30'"
