# element boxes of a label template, in dots: x y w h a line
function v(k,   i) { for (i = 2; i <= NF; i++) if (index($i, k "=") == 1) return substr($i, length(k) + 2) + 0; return -1 }
BEGIN { d = dpi / 25.4 }
$1 == "size" { split($2, s, "x"); W = s[1]; H = s[2] }
$1 == "text" || $1 == "barcode" || $1 == "box" {
	x = v("x"); y = v("y"); w = v("w"); h = v("h"); if (w < 0) w = W - x
	printf "%.1f %.1f %.1f %.1f\n", x * d, y * d, w * d, h * d }
$1 == "line" {
	x1 = v("x1"); y1 = v("y1"); x2 = v("x2"); y2 = v("y2"); t = v("t")
	printf "%.1f %.1f %.1f %.1f\n", (x1 < x2 ? x1 : x2) * d - t * d, (y1 < y2 ? y1 : y2) * d - t * d, ((x2 > x1 ? x2 - x1 : x1 - x2) + 2 * t) * d, ((y2 > y1 ? y2 - y1 : y1 - y2) + 2 * t) * d }
