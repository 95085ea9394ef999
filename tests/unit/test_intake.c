/* The intake state machine against a real SQLite file. */
#include <sqlite3.h>
#include <unistd.h>

#include "../../common/clock.h"
#include "../t.h"
#include "../../common/buf.h"
#include "../../station/config.h"
#include "../../station/intake.h"
#include "../../station/case.h"
#include "../../station/rules.h"
#include "../../db/db.h"

static char dir[] = "/tmp/station-test-intake-XXXXXX";
static struct st_config *cf;
static int nfile;

struct rig {
	struct db	*db;
	struct intake	 in;
	char		 path[256];
	char		 last[1024];
	int		 labels_kicked;
};

static void
kicked(void *arg)
{
	((struct rig *)arg)->labels_kicked++;
}

static int
rig_open(struct rig *r)
{
	char cause[256];
	struct db_product p;
	int64_t id;

	memset(r, 0, sizeof(*r));
	snprintf(r->path, sizeof(r->path), "%s/t%d.db", dir, nfile++);
	if ((r->db = db_open(r->path, NULL, cause, sizeof(cause))) == NULL)
		return -1;
	if (db_begin(r->db) == -1 ||
	    db_operator_add(r->db, "1001", "Intake", "intake", &id) == -1 ||
	    db_operator_add(r->db, "1002", "Tech", "technician", &id) == -1 ||
	    db_operator_add(r->db, "1005", "Boss", "supervisor,intake", &id) == -1)
		return -1;
	memset(&p, 0, sizeof(p));
	snprintf(p.model, sizeof(p.model), "LX-FL100");
	snprintf(p.name, sizeof(p.name), "Flood");
	p.default_cct = 4000;
	if (db_product_add(r->db, &p, "6901234567892", &id) == -1)
		return -1;
	snprintf(p.model, sizeof(p.model), "LX-HB150");
	p.default_cct = 6500;
	if (db_product_add(r->db, &p, NULL, &id) == -1)
		return -1;
	snprintf(p.model, sizeof(p.model), "LX-DL12");
	p.potted = 1;
	if (db_product_add(r->db, &p, NULL, &id) == -1 ||
	    db_operator_add(r->db, "1003", "QC", "inspector", &id) == -1 ||
	    db_commit(r->db) == -1)
		return -1;
	if (intake_init(&r->in, r->db, cf, cause, sizeof(cause)) == -1)
		return -1;
	r->in.label_queued = kicked;
	r->in.arg = r;
	return 0;
}

static void
rig_close(struct rig *r)
{
	db_close(r->db);
}

/* Scans s (len may include NUL bytes); returns the intake result. */
static int
scanl(struct rig *r, const char *s, size_t len)
{
	struct buf b;
	int64_t ev;
	int rc;

	buf_init(&b);
	rc = intake_scan(&r->in, s, len, &b, &ev);
	snprintf(r->last, sizeof(r->last), "%s", b.data ? b.data : "");
	buf_free(&b);
	return rc;
}

static int
scan(struct rig *r, const char *s)
{
	return scanl(r, s, strlen(s));
}

static long
q(struct rig *r, const char *sql)
{
	sqlite3 *h;
	sqlite3_stmt *s;
	long v = -1;

	sqlite3_open(r->path, &h);
	if (sqlite3_prepare_v2(h, sql, -1, &s, NULL) == SQLITE_OK) {
		if (sqlite3_step(s) == SQLITE_ROW)
			v = sqlite3_column_int64(s, 0);
		sqlite3_finalize(s);
	}
	sqlite3_close(h);
	return v;
}

/* A digest of every row of every table, to prove nothing changed. */
static unsigned long
dump(struct rig *r)
{
	static const char *const tables[] = { "operators", "operator_roles",
	    "products", "product_barcodes", "cases", "items", "audit",
	    "label_outbox", "intake_sessions", NULL };
	unsigned long h = 5381;
	sqlite3 *dbh;

	sqlite3_open(r->path, &dbh);
	for (int t = 0; tables[t]; t++) {
		char sql[128];
		sqlite3_stmt *s;

		snprintf(sql, sizeof(sql), "SELECT * FROM %s", tables[t]);
		if (sqlite3_prepare_v2(dbh, sql, -1, &s, NULL) != SQLITE_OK)
			continue;
		while (sqlite3_step(s) == SQLITE_ROW)
			for (int c = 0; c < sqlite3_column_count(s); c++) {
				const unsigned char *v = sqlite3_column_text(s, c);

				for (; v && *v; v++)
					h = h * 33 + *v;
				h = h * 33 + '|';
			}
		sqlite3_finalize(s);
	}
	sqlite3_close(dbh);
	return h;
}

static void
test_happy_path(void)
{
	struct rig r;

	CHECK(rig_open(&r) == 0);
	CHECK(intake_state(&r.in) == IN_SIGNED_OUT);
	CHECK(scan(&r, "%OP:1001") == ST_OK);
	CHECK(intake_state(&r.in) == IN_READY);
	CHECK(scan(&r, "SF1234567890123") == ST_OK);
	CHECK_CONTAINS(r.last, "opened");
	CHECK(intake_state(&r.in) == IN_CASE);
	CHECK(scan(&r, "%KIND:REPAIR") == ST_OK);
	CHECK(scan(&r, "6901234567892") == ST_OK);
	CHECK(intake_state(&r.in) == IN_ITEM);
	CHECK(scan(&r, "%QTY:3") == ST_OK);
	CHECK(scan(&r, "%MODEL:LX-HB150") == ST_OK);
	CHECK(scan(&r, "%CCT:3000") == ST_OK);
	CHECK(scan(&r, "%ACC:remote") == ST_OK);
	CHECK(scan(&r, "%ACC:bracket") == ST_OK);
	CHECK(scan(&r, "%DONE") == ST_OK);
	CHECK_CONTAINS(r.last, "registered");
	CHECK(intake_state(&r.in) == IN_READY);
	CHECK(r.labels_kicked == 1);
	CHECK(q(&r, "SELECT count(*) FROM cases WHERE state = 'registered'"
	    " AND kind = 'repair' AND area = 'A-REPAIR'") == 1);
	CHECK(q(&r, "SELECT quantity FROM items WHERE model = 'LX-FL100'") == 3);
	CHECK(q(&r, "SELECT cct FROM items WHERE model = 'LX-FL100'") == 4000);
	CHECK(q(&r, "SELECT cct FROM items WHERE model = 'LX-HB150'") == 3000);
	CHECK(q(&r, "SELECT count(*) FROM items WHERE accessories_missing ="
	    " 'remote; bracket'") == 1);
	CHECK(q(&r, "SELECT count(*) FROM items WHERE draft = 1") == 0);
	/* the label's text waits in the outbox for the printer side */
	CHECK(q(&r, "SELECT count(*) FROM label_outbox l JOIN cases c ON"
	    " c.id = l.case_id WHERE l.state = 'queued' AND"
	    " json_extract(l.fields, '$.case_no') = c.case_no AND"
	    " json_extract(l.fields, '$.area') = 'A-REPAIR' AND"
	    " json_extract(l.fields, '$.qty') = 4 AND"
	    " json_extract(l.fields, '$.model') = 'LX-FL100 +1'") == 1);
	/* each accepted scan left one audit event */
	CHECK(q(&r, "SELECT count(*) FROM audit WHERE actor = '1001'") == 10);
	rig_close(&r);
}

static void
test_duplicate_waybill(void)
{
	struct rig r;

	CHECK(rig_open(&r) == 0);
	CHECK(scan(&r, "%OP:1001") == ST_OK);
	CHECK(scan(&r, "JDVA12345678901") == ST_OK);
	CHECK(scan(&r, "jdva12345678901") == ST_OK);	/* same, again */
	CHECK_CONTAINS(r.last, "already open");
	CHECK(scan(&r, "%KIND:RETURN") == ST_OK);
	CHECK(scan(&r, "%MODEL:LX-FL100") == ST_OK);
	CHECK(scan(&r, "%DONE") == ST_OK);
	/* a later scan of the same waybill reopens the same case */
	CHECK(scan(&r, "JDVA12345678901") == ST_OK);
	CHECK_CONTAINS(r.last, "reopened");
	CHECK(scan(&r, "%MODEL:LX-HB150") == ST_OK);
	CHECK(scan(&r, "%DONE") == ST_OK);
	CHECK(q(&r, "SELECT count(*) FROM cases") == 1);
	CHECK(q(&r, "SELECT count(*) FROM items") == 2);
	CHECK(q(&r, "SELECT count(*) FROM label_outbox") == 2);
	/* the case label reopens it too */
	CHECK(scan(&r, "%CANCEL") == ST_REFUSED);
	rig_close(&r);
}

static void
test_severe_held(void)
{
	struct rig r;

	CHECK(rig_open(&r) == 0);
	CHECK(scan(&r, "%OP:1001") == ST_OK);
	CHECK(scan(&r, "YT1234567890123") == ST_OK);
	CHECK(scan(&r, "%KIND:EXCHANGE") == ST_OK);
	CHECK(scan(&r, "%COND:SEVERE") == ST_OK);
	CHECK(scan(&r, "%MODEL:LX-FL100") == ST_OK);
	CHECK(scan(&r, "%DONE") == ST_OK);
	CHECK_CONTAINS(r.last, "held");
	CHECK(q(&r, "SELECT count(*) FROM cases WHERE state = 'held'"
	    " AND area = 'H-HOLD'") == 1);
	/* intake staff cannot accept it */
	unsigned long before = dump(&r);
	CHECK(scan(&r, "%ACCEPT") == ST_REFUSED);
	CHECK_CONTAINS(r.last, "supervisor");
	CHECK(dump(&r) == before);
	CHECK(scan(&r, "%OP:1005") == ST_OK);
	/* severe damage is accepted only with a photo on the case */
	before = dump(&r);
	CHECK(scan(&r, "%ACCEPT") == ST_REFUSED);
	CHECK_CONTAINS(r.last, "photo");
	CHECK(dump(&r) == before);
	CHECK(db_begin(r.db) == 0);
	CHECK(db_photo_add(r.db, 1, "0123456789abcdef0123456789abcdef0123456789abcdef"
	    "0123456789abcdef", "photos/x.jpg", 10, 0) == 0);
	CHECK(db_commit(r.db) == 0);
	CHECK(scan(&r, "%ACCEPT") == ST_OK);
	CHECK(q(&r, "SELECT count(*) FROM cases WHERE state = 'registered'"
	    " AND area = 'C-EXCHANGE'") == 1);
	CHECK(q(&r, "SELECT count(*) FROM label_outbox") == 2);
	CHECK(scan(&r, "%ACCEPT") == ST_REFUSED);	/* not held now */
	rig_close(&r);
}

static void
test_cancel(void)
{
	struct rig r;

	CHECK(rig_open(&r) == 0);
	CHECK(scan(&r, "%OP:1001") == ST_OK);
	CHECK(scan(&r, "SF1234567890123") == ST_OK);
	CHECK(scan(&r, "%MODEL:LX-FL100") == ST_OK);
	CHECK(scan(&r, "%CANCEL") == ST_OK);
	CHECK(q(&r, "SELECT count(*) FROM cases WHERE state = 'cancelled'") == 1);
	CHECK(q(&r, "SELECT count(*) FROM items") == 0);
	/* the waybill is free again: a new case */
	CHECK(scan(&r, "SF1234567890123") == ST_OK);
	CHECK_CONTAINS(r.last, "opened");
	CHECK(scan(&r, "%KIND:REPAIR") == ST_OK);
	CHECK(scan(&r, "%MODEL:LX-FL100") == ST_OK);
	CHECK(scan(&r, "%DONE") == ST_OK);
	/* cancelling a reopen discards only this visit's changes */
	CHECK(scan(&r, "SF1234567890123") == ST_OK);
	CHECK(scan(&r, "%KIND:RETURN") == ST_OK);
	CHECK(scan(&r, "%COND:DAMAGED") == ST_OK);
	CHECK(scan(&r, "%MODEL:LX-HB150") == ST_OK);
	CHECK(scan(&r, "%CANCEL") == ST_OK);
	CHECK_CONTAINS(r.last, "discarded");
	CHECK(q(&r, "SELECT count(*) FROM cases WHERE state = 'registered'"
	    " AND kind = 'repair' AND condition = 'intact'") == 1);
	CHECK(q(&r, "SELECT count(*) FROM items") == 1);
	rig_close(&r);
}

static void
test_refusals(void)
{
	struct rig r;
	unsigned long before;

	CHECK(rig_open(&r) == 0);
	before = dump(&r);
	CHECK(scan(&r, "SF1234567890123") == ST_REFUSED);	/* no badge */
	CHECK_CONTAINS(r.last, "badge");
	CHECK(scan(&r, "%OP:9999") == ST_REFUSED);
	CHECK(dump(&r) == before);
	CHECK(scan(&r, "%OP:1002") == ST_OK);		/* technician */
	before = dump(&r);
	CHECK(scan(&r, "SF1234567890123") == ST_REFUSED);
	CHECK_CONTAINS(r.last, "needs the intake or supervisor role");
	CHECK(dump(&r) == before);
	CHECK(scan(&r, "%OP:1001") == ST_OK);
	before = dump(&r);
	CHECK(scan(&r, "%KIND:REPAIR") == ST_REFUSED);	/* no case */
	CHECK(scan(&r, "%DONE") == ST_REFUSED);
	CHECK(dump(&r) == before);
	CHECK(scan(&r, "SF1234567890123") == ST_OK);
	before = dump(&r);
	CHECK(scan(&r, "%QTY:2") == ST_REFUSED);		/* no item */
	CHECK_CONTAINS(r.last, "model");
	CHECK(scan(&r, "%DONE") == ST_REFUSED);		/* no kind */
	CHECK_CONTAINS(r.last, "kind");
	CHECK(scan(&r, "%KIND:REPAIR") == ST_OK);
	before = dump(&r);
	CHECK(scan(&r, "%DONE") == ST_REFUSED);		/* no items */
	CHECK_CONTAINS(r.last, "no items");
	CHECK(scan(&r, "%MODEL:NOPE-1") == ST_REFUSED);
	CHECK_CONTAINS(r.last, "unknown model");
	CHECK(scan(&r, "JDVA12345678901") == ST_REFUSED);	/* other case */
	CHECK_CONTAINS(r.last, "still open");
	CHECK(scan(&r, "R20990101-0001") == ST_REFUSED);
	CHECK(dump(&r) == before);
	/* a case marked not ours takes unknown models */
	CHECK(scan(&r, "%COND:FOREIGN") == ST_OK);
	CHECK(scan(&r, "%MODEL:NOPE-1") == ST_OK);
	CHECK(q(&r, "SELECT count(*) FROM items WHERE model = 'NOPE-1'"
	    " AND product_id IS NULL") == 1);
	rig_close(&r);
}

static void
test_bad_bytes(void)
{
	static const struct { const char *s; size_t len; const char *why; } bad[] = {
		{ "SF123\0" "4567890123", 16, "NUL" },
		{ "SF123\x01" "4567890123", 16, "control" },
		{ "\x1b[31mSF1234567890123", 20, "control" },
		{ "SF\xff\xfe" "1234567890123", 17, "UTF-8" },
		{ "%ACC:\xe4\xb8", 7, "UTF-8" },
		{ "%CCT:999", 8, "1000 to 20000" },
		{ "%CCT:20001", 10, "1000 to 20000" },
		{ "%QTY:0", 6, "1 to 9999" },
		{ "%QTY:-1", 7, "1 to 9999" },
		{ "'; DROP TABLE cases; --", 23, "unrecognised" },
		{ "SF1234567890123' OR '1'='1", 26, "unrecognised" },
	};
	struct rig r;
	unsigned long before;
	char big[5000];

	CHECK(rig_open(&r) == 0);
	CHECK(scan(&r, "%OP:1001") == ST_OK);
	CHECK(scan(&r, "SF1234567890123") == ST_OK);
	CHECK(scan(&r, "%MODEL:LX-FL100") == ST_OK);
	before = dump(&r);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		CHECK(scanl(&r, bad[i].s, bad[i].len) == ST_REFUSED);
		CHECK_CONTAINS(r.last, bad[i].why);
	}
	memset(big, 'A', sizeof(big));
	CHECK(scanl(&r, big, sizeof(big)) == ST_REFUSED);
	CHECK_CONTAINS(r.last, "too long");
	CHECK(dump(&r) == before);
	/* injection text where free text is allowed is stored verbatim */
	CHECK(scan(&r, "%ACC:'); DROP TABLE items; --") == ST_OK);
	CHECK(q(&r, "SELECT count(*) FROM items WHERE accessories_missing ="
	    " '''); DROP TABLE items; --'") == 1);
	rig_close(&r);
}

static void
test_resume(void)
{
	struct rig r;
	char cause[256];

	CHECK(rig_open(&r) == 0);
	CHECK(scan(&r, "%OP:1001") == ST_OK);
	CHECK(scan(&r, "SF1234567890123") == ST_OK);
	CHECK(scan(&r, "%KIND:REPAIR") == ST_OK);
	CHECK(scan(&r, "%MODEL:LX-FL100") == ST_OK);
	/* as after a restart: a fresh state machine on the same file */
	db_close(r.db);
	CHECK((r.db = db_open(r.path, NULL, cause, sizeof(cause))) != NULL);
	CHECK(intake_init(&r.in, r.db, cf, cause, sizeof(cause)) == 0);
	CHECK(intake_state(&r.in) == IN_ITEM);
	CHECK(scan(&r, "%QTY:5") == ST_OK);
	CHECK(scan(&r, "%DONE") == ST_OK);
	CHECK(q(&r, "SELECT quantity FROM items") == 5);
	CHECK(scan(&r, "%REPRINT") == ST_OK);
	CHECK(q(&r, "SELECT count(*) FROM label_outbox") == 2);
	rig_close(&r);
}

struct seen {
	char	rules[8][64];
	int	n;
};

static int
seen_breach(void *arg, const struct db_breach *b)
{
	struct seen *s = arg;

	if (s->n < 8)
		snprintf(s->rules[s->n++], sizeof(s->rules[0]), "%s %s",
		    b->case_no, b->rule);
	return 0;
}

static int
has(const struct seen *s, const char *case_no, const char *rule)
{
	char want[64];

	snprintf(want, sizeof(want), "%s %s", case_no, rule);
	for (int i = 0; i < s->n; i++)
		if (!strcmp(s->rules[i], want))
			return 1;
	return 0;
}

static int
case_no_of(struct rig *r, const char *waybill, char *out)
{
	struct db_case c;

	if (db_case_by_waybill(r->db, waybill, &c) != 1)
		return -1;
	strcpy(out, c.case_no);
	return 0;
}

/* The time rules with the station's clock moved forward. */
static void
test_time_rules(void)
{
	char a[32], b[32], c[32], d[32];
	struct seen s;
	struct rig r;
	time_t next;
	struct buf reply;
	struct case_move m;

	CHECK(rig_open(&r) == 0);
	clock_set_offset(0);
	CHECK(scan(&r, "%OP:1001") == ST_OK);
	CHECK(scan(&r, "SF0000000000011") == ST_OK);	/* 7-day return */
	CHECK(scan(&r, "%KIND:NOREASON7") == ST_OK);
	CHECK(scan(&r, "%MODEL:LX-FL100") == ST_OK);
	CHECK(scan(&r, "%DONE") == ST_OK);
	CHECK(scan(&r, "SF0000000000012") == ST_OK);	/* potted repair */
	CHECK(scan(&r, "%KIND:REPAIR") == ST_OK);
	CHECK(scan(&r, "%MODEL:LX-DL12") == ST_OK);
	CHECK(scan(&r, "%DONE") == ST_OK);
	CHECK(scan(&r, "SF0000000000013") == ST_OK);	/* plain repair */
	CHECK(scan(&r, "%KIND:REPAIR") == ST_OK);
	CHECK(scan(&r, "%MODEL:LX-FL100") == ST_OK);
	CHECK(scan(&r, "%DONE") == ST_OK);
	CHECK(scan(&r, "SF0000000000014") == ST_OK);	/* 7-day, late */
	CHECK(scan(&r, "%KIND:NOREASON7") == ST_OK);
	CHECK(scan(&r, "%MODEL:LX-FL100") == ST_OK);
	CHECK(case_no_of(&r, "SF0000000000011", a) == 0);
	CHECK(case_no_of(&r, "SF0000000000012", b) == 0);
	CHECK(case_no_of(&r, "SF0000000000013", c) == 0);
	CHECK(case_no_of(&r, "SF0000000000014", d) == 0);
	CHECK(rules_check(r.db, cf, clock_wall(), &next) == 0);
	CHECK(next > clock_wall() && next <= clock_wall() + 24 * 3600 + 1);

	/* 25 hours on: the 7-day return was not inspected in 24 h, and the
	 * one still open was not registered the day it came */
	clock_set_offset(25 * 3600);
	CHECK(scan(&r, "%DONE") == ST_OK);
	CHECK(rules_check(r.db, cf, clock_wall(), &next) >= 2);
	memset(&s, 0, sizeof(s));
	CHECK(db_breach_foreach(r.db, 1, seen_breach, &s) == 0);
	CHECK(has(&s, a, "noreason7_inspect"));
	CHECK(has(&s, d, "noreason7_register"));
	CHECK(!has(&s, b, "repair_ship"));
	CHECK(!has(&s, c, "repair_ship"));
	/* noticed once, however often it is checked */
	CHECK(rules_check(r.db, cf, clock_wall(), &next) == 0);

	/* 49 hours on: the plain repair missed its 2 days, the potted did not */
	clock_set_offset(49 * 3600);
	CHECK(rules_check(r.db, cf, clock_wall(), &next) >= 1);
	memset(&s, 0, sizeof(s));
	CHECK(db_breach_foreach(r.db, 1, seen_breach, &s) == 0);
	CHECK(has(&s, c, "repair_ship"));
	CHECK(!has(&s, b, "repair_ship"));

	/* inspecting late makes good the open breach, history stays */
	memset(&m, 0, sizeof(m));
	m.db = r.db;
	m.cf = cf;
	m.act = CA_INSPECT_PASS;
	buf_init(&reply);
	m.reply = &reply;
	CHECK(case_act(&m, "1003", a, 0) == ST_OK);
	buf_free(&reply);
	memset(&s, 0, sizeof(s));
	CHECK(db_breach_foreach(r.db, 1, seen_breach, &s) == 0);
	CHECK(!has(&s, a, "noreason7_inspect"));
	memset(&s, 0, sizeof(s));
	CHECK(db_breach_foreach(r.db, 0, seen_breach, &s) == 0);
	CHECK(has(&s, a, "noreason7_inspect"));
	clock_set_offset(0);
	rig_close(&r);
}

/* A backlog of overdue cases is charged a batch at a time. */
static void
test_rules_backlog(void)
{
	static const char copies[] =
	    "WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s"
	    " WHERE n < 1199)"
	    " INSERT INTO cases (case_no, waybill, carrier, received_at,"
	    " received_date, kind, state, area, area_name, opened_by,"
	    " updated_at, registered_at)"
	    " SELECT printf('R20260101-%04d', n), printf('SF%013d', 500000 + n),"
	    " carrier, received_at, received_date, kind, state, area, area_name,"
	    " opened_by, updated_at, registered_at FROM cases, s"
	    " WHERE waybill = 'SF0000000000021'";
	struct rig r;
	sqlite3 *h;
	time_t next;

	CHECK(rig_open(&r) == 0);
	clock_set_offset(0);
	CHECK(scan(&r, "%OP:1001") == ST_OK);
	CHECK(scan(&r, "SF0000000000021") == ST_OK);
	CHECK(scan(&r, "%KIND:REPAIR") == ST_OK);
	CHECK(scan(&r, "%MODEL:LX-FL100") == ST_OK);
	CHECK(scan(&r, "%DONE") == ST_OK);
	CHECK(sqlite3_open(r.path, &h) == SQLITE_OK);
	CHECK(sqlite3_exec(h, copies, NULL, NULL, NULL) == SQLITE_OK);
	sqlite3_close(h);
	clock_set_offset(72 * 3600);
	CHECK(rules_check(r.db, cf, clock_wall(), &next) == RULES_BATCH);
	CHECK(rules_check(r.db, cf, clock_wall(), &next) == RULES_BATCH);
	CHECK(rules_check(r.db, cf, clock_wall(), &next) == 1200 - 2 * RULES_BATCH);
	CHECK(rules_check(r.db, cf, clock_wall(), &next) == 0);
	clock_set_offset(0);
	rig_close(&r);
}

int
main(void)
{
	if (mkdtemp(dir) == NULL)
		return 1;
	char cause[256];

	if ((cf = config_default_full(cause, sizeof(cause))) == NULL) {
		printf("# %s\n", cause);
		return 1;
	}
	RUN(test_happy_path);
	RUN(test_duplicate_waybill);
	RUN(test_severe_held);
	RUN(test_cancel);
	RUN(test_refusals);
	RUN(test_bad_bytes);
	RUN(test_resume);
	RUN(test_time_rules);
	RUN(test_rules_backlog);
	config_free(cf);
	return t_finish(dir);
}
