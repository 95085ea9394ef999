/*
 * The whole case through the state machine on a real SQLite file: money in
 * fen, the approval chain on both sides of gm_amount with a rejection at
 * every step, finance and shipping held until it ends, QC's review, the
 * 45-day RMA clock and the call-back clock with a moved station clock,
 * expected against received, and the customer's phone masked by role.
 * Every refusal leaves the database as it was.
 */
#include <unistd.h>

#include "../t.h"
#include "snapshot.h"
#include "../../common/buf.h"
#include "../../common/clock.h"
#include "../../common/money.h"
#include "../../db/db.h"
#include "../../station/case.h"
#include "../../station/caseview.h"
#include "../../station/config.h"
#include "../../station/expect.h"
#include "../../station/role.h"
#include "../../station/rules.h"

static char dir[64], path[128];
static struct st_config *cf;
static struct db *db;
static int seq;

enum { INTAKE, TECH, QC, FIN, SUP, ADMIN, SERVICE, GM, OFFICE, NOPS };
static struct db_operator ops[NOPS];

static void
test_money(void)
{
	char why[160], s[32];
	int64_t a, b, c;

	/* 0.1 + 0.2 is 0.3, exactly */
	CHECK(money_parse("0.1", &a, why, sizeof(why)) == 0 && a == 10);
	CHECK(money_parse("0.2", &b, why, sizeof(why)) == 0 && b == 20);
	CHECK(money_parse("0.3", &c, why, sizeof(why)) == 0 && a + b == c);
	CHECK(money_parse("1299.5", &a, why, sizeof(why)) == 0 && a == 129950);
	CHECK(money_parse("500", &a, why, sizeof(why)) == 0 && a == 50000);
	CHECK(money_parse("100000000", &a, why, sizeof(why)) == 0 &&
	    a == MONEY_MAX_FEN);
	CHECK(money_parse("100000000.01", &a, why, sizeof(why)) == -1);
	CHECK(money_parse("99999999999999999999", &a, why, sizeof(why)) == -1);
	static const char *const bad[] = { "", "1.234", "-1", "1e3", ".5",
	    "5.", "1,000", " 1", "1 ", "0x10", "１", "1..2", NULL };
	for (int i = 0; bad[i]; i++)
		CHECK(money_parse(bad[i], &a, why, sizeof(why)) == -1);
	money_format(129950, s, sizeof(s));
	CHECK_STR(s, "1299.50");
	money_format(5, s, sizeof(s));
	CHECK_STR(s, "0.05");
	money_format(-100, s, sizeof(s));
	CHECK_STR(s, "-1.00");
}

/* A registered case of kind with one line of qty units of a model. */
static void
make_case(const char *kind, int qty, struct db_case *c)
{
	struct db_item it;
	char wb[32];

	snprintf(wb, sizeof(wb), "SF%013d", ++seq);
	memset(&it, 0, sizeof(it));
	it.quantity = qty;
	snprintf(it.model, sizeof(it.model), "LX-A");
	CHECK(db_begin(db) == 0);
	CHECK(db_case_create(db, "R", wb, "SF", ops[INTAKE].id,
	    case_state_names[CS_REGISTERED], c) == 0);
	CHECK(db_case_set_kind(db, c->id, kind) == 0);
	it.case_id = c->id;
	CHECK(db_item_add(db, &it, NULL) == 0);
	CHECK(db_items_commit(db, c->id) == 0);
	CHECK(db_commit(db) == 0);
	CHECK(db_case_get(db, c->id, c) == 1);
}

/* Runs act on c as operator who; a refusal must change nothing. */
static enum st_result
act(struct db_case *c, int who, enum case_action a, const struct case_args *args,
    struct buf *reply)
{
	char before[65], after[65];
	struct case_move m;
	enum st_result r;

	buf_reset(reply);
	snapshot(path, before);
	memset(&m, 0, sizeof(m));
	m.db = db;
	m.cf = cf;
	m.op = &ops[who];
	m.c = c;
	m.act = a;
	m.a = args;
	m.reply = reply;
	r = case_move(&m);
	snapshot(path, after);
	if (r != ST_OK && strcmp(before, after) != 0) {
		printf("#   a refused %s changed the database\n",
		    case_action_names[a]);
		t_case_failed = 1;
	}
	if (db_case_get(db, c->id, c) != 1)
		t_case_failed = 1;
	return r;
}

static int
said(const struct buf *b, const char *w)
{
	if (b->data && strstr(b->data, w))
		return 1;
	printf("#   said: %s\n", b->data ? b->data : "");
	return 0;
}

static void
apply(struct db_case *c, const char *price, struct buf *r)
{
	struct case_args a;

	memset(&a, 0, sizeof(a));
	a.request = "return";
	a.reason = "driver failed";
	a.prices[0] = price;
	a.nprices = price != NULL;
	CHECK(act(c, SERVICE, CA_APPLY, &a, r) == ST_OK);
}

static enum st_result
sign(struct db_case *c, int who, int reject, struct buf *r)
{
	struct case_args a;

	memset(&a, 0, sizeof(a));
	a.reject = reject;
	a.note = reject ? "too dear" : "ok";
	return act(c, who, CA_REVIEW, &a, r);
}

static void
test_chain(void)
{
	struct db_application app;
	struct case_args none;
	struct db_case c;
	struct buf r;

	buf_init(&r);
	memset(&none, 0, sizeof(none));

	/* 2 x 250.00 = 500.00 yuan: not above gm_amount, the GM's office */
	make_case("return", 2, &c);
	CHECK(act(&c, QC, CA_INSPECT_PASS, &(struct case_args){ .sample = 1 },
	    &r) == ST_OK);
	CHECK(act(&c, FIN, CA_APPROVE, NULL, &r) == ST_REFUSED &&
	    said(&r, "application"));
	CHECK(act(&c, SERVICE, CA_APPLY, &(struct case_args){ .request =
	    "refund", .reason = "x" }, &r) == ST_REFUSED);
	CHECK(act(&c, SERVICE, CA_APPLY, &(struct case_args){ .request =
	    "return", .reason = "x", .prices = { "2=1" }, .nprices = 1 },
	    &r) == ST_REFUSED && said(&r, "no line 2"));
	CHECK(act(&c, SERVICE, CA_APPLY, &(struct case_args){ .request =
	    "return", .reason = "x", .prices = { "1=2.505" }, .nprices = 1 },
	    &r) == ST_REFUSED && said(&r, "two decimals"));
	CHECK(act(&c, TECH, CA_APPLY, &(struct case_args){ .request =
	    "return", .reason = "x" }, &r) == ST_REFUSED);
	apply(&c, "1=250", &r);
	CHECK(db_application_last(db, c.id, &app) == 1);
	CHECK(app.total_fen == 50000);
	CHECK_STR(app.chain, "supervisor,office");
	CHECK(act(&c, SERVICE, CA_APPLY, &(struct case_args){ .request =
	    "return", .reason = "again" }, &r) == ST_REFUSED);
	CHECK(sign(&c, OFFICE, 0, &r) == ST_REFUSED && said(&r, "supervisor"));
	CHECK(sign(&c, GM, 0, &r) == ST_REFUSED);
	CHECK(sign(&c, FIN, 0, &r) == ST_REFUSED);
	CHECK(act(&c, FIN, CA_APPROVE, NULL, &r) == ST_REFUSED &&
	    said(&r, "pending"));
	CHECK(sign(&c, SUP, 0, &r) == ST_OK);
	CHECK(sign(&c, SUP, 0, &r) == ST_REFUSED);
	CHECK(sign(&c, GM, 0, &r) == ST_REFUSED);
	CHECK(act(&c, FIN, CA_APPROVE, NULL, &r) == ST_REFUSED);
	CHECK(sign(&c, OFFICE, 0, &r) == ST_OK && said(&r, "complete"));
	CHECK(db_application_last(db, c.id, &app) == 1);
	CHECK_STR(app.state, "approved");
	CHECK(sign(&c, OFFICE, 0, &r) == ST_REFUSED);
	CHECK(act(&c, FIN, CA_APPROVE, NULL, &r) == ST_OK);
	CHECK_STR(c.state, "finance_approved");

	/* 2 x 250.01 = 500.02 yuan: above, the general manager */
	make_case("exchange", 2, &c);
	CHECK(act(&c, QC, CA_INSPECT_PASS, &(struct case_args){ .sample = 1 },
	    &r) == ST_OK);
	apply(&c, "1=250.01", &r);
	CHECK(db_application_last(db, c.id, &app) == 1);
	CHECK(app.total_fen == 50002);
	CHECK_STR(app.chain, "supervisor,gm");
	CHECK(sign(&c, SUP, 0, &r) == ST_OK);
	CHECK(sign(&c, OFFICE, 0, &r) == ST_REFUSED && said(&r, "gm"));
	/* nothing ships before the chain ends and finance signs */
	CHECK(act(&c, INTAKE, CA_SHIP, &(struct case_args){ .waybill =
	    "SF1234567890123", .reason = "sales" }, &r) == ST_REFUSED);
	CHECK(act(&c, FIN, CA_APPROVE, NULL, &r) == ST_REFUSED);
	CHECK(sign(&c, GM, 0, &r) == ST_OK);
	CHECK(act(&c, FIN, CA_APPROVE, NULL, &r) == ST_OK);
	CHECK(act(&c, INTAKE, CA_SHIP, &(struct case_args){ .waybill =
	    "SF1234567890123", .reason = "sales" }, &r) == ST_OK);

	/* a rejection at the first step, then at the last */
	for (int step = 0; step < 2; step++) {
		make_case("return", 1, &c);
		apply(&c, "1=800", &r);
		if (step == 1)
			CHECK(sign(&c, SUP, 0, &r) == ST_OK);
		CHECK(sign(&c, step ? GM : SUP, 1, &r) == ST_OK &&
		    said(&r, "rejected"));
		CHECK(db_application_last(db, c.id, &app) == 1);
		CHECK_STR(app.state, "rejected");
		CHECK(sign(&c, GM, 0, &r) == ST_REFUSED);
		CHECK(act(&c, QC, CA_INSPECT_PASS, NULL, &r) == ST_OK);
		CHECK(act(&c, FIN, CA_APPROVE, NULL, &r) == ST_REFUSED &&
		    said(&r, "rejected"));
		/* a new application after a rejection */
		apply(&c, "1=100", &r);
		CHECK(sign(&c, SUP, 0, &r) == ST_OK);
		CHECK(sign(&c, OFFICE, 0, &r) == ST_OK);
		CHECK(act(&c, FIN, CA_APPROVE, NULL, &r) == ST_OK);
	}
	buf_free(&r);
}

static void
test_review(void)
{
	struct case_args a;
	struct db_case c;
	struct buf r;

	buf_init(&r);
	make_case("repair", 3, &c);
	CHECK(act(&c, TECH, CA_REPAIR, &(struct case_args){ .cause = "LED" },
	    &r) == ST_OK);
	CHECK(act(&c, QC, CA_INSPECT_FAIL, &(struct case_args){ .sample = 1 },
	    &r) == ST_OK);
	CHECK(act(&c, TECH, CA_REPAIR, &(struct case_args){ .cause = "DRIVER" },
	    &r) == ST_OK);
	CHECK(act(&c, QC, CA_INSPECT_PASS, &(struct case_args){ .sample = 1 },
	    &r) == ST_OK);
	CHECK(act(&c, FIN, CA_APPROVE, NULL, &r) == ST_REFUSED &&
	    said(&r, "failed its inspection"));
	memset(&a, 0, sizeof(a));
	a.host = "9";
	a.attendees[0] = "5";
	a.nattendees = 1;
	a.verdict = "exchange";
	a.analysis = "driver batch 2026-10";
	a.corrective = "replace drivers";
	a.preventive = "incoming inspection";
	a.responsible = "supplier";
	a.disposal = "repair";
	a.scrap = "1";
	a.usable = "1";
	CHECK(act(&c, QC, CA_CAPA, &a, &r) == ST_REFUSED && said(&r,
	    "add up to the 3 units"));
	a.usable = NULL;
	a.cost = "12.3";
	a.host = "4040";
	CHECK(act(&c, QC, CA_CAPA, &a, &r) == ST_REFUSED && said(&r, "badge"));
	a.host = "9";
	a.responsible = "weather";
	CHECK(act(&c, QC, CA_CAPA, &a, &r) == ST_REFUSED);
	a.responsible = "supplier";
	CHECK(act(&c, TECH, CA_CAPA, &a, &r) == ST_REFUSED);
	CHECK(act(&c, QC, CA_CAPA, &a, &r) == ST_OK && said(&r, "1 scrap, 2"));
	CHECK(act(&c, FIN, CA_APPROVE, NULL, &r) == ST_OK);
	buf_free(&r);
}

static int
count(const char *sql)
{
	sqlite3 *h;
	sqlite3_stmt *s;
	int n = -1;

	sqlite3_open_v2(path, &h, SQLITE_OPEN_READONLY, NULL);
	if (sqlite3_prepare_v2(h, sql, -1, &s, NULL) == SQLITE_OK &&
	    sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	sqlite3_close(h);
	return n;
}

static void
test_clocks(void)
{
	struct db_application app;
	struct db_case c, d;
	struct buf r;
	char sql[160];
	time_t next;

	buf_init(&r);
	/* the RMA report: no answer in 45 days is an acceptance */
	make_case("return", 1, &c);
	CHECK(act(&c, QC, CA_RMA_SENT, NULL, &r) == ST_REFUSED);
	apply(&c, NULL, &r);
	CHECK(act(&c, QC, CA_RMA_REPLY, &(struct case_args){ .answer =
	    "accept" }, &r) == ST_REFUSED && said(&r, "rma-sent"));
	CHECK(act(&c, QC, CA_RMA_SENT, NULL, &r) == ST_OK);
	CHECK(act(&c, QC, CA_RMA_SENT, NULL, &r) == ST_REFUSED);
	make_case("return", 1, &d);
	apply(&d, NULL, &r);
	CHECK(act(&d, SERVICE, CA_RMA_SENT, NULL, &r) == ST_OK);
	CHECK(act(&d, SERVICE, CA_RMA_REPLY, &(struct case_args){ .answer =
	    "dispute", .note = "wants a refund" }, &r) == ST_OK);
	clock_set_offset(44 * 86400);
	CHECK(rules_check(db, cf, clock_wall(), &next) >= 0);
	CHECK(db_application_last(db, c.id, &app) == 1);
	CHECK(app.rma_reply[0] == '\0');
	CHECK(next > clock_wall() && next <= clock_wall() + 2 * 86400);
	clock_set_offset(46 * 86400);
	CHECK(rules_check(db, cf, clock_wall(), &next) >= 1);
	CHECK(db_application_last(db, c.id, &app) == 1);
	CHECK_STR(app.rma_reply, "accepted_no_reply");
	CHECK(db_application_last(db, d.id, &app) == 1);
	CHECK_STR(app.rma_reply, "disputed");
	CHECK(count("SELECT count(*) FROM audit WHERE action ="
	    " 'case.rma_timeout'") == 1);
	CHECK(act(&c, SERVICE, CA_RMA_REPLY, &(struct case_args){ .answer =
	    "accept" }, &r) == ST_REFUSED);
	clock_set_offset(0);

	/* the call back: due callback_days after shipping */
	make_case("repair", 1, &c);
	CHECK(act(&c, SERVICE, CA_CALLBACK, &(struct case_args){ .received =
	    "yes" }, &r) == ST_REFUSED);
	CHECK(act(&c, TECH, CA_REPAIR, &(struct case_args){ .cause = "LED" },
	    &r) == ST_OK);
	CHECK(act(&c, QC, CA_INSPECT_PASS, NULL, &r) == ST_OK);
	CHECK(act(&c, FIN, CA_APPROVE, NULL, &r) == ST_OK);
	CHECK(act(&c, INTAKE, CA_SHIP, &(struct case_args){ .waybill =
	    "SF7777777777777" }, &r) == ST_OK);
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM breaches WHERE rule ="
	    " 'callback' AND resolved_at IS NULL AND case_id = %lld",
	    (long long)c.id);
	clock_set_offset(2 * 86400);
	CHECK(rules_check(db, cf, clock_wall(), &next) >= 0);
	CHECK(count(sql) == 0);
	clock_set_offset(4 * 86400);
	CHECK(rules_check(db, cf, clock_wall(), &next) >= 1);
	CHECK(count(sql) == 1);
	CHECK(act(&c, TECH, CA_CALLBACK, &(struct case_args){ .received =
	    "yes" }, &r) == ST_REFUSED);
	CHECK(act(&c, SERVICE, CA_CALLBACK, &(struct case_args){ .received =
	    "yes", .satisfaction = "6" }, &r) == ST_REFUSED);
	CHECK(act(&c, SERVICE, CA_CALLBACK, &(struct case_args){ .received =
	    "yes", .satisfaction = "4", .note = "all good" }, &r) == ST_OK);
	CHECK(count(sql) == 0);
	clock_set_offset(0);
	buf_free(&r);
}

static void
test_expected(void)
{
	static const char *const items[] = { "LX-A:2:3000", "LX-B:1", "LX-C:1" };
	struct expect_in e;
	struct db_case c;
	struct db_item it;
	struct buf r;

	buf_init(&r);
	memset(&e, 0, sizeof(e));
	e.waybill = "sf5555555555555";
	e.cu.name = "光明照明 Guangming Lighting";
	e.cu.phone = "13812345678";
	e.cu.address = "广东省中山市古镇镇灯都大道1号";
	e.nitems = 3;
	memcpy(e.items, items, sizeof(items));
	CHECK(db_begin(db) == 0);
	CHECK(expect_add(db, cf, &ops[SERVICE], &e, &r) == 1);
	CHECK(db_commit(db) == 0);
	CHECK(db_begin(db) == 0);
	CHECK(expect_add(db, cf, &ops[SERVICE], &e, &r) == 0 &&
	    said(&r, "already"));
	e.waybill = "NOTAWAYBILL";
	CHECK(expect_add(db, cf, &ops[SERVICE], &e, &r) == 0);
	e.waybill = "SF5555555555556";
	e.items[0] = "LX-Z:1";
	CHECK(expect_add(db, cf, &ops[SERVICE], &e, &r) == 0 &&
	    said(&r, "catalogue"));
	e.items[0] = "LX-A:0";
	CHECK(expect_add(db, cf, &ops[SERVICE], &e, &r) == 0);
	e.items[0] = "LX-A:1";
	e.cu.phone = "call me";
	CHECK(expect_add(db, cf, &ops[SERVICE], &e, &r) == 0);
	db_rollback(db);

	/* it arrives: the case takes the customer */
	CHECK(db_begin(db) == 0);
	CHECK(db_case_create(db, "R", "SF5555555555555", "SF", ops[INTAKE].id,
	    case_state_names[CS_DRAFT], &c) == 0);
	CHECK(expect_match(db, &c) == 1);
	CHECK(db_case_set_kind(db, c.id, "return") == 0);
	memset(&it, 0, sizeof(it));
	it.case_id = c.id;
	snprintf(it.model, sizeof(it.model), "LX-A");
	it.quantity = 1;
	it.cct = 4000;
	CHECK(db_item_add(db, &it, NULL) == 0);
	snprintf(it.model, sizeof(it.model), "LX-B");
	it.cct = 0;
	CHECK(db_item_add(db, &it, NULL) == 0);
	snprintf(it.model, sizeof(it.model), "LX-D");
	CHECK(db_item_add(db, &it, NULL) == 0);
	CHECK(db_commit(db) == 0);
	CHECK(db_case_get(db, c.id, &c) == 1);
	CHECK_STR(c.customer, "光明照明 Guangming Lighting");
	CHECK(act(&c, INTAKE, CA_REGISTER, NULL, &r) == ST_OK);
	printf("# mismatch: %s\n", c.mismatch);
	CHECK(strstr(c.mismatch, "LX-A quantity 2 expected, 1 received") != NULL);
	CHECK(strstr(c.mismatch, "LX-A 3000K expected, 4000K received") != NULL);
	CHECK(strstr(c.mismatch, "LX-C x1 expected, not received") != NULL);
	CHECK(strstr(c.mismatch, "LX-D x1 received, not expected") != NULL);
	CHECK(strstr(c.mismatch, "LX-B") == NULL);

	/* the phone and address by role */
	struct buf v;

	buf_init(&v);
	caseview_text(db, &v, &c, ROLE_TECHNICIAN | ROLE_INSPECTOR);
	CHECK(strstr(v.data, "138****5678") != NULL);
	CHECK(strstr(v.data, "13812345678") == NULL);
	CHECK(strstr(v.data, "灯都大道") == NULL);
	buf_reset(&v);
	caseview_text(db, &v, &c, 0);
	CHECK(strstr(v.data, "13812345678") == NULL);
	for (unsigned role = ROLE_FINANCE; role <= ROLE_SERVICE; role <<= 1)
		if (role & ROLE_SEES_CONTACT) {
			buf_reset(&v);
			caseview_text(db, &v, &c, role);
			CHECK(strstr(v.data, "13812345678") != NULL);
			CHECK(strstr(v.data, "灯都大道1号") != NULL);
		}
	buf_free(&v);

	/* customer data on any case, by service, intake or supervisor */
	struct db_customer cu = { .phone = "0760-2222 3333" };

	CHECK(act(&c, TECH, CA_CUSTOMER, &(struct case_args){ .customer = &cu },
	    &r) == ST_REFUSED);
	cu.phone = "phone";
	CHECK(act(&c, SERVICE, CA_CUSTOMER, &(struct case_args){ .customer =
	    &cu }, &r) == ST_REFUSED);
	cu.phone = "0760-2222 3333";
	CHECK(act(&c, SERVICE, CA_CUSTOMER, &(struct case_args){ .customer =
	    &cu }, &r) == ST_OK);
	CHECK_STR(c.phone, "0760-2222 3333");
	CHECK_STR(c.customer, "光明照明 Guangming Lighting");
	buf_free(&r);
}

int
main(void)
{
	static const char *const roles[NOPS] = { "intake", "technician",
	    "inspector", "finance", "supervisor", "admin", "service", "gm",
	    "office" };
	static const char *const models[] = { "LX-A", "LX-B", "LX-C", "LX-D" };
	char cause[256];

	snprintf(dir, sizeof(dir), "%s/station-test-whole-XXXXXX",
	    access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp");
	if (mkdtemp(dir) == NULL)
		return 1;
	snprintf(path, sizeof(path), "%s/w.db", dir);
	if ((cf = config_default_full(cause, sizeof(cause))) == NULL ||
	    (db = db_open(path, NULL, cause, sizeof(cause))) == NULL) {
		printf("# %s\n", cause);
		return 1;
	}
	db_begin(db);
	for (int i = 0; i < NOPS; i++) {
		char badge[8];

		snprintf(badge, sizeof(badge), "%d", i + 1);
		db_operator_add(db, badge, roles[i], roles[i], NULL);
		db_operator_get(db, badge, &ops[i]);
	}
	for (size_t i = 0; i < sizeof(models) / sizeof(models[0]); i++) {
		struct db_product p;

		memset(&p, 0, sizeof(p));
		snprintf(p.model, sizeof(p.model), "%s", models[i]);
		snprintf(p.name, sizeof(p.name), "lamp %s", models[i]);
		db_product_add(db, &p, NULL, NULL);
	}
	db_commit(db);
	RUN(test_money);
	RUN(test_chain);
	RUN(test_review);
	RUN(test_clocks);
	RUN(test_expected);
	db_close(db);
	config_free(cf);
	return t_finish(dir);
}
