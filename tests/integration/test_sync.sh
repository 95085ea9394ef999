# Many desks, one truth: two demo stations (the 6th floor's and the 2nd
# floor's) register, repair, inspect and ship cases and upload to a private
# PostgreSQL, part of the time with the server stopped; after it returns the
# central tables hold the union of both stations' records, event for event.
# Then one station is killed with SIGKILL at random points of its upload
# and the server is stopped at random points: nothing lost, nothing applied
# twice, every high-water mark right.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/pg.sh"
KILLS=${SYNC_KILLS:-50}

. "$(dirname "$0")/desks.sh"
start_st() {
	eval "sd=\$$1"
	"$STATIOND" --demo "$sd" >>"$sd/stationd.log" 2>&1 </dev/null &
	eval "PID$1=$!"
	DIR=$sd wait_for 10 ctl status >/dev/null 2>&1
}
stop_st() { eval "p=\$PID$1"; kill -TERM "$p" 2>/dev/null; wait "$p" 2>/dev/null; eval "PID$1="; }

# --- the central database ---
check "a private PostgreSQL starts" pg_init
URL=$(pg_url)
check "central-db.sh creates the central database" sh "$TOP/scripts/central-db.sh" "$URL"
check "... run again it applies nothing twice" sh -c "sh '$TOP/scripts/central-db.sh' '$URL' >'$A/again' && ! grep -q applying '$A/again'"
check "... the migrations are numbered once each" test "$(pg_sql returns "SELECT count(*) = count(DISTINCT version) AND count(*) >= 2 FROM rs.migrations")" = t
check "... the stations' and readers' roles exist" test "$(pg_sql returns "SELECT count(*) FROM pg_roles WHERE rolname IN ('rs_station', 'rs_reader')")" = 2
check "central-db.sh refuses what is no PostgreSQL URI" sh -c "! sh '$TOP/scripts/central-db.sh' mysql://x/y 2>'$A/err' && grep -q usage '$A/err'"

# --- two desks ---
setup A floor6 F 50
setup B floor2 S 50
# the 2nd floor's office page
WPORT=$((27000 + $$ % 2000))
sed -i "s/^listen =$/listen = 127.0.0.1:$WPORT/" "$B/station.conf"
check "station A (6th floor) starts with [sync]" start_st A
check "station B (2nd floor) starts with [sync]" start_st B
check "the two stations have ids of their own" test "$(on A q "SELECT uid FROM station")" != "$(on B q "SELECT uid FROM station")"

# a repair through to shipping at A, a return registered at B
RA=$(on A register SF6000000000001 REPAIR LX-FL100 2)
RB=$(on B register SF2000000000001 RETURN LX-HB150 3)
check "A numbers its cases with its prefix" sh -c "echo '$RA' | grep -q '^F'"
check "B numbers its cases with its prefix" sh -c "echo '$RB' | grep -q '^S'"
on A as 1002 case repair "$RA" --cause DRIVER --part DRV-60W:1 --note "驱动烧毁"
check "A: repaired and inspected" on A as 1003 case inspect "$RA" --pass --sample 1
both_settled() { on A wait_for "${1:-20}" settled && on B wait_for "${1:-20}" settled; }
check "both stations catch up while the server is up" both_settled
# an older copy of B's database, for later
stop_st B
mkdir "$B/old"
cp "$B/station.db" "$B/station.db-sync" "$B/old/"
start_st B

# --- down from the centre ---
admin() { ctl --operator 1000 --pin 9000 "$@" >/dev/null 2>"$DIR/err"; }
check "A's admin adds an operator" on A admin operator add 3001 --name "新员工 New Hand" --role inspector
check "... and sets the PIN" on A admin operator pin 3001 --pin 135790
signs_in() { ctl --operator 3001 --pin 135790 whoami >"$DIR/out" 2>&1 && grep -q inspector "$DIR/out"; }
check "the new badge signs in at B with its PIN and role" on B wait_for 30 signs_in
check "... and at A" on A signs_in
check "... a wrong PIN is refused at B" on B sh -c "! '$STATIONCTL' -s '$B/station.sock' --operator 3001 --pin 111111 whoami >/dev/null 2>&1"
# one written in the central database itself, by the office
pg_sql returns "INSERT INTO rs.operators (id, badge, name, active, created_at, pin_hash, station, seq, ev_at) SELECT gen_random_uuid(), '3002', '中心 Office Hand', 1, now(), pin_hash, gen_random_uuid(), 0, now() FROM rs.operators WHERE badge = '3001'; INSERT INTO rs.operator_roles SELECT id, 'finance' FROM rs.operators WHERE badge = '3002'" >/dev/null
office() { ctl --operator 3002 --pin 135790 whoami >"$DIR/out" 2>&1 && grep -q finance "$DIR/out"; }
check "an operator added centrally signs in at A" on A wait_for 30 office
check "... and at B" on B wait_for 30 office
check "B's copy is not sent back: the operator is there once" test \
    "$(pg_sql returns "SELECT count(*) FROM rs.operators WHERE badge = '3001'")" = 1
check "B took it in an audited pull" test "$(on B q "SELECT count(*) FROM audit WHERE action = 'sync.pull'")" -ge 1
check "B's admin adds a model" on B admin product add LX-NEW20 --name "新款投光灯 New flood" --spec 20W --cct 5000
has_model() { [ "$(q "SELECT count(*) FROM products WHERE model = 'LX-NEW20' AND spec = '20W'")" = 1 ]; }
check "... A has it in its catalogue" on A wait_for 30 has_model
check "A's admin adds a fault cause" on A admin cause add SURGE --name "浪涌击穿 surge"
has_cause() { [ "$(q "SELECT count(*) FROM fault_causes WHERE code = 'SURGE'")" = 1 ]; }
check "... B's technicians can choose it" on B wait_for 30 has_cause
# a courier kept centrally: added at A, taken at B's desk
ky() { ctl scan %OP:1001 KY12345678901 "%KIND:RETURN" "%MODEL:LX-FL100" %DONE >"$DIR/out" 2>&1; }
check "B does not know a KY waybill yet" on B sh -c "! '$STATIONCTL' -s '$B/station.sock' scan %OP:1001 KY12345678901 >'$B/out' 2>&1"
check "a carrier whose pattern is no pattern is refused" on A sh -c "! '$STATIONCTL' -s '$A/station.sock' --operator 1000 --pin 9000 carrier add KY --pattern '^(KY' 2>'$A/err' && grep -q 'bad pattern' '$A/err'"
# (the desk is live: pulls may write meanwhile, so the carriers are asked)
check "... nothing stored, no event" test "$(on A q "SELECT (SELECT count(*) FROM carriers) + (SELECT count(*) FROM audit WHERE action LIKE 'carrier.%')")" = 0
check "A's admin adds the courier KY centrally" on A admin carrier add KY --pattern '^KY[0-9]{11}$'
knows_ky() { ctl carrier list | grep -q '^KY .*central$'; }
check "... B learns it" on B wait_for 30 knows_ky
check "... and B's desk registers a KY parcel" on B ky
check "... as KY's" test "$(on B q "SELECT carrier FROM cases WHERE waybill = 'KY12345678901'")" = KY
check "customer service at B registers an expected return" on B ctl --operator 1006 --pin 9006 expect add \
    --waybill SF8000000000001 --customer "远方灯饰 Far Lighting" --phone 13700001111 --item LX-FL100:2
has_expected() { [ "$(q "SELECT count(*) FROM expected_returns WHERE waybill = 'SF8000000000001' AND case_id IS NULL")" = 1 ]; }
check "... A awaits it too" on A wait_for 30 has_expected
RX=$(on A register SF8000000000001 RETURN LX-FL100 2)
check "... the parcel arrives at A and is matched there" test \
    "$(on A q "SELECT customer FROM cases WHERE case_no = '$RX'")" = "远方灯饰 Far Lighting"
central_case() { [ "$(pg_sql returns "SELECT c.case_no FROM rs.expected_returns e JOIN rs.cases c ON c.id = e.case_id WHERE e.waybill = 'SF8000000000001'")" = "$RX" ]; }
check "... the expected return is A's case centrally" wait_for 30 central_case
gone_at_b() { [ "$(q "SELECT count(*) FROM expected_returns WHERE waybill = 'SF8000000000001'")" = 0 ]; }
check "... and B awaits it no more" on B wait_for 30 gone_at_b
check "sync status says what was pulled" sh -c "'$STATIONCTL' -s '$B/station.sock' sync status | grep -q '^pulled: central change [1-9]'"
check "both stations catch up again" both_settled

# --- a move from a desk that no longer holds the case ---
# (the case's new holder is written centrally here, as a handover does it)
RC=$(on A register SF6000000000009 REPAIR LX-FL100 1)
check "A's case reaches the centre" both_settled
pg_sql returns "UPDATE rs.cases SET owner = (SELECT id FROM rs.stations WHERE name = 'floor2') WHERE case_no = '$RC'" >/dev/null
check "A, not knowing, repairs it" on A as 1002 case repair "$RC" --cause LED
check "... the move reaches the centre" on A wait_for 20 settled
check "... the central case stays as it was" test "$(pg_sql returns "SELECT state FROM rs.cases WHERE case_no = '$RC'")" = registered
check "... the event itself is kept" test "$(pg_sql returns "SELECT count(*) FROM rs.events WHERE action = 'case.repair' AND entity_uid = (SELECT id FROM rs.cases WHERE case_no = '$RC')")" = 1
listed() { ctl sync conflicts >"$DIR/out" 2>"$DIR/err" && grep -q "case $RC: case.repair by 1002 at floor6; central: registered, arrived: repaired; held by floor2" "$DIR/out"; }
check "... it is on the review list, seen from A" on A listed
check "... and from B" on B listed
check "... once" test "$(pg_sql returns "SELECT count(*) FROM rs.conflicts")" = 1
curl -s -o /dev/null -c "$B/jar" -d "badge=1005&pin=9005" "http://127.0.0.1:$WPORT/login"
curl -s -b "$B/jar" -o "$B/sync.html" "http://127.0.0.1:$WPORT/sync"
check "... and on the office page's central database page" grep -q "case $RC: case.repair by 1002 at floor6" "$B/sync.html"
check "... which shows the upload too" grep -q "pending: [0-9]* events waiting" "$B/sync.html"

# --- the server stops; the desks work on ---
pg_stop fast
RA2=$(on A register SF6000000000002 EXCHANGE LX-DL12 1)
check "A registers with the server down" test -n "$RA2"
RB2=$(on B register SF2000000000002 REPAIR LX-TL36 1)
check "B registers with the server down" test -n "$RB2"
check "A: finance signs with the server down" on A as 1004 case approve "$RA"
check "A: ships with the server down" on A as 1001 case ship "$RA" --waybill SF6100000000001
on B as 1002 case repair "$RB2" --cause LED --result beyond_repair
check "B: inspects a return with the server down" on B as 1003 case inspect "$RB" --pass --sample 1
# the upload notices the server gone at its next try
said() { ctl sync status >"$DIR/status" && grep -q "$1" "$DIR/status"; }
check "sync status says the last error in words" on A wait_for 20 said "^last error: .*cannot reach the central database"
check "... what waits" grep -q "^pending: [1-9][0-9]* events waiting" "$A/status"
check "... and that it is not connected" grep -q "not connected" "$A/status"

# --- the server returns ---
check "PostgreSQL starts again" pg_start
check "both stations catch up by themselves" both_settled 60

# the central tables against the union of both stations' own (a case a
# desk took from the other is at both); the desks run on meanwhile, so
# asked again for a while before it counts as a difference
union() { { on A q "$1"; on B q "$1"; } | sort -u; }
central() { pg_sql returns "$1" | sort; }
same() {
	for _t in 1 2 3 4 5 6 7 8 9 10; do
		union "$1" >"$A/want"; central "$2" >"$A/got"
		cmp -s "$A/want" "$A/got" && break
		sleep 1
	done
	if ! cmp -s "$A/want" "$A/got"; then
		echo "#   stations: $(wc -l <"$A/want") rows, central: $(wc -l <"$A/got")"
		diff "$A/want" "$A/got" | head -5 | sed 's/^/#   /'
		return 1
	fi
	[ -s "$A/want" ] || { echo "#   no rows"; return 1; }
}
check "central events = both stations' audit logs, event for event" same \
    "SELECT station || '|' || id || '|' || uid || '|' || action || '|' || hash FROM audit" \
    "SELECT station || '|' || seq || '|' || event_id || '|' || action || '|' || hash FROM rs.events"
# (but the case whose move is on the review list)
check "central cases = both stations' cases" same \
    "SELECT uid || '|' || case_no || '|' || waybill || '|' || state || '|' || coalesce(kind, '') FROM cases WHERE case_no <> '$RC'" \
    "SELECT id || '|' || case_no || '|' || waybill || '|' || state || '|' || coalesce(kind, '') FROM rs.cases WHERE case_no <> '$RC'"
check "central items = both stations' items" same \
    "SELECT i.uid || '|' || c.uid || '|' || i.model || '|' || i.quantity FROM items i JOIN cases c ON c.id = i.case_id" \
    "SELECT id || '|' || case_id || '|' || model || '|' || quantity FROM rs.items"
check "central repairs and their parts = the stations'" same \
    "SELECT r.uid || '|' || r.cause || '|' || r.result || '|' || coalesce(group_concat(p.part || 'x' || p.quantity), '') FROM repairs r LEFT JOIN repair_parts p ON p.repair_id = r.id GROUP BY r.id" \
    "SELECT r.id || '|' || r.cause || '|' || r.result || '|' || coalesce(string_agg(p.part || 'x' || p.quantity, ','), '') FROM rs.repairs r LEFT JOIN rs.repair_parts p ON p.repair_id = r.id GROUP BY r.id"
check "central inspections = the stations'" same \
    "SELECT i.uid || '|' || c.uid || '|' || i.result || '|' || o.badge FROM inspections i JOIN cases c ON c.id = i.case_id JOIN operators o ON o.id = i.inspector_id" \
    "SELECT i.id || '|' || i.case_id || '|' || i.result || '|' || o.badge FROM rs.inspections i JOIN rs.operators o ON o.id = i.inspector_id"
check "central sign-offs = the stations'" same \
    "SELECT s.uid || '|' || c.uid || '|' || o.badge FROM signoffs s JOIN cases c ON c.id = s.case_id JOIN operators o ON o.id = s.finance_id" \
    "SELECT s.id || '|' || s.case_id || '|' || o.badge FROM rs.signoffs s JOIN rs.operators o ON o.id = s.finance_id"
check "central shipments = the stations'" same \
    "SELECT uid || '|' || waybill || '|' || carrier FROM shipments" \
    "SELECT id || '|' || waybill || '|' || carrier FROM rs.shipments"
check "a case's times are the station's, in UTC" test \
    "$(on A q "SELECT received_at FROM cases WHERE case_no = '$RA'")" = \
    "$(pg_sql returns "SELECT to_char(received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"') FROM rs.cases WHERE case_no = '$RA'")"
check "each case is owned by the station that received it" test \
    "$(pg_sql returns "SELECT count(*) FROM rs.cases c JOIN rs.stations s ON s.id = c.owner WHERE (s.name = 'floor6') = (c.case_no LIKE 'F%') AND c.case_no <> '$RC'")" = \
    "$(pg_sql returns "SELECT count(*) FROM rs.cases WHERE case_no <> '$RC'")"
hw_right() {
	for x in A B; do
		head=$(on $x q "SELECT max(id) FROM audit")
		st=$(on $x q "SELECT uid FROM station")
		hw=$(pg_sql returns "SELECT high_water FROM rs.stations WHERE id = '$st'")
		note=$(cut -d' ' -f1 "$(eval echo \$$x)/station.db-sync")
		[ "$hw" = "$head" ] && [ "$note" = "$head" ] || return 1
	done
}
# the desks run on (a pull writes an event): asked again until they agree
check "every high-water mark is the station's last event" wait_for 15 hw_right

# --- SIGKILL at random points of the upload, the server stopped at others ---
stop_st B
stop_st A
pg_stop fast
# a batch an event: many commits to land between
sed -i 's/^batch = 50$/batch = 1/' "$A/station.conf"
start_st A
# a backlog with the server down: 2000 parcels, six scans each
i=0
while [ $i -lt 200 ]; do
	set --
	j=0
	while [ $j -lt 10 ]; do
		n=$((i * 10 + j))
		set -- "$@" "$(printf 'JT%013d' $((7000000 + n)))" %KIND:REPAIR \
		    %MODEL:LX-FL100 "%QTY:$((n % 9 + 1))" %CCT:4000 %DONE
		j=$((j + 1))
	done
	on A ctl scan %OP:1001 "$@" >/dev/null || break
	i=$((i + 1))
done
check "a backlog of 2000 parcels is written with the server down" test "$(on A pending)" -gt 10000
stop_st A
pg_start
rnd() { od -An -N2 -tu2 /dev/urandom | tr -d ' '; }
hw_a() { pg_sql returns "SELECT coalesce(max(high_water), 0) FROM rs.stations WHERE name = 'floor6'" 2>/dev/null; }
HEAD=$(on A q "SELECT max(id) FROM audit")
k=0 mid=0 pgstops=0
while [ $k -lt "$KILLS" ]; do
	before=$(hw_a)
	[ "$before" -ge "$HEAD" ] && break
	"$STATIOND" --demo "$A" >>"$A/stationd.log" 2>&1 </dev/null &
	p=$!
	# every fifth time the server stops at a random point as well
	if [ $((k % 5)) -eq 4 ]; then
		sleep "0.$(printf '%03d' $(($(rnd) % 300 + 100)))"
		pg_stop immediate
		pgstops=$((pgstops + 1))
	fi
	# every tenth time later, once the desk has been quiet a while and
	# batches go ahead on three connections
	if [ $((k % 10)) -eq 2 ]; then
		sleep "2.$(printf '%03d' $(($(rnd) % 500 + 300)))"
	else
		sleep "0.$(printf '%03d' $(($(rnd) % 500 + 250)))"
	fi
	kill -KILL $p
	wait $p 2>/dev/null
	pg_sql returns "SELECT 1" >/dev/null 2>&1 || pg_start
	after=$(hw_a)
	echo "# kill $k: $before -> $after of $HEAD"
	# the kill fell inside the upload: some went up, not all
	[ "$after" -gt "$before" ] && [ "$after" -lt "$HEAD" ] && mid=$((mid + 1))
	k=$((k + 1))
done
echo "# $k kills, $mid of them during the upload; the server stopped $pgstops times"
check "$KILLS SIGKILLs, at least half of them during the upload" test $k -ge "$KILLS" -a $mid -ge $((KILLS / 2))
check "the server was stopped at random points" test $pgstops -ge $((KILLS / 5))
start_st A
start_st B
check "after it all station A catches up" on A wait_for 60 settled
check "... no event lost, none applied twice" same \
    "SELECT station || '|' || id || '|' || uid || '|' || hash FROM audit" \
    "SELECT station || '|' || seq || '|' || event_id || '|' || hash FROM rs.events"
check "... every case there once, in its state" same \
    "SELECT uid || '|' || case_no || '|' || state FROM cases WHERE case_no <> '$RC'" \
    "SELECT id || '|' || case_no || '|' || state FROM rs.cases WHERE case_no <> '$RC'"
check "... every item there once, as it ended" same \
    "SELECT uid || '|' || quantity || '|' || coalesce(cct, '') FROM items" \
    "SELECT id || '|' || quantity || '|' || coalesce(cct::text, '') FROM rs.items"
check "... every high-water mark right" wait_for 15 hw_right
check "... each station's events numbered without a gap" test \
    "$(pg_sql returns "SELECT bool_and(n = hw AND mx = hw) FROM (SELECT s.high_water AS hw, count(e.seq) AS n, max(e.seq) AS mx FROM rs.stations s JOIN rs.events e ON e.station = s.id GROUP BY s.id) x")" = t
check "... and the stations' audit chains verify" sh -c "'$STATIONCTL' -s '$A/station.sock' audit verify >/dev/null && '$STATIONCTL' -s '$B/station.sock' audit verify >/dev/null"

# --- a handover: the goods go from the 6th floor to the 2nd ---
RH=$(on A register SF6000000000010 REPAIR LX-FL100 1)
knows_b() { [ "$(q "SELECT count(*) FROM desks WHERE name = 'floor2'")" = 1 ]; }
check "A knows the 2nd floor's desk by name" on A wait_for 30 knows_b
check "an unknown desk is refused" on A sh -c "! '$STATIONCTL' -s '$A/station.sock' --operator 1005 case handover '$RH' --to floor9 2>'$A/err' && grep -q 'no desk named floor9' '$A/err'"
check "a technician may not hand a case over" on A sh -c "! '$STATIONCTL' -s '$A/station.sock' --operator 1002 case handover '$RH' --to floor2 2>/dev/null"
check "A hands the case over to floor2" on A ctl --operator 1005 case handover "$RH" --to floor2
check "... and moves it no more" on A sh -c "! '$STATIONCTL' -s '$A/station.sock' --operator 1002 --pin 9002 case repair '$RH' --cause LED 2>'$A/err' && grep -q 'held at desk floor2' '$A/err'"
check "... nor does its intake reopen it" on A sh -c "! '$STATIONCTL' -s '$A/station.sock' scan %OP:1001 SF6000000000010 >'$A/out' 2>&1 && grep -q 'held at desk floor2' '$A/out'"
held_b() { [ "$(pg_sql returns "SELECT s.name FROM rs.cases c JOIN rs.stations s ON s.id = c.owner WHERE c.case_no = '$RH'")" = floor2 ]; }
check "... centrally floor2 holds it" wait_for 30 held_b
has_case() { [ "$(q "SELECT state || ' ' || (SELECT count(*) FROM items i WHERE i.case_id = c.id) || ' ' || coalesce(c.owner, 'here') FROM cases c WHERE case_no = '$RH'")" = "registered 1 here" ]; }
check "B has the case whole, held here" on B wait_for 30 has_case
check "B repairs it" on B as 1002 case repair "$RH" --cause DRIVER --part DRV-60W:1
check "... and inspects it" on B as 1003 case inspect "$RH" --pass
moved() { [ "$(pg_sql returns "SELECT state FROM rs.cases WHERE case_no = '$RH'")" = inspected ]; }
check "... centrally applied" wait_for 30 moved
whole_a() { [ "$(q "SELECT c.state || ' ' || (SELECT count(*) FROM repairs r WHERE r.case_id = c.id) || ' ' || (SELECT count(*) FROM inspections i WHERE i.case_id = c.id) || ' ' || (SELECT group_concat(part) FROM repair_parts p JOIN repairs r ON r.id = p.repair_id WHERE r.case_id = c.id) FROM cases c WHERE case_no = '$RH'")" = "inspected 1 1 DRV-60W" ]; }
check "A shows the case whole: repaired and inspected at floor2" on A wait_for 30 whole_a
check "... with B's inspector" test "$(on A q "SELECT o.badge FROM inspections i JOIN cases c ON c.id = i.case_id JOIN operators o ON o.id = i.inspector_id WHERE c.case_no = '$RH'")" = 1003
check "the handover put nothing on the review list" test "$(pg_sql returns "SELECT count(*) FROM rs.conflicts")" = 1

# --- B's database replaced by the older copy: refused, in words ---
stop_st B
rm -f "$B/station.db-wal" "$B/station.db-shm"
cp "$B/old/station.db" "$B/old/station.db-sync" "$B/"
start_st B
on B ctl scan %OP:1001 SF2000000000077 %KIND:REPAIR %MODEL:LX-FL100 %DONE >/dev/null
check "the central database refuses the older copy's events, in words" on B wait_for 20 said "older copy"
check "... and keeps what it had of B" test \
    "$(pg_sql returns "SELECT count(*) FROM rs.cases WHERE waybill = 'SF2000000000077'")" = 0

# --- a station from before calls rs.apply_batch with rs.inbox: the same ---
old_upload() {
	pg_sql returns "BEGIN; INSERT INTO rs.inbox (event_id, station, seq, at,
	    actor, action, entity, detail, fields, hv, prev_hash, hash) VALUES
	    ('01930000-0000-7000-8000-00000000000$1', '01930000-0000-7000-8000-0000000000ff',
	    $1, now(), 'x', 'test', 'x', '', '{\"rows\": []}', 1, 'h$(($1 - 1))', 'h$1');
	    SELECT rs.apply_batch('01930000-0000-7000-8000-0000000000ff', 'old'); COMMIT"
}
check "a station from before uploads through rs.apply_batch" test "$(old_upload 1)" = 1
check "... sent again, nothing changes" test "$(old_upload 1)$(pg_sql returns "SELECT count(*) FROM rs.events WHERE station = '01930000-0000-7000-8000-0000000000ff'")" = 11
check "... and its next event follows" test "$(old_upload 2)" = 2
stop_all
