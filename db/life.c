/* Records of a case after intake: repairs, inspections, sign-offs,
 * shipments, supplier trips, photos, breaches of the time rules. */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "db-int.h"

#define L(id) [(id) - S_CASE_SET_LIFE]

const char *const db_life_sql[S_COUNT - S_CASE_SET_LIFE] = {
	L(S_CASE_SET_LIFE) = "UPDATE cases SET state = ?2, updated_at = ?3"
	    " WHERE id = ?1",
	L(S_CASE_REGISTERED) = "UPDATE cases SET registered_at ="
	    " coalesce(registered_at, ?2) WHERE id = ?1",
	L(S_CASE_REJECT) = "UPDATE cases SET state = 'rejected',"
	    " reject_reason = ?2, updated_at = ?3 WHERE id = ?1",
	L(S_CASE_QTY) = "SELECT coalesce(sum(quantity), 0) FROM items"
	    " WHERE case_id = ?1",
	L(S_CASE_OUTSOURCED) = "SELECT count(*) FROM items i JOIN products p"
	    " ON p.id = i.product_id WHERE i.case_id = ?1 AND p.outsourced",
	L(S_OP_ACTIVE) = "UPDATE operators SET active = ?2 WHERE id = ?1",
	L(S_CAUSE_GET) = "SELECT code, name FROM fault_causes WHERE code = ?1"
	    " AND active",
	L(S_CAUSE_ALL) = "SELECT code, name FROM fault_causes WHERE active"
	    " ORDER BY rowid",
	L(S_REPAIR_ADD) = "INSERT INTO repairs (case_id, technician_id, cause,"
	    " result, note, at) VALUES (?1, ?2, ?3, ?4, coalesce(?5, ''), ?6)",
	L(S_REPAIR_PART_ADD) = "INSERT INTO repair_parts (repair_id, part,"
	    " quantity) VALUES (?1, ?2, ?3)",
	L(S_INSPECT_ADD) = "INSERT INTO inspections (case_id, inspector_id,"
	    " result, sample_size, returned_qty, note, at)"
	    " VALUES (?1, ?2, ?3, nullif(?4, 0), ?5, coalesce(?6, ''), ?7)",
	L(S_SIGNOFF_ADD) = "INSERT INTO signoffs (case_id, finance_id, at)"
	    " VALUES (?1, ?2, ?3)",
	L(S_SIGNOFF_COUNT) = "SELECT count(*) FROM signoffs WHERE case_id = ?1",
	L(S_SHIP_ADD) = "INSERT INTO shipments (case_id, waybill, carrier,"
	    " reason, shipped_by, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	L(S_SUPPLIER_SEND) = "INSERT INTO supplier_trips (case_id, supplier,"
	    " sent_at) VALUES (?1, ?2, ?3)",
	L(S_SUPPLIER_BACK) = "UPDATE supplier_trips SET back_at = ?2"
	    " WHERE case_id = ?1 AND back_at IS NULL",
	L(S_PHOTO_ADD) = "INSERT INTO photos (case_id, sha256, path, bytes,"
	    " added_by, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	L(S_PHOTO_COUNT) = "SELECT count(*) FROM photos WHERE case_id = ?1",
	L(S_BREACH_ADD) = "INSERT OR IGNORE INTO breaches (case_id, rule,"
	    " due_at, noticed_at) VALUES (?1, ?2, ?3, ?4)",
	L(S_BREACH_RESOLVE) = "UPDATE breaches SET resolved_at = ?3"
	    " WHERE case_id = ?1 AND rule = ?2 AND resolved_at IS NULL",
	L(S_BREACH_OPEN) = "SELECT b.case_id, c.case_no, b.rule,"
	    " coalesce(b.due_at, ''), b.noticed_at, coalesce(b.resolved_at, '')"
	    " FROM breaches b JOIN cases c ON c.id = b.case_id"
	    " WHERE ?1 = 0 OR b.resolved_at IS NULL ORDER BY b.id",
	L(S_DUE_CASES) = "SELECT c.id, c.case_no, c.kind, c.state,"
	    " c.received_at, coalesce(c.registered_at, ''),"
	    " EXISTS (SELECT 1 FROM items i JOIN products p ON p.id ="
	    "  i.product_id WHERE i.case_id = c.id AND (p.potted OR p.special)),"
	    " (SELECT coalesce(sum(quantity), 0) FROM items i"
	    "  WHERE i.case_id = c.id)"
	    " FROM cases c WHERE c.state NOT IN ('draft', 'cancelled', 'closed',"
	    " 'rejected', 'returned_to_customer')",
	L(S_AUDIT_OF_CASE) = "SELECT at, actor, action FROM audit"
	    " WHERE entity = 'case' AND entity_id = ?1 ORDER BY id",
};

time_t
db_parse_time(const char *s)
{
	struct tm tm;
	const char *end;

	memset(&tm, 0, sizeof(tm));
	if (s == NULL || (end = strptime(s, "%Y-%m-%dT%H:%M:%S", &tm)) == NULL)
		return -1;
	return timegm(&tm);
}

static void
col(sqlite3_stmt *s, int i, char *dst, size_t len)
{
	const unsigned char *t = sqlite3_column_text(s, i);

	snprintf(dst, len, "%s", t ? (const char *)t : "");
}

int
db_case_set_life(struct db *db, int64_t id, const char *state)
{
	char now[32];

	db_now(now, sizeof(now));
	return db_exec(db, S_CASE_SET_LIFE, "ITT", id, state, now);
}

int
db_case_registered(struct db *db, int64_t id)
{
	char now[32];

	db_now(now, sizeof(now));
	return db_exec(db, S_CASE_REGISTERED, "IT", id, now);
}

int
db_case_reject(struct db *db, int64_t id, const char *reason)
{
	char now[32];

	db_now(now, sizeof(now));
	return db_exec(db, S_CASE_REJECT, "ITT", id, reason, now);
}

static int
query_int(struct db *db, enum db_stmt st, int64_t id, int *out)
{
	int64_t v;

	if (db_query_int(db, st, &v, "I", id) == -1)
		return -1;
	*out = (int)v;
	return 0;
}

int
db_case_qty(struct db *db, int64_t id, int *qty)
{
	return query_int(db, S_CASE_QTY, id, qty);
}

int
db_case_outsourced(struct db *db, int64_t id, int *yes)
{
	return query_int(db, S_CASE_OUTSOURCED, id, yes);
}

int
db_operator_set_active(struct db *db, int64_t id, int active)
{
	return db_exec(db, S_OP_ACTIVE, "Ii", id, active);
}

int
db_cause_get(struct db *db, const char *code, struct db_cause *c)
{
	sqlite3_stmt *s = db_stmt(db, S_CAUSE_GET);
	int rc;

	if (s == NULL)
		return -1;
	sqlite3_bind_text(s, 1, code, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		col(s, 0, c->code, sizeof(c->code));
		col(s, 1, c->name, sizeof(c->name));
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_fail(db, "reading causes");
	return rc == SQLITE_ROW;
}

int
db_cause_foreach(struct db *db, int (*fn)(void *, const struct db_cause *),
    void *arg)
{
	sqlite3_stmt *s = db_stmt(db, S_CAUSE_ALL);
	struct db_cause c;
	int rc;

	if (s == NULL)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		col(s, 0, c.code, sizeof(c.code));
		col(s, 1, c.name, sizeof(c.name));
		if (fn(arg, &c))
			break;
	}
	sqlite3_reset(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 :
	    db_fail(db, "listing causes");
}

int
db_repair_add(struct db *db, int64_t case_id, int64_t tech, const char *cause,
    const char *result, const char *note, int64_t *id)
{
	char now[32];

	db_now(now, sizeof(now));
	if (db_exec(db, S_REPAIR_ADD, "IITTtT", case_id, tech, cause, result,
	    note, now) == -1)
		return -1;
	*id = sqlite3_last_insert_rowid(db->h);
	return 0;
}

int
db_repair_part_add(struct db *db, int64_t repair_id, const char *part, int qty)
{
	return db_exec(db, S_REPAIR_PART_ADD, "ITi", repair_id, part, qty);
}

int
db_inspection_add(struct db *db, int64_t case_id, int64_t inspector,
    const char *result, int sample, int qty, const char *note)
{
	char now[32];

	db_now(now, sizeof(now));
	return db_exec(db, S_INSPECT_ADD, "IITiitT", case_id, inspector, result,
	    sample, qty, note, now);
}

int
db_signoff_add(struct db *db, int64_t case_id, int64_t finance)
{
	char now[32];

	db_now(now, sizeof(now));
	return db_exec(db, S_SIGNOFF_ADD, "IIT", case_id, finance, now);
}

int
db_signoff_count(struct db *db, int64_t case_id, int *n)
{
	return query_int(db, S_SIGNOFF_COUNT, case_id, n);
}

int
db_shipment_add(struct db *db, int64_t case_id, const char *waybill,
    const char *carrier, const char *reason, int64_t by)
{
	char now[32];

	db_now(now, sizeof(now));
	return db_exec(db, S_SHIP_ADD, "ITTtIT", case_id, waybill, carrier,
	    reason, by, now);
}

int
db_supplier_send(struct db *db, int64_t case_id, const char *supplier)
{
	char now[32];

	db_now(now, sizeof(now));
	return db_exec(db, S_SUPPLIER_SEND, "ITT", case_id, supplier, now);
}

int
db_supplier_back(struct db *db, int64_t case_id)
{
	char now[32];

	db_now(now, sizeof(now));
	return db_exec(db, S_SUPPLIER_BACK, "IT", case_id, now);
}

int
db_photo_add(struct db *db, int64_t case_id, const char *sha256,
    const char *path, int64_t bytes, int64_t by)
{
	char now[32];

	db_now(now, sizeof(now));
	return db_exec(db, S_PHOTO_ADD, "ITTIIT", case_id, sha256, path, bytes,
	    by, now);
}

int
db_photo_count(struct db *db, int64_t case_id, int *n)
{
	return query_int(db, S_PHOTO_COUNT, case_id, n);
}

int
db_breach_add(struct db *db, int64_t case_id, const char *rule,
    const char *due_at, int *added)
{
	char now[32];

	db_now(now, sizeof(now));
	if (db_exec(db, S_BREACH_ADD, "ITtT", case_id, rule, due_at, now) == -1)
		return -1;
	*added = sqlite3_changes(db->h) > 0;
	return 0;
}

int
db_breach_resolve(struct db *db, int64_t case_id, const char *rule)
{
	char now[32];

	db_now(now, sizeof(now));
	return db_exec(db, S_BREACH_RESOLVE, "ITT", case_id, rule, now);
}

int
db_breach_foreach(struct db *db, int open_only,
    int (*fn)(void *, const struct db_breach *), void *arg)
{
	sqlite3_stmt *s = db_stmt(db, S_BREACH_OPEN);
	struct db_breach b;
	int rc;

	if (s == NULL)
		return -1;
	sqlite3_bind_int(s, 1, open_only);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		b.case_id = sqlite3_column_int64(s, 0);
		col(s, 1, b.case_no, sizeof(b.case_no));
		col(s, 2, b.rule, sizeof(b.rule));
		col(s, 3, b.due_at, sizeof(b.due_at));
		col(s, 4, b.noticed_at, sizeof(b.noticed_at));
		col(s, 5, b.resolved_at, sizeof(b.resolved_at));
		if (fn(arg, &b))
			break;
	}
	sqlite3_reset(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 :
	    db_fail(db, "listing breaches");
}

int
db_due_foreach(struct db *db, int (*fn)(void *, const struct db_due *),
    void *arg)
{
	sqlite3_stmt *s = db_stmt(db, S_DUE_CASES);
	struct db_due d;
	int rc;

	if (s == NULL)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		d.id = sqlite3_column_int64(s, 0);
		col(s, 1, d.case_no, sizeof(d.case_no));
		col(s, 2, d.kind, sizeof(d.kind));
		col(s, 3, d.state, sizeof(d.state));
		col(s, 4, d.received_at, sizeof(d.received_at));
		col(s, 5, d.registered_at, sizeof(d.registered_at));
		d.exempt = sqlite3_column_int(s, 6);
		d.qty = sqlite3_column_int(s, 7);
		if (fn(arg, &d))
			break;
	}
	sqlite3_reset(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 :
	    db_fail(db, "listing open cases");
}

int
db_case_history(struct db *db, int64_t case_id,
    int (*fn)(void *, const char *at, const char *actor, const char *action),
    void *arg)
{
	sqlite3_stmt *s = db_stmt(db, S_AUDIT_OF_CASE);
	int rc;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, case_id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		if (fn(arg, (const char *)sqlite3_column_text(s, 0),
		    (const char *)sqlite3_column_text(s, 1),
		    (const char *)sqlite3_column_text(s, 2)))
			break;
	sqlite3_reset(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 :
	    db_fail(db, "reading history");
}
