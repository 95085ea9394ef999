#!/bin/sh
# PINs: sign-offs, approvals and admin work through stationctl need the
# operator's PIN (argon2id); wrong ones are counted and lock the badge;
# at a terminal stationctl asks for it.
. "$(dirname "$0")/lib.sh"
mkdemo
check "demo starts" start_demo
stop_demo
sed -i 's/^queue = label$/queue =/' "$DIR/station.conf"
start_demo
ctl scan %OP:1001 SF0000001000001 %KIND:RETURN %MODEL:LX-FL100 %DONE >/dev/null
X=$(q "SELECT case_no FROM cases WHERE waybill = 'SF0000001000001'")
check "the demo's PINs are kept as argon2id hashes" test "$(q "SELECT count(*) FROM operators WHERE pin_hash LIKE '\$argon2id\$%'")" -eq 9
check "inspection with the inspector's PIN" ctl --operator 1003 --pin 9003 case inspect "$X" --pass
ctl --operator 1006 --pin 9006 case apply "$X" --request return --reason "退货" >/dev/null
check "a step of the approval chain needs the signer's PIN" sh -c "! '$STATIONCTL' -s '$DIR/station.sock' --operator 1005 case review '$X' --approve 2>/dev/null </dev/null"
check "... and goes through with it" ctl --operator 1005 --pin 9005 case review "$X" --approve
ctl --operator 1008 --pin 9008 case review "$X" --approve >/dev/null

before=$(dbdump)
ctl --operator 1004 case approve "$X" >/dev/null 2>"$DIR/err"
rc=$?
check "an approval without the PIN is refused (not at a terminal)" sh -c "test $rc -eq 1 && grep -q 'needs the PIN of badge 1004' '$DIR/err'"
ctl --operator 1004 --pin 1234 case approve "$X" >/dev/null 2>"$DIR/err"
rc=$?
check "a wrong PIN is refused" sh -c "test $rc -eq 1 && grep -q 'wrong PIN' '$DIR/err'"
check "... and nothing changed" test "$(dbdump)" = "$before"
printf '9004\n' | script -qec "'$STATIONCTL' -s '$DIR/station.sock' --operator 1004 case approve '$X'" /dev/null >"$DIR/tty" 2>&1
check "at a terminal stationctl asks for the PIN" grep -q 'PIN:' "$DIR/tty"
check "... and the approval goes through with it" test "$(q "SELECT state FROM cases WHERE case_no = '$X'")" = finance_approved

i=0
while [ $i -lt 5 ]; do
	ctl --operator 1005 --pin 0000 case close "$X" >/dev/null 2>&1
	i=$((i + 1))
done
ctl --operator 1005 --pin 9005 case close "$X" >/dev/null 2>"$DIR/err"
rc=$?
check "five wrong PINs lock the badge, even against the right one" sh -c "test $rc -eq 1 && grep -q 'locked for' '$DIR/err'"
check "another badge is not locked" ctl --operator 1000 --pin 9000 operator add 2001 --name Neu --role finance

before=$(dbdump)
ctl --operator 2001 case close "$X" >/dev/null 2>"$DIR/err"
check "an operator without a PIN cannot sign off" sh -c "grep -q 'has no PIN yet' '$DIR/err'"
check "... and nothing changed" test "$(dbdump)" = "$before"
check "an admin sets the PIN" ctl --operator 1000 --pin 9000 operator pin 2001 --pin 246810
check "... which is a hash, not the digits" sh -c "! sqlite3 '$DIR/station.db' 'SELECT pin_hash FROM operators WHERE badge = \"2001\"' | grep -q 246810"
ctl --operator 1001 --pin 9001 operator pin 2001 --pin 1111 >/dev/null 2>"$DIR/err"
check "an intake operator cannot set another's PIN" grep -q 'admin role' "$DIR/err"
check "an operator sets their own with their PIN" ctl --operator 2001 --pin 246810 operator pin 2001 --pin 13579
ctl --operator 1000 --pin 9000 operator pin 2001 --pin 12 >/dev/null 2>"$DIR/err"
check "a PIN is 4 to 12 digits" grep -q '4 to 12 digits' "$DIR/err"
check "the scanner's desk needs the badge only" ctl scan %OP:1001 SF0000001000002 %KIND:REPAIR %MODEL:LX-FL100 %DONE

stop_demo
printf '[security]\nrequire_pin = no\n' >>"$DIR/station.conf"
start_demo
ctl scan %OP:1001 SF0000001000003 %KIND:RETURN %MODEL:LX-FL100 %DONE >/dev/null
Y=$(q "SELECT case_no FROM cases WHERE waybill = 'SF0000001000003'")
check "with require_pin = no a badge alone inspects" ctl --operator 1003 case inspect "$Y" --pass
ctl --operator 1004 --pin 1 case approve "$Y" >/dev/null 2>&1
check "... but a PIN given must be right" test $? -eq 1
stop_demo
echo "1..$N"
