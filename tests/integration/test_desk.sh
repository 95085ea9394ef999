#!/bin/sh
# The desk on a terminal, as a person at the station sees and hears it: the
# demo on a pseudo-terminal, scans typed one by one. An accepted scan rings
# the bell once and a refused one three times (no PC speaker here), and a
# status line in reverse video names the operator, the open case and the
# last answer, drawn again under log output.
. "$(dirname "$0")/lib.sh"
mkdemo
start_demo
stop_demo
# no PC speaker, on any machine: the bell it is
sed -i 's|^sound = yes$|sound = yes\nsound_device = /dev/null|' "$DIR/station.conf"
{
	sleep 2
	for s in %OP:1001 SF4000000000001 HELLO %KIND:REPAIR %MODEL:LX-FL100; do
		printf '%s\n' "$s"
		sleep 1
	done
	sleep 1
} | timeout 30 script -qfec "'$STATIOND' --demo '$DIR'" /dev/null >"$DIR/tty" 2>&1 &
SPID=$!
wait_for 25 grep -q "LX-FL100 4000K x1" "$DIR/tty"
check "the status line shows the last answer" grep -q "LX-FL100 4000K x1" "$DIR/tty"
pkill -TERM -f "stationd --demo $DIR" 2>/dev/null
wait $SPID 2>/dev/null
bells=$(tr -cd '\007' <"$DIR/tty" | wc -c)
check "four accepted scans ring once each, the refused one three times ($bells)" test "$bells" -eq 7
check "the status line is drawn bold in reverse video" grep -q "$(printf '\033\\[1;7m')" "$DIR/tty"
check "... with the operator" grep -q "$(printf '\033\\[1;7m') ready, operator 1001 张伟 Zhang Wei" "$DIR/tty"
check "... the open case and what it holds" grep -q "case R[0-9-]* (SF4000000000001) open, repair, 1 item" "$DIR/tty"
check "... and the refusal" grep -q "| NO unrecognised scan" "$DIR/tty"
check "without a PC speaker the desk says it rings the bell" grep -q "no PC speaker on /dev/null; the terminal bell sounds instead" "$DIR/tty"
echo "1..$N"
