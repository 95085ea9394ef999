#!/bin/sh
# Runs every unit test binary and integration script; each prints
# "ok N - name" / "not ok N - name" lines. Ends with "N passed, N failed".
# usage: tests/run.sh BUILD_DIR [PATTERN]
BUILD=${1:-build}
PATTERN=${2:-}
export BUILD
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1

passed=0
failed=0
log=$(mktemp)

run_one() {
	name=$1
	shift
	echo "# $name"
	"$@" >"$log" 2>&1
	rc=$?
	cat "$log"
	p=$(grep -c '^ok ' "$log")
	f=$(grep -c '^not ok ' "$log")
	passed=$((passed + p))
	failed=$((failed + f))
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		echo "not ok - $name exited with status $rc"
		failed=$((failed + 1))
	fi
}

for t in "$BUILD"/tests/test_*; do
	[ -x "$t" ] || continue
	case "$t" in *"$PATTERN"*) ;; *) continue ;; esac
	run_one "$(basename "$t")" "$t"
done
for t in tests/integration/test_*.sh; do
	case "$t" in *"$PATTERN"*) ;; *) continue ;; esac
	run_one "$(basename "$t")" sh "$t"
done
rm -f "$log"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
