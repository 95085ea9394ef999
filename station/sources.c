/* Scan sources in the event loop (see sources.h, drivers/scanner.h). */
#define _POSIX_C_SOURCE 200809L
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../common/clock.h"
#include "../db/db.h"
#include "../drivers/scanner.h"
#include "../common/buf.h"
#include "config.h"
#include "../common/log.h"
#include "../common/loop.h"
#include "deskfx.h"
#include "sources.h"
#include "station.h"

#define TICK_MS 200

struct sources {
	struct station		*st;	/* NULL under --test-scanner */
	struct loop		*loop;
	struct scan_source	 src[9];
	int			 n;
	int			 terminal;	/* answers printed for a person */
	int			 count;		/* --test-scanner */
	int			 seen;
	struct deskfx		*fx;	/* sound and status line */
};

static void
src_io(struct loop *l, int fd, short revents, void *arg)
{
	struct scan_source *s = arg;

	(void)l;
	s->drv->io(s, fd, revents);
}

static void
watch(void *owner, struct scan_source *s, int fd, short events)
{
	struct sources *ss = owner;

	loop_add_fd(ss->loop, fd, events, src_io, s);
}

static void
unwatch(void *owner, struct scan_source *s, int fd)
{
	struct sources *ss = owner;

	(void)s;
	loop_del_fd(ss->loop, fd);
}

static void
prompt(struct sources *ss)
{
	if (ss->terminal) {
		fputs("scan> ", stdout);
		fflush(stdout);
	}
}

static void
redraw(void *arg)
{
	struct sources *ss = arg;

	if (ss->fx)
		deskfx_redraw(ss->fx);
}

static void
deliver(void *owner, struct scan_source *s, const char *text, size_t len,
    int overflow)
{
	struct sources *ss = owner;
	struct buf reply;
	int64_t event;
	enum st_result r;

	(void)overflow;
	clock_now_iso(s->last_scan, sizeof(s->last_scan));
	if (ss->st == NULL) {
		/* --test-scanner: show what was read, register nothing */
		if (ss->count && ss->seen >= ss->count)
			return;
		printf("%.*s\n", (int)(len > 4096 ? 4096 : len), text);
		fflush(stdout);
		if (ss->count && ++ss->seen >= ss->count)
			loop_stop(ss->loop);
		return;
	}
	buf_init(&reply);
	r = intake_scan(&ss->st->intake, text, len, &reply, &event);
	if (ss->terminal && !strcmp(s->drv->prefix, "stdin"))
		printf("\r\033[K%s %s\n", r == ST_OK ? "  OK " : "  NO ",
		    reply.data ? reply.data : "");
	else
		log_info("%s: %s %s", s->spec, r == ST_OK ? "ok" : "refused",
		    reply.data ? reply.data : "");
	if (ss->fx)
		deskfx_answer(ss->fx, &ss->st->intake, r == ST_OK, reply.data);
	buf_free(&reply);
}

static void
tick(struct loop *l, void *arg)
{
	struct sources *ss = arg;
	uint64_t now = clock_mono_ms();

	for (int i = 0; i < ss->n; i++) {
		struct scan_source *s = &ss->src[i];

		/* a scanner without a terminator: a pause ends the scan */
		if (s->timeout_ms && s->lb.len > 0 &&
		    now - s->last_byte_ms >= (uint64_t)s->timeout_ms)
			scan_source_bytes(s, "\n", 1);
		s->drv->tick(s);
	}
	loop_timer(l, TICK_MS, tick, ss);
}

static int
add(struct sources *ss, const char *spec, char *cause, size_t clen)
{
	struct scan_source *s = &ss->src[ss->n];
	const struct st_config *cf = ss->st ? ss->st->cf : NULL;

	memset(s, 0, sizeof(*s));
	s->deliver = deliver;
	s->watch = watch;
	s->unwatch = unwatch;
	s->owner = ss;
	if (cf) {
		s->tab_ends = cf->scan_tab_ends;
		s->timeout_ms = cf->scan_timeout_ms;
	}
	if (scan_source_parse(s, spec, cause, clen) == -1)
		return -1;
	ss->n++;
	if (s->drv->open(s) == -1 && ss->st)
		log_warnx("scanner %s: %s (waiting for it)", spec, s->error);
	return 0;
}

struct sources *
sources_start(struct station *st, int terminal, char *cause, size_t clen)
{
	struct sources *ss;

	if ((ss = calloc(1, sizeof(*ss))) == NULL)
		fatal("calloc");
	ss->st = st;
	ss->loop = st->loop;
	ss->terminal = terminal && isatty(STDIN_FILENO);
	if (st)
		ss->fx = deskfx_new(ss->loop, st->cf, ss->terminal);
	for (int i = 0; i < st->cf->nsources; i++)
		if (add(ss, st->cf->sources[i], cause, clen) == -1)
			goto fail;
	if (ss->terminal) {
		if (add(ss, "stdin", cause, clen) == -1)
			goto fail;
		printf("Return Station — scan or type a barcode and press Enter"
		    " / 扫描或输入条码后回车\n");
		prompt(ss);
		/* the status line stays under whatever the log says */
		log_after(redraw, ss);
	}
	loop_timer(ss->loop, TICK_MS, tick, ss);
	return ss;
fail:
	sources_stop(ss);
	return NULL;
}

void
sources_stop(struct sources *ss)
{
	if (ss == NULL)
		return;
	loop_timer_cancel(ss->loop, tick, ss);
	if (ss->terminal)
		log_after(NULL, NULL);
	deskfx_free(ss->fx);
	for (int i = 0; i < ss->n; i++) {
		ss->src[i].drv->close(&ss->src[i]);
		/* stdin keeps no private state */
		if (strcmp(ss->src[i].drv->prefix, "stdin") != 0 &&
		    strcmp(ss->src[i].drv->prefix, "usb") != 0)
			free(ss->src[i].priv);
	}
	free(ss);
}

void
sources_status(struct sources *ss, struct buf *b)
{
	if (ss == NULL || ss->n == 0) {
		buf_puts(b, "scanners: none configured (scans through stationctl)\n");
		return;
	}
	for (int i = 0; i < ss->n; i++) {
		const struct scan_source *s = &ss->src[i];

		buf_printf(b, "scanner %s: %s%s%s, %llu scans, last %s\n",
		    s->spec, scan_source_state(s), s->error[0] ? " (" : "",
		    s->error[0] ? s->error : "", (unsigned long long)s->scans,
		    s->last_scan[0] ? s->last_scan : "never");
	}
}

static volatile sig_atomic_t test_stop;

static void
on_stop(int sig)
{
	(void)sig;
	test_stop = 1;
}

static void
test_wake(void *arg)
{
	if (test_stop)
		loop_stop(arg);
}

int
sources_test(const char *spec, int count, char *cause, size_t clen)
{
	struct sources ss;
	struct sigaction sa;
	sigset_t block, mask;

	memset(&ss, 0, sizeof(ss));
	ss.loop = loop_new();
	ss.count = count;
	if (add(&ss, spec, cause, clen) == -1) {
		loop_free(ss.loop);
		return -1;
	}
	if (ss.src[0].state != SRC_CONNECTED)
		fprintf(stderr, "%s: %s; waiting for it\n", spec,
		    ss.src[0].error);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	sigprocmask(SIG_BLOCK, &block, &mask);
	sigdelset(&mask, SIGINT);
	sigdelset(&mask, SIGTERM);
	loop_timer(ss.loop, TICK_MS, tick, &ss);
	loop_run(ss.loop, &mask, test_wake, ss.loop);
	ss.src[0].drv->close(&ss.src[0]);
	loop_free(ss.loop);
	return 0;
}
