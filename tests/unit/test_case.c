/*
 * The case state machine: its state names against the schema, and every
 * (state, kind, action, role) combination tried against a real SQLite file.
 * The legal moves succeed and reach the table's state; every other one is
 * refused with a reason and leaves the database byte for byte as it was.
 */
#include <sqlite3.h>
#include <unistd.h>

#include "../t.h"
#include "snapshot.h"
#include "../../common/buf.h"
#include "../../db/db.h"
#include "../../db/db-int.h"
#include "../../station/case.h"
#include "../../station/config.h"
#include "../../station/role.h"

static char dir[64];
static struct st_config *cf;

/* The quoted words of the CHECK on the state of the newest cases table. */
static int
schema_states(char names[][32], int max)
{
	const char *p = NULL, *q;
	int n = 0;

	for (int v = 0; v < DB_SCHEMA_VERSION; v++)
		for (q = db_migrations[v]; (q = strstr(q, "CREATE TABLE cases"));
		    q++)
			p = q;
	if (p == NULL || (p = strstr(p, "CHECK (state IN (")) == NULL)
		return -1;
	for (p += 17; *p && *p != ')' && n < max; p++)
		if (*p == '\'') {
			q = strchr(p + 1, '\'');
			snprintf(names[n++], 32, "%.*s", (int)(q - p - 1), p + 1);
			p = q;
		}
	return n;
}

static void
test_names_match_schema(void)
{
	char names[32][32];
	int n = schema_states(names, 32);

	CHECK(n == CS_COUNT);
	for (int i = 0; i < CS_COUNT; i++) {
		CHECK_STR(case_state_names[i], names[i]);
		CHECK(case_state_parse(names[i]) == i);
	}
	CHECK(case_state_parse("lost") == -1);
}

/* The flows the README and the company's procedures describe. */
static void
test_documented_flows(void)
{
	static const struct { int from, act; unsigned kind, role; int to; } ok[] = {
		{ CS_DRAFT, CA_REGISTER, CK_REPAIR, ROLE_INTAKE, CS_REGISTERED },
		{ CS_DRAFT, CA_HOLD, CK_RETURN, ROLE_INTAKE, CS_HELD },
		{ CS_HELD, CA_ACCEPT, CK_RETURN, ROLE_SUPERVISOR, CS_REGISTERED },
		{ CS_REGISTERED, CA_REPAIR, CK_REPAIR, ROLE_TECHNICIAN,
		    CS_REPAIRED },
		{ CS_REPAIRED, CA_INSPECT_FAIL, CK_REPAIR, ROLE_INSPECTOR,
		    CS_IN_REPAIR },
		{ CS_REPAIRED, CA_INSPECT_PASS, CK_REPAIR, ROLE_INSPECTOR,
		    CS_INSPECTED },
		{ CS_INSPECTED, CA_APPROVE, CK_REPAIR, ROLE_FINANCE,
		    CS_FINANCE_APPROVED },
		{ CS_FINANCE_APPROVED, CA_SHIP, CK_EXCHANGE, ROLE_INTAKE,
		    CS_SHIPPED },
		{ CS_FINANCE_APPROVED, CA_CLOSE, CK_NOREASON7, ROLE_SUPERVISOR,
		    CS_CLOSED },
		{ CS_REJECTED, CA_SHIP, CK_RETURN, ROLE_INTAKE,
		    CS_RETURNED_TO_CUSTOMER },
		{ CS_AT_SUPPLIER, CA_SUPPLIER_BACK, CK_REPAIR, ROLE_TECHNICIAN,
		    CS_BACK_FROM_SUPPLIER },
	};
	static const struct { int from, act; unsigned kind, role; } no[] = {
		{ CS_INSPECTED, CA_APPROVE, CK_REPAIR, ROLE_ADMIN },
		{ CS_FINANCE_APPROVED, CA_SHIP, CK_RETURN, ROLE_INTAKE },
		{ CS_REGISTERED, CA_REPAIR, CK_RETURN, ROLE_TECHNICIAN },
		{ CS_CLOSED, CA_CLOSE, CK_REPAIR, ROLE_SUPERVISOR },
		{ CS_HELD, CA_REGISTER, CK_REPAIR, ROLE_INTAKE },
		{ CS_SHIPPED, CA_REJECT, CK_REPAIR, ROLE_SUPERVISOR },
	};
	int to;

	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		CHECK(case_can(ok[i].from, ok[i].act, ok[i].kind, ok[i].role,
		    &to));
		CHECK(to == ok[i].to);
	}
	for (size_t i = 0; i < sizeof(no) / sizeof(no[0]); i++)
		CHECK(!case_can(no[i].from, no[i].act, no[i].kind, no[i].role,
		    NULL));
}

static const char *const kinds[] = { "repair", "return", "exchange",
    "noreason7" };

struct world {
	struct db		*db;
	char			 path[256];
	struct db_operator	 ops[9];	/* one a role, in role bit order */
	int64_t			 plain, outsourced;	/* product ids */
	int			 seq;
	int			 tried, allowed;
};

static int
world_open(struct world *w, int n)
{
	static const char *const badges[] = { "1", "2", "3", "4", "5", "6",
	    "7", "8", "9" };
	char cause[256];
	struct db_product p;

	memset(w, 0, sizeof(*w));
	snprintf(w->path, sizeof(w->path), "%s/w%d.db", dir, n);
	if ((w->db = db_open(w->path, NULL, cause, sizeof(cause))) == NULL ||
	    db_begin(w->db) == -1)
		return -1;
	for (int i = 0; role_names[i]; i++)
		if (db_operator_add(w->db, badges[i], role_names[i],
		    role_names[i], NULL) == -1 ||
		    db_operator_get(w->db, badges[i], &w->ops[i]) != 1)
			return -1;
	memset(&p, 0, sizeof(p));
	snprintf(p.model, sizeof(p.model), "PLAIN");
	snprintf(p.name, sizeof(p.name), "plain lamp");
	if (db_product_add(w->db, &p, NULL, &w->plain) == -1)
		return -1;
	snprintf(p.model, sizeof(p.model), "SOLAR");
	p.outsourced = 1;
	if (db_product_add(w->db, &p, NULL, &w->outsourced) == -1)
		return -1;
	return db_commit(w->db);
}

/* A committed case of kind in state, set up so that act's guards pass. */
static int
make_case(struct world *w, int state, const char *kind, int act,
    const char *role, struct db_case *c)
{
	char wb[32];
	struct db_item it;

	snprintf(wb, sizeof(wb), "SF%013d", ++w->seq);
	memset(&it, 0, sizeof(it));
	it.quantity = 1;
	it.product_id = act == CA_SUPPLIER_SEND ? w->outsourced : w->plain;
	snprintf(it.model, sizeof(it.model), act == CA_SUPPLIER_SEND ?
	    "SOLAR" : "PLAIN");
	if (db_begin(w->db) == -1 ||
	    db_case_create(w->db, "R", wb, "SF", w->ops[0].id,
	    case_state_names[state], c) == -1 ||
	    db_case_set_kind(w->db, c->id, kind) == -1)
		return -1;
	it.case_id = c->id;
	if (db_item_add(w->db, &it, NULL) == -1 ||
	    db_photo_add(w->db, c->id, "0123456789abcdef0123456789abcdef"
	    "0123456789abcdef0123456789abcdef", "photos/x.jpg", 1,
	    w->ops[0].id) == -1 ||
	    db_signoff_add(w->db, c->id, w->ops[3].id) == -1)
		return -1;
	/* an application whose chain this role signs next, approved when
	 * finance is to sign, sent when its answer is due */
	if (act == CA_APPROVE || act == CA_REVIEW || act == CA_RMA_SENT ||
	    act == CA_RMA_REPLY) {
		struct db_application app;
		int64_t aid;

		memset(&app, 0, sizeof(app));
		app.case_id = c->id;
		snprintf(app.request, sizeof(app.request), "return");
		snprintf(app.reason, sizeof(app.reason), "broken");
		snprintf(app.chain, sizeof(app.chain), "%s", role);
		if (db_application_add(w->db, &app, NULL, 0, w->ops[0].id,
		    &aid) == -1 || (act == CA_APPROVE &&
		    db_application_set_state(w->db, aid, "approved") == -1) ||
		    (act == CA_RMA_REPLY && db_rma_sent(w->db, aid,
		    "2099-01-01T00:00:00Z") == -1))
			return -1;
	}
	if (db_commit(w->db) == -1)
		return -1;
	return db_case_get(w->db, c->id, c) == 1 ? 0 : -1;
}

static void
test_every_combination(void)
{
	struct case_args a;
	struct db_customer cu;
	struct world w;
	const char *st = getenv("STATION_TEST_STRIDE");
	int n = 0, illegal_refused = 0, seen = 0, stride = st ? atoi(st) : 1;

	memset(&a, 0, sizeof(a));
	a.cause = "LED";
	a.supplier = "Sunny Solar";
	a.waybill = "SF9999999999999";
	a.reason = "customer";
	memset(&cu, 0, sizeof(cu));
	cu.name = "Guangming Lighting";
	a.customer = &cu;
	a.request = "return";
	a.host = "1";
	a.verdict = "return";
	a.analysis = "driver failed";
	a.corrective = "new driver";
	a.preventive = "burn-in test";
	a.responsible = "production";
	a.disposal = "scrap";
	a.answer = "accept";
	a.received = "yes";
	for (int s = 0; s < CS_COUNT; s++)
		for (int k = 0; k < 4; k++) {
			CHECK(world_open(&w, n++) == 0);
			for (int act = 0; act < CA_COUNT; act++)
				for (int r = 0; role_names[r]; r++) {
					struct case_move m;
					struct db_case c;
					struct buf reply;
					char before[65], after[65];
					int legal, to = -1, rc;

					/* under valgrind a sample is enough */
					if (++seen % stride)
						continue;
					CHECK(make_case(&w, s, kinds[k], act,
					    role_names[r], &c) == 0);
					legal = case_can(s, act, 1u << k, 1u << r, &to);
					if (!legal)
						snapshot(w.path, before);
					buf_init(&reply);
					memset(&m, 0, sizeof(m));
					m.db = w.db;
					m.cf = cf;
					m.op = &w.ops[r];
					m.c = &c;
					m.act = act;
					m.a = &a;
					m.reply = &reply;
					rc = case_move(&m);
					if (!legal)
						snapshot(w.path, after);
					if (legal && rc != ST_OK)
						printf("#   %s %s %s by %s refused: %s\n",
						    case_state_names[s], kinds[k],
						    case_action_names[act],
						    role_names[r], reply.data);
					if (!legal && rc == ST_OK)
						printf("#   %s %s %s by %s allowed\n",
						    case_state_names[s], kinds[k],
						    case_action_names[act],
						    role_names[r]);
					CHECK(legal ? rc == ST_OK : rc == ST_REFUSED);
					if (legal) {
						CHECK(db_case_get(w.db, c.id, &c) == 1);
						CHECK_STR(c.state, case_state_names[to]);
						CHECK(m.event > 0);
						w.allowed++;
					} else {
						CHECK(reply.len > 0);
						CHECK(strcmp(before, after) == 0);
						illegal_refused++;
					}
					buf_free(&reply);
					w.tried++;
				}
			db_close(w.db);
		}
	printf("# %d combinations refused, all changing nothing\n",
	    illegal_refused);
	CHECK(illegal_refused * stride > 3000);
}

int
main(void)
{
	char cause[256];

	/* thousands of commits: on tmpfs where there is one */
	snprintf(dir, sizeof(dir), "%s/station-test-case-XXXXXX",
	    access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp");
	if (mkdtemp(dir) == NULL)
		return 1;
	if ((cf = config_default_full(cause, sizeof(cause))) == NULL) {
		printf("# %s\n", cause);
		return 1;
	}
	RUN(test_names_match_schema);
	RUN(test_documented_flows);
	RUN(test_every_combination);
	config_free(cf);
	return t_finish(dir);
}
