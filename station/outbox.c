/* Label outbox pump (see outbox.h). Runs from the event loop on a timer. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/clock.h"
#include "../db/db.h"
#include "../drivers/printer.h"
#include "../common/buf.h"
#include "../common/json.h"
#include "config.h"
#include "../common/log.h"
#include "loop.h"
#include "outbox.h"
#include "station.h"

#define POLL_MS	300	/* while jobs are in flight */

struct outbox {
	struct station		*st;
	const struct print_driver *drv;
	void			*priv;
	int			 backoff;	/* seconds; 0 when healthy */
	uint64_t		 retry_at;	/* monotonic ms */
	char			 last_error[256];
};

static void	pump(struct loop *, void *);

struct outbox *
outbox_new(struct station *st)
{
	struct outbox *ob = calloc(1, sizeof(*ob));

	if (ob == NULL)
		fatal("calloc");
	ob->st = st;
	ob->drv = &print_driver_cups;
	if ((ob->priv = ob->drv->open(st->cf->cups_server)) == NULL)
		fatal("printer driver");
	return ob;
}

void
outbox_free(struct outbox *ob)
{
	if (ob == NULL)
		return;
	loop_timer_cancel(ob->st->loop, pump, ob);
	ob->drv->close(ob->priv);
	free(ob);
}

void
outbox_kick(struct outbox *ob)
{
	ob->retry_at = 0;
	/* a moment later, so that the scan's acknowledgement goes out first
	 * even when the print system is slow to answer */
	loop_timer(ob->st->loop, 5, pump, ob);
}

void
outbox_reconfigure(struct outbox *ob)
{
	ob->drv->close(ob->priv);
	if ((ob->priv = ob->drv->open(ob->st->cf->cups_server)) == NULL)
		fatal("printer driver");
	ob->backoff = 0;
	outbox_kick(ob);
}

static void
label_title(const struct db_label *l, char *t, size_t len)
{
	snprintf(t, len, "station label %lld %s", (long long)l->id, l->case_no);
}

/* One durable move of a label, with its audit event. */
static int
move(struct outbox *ob, const struct db_label *l, const char *state, int job,
    const char *error, const char *action)
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
}

/* Labels whose fate is unknown after a crash: sent or not? */
static int
recover(struct outbox *ob)
{
	struct db_label l;
	char title[96];
	int job = 0, rc;

	while ((rc = db_label_next(ob->st->db, "submitting", &l)) == 1) {
		free(l.payload);
		label_title(&l, title, sizeof(title));
		rc = ob->drv->find_job(ob->priv, l.queue, title, &job);
		if (rc == -1) {
			trouble(ob, "cannot reach the print system");
			return -1;
		}
		if (move(ob, &l, rc ? "submitted" : "queued", rc ? job : 0, NULL,
		    rc ? "label.found" : "label.requeue") == -1)
			return -1;
	}
	return rc;
}

static int
submit_queued(struct outbox *ob)
{
	struct db_label l;
	char title[96], cause[256];
	int job, rc;

	while ((rc = db_label_next(ob->st->db, "queued", &l)) == 1) {
		label_title(&l, title, sizeof(title));
		if (l.queue[0] == '\0') {
			free(l.payload);
			return 0;	/* no printer configured: keep it */
		}
		if (move(ob, &l, "submitting", 0, NULL, "label.submitting") == -1) {
			free(l.payload);
			return -1;
		}
		if (ob->drv->submit(ob->priv, l.queue, title, l.format, l.payload,
		    l.payload_len, &job, cause, sizeof(cause)) == -1) {
			free(l.payload);
			move(ob, &l, "queued", 0, cause, "label.retry");
			trouble(ob, cause);
			return -1;
		}
		free(l.payload);
		healthy(ob);
		if (move(ob, &l, "submitted", job, NULL, "label.submitted") == -1)
			return -1;
		log_info("label %lld for %s is CUPS job %d", (long long)l.id,
		    l.case_no, job);
	}
	return rc;
}

#define INFLIGHT_MAX 64

struct inflight {
	struct db_label	l[INFLIGHT_MAX];
	int		n;
};

static int
collect(void *arg, const struct db_label *l)
{
	struct inflight *f = arg;

	f->l[f->n++] = *l;
	return f->n == INFLIGHT_MAX;
}

/* Follows submitted jobs, oldest first, until CUPS says how they ended.
 * Returns how many are still at the printer, or -1. */
static int
follow(struct outbox *ob)
{
	struct inflight *f;
	int pending = 0;

	if ((f = calloc(1, sizeof(*f))) == NULL)
		fatal("calloc");
	if (db_label_foreach(ob->st->db, "submitted", collect, f) == -1) {
		free(f);
		return -1;
	}
	for (int i = 0; i < f->n; i++) {
		const struct db_label *l = &f->l[i];
		enum print_job_state js;
		char reason[256];

		if (ob->drv->job_state(ob->priv, l->job_id, &js, reason,
		    sizeof(reason)) == -1) {
			trouble(ob, reason);
			free(f);
			return -1;
		}
		switch (js) {
		case PJ_COMPLETED:
			move(ob, l, "printed", l->job_id, NULL, "label.printed");
			break;
		case PJ_CANCELED:
		case PJ_ABORTED:
		case PJ_UNKNOWN:
			move(ob, l, "failed", l->job_id, reason[0] ? reason :
			    print_job_state_name(js), "label.failed");
			log_warnx("label %lld for %s failed: CUPS job %d %s %s",
			    (long long)l->id, l->case_no, l->job_id,
			    print_job_state_name(js), reason);
			break;
		default:
			pending++;
		}
	}
	free(f);
	return pending;
}

static void
pump(struct loop *l, void *arg)
{
	struct outbox *ob = arg;
	int pending;

	(void)l;
	if (ob->retry_at && clock_mono_ms() < ob->retry_at)
		return;
	ob->retry_at = 0;
	if (recover(ob) == -1 || submit_queued(ob) == -1)
		return;
	if ((pending = follow(ob)) > 0)
		loop_timer(ob->st->loop, POLL_MS, pump, ob);
}

int
outbox_destinations(struct outbox *ob, struct buf *out, struct buf *err)
{
	struct print_dest *d;
	char cause[256];
	int n;

	if (ob->drv->destinations(ob->priv, &d, &n, cause, sizeof(cause)) ==
	    -1) {
		buf_printf(err, "%s\n", cause);
		return -1;
	}
	buf_printf(out, "%-16s %-8s %-9s %-24s %s\n", "QUEUE", "STATE",
	    "ACCEPTING", "MAKE AND MODEL", "DEVICE");
	for (int i = 0; i < n; i++)
		buf_printf(out, "%-16s %-8s %-9s %-24s %s%s%s\n", d[i].name,
		    d[i].state == 3 ? "idle" : d[i].state == 4 ? "printing" :
		    d[i].state == 5 ? "stopped" : "-", d[i].accepting ? "yes" :
		    "no", d[i].make, d[i].uri,
		    d[i].is_default ? "  (default)" : "",
		    !strcmp(d[i].name, ob->st->cf->printer_queue) ?
		    "  <- labels" : "");
	if (n == 0)
		buf_puts(out, "(no queues: add one with lpadmin)\n");
	free(d);
	return 0;
}

void
outbox_status(struct outbox *ob, struct buf *b)
{
	const struct st_config *cf = ob->st->cf;
	struct print_queue_status qs;
	int q, s, p, f;
	char cause[256];

	if (db_label_counts(ob->st->db, &q, &s, &p, &f) == 0)
		buf_printf(b, "labels: %d queued, %d at the printer, %d printed,"
		    " %d failed\n", q, s, p, f);
	if (cf->printer_queue[0] == '\0') {
		buf_puts(b, "printer: none configured (labels stay queued)\n");
		return;
	}
	if (ob->drv->queue_status(ob->priv, cf->printer_queue, &qs, cause,
	    sizeof(cause)) == -1) {
		buf_printf(b, "printer: %s: unreachable: %s\n", cf->printer_queue,
		    cause);
		return;
	}
	buf_printf(b, "printer: %s: %s%s%s%s%s\n", cf->printer_queue,
	    qs.state == 3 ? "idle" : qs.state == 4 ? "printing" :
	    qs.state == 5 ? "stopped" : "unknown",
	    qs.accepting ? "" : ", not accepting jobs",
	    qs.reasons[0] && strcmp(qs.reasons, "none") ? " (" : "",
	    qs.reasons[0] && strcmp(qs.reasons, "none") ? qs.reasons : "",
	    qs.reasons[0] && strcmp(qs.reasons, "none") ? ")" : "");
	if (qs.message[0])
		buf_printf(b, "printer message: %s\n", qs.message);
	if (ob->last_error[0])
		buf_printf(b, "printing problem: %s (retry in %d s)\n",
		    ob->last_error, ob->backoff);
}
