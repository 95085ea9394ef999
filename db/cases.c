/* Cases: the parcel's record, its number, its state and where it waits. */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../common/clock.h"
#include "db-int.h"

/* the day's counter: numbers are never taken from the text of others */
static const char SQL_NEXT_NO[] = "INSERT INTO case_numbers (day, last)"
    " VALUES (?1, 1) ON CONFLICT (day) DO UPDATE SET last = last + 1"
    " RETURNING last";
static const char SQL_ADD[] = "INSERT INTO cases (case_no, waybill, carrier,"
    " received_at, received_date, state, opened_by, updated_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?4)";
#define CASE_SELECT "SELECT c.id, c.case_no, c.waybill, c.carrier," \
    " c.received_at, c.received_date, c.kind, c.condition, c.state, c.area," \
    " c.area_name, c.not_our_product, o.badge, c.updated_at, c.customer," \
    " c.phone, c.service_rep, c.complaint, c.contact, c.address, c.order_no," \
    " c.mismatch, c.reject_reason, coalesce(c.owner, '')," \
    " coalesce((SELECT name FROM desks WHERE uid = c.owner), c.owner, '')"
#define CASE_OPERATOR " LEFT JOIN operators o ON o.id = c.opened_by"
#define CASE_COLS CASE_SELECT " FROM cases c" CASE_OPERATOR
static const char SQL_GET[] = CASE_COLS " WHERE c.id = ?1";
static const char SQL_BY_NO[] = CASE_COLS " WHERE c.case_no = ?1";
/* the same condition as the unique index cases_open_waybill */
static const char SQL_BY_WAYBILL[] = CASE_COLS " WHERE c.waybill = ?1"
    " AND c.state NOT IN ('closed', 'cancelled')";
/* the newest case of a waybill, whatever its state (index cases_waybill) */
static const char SQL_BY_WAYBILL_ANY[] = CASE_COLS " WHERE c.waybill = ?1"
    " ORDER BY c.id DESC LIMIT 1";
/*
 * A page of cases, newest first (or oldest first), from a cursor (the
 * rowid; ?2 is past the end when there is none). One statement a way in,
 * so that each walks its index from the cursor and stops after a page, at
 * any size: plain (the rowid), by state (cases_state), up to a received
 * day (cases_received, in day order), overdue (breaches_open), a search
 * (the indexes of its fields, merged). The other filters ride along.
 */
#define PAGE_FILTERS \
    " AND (?1 IS NULL OR c.state = ?1)" \
    " AND (?3 IS NULL OR c.received_date >= ?3)" \
    " AND (?4 IS NULL OR c.received_date <= ?4)"
#define PAGE_END() " LIMIT ?6 OFFSET ?7"
#define NEWEST(col) " ORDER BY " col " DESC" PAGE_END()
#define OLDEST(col) " ORDER BY " col " ASC" PAGE_END()
static const char SQL_PAGE[] = CASE_COLS
    " WHERE c.id < ?2" PAGE_FILTERS NEWEST("c.id");
static const char SQL_PAGE_OLD[] = CASE_COLS
    " WHERE c.id > ?2" PAGE_FILTERS OLDEST("c.id");
static const char SQL_PAGE_STATE[] = CASE_COLS
    " WHERE c.state = ?1 AND c.id < ?2" PAGE_FILTERS NEWEST("c.id");
static const char SQL_PAGE_STATE_OLD[] = CASE_COLS
    " WHERE c.state = ?1 AND c.id > ?2" PAGE_FILTERS OLDEST("c.id");
/* days in the order of their index, (received day, id), the cursor's day
 * found from its id, no sort */
static const char SQL_PAGE_DAYS[] = CASE_COLS
    " WHERE c.received_date BETWEEN ?3 AND ?4"
    " AND (c.received_date, c.id) < (coalesce((SELECT received_date"
    "  FROM cases WHERE id = ?2), '9999-99-99'), ?2)" PAGE_FILTERS
    " ORDER BY c.received_date DESC, c.id DESC" PAGE_END();
static const char SQL_PAGE_DAYS_OLD[] = CASE_COLS
    " WHERE c.received_date BETWEEN ?3 AND ?4"
    " AND (c.received_date, c.id) > (coalesce((SELECT received_date"
    "  FROM cases WHERE id = ?2), '0000-00-00'), ?2)" PAGE_FILTERS
    " ORDER BY c.received_date ASC, c.id ASC" PAGE_END();
/* from the open alerts down (CROSS JOIN keeps that order), each case once */
#define OVERDUE CASE_SELECT \
    " FROM breaches b CROSS JOIN cases c ON c.id = b.case_id" CASE_OPERATOR \
    " WHERE b.resolved_at IS NULL AND b.rule != 'large_batch'"
static const char SQL_PAGE_OVERDUE[] = OVERDUE
    " AND b.case_id < ?2" PAGE_FILTERS " GROUP BY b.case_id"
    NEWEST("b.case_id");
static const char SQL_PAGE_OVERDUE_OLD[] = OVERDUE
    " AND b.case_id > ?2" PAGE_FILTERS " GROUP BY b.case_id"
    OLDEST("b.case_id");
/*
 * A search: the case number or waybill equal to the text (as typed or in
 * capitals), or from 8 characters on starting with it; the phone; the
 * model (any letter case); the customer's name holding it: by the trigram
 * index from three characters, by reading the names below that. The arms
 * that find a few cases are index lookups. Those that may find a year of
 * them (a model, a common part of names, a short one) walk their index in
 * the listing's order with the filters and the cursor and stop after the
 * page's rows. The ids are merged, then filtered and paged.
 */
#define FEW(where) " SELECT id FROM cases WHERE " where
#define MANY(from, where, order, dir, cmp) " SELECT id FROM (SELECT c.id AS id" \
    " FROM " from " WHERE " where " AND c.id " cmp " ?2" PAGE_FILTERS \
    " ORDER BY " order " " dir " LIMIT ?6 + ?7)"
#define STARTS(col, p) " UNION" FEW(col " >= " p " AND " col " < " p \
    " || char(1114111)")
#define ARMS(dir, cmp) \
    FEW("case_no IN (?8, ?9)") " UNION" FEW("waybill IN (?8, ?9)") \
    STARTS("case_no", "?12") STARTS("case_no", "?13") \
    STARTS("waybill", "?12") STARTS("waybill", "?13") \
    " UNION" FEW("phone = ?8") \
    " UNION" MANY("items i CROSS JOIN cases c ON c.id = i.case_id", \
    "i.model = ?8 COLLATE NOCASE", "i.case_id", dir, cmp) \
    " UNION" MANY("cases_names n CROSS JOIN cases c ON c.id = n.rowid", \
    "?10 IS NOT NULL AND n.customer LIKE ?10", "n.rowid", dir, cmp) \
    " UNION" MANY("cases c", "?11 IS NOT NULL AND c.customer LIKE ?11" \
    " ESCAPE '\\'", "c.id", dir, cmp)
#define FIND(dir, cmp) CASE_COLS " WHERE c.id IN (" ARMS(dir, cmp) ")" \
    " AND c.id " cmp " ?2" PAGE_FILTERS " ORDER BY c.id " dir PAGE_END()
static const char SQL_PAGE_FIND[] = FIND("DESC", "<");
static const char SQL_PAGE_FIND_OLD[] = FIND("ASC", ">");
static const char SQL_SET_KIND[] = "UPDATE cases SET kind = ?2,"
    " updated_at = ?3 WHERE id = ?1";
static const char SQL_SET_COND[] = "UPDATE cases SET condition = ?2,"
    " updated_at = ?3 WHERE id = ?1";
static const char SQL_SET_FOREIGN[] = "UPDATE cases SET not_our_product = ?2,"
    " updated_at = ?3 WHERE id = ?1";
static const char SQL_MOVE[] = "UPDATE cases SET state = ?3,"
    " area = coalesce(?4, area), area_name = coalesce(?5, area_name),"
    " updated_at = ?6 WHERE id = ?1 AND state = ?2";
static const char SQL_REGISTERED[] = "UPDATE cases SET registered_at ="
    " coalesce(registered_at, ?2) WHERE id = ?1";
static const char SQL_OWNER[] = "UPDATE cases SET owner = ?2,"
    " updated_at = ?3 WHERE id = ?1";
static const char SQL_DESK_BY_NAME[] = "SELECT uid FROM desks WHERE name = ?1";
static const char SQL_DESK_PUT[] = "INSERT INTO desks (uid, name) VALUES"
    " (?1, ?2) ON CONFLICT (uid) DO UPDATE SET name = excluded.name";
static const char SQL_REJECT_REASON[] = "UPDATE cases SET reject_reason = ?2,"
    " updated_at = ?3 WHERE id = ?1";
/* only the fields given: NULL keeps what the case has */
static const char SQL_CUSTOMER[] = "UPDATE cases SET"
    " customer = coalesce(?2, customer), contact = coalesce(?3, contact),"
    " phone = coalesce(?4, phone), address = coalesce(?5, address),"
    " service_rep = coalesce(?6, service_rep),"
    " order_no = coalesce(?7, order_no), complaint = coalesce(?8, complaint),"
    " updated_at = ?9 WHERE id = ?1";
static const char SQL_MISMATCH[] = "UPDATE cases SET mismatch = ?2,"
    " updated_at = ?3 WHERE id = ?1";
static const char SQL_QTY[] = "SELECT coalesce(sum(quantity), 0) FROM items"
    " WHERE case_id = ?1";
static const char SQL_OUTSOURCED[] = "SELECT count(*) FROM items i"
    " JOIN products p ON p.id = i.product_id"
    " WHERE i.case_id = ?1 AND p.outsourced";
static const char SQL_HISTORY[] = "SELECT a.at, a.actor, coalesce(o.name, ''),"
    " a.action, a.detail FROM audit a LEFT JOIN operators o"
    " ON o.badge = a.actor WHERE a.entity = 'case' AND a.entity_id = ?1"
    " ORDER BY a.id";

static void
read_row(sqlite3_stmt *s, struct db_case *c)
{
	memset(c, 0, sizeof(*c));
	c->id = sqlite3_column_int64(s, 0);
	db_text(s, 1, c->case_no, sizeof(c->case_no));
	db_text(s, 2, c->waybill, sizeof(c->waybill));
	db_text(s, 3, c->carrier, sizeof(c->carrier));
	db_text(s, 4, c->received_at, sizeof(c->received_at));
	db_text(s, 5, c->received_date, sizeof(c->received_date));
	db_text(s, 6, c->kind, sizeof(c->kind));
	db_text(s, 7, c->condition, sizeof(c->condition));
	db_text(s, 8, c->state, sizeof(c->state));
	db_text(s, 9, c->area, sizeof(c->area));
	db_text(s, 10, c->area_name, sizeof(c->area_name));
	c->not_our_product = sqlite3_column_int(s, 11);
	db_text(s, 12, c->opened_by, sizeof(c->opened_by));
	db_text(s, 13, c->updated_at, sizeof(c->updated_at));
	db_text(s, 14, c->customer, sizeof(c->customer));
	db_text(s, 15, c->phone, sizeof(c->phone));
	db_text(s, 16, c->service_rep, sizeof(c->service_rep));
	db_text(s, 17, c->complaint, sizeof(c->complaint));
	db_text(s, 18, c->contact, sizeof(c->contact));
	db_text(s, 19, c->address, sizeof(c->address));
	db_text(s, 20, c->order_no, sizeof(c->order_no));
	db_text(s, 21, c->mismatch, sizeof(c->mismatch));
	db_text(s, 22, c->reject_reason, sizeof(c->reject_reason));
	db_text(s, 23, c->owner, sizeof(c->owner));
	db_text(s, 24, c->owner_desk, sizeof(c->owner_desk));
}

static int
read_one(struct db *db, sqlite3_stmt *s, struct db_case *c)
{
	int rc = db_one(db, s, "reading case");

	if (rc == 1) {
		read_row(s, c);
		sqlite3_reset(s);
	}
	return rc;
}

int
db_case_create(struct db *db, const char *prefix, const char *waybill,
    const char *carrier, int64_t opened_by, const char *state,
    struct db_case *out)
{
	char now[32], date[16];
	time_t t = clock_wall();
	struct tm tm;

	/* the case number carries the local date of arrival */
	localtime_r(&t, &tm);
	strftime(date, sizeof(date), "%Y-%m-%d", &tm);
	clock_now_iso(now, sizeof(now));
	return db_case_create_at(db, prefix, waybill, carrier, opened_by, state,
	    now, date, out);
}

int
db_case_create_at(struct db *db, const char *prefix, const char *waybill,
    const char *carrier, int64_t opened_by, const char *state,
    const char *at, const char *date, struct db_case *out)
{
	char day[24], case_no[40];
	sqlite3_stmt *s;
	int seq, rc;

	snprintf(day, sizeof(day), "%.7s%.4s%.2s%.2s", prefix, date, date + 5,
	    date + 8);
	s = db_prep(db, SQL_NEXT_NO, "T", day);
	if ((rc = db_one(db, s, "numbering case")) != 1) {
		if (rc == 0)
			snprintf(db->err, sizeof(db->err), "numbering case: no number");
		else if (strstr(db->err, "CHECK"))
			snprintf(db->err, sizeof(db->err), "more than 999999 cases"
			    " today / 今日案件已达上限");
		return -1;
	}
	seq = sqlite3_column_int(s, 0);
	/* step to the end: the statement's write is done then */
	while (sqlite3_step(s) == SQLITE_ROW)
		;
	sqlite3_reset(s);
	snprintf(case_no, sizeof(case_no), "%s-%04d", day, seq);
	if (db_write(db, "creating case", SQL_ADD, "TTTTTTI", case_no, waybill,
	    carrier, at, date, state, opened_by) == -1)
		return -1;
	return db_case_get(db, db_last_id(db), out) == 1 ? 0 : -1;
}

int
db_case_get(struct db *db, int64_t id, struct db_case *c)
{
	return read_one(db, db_prep(db, SQL_GET, "L", id), c);
}

int
db_case_by_no(struct db *db, const char *case_no, struct db_case *c)
{
	return read_one(db, db_prep(db, SQL_BY_NO, "T", case_no), c);
}

int
db_case_by_waybill(struct db *db, const char *waybill, struct db_case *c)
{
	return read_one(db, db_prep(db, SQL_BY_WAYBILL, "T", waybill), c);
}

int
db_case_find(struct db *db, const char *key, struct db_case *c)
{
	char k[257];
	int rc;

	/* scanned and typed keys alike: numbers and waybills are upper-case */
	snprintf(k, sizeof(k), "%s", key);
	for (char *p = k; *p; p++)
		if (*p >= 'a' && *p <= 'z')
			*p = (char)(*p - 'a' + 'A');
	if ((rc = db_case_by_no(db, k, c)) == 0 &&
	    (rc = db_case_by_waybill(db, k, c)) == 0)
		/* an office looks up closed parcels by waybill too */
		rc = read_one(db, db_prep(db, SQL_BY_WAYBILL_ANY, "T", k), c);
	return rc;
}

static int
set_text(struct db *db, const char *sql, int64_t id, const char *v,
    const char *what)
{
	char now[32];

	clock_now_iso(now, sizeof(now));
	return db_write(db, what, sql, "LtT", id, v, now);
}

int
db_case_set_kind(struct db *db, int64_t id, const char *kind)
{
	return set_text(db, SQL_SET_KIND, id, kind, "setting kind");
}

int
db_case_set_condition(struct db *db, int64_t id, const char *cond)
{
	return set_text(db, SQL_SET_COND, id, cond, "setting condition");
}

int
db_case_set_foreign(struct db *db, int64_t id, int not_ours)
{
	char now[32];

	clock_now_iso(now, sizeof(now));
	return db_write(db, "marking case", SQL_SET_FOREIGN, "LiT", id,
	    not_ours != 0, now);
}

int
db_case_move(struct db *db, int64_t id, const char *from, const char *to,
    const char *area, const char *area_name)
{
	char now[32];

	clock_now_iso(now, sizeof(now));
	if (db_write(db, "moving case", SQL_MOVE, "LTTttT", id, from, to, area,
	    area_name, now) == -1)
		return -1;
	if (db_changes(db) != 1) {
		snprintf(db->err, sizeof(db->err), "case %lld is no longer %s",
		    (long long)id, from);
		return -1;
	}
	return 0;
}

int
db_case_registered(struct db *db, int64_t id)
{
	char now[32];

	clock_now_iso(now, sizeof(now));
	return db_write(db, "registering case", SQL_REGISTERED, "LT", id, now);
}

int
db_case_set_reject_reason(struct db *db, int64_t id, const char *reason)
{
	return set_text(db, SQL_REJECT_REASON, id, reason, "rejecting case");
}

int
db_case_set_customer(struct db *db, int64_t id, const struct db_customer *cu)
{
	char now[32];

	clock_now_iso(now, sizeof(now));
	return db_write(db, "setting customer", SQL_CUSTOMER, "LTTTTTTTT", id,
	    cu->name, cu->contact, cu->phone, cu->address, cu->service_rep,
	    cu->order_no, cu->complaint, now);
}

int
db_case_set_mismatch(struct db *db, int64_t id, const char *text)
{
	return set_text(db, SQL_MISMATCH, id, text, "noting mismatch");
}

int
db_case_qty(struct db *db, int64_t id, int *qty)
{
	return db_int(db, qty, SQL_QTY, "L", id);
}

int
db_case_outsourced(struct db *db, int64_t id, int *n)
{
	return db_int(db, n, SQL_OUTSOURCED, "L", id);
}

struct case_cb {
	int	(*fn)(void *, const struct db_case *);
	void	*arg;
};

static int
case_row(sqlite3_stmt *s, void *ctx)
{
	struct case_cb *cb = ctx;
	struct db_case c;

	read_row(s, &c);
	return cb->fn(cb->arg, &c);
}

/* The search's binds: ?8 as typed, ?9 in capitals, ?10 a pattern for the
 * trigram index (3 characters or more, no wildcard), ?11 one for reading,
 * ?12 and ?13 the prefixes (8 characters or more). */
#define PREFIX_MIN 8
struct find_binds {
	char	 typed[256], upper[256], tri[260], scan[520];
	const char *pre, *preup;
};

static void
find_binds(const char *text, struct find_binds *f)
{
	size_t n = 0, chars = 0, o = 0;
	int wild = 0;

	snprintf(f->typed, sizeof(f->typed), "%s", text);
	for (n = 0; f->typed[n]; n++) {
		unsigned char ch = (unsigned char)f->typed[n];

		f->upper[n] = ch >= 'a' && ch <= 'z' ? (char)(ch - 32) :
		    (char)ch;
		chars += (ch & 0xC0) != 0x80;
		wild |= ch == '%' || ch == '_' || ch == '\\';
	}
	f->upper[n] = '\0';
	f->pre = chars >= PREFIX_MIN ? f->typed : NULL;
	f->preup = chars >= PREFIX_MIN ? f->upper : NULL;
	f->tri[0] = f->scan[0] = '\0';
	if (chars >= 3 && !wild) {
		snprintf(f->tri, sizeof(f->tri), "%%%s%%", f->typed);
		return;
	}
	f->scan[o++] = '%';
	for (const char *p = f->typed; *p; p++) {
		if (*p == '%' || *p == '_' || *p == '\\')
			f->scan[o++] = '\\';
		f->scan[o++] = *p;
	}
	f->scan[o++] = '%';
	f->scan[o] = '\0';
}

int
db_case_page(struct db *db, const struct db_case_query *q,
    int (*fn)(void *, const struct db_case *), void *arg)
{
	struct case_cb cb = { fn, arg };
	struct find_binds f;
	const char *sql, *from = q->from, *to = q->to;
	int old = q->oldest;
	int64_t cursor = q->before > 0 ? q->before : old ? 0 : INT64_MAX;

	memset(&f, 0, sizeof(f));
	if (q->find) {
		find_binds(q->find, &f);
		sql = old ? SQL_PAGE_FIND_OLD : SQL_PAGE_FIND;
	} else if (q->overdue)
		sql = old ? SQL_PAGE_OVERDUE_OLD : SQL_PAGE_OVERDUE;
	else if (q->to) {
		/* a closed range of days: its index; "from" alone is the
		 * newest days, where the rowid walk finds a page at once */
		sql = old ? SQL_PAGE_DAYS_OLD : SQL_PAGE_DAYS;
		from = from ? from : "0000-00-00";
	} else if (q->state)
		sql = old ? SQL_PAGE_STATE_OLD : SQL_PAGE_STATE;
	else
		sql = old ? SQL_PAGE_OLD : SQL_PAGE;
	return db_each(db, db_prep(db, sql, "tLttiiitttttt", q->state, cursor,
	    from, to, q->overdue, q->limit, q->offset, f.typed, f.upper, f.tri,
	    f.scan, f.pre, f.preup), "listing cases", case_row, &cb);
}

struct hist_cb {
	int	(*fn)(void *, const struct db_event *);
	void	*arg;
};

static int
hist_row(sqlite3_stmt *s, void *ctx)
{
	struct hist_cb *cb = ctx;
	struct db_event e;

	e.at = (const char *)sqlite3_column_text(s, 0);
	e.actor = (const char *)sqlite3_column_text(s, 1);
	e.name = (const char *)sqlite3_column_text(s, 2);
	e.action = (const char *)sqlite3_column_text(s, 3);
	e.detail = (const char *)sqlite3_column_text(s, 4);
	return cb->fn(cb->arg, &e);
}

int
db_case_history(struct db *db, int64_t case_id,
    int (*fn)(void *, const struct db_event *), void *arg)
{
	struct hist_cb cb = { fn, arg };

	return db_each(db, db_prep(db, SQL_HISTORY, "L", case_id),
	    "reading history", hist_row, &cb);
}

int
db_case_set_owner(struct db *db, int64_t id, const char *owner)
{
	char now[32];

	clock_now_iso(now, sizeof(now));
	return db_write(db, "handing the case over", SQL_OWNER, "LtT", id,
	    owner, now);
}

int
db_desk_by_name(struct db *db, const char *name, char uid[37])
{
	sqlite3_stmt *s = db_prep(db, SQL_DESK_BY_NAME, "T", name);
	int rc = db_one(db, s, "reading the desks");

	if (rc == 1) {
		db_text(s, 0, uid, 37);
		sqlite3_reset(s);
	}
	return rc;
}

int
db_desk_put(struct db *db, const char *uid, const char *name)
{
	return db_write(db, "noting a desk", SQL_DESK_PUT, "TT", uid, name);
}
