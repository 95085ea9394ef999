# Helpers for integration tests: a real stationd in demo mode in a private
# directory, with its own cupsd, driven through the real stationctl.
BUILD=${BUILD:-build}
TOP=$(cd "$(dirname "$0")/../.." && pwd)
STATIOND=$TOP/$BUILD/stationd
STATIONCTL=$TOP/$BUILD/stationctl
N=0
PID=

ok() { N=$((N + 1)); echo "ok $N - $1"; }
notok() { N=$((N + 1)); echo "not ok $N - $1"; }
# check DESCRIPTION COMMAND...: passes when the command succeeds
check() {
	d=$1
	shift
	if "$@"; then ok "$d"; else notok "$d"; fi
}

mkdemo() {
	DIR=$(mktemp -d /tmp/st.XXXXXX)
	# KEEP=1 keeps the directory, to look at after a failure
	trap 'stop_demo; [ -n "${KEEP:-}" ] && echo "# kept $DIR" || rm -rf "$DIR"' EXIT
}

ctl() { "$STATIONCTL" -s "$DIR/station.sock" "$@"; }
q() { sqlite3 -cmd ".timeout 5000" "$DIR/station.db" "$1"; }

# start_demo: starts stationd --demo DIR and waits until it answers.
start_demo() {
	"$STATIOND" --demo "$DIR" >>"$DIR/stationd.log" 2>&1 </dev/null &
	PID=$!
	i=0
	while [ $i -lt 200 ]; do
		ctl status >/dev/null 2>&1 && return 0
		kill -0 "$PID" 2>/dev/null || break
		sleep 0.05
		i=$((i + 1))
	done
	echo "# stationd did not come up:"; sed 's/^/#   /' "$DIR/stationd.log"
	return 1
}

stop_demo() {
	[ -n "$PID" ] || return 0
	kill -TERM "$PID" 2>/dev/null
	wait "$PID" 2>/dev/null
	rc=$?
	PID=
	return $rc
}

# wait_for SECONDS COMMAND...: retries the command until it succeeds.
wait_for() {
	t=$(($1 * 20))
	shift
	while [ "$t" -gt 0 ]; do
		"$@" && return 0
		sleep 0.05
		t=$((t - 1))
	done
	return 1
}

dbdump() { sqlite3 "$DIR/station.db" .dump | md5sum; }

# labels_printed: labels that reached the demo's printer; a job of many raw
# labels is one file holding them one after another (^XA ... ^XZ each)
labels_printed() {
	n=$(cat "$DIR"/printed/label-*.zpl 2>/dev/null | grep -o '\^XA' | wc -l)
	echo $((n + $(ls "$DIR/printed" | grep -c '\.pdf$')))
}
# zpl_split FILE OUTDIR: one file per label (OUTDIR/part-N)
zpl_split() {
	mkdir -p "$2"
	awk -v d="$2" 'BEGIN { RS = "\\^XZ\n"; ORS = "" }
	    /\^XA/ { n++; printf "%s^XZ\n", $0 > (d "/part-" n) }' "$1"
}

# need_npm: installs the tests' npm packages (the ZPL renderer, the XLSX
# reader) and sets NODE_PATH; a test that cannot have them fails in words
need_zpl_renderer() { need_npm; }
need_npm() {
	if ! NM=$(sh "$TOP/scripts/npm.sh" 2>"/tmp/npm.$$"); then
		sed 's/^/#   /' "/tmp/npm.$$"
		rm -f "/tmp/npm.$$"
		notok "the tests' npm packages (zpl-renderer-js, xlsx) install"
		echo "1..$N"
		exit 1
	fi
	rm -f "/tmp/npm.$$"
	export NODE_PATH="$NM"
}
