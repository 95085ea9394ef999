/* Scans typed on the terminal (or a keyboard-wedge scanner in a terminal),
 * one per line, with the station's answer printed back. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "../drivers/linebuf.h"
#include "buf.h"
#include "log.h"
#include "loop.h"
#include "station.h"
#include "term.h"

struct term {
	struct station	*st;
	struct linebuf	 lb;
};

static void
prompt(void)
{
	fputs("scan> ", stdout);
	fflush(stdout);
}

static void
term_line(void *arg, const char *line, size_t len, int overflow)
{
	struct term *t = arg;
	struct buf reply;
	int64_t event;
	enum intake_result r;

	buf_init(&reply);
	if (overflow)
		len = LINEBUF_MAX + 1;	/* let intake reject it in words */
	r = intake_scan(&t->st->intake, line, len, &reply, &event);
	printf("%s %s\n", r == INTAKE_OK ? "  OK " : "  NO \a",
	    reply.data ? reply.data : "");
	buf_free(&reply);
}

static void
term_read(struct loop *l, int fd, short revents, void *arg)
{
	struct term *t = arg;
	char tmp[1024];
	ssize_t n;

	(void)revents;
	n = read(fd, tmp, sizeof(tmp));
	if (n == -1 && (errno == EAGAIN || errno == EINTR))
		return;
	if (n <= 0) {
		log_info("terminal closed; scans now come through stationctl");
		loop_del_fd(l, fd);
		return;
	}
	linebuf_feed(&t->lb, tmp, (size_t)n, term_line, t);
	prompt();
}

struct term *
term_start(struct station *st)
{
	struct term *t;

	if (!isatty(STDIN_FILENO))
		return NULL;
	if ((t = calloc(1, sizeof(*t))) == NULL)
		fatal("calloc");
	t->st = st;
	linebuf_init(&t->lb);
	loop_add_fd(st->loop, STDIN_FILENO, POLLIN, term_read, t);
	printf("Return Station — scan or type a barcode and press Enter"
	    " / 扫描或输入条码后回车\n");
	prompt();
	return t;
}

void
term_stop(struct term *t)
{
	if (t == NULL)
		return;
	loop_del_fd(t->st->loop, STDIN_FILENO);
	free(t);
}
