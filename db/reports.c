/* Reports' SQL: the daily after-sales table. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <string.h>

#include "../common/clock.h"
#include "db-int.h"

/*
 * One row an item of every case touched in [?1, ?2) (UTC; an audit event
 * of the case) or received on local day ?3, in order of arrival, and of
 * scan within a case. The columns' names are the report's keys
 * (station/report.c). db_report_daily_pg is the same for the central
 * database ($1..$4): ids there are UUIDv7, which sort as the desk wrote
 * them.
 */
static const char SQL_DAILY[] = "WITH touched(id) AS ("
    " SELECT entity_id FROM audit WHERE entity = 'case' AND at >= ?1"
    "  AND at < ?2"
    " UNION SELECT id FROM cases WHERE received_date = ?3)"
    " SELECT c.received_date AS received, c.waybill, c.customer,"
    " c.service_rep, c.phone, i.model, i.spec, i.cct, i.quantity, c.kind,"
    " c.complaint,"
    " (SELECT group_concat(x, '; ') FROM (SELECT r.cause || ' ' ||"
    "  coalesce(f.name, '') AS x FROM repairs r LEFT JOIN fault_causes f"
    "  ON f.code = r.cause WHERE r.case_id = c.id ORDER BY r.id)) AS cause,"
    " (SELECT group_concat(x, '; ') FROM (SELECT p.part || ' x' ||"
    "  p.quantity AS x FROM repairs r JOIN repair_parts p"
    "  ON p.repair_id = r.id WHERE r.case_id = c.id"
    "  ORDER BY r.id, p.part, p.quantity)) AS parts,"
    " i.accessories_missing AS missing, c.condition, c.mismatch,"
    " (SELECT result || coalesce(' ' || sample_size || '/' || returned_qty,"
    "  '') FROM inspections WHERE case_id = c.id ORDER BY id DESC LIMIT 1)"
    "  AS inspection,"
    " (SELECT a.state || ' ' || a.chain FROM applications a"
    "  WHERE a.case_id = c.id ORDER BY a.id DESC LIMIT 1) AS approvals,"
    " (SELECT max(at) FROM signoffs WHERE case_id = c.id) AS finance_at,"
    " (SELECT waybill FROM shipments WHERE case_id = c.id ORDER BY id DESC"
    "  LIMIT 1) AS out_waybill,"
    " (SELECT at FROM shipments WHERE case_id = c.id ORDER BY id DESC"
    "  LIMIT 1) AS shipped_at,"
    " c.state, c.case_no"
    " FROM touched t JOIN cases c ON c.id = t.id"
    " JOIN items i ON i.case_id = c.id AND i.draft = 0"
    " ORDER BY c.received_at, c.case_no, i.id LIMIT ?4";

/* a timestamptz as the station writes its times */
#define PG_TIME(x) "to_char((" x ") AT TIME ZONE 'UTC'," \
    " 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')"

const char db_report_daily_pg[] = "WITH touched(id) AS ("
    " SELECT entity_uid FROM events WHERE entity = 'case'"
    "  AND at >= $1::timestamptz AND at < $2::timestamptz"
    " UNION SELECT id FROM cases WHERE received_date = $3::date)"
    " SELECT to_char(c.received_date, 'YYYY-MM-DD') AS received, c.waybill,"
    " c.customer, c.service_rep, c.phone, i.model, i.spec, i.cct,"
    " i.quantity, c.kind, c.complaint,"
    " (SELECT string_agg(r.cause || ' ' || coalesce(f.name, ''), '; '"
    "  ORDER BY r.id) FROM repairs r LEFT JOIN fault_causes f"
    "  ON f.code = r.cause WHERE r.case_id = c.id) AS cause,"
    " (SELECT string_agg(p.part || ' x' || p.quantity, '; ' ORDER BY r.id,"
    "  p.part COLLATE \"C\", p.quantity) FROM repairs r"
    "  JOIN repair_parts p ON p.repair_id = r.id WHERE r.case_id = c.id)"
    "  AS parts,"
    " i.accessories_missing AS missing, c.condition, c.mismatch,"
    " (SELECT result || coalesce(' ' || sample_size || '/' || returned_qty,"
    "  '') FROM inspections WHERE case_id = c.id ORDER BY id DESC LIMIT 1)"
    "  AS inspection,"
    " (SELECT a.state || ' ' || a.chain FROM applications a"
    "  WHERE a.case_id = c.id ORDER BY a.id DESC LIMIT 1) AS approvals,"
    " (SELECT " PG_TIME("max(at)") " FROM signoffs WHERE case_id = c.id)"
    "  AS finance_at,"
    " (SELECT waybill FROM shipments WHERE case_id = c.id ORDER BY id DESC"
    "  LIMIT 1) AS out_waybill,"
    " (SELECT " PG_TIME("at") " FROM shipments WHERE case_id = c.id"
    "  ORDER BY id DESC LIMIT 1) AS shipped_at,"
    " c.state, c.case_no"
    " FROM touched t JOIN cases c ON c.id = t.id"
    " JOIN items i ON i.case_id = c.id AND i.draft = 0"
    " ORDER BY c.received_at, c.case_no COLLATE \"C\", i.id"
    " LIMIT $4::integer";

int
db_report_daily(struct db *db, const char *from, const char *to,
    const char *day, int limit, int (*fn)(void *, const struct db_row *),
    void *arg)
{
	return db_rows(db, db_prep(db, SQL_DAILY, "TTTi", from, to, day,
	    limit), "reading the daily table", fn, arg);
}

static const char SQL_RUN_GET[] = "SELECT day, at, ok, message FROM"
    " schedule_runs WHERE job = ?1";
static const char SQL_RUN_PUT[] = "INSERT INTO schedule_runs (job, day, at,"
    " ok, message) VALUES (?1, CASE WHEN ?4 THEN ?2 ELSE '' END, ?3, ?4, ?5)"
    " ON CONFLICT (job) DO UPDATE SET day = CASE WHEN ?4 THEN ?2 ELSE day"
    " END, at = ?3, ok = ?4, message = ?5";

int
db_run_get(struct db *db, const char *job, struct db_run *r)
{
	sqlite3_stmt *s = db_prep(db, SQL_RUN_GET, "T", job);
	int rc = db_one(db, s, "reading the timed work");

	memset(r, 0, sizeof(*r));
	r->ok = 1;
	if (rc == 1) {
		db_text(s, 0, r->day, sizeof(r->day));
		db_text(s, 1, r->at, sizeof(r->at));
		r->ok = sqlite3_column_int(s, 2);
		db_text(s, 3, r->message, sizeof(r->message));
		sqlite3_reset(s);
	}
	return rc;
}

int
db_run_put(struct db *db, const char *job, const char *day, int ok,
    const char *message)
{
	char now[32];

	clock_now_iso(now, sizeof(now));
	return db_write(db, "recording the timed work", SQL_RUN_PUT, "TTTiT",
	    job, day, now, ok, message);
}
