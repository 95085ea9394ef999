#!/bin/sh
# The unit tests under valgrind's memcheck: no invalid access, no use of
# uninitialised memory, no leak of ours (the font stack's process-wide
# caches are suppressed). CI runs every unit test; a local run the quick
# ones (VALGRIND_ALL=1 for all).
. "$(dirname "$0")/lib.sh"
case "$BUILD" in *asan*) echo "# sanitizer build: no valgrind"; echo "1..0"; exit 0;; esac
if ! command -v valgrind >/dev/null 2>&1; then
	echo "# valgrind is not installed"
	echo "1..0"
	exit 0
fi
tests="test_scan test_hid test_parts test_serial test_db test_intake"
if [ "${CI:-}" = true ] || [ "${VALGRIND_ALL:-}" = 1 ]; then
	tests="$tests test_labels test_photos test_case"
fi
for t in $tests; do
	log=$(mktemp)
	# test_case tries every fifth of its 10 000 combinations here
	STATION_TEST_STRIDE=5 valgrind -q --error-exitcode=99 --leak-check=full \
	    --errors-for-leak-kinds=definite \
	    --suppressions="$TOP/tests/valgrind.supp" \
	    "$TOP/$BUILD/tests/$t" >"$log" 2>&1
	rc=$?
	if [ $rc -eq 0 ]; then
		ok "$t is clean under valgrind ($(grep -c '^ok ' "$log") cases)"
	else
		grep '^==' "$log" | head -30 | sed 's/^/#   /'
		notok "$t under valgrind (exit $rc)"
	fi
	rm -f "$log"
done
echo "1..$N"
