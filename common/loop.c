/* The event loop (see loop.h). Small tables, scanned linearly: a station has
 * a handful of descriptors and timers. */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "clock.h"
#include "log.h"
#include "loop.h"

#define LOOP_MAX_FDS	512
#define LOOP_MAX_TIMERS	32

struct watcher {
	int		 fd;
	short		 events;
	loop_fd_fn	 fn;
	void		*arg;
};

struct timer {
	uint64_t	 when;
	loop_timer_fn	 fn;
	void		*arg;
};

struct loop {
	struct watcher	 w[LOOP_MAX_FDS];
	int		 nw;
	struct timer	 t[LOOP_MAX_TIMERS];
	int		 nt;
	int		 stop;
};

struct loop *
loop_new(void)
{
	struct loop *l = calloc(1, sizeof(*l));

	if (l == NULL)
		fatal("loop_new");
	return l;
}

void
loop_free(struct loop *l)
{
	free(l);
}

int
loop_add_fd(struct loop *l, int fd, short events, loop_fd_fn fn, void *arg)
{
	if (l->nw == LOOP_MAX_FDS) {
		log_warnx("loop: too many descriptors");
		return -1;
	}
	l->w[l->nw++] = (struct watcher){ fd, events, fn, arg };
	return 0;
}

void
loop_set_events(struct loop *l, int fd, short events)
{
	for (int i = 0; i < l->nw; i++)
		if (l->w[i].fd == fd)
			l->w[i].events = events;
}

void
loop_del_fd(struct loop *l, int fd)
{
	for (int i = 0; i < l->nw; i++)
		if (l->w[i].fd == fd) {
			/* mark; compacted after dispatch so indices stay valid */
			l->w[i].fd = -1;
			l->w[i].fn = NULL;
		}
}

void
loop_timer(struct loop *l, uint64_t ms, loop_timer_fn fn, void *arg)
{
	uint64_t when = clock_mono_ms() + ms;

	for (int i = 0; i < l->nt; i++)
		if (l->t[i].fn == fn && l->t[i].arg == arg) {
			l->t[i].when = when;
			return;
		}
	if (l->nt == LOOP_MAX_TIMERS)
		fatalx("loop: too many timers");
	l->t[l->nt++] = (struct timer){ when, fn, arg };
}

void
loop_timer_cancel(struct loop *l, loop_timer_fn fn, void *arg)
{
	for (int i = 0; i < l->nt; i++)
		if (l->t[i].fn == fn && l->t[i].arg == arg) {
			l->t[i] = l->t[--l->nt];
			return;
		}
}

void
loop_stop(struct loop *l)
{
	l->stop = 1;
}

static void
compact(struct loop *l)
{
	int j = 0;

	for (int i = 0; i < l->nw; i++)
		if (l->w[i].fd != -1)
			l->w[j++] = l->w[i];
	l->nw = j;
}

int
loop_run(struct loop *l, const sigset_t *sigmask, void (*wake)(void *),
    void *arg)
{
	struct pollfd pfd[LOOP_MAX_FDS];

	while (!l->stop) {
		struct timespec ts, *tsp = NULL;
		uint64_t now = clock_mono_ms(), next = UINT64_MAX;
		int n, nfds;

		for (int i = 0; i < l->nt; i++)
			if (l->t[i].when < next)
				next = l->t[i].when;
		if (next != UINT64_MAX) {
			uint64_t d = next > now ? next - now : 0;

			ts.tv_sec = (time_t)(d / 1000);
			ts.tv_nsec = (long)(d % 1000) * 1000000;
			tsp = &ts;
		}
		nfds = l->nw;
		for (int i = 0; i < nfds; i++) {
			pfd[i].fd = l->w[i].fd;
			pfd[i].events = l->w[i].events;
			pfd[i].revents = 0;
		}
		n = ppoll(pfd, (nfds_t)nfds, tsp, sigmask);
		if (n == -1 && errno != EINTR) {
			log_warn("ppoll");
			return -1;
		}
		if (wake)
			wake(arg);
		for (int i = 0; n > 0 && i < nfds && !l->stop; i++) {
			if (pfd[i].revents == 0 || l->w[i].fd != pfd[i].fd ||
			    l->w[i].fn == NULL)
				continue;
			l->w[i].fn(l, pfd[i].fd, pfd[i].revents, l->w[i].arg);
		}
		compact(l);
		/* take the due timers out first: a callback may re-arm itself */
		now = clock_mono_ms();
		{
			struct timer due[LOOP_MAX_TIMERS];
			int ndue = 0;

			for (int i = 0; i < l->nt; ) {
				if (l->t[i].when <= now) {
					due[ndue++] = l->t[i];
					l->t[i] = l->t[--l->nt];
				} else
					i++;
			}
			for (int i = 0; i < ndue && !l->stop; i++)
				due[i].fn(l, due[i].arg);
		}
	}
	return 0;
}
