#!/bin/sh
# Labels as a printer draws them, by a renderer we did not write: the ZPL
# of every kind, a held case, several models, the longest model code the
# catalogue takes and a Chinese one, area and case labels, at 203 and 300
# dpi, drawn by zpl-renderer-js (Zebrash); zbar decodes every barcode to
# its case number, and no element's ink lies outside its box in the
# template (nothing overflows). Also: a PDF label through CUPS's own Zebra
# driver (rastertolabel) on the demo's cupsd prints.
. "$(dirname "$0")/lib.sh"
need_zpl_renderer
INKCMP=$TOP/$BUILD/tests/tools/inkcmp
mkdemo
check "demo starts" start_demo
A="--operator 1000 --pin 9000"
LONG="LX-$(printf '%061d' 7)"	# 64 characters, the most a model may have
ctl $A product add "$LONG" --name "Long" --cct 5000 >/dev/null
ctl $A product add "灯带-5米暖白" --name "Strip" --cct 3000 --spec "5m" >/dev/null
ctl scan %OP:1001 >/dev/null
parcel() {	# parcel N SCANS...: registers parcel N, prints its case number
	w=$(printf 'SF%013d' $((8000000 + $1)))
	shift
	ctl scan "$w" "$@" %DONE >/dev/null 2>"$DIR/err" ||
	    { sed 's/^/#   /' "$DIR/err"; return 1; }
	q "SELECT case_no FROM cases WHERE waybill = '$w'"
}
cases="$(parcel 1 %KIND:REPAIR %MODEL:LX-FL100)
$(parcel 2 %KIND:RETURN %MODEL:LX-HB150 %QTY:12)
$(parcel 3 %KIND:EXCHANGE %MODEL:LX-DL12)
$(parcel 4 %KIND:NOREASON7 %MODEL:LX-TL36)
$(parcel 5 %KIND:REPAIR %MODEL:LX-SL60 %COND:SEVERE)
$(parcel 6 %KIND:EXCHANGE %MODEL:LX-FL100 %QTY:3 %MODEL:LX-DL12 %MODEL:LX-HB150 %QTY:2 %MODEL:LX-TL36)
$(parcel 7 %KIND:RETURN "%MODEL:$LONG" %QTY:9999)
$(parcel 8 %KIND:REPAIR "%MODEL:灯带-5米暖白" %QTY:2)"
check "eight parcels are registered" test "$(echo "$cases" | sort -u | grep -c '^R')" -eq 8

bad=""
n=0
for dpi in 203 300; do
	stop_demo
	sed -i "s/^dpi = .*/dpi = $dpi/" "$DIR/station.conf"
	start_demo >/dev/null
	dpmm=$( [ $dpi = 203 ] && echo 8 || echo 12 )
	for t in area case; do
		awk -v dpi=$dpi -f "$TOP/tests/tools/boxes.awk" \
		    "$TOP/labels/templates/$t.tmpl" >"$DIR/boxes-$t-$dpi"
	done
	for c in $cases; do
		for t in area case; do
			f="$DIR/$c-$t-$dpi"
			ctl label preview "$c" --template $t --zpl "$f.zpl" >/dev/null &&
			ctl label preview "$c" --template $t --png "$f.png" >/dev/null ||
			    { bad="$bad [$c $t $dpi: no preview]"; continue; }
			# the canvas is the label's own size in the printer's dots
			size=$(sed -n 's/.*\^PW\([0-9]*\)^LL\([0-9]*\).*/\1 \2/p' "$f.zpl" |
			    awk -v d=$dpmm '{ printf "%.4f %.4f", $1 / d, $2 / d }')
			# shellcheck disable=SC2086
			if ! node "$TOP/tests/tools/zplrender.cjs" "$f.zpl" "$f.r" \
			    $size $dpmm >/dev/null 2>"$DIR/node.err"; then
				bad="$bad [$c $t $dpi: the renderer refused: $(head -c 200 "$DIR/node.err")]"
				continue
			fi
			n=$((n + 1))
			codes=$(zbarimg -q --raw "$f.r-1.png" 2>/dev/null | sort -u)
			[ "$codes" = "$c" ] ||
			    bad="$bad [$c $t $dpi: zbar read '$(echo $codes)']"
			[ $t = case ] && [ "$(zbarimg -q "$f.r-1.png" 2>/dev/null | grep -c '^QR-Code:')" -ne 1 ] &&
			    bad="$bad [$c $t $dpi: no QR code read]"
			p=$("$INKCMP" "$f.r-1.png" --boxes "$DIR/boxes-$t-$dpi" 2 |
			    sed -n 's/.*stray_permille=\([0-9]*\).*/\1/p')
			[ "${p:-1000}" -le 30 ] ||
			    bad="$bad [$c $t $dpi: $p per mille of the printer's ink lies outside its elements' boxes]"
		done
	done
done
[ -z "$bad" ] || echo "#$bad" | fold -w 300 | sed '2,$s/^/#/'
check "$n labels drawn by an independent ZPL renderer: every barcode reads as its case number, and no ink lies outside its element's box" test -z "$bad" -a "$n" -eq 32

# a PDF label through CUPS's own Zebra driver (rastertolabel, Ghostscript)
S=$DIR/cups/cups.sock
uri=$(lpstat -h "$S" -v label | sed 's/.*: //')
lpadmin -h "$S" -p zebra -E -v "$uri" -m drv:///sample.drv/zebra.ppd \
    -o PageSize=w288h216 >/dev/null 2>&1
cupsenable -h "$S" zebra
cupsaccept -h "$S" zebra
first=$(echo "$cases" | head -1)
ctl label preview "$first" --pdf "$DIR/one.pdf" >/dev/null
before=$(ls "$DIR/printed" | wc -l)
lp -h "$S" -d zebra "$DIR/one.pdf" >/dev/null
check "a PDF label prints through a driver queue (filters run as lp)" \
    wait_for 60 sh -c "[ \$(ls '$DIR/printed' | wc -l) -gt $before ]"
out=$(ls -t "$DIR/printed" | head -1)
check "... as the driver's ZPL raster" grep -q '\^XA' "$DIR/printed/$out"
stop_demo
echo "1..$N"
