/* Scans typed on standard input, one per line: a keyboard-wedge scanner in
 * a terminal, or a pipe. */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <unistd.h>

#include "scanner.h"

static int
stdin_check(const char *arg, char *cause, size_t clen)
{
	if (*arg != '\0') {
		snprintf(cause, clen, "stdin takes no argument");
		return -1;
	}
	return 0;
}

static int
stdin_parse(struct scan_source *s, const char *arg, char *cause, size_t clen)
{
	(void)s;
	return stdin_check(arg, cause, clen);
}

static int
stdin_open(struct scan_source *s)
{
	s->state = SRC_CONNECTED;
	s->watch(s->owner, s, STDIN_FILENO, POLLIN);
	return 0;
}

static void
stdin_close(struct scan_source *s)
{
	if (s->state == SRC_CONNECTED)
		s->unwatch(s->owner, s, STDIN_FILENO);
}

static void
stdin_io(struct scan_source *s, int fd, short revents)
{
	(void)revents;
	if (scan_source_read(s, fd) == 0)
		return;
	/* the end of input is final: there is nothing to reopen */
	stdin_close(s);
	scan_source_lost(s, "end of input");
	s->state = SRC_ERROR;
}

static void
stdin_tick(struct scan_source *s)
{
	(void)s;
}

const struct scan_driver scan_driver_stdin = {
	.prefix = "stdin",
	.name = "standard input (terminal or pipe)",
	.check = stdin_check,
	.parse = stdin_parse,
	.open = stdin_open,
	.close = stdin_close,
	.io = stdin_io,
	.tick = stdin_tick,
};
