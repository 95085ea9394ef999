# Crash safety: a stream of scans, stationd killed with SIGKILL at random
# moments; after each restart every acknowledged scan is in the database,
# the file is intact, the audit chain verifies and no case is duplicated.
. "$(dirname "$0")/lib.sh"
ROUNDS=${CRASH_ROUNDS:-22}
mkdemo
start_demo || { notok "demo starts"; exit 1; }
ctl scan %OP:1001 >/dev/null
ACKS=$DIR/acks.csv
: >"$ACKS"

rnd() { od -An -N2 -tu2 /dev/urandom | tr -d ' '; }

# scan_for J: the J-th scan of an endless intake session
scan_for() {
	c=$(($1 / 6))
	case $(($1 % 6)) in
	0)
		# every fifth parcel comes back with an earlier waybill
		[ $((c % 5)) -eq 4 ] && c=$((c - 2))
		printf 'SF%013d' $((1000000 + c)) ;;
	1) echo "%KIND:REPAIR" ;;
	2) echo "%MODEL:LX-FL100" ;;
	3) echo "%QTY:$((c % 9 + 1))" ;;
	4) echo "%CCT:4000" ;;
	5) echo "%DONE" ;;
	esac
}

writer() {
	j=$1
	while [ ! -e "$DIR/stop" ]; do
		s=$(scan_for "$j")
		if out=$(ctl scan "$s" 2>/dev/null); then
			ev=$(echo "$out" | sed -n 's/.*(event \([0-9]*\)).*/\1/p')
			[ -n "$ev" ] && echo "$ev,$s" >>"$ACKS"
		fi
		j=$((j + 1))
	done
	echo "$j" >"$DIR/next"
}

verify() {
	missing=$(sqlite3 -cmd ".timeout 5000" "$DIR/station.db" \
	    "CREATE TEMP TABLE acks (id INTEGER, scan TEXT)" \
	    ".import --csv --schema temp $ACKS acks" \
	    "SELECT count(*) FROM temp.acks k WHERE NOT EXISTS (SELECT 1 FROM audit a
	      WHERE a.id = k.id AND json_extract(a.detail, '\$.scan') = k.scan)" 2>&1)
	[ "$missing" = 0 ] || { echo "#   missing acknowledged scans: $missing"; return 1; }
}

next=0
total_kills=0
for r in $(seq 1 "$ROUNDS"); do
	rm -f "$DIR/stop"
	writer "$next" &
	W=$!
	ms=$(( $(rnd) % 700 + 100 ))
	sleep "$(printf '0.%03d' "$ms")"
	kill -KILL "$PID"
	wait "$PID" 2>/dev/null
	PID=
	total_kills=$((total_kills + 1))
	touch "$DIR/stop"
	wait "$W"
	next=$(cat "$DIR/next")
	if ! start_demo; then
		notok "round $r: restart after SIGKILL"
		continue
	fi
	check "round $r: all $(wc -l <"$ACKS") acknowledged scans survived a SIGKILL after ${ms} ms" verify
done
acked=$(wc -l <"$ACKS")
echo "# $total_kills kills, $acked scans acknowledged, $next sent"
check "at least 20 kill points" test "$total_kills" -ge 20
check "scans were acknowledged between kills" test "$acked" -gt "$((total_kills * 2))"
check "integrity_check is ok" test "$(q 'PRAGMA integrity_check')" = ok
check "the audit chain verifies" ctl audit verify
check "no waybill has two open cases" test "$(q "SELECT count(*) FROM (SELECT waybill
    FROM cases WHERE state NOT IN ('closed', 'cancelled') GROUP BY waybill
    HAVING count(*) > 1)")" -eq 0
check "every registered case has a label in the outbox" test "$(q "SELECT count(*)
    FROM cases c WHERE state = 'registered' AND NOT EXISTS (SELECT 1 FROM
    label_outbox l WHERE l.case_id = c.id)")" -eq 0
check "reopened waybills did not make new cases" test "$(q "SELECT count(*) FROM cases")" \
    -le "$(( next / 6 + 2 ))"
