#!/bin/sh
# Every parser that takes outside bytes, under libFuzzer for a bounded
# time (FUZZ_SECONDS, 5 by default here; make fuzz runs them longer),
# starting from the seeds in tests/fuzz/corpus.
. "$(dirname "$0")/lib.sh"
if ! command -v clang >/dev/null 2>&1; then
	echo "# clang is not installed: no fuzzing"
	echo "1..0"
	exit 0
fi
SECS=${FUZZ_SECONDS:-5}
cd "$TOP" || exit 1
for f in fuzz_scan fuzz_proto fuzz_linebuf fuzz_imghdr fuzz_msg fuzz_template \
    fuzz_hid fuzz_config; do
	if ! make -s "build/fuzz/$f" >"/tmp/$f.build.$$" 2>&1; then
		sed 's/^/#   /' "/tmp/$f.build.$$" | tail -5
		notok "$f builds"
		rm -f "/tmp/$f.build.$$"
		continue
	fi
	rm -f "/tmp/$f.build.$$"
	mkdir -p "build/fuzz/corpus-$f"
	out=$("build/fuzz/$f" -max_total_time="$SECS" -max_len=8192 \
	    "build/fuzz/corpus-$f" "tests/fuzz/corpus/$f" 2>&1)
	rc=$?
	runs=$(echo "$out" | sed -n 's/^Done \([0-9]*\) runs.*/\1/p' | tail -1)
	if [ $rc -eq 0 ]; then
		ok "$f: ${runs:-?} runs in $SECS s without a crash"
	else
		echo "$out" | tail -20 | sed 's/^/#   /'
		notok "$f crashed"
	fi
done
echo "1..$N"
