/* Scan framing (see linebuf.h). */
#include <string.h>

#include "linebuf.h"

void
linebuf_init(struct linebuf *lb)
{
	lb->len = 0;
	lb->overflow = 0;
}

void
linebuf_reset(struct linebuf *lb)
{
	linebuf_init(lb);
}

void
linebuf_feed(struct linebuf *lb, const char *p, size_t n, linebuf_fn fn,
    void *arg)
{
	for (size_t i = 0; i < n; i++) {
		char c = p[i];

		if (c == '\r' || c == '\n') {
			if (lb->len > 0 || lb->overflow) {
				lb->data[lb->len] = '\0';
				fn(arg, lb->data, lb->len, lb->overflow);
			}
			linebuf_init(lb);
			continue;
		}
		if (lb->len == LINEBUF_MAX) {
			lb->overflow = 1;
			continue;
		}
		lb->data[lb->len++] = c;
	}
}
