# The libusb scanner path under umockdev: a hand-written USB HID boot
# keyboard (tests/usb/scanner.umockdev) whose interrupt URBs type scans
# (an ioctl script), read by the unchanged driver. The URB list wraps
# around, so every check is bounded by a count or by time.
. "$(dirname "$0")/lib.sh"
USB=$TOP/tests/usb
if ! command -v umockdev-run >/dev/null; then
	notok "umockdev-run is not installed (scripts/deps.sh installs it)"
	exit 1
fi
DIR=$(mktemp -d /tmp/st.XXXXXX)
stop_daemon() { [ -z "$PID" ] || { kill -TERM "$PID" 2>/dev/null; wait "$PID" 2>/dev/null; }; PID=; }
trap 'stop_daemon; rm -rf "$DIR"' EXIT
out=$(timeout 20 umockdev-run -d "$USB/scanner.umockdev" \
    -i "/dev/bus/usb/001/002=$USB/scanner.ioctl" -- \
    "$STATIOND" --test-scanner usb:0c2e:0b61 --count 2 2>&1)
check "the driver reads the emulated scanner" test $? -eq 0
check "shifted letters and a held key decode to SF11, twice" \
    test "$(printf '%s\n' "$out" | grep -c '^SF11$')" -eq 2
check "nothing else was read" test "$(printf '%s\n' "$out" | grep -vc '^SF11$')" -eq 0

out=$(timeout 20 umockdev-run -d "$USB/scanner-pos.umockdev" \
    -i "/dev/bus/usb/001/002=$USB/scanner-pos.ioctl" -- \
    "$STATIOND" --test-scanner usb:0c2e:0b61 --count 2 2>&1)
check "a HID-POS scanner's data reports are read as scans" \
    test "$(printf '%s\n' "$out" | grep -c '^SF1234567890123$')" -eq 2

# typed TEXT...: an ioctl script typing each TEXT and Enter
typed() {
	printf '@DEV /dev/bus/usb/001/002 (usbdevfs)\n'
	for t in "$@"; do printf '%s\n' "$t"; done | awk '
	function urb(mod, key) {
		printf "USBDEVFS_REAPURBNDELAY 0 1 129 0 0 8 8 0 %02X00%02X0000000000\n", mod, key
		print "USBDEVFS_REAPURBNDELAY 0 1 129 0 0 8 8 0 0000000000000000"
	}
	BEGIN {
		lower = "abcdefghijklmnopqrstuvwxyz"; upper = toupper(lower)
		digits = "1234567890"; shifted = "!@#$%^&*()"
	}
	{
		for (i = 1; i <= length($0); i++) {
			c = substr($0, i, 1)
			if ((k = index(lower, c))) urb(0, 3 + k)
			else if ((k = index(upper, c))) urb(2, 3 + k)
			else if ((k = index(digits, c))) urb(0, 29 + k)
			else if ((k = index(shifted, c))) urb(2, 29 + k)
			else if (c == ":") urb(2, 51)
			else if (c == "-") urb(0, 45)
		}
		urb(0, 40)
	}'
}

# A whole parcel registered through the USB scanner
typed %OP:1001 SF7000000000001 %KIND:REPAIR %MODEL:LX-FL100 %QTY:2 %DONE \
    >"$DIR/parcel.ioctl"
cat >"$DIR/station.conf" <<EOC
[station]
database = $DIR/station.db
socket = $DIR/station.sock
[printer]
queue =
[scanner]
source = usb:0c2e:0b61
EOC
# the catalogue and the operator first, without the scanner
"$STATIOND" -f -c "$DIR/station.conf" 2>"$DIR/log1" &
PID=$!
wait_for 10 ctl status >/dev/null 2>&1
ctl operator add 1001 --name Zhang --role intake >/dev/null
ctl product add LX-FL100 --name Flood --cct 4000 >/dev/null
stop_daemon
timeout 60 umockdev-run -d "$USB/scanner.umockdev" \
    -i "/dev/bus/usb/001/002=$DIR/parcel.ioctl" -- \
    "$STATIOND" -f -c "$DIR/station.conf" 2>"$DIR/log2" &
PID=$!
registered() {
	[ "$(sqlite3 -cmd '.timeout 2000' "$DIR/station.db" "SELECT count(*)
	    FROM cases WHERE waybill = 'SF7000000000001' AND state =
	    'registered'" 2>/dev/null)" = 1 ]
}
check "a parcel typed by the USB scanner is registered" wait_for 30 registered
check "stationctl status shows the scanner connected, with its last scan" sh -c \
    "'$STATIONCTL' -s '$DIR/station.sock' status | grep -q '^scanner usb:0c2e:0b61: connected, [0-9]* scans, last 20'"
stop_daemon
check "status named the scanner connected" grep -q "usb:0c2e:0b61: ok" "$DIR/log2"
check "one case for the waybill, however often it was rescanned" \
    test "$(q "SELECT count(*) FROM cases WHERE waybill = 'SF7000000000001'")" -eq 1
check "its item came from %MODEL and %QTY" test \
    "$(q "SELECT model || ' x' || quantity FROM items LIMIT 1")" = "LX-FL100 x2"
check "every scan it acknowledged is in the audit log" test \
    "$(q "SELECT count(*) FROM audit WHERE json_extract(detail, '\$.scan') = '%DONE'")" -ge 1
