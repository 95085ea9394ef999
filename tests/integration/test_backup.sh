#!/bin/sh
# Backups: taken while the desk scans on, checked (integrity, audit
# chain), plain or encrypted with libsodium; restored by stationd
# --restore with the daemon stopped; a wrong key, a cut file and a running
# daemon refused in words with nothing changed.
. "$(dirname "$0")/lib.sh"
mkdemo
start_demo
stop_demo
sed -i 's/^queue = label$/queue =/' "$DIR/station.conf"
check "demo starts" start_demo
ctl scan %OP:1001 >/dev/null
ctl --operator 1006 --pin 9006 expect add --waybill SF6000000000001 --customer "秘密客户 Secret Customer" >/dev/null
i=0
( while [ $i -lt 60 ]; do
	"$STATIONCTL" -s "$DIR/station.sock" scan "$(printf 'SF%013d' $((6100000 + i)))" \
	    %KIND:REPAIR %MODEL:LX-FL100 %DONE >/dev/null 2>&1
	i=$((i + 1))
done ) &
SCANS=$!
ctl --operator 1000 --pin 9000 backup "$DIR/plain.bak" >"$DIR/out"
rc=$?
wait $SCANS
check "a plain backup while the desk scans" test $rc -eq 0
check "... says the copy passed its checks" grep -q "passed its integrity check and its audit chain" "$DIR/out"
check "... starts with its mark" sh -c "head -c 10 '$DIR/plain.bak' | grep -q RSBACKUP1P"
tail -c +11 "$DIR/plain.bak" >"$DIR/plain.db"
check "... is a SQLite database that passes its integrity check" test "$(sqlite3 "$DIR/plain.db" 'PRAGMA integrity_check')" = ok
check "... holds the expected return" test "$(sqlite3 "$DIR/plain.db" "SELECT count(*) FROM expected_returns")" -eq 1
check "a backup never overwrites a file" sh -c "! '$STATIONCTL' -s '$DIR/station.sock' --operator 1000 --pin 9000 backup '$DIR/plain.bak' 2>/dev/null"
check "intake may not take one" sh -c "! '$STATIONCTL' -s '$DIR/station.sock' --operator 1001 --pin 9001 backup '$DIR/x.bak' 2>'$DIR/err' && grep -q 'role' '$DIR/err' && test ! -e '$DIR/x.bak'"

head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$DIR/key"
echo >>"$DIR/key"
chmod 600 "$DIR/key"
stop_demo
printf '\n[backup]\nkey_file = %s/key\n' "$DIR" >>"$DIR/station.conf"
start_demo
cases=$(q "SELECT count(*) FROM cases")
check "an encrypted backup" sh -c "'$STATIONCTL' -s '$DIR/station.sock' --operator 1000 --pin 9000 backup '$DIR/enc.bak' | grep -q 'encrypted (XChaCha20-Poly1305)'"
check "... starts with its mark" sh -c "head -c 10 '$DIR/enc.bak' | grep -q RSBACKUP1E"
check "... and shows no customer's name" sh -c "! grep -q 'Secret Customer' '$DIR/enc.bak'"
check "a restore while stationd runs is refused" sh -c "! '$STATIOND' -c '$DIR/station.conf' --restore '$DIR/enc.bak' 2>'$DIR/err' && grep -q 'stop it' '$DIR/err'"
check "... by stationctl restore too" sh -c "! '$STATIONCTL' restore '$DIR/enc.bak' -c '$DIR/station.conf' 2>'$DIR/err' && grep -q 'stop it' '$DIR/err'"
check "stationctl restore without a file says how" sh -c "! '$STATIONCTL' restore 2>'$DIR/err' && grep -q 'usage: stationctl restore FILE' '$DIR/err'"
ctl scan SF6999999999999 %KIND:RETURN %MODEL:LX-TL36 %DONE >/dev/null
stop_demo
before=$(md5sum <"$DIR/station.db")
head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$DIR/key2"
sed "s|key_file = .*|key_file = $DIR/key2|" "$DIR/station.conf" >"$DIR/wrong.conf"
"$STATIONCTL" restore "$DIR/enc.bak" -c "$DIR/wrong.conf" >"$DIR/out" 2>&1
check "a wrong key is refused in words" sh -c "grep -q 'key does not open this backup' '$DIR/out'"
head -c 2000 "$DIR/enc.bak" >"$DIR/cut.bak"
"$STATIOND" -c "$DIR/station.conf" --restore "$DIR/cut.bak" >"$DIR/out" 2>&1
check "a cut backup is refused" grep -q "cut short" "$DIR/out"
check "... and neither changed the database" test "$(md5sum <"$DIR/station.db")" = "$before"
check "stationctl restore with the right key restores it" "$STATIONCTL" restore "$DIR/enc.bak" -c "$DIR/station.conf"
check "... the database is the backup's: the later case is gone" test "$(q "SELECT count(*) FROM cases")" -eq "$cases"
check "... the one it replaced is kept" test -s "$DIR/station.db.before-restore"
check "... and the station starts on it" start_demo
check "... its audit log verifies against the new anchor" ctl audit verify
check "... the old anchor is kept" test -s "$DIR/station.db.anchor.before-restore"
stop_demo
echo "1..$N"
