/*
 * The time rules of the after-sales procedures, all configurable ([rules]):
 * a 7-day no-reason return is registered the day it arrives and inspected
 * within noreason7_inspect_hours; a repair ships within repair_ship_hours
 * of arrival unless it holds a potted or special product; more units than
 * large_batch is a large batch that alerts supervisors and QC; a shipped
 * case's customer is called within callback_days. Breaches are
 * stored once and logged. Deadlines are computed from the stored wall-clock
 * times, so a restart picks them up again. An RMA report unanswered for
 * rma_reply_days closes its application as accepted.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../common/buf.h"
#include "../common/json.h"
#include "../common/clock.h"
#include "../db/db.h"
#include "config.h"
#include "case.h"
#include "rules.h"
#include "../common/log.h"

struct check {
	struct db		*db;
	const struct rules_limits *lim;
	time_t			 now;
	struct rules_found	*f;
};

/* A breach the case has not been charged with yet. */
static int
breach(struct check *k, const struct db_due *d, const char *rule, time_t due)
{
	struct rules_found *f = k->f;
	struct rules_breach *b;
	int known;

	if (db_breach_known(k->db, d->id, rule, &known) == -1)
		return -1;
	if (known)
		return 0;
	if (f->n == RULES_BATCH) {
		f->more = 1;
		return 0;
	}
	if (f->n == f->cap) {
		int cap = f->cap ? f->cap * 2 : 16;

		if ((b = realloc(f->v, (size_t)cap * sizeof(*b))) == NULL)
			return -1;
		f->v = b;
		f->cap = cap;
	}
	b = &f->v[f->n++];
	b->case_id = d->id;
	snprintf(b->case_no, sizeof(b->case_no), "%s", d->case_no);
	snprintf(b->rule, sizeof(b->rule), "%s", rule);
	b->due = due;
	return 0;
}

static void
next_due(struct check *k, time_t due)
{
	if (k->f->next == 0 || due < k->f->next)
		k->f->next = due;
}

/* End of the local day that t falls in. */
static time_t
day_end(time_t t)
{
	struct tm tm;

	localtime_r(&t, &tm);
	tm.tm_hour = 23;
	tm.tm_min = 59;
	tm.tm_sec = 59;
	tm.tm_isdst = -1;
	return mktime(&tm);
}

static int
one(void *arg, const struct db_due *d)
{
	struct check *k = arg;
	const struct rules_limits *cf = k->lim;
	int st = case_state_parse(d->state);
	time_t arrived = clock_parse_iso(d->received_at), due;
	int waiting;

	if (arrived == -1)
		return 0;
	if (st == CS_SHIPPED && !d->called && d->shipped_at[0]) {
		time_t shipped = clock_parse_iso(d->shipped_at);

		due = shipped + (time_t)cf->callback_days * 86400;
		if (shipped != -1 && k->now > due) {
			if (breach(k, d, "callback", due) == -1)
				k->f->failed = 1;
		} else if (shipped != -1)
			next_due(k, due + 1);
	}
	if (!strcmp(d->kind, "noreason7")) {
		time_t reg = d->registered_at[0] ?
		    clock_parse_iso(d->registered_at) : 0;

		due = day_end(arrived);
		if (reg > due || (reg == 0 && k->now > due)) {
			if (breach(k, d, "noreason7_register", due) == -1)
				k->f->failed = 1;
		} else if (reg == 0)
			next_due(k, due + 1);
		waiting = st == CS_HELD || st == CS_REGISTERED;
		due = arrived + (time_t)cf->noreason7_inspect_hours * 3600;
		if (waiting && k->now > due) {
			if (breach(k, d, "noreason7_inspect", due) == -1)
				k->f->failed = 1;
		} else if (waiting)
			next_due(k, due + 1);
	} else if (!strcmp(d->kind, "repair") && !d->exempt &&
	    st != CS_SHIPPED) {
		due = arrived + (time_t)cf->repair_ship_hours * 3600;
		if (k->now > due) {
			if (breach(k, d, "repair_ship", due) == -1)
				k->f->failed = 1;
		} else
			next_due(k, due + 1);
	}
	return 0;
}

void
rules_limits(const struct st_config *cf, struct rules_limits *lim)
{
	lim->noreason7_inspect_hours = cf->noreason7_inspect_hours;
	lim->repair_ship_hours = cf->repair_ship_hours;
	lim->callback_days = cf->callback_days;
}

static int
rma_one(void *arg, int64_t app_id, int64_t case_id)
{
	struct rules_found *f = arg;
	int64_t *v;

	(void)case_id;
	if ((v = realloc(f->rma, (size_t)(f->nrma + 1) * sizeof(*v))) == NULL)
		return -1;
	f->rma = v;
	f->rma[f->nrma++] = app_id;
	return 0;
}

/* RMA reports unanswered past their deadline, and the next deadline. */
static int
rma_scan(struct db *db, time_t now, struct rules_found *f)
{
	char now_s[32], due[32];
	time_t t;

	clock_iso(now, now_s, sizeof(now_s));
	if (db_rma_overdue(db, now_s, RULES_BATCH, rma_one, f) == -1 ||
	    db_rma_next_due(db, due, sizeof(due)) == -1)
		return -1;
	if (f->nrma == RULES_BATCH)
		f->more = 1;
	if (due[0] && (t = clock_parse_iso(due)) != -1 && t > now &&
	    (f->next == 0 || t + 1 < f->next))
		f->next = t + 1;
	return 0;
}

/* No answer by the deadline: the application is closed as accepted. */
static int
rma_close(struct db *db, int64_t app_id)
{
	struct db_application app;
	struct db_case c;
	struct buf d;
	struct json j;
	int rc;

	if (db_application_by_id(db, app_id, &app) != 1 ||
	    db_case_get(db, app.case_id, &c) != 1 ||
	    db_rma_reply(db, app_id, "accepted_no_reply", NULL) == -1)
		return -1;
	buf_init(&d);
	json_init(&j, &d);
	json_open(&j, NULL);
	json_str(&j, "case", c.case_no);
	json_str(&j, "answer", "accepted_no_reply");
	json_str(&j, "due", app.rma_due_at);
	json_close(&j);
	rc = db_audit(db, "station", "case.rma_timeout", "case", c.id, d.data,
	    NULL);
	buf_free(&d);
	if (rc == 0)
		log_info("case %s: no answer to the RMA report by %s: closed as"
		    " accepted / 逾期未答复，视为接受", c.case_no, app.rma_due_at);
	return rc;
}

int
rules_scan(struct db *db, const struct rules_limits *lim, time_t now,
    struct rules_found *f)
{
	struct check k = { db, lim, now, f };

	memset(f, 0, sizeof(*f));
	if (db_due_foreach(db, one, &k) == -1 || rma_scan(db, now, f) == -1) {
		log_warnx("time rules: %s", db_error(db));
		f->failed = 1;
		return -1;
	}
	return f->failed ? -1 : 0;
}

int
rules_record(struct db *db, const struct rules_found *f)
{
	int added = 0, rc = 0;

	if (f->n == 0 && f->nrma == 0)
		return 0;
	if (db_begin(db) == -1)
		rc = -1;
	for (int i = 0; i < f->nrma && rc == 0; i++)
		if (rma_close(db, f->rma[i]) == -1)
			rc = -1;
		else
			added++;
	for (int i = 0; i < f->n && rc == 0; i++) {
		const struct rules_breach *b = &f->v[i];
		struct buf detail;
		struct json j;
		char due_s[32];
		int new;

		clock_iso(b->due, due_s, sizeof(due_s));
		buf_init(&detail);
		json_init(&j, &detail);
		json_open(&j, NULL);
		json_str(&j, "case", b->case_no);
		json_str(&j, "rule", b->rule);
		json_str(&j, "due", due_s);
		json_close(&j);
		rc = db_breach_add(db, b->case_id, b->rule, due_s, &new) == -1 ||
		    (new && db_audit(db, "station", "rule.breach", "case",
		    b->case_id, detail.data, NULL) == -1) ? -1 : 0;
		buf_free(&detail);
		if (rc == 0 && new && ++added <= 10)
			log_warnx("case %s missed %s (due %s)", b->case_no,
			    b->rule, due_s);
	}
	if (rc == -1 || db_commit(db) == -1) {
		log_warnx("time rules: %s", db_error(db));
		db_rollback(db);
		return -1;
	}
	if (added > 10)	/* a backlog is summed up, not listed */
		log_warnx("... and %d more cases missed a time rule", added - 10);
	return added;
}

void
rules_found_free(struct rules_found *f)
{
	free(f->v);
	free(f->rma);
	memset(f, 0, sizeof(*f));
}

int
rules_check(struct db *db, const struct st_config *cf, time_t now,
    time_t *next)
{
	struct rules_limits lim;
	struct rules_found f;
	int rc;

	rules_limits(cf, &lim);
	rc = rules_scan(db, &lim, now, &f);
	*next = f.next;
	if (rc == 0)
		rc = rules_record(db, &f);
	rules_found_free(&f);
	return rc;
}

int
rules_large_batch(struct db *db, const struct st_config *cf,
    const struct db_case *c, int qty)
{
	int added = 0;

	if (qty <= cf->large_batch)
		return 0;
	if (db_breach_add(db, c->id, "large_batch", NULL, &added) == -1)
		return -1;
	if (added)
		log_warnx("large batch: case %s returns %d units (more than %d):"
		    " supervisors and QC are alerted / 大批量退货", c->case_no,
		    qty, cf->large_batch);
	return 0;
}
