/*
 * A year of a desk's data for the scale benchmarks: N cases spread over
 * 365 days, one item each, most of them closed, each with its audit events
 * on a valid hash chain (so that audit verify walks all of it). Built with
 * the station's own schema and audit writer, fast (synchronous off: it is a
 * throw-away file, cached outside the repository by bench/run.sh).
 * usage: gen_cases DB N
 */
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../common/buf.h"
#include "../common/json.h"
#include "../db/db.h"
#include "../db/db-int.h"

static const char *const states[] = { "closed", "closed", "closed", "closed",
    "closed", "closed", "closed", "closed", "registered", "inspected" };

int
main(int argc, char *argv[])
{
	char cause[256];
	struct db *db;
	int64_t op, prod;
	long n;
	struct db_product p;
	sqlite3_stmt *ci, *ii;

	/* keep freed memory: trimming and growing the heap on every case
	 * cost more than the inserts */
	mallopt(M_TRIM_THRESHOLD, 256 << 20);
	mallopt(M_TOP_PAD, 64 << 20);
	if (argc != 3 || (n = atol(argv[2])) <= 0) {
		fprintf(stderr, "usage: gen_cases DB N\n");
		return 2;
	}
	if ((db = db_open(argv[1], NULL, cause, sizeof(cause))) == NULL) {
		fprintf(stderr, "gen_cases: %s\n", cause);
		return 1;
	}
	/* a throw-away file: no journal, one lock, a large cache */
	sqlite3_exec(db->h, "PRAGMA journal_mode = DELETE;"
	    " PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;"
	    " PRAGMA locking_mode = EXCLUSIVE; PRAGMA cache_size = -524288",
	    NULL, NULL, NULL);
	memset(&p, 0, sizeof(p));
	snprintf(p.model, sizeof(p.model), "LX-FL100");
	snprintf(p.name, sizeof(p.name), "Flood");
	p.default_cct = 4000;
	if (db_begin(db) == -1 ||
	    db_operator_add(db, "1001", "Bench", "intake", &op) == -1 ||
	    db_product_add(db, &p, NULL, &prod) == -1 || db_commit(db) == -1) {
		fprintf(stderr, "gen_cases: %s\n", db_error(db));
		return 1;
	}
	/* raw inserts: cases of past days, which the station never writes */
	sqlite3_prepare_v2(db->h, "INSERT INTO cases (id, case_no, waybill,"
	    " carrier, received_at, received_date, kind, state, area, area_name,"
	    " opened_by, updated_at, registered_at) VALUES (?1, ?2, ?3, 'SF', ?4,"
	    " ?5, 'repair', ?6, 'A-REPAIR', '维修区', ?7, ?4, ?4)", -1, &ci,
	    NULL);
	sqlite3_prepare_v2(db->h, "INSERT INTO items (case_id, product_id,"
	    " model, cct, quantity, draft) VALUES (?1, ?2, 'LX-FL100', 4000, 1,"
	    " 0)", -1, &ii, NULL);
	time_t start = time(NULL) - 366 * 86400;
	long per_day = n / 365 + 1;
	for (long i = 0; i < n; i++) {
		char case_no[64], wb[32], at[32], date[16], d8[16];
		time_t t = start + (i / per_day) * 86400 + (i % per_day) * 30;
		struct tm tm;
		struct buf b;
		struct json j;

		if (i % 10000 == 0 && (i == 0 || db_commit(db) == 0) &&
		    db_begin(db) == -1)
			return 1;
		gmtime_r(&t, &tm);
		strftime(at, sizeof(at), "%Y-%m-%dT%H:%M:%S.000Z", &tm);
		strftime(date, sizeof(date), "%Y-%m-%d", &tm);
		strftime(d8, sizeof(d8), "%Y%m%d", &tm);
		snprintf(case_no, sizeof(case_no), "R%s-%04ld", d8,
		    i % per_day + 1);
		snprintf(wb, sizeof(wb), "SF%013ld", 1000000000L + i);
		sqlite3_reset(ci);
		sqlite3_bind_int64(ci, 1, i + 1);
		sqlite3_bind_text(ci, 2, case_no, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(ci, 3, wb, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(ci, 4, at, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(ci, 5, date, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(ci, 6, states[i % 10], -1, SQLITE_STATIC);
		sqlite3_bind_int64(ci, 7, op);
		sqlite3_reset(ii);
		sqlite3_bind_int64(ii, 1, i + 1);
		sqlite3_bind_int64(ii, 2, prod);
		if (sqlite3_step(ci) != SQLITE_DONE ||
		    sqlite3_step(ii) != SQLITE_DONE) {
			fprintf(stderr, "gen_cases: %s\n", sqlite3_errmsg(db->h));
			return 1;
		}
		buf_init(&b);
		json_init(&j, &b);
		json_open(&j, NULL);
		json_str(&j, "desk", "desk1");
		json_str(&j, "scan", "%DONE");
		json_str(&j, "case", case_no);
		json_close(&j);
		if (db_audit(db, "1001", "case.register", "case", i + 1, b.data,
		    NULL) == -1 || (i % 10 < 8 && db_audit(db, "1005",
		    "case.close", "case", i + 1, b.data, NULL) == -1)) {
			fprintf(stderr, "gen_cases: %s\n", db_error(db));
			return 1;
		}
		buf_free(&b);
	}
	sqlite3_finalize(ci);
	sqlite3_finalize(ii);
	/* the open repairs of past days missed their shipping rule, and a
	 * station running all year has charged them: so does this one */
	if (sqlite3_exec(db->h, "INSERT INTO breaches (case_id, rule, due_at,"
	    " noticed_at) SELECT id, 'repair_ship', received_at, received_at"
	    " FROM cases WHERE state NOT IN ('closed', 'cancelled')"
	    " AND received_date < date('now', '-3 days')", NULL, NULL,
	    NULL) != SQLITE_OK) {
		fprintf(stderr, "gen_cases: %s\n", sqlite3_errmsg(db->h));
		return 1;
	}
	if (db_commit(db) == -1) {
		fprintf(stderr, "gen_cases: %s\n", db_error(db));
		return 1;
	}
	sqlite3_exec(db->h, "PRAGMA journal_mode = WAL", NULL, NULL, NULL);
	db_close(db);
	return 0;
}
