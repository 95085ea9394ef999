#!/bin/sh
# Configuration: every complaint of a file at once, each with file:line;
# -n checks exactly what start-up checks; a daemon that cannot start leaves
# nothing behind.
. "$(dirname "$0")/lib.sh"
DIR=$(mktemp -d /tmp/st.XXXXXX)
trap 'rm -rf "$DIR"' EXIT

cat >"$DIR/bad.conf" <<EOC
[station]
database = $DIR/s.db
socket = $DIR/s.sock
desk =
[scanner]
source = usb:0c2e
source = usb:zzzz:yyyy
source = serial:/dev/ttyACM0@9600x
source = evdev:/dev/input/
[carriers]
SLOW = ^(a+)+\$
BACK = ^([0-9])\\1\$
SF = ^SF[0-9]{13}\$
[rules]
large_batch = 0
[carriers]
PLUS = ^S+++++++++++++++++++++++++++++++++++++++++\$
MANY = ^[0-9]{1000}\$
EOC
"$STATIOND" -n -c "$DIR/bad.conf" >"$DIR/out" 2>&1
rc=$?
check "a bad file is refused by -n (exit 1)" test $rc -eq 1
check "... naming every bad line at once" test "$(grep -c "^$DIR/bad.conf:[0-9]*: " "$DIR/out")" -eq 10
check "usb:0c2e is refused" grep -q "bad.conf:6: source 'usb:0c2e'" "$DIR/out"
check "usb:zzzz:yyyy is refused" grep -q "bad.conf:7: source 'usb:zzzz:yyyy'" "$DIR/out"
check "a baud rate of 9600x is refused" grep -q "bad.conf:8: .*9600x' is no baud rate" "$DIR/out"
check "an evdev source without a device is refused" grep -q "bad.conf:9: source 'evdev:/dev/input/'" "$DIR/out"
check "a nested repetition in a carrier pattern is refused" grep -q "bad.conf:11: carrier SLOW" "$DIR/out"
check "a back-reference is refused" grep -q "bad.conf:12: carrier BACK" "$DIR/out"
check "a quantifier on a quantifier (a++, which the C library expands without bound) is refused" grep -q "bad.conf:17: carrier PLUS.*repetition of a repetition" "$DIR/out"
check "a count over 64 is refused" grep -q "bad.conf:18: carrier MANY.*over 64" "$DIR/out"
check "an empty desk and a zero batch are refused" sh -c "grep -q 'bad.conf:4: desk' '$DIR/out' && grep -q 'bad.conf:15: large_batch' '$DIR/out'"
"$STATIOND" -f -c "$DIR/bad.conf" >"$DIR/start" 2>&1
rc=$?
check "the daemon refuses the same file the same way" sh -c "test $rc -ne 0 && grep -q \"bad.conf:6: source 'usb:0c2e'\" '$DIR/start'"
check "... never says ready" sh -c "! grep -q ready '$DIR/start'"
check "... and leaves no socket" test ! -e "$DIR/s.sock"

cat >"$DIR/sync.conf" <<EOC
[station]
database = $DIR/s.db
[sync]
url = mysql://central/returns
url = postgresql://floor6@db:notaport/returns
url = postgresql://floor6@db/returns?nosuchoption=1
batch = 0
batch = many
colour = blue
EOC
"$STATIOND" -n -c "$DIR/sync.conf" >"$DIR/out" 2>&1
rc=$?
check "[sync]: a bad file is refused by -n (exit 1)" test $rc -eq 1
check "... a URL that is no PostgreSQL URI" grep -q "sync.conf:4: \[sync\] url is a PostgreSQL URI" "$DIR/out"
check "... a port that is no number" grep -q "sync.conf:5: \[sync\] url: port 'notaport' is no port number" "$DIR/out"
check "... an option libpq does not know" grep -q "sync.conf:6: \[sync\] url: .*nosuchoption" "$DIR/out"
check "... a batch of 0 and of words" sh -c "grep -q 'sync.conf:7: \[sync\] batch' '$DIR/out' && grep -q 'sync.conf:8: \[sync\] batch' '$DIR/out'"
check "... an unknown key" grep -q "sync.conf:9: unknown key 'colour' in \[sync\]" "$DIR/out"
printf '[station]\ndatabase = %s/s.db\n[reports]\nsource = elsewhere\n' "$DIR" >"$DIR/src.conf"
check "[reports] source that is none is refused, in words" sh -c "! '$STATIOND' -n -c '$DIR/src.conf' >'$DIR/out' 2>&1 && grep -q 'src.conf:4: \[reports\] source is station' '$DIR/out'"
printf '[station]\ndatabase = %s/s.db\n[reports]\nsource = central\n' "$DIR" >"$DIR/src.conf"
check "... and source = central without [sync] url" sh -c "! '$STATIOND' -n -c '$DIR/src.conf' >'$DIR/out' 2>&1 && grep -q 'source = central needs \[sync\] url' '$DIR/out'"
printf '[station]\ndatabase = %s/s.db\n[reports]\nsource = central\n[sync]\nurl = postgresql://floor6@db/returns\n' "$DIR" >"$DIR/src.conf"
check "... with it, it is taken" sh -c "'$STATIOND' -n -c '$DIR/src.conf' >/dev/null"

mkfifo "$DIR/fifo.tmpl"
printf '[station]\ndatabase = %s/s.db\n[labels]\narea = %s/fifo.tmpl\n' "$DIR" "$DIR" >"$DIR/fifo.conf"
timeout 10 "$STATIOND" -n -c "$DIR/fifo.conf" >"$DIR/out" 2>&1
rc=$?
check "a template that is a FIFO is refused, not waited on" sh -c "test $rc -eq 1 && grep -q 'fifo.tmpl: not a regular file' '$DIR/out'"

printf '[station]\ndesk = d1\n' >"$DIR/nul.conf"
printf 'note = a\000b\n' >>"$DIR/nul.conf"
"$STATIOND" -n -c "$DIR/nul.conf" >"$DIR/out" 2>&1
rc=$?
check "a file with a NUL byte is refused" sh -c "test $rc -eq 1 && grep -q 'nul.conf:3: a NUL byte' '$DIR/out'"

cat >"$DIR/good.conf" <<EOC
[station]
database = $DIR/s.db
socket = $DIR/s.sock
[scanner]
source = serial:/dev/ttyACM0@115200
source = usb:0c2e:0b61
[carriers]
SF = ^SF[0-9]{13}\$
JD = ^JD[A-Z]{0,2}[0-9]{11,13}\$
EOC
check "a good file passes -n" "$STATIOND" -n -c "$DIR/good.conf"

# the libraries of the central database and the office page are loaded
# only by a desk configured for them (the footprint of one that is not)
up() {	# up CONF: the daemon on CONF, once it answers; its pid in PID
	"$STATIOND" -f -c "$1" 2>>"$DIR/daemon.log" &
	PID=$!
	i=0
	until "$STATIONCTL" -s "$DIR/s.sock" status >/dev/null 2>&1; do
		i=$((i + 1)); [ $i -lt 200 ] || break; sleep 0.05
	done
}
down() { kill -TERM $PID; wait $PID; }
printf '[station]\ndatabase = %s/s.db\nsocket = %s/s.sock\n' "$DIR" "$DIR" >"$DIR/alone.conf"
up "$DIR/alone.conf"
check "a desk alone maps neither libpq nor libmicrohttpd (nor the TLS library it brings)" sh -c "kill -0 $PID && ! grep -qE 'libpq|libmicrohttpd|libgnutls' /proc/$PID/maps"
down
cp "$DIR/alone.conf" "$DIR/synced.conf"
printf '[sync]\nurl = postgresql://floor6@127.0.0.1:1/returns?connect_timeout=2\n' >>"$DIR/synced.conf"
up "$DIR/synced.conf"
check "a desk given [sync] url loads libpq" grep -q "libpq" /proc/$PID/maps
check "... and says in words that the central database is not reached" wait_for 20 sh -c "'$STATIONCTL' -s '$DIR/s.sock' sync status | grep -q 'cannot reach the central database'"
down
echo "1..$N"
