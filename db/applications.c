/* Return applications: their priced lines, their approval chain, and the
 * RMA report's clock. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <string.h>

#include "../common/clock.h"
#include "db-int.h"

static const char SQL_ADD[] = "INSERT INTO applications (case_id, request,"
    " reason, total_fen, chain, applied_by, applied_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
static const char SQL_LINE_ADD[] = "INSERT INTO application_lines"
    " (application_id, line, item_id, quantity, unit_price_fen, amount_fen)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?4 * ?5)";
#define APP_COLS "SELECT a.id, a.case_id, a.request, a.reason," \
    " a.total_fen, a.chain, a.state, o.badge, a.applied_at, a.rma_sent_at," \
    " a.rma_due_at, a.rma_reply, a.rma_reply_at FROM applications a" \
    " LEFT JOIN operators o ON o.id = a.applied_by"
static const char SQL_LAST[] = APP_COLS
    " WHERE a.case_id = ?1 ORDER BY a.id DESC LIMIT 1";
static const char SQL_BY_ID[] = APP_COLS " WHERE a.id = ?1";
static const char SQL_STATE[] = "UPDATE applications SET state = ?2"
    " WHERE id = ?1";
static const char SQL_APPROVAL_ADD[] = "INSERT INTO approvals"
    " (application_id, step, decision, operator_id, note, at)"
    " VALUES (?1, ?2, ?3, ?4, coalesce(?5, ''), ?6)";
static const char SQL_APPROVED[] = "SELECT count(*) FROM approvals"
    " WHERE application_id = ?1 AND decision = 'approve'";
static const char SQL_RMA_SENT[] = "UPDATE applications SET rma_sent_at = ?2,"
    " rma_due_at = ?3 WHERE id = ?1 AND rma_sent_at IS NULL";
static const char SQL_RMA_REPLY[] = "UPDATE applications SET rma_reply = ?2,"
    " rma_reply_at = ?3, rma_note = ?4 WHERE id = ?1 AND rma_reply IS NULL"
    " AND rma_sent_at IS NOT NULL";
/* index applications_rma_due */
static const char SQL_RMA_OVERDUE[] = "SELECT id, case_id FROM applications"
    " WHERE rma_reply IS NULL AND rma_due_at IS NOT NULL AND rma_due_at < ?1"
    " ORDER BY rma_due_at LIMIT ?2";
static const char SQL_RMA_NEXT[] = "SELECT min(rma_due_at) FROM applications"
    " WHERE rma_reply IS NULL AND rma_due_at IS NOT NULL";

int
db_application_add(struct db *db, const struct db_application *app,
    const struct db_app_line *lines, int nlines, int64_t by, int64_t *id)
{
	char now[32];
	int64_t aid;

	clock_now_iso(now, sizeof(now));
	if (db_write(db, "filing application", SQL_ADD, "LTTLTLT",
	    app->case_id, app->request, app->reason, app->total_fen, app->chain,
	    by, now) == -1)
		return -1;
	aid = db_last_id(db);
	for (int i = 0; i < nlines; i++)
		if (db_write(db, "pricing application line", SQL_LINE_ADD,
		    "LiLiL", aid, lines[i].line, lines[i].item_id,
		    lines[i].quantity, lines[i].unit_price_fen) == -1)
			return -1;
	if (id)
		*id = aid;
	return 0;
}

static int
read_app(struct db *db, sqlite3_stmt *s, struct db_application *a)
{
	int rc = db_one(db, s, "reading application");

	if (rc != 1)
		return rc;
	memset(a, 0, sizeof(*a));
	a->id = sqlite3_column_int64(s, 0);
	a->case_id = sqlite3_column_int64(s, 1);
	db_text(s, 2, a->request, sizeof(a->request));
	db_text(s, 3, a->reason, sizeof(a->reason));
	a->total_fen = sqlite3_column_int64(s, 4);
	db_text(s, 5, a->chain, sizeof(a->chain));
	db_text(s, 6, a->state, sizeof(a->state));
	db_text(s, 7, a->applied_by, sizeof(a->applied_by));
	db_text(s, 8, a->applied_at, sizeof(a->applied_at));
	db_text(s, 9, a->rma_sent_at, sizeof(a->rma_sent_at));
	db_text(s, 10, a->rma_due_at, sizeof(a->rma_due_at));
	db_text(s, 11, a->rma_reply, sizeof(a->rma_reply));
	db_text(s, 12, a->rma_reply_at, sizeof(a->rma_reply_at));
	sqlite3_reset(s);
	return 1;
}

int
db_application_last(struct db *db, int64_t case_id, struct db_application *a)
{
	return read_app(db, db_prep(db, SQL_LAST, "L", case_id), a);
}

int
db_application_by_id(struct db *db, int64_t id, struct db_application *a)
{
	return read_app(db, db_prep(db, SQL_BY_ID, "L", id), a);
}

int
db_application_set_state(struct db *db, int64_t id, const char *state)
{
	return db_write(db, "deciding application", SQL_STATE, "LT", id, state);
}

int
db_approval_add(struct db *db, int64_t app_id, const char *step,
    const char *decision, int64_t by, const char *note)
{
	char now[32];

	clock_now_iso(now, sizeof(now));
	return db_write(db, "recording approval", SQL_APPROVAL_ADD, "LTTLtT",
	    app_id, step, decision, by, note, now);
}

int
db_approval_count(struct db *db, int64_t app_id, int *n)
{
	return db_int(db, n, SQL_APPROVED, "L", app_id);
}

int
db_rma_sent(struct db *db, int64_t app_id, const char *due_at)
{
	char now[32];

	clock_now_iso(now, sizeof(now));
	if (db_write(db, "sending RMA report", SQL_RMA_SENT, "LTT", app_id, now,
	    due_at) == -1)
		return -1;
	if (db_changes(db) != 1) {
		snprintf(db->err, sizeof(db->err), "the RMA report was sent"
		    " already");
		return -1;
	}
	return 0;
}

int
db_rma_reply(struct db *db, int64_t app_id, const char *reply,
    const char *note)
{
	char now[32];

	clock_now_iso(now, sizeof(now));
	if (db_write(db, "recording RMA reply", SQL_RMA_REPLY, "LTTt", app_id,
	    reply, now, note) == -1)
		return -1;
	if (db_changes(db) != 1) {
		snprintf(db->err, sizeof(db->err), "the RMA report is not"
		    " waiting for an answer");
		return -1;
	}
	return 0;
}

struct overdue_cb {
	int	(*fn)(void *, int64_t, int64_t);
	void	*arg;
};

static int
overdue_row(sqlite3_stmt *s, void *ctx)
{
	struct overdue_cb *cb = ctx;

	return cb->fn(cb->arg, sqlite3_column_int64(s, 0),
	    sqlite3_column_int64(s, 1));
}

int
db_rma_overdue(struct db *db, const char *now, int limit,
    int (*fn)(void *, int64_t app_id, int64_t case_id), void *arg)
{
	struct overdue_cb cb = { fn, arg };

	return db_each(db, db_prep(db, SQL_RMA_OVERDUE, "Ti", now, limit),
	    "listing RMA deadlines", overdue_row, &cb);
}

int
db_rma_next_due(struct db *db, char *due, size_t len)
{
	sqlite3_stmt *s = db_prep(db, SQL_RMA_NEXT, "");
	int rc = db_one(db, s, "reading RMA deadlines");

	due[0] = '\0';
	if (rc == 1) {
		db_text(s, 0, due, len);
		sqlite3_reset(s);
	}
	return rc == -1 ? -1 : 0;
}
