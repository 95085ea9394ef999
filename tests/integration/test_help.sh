#!/bin/sh
# Help, versions and manual pages: from the commands' own declarations,
# without a running stationd.
. "$(dirname "$0")/lib.sh"
NOSOCK=/nonexistent/station.sock

out=$("$STATIONCTL" -s $NOSOCK help); rc=$?
check "stationctl help works without stationd (exit 0)" test $rc -eq 0
check "... and lists every command" sh -c "echo \"\$1\" | grep -q 'case supplier send' && echo \"\$1\" | grep -q 'scan-image'" _ "$out"
out=$("$STATIONCTL" -s $NOSOCK case repair --help); rc=$?
check "COMMAND --help prints its usage on stdout" sh -c "test $rc -eq 0 && echo \"\$1\" | grep -q 'usage: stationctl case repair CASE --cause CODE'" _ "$out"
check "... with its options" sh -c "echo \"\$1\" | grep -q -- '--part CODE:QTY'" _ "$out"
out=$("$STATIONCTL" -s $NOSOCK help case inspect); rc=$?
check "help COMMAND the same" sh -c "test $rc -eq 0 && echo \"\$1\" | grep -q -- '--sample N'" _ "$out"
"$STATIONCTL" -s $NOSOCK help no such >/dev/null 2>&1; rc=$?
check "help for an unknown command is a usage error (2)" test $rc -eq 2
"$STATIONCTL" -s $NOSOCK status >/dev/null 2>&1; rc=$?
check "a real command without stationd exits 4" test $rc -eq 4
v=$("$STATIONCTL" --version)
check "stationctl --version" sh -c "echo '$v' | grep -Eq '^stationctl [0-9]+\.[0-9]+\.[0-9]+$'"
v=$("$STATIOND" --version)
check "stationd --version" sh -c "echo '$v' | grep -Eq '^stationd [0-9]+\.[0-9]+\.[0-9]+$'"
"$STATIOND" --help >/dev/null 2>&1; rc=$?
check "stationd --help exits 0" test $rc -eq 0

# the man page names every command the binary knows
man1=$TOP/$BUILD/stationctl.1
missing=0
n=0
for c in $("$STATIONCTL" help | sed -n 's/^  \([a-z-]*\( [a-z]*\)*\)  .*/\1/p' | sed 's/ *$//' | tr ' ' '_'); do
	w=$(echo "$c" | tr '_' ' ')
	n=$((n + 1))
	grep -q "^\.It Cm $w\( \|$\)" "$man1" || { echo "#   $w not in stationctl.1"; missing=1; }
done
check "stationctl(1) documents every command ($n)" test $missing -eq 0 -a $n -ge 25
if command -v mandoc >/dev/null 2>&1; then
	check "stationctl(1) is clean mdoc" sh -c "mandoc -Tlint -Wwarning '$man1' >/dev/null"
fi
for k in database socket data_dir desk case_prefix busy_timeout_ms stdin_scans debug source \
    tab_ends timeout_ms queue server dpi format retry_min noreason7_inspect_hours \
    repair_ship_hours large_batch require_pin; do
	grep -q "Ic $k" "$TOP/etc/stationd.8" || { echo "#   $k not in stationd.8"; missing=1; }
done
check "stationd(8) documents every config key" test $missing -eq 0
check "stationd(8) documents the scan language" grep -q '%INSPECT:PASS' "$TOP/etc/stationd.8"
echo "1..$N"
