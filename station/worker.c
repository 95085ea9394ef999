/* Worker threads with read-only connections (see worker.h). */
#define _GNU_SOURCE
#include <sys/resource.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../common/log.h"
#include "../db/db.h"
#include "../common/loop.h"
#include "worker.h"

#define WORKERS_MAX 4

struct workers {
	struct loop		*loop;
	pthread_t		 th[WORKERS_MAX];
	struct db		*db[WORKERS_MAX];
	int			 n;
	pthread_mutex_t		 mu;
	pthread_cond_t		 cv;
	struct worker_job	*head, *tail;
	int			 stop;
	int			 busy;		/* queued or running; loop side */
	int			 pipe[2];	/* finished jobs, to the loop */
	int			 idle;		/* threads at idle priority */
};

struct thread_arg {
	struct workers	*w;
	int		 i;
};

static void *
thread_main(void *arg)
{
	struct thread_arg *ta = arg;
	struct workers *w = ta->w;
	struct db *ro = w->db[ta->i];

	free(ta);
	/* long reads give way to the thread that acknowledges scans (on
	 * Linux a thread has a nice value of its own); the office page's
	 * run only on a CPU nothing else wants */
	if (w->idle) {
		struct sched_param sp = { 0 };

		pthread_setschedparam(pthread_self(), SCHED_IDLE, &sp);
	} else
		setpriority(PRIO_PROCESS, (id_t)gettid(), 10);
	for (;;) {
		struct worker_job *j;

		pthread_mutex_lock(&w->mu);
		while (w->head == NULL && !w->stop)
			pthread_cond_wait(&w->cv, &w->mu);
		if (w->stop) {
			pthread_mutex_unlock(&w->mu);
			return NULL;
		}
		j = w->head;
		if ((w->head = j->next) == NULL)
			w->tail = NULL;
		pthread_mutex_unlock(&w->mu);
		j->run(j, ro);
		/* a pointer is less than PIPE_BUF: written whole */
		while (write(w->pipe[1], &j, sizeof(j)) == -1 && errno == EINTR)
			;
	}
}

static void
finished(struct loop *l, int fd, short revents, void *arg)
{
	struct workers *w = arg;
	struct worker_job *j[64];
	ssize_t n;

	(void)l;
	(void)revents;
	while ((n = read(fd, j, sizeof(j))) > 0)
		for (size_t i = 0; i < (size_t)n / sizeof(j[0]); i++) {
			w->busy--;
			j[i]->done(j[i]);
		}
}

struct workers *
workers_start(struct loop *l, const char *path, int n, int idle,
    char *cause, size_t clen)
{
	struct workers *w;

	if (n < 1 || n > WORKERS_MAX)
		n = n < 1 ? 1 : WORKERS_MAX;
	if ((w = calloc(1, sizeof(*w))) == NULL)
		fatal("calloc");
	w->loop = l;
	w->idle = idle;
	pthread_mutex_init(&w->mu, NULL);
	pthread_cond_init(&w->cv, NULL);
	if (pipe2(w->pipe, O_CLOEXEC | O_NONBLOCK) == -1) {
		snprintf(cause, clen, "pipe: %s", strerror(errno));
		free(w);
		return NULL;
	}
	/* the writing end blocks: a finished job is never dropped */
	fcntl(w->pipe[1], F_SETFL, 0);
	for (int i = 0; i < n; i++) {
		struct thread_arg *ta;

		if ((w->db[i] = db_open_ro(path, cause, clen)) == NULL)
			goto fail;
		if ((ta = malloc(sizeof(*ta))) == NULL)
			fatal("malloc");
		ta->w = w;
		ta->i = i;
		if ((errno = pthread_create(&w->th[i], NULL, thread_main,
		    ta)) != 0) {
			snprintf(cause, clen, "worker thread: %s",
			    strerror(errno));
			free(ta);
			db_close(w->db[i]);
			w->db[i] = NULL;
			goto fail;
		}
		w->n++;
	}
	loop_add_fd(l, w->pipe[0], POLLIN, finished, w);
	return w;
fail:
	workers_stop(w);
	return NULL;
}

void
workers_submit(struct workers *w, struct worker_job *j)
{
	j->next = NULL;
	w->busy++;
	pthread_mutex_lock(&w->mu);
	if (w->tail)
		w->tail->next = j;
	else
		w->head = j;
	w->tail = j;
	pthread_cond_signal(&w->cv);
	pthread_mutex_unlock(&w->mu);
}

int
workers_busy(const struct workers *w)
{
	return w->busy;
}

void
workers_stop(struct workers *w)
{
	struct worker_job *queued;

	if (w == NULL)
		return;
	pthread_mutex_lock(&w->mu);
	w->stop = 1;
	queued = w->head;
	w->head = w->tail = NULL;
	pthread_cond_broadcast(&w->cv);
	pthread_mutex_unlock(&w->mu);
	for (int i = 0; i < w->n; i++)
		pthread_join(w->th[i], NULL);
	/* every job's done() runs once: the finished, then the cancelled */
	if (w->n)
		finished(w->loop, w->pipe[0], 0, w);
	while (queued) {
		struct worker_job *next = queued->next;

		queued->cancelled = 1;
		queued->done(queued);
		queued = next;
	}
	for (int i = 0; i < WORKERS_MAX; i++)
		db_close(w->db[i]);
	if (w->loop && w->n)
		loop_del_fd(w->loop, w->pipe[0]);
	close(w->pipe[0]);
	close(w->pipe[1]);
	pthread_mutex_destroy(&w->mu);
	pthread_cond_destroy(&w->cv);
	free(w);
}
