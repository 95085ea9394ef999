/* Time-rule breaches, and the cases the time rules still watch. */
#define _POSIX_C_SOURCE 200809L
#include <string.h>

#include "../common/clock.h"
#include "db-int.h"

static const char SQL_ADD[] = "INSERT OR IGNORE INTO breaches (case_id, rule,"
    " due_at, noticed_at) VALUES (?1, ?2, ?3, ?4)";
static const char SQL_RESOLVE[] = "UPDATE breaches SET resolved_at = ?3"
    " WHERE case_id = ?1 AND rule = ?2 AND resolved_at IS NULL";
static const char SQL_KNOWN[] = "SELECT count(*) FROM breaches"
    " WHERE case_id = ?1 AND rule = ?2";
static const char SQL_LIST[] = "SELECT b.case_id, c.case_no, b.rule,"
    " coalesce(b.due_at, ''), b.noticed_at, coalesce(b.resolved_at, '')"
    " FROM breaches b JOIN cases c ON c.id = b.case_id"
    " WHERE ?1 = 0 OR b.resolved_at IS NULL ORDER BY b.id";
static const char SQL_COUNTS[] = "SELECT rule, count(*) FROM breaches"
    " WHERE resolved_at IS NULL GROUP BY rule ORDER BY rule";
static const char SQL_RECENT[] = "SELECT b.case_id, c.case_no, b.rule,"
    " coalesce(b.due_at, ''), b.noticed_at, coalesce(b.resolved_at, '')"
    " FROM breaches b JOIN cases c ON c.id = b.case_id"
    " WHERE b.resolved_at IS NULL ORDER BY b.id DESC LIMIT ?1";
/* cases past intake that have not reached an end */
static const char SQL_DUE[] = "SELECT c.id, c.case_no, c.kind, c.state,"
    " c.received_at, coalesce(c.registered_at, ''),"
    " EXISTS (SELECT 1 FROM items i JOIN products p ON p.id = i.product_id"
    "  WHERE i.case_id = c.id AND (p.potted OR p.special)),"
    " (SELECT coalesce(sum(quantity), 0) FROM items i"
    "  WHERE i.case_id = c.id),"
    " coalesce((SELECT max(at) FROM shipments s WHERE s.case_id = c.id), ''),"
    " EXISTS (SELECT 1 FROM callbacks b WHERE b.case_id = c.id)"
    " FROM cases c WHERE c.state NOT IN ('draft', 'cancelled', 'closed',"
    " 'rejected', 'returned_to_customer')";

int
db_breach_add(struct db *db, int64_t case_id, const char *rule,
    const char *due_at, int *added)
{
	char now[32];

	clock_now_iso(now, sizeof(now));
	if (db_write(db, "recording breach", SQL_ADD, "LTtT", case_id, rule,
	    due_at, now) == -1)
		return -1;
	*added = db_changes(db) > 0;
	return 0;
}

int
db_breach_known(struct db *db, int64_t case_id, const char *rule, int *yes)
{
	return db_int(db, yes, SQL_KNOWN, "LT", case_id, rule);
}

int
db_breach_resolve(struct db *db, int64_t case_id, const char *rule)
{
	char now[32];

	clock_now_iso(now, sizeof(now));
	return db_write(db, "resolving breach", SQL_RESOLVE, "LTT", case_id,
	    rule, now);
}

struct breach_cb {
	int	(*fn)(void *, const struct db_breach *);
	void	*arg;
};

static int
breach_row(sqlite3_stmt *s, void *ctx)
{
	struct breach_cb *cb = ctx;
	struct db_breach b;

	memset(&b, 0, sizeof(b));
	b.case_id = sqlite3_column_int64(s, 0);
	db_text(s, 1, b.case_no, sizeof(b.case_no));
	db_text(s, 2, b.rule, sizeof(b.rule));
	db_text(s, 3, b.due_at, sizeof(b.due_at));
	db_text(s, 4, b.noticed_at, sizeof(b.noticed_at));
	db_text(s, 5, b.resolved_at, sizeof(b.resolved_at));
	return cb->fn(cb->arg, &b);
}

int
db_breach_foreach(struct db *db, int open_only,
    int (*fn)(void *, const struct db_breach *), void *arg)
{
	struct breach_cb cb = { fn, arg };

	return db_each(db, db_prep(db, SQL_LIST, "i", open_only),
	    "listing breaches", breach_row, &cb);
}

struct count_cb {
	int	(*fn)(void *, const char *, int);
	void	*arg;
};

static int
count_row(sqlite3_stmt *s, void *ctx)
{
	struct count_cb *cb = ctx;

	return cb->fn(cb->arg, (const char *)sqlite3_column_text(s, 0),
	    sqlite3_column_int(s, 1));
}

int
db_breach_counts(struct db *db, int (*fn)(void *, const char *rule, int n),
    void *arg)
{
	struct count_cb cb = { fn, arg };

	return db_each(db, db_prep(db, SQL_COUNTS, ""), "counting breaches",
	    count_row, &cb);
}

int
db_breach_recent(struct db *db, int limit,
    int (*fn)(void *, const struct db_breach *), void *arg)
{
	struct breach_cb cb = { fn, arg };

	return db_each(db, db_prep(db, SQL_RECENT, "i", limit),
	    "listing breaches", breach_row, &cb);
}

struct due_cb {
	int	(*fn)(void *, const struct db_due *);
	void	*arg;
};

static int
due_row(sqlite3_stmt *s, void *ctx)
{
	struct due_cb *cb = ctx;
	struct db_due d;

	memset(&d, 0, sizeof(d));
	d.id = sqlite3_column_int64(s, 0);
	db_text(s, 1, d.case_no, sizeof(d.case_no));
	db_text(s, 2, d.kind, sizeof(d.kind));
	db_text(s, 3, d.state, sizeof(d.state));
	db_text(s, 4, d.received_at, sizeof(d.received_at));
	db_text(s, 5, d.registered_at, sizeof(d.registered_at));
	d.exempt = sqlite3_column_int(s, 6);
	d.qty = sqlite3_column_int(s, 7);
	db_text(s, 8, d.shipped_at, sizeof(d.shipped_at));
	d.called = sqlite3_column_int(s, 9);
	return cb->fn(cb->arg, &d);
}

int
db_due_foreach(struct db *db, int (*fn)(void *, const struct db_due *),
    void *arg)
{
	struct due_cb cb = { fn, arg };

	return db_each(db, db_prep(db, SQL_DUE, ""), "listing open cases",
	    due_row, &cb);
}
