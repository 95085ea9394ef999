/* Store: migrations, constraints, the audit chain. Real SQLite files. */
#include <sqlite3.h>
#include <unistd.h>

#include "../t.h"
#include "../../common/buf.h"
#include "../../db/db.h"
#include "../../station/upload.h"

static char dir[] = "/tmp/station-test-db-XXXXXX";

static void
path(char *out, const char *name)
{
	snprintf(out, 256, "%s/%s", dir, name);
}

static int
sql(const char *file, const char *q)
{
	sqlite3 *h;
	int rc;

	if (sqlite3_open(file, &h) != SQLITE_OK)
		return -1;
	rc = sqlite3_exec(h, q, NULL, NULL, NULL);
	sqlite3_close(h);
	return rc == SQLITE_OK ? 0 : -1;
}

static long
sql_long(const char *file, const char *q)
{
	sqlite3 *h;
	sqlite3_stmt *s;
	long v = -1;

	if (sqlite3_open(file, &h) != SQLITE_OK)
		return -1;
	if (sqlite3_prepare_v2(h, q, -1, &s, NULL) == SQLITE_OK) {
		if (sqlite3_step(s) == SQLITE_ROW)
			v = sqlite3_column_int64(s, 0);
		sqlite3_finalize(s);
	}
	sqlite3_close(h);
	return v;
}

static void
test_fresh(void)
{
	char p[256], cause[256];
	struct db *db;
	int created = 0;

	path(p, "fresh.db");
	CHECK((db = db_open(p, &created, cause, sizeof(cause))) != NULL);
	CHECK(created == 1);
	CHECK(db_user_version(db) == DB_SCHEMA_VERSION);
	db_close(db);
	CHECK((db = db_open(p, &created, cause, sizeof(cause))) != NULL);
	CHECK(created == 0);
	db_close(db);
	CHECK(sql_long(p, "SELECT count(*) FROM pragma_journal_mode"
	    " WHERE journal_mode = 'wal'") == 1);
	CHECK(sql_long(p, "SELECT count(*) FROM sqlite_master WHERE name IN"
	    " ('operators','products','cases','items','audit','label_outbox',"
	    "'intake_sessions')") == 7);
}

static void
test_upgrade(void)
{
	char p[256], cause[256];
	struct db *db;
	struct db_operator op;
	int64_t id;

	path(p, "upgrade.db");
	CHECK((db = db_open_upto(p, 1, cause, sizeof(cause))) != NULL);
	CHECK(db_user_version(db) == 1);
	CHECK(db_begin(db) == 0);
	CHECK(db_operator_add(db, "77", "Old Hand", "intake", &id) == 0);
	CHECK(db_audit(db, "test", "operator.add", "operator", id, "{}",
	    NULL) == 0);
	CHECK(db_commit(db) == 0);
	db_close(db);
	CHECK(sql_long(p, "SELECT count(*) FROM sqlite_master WHERE"
	    " name = 'label_outbox'") == 0);
	CHECK((db = db_open(p, NULL, cause, sizeof(cause))) != NULL);
	CHECK(db_user_version(db) == DB_SCHEMA_VERSION);
	CHECK(db_operator_get(db, "77", &op) == 1);
	CHECK_STR(op.name, "Old Hand");
	db_close(db);
	CHECK(sql_long(p, "SELECT count(*) FROM label_outbox") == 0);
	/* a schema from a newer stationd is refused, not damaged */
	CHECK(sql(p, "PRAGMA user_version = 99") == 0);
	CHECK(db_open(p, NULL, cause, sizeof(cause)) == NULL);
	CHECK_CONTAINS(cause, "newer");
	CHECK(sql_long(p, "PRAGMA user_version") == 99);
}

static void
test_constraints(void)
{
	char p[256], cause[256];
	struct db *db;
	struct db_case c;
	struct db_item it;
	int64_t id;

	path(p, "check.db");
	CHECK((db = db_open(p, NULL, cause, sizeof(cause))) != NULL);
	CHECK(db_begin(db) == 0);
	CHECK(db_case_create(db, "R", "SF1234567890123", "SF", 0, "draft", &c) == 0);
	memset(&it, 0, sizeof(it));
	it.case_id = c.id;
	snprintf(it.model, sizeof(it.model), "X");
	it.quantity = 1;
	it.cct = 999;
	CHECK(db_item_add(db, &it, &id) == -1);
	CHECK_CONTAINS(db_error(db), "CHECK");
	it.cct = 4000;
	it.quantity = 0;
	CHECK(db_item_add(db, &it, &id) == -1);
	it.quantity = 2;
	CHECK(db_item_add(db, &it, &id) == 0);
	CHECK(db_item_set_cct(db, id, 20001) == -1);
	CHECK(db_case_set_kind(db, c.id, "refund") == -1);
	CHECK(db_case_move(db, c.id, "draft", "lost", NULL, NULL) == -1);
	CHECK(db_case_move(db, c.id, "held", "registered", NULL, NULL) == -1);
	/* an open waybill is unique */
	struct db_case c2;
	CHECK(db_case_create(db, "R", "SF1234567890123", "SF", 0, "draft", &c2) == -1);
	CHECK(db_case_create(db, "R", "SF1234567890124", "SF", 0, "draft", &c2) == 0);
	CHECK(strcmp(c.case_no, c2.case_no) < 0);
	CHECK(db_commit(db) == 0);
	db_close(db);
}

static void
test_audit_chain(void)
{
	char p[256], cause[256], q[256];
	struct db *db;
	int64_t rows, bad;

	path(p, "audit.db");
	CHECK((db = db_open(p, NULL, cause, sizeof(cause))) != NULL);
	for (int i = 0; i < 10; i++) {
		char d[32];

		snprintf(d, sizeof(d), "{\"n\":%d}", i);
		CHECK(db_begin(db) == 0);
		CHECK(db_audit(db, "tester", "test.event", "case", i, d,
		    NULL) == 0);
		CHECK(db_commit(db) == 0);
	}
	CHECK(db_audit_verify(db, &rows, &bad, cause, sizeof(cause)) == 0);
	CHECK(rows == 10);
	db_close(db);
	/* the triggers refuse edits */
	CHECK(sql(p, "UPDATE audit SET actor = 'x' WHERE id = 3") == -1);
	CHECK(sql(p, "DELETE FROM audit WHERE id = 3") == -1);
	/* someone who drops the trigger and edits is still caught */
	CHECK(sql(p, "DROP TRIGGER audit_no_update;"
	    " UPDATE audit SET detail = '{\"n\":42}' WHERE id = 6") == 0);
	CHECK((db = db_open(p, NULL, cause, sizeof(cause))) != NULL);
	CHECK(db_audit_verify(db, &rows, &bad, cause, sizeof(cause)) == 1);
	CHECK(bad == 6);
	CHECK(rows == 5);
	CHECK_CONTAINS(cause, "changed");
	db_close(db);
	/* so is a removed row */
	path(p, "audit2.db");
	CHECK((db = db_open(p, NULL, cause, sizeof(cause))) != NULL);
	for (int i = 0; i < 5; i++) {
		CHECK(db_begin(db) == 0);
		CHECK(db_audit(db, "t", "e", "case", i, "{}", NULL) == 0);
		CHECK(db_commit(db) == 0);
	}
	db_close(db);
	snprintf(q, sizeof(q), "DROP TRIGGER audit_no_delete;"
	    " DELETE FROM audit WHERE id = 2");
	CHECK(sql(p, q) == 0);
	CHECK((db = db_open(p, NULL, cause, sizeof(cause))) != NULL);
	CHECK(db_audit_verify(db, &rows, &bad, cause, sizeof(cause)) == 1);
	CHECK(bad == 2);
	db_close(db);
}

static void
test_rollback(void)
{
	char p[256], cause[256];
	struct db *db;
	struct db_case c;

	path(p, "rb.db");
	CHECK((db = db_open(p, NULL, cause, sizeof(cause))) != NULL);
	CHECK(db_begin(db) == 0);
	CHECK(db_case_create(db, "R", "SF1234567890125", "SF", 0, "draft", &c) == 0);
	CHECK(db_audit(db, "t", "case.open", "case", c.id, "{}", NULL) == 0);
	db_rollback(db);
	CHECK(db_case_by_waybill(db, "SF1234567890125", &c) == 0);
	db_close(db);
	CHECK(sql_long(p, "SELECT count(*) FROM audit") == 0);
}

/* A busy day: numbers go on past 9999 and each is given once; a counter
 * brought from an older schema starts after the day's highest number. */
static void
test_case_numbers(void)
{
	char p[256], cause[256], first[40] = "", n9999[40] = "", n10000[40] = "";
	char n10001[40] = "";
	struct db *db;
	struct db_case c;

	path(p, "numbers.db");
	CHECK((db = db_open(p, NULL, cause, sizeof(cause))) != NULL);
	CHECK(db_begin(db) == 0);
	for (int i = 1; i <= 10050; i++) {
		char wb[32];

		snprintf(wb, sizeof(wb), "SF%013d", 5000000 + i);
		if (db_case_create(db, "R", wb, "SF", 0, "draft", &c) == -1) {
			printf("#   case %d: %s\n", i, db_error(db));
			CHECK(0);
		}
		if (i == 1)
			snprintf(first, sizeof(first), "%s", c.case_no);
		if (i == 9999)
			snprintf(n9999, sizeof(n9999), "%s", c.case_no);
		if (i == 10000)
			snprintf(n10000, sizeof(n10000), "%s", c.case_no);
		if (i == 10001)
			snprintf(n10001, sizeof(n10001), "%s", c.case_no);
	}
	CHECK(db_commit(db) == 0);
	db_close(db);
	CHECK(strcmp(first + strlen(first) - 5, "-0001") == 0);
	CHECK(strcmp(n9999 + strlen(n9999) - 5, "-9999") == 0);
	CHECK(strcmp(n10000 + strlen(n10000) - 6, "-10000") == 0);
	CHECK(strcmp(n10001 + strlen(n10001) - 6, "-10001") == 0);
	CHECK(sql_long(p, "SELECT count(DISTINCT case_no) FROM cases") == 10050);
	/* the counter of an upgraded database starts after its highest */
	path(p, "numbers4.db");
	CHECK((db = db_open_upto(p, 4, cause, sizeof(cause))) != NULL);
	db_close(db);
	CHECK(sql(p, "INSERT INTO cases (case_no, waybill, carrier, received_at,"
	    " received_date, state, updated_at) VALUES ('R20990101-12345', 'SF1',"
	    " 'SF', 't', '2099-01-01', 'closed', 't'), ('R20990101-0002', 'SF2',"
	    " 'SF', 't', '2099-01-01', 'closed', 't')") == 0);
	CHECK((db = db_open(p, NULL, cause, sizeof(cause))) != NULL);
	db_close(db);
	CHECK(sql_long(p, "SELECT last FROM case_numbers WHERE day ="
	    " 'R20990101'") == 12345);
}

/*
 * A database from before identities (schema 12) with an operator and a
 * case of two items: after the upgrade, baseline events carry every record
 * that was there, once each (the seeded fault causes too), and the audit
 * chain still verifies; a record written after the upgrade is not in them.
 */
static void
test_baseline(void)
{
	char p[256], cause[256];
	struct db *db;
	int64_t id, left = -1, rows, bad;
	int rc, events = 0;

	path(p, "baseline.db");
	CHECK((db = db_open_upto(p, 12, cause, sizeof(cause))) != NULL);
	CHECK(db_begin(db) == 0);
	CHECK(db_operator_add(db, "77", "Old Hand", "intake", &id) == 0);
	CHECK(db_audit(db, "test", "operator.add", "operator", id, "{}",
	    NULL) == 0);
	CHECK(db_commit(db) == 0);
	db_close(db);
	CHECK(sql(p, "INSERT INTO cases (case_no, waybill, carrier,"
	    " received_at, received_date, condition, state, updated_at)"
	    " VALUES ('R1', 'SF1000000000001', 'SF', '2025-01-02T03:04:05Z',"
	    " '2025-01-02', 'intact', 'registered', '2025-01-02T03:04:05Z');"
	    "INSERT INTO items (case_id, model, quantity, draft) VALUES"
	    " (1, 'LX-A', 2, 0), (1, 'LX-B', 1, 0)") == 0);
	CHECK((db = db_open(p, NULL, cause, sizeof(cause))) != NULL);
	CHECK(db_begin(db) == 0);
	CHECK(db_operator_add(db, "78", "New Hand", "intake", &id) == 0);
	CHECK(db_audit(db, "test", "operator.add", "operator", id, "{}",
	    NULL) == 0);
	CHECK(db_commit(db) == 0);
	while ((rc = db_sync_baseline(db, 3, &left)) == 1)
		events++;
	CHECK(rc == 0);
	CHECK(left == 0);
	/* 1 operator, 10 causes (3 a batch: 4), 1 case, 2 items */
	CHECK(events == 7);
	CHECK(db_sync_baseline(db, 3, &left) == 0);
	CHECK(db_audit_verify(db, &rows, &bad, cause, sizeof(cause)) == 0);
	CHECK(bad == 0);
	db_close(db);
	CHECK(sql_long(p, "SELECT count(*) FROM audit, json_each(audit.fields,"
	    " '$.rows') WHERE action = 'sync.baseline'") == 14);
	CHECK(sql_long(p, "SELECT count(DISTINCT json_extract(value, '$.t') ||"
	    " coalesce(json_extract(value, '$.r.id'), json_extract(value,"
	    " '$.r.code'))) FROM audit, json_each(audit.fields, '$.rows')"
	    " WHERE action = 'sync.baseline'") == 14);
	CHECK(sql_long(p, "SELECT count(*) FROM audit, json_each(audit.fields,"
	    " '$.rows') WHERE action = 'sync.baseline' AND"
	    " json_extract(value, '$.r.badge') = '78'") == 0);
	CHECK(sql_long(p, "SELECT count(*) FROM audit, json_each(audit.fields,"
	    " '$.rows') WHERE action = 'sync.baseline' AND"
	    " json_extract(value, '$.r.waybill') = 'SF1000000000001'") == 1);
}

/* The upload's COPY text: a field's tab, newline, return and backslash
 * escaped, the rest as written; one line an event, 14 fields. */
static void
test_copy_text(void)
{
	char p[256], cause[256];
	struct db *db;
	struct buf b;
	int64_t last = 0;
	int tabs = 0, lines = 0;

	path(p, "copy.db");
	CHECK((db = db_open(p, NULL, cause, sizeof(cause))) != NULL);
	CHECK(db_begin(db) == 0);
	CHECK(db_audit(db, "t", "note.add", "case", 1,
	    "a\tb\nc\\d\re \"\xe4\xb8\xad\"", NULL) == 0);
	CHECK(db_audit(db, "t", "note.add", "case", 2, "plain", NULL) == 0);
	CHECK(db_commit(db) == 0);
	buf_init(&b);
	CHECK(upload_copy_text(db, 0, 100, 1u << 20, &b, &last) >= 2);
	CHECK(last >= 2);
	buf_add(&b, "", 1);
	CHECK(strstr(b.data, "\ta\\tb\\nc\\\\d\\re \"\xe4\xb8\xad\"\t") !=
	    NULL);
	CHECK(strstr(b.data, "\tplain\t") != NULL);
	for (const char *c = b.data; *c; c++) {
		tabs += *c == '\t';
		lines += *c == '\n';
	}
	CHECK(lines >= 2 && tabs == 13 * lines);
	buf_free(&b);
	db_close(db);
}

int
main(void)
{
	if (mkdtemp(dir) == NULL)
		return 1;
	RUN(test_fresh);
	RUN(test_upgrade);
	RUN(test_baseline);
	RUN(test_constraints);
	RUN(test_audit_chain);
	RUN(test_rollback);
	RUN(test_case_numbers);
	RUN(test_copy_text);
	return t_finish(dir);
}
