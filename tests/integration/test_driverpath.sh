#!/bin/sh
# PDF labels through printer drivers we did not write, on the demo's private
# cupsd: CUPS's own Zebra driver (rastertolabel after Ghostscript) at 203
# and 300 dpi, and lprint (an IPP Everywhere label printer application)
# at 203 and 300 dpi. The station prints with format = pdf; what each
# driver sends to the printer (ZPL with a ~DG raster) is drawn by an
# independent ZPL renderer, and zbar must read every barcode to its value.
. "$(dirname "$0")/lib.sh"
need_zpl_renderer
command -v lprint >/dev/null ||
    { notok "lprint is installed (scripts/deps.sh)"; echo "1..$N"; exit 1; }
mkdemo
LP=$DIR/lprint
mkdir -p "$LP/spool" "$LP/out203" "$LP/out300"
chmod 0777 "$LP" "$LP/out203" "$LP/out300"
lpr_() { HOME=$LP TMPDIR=$LP lprint "$@"; }
trap 'stop_demo; lpr_ shutdown >/dev/null 2>&1; [ -n "$KEEP" ] || rm -rf "$DIR"' EXIT
check "demo starts" start_demo
S=$DIR/cups/cups.sock

# lprint on a port of its own (below the ephemeral range, and one it
# could bind: a server that could not exits, and is tried on the next),
# writing what it would send to a file
port=$((10000 + $$ % 20000))
for try in 1 2 3 4 5; do
	HOME=$LP TMPDIR=$LP lprint server -o server-port=$port \
	    -o listen-hostname=localhost -o spool-directory="$LP/spool" \
	    -o log-file="$LP/log" -o log-level=info \
	    -o server-options=no-web-interface >/dev/null 2>&1 &
	LPID=$!
	wait_for 10 sh -c "HOME='$LP' TMPDIR='$LP' lprint printers >/dev/null 2>&1"
	sleep 0.5
	kill -0 $LPID 2>/dev/null && break
	port=$((port + 101))
done
for d in 203 300; do
	lpr_ add -d zl$d -m zpl_4inch-${d}dpi-dt -v "file://$LP/out$d" >/dev/null
done
check "lprint runs with a 203 and a 300 dpi ZPL printer" \
    sh -c "[ \$(HOME='$LP' TMPDIR='$LP' lprint printers | wc -l) -eq 2 ]"

# the CUPS queues: the sample Zebra driver writes to the demo's printer
uri=$(lpstat -h "$S" -v label | sed 's/.*: //')
for d in 203 300; do
	lpadmin -h "$S" -p zebra$d -E -v "$uri" -m drv:///sample.drv/zebra.ppd \
	    -o Resolution=${d}dpi >/dev/null 2>&1
	lpadmin -h "$S" -p lprint$d -E \
	    -v "ipp://localhost:$port/ipp/print/zl$d" -m everywhere \
	    >"$DIR/lpadmin.err" 2>&1 || sed 's/^/#   /' "$DIR/lpadmin.err"
done
check "four driver queues on the private cupsd" \
    sh -c "[ \$(lpstat -h '$S' -v | grep -c 'zebra\|lprint') -eq 4 ]"

A="--operator 1000 --pin 9000"
LONG="LX-$(printf '%061d' 7)"
ctl $A product add "$LONG" --name "Long" --cct 5000 >/dev/null
ctl $A product add "灯带-5米暖白" --name "Strip" --cct 3000 --spec "5m" >/dev/null
ctl scan %OP:1001 >/dev/null
parcel() {
	w=$(printf 'YT%013d' $((7000000 + $1)))
	shift
	ctl scan "$w" "$@" %DONE >/dev/null 2>"$DIR/err" ||
	    { sed 's/^/#   /' "$DIR/err"; return 1; }
	q "SELECT case_no FROM cases WHERE waybill = '$w'"
}
cases="$(parcel 1 %KIND:REPAIR %MODEL:LX-FL100)
$(parcel 2 %KIND:EXCHANGE %MODEL:LX-DL12 %QTY:3)
$(parcel 3 %KIND:EXCHANGE %MODEL:LX-FL100 %QTY:3 %MODEL:LX-DL12 %MODEL:LX-HB150 %QTY:2)
$(parcel 4 %KIND:RETURN "%MODEL:$LONG" %QTY:9999)
$(parcel 5 %KIND:NOREASON7 "%MODEL:灯带-5米暖白" %QTY:2)"
check "five parcels are registered" test "$(echo "$cases" | sort -u | grep -c '^R')" -eq 5
# the demo printed their area labels as ZPL; from here on, PDF
wait_for 30 eval "[ \$(labels_printed) -ge 5 ]"
stop_demo
printf 'format = pdf\n' >>"$DIR/station.conf"

# outputs QUEUE DIR: the files the driver produced for the labels printed
for qd in "zebra203 $DIR/printed" "zebra300 $DIR/printed" \
    "lprint203 $LP/out203" "lprint300 $LP/out300"; do
	set -- $qd
	queue=$1 out=$2
	dpi=${queue#zebra}
	dpi=${dpi#lprint}
	dpmm=$( [ $dpi = 203 ] && echo 8 || echo 12 )
	sed -i "s/^queue = .*/queue = $queue/; s/^dpi = .*/dpi = $dpi/" \
	    "$DIR/station.conf"
	start_demo >/dev/null
	# the demo's printer listens on a new port each start
	uri=$(lpstat -h "$S" -v label | sed 's/.*: //')
	case $queue in zebra*) lpadmin -h "$S" -p $queue -v "$uri" ;; esac
	ls "$out" >"$DIR/before"
	want=0
	for c in $cases; do
		ctl label print "$c" >/dev/null && want=$((want + 1))
	done
	for c in $(echo "$cases" | sed -n '3,4p'); do
		ctl label print "$c" --template case >/dev/null &&
		    want=$((want + 1))
	done
	wait_for ${WAIT:-120} sh -c "[ \$(ls '$out' | grep -vxF -f '$DIR/before' | wc -l) -ge $want ]"
	bad="" n=0 read=""
	for f in $(ls "$out" | grep -vxF -f "$DIR/before" | sed 's/ /?/g'); do
		f=$(ls -d "$out"/$f)
		# a case label is 100 mm wide, an area label 60 mm
		pw=$(grep -ao '\^PW[0-9]*' "$f" | head -1 | tr -dc 0-9)
		if [ "${pw:-0}" -gt $((dpmm * 80)) ]; then
			size="100 60"
		else
			size="60 40"
		fi
		n=$((n + 1))
		if ! node "$TOP/tests/tools/zplrender.cjs" "$f" "$DIR/r" $size \
		    $dpmm >/dev/null 2>"$DIR/node.err"; then
			bad="$bad [$queue $n: the renderer refused: $(head -c 200 "$DIR/node.err")]"
			continue
		fi
		code=$(zbarimg -q --raw -Sdisable -Scode128.enable "$DIR/r-1.png" 2>/dev/null)
		echo "$cases" | grep -qxF "$code" ||
		    bad="$bad [$queue $n ($size mm): zbar read '$(echo $code)']"
		read="$read $code"
		[ "$size" = "100 60" ] &&
		    [ "$(zbarimg -q -Sdisable -Sqrcode.enable "$DIR/r-1.png" 2>/dev/null | grep -c '^QR-Code:')" -ne 1 ] &&
		    bad="$bad [$queue $n: the case label's QR code does not read]"
		cp "$DIR/r-1.png" "$DIR/$queue-$n.png"
	done
	[ -z "$bad" ] || echo "#$bad" | fold -w 300 | sed '2,$s/^/#/'
	check "$queue: $want PDF labels through the driver come out as $n printer files, and zbar reads every barcode drawn from them" \
	    test -z "$bad" -a "$n" -eq "$want"
	# every case's area label came out once (case labels add two)
	for c in $cases; do
		k=$(echo $read | tr ' ' '\n' | grep -cxF "$c")
		exp=$(echo "$cases" | sed -n '3,4p' | grep -cxF "$c")
		[ "$k" -eq $((exp + 1)) ] || echo "# $queue: $c read $k times"
	done
	stop_demo
done

# Print gain, shown through the Zebra driver's own filters run by hand
# (cupsfilter: Ghostscript's gstoraster, then rastertolabel), where every
# bar edge lands on a dot edge: without gain every bar comes out a dot too
# wide and the labels do not read; with the default half dot they do.
ppdc -d "$DIR/ppd" /usr/share/cups/drv/sample.drv >/dev/null 2>&1
sed -i "s/^queue = .*/queue = label/; s/^dpi = .*/dpi = 203/" "$DIR/station.conf"
for g in 0 0.5; do
	printf '[printer]\ngain = %s\n' $g >>"$DIR/station.conf"
	start_demo >/dev/null
	nread=0
	for c in $cases; do
		ctl label preview "$c" --pdf "$DIR/g.pdf" >/dev/null &&
		cupsfilter -p "$DIR/ppd/zebra.ppd" -m application/vnd.cups-raster \
		    -o PageSize=Custom.60x40mm -o Resolution=203dpi "$DIR/g.pdf" \
		    >"$DIR/g.ras" 2>/dev/null &&
		PPD=$DIR/ppd/zebra.ppd /usr/lib/cups/filter/rastertolabel 1 u t 1 "" \
		    "$DIR/g.ras" >"$DIR/g.zpl" 2>/dev/null &&
		node "$TOP/tests/tools/zplrender.cjs" "$DIR/g.zpl" "$DIR/r" 60 40 8 \
		    >/dev/null 2>&1 &&
		[ "$(zbarimg -q --raw -Sdisable -Scode128.enable "$DIR/r-1.png" 2>/dev/null)" = "$c" ] &&
		nread=$((nread + 1))
	done
	stop_demo
	echo "# gain $g: $nread of 5 area labels read through gstoraster and rastertolabel at 203 dpi"
	eval "read_$(echo $g | tr -d .)=$nread"
done
check "print gain is why they read: 0 of 5 without it, 5 of 5 with half a dot" \
    test "$read_0" -eq 0 -a "$read_05" -eq 5
echo "1..$N"
