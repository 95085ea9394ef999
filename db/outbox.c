/* The label outbox: every label to print, and how far it got. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/clock.h"
#include "db-int.h"

static const char SQL_ADD[] = "INSERT INTO label_outbox (case_id, template,"
    " format, queue, payload, fields, created_at, updated_at)"
    " VALUES (?1, ?2, ?3, ?4, X'', ?5, ?6, ?6)";
static const char SQL_SET_PAYLOAD[] = "UPDATE label_outbox SET payload = ?2"
    " WHERE id = ?1";
static const char SQL_FIELDS[] = "SELECT j.key, j.value FROM label_outbox l,"
    " json_each(l.fields) j WHERE l.id = ?1";
#define LABEL_COLS "SELECT l.id, l.case_id, c.case_no, l.format, l.queue," \
    " l.state, l.job_id, l.attempts, l.error, l.created_at, l.updated_at," \
    " l.template"
static const char SQL_NEXT[] = LABEL_COLS ", l.payload FROM label_outbox l"
    " JOIN cases c ON c.id = l.case_id WHERE l.state = ?1"
    " ORDER BY l.id LIMIT 1";
static const char SQL_ALL[] = LABEL_COLS " FROM label_outbox l"
    " JOIN cases c ON c.id = l.case_id ORDER BY l.id";
static const char SQL_IN_STATE[] = LABEL_COLS " FROM label_outbox l"
    " JOIN cases c ON c.id = l.case_id WHERE l.state = ?1 ORDER BY l.id";
static const char SQL_PAGE[] = LABEL_COLS " FROM label_outbox l"
    " JOIN cases c ON c.id = l.case_id WHERE (?1 IS NULL OR l.state = ?1)"
    " AND (?2 = 0 OR l.id < ?2) ORDER BY l.id DESC LIMIT ?3";
static const char SQL_AFTER[] = LABEL_COLS " FROM label_outbox l"
    " JOIN cases c ON c.id = l.case_id WHERE l.state = ?1 AND l.id > ?2"
    " ORDER BY l.id LIMIT ?3";
static const char SQL_PAYLOAD[] = "SELECT payload FROM label_outbox"
    " WHERE id = ?1";
static const char SQL_JOBS_AT[] = "SELECT count(DISTINCT job_id)"
    " FROM label_outbox WHERE state = 'submitted'";
static const char SQL_COUNT_STATE[] = "SELECT count(*) FROM label_outbox"
    " WHERE state = ?1";
static const char SQL_SET[] = "UPDATE label_outbox SET state = ?2,"
    " job_id = coalesce(?3, job_id), error = ?4, updated_at = ?5,"
    " attempts = attempts + (?2 = 'submitted' OR"
    " (?4 IS NOT NULL AND ?2 != 'submitting'))"
    " WHERE id = ?1";
static const char SQL_COUNTS[] = "SELECT"
    " coalesce(sum(state = 'queued'), 0),"
    " coalesce(sum(state = 'submitted'), 0),"
    " coalesce(sum(state = 'printed'), 0),"
    " coalesce(sum(state = 'failed'), 0) FROM label_outbox";

int
db_label_add(struct db *db, int64_t case_id, const char *tmpl,
    const char *format, const char *queue, const char *fields, int64_t *id)
{
	char now[32];

	clock_now_iso(now, sizeof(now));
	if (db_write(db, "queueing label", SQL_ADD, "LTTTTT", case_id, tmpl,
	    format, queue, fields, now) == -1)
		return -1;
	if (id)
		*id = db_last_id(db);
	return 0;
}

int
db_label_set_payload(struct db *db, int64_t id, const void *data, size_t len)
{
	return db_write(db, "keeping label bytes", SQL_SET_PAYLOAD, "LB", id,
	    data, len);
}

struct field_cb {
	int	(*fn)(void *, const char *, const char *);
	void	*arg;
};

static int
field_row(sqlite3_stmt *s, void *ctx)
{
	struct field_cb *cb = ctx;
	const unsigned char *v = sqlite3_column_text(s, 1);

	return cb->fn(cb->arg, (const char *)sqlite3_column_text(s, 0),
	    v ? (const char *)v : "");
}

int
db_label_fields(struct db *db, int64_t id,
    int (*fn)(void *, const char *, const char *), void *arg)
{
	struct field_cb cb = { fn, arg };

	return db_each(db, db_prep(db, SQL_FIELDS, "L", id), "reading label",
	    field_row, &cb);
}

static void
read_row(sqlite3_stmt *s, struct db_label *l)
{
	memset(l, 0, sizeof(*l));
	l->id = sqlite3_column_int64(s, 0);
	l->case_id = sqlite3_column_int64(s, 1);
	db_text(s, 2, l->case_no, sizeof(l->case_no));
	db_text(s, 3, l->format, sizeof(l->format));
	db_text(s, 4, l->queue, sizeof(l->queue));
	db_text(s, 5, l->state, sizeof(l->state));
	l->job_id = sqlite3_column_int(s, 6);
	l->attempts = sqlite3_column_int(s, 7);
	db_text(s, 8, l->error, sizeof(l->error));
	db_text(s, 9, l->created_at, sizeof(l->created_at));
	db_text(s, 10, l->updated_at, sizeof(l->updated_at));
	db_text(s, 11, l->tmpl, sizeof(l->tmpl));
}

/* Copies column col of s (a blob) into l->payload; -1 out of memory. */
static int
take_payload(struct db *db, sqlite3_stmt *s, int col, struct db_label *l)
{
	const void *p = sqlite3_column_blob(s, col);
	int n = sqlite3_column_bytes(s, col);

	if ((l->payload = malloc((size_t)n + 1)) == NULL) {
		snprintf(db->err, sizeof(db->err), "out of memory");
		return -1;
	}
	if (n)
		memcpy(l->payload, p, (size_t)n);
	l->payload_len = (size_t)n;
	return 0;
}

int
db_label_next(struct db *db, const char *state, struct db_label *l)
{
	sqlite3_stmt *s = db_prep(db, SQL_NEXT, "T", state);
	int rc;

	if ((rc = db_one(db, s, "reading outbox")) != 1)
		return rc;
	read_row(s, l);
	rc = take_payload(db, s, 12, l) == -1 ? -1 : 1;
	sqlite3_reset(s);
	return rc;
}

int
db_label_payload(struct db *db, struct db_label *l)
{
	sqlite3_stmt *s = db_prep(db, SQL_PAYLOAD, "L", l->id);
	int rc;

	free(l->payload);
	l->payload = NULL;
	l->payload_len = 0;
	if ((rc = db_one(db, s, "reading outbox")) != 1)
		return rc == 0 ? 0 : -1;
	rc = take_payload(db, s, 0, l);
	sqlite3_reset(s);
	return rc;
}

int
db_label_set_state(struct db *db, int64_t id, const char *state, int job_id,
    const char *error)
{
	char now[32];

	clock_now_iso(now, sizeof(now));
	return db_write(db, "updating outbox", SQL_SET, "LTntT", id, state,
	    job_id > 0 ? job_id : 0, error, now);
}

struct label_cb {
	int	(*fn)(void *, const struct db_label *);
	void	*arg;
};

static int
label_row(sqlite3_stmt *s, void *ctx)
{
	struct label_cb *cb = ctx;
	struct db_label l;

	read_row(s, &l);
	return cb->fn(cb->arg, &l);
}

int
db_label_foreach(struct db *db, const char *state,
    int (*fn)(void *, const struct db_label *), void *arg)
{
	struct label_cb cb = { fn, arg };
	sqlite3_stmt *s = state ? db_prep(db, SQL_IN_STATE, "T", state) :
	    db_prep(db, SQL_ALL, "");

	return db_each(db, s, "listing outbox", label_row, &cb);
}

int
db_label_page(struct db *db, const char *state, int64_t before, int limit,
    int (*fn)(void *, const struct db_label *), void *arg)
{
	struct label_cb cb = { fn, arg };

	return db_each(db, db_prep(db, SQL_PAGE, "tLi", state, before, limit),
	    "listing outbox", label_row, &cb);
}

int
db_label_after(struct db *db, const char *state, int64_t after, int limit,
    int (*fn)(void *, const struct db_label *), void *arg)
{
	struct label_cb cb = { fn, arg };

	return db_each(db, db_prep(db, SQL_AFTER, "TLi", state, after, limit),
	    "listing outbox", label_row, &cb);
}

int
db_label_jobs_at_printer(struct db *db, int *n)
{
	return db_int(db, n, SQL_JOBS_AT, "");
}

int
db_label_count_state(struct db *db, const char *state, int *n)
{
	return db_int(db, n, SQL_COUNT_STATE, "T", state);
}

int
db_label_counts(struct db *db, int *queued, int *submitted, int *printed,
    int *failed)
{
	sqlite3_stmt *s = db_prep(db, SQL_COUNTS, "");

	if (db_one(db, s, "counting outbox") != 1)
		return -1;
	*queued = sqlite3_column_int(s, 0);
	*submitted = sqlite3_column_int(s, 1);
	*printed = sqlite3_column_int(s, 2);
	*failed = sqlite3_column_int(s, 3);
	sqlite3_reset(s);
	return 0;
}
