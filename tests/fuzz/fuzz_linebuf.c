/* libFuzzer: scanner bytes through the framer, then each line as a scan. */
#include <stdint.h>
#include <string.h>

#include "../../drivers/linebuf.h"
#include "../../station/scan.h"

static void
line(void *arg, const char *s, size_t len, int overflow)
{
	const char *why;

	(void)arg;
	/* a line is terminated, bounded and holds no line ends */
	if (len == 0 || len > LINEBUF_MAX || s[len] != '\0' ||
	    memchr(s, '\r', len) || memchr(s, '\n', len) ||
	    (overflow && len != LINEBUF_MAX))
		__builtin_trap();
	scan_validate(s, len, &why);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct linebuf lb;

	linebuf_init(&lb);
	linebuf_feed(&lb, (const char *)data, size, line, NULL);
	return 0;
}
