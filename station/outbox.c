/*
 * The label outbox's daemon side (see outbox.h): the database rows are the
 * truth, the printer side (printd.c) does the rendering and the talking to
 * CUPS, and this file moves labels from state to state as the printer side
 * answers. Nothing here waits: every request goes out on the socketpair and
 * its answer comes back through the event loop.
 */
#define _GNU_SOURCE
#include <sys/socket.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../common/buf.h"
#include "../common/clock.h"
#include "../common/json.h"
#include "../common/log.h"
#include "../common/msg.h"
#include "../db/db.h"
#include "../drivers/printer.h"
#include "config.h"
#include "../common/loop.h"
#include "outbox.h"
#include "printd.h"
#include "station.h"

#define POLL_MS		300	/* while jobs are at the printer */
#define PUMP_TIMEOUT_MS	30000	/* a printer side this slow is hung */
#define STATUS_EVERY_MS	5000
#define MAX_PENDING	64
#define FOLLOW_MAX	64	/* jobs asked about at once */
#define WINDOW		32	/* our jobs at CUPS at once: far below its limits */
#define RETRIES		5	/* a job CUPS cancelled is sent again this often */
#define SEEN_MAX	128	/* jobs at the printer whose course is kept */
#define BATCH_MAX	50	/* raw labels sent as one job after an outage */
#define TITLE_MAX	200	/* a batch's title names its labels' ids */

/* A job at the printer as last seen: what CUPS said, and since when it
 * has said nothing new. */
struct seen {
	int64_t		 label;
	int		 job;
	int		 js;		/* enum print_job_state */
	int		 stuck;
	uint64_t	 since;		/* monotonic ms */
	char		 case_no[32];
	char		 reason[200];
};

struct pending {
	uint32_t	 id;
	uint64_t	 deadline;	/* monotonic ms */
	int		 pump;		/* the pump's own request */
	outbox_cb	 cb;
	void		*arg;
};

struct outbox {
	struct station	*st;
	char		 printer[PATH_MAX];	/* station-printer */
	pid_t		 pid;		/* the printer side, 0 if none */
	int		 fd;
	struct buf	 in, out;
	size_t		 sent;
	uint32_t	 next_id;
	struct pending	 pend[MAX_PENDING];
	int		 npend;
	int		 pump_busy;
	int		 backoff;	/* seconds; 0 when healthy */
	uint64_t	 retry_at;	/* monotonic ms */
	int		 restart_s;	/* back-off of printer side restarts */
	int64_t		 follow_after;	/* the jobs followed go round by id */
	uint64_t	 restarts;
	char		 last_error[256];
	/* the label queue as last seen, for status */
	int		 qs_known;
	struct print_queue_status qs;
	char		 qs_error[256];
	uint64_t	 qs_at;
	struct seen	 seen[SEEN_MAX];
	int		 nseen;
};

static void	pump(struct loop *, void *);
static void	spawn(struct loop *, void *);
static void	io(struct loop *, int, short, void *);

/* --- the printer side's process --- */

static void
child_gone(struct outbox *ob, const char *why)
{
	struct pending p[MAX_PENDING];
	int n = ob->npend;

	if (ob->fd != -1) {
		loop_del_fd(ob->st->loop, ob->fd);
		close(ob->fd);
		ob->fd = -1;
	}
	if (ob->pid > 0) {
		kill(ob->pid, SIGKILL);	/* reaped by outbox_reaped() */
		log_warnx("printer side (pid %d) %s; starting it again",
		    (int)ob->pid, why);
	}
	ob->pid = 0;
	buf_reset(&ob->in);
	buf_reset(&ob->out);
	ob->sent = 0;
	ob->pump_busy = 0;
	/* every caller hears that its request is lost */
	memcpy(p, ob->pend, sizeof(p));
	ob->npend = 0;
	for (int i = 0; i < n; i++)
		if (p[i].cb)
			p[i].cb(ob, NULL, p[i].arg);
	ob->restart_s = ob->restart_s ? ob->restart_s * 2 : 1;
	if (ob->restart_s > 30)
		ob->restart_s = 30;
	loop_timer(ob->st->loop, (uint64_t)ob->restart_s * 1000, spawn, ob);
}

static void
spawn(struct loop *l, void *arg)
{
	struct outbox *ob = arg;
	const struct st_config *cf = ob->st->cf;
	char *argv[10];
	int sv[2], n = 0;
	pid_t pid;

	(void)l;
	if (ob->pid)
		return;
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) == -1) {
		log_warn("printer side: socketpair");
		loop_timer(ob->st->loop, 5000, spawn, ob);
		return;
	}
	argv[n++] = "station-printer";
	argv[n++] = "3";
	if (cf->path) {
		argv[n++] = "-c";
		argv[n++] = cf->path;
	}
	if (ob->st->foreground)
		argv[n++] = "-f";
	if (cf->debug)
		argv[n++] = "-d";
	argv[n] = NULL;
	if ((pid = fork()) == -1) {
		log_warn("printer side: fork");
		close(sv[0]);
		close(sv[1]);
		loop_timer(ob->st->loop, 5000, spawn, ob);
		return;
	}
	if (pid == 0) {
		sigset_t none;

		sigemptyset(&none);
		sigprocmask(SIG_SETMASK, &none, NULL);
		if (dup2(sv[1], 3) == -1)
			_exit(127);
		close_range(4, ~0U, 0);
		execv(ob->printer, argv);
		_exit(127);
	}
	close(sv[1]);
	ob->pid = pid;
	ob->fd = sv[0];
	fcntl(ob->fd, F_SETFL, O_NONBLOCK);
	loop_add_fd(ob->st->loop, ob->fd, POLLIN, io, ob);
	log_debug("printer side started, pid %d", (int)pid);
	ob->restarts++;
	outbox_kick(ob);
}

void
outbox_reaped(struct outbox *ob, pid_t pid, int status)
{
	if (ob == NULL)
		return;
	if (pid == ob->pid)
		child_gone(ob, WIFSIGNALED(status) ? "was killed" : "exited");
}

/* --- requests and replies --- */

static int
call(struct outbox *ob, uint32_t type, const struct buf *fields, int pump_req,
    uint64_t timeout_ms, outbox_cb cb, void *arg)
{
	struct pending *p;
	size_t start;

	if (ob->fd == -1 || ob->npend == MAX_PENDING)
		return -1;
	p = &ob->pend[ob->npend++];
	p->id = ++ob->next_id;
	p->deadline = clock_mono_ms() + timeout_ms;
	p->pump = pump_req;
	p->cb = cb;
	p->arg = arg;
	start = msg_begin(&ob->out, type, p->id);
	if (fields && fields->len)
		buf_add(&ob->out, fields->data, fields->len);
	msg_end(&ob->out, start);
	loop_set_events(ob->st->loop, ob->fd, POLLIN | POLLOUT);
	return 0;
}

int
outbox_call(struct outbox *ob, uint32_t type, const struct buf *fields,
    uint64_t timeout_ms, outbox_cb cb, void *arg)
{
	return call(ob, type, fields, 0, timeout_ms, cb, arg);
}

static void
answer(struct outbox *ob, const struct msg *m)
{
	for (int i = 0; i < ob->npend; i++)
		if (ob->pend[i].id == m->id) {
			struct pending p = ob->pend[i];

			ob->pend[i] = ob->pend[--ob->npend];
			if (p.cb)
				p.cb(ob, m, p.arg);
			return;
		}
	/* the answer to a request that timed out: nobody waits for it */
}

static void
io(struct loop *l, int fd, short revents, void *arg)
{
	struct outbox *ob = arg;
	char tmp[65536];
	size_t used = 0;
	struct msg m;
	ssize_t n;
	int rc;

	(void)l;
	if ((revents & POLLOUT) && ob->sent < ob->out.len) {
		n = write(fd, ob->out.data + ob->sent, ob->out.len - ob->sent);
		if (n == -1 && errno != EAGAIN && errno != EINTR) {
			child_gone(ob, "stopped reading");
			return;
		}
		if (n > 0 && (ob->sent += (size_t)n) == ob->out.len) {
			buf_reset(&ob->out);
			ob->sent = 0;
			loop_set_events(l, fd, POLLIN);
		}
	}
	if (!(revents & (POLLIN | POLLHUP | POLLERR)))
		return;
	n = read(fd, tmp, sizeof(tmp));
	if (n == -1 && (errno == EAGAIN || errno == EINTR))
		return;
	if (n <= 0) {
		child_gone(ob, "closed its end");
		return;
	}
	buf_add(&ob->in, tmp, (size_t)n);
	while ((rc = msg_next(&ob->in, &used, &m)) == 1) {
		answer(ob, &m);
		if (ob->fd == -1)
			return;		/* a callback lost the printer side */
	}
	if (rc == -1) {
		child_gone(ob, "sent a corrupt message");
		return;
	}
	msg_consume(&ob->in, used);
}

/* Requests past their time: the caller hears nothing came; a pump request
 * that long means the printer side is hung. */
static void
deadlines(struct loop *l, void *arg)
{
	struct outbox *ob = arg;
	uint64_t now = clock_mono_ms();

	for (int i = 0; i < ob->npend; i++)
		if (now >= ob->pend[i].deadline) {
			struct pending p = ob->pend[i];

			if (p.pump) {
				child_gone(ob, "did not answer in time");
				break;
			}
			ob->pend[i--] = ob->pend[--ob->npend];
			if (p.cb)
				p.cb(ob, NULL, p.arg);
		}
	loop_timer(l, 500, deadlines, ob);
}

/* --- moving labels --- */

/* The job's title finds it again after a crash; a label sent again after
 * CUPS cancelled it has a title of its own. */
static void
label_title(const struct db_label *l, char *t, size_t len)
{
	if (l->attempts == 0)
		snprintf(t, len, "station label %lld %s", (long long)l->id,
		    l->case_no);
	else
		snprintf(t, len, "station label %lld %s #%d", (long long)l->id,
		    l->case_no, l->attempts);
}

/* One durable move of a label, with its audit event. */
static int
move_sent(struct outbox *ob, const struct db_label *l, const char *state,
    int job, const char *error, const char *action, const char *data,
    size_t len)
{
	struct db *db = ob->st->db;
	struct buf d;
	struct json j;
	int rc;

	buf_init(&d);
	json_init(&j, &d);
	json_open(&j, NULL);
	json_int(&j, "label", l->id);
	json_str(&j, "case", l->case_no);
	json_str(&j, "state", state);
	json_int(&j, "job", job);
	if (error)
		json_str(&j, "error", error);
	json_close(&j);
	rc = db_begin(db) == -1 ||
	    (data && db_label_set_payload(db, l->id, data, len) == -1) ||
	    db_label_set_state(db, l->id, state, job, error) == -1 ||
	    db_audit(db, "printer", action, "label", l->id, d.data, NULL) == -1 ||
	    db_commit(db) == -1;
	buf_free(&d);
	if (rc) {
		log_warnx("outbox: label %lld: %s", (long long)l->id,
		    db_error(db));
		db_rollback(db);
		return -1;
	}
	return 0;
}

static int
move(struct outbox *ob, const struct db_label *l, const char *state, int job,
    const char *error, const char *action)
{
	return move_sent(ob, l, state, job, error, action, NULL, 0);
}

/* Labels of one batch (those of l[] that which[] names) move together,
 * in one transaction; data.I in m (when given) are the bytes drawn for
 * label I. */
static int
move_batch(struct outbox *ob, const struct db_label *l, const int *which,
    int n, const char *state, int job, const char *error, const char *action,
    const struct msg *m)
{
	struct db *db = ob->st->db;
	struct buf d;
	struct json j;
	int rc = db_begin(db);

	buf_init(&d);
	for (int k = 0; k < n && rc == 0; k++) {
		int i = which[k];
		const char *data = NULL;
		size_t len = 0;
		char key[32];

		if (m) {
			snprintf(key, sizeof(key), "data.%d", i);
			if ((data = msg_get(m, key, &len)) == NULL || len == 0 ||
			    l[i].payload_len != 0)
				data = NULL;
		}
		buf_reset(&d);
		json_init(&j, &d);
		json_open(&j, NULL);
		json_int(&j, "label", l[i].id);
		json_str(&j, "case", l[i].case_no);
		json_str(&j, "state", state);
		json_int(&j, "job", job);
		json_int(&j, "batch", n);
		if (error)
			json_str(&j, "error", error);
		json_close(&j);
		rc = (data && db_label_set_payload(db, l[i].id, data, len) == -1) ||
		    db_label_set_state(db, l[i].id, state, job, error) == -1 ||
		    db_audit(db, "printer", action, "label", l[i].id, d.data,
		    NULL) == -1 ? -1 : 0;
	}
	if (rc == 0)
		rc = db_commit(db);
	buf_free(&d);
	if (rc) {
		log_warnx("outbox: a batch of %d labels: %s", n, db_error(db));
		db_rollback(db);
		return -1;
	}
	return 0;
}

static void
trouble(struct outbox *ob, const char *why)
{
	const struct st_config *cf = ob->st->cf;

	if (strcmp(ob->last_error, why) != 0)
		log_warnx("printing: %s (labels stay queued)", why);
	snprintf(ob->last_error, sizeof(ob->last_error), "%s", why);
	ob->backoff = ob->backoff ? ob->backoff * 2 : cf->retry_min;
	if (ob->backoff > cf->retry_max)
		ob->backoff = cf->retry_max;
	ob->retry_at = clock_mono_ms() + (uint64_t)ob->backoff * 1000;
	loop_timer(ob->st->loop, (uint64_t)ob->backoff * 1000, pump, ob);
}

static void
healthy(struct outbox *ob)
{
	if (ob->backoff)
		log_info("printing: print system reachable again");
	ob->backoff = 0;
	ob->last_error[0] = '\0';
	ob->restart_s = 0;
}

/* The labels a pump request is about, kept for its answer: one, or the
 * labels of a batch in the order they were sent. */
struct about {
	int		n;
	struct db_label	l[];
};

static struct about *
about_n(const struct db_label *l, int n)
{
	struct about *a = malloc(sizeof(*a) + (size_t)n * sizeof(a->l[0]));

	if (a == NULL)
		fatal("malloc");
	a->n = n;
	for (int i = 0; i < n; i++) {
		a->l[i] = l[i];
		a->l[i].payload = NULL;
	}
	return a;
}

static struct about *
about(const struct db_label *l)
{
	return about_n(l, 1);
}

/* Was the label whose fate was unknown (after a crash, or a request CUPS
 * never answered) taken by CUPS? */
static void
found(struct outbox *ob, const struct msg *m, void *arg)
{
	struct about *a = arg;

	ob->pump_busy = 0;
	if (m == NULL || msg_get(m, "err", NULL)) {
		if (m)
			trouble(ob, msg_str(m, "err"));
		free(a);
		return;
	}
	if (msg_int(m, "found", 0))
		move(ob, &a->l[0], "submitted", (int)msg_int(m, "job", 0), NULL,
		    "label.found");
	else
		move(ob, &a->l[0], "queued", 0, NULL, "label.requeue");
	free(a);
	outbox_kick(ob);
}

static void
submitted(struct outbox *ob, const struct msg *m, void *arg)
{
	struct about *a = arg;
	const char *data;
	size_t len = 0;
	int job;

	ob->pump_busy = 0;
	if (m == NULL) {	/* the printer side is gone: recovered later */
		free(a);
		return;
	}
	/* the bytes drawn are kept with the label: what was sent */
	if ((data = msg_get(m, "data", &len)) == NULL || len == 0 ||
	    a->l[0].payload_len != 0)
		data = NULL;
	if (msg_get(m, "err", NULL)) {
		/* sent without an answer: asked for by its title before it
		 * is sent again (pump, step 1), or it could print twice */
		if (msg_int(m, "unsure", 0))
			move_sent(ob, &a->l[0], "submitting", 0, msg_str(m, "err"),
			    "label.unsure", data, len);
		else
			move_sent(ob, &a->l[0], "queued", 0, msg_str(m, "err"),
			    "label.retry", data, len);
		trouble(ob, msg_str(m, "err"));
		free(a);
		return;
	}
	healthy(ob);
	job = (int)msg_int(m, "job", 0);
	if (move_sent(ob, &a->l[0], "submitted", job, NULL, "label.submitted",
	    data, len) == 0)
		log_info("label %lld for %s is CUPS job %d", (long long)a->l[0].id,
		    a->l[0].case_no, job);
	free(a);
	outbox_kick(ob);
}

/* A batch's answer: one CUPS job for the labels that were drawn; a label
 * that could not be drawn stays queued with the reason. */
static void
submitted_batch(struct outbox *ob, const struct msg *m, void *arg)
{
	struct about *a = arg;
	int sent[BATCH_MAX], ns = 0, job;

	ob->pump_busy = 0;
	if (m == NULL) {
		free(a);
		return;
	}
	for (int i = 0; i < a->n; i++) {
		char key[32];
		const char *why;

		snprintf(key, sizeof(key), "skip.%d", i);
		if ((why = msg_get(m, key, NULL)) != NULL) {
			log_warnx("label %lld for %s: %s", (long long)a->l[i].id,
			    a->l[i].case_no, why);
			move_batch(ob, a->l, &i, 1, "queued", 0, why,
			    "label.retry", NULL);
		} else
			sent[ns++] = i;
	}
	if (msg_get(m, "err", NULL)) {
		/* as for one label: unanswered, the batch is looked for by
		 * its title before anything is sent again */
		move_batch(ob, a->l, sent, ns, msg_int(m, "unsure", 0) ?
		    "submitting" : "queued", 0, msg_str(m, "err"),
		    msg_int(m, "unsure", 0) ? "label.unsure" : "label.retry", m);
		trouble(ob, msg_str(m, "err"));
		free(a);
		return;
	}
	healthy(ob);
	job = (int)msg_int(m, "job", 0);
	if (ns && move_batch(ob, a->l, sent, ns, "submitted", job, NULL,
	    "label.submitted", m) == 0)
		log_info("%d labels, %lld to %lld, are CUPS job %d", ns,
		    (long long)a->l[sent[0]].id, (long long)a->l[sent[ns - 1]].id,
		    job);
	free(a);
	outbox_kick(ob);
}

struct inflight {
	struct db_label	 l[FOLLOW_MAX];
	int		 n;
};

static int
collect(void *arg, const struct db_label *l)
{
	struct inflight *f = arg;

	f->l[f->n++] = *l;
	return f->n == FOLLOW_MAX;
}

static struct seen *
seen_of(struct outbox *ob, int64_t label)
{
	for (int i = 0; i < ob->nseen; i++)
		if (ob->seen[i].label == label)
			return &ob->seen[i];
	return NULL;
}

static void
unwatch(struct outbox *ob, int64_t label)
{
	struct seen *s = seen_of(ob, label);

	if (s)
		*s = ob->seen[--ob->nseen];
}

/*
 * A job still at the printer: held, stopped or waiting is written on the
 * label with CUPS's reason, and a job that says nothing new for
 * [printer] stuck_after seconds is called stuck. The label stays the
 * printer's: it is not sent again, which could print it twice.
 */
static void
watch(struct outbox *ob, const struct db_label *l, int js, const char *why)
{
	uint64_t now = clock_mono_ms();
	struct seen *s = seen_of(ob, l->id);
	char note[300], reason[256];
	int changed = 0;

	/* CUPS says nothing on a job that waits for a stopped queue */
	if (js == PJ_PENDING && !why[0] && ob->qs_known && ob->qs.state == 5)
		snprintf(reason, sizeof(reason), "printer-stopped; %s",
		    ob->qs.message[0] ? ob->qs.message : ob->qs.reasons);
	else
		snprintf(reason, sizeof(reason), "%s", why);

	if (s == NULL) {
		if (ob->nseen == SEEN_MAX)
			ob->nseen = 0;	/* forgotten ones are seen again anew */
		s = &ob->seen[ob->nseen++];
		memset(s, 0, sizeof(*s));
		s->label = l->id;
		s->js = -1;
	}
	if (s->js != js || s->job != l->job_id || strcmp(s->reason, reason)) {
		s->js = js;
		s->job = l->job_id;
		snprintf(s->reason, sizeof(s->reason), "%s", reason);
		snprintf(s->case_no, sizeof(s->case_no), "%s", l->case_no);
		s->since = now;
		s->stuck = 0;
		changed = 1;
	}
	if (!s->stuck && now - s->since >= (uint64_t)ob->st->cf->stuck_after *
	    1000) {
		s->stuck = 1;
		changed = 1;
		log_warnx("label %lld for %s is stuck: CUPS job %d %s for %d s%s%s",
		    (long long)l->id, l->case_no, l->job_id,
		    print_job_state_name(js), ob->st->cf->stuck_after,
		    reason[0] ? ": " : "", reason);
	}
	if (!changed)
		return;
	snprintf(note, sizeof(note), "%s%s%s%s", s->stuck ? "stuck: " : "",
	    print_job_state_name(js), reason[0] ? ": " : "", reason);
	/* on its way (a page done, a filter talking) is not written down */
	if (!s->stuck && (js == PJ_PENDING || js == PJ_PROCESSING) &&
	    !strstr(reason, "stopped") && !strstr(reason, "hold"))
		note[0] = '\0';
	if (strcmp(note, l->error) != 0)
		move(ob, l, "submitted", l->job_id, note[0] ? note : NULL,
		    s->stuck ? "label.stuck" : "label.waiting");
}

/* How the jobs at the printer ended. */
static void
followed(struct outbox *ob, const struct msg *m, void *arg)
{
	struct inflight *f = arg;
	int pending = 0, done[FOLLOW_MAX], ndone = 0;

	ob->pump_busy = 0;
	if (m == NULL || msg_get(m, "err", NULL)) {
		if (m)
			trouble(ob, msg_str(m, "err"));
		free(f);
		return;
	}
	for (int i = 0; i < f->n; i++) {
		const struct db_label *l = &f->l[i];
		char key[32], reason[256];
		const char *v;
		int js;

		snprintf(key, sizeof(key), "job.%d", l->job_id);
		if ((v = msg_get(m, key, NULL)) == NULL) {
			pending++;
			continue;
		}
		js = atoi(v);
		snprintf(reason, sizeof(reason), "%s", strchr(v, ' ') ?
		    strchr(v, ' ') + 1 : "");
		switch (js) {
		case PJ_COMPLETED:
			/* a batch's labels are printed in one transaction */
			done[ndone++] = i;
			break;
		case PJ_CANCELED:
		case PJ_ABORTED:
			/* cancelled or aborted is not printed: again, saying why */
			if (l->attempts < RETRIES) {
				char why[300];

				snprintf(why, sizeof(why), "CUPS job %d was %s%s%s:"
				    " printing it again", l->job_id,
				    print_job_state_name(js), reason[0] ? ", " :
				    "", reason);
				move(ob, l, "queued", 0, why, "label.requeue");
				log_warnx("label %lld for %s: %s", (long long)l->id,
				    l->case_no, why);
				break;
			}
			/* FALLTHROUGH */
		case PJ_UNKNOWN:
			move(ob, l, "failed", l->job_id, reason[0] ? reason :
			    print_job_state_name(js), "label.failed");
			log_warnx("label %lld for %s failed: CUPS job %d %s %s",
			    (long long)l->id, l->case_no, l->job_id,
			    print_job_state_name(js), reason);
			break;
		default:
			pending++;
			watch(ob, l, js, reason);
			continue;
		}
		unwatch(ob, l->id);
	}
	for (int k = 0; k < ndone; ) {
		int n = 1, i = done[k];

		while (k + n < ndone && f->l[done[k + n]].job_id == f->l[i].job_id)
			n++;
		move_batch(ob, f->l, done + k, n, "printed", f->l[i].job_id, NULL,
		    "label.printed", NULL);
		k += n;
	}
	free(f);
	healthy(ob);
	if (pending)
		loop_timer(ob->st->loop, POLL_MS, pump, ob);
	else
		outbox_kick(ob);
}

static void
queue_seen(struct outbox *ob, const struct msg *m, void *arg)
{
	(void)arg;
	if (m == NULL)
		return;
	ob->qs_at = clock_mono_ms();
	if (msg_get(m, "err", NULL)) {
		ob->qs_known = 0;
		snprintf(ob->qs_error, sizeof(ob->qs_error), "%s",
		    msg_str(m, "err"));
		return;
	}
	ob->qs_known = 1;
	ob->qs.state = (int)msg_int(m, "state", 0);
	ob->qs.accepting = (int)msg_int(m, "accepting", 0);
	snprintf(ob->qs.reasons, sizeof(ob->qs.reasons), "%s",
	    msg_str(m, "reasons"));
	snprintf(ob->qs.message, sizeof(ob->qs.message), "%s",
	    msg_str(m, "message"));
}

static int
put_field(void *arg, const char *key, const char *value)
{
	msg_put_str(arg, key, value);
	return 0;
}

struct batch {
	struct db_label	 l[BATCH_MAX];
	int		 n;
	char		 queue[128];
};

/* Raw labels for the same queue, after the first, while the title holds
 * their ids. */
static int
batch_more(void *arg, const struct db_label *l)
{
	struct batch *b = arg;
	int64_t ids[BATCH_MAX];
	char title[TITLE_MAX + 64];

	if (strcmp(l->format, "zpl") != 0 || strcmp(l->queue, b->queue) != 0)
		return 0;
	for (int i = 0; i < b->n; i++)
		ids[i] = b->l[i].id;
	ids[b->n] = l->id;
	if (batch_title(ids, b->n + 1, title, sizeof(title)) > TITLE_MAX)
		return 1;
	b->l[b->n++] = *l;
	return b->n == BATCH_MAX;
}

/* One label's text for the printer side: the bytes drawn when it was sent
 * before, else its fields. */
static int
label_fields(struct db *db, const struct db_label *l, struct buf *f)
{
	if (l->payload_len) {
		msg_put(f, "payload", l->payload, l->payload_len);
		return 0;
	}
	return db_label_fields(db, l->id, put_field, f) == -1 ? -1 : 0;
}

/*
 * Sends the oldest queued label to the printer side; raw ZPL labels queued
 * behind it for the same queue (an outage's worth) go with it as one CUPS
 * job of many labels, whose title names their ids. 1 sent, 0 none, -1.
 */
static int
submit_next(struct outbox *ob)
{
	struct db *db = ob->st->db;
	struct batch *b;
	char title[TITLE_MAX + 64];
	struct buf f, one;
	int64_t ids[BATCH_MAX];
	int rc = 0;

	if ((b = calloc(1, sizeof(*b))) == NULL)
		fatal("calloc");
	if ((rc = db_label_next(db, "queued", &b->l[0])) != 1)
		goto out;
	rc = 0;
	b->n = 1;
	if (b->l[0].queue[0] == '\0') {
		rc = 0;		/* no printer configured: it waits */
		goto out;
	}
	snprintf(b->queue, sizeof(b->queue), "%s", b->l[0].queue);
	if (strcmp(b->l[0].format, "zpl") == 0 && db_label_after(db, "queued",
	    b->l[0].id, BATCH_MAX * 4, batch_more, b) == -1) {
		rc = -1;
		goto out;
	}
	for (int i = 1; i < b->n; i++)
		if (db_label_payload(db, &b->l[i]) == -1) {
			rc = -1;
			goto out;
		}
	{
		int all[BATCH_MAX];

		for (int i = 0; i < b->n; i++)
			all[i] = i;
		if (move_batch(ob, b->l, all, b->n, "submitting", 0, NULL,
		    "label.submitting", NULL) == -1) {
			rc = -1;
			goto out;
		}
	}
	buf_init(&f);
	buf_init(&one);
	msg_put_str(&f, "queue", b->queue);
	msg_put_str(&f, "format", b->l[0].format);
	if (b->n == 1) {
		label_title(&b->l[0], title, sizeof(title));
		msg_put_str(&f, "title", title);
		msg_put_str(&f, "tmpl", b->l[0].tmpl);
		rc = label_fields(db, &b->l[0], &f);
	} else {
		for (int i = 0; i < b->n; i++)
			ids[i] = b->l[i].id;
		batch_title(ids, b->n, title, sizeof(title));
		msg_put_str(&f, "title", title);
		msg_put_int(&f, "n", b->n);
		for (int i = 0; i < b->n && rc == 0; i++) {
			char key[32];

			buf_reset(&one);
			msg_put_str(&one, "tmpl", b->l[i].tmpl);
			rc = label_fields(db, &b->l[i], &one);
			snprintf(key, sizeof(key), "label.%d", i);
			msg_put(&f, key, one.data, one.len);
		}
	}
	if (rc == 0) {
		struct about *a = about_n(b->l, b->n);

		if ((rc = call(ob, PD_SUBMIT, &f, 1, PUMP_TIMEOUT_MS, b->n == 1 ?
		    submitted : submitted_batch, a)) == -1)
			free(a);	/* looked for by title, then sent again */
	}
	buf_free(&one);
	buf_free(&f);
	if (rc == 0) {
		ob->pump_busy = 1;
		rc = 1;
	}
out:
	for (int i = 0; i < BATCH_MAX; i++)
		free(b->l[i].payload);
	free(b);
	return rc;
}

static void
pump(struct loop *l, void *arg)
{
	struct outbox *ob = arg;
	const struct st_config *cf = ob->st->cf;
	struct inflight *f;
	struct db_label lb;
	struct buf b;
	int rc, inflight = 0;

	(void)l;
	if (ob->fd == -1 || ob->pump_busy)
		return;
	if (ob->retry_at && clock_mono_ms() < ob->retry_at)
		return;
	ob->retry_at = 0;
	buf_init(&b);
	/* how the label queue is, for status and for jobs that wait on it */
	if (cf->printer_queue[0] && clock_mono_ms() - ob->qs_at >=
	    STATUS_EVERY_MS) {
		msg_put_str(&b, "queue", cf->printer_queue);
		ob->qs_at = clock_mono_ms();
		call(ob, PD_QUEUE_STATUS, &b, 0, 10000, queue_seen, NULL);
		buf_reset(&b);
	}
	/* 1: labels whose fate is unknown (a crash, an unanswered request):
	 * sent or not? */
	if ((rc = db_label_next(ob->st->db, "submitting", &lb)) == 1) {
		char title[96];

		free(lb.payload);
		label_title(&lb, title, sizeof(title));
		msg_put_str(&b, "queue", lb.queue);
		msg_put_str(&b, "title", title);
		msg_put_int(&b, "id", lb.id);
		if (call(ob, PD_FIND_JOB, &b, 1, PUMP_TIMEOUT_MS, found,
		    about(&lb)) == 0)
			ob->pump_busy = 1;
		buf_free(&b);
		return;
	}
	/* 2: the oldest queued label, while CUPS holds few of ours */
	if (rc == 0 && db_label_jobs_at_printer(ob->st->db, &inflight) == 0 &&
	    inflight < WINDOW &&
	    (rc = submit_next(ob)) != 0) {
		buf_free(&b);
		return;
	}
	/* 3: the jobs at the printer, all of them in turn, until CUPS says
	 * how each ended */
	if ((f = calloc(1, sizeof(*f))) == NULL)
		fatal("calloc");
	if (db_label_after(ob->st->db, "submitted", ob->follow_after,
	    FOLLOW_MAX, collect, f) == 0 && f->n == 0 && ob->follow_after) {
		ob->follow_after = 0;
		db_label_after(ob->st->db, "submitted", 0, FOLLOW_MAX, collect,
		    f);
	}
	if (f->n > 0) {
		ob->follow_after = f->n == FOLLOW_MAX ? f->l[f->n - 1].id : 0;
		buf_puts(&b, "");
		{
			struct buf jobs;

			buf_init(&jobs);
			/* the labels of a batch share their job */
			for (int i = 0; i < f->n; i++)
				if (i == 0 || f->l[i].job_id != f->l[i - 1].job_id)
					buf_printf(&jobs, "%s%d", i ? "," : "",
					    f->l[i].job_id);
			msg_put_str(&b, "jobs", jobs.data);
			buf_free(&jobs);
		}
		if (call(ob, PD_JOB_STATES, &b, 1, PUMP_TIMEOUT_MS, followed,
		    f) == 0) {
			ob->pump_busy = 1;
			buf_free(&b);
			return;
		}
	}
	free(f);
	buf_free(&b);
}

/* --- the interface --- */

/* station-printer beside stationd (a build tree), else in libexec beside
 * the sbin it was installed to, else where the build said. */
static void
find_printer(char *path, size_t len)
{
	char self[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	char *slash;

	if (n > 0) {
		self[n] = '\0';
		if ((slash = strrchr(self, '/')) != NULL) {
			*slash = '\0';
			snprintf(path, len, "%s/station-printer", self);
			if (access(path, X_OK) == 0)
				return;
			snprintf(path, len, "%s/../libexec/station/station-printer",
			    self);
			if (access(path, X_OK) == 0)
				return;
		}
	}
	snprintf(path, len, "%s/station-printer", STATION_LIBEXEC);
}

struct outbox *
outbox_new(struct station *st)
{
	struct outbox *ob = calloc(1, sizeof(*ob));

	if (ob == NULL)
		fatal("calloc");
	ob->st = st;
	find_printer(ob->printer, sizeof(ob->printer));
	ob->fd = -1;
	buf_init(&ob->in);
	buf_init(&ob->out);
	spawn(st->loop, ob);
	loop_timer(st->loop, 500, deadlines, ob);
	return ob;
}

void
outbox_free(struct outbox *ob)
{
	struct loop *l;

	if (ob == NULL)
		return;
	l = ob->st->loop;
	loop_timer_cancel(l, pump, ob);
	loop_timer_cancel(l, spawn, ob);
	loop_timer_cancel(l, deadlines, ob);
	if (ob->pid > 0) {
		pid_t pid = ob->pid;

		ob->pid = 0;
		kill(pid, SIGTERM);
		waitpid(pid, NULL, 0);
	}
	ob->restart_s = 0;
	if (ob->fd != -1) {
		loop_del_fd(l, ob->fd);
		close(ob->fd);
		ob->fd = -1;
	}
	for (int i = 0; i < ob->npend; i++)
		if (ob->pend[i].cb)
			ob->pend[i].cb(ob, NULL, ob->pend[i].arg);
	loop_timer_cancel(l, spawn, ob);
	buf_free(&ob->in);
	buf_free(&ob->out);
	free(ob);
}

void
outbox_kick(struct outbox *ob)
{
	ob->retry_at = 0;
	/* a moment later, so that the scan's acknowledgement goes out first */
	loop_timer(ob->st->loop, 5, pump, ob);
}

void
outbox_reconfigure(struct outbox *ob)
{
	/* a new printer side reads the new configuration */
	ob->backoff = 0;
	ob->qs_at = 0;
	if (ob->pid > 0) {
		child_gone(ob, "is restarted for the new configuration");
		loop_timer(ob->st->loop, 0, spawn, ob);
		ob->restart_s = 0;
	}
}

/* The jobs at the printer that are not simply on their way. */
static void
outbox_status_jobs(struct outbox *ob, struct buf *b)
{
	uint64_t now = clock_mono_ms();
	int shown = 0, more = 0;

	for (int i = 0; i < ob->nseen; i++) {
		const struct seen *s = &ob->seen[i];

		if (!s->stuck && s->js != PJ_HELD && s->js != PJ_STOPPED)
			continue;
		if (shown == 5) {
			more++;
			continue;
		}
		shown++;
		buf_printf(b, "label %lld for %s: CUPS job %d %s%s for %llu s%s%s\n",
		    (long long)s->label, s->case_no, s->job,
		    s->stuck ? "stuck, " : "", print_job_state_name(s->js),
		    (unsigned long long)((now - s->since) / 1000),
		    s->reason[0] ? ": " : "", s->reason);
	}
	if (more)
		buf_printf(b, "... and %d more labels held, stopped or stuck"
		    " (stationctl label list --state submitted)\n", more);
}

void
outbox_status(struct outbox *ob, struct buf *b)
{
	const struct st_config *cf = ob->st->cf;
	const struct print_queue_status *qs = &ob->qs;
	int q, s, p, f;

	if (db_label_counts(ob->st->db, &q, &s, &p, &f) == 0)
		buf_printf(b, "labels: %d queued, %d at the printer, %d printed,"
		    " %d failed\n", q, s, p, f);
	if (cf->printer_queue[0] == '\0') {
		buf_puts(b, "printer: none configured (labels stay queued)\n");
		return;
	}
	if (ob->fd == -1)
		buf_printf(b, "printer: %s: unknown: the printer side is starting"
		    " again\n", cf->printer_queue);
	else if (!ob->qs_known)
		buf_printf(b, "printer: %s: unreachable: %s\n", cf->printer_queue,
		    ob->qs_error[0] ? ob->qs_error : "not asked yet");
	else
		buf_printf(b, "printer: %s: %s%s%s%s%s\n", cf->printer_queue,
		    qs->state == 3 ? "idle" : qs->state == 4 ? "printing" :
		    qs->state == 5 ? "stopped" : "unknown",
		    qs->accepting ? "" : ", not accepting jobs",
		    qs->reasons[0] && strcmp(qs->reasons, "none") ? " (" : "",
		    qs->reasons[0] && strcmp(qs->reasons, "none") ? qs->reasons :
		    "", qs->reasons[0] && strcmp(qs->reasons, "none") ? ")" : "");
	if (ob->qs_known && qs->message[0])
		buf_printf(b, "printer message: %s\n", qs->message);
	if (ob->last_error[0])
		buf_printf(b, "printing problem: %s (retry in %d s)\n",
		    ob->last_error, ob->backoff);
	outbox_status_jobs(ob, b);
}

/* A status request waiting for a fresh look at the queue. */
struct status_wait {
	void	(*done)(void *);
	void	*arg;
};

static void
status_fresh(struct outbox *ob, const struct msg *m, void *arg)
{
	struct status_wait *w = arg;

	queue_seen(ob, m, NULL);
	w->done(w->arg);
	free(w);
}

int
outbox_refresh(struct outbox *ob, void (*done)(void *), void *arg)
{
	struct status_wait *w;
	struct buf b;
	int rc;

	if (ob->st->cf->printer_queue[0] == '\0' || ob->fd == -1)
		return -1;
	if ((w = malloc(sizeof(*w))) == NULL)
		fatal("malloc");
	w->done = done;
	w->arg = arg;
	buf_init(&b);
	msg_put_str(&b, "queue", ob->st->cf->printer_queue);
	rc = call(ob, PD_QUEUE_STATUS, &b, 0, 4000, status_fresh, w);
	buf_free(&b);
	if (rc == -1)
		free(w);
	return rc;
}
