/* Expected returns: what customer service said is coming, before it comes. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <string.h>

#include "../common/clock.h"
#include "db-int.h"

static const char SQL_ADD[] = "INSERT INTO expected_returns (waybill,"
    " customer, contact, phone, address, service_rep, order_no, complaint,"
    " created_by, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9,"
    " ?10)";
static const char SQL_ITEM_ADD[] = "INSERT INTO expected_items (expected_id,"
    " line, model, quantity, cct) VALUES (?1, ?2, ?3, ?4, ?5)";
#define EXP_COLS "SELECT e.id, e.waybill, e.customer, e.contact, e.phone," \
    " e.address, e.service_rep, e.order_no, e.complaint, o.badge," \
    " e.created_at, e.case_id FROM expected_returns e" \
    " LEFT JOIN operators o ON o.id = e.created_by"
/* the same condition as the unique index expected_open_waybill */
static const char SQL_OPEN[] = EXP_COLS
    " WHERE e.waybill = ?1 AND e.case_id IS NULL";
static const char SQL_OF_CASE[] = EXP_COLS
    " WHERE e.case_id = ?1 ORDER BY e.id DESC LIMIT 1";
static const char SQL_MATCH[] = "UPDATE expected_returns SET case_id = ?2"
    " WHERE id = ?1 AND case_id IS NULL";
static const char SQL_DROP_ITEMS[] = "DELETE FROM expected_items WHERE"
    " expected_id = (SELECT id FROM expected_returns WHERE uid = ?1"
    " AND case_id IS NULL)";
static const char SQL_DROP[] = "DELETE FROM expected_returns WHERE uid = ?1"
    " AND case_id IS NULL";
static const char SQL_ITEMS[] = "SELECT line, model, quantity,"
    " coalesce(cct, 0) FROM expected_items WHERE expected_id = ?1"
    " ORDER BY line";

int
db_expected_add(struct db *db, const char *waybill,
    const struct db_customer *cu, const struct db_expected_item *items,
    int nitems, int64_t by, int64_t *id)
{
	char now[32];
	int64_t eid;

	clock_now_iso(now, sizeof(now));
	if (db_write(db, "adding expected return", SQL_ADD, "TTttttttLT",
	    waybill, cu->name, cu->contact, cu->phone, cu->address,
	    cu->service_rep, cu->order_no, cu->complaint, by, now) == -1)
		return -1;
	eid = db_last_id(db);
	for (int i = 0; i < nitems; i++)
		if (db_write(db, "adding expected item", SQL_ITEM_ADD, "LiTin",
		    eid, i + 1, items[i].model, items[i].quantity,
		    items[i].cct) == -1)
			return -1;
	if (id)
		*id = eid;
	return 0;
}

static int
read_one(struct db *db, sqlite3_stmt *s, struct db_expected *e)
{
	int rc = db_one(db, s, "reading expected return");

	if (rc != 1)
		return rc;
	memset(e, 0, sizeof(*e));
	e->id = sqlite3_column_int64(s, 0);
	db_text(s, 1, e->waybill, sizeof(e->waybill));
	db_text(s, 2, e->customer, sizeof(e->customer));
	db_text(s, 3, e->contact, sizeof(e->contact));
	db_text(s, 4, e->phone, sizeof(e->phone));
	db_text(s, 5, e->address, sizeof(e->address));
	db_text(s, 6, e->service_rep, sizeof(e->service_rep));
	db_text(s, 7, e->order_no, sizeof(e->order_no));
	db_text(s, 8, e->complaint, sizeof(e->complaint));
	db_text(s, 9, e->created_by, sizeof(e->created_by));
	db_text(s, 10, e->created_at, sizeof(e->created_at));
	e->case_id = sqlite3_column_int64(s, 11);
	sqlite3_reset(s);
	return 1;
}

int
db_expected_open(struct db *db, const char *waybill, struct db_expected *e)
{
	return read_one(db, db_prep(db, SQL_OPEN, "T", waybill), e);
}

int
db_expected_of_case(struct db *db, int64_t case_id, struct db_expected *e)
{
	return read_one(db, db_prep(db, SQL_OF_CASE, "L", case_id), e);
}

int
db_expected_match(struct db *db, int64_t id, int64_t case_id)
{
	if (db_write(db, "matching expected return", SQL_MATCH, "LL", id,
	    case_id) == -1)
		return -1;
	if (db_changes(db) != 1) {
		snprintf(db->err, sizeof(db->err), "expected return %lld was"
		    " matched already", (long long)id);
		return -1;
	}
	return 0;
}

struct item_cb {
	int	(*fn)(void *, const struct db_expected_item *);
	void	*arg;
};

static int
item_row(sqlite3_stmt *s, void *ctx)
{
	struct item_cb *cb = ctx;
	struct db_expected_item it;

	memset(&it, 0, sizeof(it));
	it.line = sqlite3_column_int(s, 0);
	db_text(s, 1, it.model, sizeof(it.model));
	it.quantity = sqlite3_column_int(s, 2);
	it.cct = sqlite3_column_int(s, 3);
	return cb->fn(cb->arg, &it);
}

int
db_expected_items(struct db *db, int64_t id,
    int (*fn)(void *, const struct db_expected_item *), void *arg)
{
	struct item_cb cb = { fn, arg };

	return db_each(db, db_prep(db, SQL_ITEMS, "L", id),
	    "reading expected items", item_row, &cb);
}

int
db_expected_drop(struct db *db, const char *uid)
{
	if (db_write(db, "dropping expected items", SQL_DROP_ITEMS, "T",
	    uid) == -1 || db_write(db, "dropping expected return", SQL_DROP,
	    "T", uid) == -1)
		return -1;
	return db_changes(db);
}
