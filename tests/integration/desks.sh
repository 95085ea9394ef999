# Two demo desks, A and B, that upload to the tests' private PostgreSQL
# (pg.sh). Source after lib.sh and pg.sh; $URL is the central database.
A=$(mktemp -d /tmp/st.XXXXXX)
B=$(mktemp -d /tmp/st.XXXXXX)
PIDA= PIDB=
stop_all() {
	for p in $PIDA $PIDB; do kill -TERM "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
	PIDA= PIDB=
}
trap 'stop_all; pg_cleanup; [ -n "${KEEP:-}" ] && echo "# kept $A $B" || rm -rf "$A" "$B"' EXIT

# on X CMD...: run CMD with the station X (A or B) as $DIR
on() { eval "DIR=\$$1"; shift; "$@"; }
# setup X DESK PREFIX BATCH: the demo's station under $X, named DESK, its
# case numbers PREFIX…, uploading BATCH events at a time; not running
setup() {
	eval "DIR=\$$1"
	"$STATIOND" --demo "$DIR" >>"$DIR/stationd.log" 2>&1 </dev/null &
	PID=$!
	wait_for 10 ctl status >/dev/null 2>&1
	stop_demo
	sed -i "s/^desk = desk1$/desk = $2\ncase_prefix = $3/; s/^listen = .*/listen =/; s/^queue = label$/queue =/" "$DIR/station.conf"
	printf '\n[sync]\nurl = %s\nbatch = %s\n' "$URL" "$4" >>"$DIR/station.conf"
}
as() { b=$1; shift; ctl --operator "$b" --pin "9${b#1}" "$@" >/dev/null 2>"$DIR/err"; }
# register WAYBILL KIND MODEL [QTY]: a parcel through the desk; its case
register() {
	ctl scan %OP:1001 "$1" "%KIND:$2" "%MODEL:$3" "%QTY:${4:-1}" %DONE >/dev/null || return 1
	q "SELECT case_no FROM cases WHERE waybill = '$1'"
}
pending() { ctl sync status | sed -n 's/^pending: \([0-9]*\) .*/\1/p'; }
# every event up, the records from before any event carried them too
settled() { ctl sync status >"$DIR/ss" 2>&1 && grep -q '^pending: 0 ' "$DIR/ss" && ! grep -q '^earlier records' "$DIR/ss"; }
