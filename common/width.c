/* Display width (see width.h). */
#include <string.h>

#include "buf.h"
#include "utf8.h"
#include "width.h"

int
width_cp(unsigned int c)
{
	if (c == 0 || (c >= 0x300 && c <= 0x36f) || (c >= 0x200b &&
	    c <= 0x200f) || (c >= 0xfe00 && c <= 0xfe0f))
		return 0;
	if (c < 0x1100)
		return 1;
	if (c <= 0x115f || c == 0x2329 || c == 0x232a ||
	    (c >= 0x2e80 && c <= 0xa4cf && c != 0x303f) ||
	    (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) ||
	    (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) ||
	    (c >= 0xffe0 && c <= 0xffe6) || (c >= 0x1f300 && c <= 0x1f64f) ||
	    (c >= 0x1f900 && c <= 0x1f9ff) || (c >= 0x20000 && c <= 0x3fffd))
		return 2;
	return 1;
}

int
width_text(const char *s)
{
	int w = 0;
	unsigned int cp;

	while (*s) {
		s += utf8_next(s, &cp);
		w += width_cp(cp);
	}
	return w;
}

void
width_pad(struct buf *b, const char *s, int w)
{
	int used = 0;
	const char *p = s;
	unsigned int cp;

	if (width_text(s) > w) {
		while (*p) {
			size_t n = utf8_next(p, &cp);

			if (used + width_cp(cp) > w - 1)
				break;
			used += width_cp(cp);
			p += n;
		}
		buf_add(b, s, (size_t)(p - s));
		buf_puts(b, "…");
		used++;
	} else {
		buf_puts(b, s);
		used = width_text(s);
	}
	for (; used < w; used++)
		buf_add(b, " ", 1);
}

void
width_row(struct buf *b, const char *const *cells, const int *widths, int n)
{
	for (int i = 0; i + 1 < n; i++) {
		width_pad(b, cells[i], widths[i]);
		buf_add(b, " ", 1);
	}
	if (n > 0)
		buf_puts(b, cells[n - 1]);
	buf_add(b, "\n", 1);
}
