#!/bin/sh
# The timed work under a moved clock (libfaketime): the day's table at
# [reports] daily_at, the week's report on a Monday and the month's on its
# last day as XLSX and PDF, the days the PC was off caught up at the next
# start; the nightly backup, a missed one taken at start, the newest
# [backup] keep kept, and a failed one an alert in status.
. "$(dirname "$0")/lib.sh"
mkdemo
start_demo
stop_demo
mkdir -p "$DIR/reports" "$DIR/backups"
cat >>"$DIR/station.conf" <<CONF

[reports]
dir = $DIR/reports
daily_at = 18:00

[backup]
dir = $DIR/backups
at = 20:00
keep = 2
CONF
# the last runs: reports of the 27th, a backup of the 28th
q "INSERT INTO schedule_runs VALUES ('reports', '2026-11-27', '2026-11-27T10:00:00Z', 1, 'x'), ('backup', '2026-11-28', '2026-11-28T12:00:00Z', 1, 'x')"
FAKELIB=$(dpkg -L libfaketime 2>/dev/null | grep '/libfaketime\.so\.1$' | head -1)
if [ -z "$FAKELIB" ]; then
	notok "libfaketime is installed (scripts/deps.sh installs faketime)"
	echo "1..$N"
	exit 1
fi
# at TIME: stationd again, its clock starting at TIME (and running on)
at() {
	stop_demo
	export LD_PRELOAD="$FAKELIB" FAKETIME="@$1"
	start_demo
	rc=$?
	unset LD_PRELOAD FAKETIME
	return $rc
}
has() { test -s "$DIR/reports/$1"; }
nbackups() { ls "$DIR/backups" | grep -c '^station-.*\.rsbackup$'; }

# Monday 30 November, 08:00: the PC was off over the weekend
check "the station starts at Monday 08:00" at "2026-11-30 08:00:00"
check "the missed days' tables are written at start" wait_for 20 sh -c "test -s '$DIR/reports/daily-2026-11-28.xlsx' && test -s '$DIR/reports/daily-2026-11-29.xlsx'"
check "... not today's before its time" sh -c "sleep 1; ! ls '$DIR/reports' | grep -q 2026-11-30"
check "... nor the week's yet" sh -c "! ls '$DIR/reports' | grep -q weekly"
check "the missed backup is taken at start" wait_for 20 sh -c "test \"\$(ls '$DIR/backups' | grep -c '^station-20261130-08.*\.rsbackup$')\" -eq 1"
check "status says the last runs" wait_for 10 sh -c "'$STATIONCTL' -s '$DIR/station.sock' status | grep -q '^reports: last .*daily-2026-11-29.xlsx'"
check "... and no half-written file is left" sh -c "! ls '$DIR/reports' '$DIR/backups' | grep -q '\.part$'"

check "at 19:00 the same day" at "2026-11-30 19:00:00"
check "today's table, the week's and the month's reports are written" wait_for 30 sh -c "has() { test -s '$DIR/reports/'\$1; }; has daily-2026-11-30.xlsx && has weekly-2026-11-23.xlsx && has weekly-2026-11-23.pdf && has monthly-2026-11.xlsx && has monthly-2026-11.pdf"
check "the month's PDF is the monthly report" sh -c "pdftotext '$DIR/reports/monthly-2026-11.pdf' - | grep -q '售后月报'"
check "the week's workbook reads back with its figures" sh -c "NODE_PATH=\$(sh '$TOP/scripts/npm.sh' 2>/dev/null) node '$TOP/tests/tools/xlsxdump.cjs' '$DIR/reports/weekly-2026-11-23.xlsx' | grep -q '^intake_cases'"
check "... and the daily table is not written twice" test "$(ls "$DIR/reports" | grep -c daily)" -eq 3

check "at 20:30 the evening backup" at "2026-11-30 20:30:00"
check "... is taken" wait_for 20 sh -c "test \"\$(ls '$DIR/backups' | grep -c '^station-20261130-20.*\.rsbackup$')\" -eq 1"
check "the next evening" at "2026-12-01 20:30:00"
check "... another, and only the newest two are kept" wait_for 20 sh -c "ls '$DIR/backups' | grep -q '^station-20261201-20' && test \"\$(ls '$DIR/backups' | grep -c '\.rsbackup$')\" -eq 2"
stop_demo
last=$(ls "$DIR/backups" | tail -1)
check "the newest copy restores, checked" sh -c "'$STATIOND' -c '$DIR/station.conf' --restore '$DIR/backups/$last' >'$DIR/out' 2>&1"

# a backup that cannot be made (its key is on a stick not plugged in) is
# an alert
echo "key_file = $DIR/stick/backup.key" >>"$DIR/station.conf"
check "with the key file missing" at "2026-12-02 20:30:00"
check "... a failed backup is an alert in status, saying why" wait_for 20 sh -c "'$STATIONCTL' -s '$DIR/station.sock' status | grep -q '^ALERT backup failed.*key_file $DIR/stick/backup.key'"
check "... and leaves no file behind" test "$(ls "$DIR/backups" | grep -c '^station-20261202')" -eq 0
check "the scans go on meanwhile" sh -c "'$STATIONCTL' -s '$DIR/station.sock' scan %OP:1001 SF5300000000001 %KIND:REPAIR %MODEL:LX-FL100 %DONE >/dev/null"
stop_demo
echo "1..$N"
