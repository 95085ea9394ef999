# Helpers the benchmark scripts share (sourced; BUILD is set).

# med_ms RUNS COMMAND...: the median wall time of RUNS runs of COMMAND, in
# ms, process start included (what a user waits for)
med_ms() {
	_runs=$1
	shift
	for _k in $(seq "$_runs"); do
		_a=$(date +%s%N)
		"$@" >/dev/null 2>&1
		echo $(( ($(date +%s%N) - _a) / 1000 ))
	done | sort -n | sed -n "$(( (_runs + 1) / 2 ))p" |
	    awk '{ printf "%.1f", $1 / 1000 }'
}

# run_station CONF SOCKET LOG: stationd on CONF in the background (its pid
# in PID), once it answers on SOCKET; its log printed if it does not
run_station() {
	"$BUILD/stationd" -f -c "$1" 2>"$3" &
	PID=$!
	_i=0
	until "$BUILD/stationctl" -s "$2" status >/dev/null 2>&1; do
		_i=$((_i + 1))
		if ! kill -0 $PID 2>/dev/null || [ $_i -ge 1200 ]; then
			cat "$3"
			exit 1
		fi
		sleep 0.05
	done
}
