# Bad input through the real control socket: every one refused in words,
# the database byte-for-byte as it was.
. "$(dirname "$0")/lib.sh"
mkdemo
check "demo starts" start_demo
ctl scan %OP:1001 SF1234567890123 %KIND:REPAIR %MODEL:LX-FL100 >/dev/null
before=$(dbdump)

# refuse SCAN EXPECTED-WORDS: exit 1, the words on stderr
refuse() {
	err=$(ctl scan "$1" 2>&1 >/dev/null)
	rc=$?
	[ $rc -eq 1 ] && echo "$err" | grep -q "$2" && return 0
	echo "#   scan gave exit $rc: $err"
	return 1
}

long=$(head -c 5000 /dev/zero | tr '\0' 'A')
check "a 5000-byte line is refused" refuse "$long" "too long"
long=$(head -c 300 /dev/zero | tr '\0' '7')
check "a 300-byte line is refused" refuse "$long" "too long"
check "a control byte is refused" refuse "$(printf 'SF123\0014567890123')" "control"
check "an escape sequence is refused" refuse "$(printf '\033[2JSF1234567890123')" "control"
check "a tab is refused" refuse "$(printf 'SF123\t4567890123')" "control"
check "invalid UTF-8 is refused" refuse "$(printf 'SF\377\3761234567890123')" "UTF-8"
check "a cut UTF-8 sequence is refused" refuse "$(printf '%%ACC:\344\270')" "UTF-8"
check "SQL injection as a scan is refused" refuse "'; DROP TABLE cases; --" "unrecognised"
check "SQL injection in a waybill is refused" refuse "SF1234567890123' OR '1'='1" "unrecognised"
check "CCT below range is refused" refuse "%CCT:999" "1000 to 20000"
check "CCT above range is refused" refuse "%CCT:20001" "1000 to 20000"
check "CCT not a number is refused" refuse "%CCT:warm" "1000 to 20000"
check "quantity 0 is refused" refuse "%QTY:0" "1 to 9999"
check "quantity too large is refused" refuse "%QTY:100000" "1 to 9999"
check "negative quantity is refused" refuse "%QTY:-3" "1 to 9999"
check "an unknown command is refused" refuse "%FLY:AWAY" "unknown command"
check "an empty scan is refused" refuse "" "empty"
check "an unknown model is refused" refuse "%MODEL:NOPE" "unknown model"
check "a waybill while another case is open is refused" refuse "JDVA12345678901" "still open"
ctl case show "'; DROP TABLE cases; --" >/dev/null 2>&1
check "SQL injection as a case key finds nothing" test $? -eq 1
ctl --operator 1000 --pin 9000 operator add "x' OR 1=1" --name y --role intake >/dev/null 2>&1
check "a badge with quotes is refused" test $? -ne 0
ctl --operator 1000 --pin 9000 product add LX-X --name "$(printf 'bad\001name')" >/dev/null 2>&1
check "a product name with control bytes is refused" test $? -ne 0
ctl --operator 1000 --pin 9000 product add LX-X --name ok --cct 50000 >/dev/null 2>&1
check "a product CCT out of range is refused" test $? -ne 0
ctl nosuchcommand >/dev/null 2>&1
check "an unknown stationctl command exits 2" test $? -eq 2
big=$(head -c 70000 /dev/zero | tr '\0' 'B')
ctl scan "$big" >/dev/null 2>&1
check "a request over 64 KiB is refused" test $? -ne 0
check "the database is unchanged by all of it" test "$(dbdump)" = "$before"
check "the station still works" ctl scan %QTY:2
check "integrity_check is ok" test "$(q 'PRAGMA integrity_check')" = ok
