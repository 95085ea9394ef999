#!/bin/sh
# Files a client names: stationctl opens them and hands them over open;
# the daemon takes regular files only, checks a photo's header before any
# pixel is decoded, and a FIFO or a giant picture holds nothing up.
. "$(dirname "$0")/lib.sh"
mkdemo
check "demo starts" start_demo
ctl scan %OP:1001 SF0000003000001 %KIND:REPAIR %COND:SEVERE %MODEL:LX-FL100 %DONE >/dev/null
C=$(q "SELECT case_no FROM cases WHERE waybill = 'SF0000003000001'")
photos() { q "SELECT count(*) FROM photos"; }

mkfifo "$DIR/fifo"
ctl --operator 1001 --pin 9001 case photo "$C" "$DIR/fifo" >/dev/null 2>"$DIR/err"
rc=$?
check "a FIFO is refused as a photo" sh -c "test $rc -ne 0 && grep -q 'not a photo file' '$DIR/err'"
ctl scan-image "$DIR/fifo" >/dev/null 2>"$DIR/err"
rc=$?
check "... and as a waybill photo" sh -c "test $rc -ne 0 && grep -q 'not a photo file' '$DIR/err'"
check "... and the daemon serves on" ctl status

{ printf '\377\330\377\340'; head -c 19000000 /dev/urandom; } >"$DIR/fake.jpg"
ctl --operator 1001 --pin 9001 case photo "$C" "$DIR/fake.jpg" >/dev/null 2>"$DIR/err"
rc=$?
check "19 MB of noise starting like a JPEG is refused" sh -c "test $rc -ne 0 && grep -q 'not a JPEG or PNG' '$DIR/err'"
check "... and nothing is attached" test "$(photos)" -eq 0

# a PNG header claiming 23000 x 23000 pixels
printf '\211PNG\r\n\032\n\000\000\000\rIHDR\000\000\131\330\000\000\131\330\010\000\000\000\000\000\000\000\000' >"$DIR/huge.png"
ctl scan-image "$DIR/huge.png" >/dev/null 2>"$DIR/err"
rc=$?
check "a 23000 x 23000 picture is refused by its header" sh -c "test $rc -ne 0 && grep -q 'too large' '$DIR/err'"
ctl --operator 1001 --pin 9001 case photo "$C" "$DIR/huge.png" >/dev/null 2>"$DIR/err"
rc=$?
check "... as a case photo too" sh -c "test $rc -ne 0 && grep -q 'too large' '$DIR/err'"
ctl --operator 1001 --pin 9001 case photo "$C" "$DIR/none.jpg" >/dev/null 2>"$DIR/err"
rc=$?
check "a file stationctl cannot open is refused there" sh -c "test $rc -eq 1 && grep -q 'stationctl: .*none.jpg: No such file' '$DIR/err'"
ctl label preview "$C" --png "$DIR/real.png" >/dev/null
check "a real photo is taken" ctl --operator 1001 --pin 9001 case photo "$C" "$DIR/real.png"
check "... once" test "$(photos)" -eq 1
stop_demo
echo "1..$N"
