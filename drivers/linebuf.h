/*
 * Framing of scanner bytes into scans: a scan ends at CR, LF or CRLF.
 * Pure: tests feed it bytes directly.
 */
#ifndef ST_LINEBUF_H
#define ST_LINEBUF_H

#include <stddef.h>

#define LINEBUF_MAX	4096

struct linebuf {
	char	data[LINEBUF_MAX + 1];
	size_t	len;
	int	overflow;	/* the current line passed LINEBUF_MAX */
};

/*
 * Called once per complete non-empty line. An overlong line is delivered
 * once at its end, cut to LINEBUF_MAX bytes, with overflow set.
 */
typedef void (*linebuf_fn)(void *arg, const char *line, size_t len,
    int overflow);

void	linebuf_init(struct linebuf *);
void	linebuf_feed(struct linebuf *, const char *p, size_t n, linebuf_fn,
	    void *arg);
/* Drops a partial line (the device went away mid-scan). */
void	linebuf_reset(struct linebuf *);

#endif
