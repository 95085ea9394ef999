/* The case state machine (see case.h). All state changes go through here. */
#define _POSIX_C_SOURCE 200809L
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/buf.h"
#include "../common/json.h"
#include "../common/log.h"
#include "../common/clock.h"
#include "../common/money.h"
#include "../db/db.h"
#include "case.h"
#include "config.h"
#include "expect.h"
#include "labelq.h"
#include "role.h"
#include "rules.h"
#include "scan.h"

/* In the order of the schema's CHECK list (tests/unit/test_case.c). */
const char *const case_state_names[CS_COUNT] = {
	[CS_DRAFT] = "draft",
	[CS_HELD] = "held",
	[CS_REGISTERED] = "registered",
	[CS_IN_REPAIR] = "in_repair",
	[CS_REPAIRED] = "repaired",
	[CS_AT_SUPPLIER] = "at_supplier",
	[CS_BACK_FROM_SUPPLIER] = "back_from_supplier",
	[CS_INSPECTED] = "inspected",
	[CS_FINANCE_APPROVED] = "finance_approved",
	[CS_SHIPPED] = "shipped",
	[CS_REJECTED] = "rejected",
	[CS_RETURNED_TO_CUSTOMER] = "returned_to_customer",
	[CS_CLOSED] = "closed",
	[CS_CANCELLED] = "cancelled",
};

const char *const case_action_names[CA_COUNT] = {
	[CA_REGISTER] = "register",
	[CA_HOLD] = "hold",
	[CA_CANCEL] = "cancel",
	[CA_ACCEPT] = "accept",
	[CA_REPAIR] = "repair",
	[CA_SUPPLIER_SEND] = "supplier_send",
	[CA_SUPPLIER_BACK] = "supplier_back",
	[CA_INSPECT_PASS] = "inspect_pass",
	[CA_INSPECT_FAIL] = "inspect_fail",
	[CA_APPROVE] = "approve",
	[CA_SHIP] = "ship",
	[CA_REJECT] = "reject",
	[CA_CLOSE] = "close",
	[CA_CUSTOMER] = "customer",
	[CA_APPLY] = "apply",
	[CA_REVIEW] = "review",
	[CA_CAPA] = "capa",
	[CA_RMA_SENT] = "rma_sent",
	[CA_RMA_REPLY] = "rma_reply",
	[CA_CALLBACK] = "callback",
};

/* A guard: 1 allowed, 0 refused (reason in m->reply), -1 store failed. */
typedef int (*guard_fn)(struct case_move *);

struct transition {
	unsigned		froms;	/* S() bits of the states it leaves */
	enum case_action	act;
	int			to;	/* SAME: the state stays */
	unsigned		roles;	/* any of these */
	unsigned		kinds;	/* 0: any kind, or none yet */
	guard_fn		guard;	/* NULL: none */
};

static int	g_registrable(struct case_move *);
static int	g_photo(struct case_move *);
static int	g_outsourced_first(struct case_move *);
static int	g_has_outsourced(struct case_move *);
static int	g_sample(struct case_move *);
static int	g_exchange_reason(struct case_move *);
static int	g_no_application(struct case_move *);
static int	g_finance_ready(struct case_move *);
static int	g_chain_next(struct case_move *);
static int	g_rma_unsent(struct case_move *);
static int	g_rma_waiting(struct case_move *);

#define S(st)	(1u << (st))
#define SAME	CS_COUNT
#define ANY	((1u << CS_COUNT) - 1)
/* before finance signs: where an application, its chain and a review are
 * made */
#define OPEN	(S(CS_HELD) | S(CS_REGISTERED) | S(CS_IN_REPAIR) | \
	    S(CS_REPAIRED) | S(CS_AT_SUPPLIER) | S(CS_BACK_FROM_SUPPLIER) | \
	    S(CS_INSPECTED))
#define SENT	(S(CS_SHIPPED) | S(CS_RETURNED_TO_CUSTOMER) | S(CS_CLOSED))
#define DESK	(ROLE_INTAKE | ROLE_SUPERVISOR)
#define TECH	ROLE_TECHNICIAN
#define QC	ROLE_INSPECTOR
#define FIN	ROLE_FINANCE
#define SUP	ROLE_SUPERVISOR
#define CS	ROLE_SERVICE
#define CHAIN	(ROLE_SUPERVISOR | ROLE_GM | ROLE_OFFICE)
#define CK_ALL	(CK_REPAIR | CK_RETURN | CK_EXCHANGE | CK_NOREASON7)
#define CK_GOODS (CK_RETURN | CK_EXCHANGE | CK_NOREASON7)

static const struct transition table[] = {
	/* intake */
	{ S(CS_DRAFT), CA_REGISTER, CS_REGISTERED, DESK, 0, g_registrable },
	{ S(CS_REGISTERED), CA_REGISTER, CS_REGISTERED, DESK, 0, g_registrable },
	{ S(CS_DRAFT), CA_HOLD, CS_HELD, DESK, 0, g_registrable },
	{ S(CS_HELD), CA_HOLD, CS_HELD, DESK, 0, g_registrable },
	{ S(CS_REGISTERED), CA_HOLD, CS_HELD, DESK, 0, g_registrable },
	{ S(CS_DRAFT), CA_CANCEL, CS_CANCELLED, DESK, 0, NULL },
	{ S(CS_HELD), CA_ACCEPT, CS_REGISTERED, SUP, 0, g_photo },
	/* repair */
	{ S(CS_REGISTERED), CA_REPAIR, CS_REPAIRED, TECH, CK_REPAIR,
	    g_outsourced_first },
	{ S(CS_IN_REPAIR), CA_REPAIR, CS_REPAIRED, TECH, CK_REPAIR,
	    g_outsourced_first },
	{ S(CS_BACK_FROM_SUPPLIER), CA_REPAIR, CS_REPAIRED, TECH, CK_REPAIR, NULL },
	{ S(CS_REGISTERED), CA_SUPPLIER_SEND, CS_AT_SUPPLIER, TECH | SUP, CK_REPAIR,
	    g_has_outsourced },
	{ S(CS_IN_REPAIR), CA_SUPPLIER_SEND, CS_AT_SUPPLIER, TECH | SUP, CK_REPAIR,
	    g_has_outsourced },
	{ S(CS_AT_SUPPLIER), CA_SUPPLIER_BACK, CS_BACK_FROM_SUPPLIER, TECH | SUP,
	    CK_REPAIR, NULL },
	/* inspection: a failed repair goes back to the bench */
	{ S(CS_REPAIRED), CA_INSPECT_PASS, CS_INSPECTED, QC, CK_REPAIR, g_sample },
	{ S(CS_REPAIRED), CA_INSPECT_FAIL, CS_IN_REPAIR, QC, CK_REPAIR, g_sample },
	{ S(CS_REGISTERED), CA_INSPECT_PASS, CS_INSPECTED, QC, CK_GOODS, g_sample },
	{ S(CS_REGISTERED), CA_INSPECT_FAIL, CS_INSPECTED, QC, CK_GOODS, g_sample },
	/* finance, shipping, rejection, closing */
	{ S(CS_INSPECTED), CA_APPROVE, CS_FINANCE_APPROVED, FIN, 0,
	    g_finance_ready },
	{ S(CS_REJECTED), CA_APPROVE, CS_REJECTED, FIN, 0, NULL },
	{ S(CS_FINANCE_APPROVED), CA_SHIP, CS_SHIPPED, DESK,
	    CK_REPAIR | CK_EXCHANGE, g_exchange_reason },
	{ S(CS_REJECTED), CA_SHIP, CS_RETURNED_TO_CUSTOMER, DESK, 0, NULL },
	{ S(CS_HELD), CA_REJECT, CS_REJECTED, SUP | QC | ROLE_INTAKE, 0, NULL },
	{ S(CS_REGISTERED), CA_REJECT, CS_REJECTED, SUP | QC | ROLE_INTAKE, 0,
	    NULL },
	{ S(CS_INSPECTED), CA_REJECT, CS_REJECTED, SUP | QC | ROLE_INTAKE, 0, NULL },
	{ S(CS_SHIPPED), CA_CLOSE, CS_CLOSED, SUP, 0, NULL },
	{ S(CS_RETURNED_TO_CUSTOMER), CA_CLOSE, CS_CLOSED, SUP, 0, NULL },
	{ S(CS_FINANCE_APPROVED), CA_CLOSE, CS_CLOSED, SUP,
	    CK_RETURN | CK_NOREASON7, NULL },
	/* customer service, the application and its chain, QC's review, the
	 * answer to the customer, the call back: records, not moves */
	{ ANY & ~S(CS_CANCELLED), CA_CUSTOMER, SAME, CS | DESK, 0, NULL },
	{ OPEN, CA_APPLY, SAME, CS | DESK, 0, g_no_application },
	{ OPEN, CA_REVIEW, SAME, CHAIN, 0, g_chain_next },
	{ OPEN | S(CS_REJECTED), CA_CAPA, SAME, QC | SUP, 0, NULL },
	{ ANY & ~(S(CS_DRAFT) | S(CS_CANCELLED)), CA_RMA_SENT, SAME,
	    QC | SUP | CS, 0, g_rma_unsent },
	{ ANY & ~(S(CS_DRAFT) | S(CS_CANCELLED)), CA_RMA_REPLY, SAME,
	    CS | QC | SUP, 0, g_rma_waiting },
	{ SENT, CA_CALLBACK, SAME, CS | SUP, 0, NULL },
};
#define NTABLE (sizeof(table) / sizeof(table[0]))

static int	v_repair(struct case_move *);
static int	v_supplier(struct case_move *);
static int	v_inspect(struct case_move *);
static int	v_ship(struct case_move *);
static int	v_reject(struct case_move *);
static int	g_finance_signed(struct case_move *);
static int	e_register(struct case_move *);
static int	e_cancel(struct case_move *);
static int	e_accept(struct case_move *);
static int	e_repair(struct case_move *);
static int	e_supplier_send(struct case_move *);
static int	e_supplier_back(struct case_move *);
static int	e_inspect(struct case_move *);
static int	e_approve(struct case_move *);
static int	e_ship(struct case_move *);
static int	e_reject(struct case_move *);
static int	v_customer(struct case_move *);
static int	v_apply(struct case_move *);
static int	v_review(struct case_move *);
static int	v_capa(struct case_move *);
static int	v_rma_reply(struct case_move *);
static int	v_callback(struct case_move *);
static int	e_customer(struct case_move *);
static int	e_apply(struct case_move *);
static int	e_review(struct case_move *);
static int	e_capa(struct case_move *);
static int	e_rma_sent(struct case_move *);
static int	e_rma_reply(struct case_move *);
static int	e_callback(struct case_move *);

/*
 * What each action is besides its rows: how it is said, the audit action,
 * its argument check, a guard said before the state is looked at (the rule
 * people must know), and the records it writes besides the state.
 */
static const struct action_def {
	const char	*verb;
	const char	*audit;
	guard_fn	 args;
	guard_fn	 first;
	int		(*effect)(struct case_move *);
} actions[CA_COUNT] = {
	[CA_REGISTER] = { "register", "case.register", NULL, NULL, e_register },
	[CA_HOLD] = { "hold", "case.held", NULL, NULL, e_register },
	[CA_CANCEL] = { "cancel", "case.cancel", NULL, NULL, e_cancel },
	[CA_ACCEPT] = { "accept", "case.accept", NULL, NULL, e_accept },
	[CA_REPAIR] = { "repair", "case.repair", v_repair, NULL, e_repair },
	[CA_SUPPLIER_SEND] = { "send to the supplier", "case.supplier_send",
	    v_supplier, NULL, e_supplier_send },
	[CA_SUPPLIER_BACK] = { "take back from the supplier",
	    "case.supplier_back", NULL, NULL, e_supplier_back },
	[CA_INSPECT_PASS] = { "inspect", "case.inspect_pass", v_inspect, NULL,
	    e_inspect },
	[CA_INSPECT_FAIL] = { "inspect", "case.inspect_fail", v_inspect, NULL,
	    e_inspect },
	[CA_APPROVE] = { "approve", "case.approve", NULL, NULL, e_approve },
	[CA_SHIP] = { "ship", "case.ship", v_ship, g_finance_signed, e_ship },
	[CA_REJECT] = { "reject", "case.reject", v_reject, NULL, e_reject },
	[CA_CLOSE] = { "close", "case.close", NULL, NULL, NULL },
	[CA_CUSTOMER] = { "set the customer of", "case.customer", v_customer,
	    NULL, e_customer },
	[CA_APPLY] = { "file an application for", "case.apply", v_apply, NULL,
	    e_apply },
	[CA_REVIEW] = { "sign the application of", "case.review", v_review,
	    NULL, e_review },
	[CA_CAPA] = { "hold a QC review of", "case.capa", v_capa, NULL, e_capa },
	[CA_RMA_SENT] = { "send the RMA report of", "case.rma_sent", NULL,
	    NULL, e_rma_sent },
	[CA_RMA_REPLY] = { "record the RMA answer of", "case.rma_reply",
	    v_rma_reply, NULL, e_rma_reply },
	[CA_CALLBACK] = { "record a call back for", "case.callback",
	    v_callback, NULL, e_callback },
};

int
case_state_parse(const char *s)
{
	for (int i = 0; i < CS_COUNT; i++)
		if (strcmp(case_state_names[i], s) == 0)
			return i;
	return -1;
}

int
case_state_intake_open(int s)
{
	return s == CS_DRAFT || s == CS_HELD || s == CS_REGISTERED;
}

int
case_state_labelled(int s)
{
	return s >= 0 && s != CS_DRAFT && s != CS_CANCELLED;
}

int
case_state_final(int s)
{
	return s == CS_CLOSED || s == CS_CANCELLED;
}

static int
refuse(struct case_move *m, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static int
refuse(struct case_move *m, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	buf_puts(m->reply, msg);
	return 0;
}

/* --- guards --- */

static int
g_registrable(struct case_move *m)
{
	int n;

	if (m->c->kind[0] == '\0')
		return refuse(m, "scan the kind first: %%KIND:REPAIR, RETURN,"
		    " EXCHANGE or NOREASON7 / 请先扫描类型");
	if (db_items_count(m->db, m->c->id, &n) == -1)
		return -1;
	if (n == 0)
		return refuse(m, "case %s has no items: scan a model first"
		    " / 案件没有物品", m->c->case_no);
	return 1;
}

static int
g_photo(struct case_move *m)
{
	int n;

	if (db_photo_count(m->db, m->c->id, &n) == -1)
		return -1;
	if (n == 0)
		return refuse(m, "case %s is severely damaged: attach at least one"
		    " photo (stationctl case photo) before accepting it"
		    " / 请先上传照片", m->c->case_no);
	return 1;
}

static int
g_outsourced_first(struct case_move *m)
{
	int n;

	if (db_case_outsourced(m->db, m->c->id, &n) == -1)
		return -1;
	if (n > 0)
		return refuse(m, "case %s holds outsourced products: send it to"
		    " the supplier first (case supplier send) / 外协产品请先寄回"
		    "供应商", m->c->case_no);
	return 1;
}

static int
g_has_outsourced(struct case_move *m)
{
	int n;

	if (db_case_outsourced(m->db, m->c->id, &n) == -1)
		return -1;
	if (n == 0)
		return refuse(m, "case %s holds no outsourced product; repair it"
		    " here / 非外协产品", m->c->case_no);
	return 1;
}

/* A batch return is sampled: at least 10 % of its units, rounded up. */
static int
g_sample(struct case_move *m)
{
	int qty = m->qty, s = m->a->sample, need = (qty + 9) / 10;

	if (qty > 1) {
		if (s <= 0)
			return refuse(m, "case %s returned %d units: give the"
			    " sample size (--sample N, at least %d) / 批量退货需"
			    "记录抽检数量", m->c->case_no, qty, need);
		if (s < need || s > qty)
			return refuse(m, "a sample of %d of %d units is %s: the"
			    " sample must be at least 10 %% of the units (%d) and"
			    " at most all of them / 抽检数量不符合要求", s, qty,
			    s < need ? "too small" : "more than returned", need);
	} else if (s > qty)
		return refuse(m, "a sample of %d is more than the %d returned", s,
		    qty);
	return 1;
}

static int
reason_ok(const char *r)
{
	return r && (!strcmp(r, "customer") || !strcmp(r, "sales") ||
	    !strcmp(r, "shipping"));
}

static int
g_exchange_reason(struct case_move *m)
{
	if (case_kind_bit(m->c->kind) == CK_EXCHANGE && !reason_ok(m->a->reason))
		return refuse(m, "an exchange ships with --reason customer, sales"
		    " or shipping / 换货需注明原因");
	return 1;
}

/* Nothing ships, not even back to the customer, without finance. */
static int
g_finance_signed(struct case_move *m)
{
	int n;

	if (db_signoff_count(m->db, m->c->id, &n) == -1)
		return -1;
	if (n == 0)
		return refuse(m, "finance has not signed off case %s: nothing"
		    " ships without it / 财务未签字，不能发货", m->c->case_no);
	return 1;
}

/* --- arguments --- */

static int
v_repair(struct case_move *m)
{
	const struct case_args *a = m->a;
	struct db_cause cause;
	int rc;

	if (a->cause == NULL)
		return refuse(m, "repair needs a cause: see stationctl cause list"
		    " / 请选择故障原因");
	if ((rc = db_cause_get(m->db, a->cause, &cause)) != 1)
		return rc == -1 ? -1 : refuse(m, "unknown cause '%.32s': see"
		    " stationctl cause list / 未知故障原因", a->cause);
	if (a->note && !scan_text_ok("--note", a->note, 1024, m->reply))
		return 0;
	for (int i = 0; i < a->nparts; i++) {
		if (a->parts[i].qty < 1 || a->parts[i].qty > 9999)
			return refuse(m, "part %s: quantity must be 1 to 9999",
			    a->parts[i].code);
		if (!scan_text_ok("part code", a->parts[i].code, 64, m->reply))
			return 0;
	}
	return 1;
}

static int
v_supplier(struct case_move *m)
{
	return scan_text_ok("--supplier", m->a->supplier, 128, m->reply);
}

static int
v_inspect(struct case_move *m)
{
	if (db_case_qty(m->db, m->c->id, &m->qty) == -1)
		return -1;
	if (m->a->note && !scan_text_ok("--note", m->a->note, 1024, m->reply))
		return 0;
	return 1;
}

static void	ship_waybill(const struct case_move *, char *, size_t);

static int
v_ship(struct case_move *m)
{
	char wb[65];

	if (!scan_text_ok("--waybill", m->a->waybill, 64, m->reply))
		return 0;
	/* the outbound waybill is a waybill of a known carrier, like any
	 * scanned at the desk */
	ship_waybill(m, wb, sizeof(wb));
	if (carrier_match(&m->cf->carriers, wb) == NULL)
		return refuse(m, "%s is no waybill of a known carrier (see"
		    " [carriers]) / 运单号格式不符", wb);
	if (m->a->reason && !reason_ok(m->a->reason))
		return refuse(m, "--reason is customer, sales or shipping");
	return 1;
}

static int
v_reject(struct case_move *m)
{
	return scan_text_ok("--reason", m->a->reason, 256, m->reply);
}

int
case_phone_ok(const char *v, struct buf *why)
{
	int digits = 0;
	size_t n = strlen(v);

	for (const char *p = v; *p; p++) {
		if (*p >= '0' && *p <= '9')
			digits++;
		else if (!strchr("+-() ", *p)) {
			buf_puts(why, "--phone has digits, spaces and + - ( )"
			    " only / 电话格式错误");
			return 0;
		}
	}
	if (n > 32 || digits < 5) {
		buf_puts(why, "--phone needs 5 to 32 characters with at least 5"
		    " digits / 电话格式错误");
		return 0;
	}
	return 1;
}

/* --- the application, its chain, the review, the answer, the call --- */

static int
one_of(const char *v, const char *const *words)
{
	for (; v && *words; words++)
		if (strcmp(v, *words) == 0)
			return 1;
	return 0;
}

static const char *const requests[] = { "return", "exchange", "claim",
    "repair", "other", NULL };
static const char *const verdicts[] = { "return", "exchange", "claim",
    "other", NULL };
static const char *const parties[] = { "customer", "sales", "shipping",
    "production", "supplier", "carrier", NULL };
static const char *const disposals[] = { "repair", "scrap", "other", NULL };

/* The case's newest application into *app: 1, 0 none, -1 store failed. */
static int
last_application(struct case_move *m, struct db_application *app)
{
	return db_application_last(m->db, m->c->id, app);
}

static int
g_no_application(struct case_move *m)
{
	struct db_application app;
	int rc = last_application(m, &app);

	if (rc == -1)
		return -1;
	if (rc == 1 && strcmp(app.state, "rejected") != 0)
		return refuse(m, "case %s has an application already (%s): a new"
		    " one may be made only after it is rejected / 已有申请",
		    m->c->case_no, app.state);
	return 1;
}

/* Who signs step i of the stored chain "supervisor,gm". */
static int
chain_step(const char *chain, int i, char *role, size_t len)
{
	const char *p = chain;

	for (int k = 0; k < i && p; k++)
		if ((p = strchr(p, ',')) != NULL)
			p++;
	if (p == NULL || *p == '\0')
		return -1;
	snprintf(role, len, "%.*s", (int)strcspn(p, ","), p);
	return 0;
}

static int
chain_len(const char *chain)
{
	int n = 1;

	for (const char *p = chain; *p; p++)
		n += *p == ',';
	return n;
}

/* The next step of the pending application is one of the operator's. */
static int
g_chain_next(struct case_move *m)
{
	struct db_application app;
	int rc = last_application(m, &app), done;
	char names[96];

	if (rc == -1)
		return -1;
	if (rc == 0)
		return refuse(m, "case %s has no application: customer service"
		    " files one first (case apply) / 尚无退换货申请",
		    m->c->case_no);
	if (strcmp(app.state, "pending") != 0)
		return refuse(m, "the application of case %s is %s already"
		    " / 申请已审批完毕", m->c->case_no, app.state);
	if (db_approval_count(m->db, app.id, &done) == -1)
		return -1;
	m->app_id = app.id;
	m->app_step = done;
	m->app_steps = chain_len(app.chain);
	if (chain_step(app.chain, done, m->step_role, sizeof(m->step_role))
	    == -1)
		return refuse(m, "the application's chain '%s' is broken",
		    app.chain);
	if (!(role_mask(m->op->roles) & role_mask(m->step_role))) {
		role_list(role_mask(m->op->roles), ",", names, sizeof(names));
		return refuse(m, "step %d of %d of case %s's application is signed"
		    " by the %s; %s is %s / 当前审批步骤不属于你", done + 1,
		    m->app_steps, m->c->case_no, m->step_role, m->op->name,
		    names);
	}
	return 1;
}

/* Finance signs only what the chain approved and QC reviewed. */
static int
g_finance_ready(struct case_move *m)
{
	struct db_application app;
	int rc = last_application(m, &app), n, big;

	if (rc == -1)
		return -1;
	if (rc == 0 && (m->cf->apply_kinds & case_kind_bit(m->c->kind)))
		return refuse(m, "case %s (%s) needs an approved return"
		    " application before finance signs: case apply / 需先提交退换"
		    "货申请并审批", m->c->case_no, m->c->kind);
	if (rc == 1 && strcmp(app.state, "approved") != 0)
		return refuse(m, "the application of case %s is %s: its approval"
		    " chain (%s) must end first / 审批未完成", m->c->case_no,
		    app.state, app.chain);
	if (db_inspection_failed(m->db, m->c->id, &n) == -1 ||
	    db_breach_known(m->db, m->c->id, "large_batch", &big) == -1)
		return -1;
	if (n == 0 && !big)
		return 1;
	if (db_review_count(m->db, m->c->id, &n) == -1)
		return -1;
	if (n == 0)
		return refuse(m, "case %s %s: QC holds a review first (case capa)"
		    " / 需先进行品质会审", m->c->case_no, big ?
		    "is a large batch" : "failed its inspection");
	return 1;
}

static int
g_rma_unsent(struct case_move *m)
{
	struct db_application app;
	int rc = last_application(m, &app);

	if (rc == -1)
		return -1;
	if (rc == 0)
		return refuse(m, "case %s has no application to answer / 尚无"
		    "退换货申请", m->c->case_no);
	if (app.rma_sent_at[0])
		return refuse(m, "the RMA report of case %s was sent already"
		    " / 答复报告已发出", m->c->case_no);
	m->app_id = app.id;
	return 1;
}

static int
g_rma_waiting(struct case_move *m)
{
	struct db_application app;
	int rc = last_application(m, &app);

	if (rc == -1)
		return -1;
	if (rc == 0 || app.rma_sent_at[0] == '\0')
		return refuse(m, "no RMA report of case %s was sent: case rma-sent"
		    " first / 答复报告尚未发出", m->c->case_no);
	if (app.rma_reply[0])
		return refuse(m, "case %s's RMA report was answered already (%s)"
		    " / 已答复", m->c->case_no, app.rma_reply);
	m->app_id = app.id;
	return 1;
}

static int
text_ok(struct case_move *m, const char *what, const char *v, size_t max)
{
	return v == NULL || scan_text_ok(what, v, max, m->reply);
}

static int
v_customer(struct case_move *m)
{
	const struct db_customer *cu = m->a->customer;

	if (cu == NULL || (!cu->name && !cu->contact && !cu->phone &&
	    !cu->address && !cu->service_rep && !cu->order_no &&
	    !cu->complaint))
		return refuse(m, "give what to set: --name, --contact, --phone,"
		    " --address, --service-rep, --order or --complaint");
	if (!text_ok(m, "--name", cu->name, 128) ||
	    !text_ok(m, "--contact", cu->contact, 64) ||
	    !text_ok(m, "--address", cu->address, 256) ||
	    !text_ok(m, "--service-rep", cu->service_rep, 64) ||
	    !text_ok(m, "--order", cu->order_no, 64) ||
	    !text_ok(m, "--complaint", cu->complaint, 256))
		return 0;
	if (cu->phone && !case_phone_ok(cu->phone, m->reply))
		return 0;
	return 1;
}

struct line_find {
	int	want, at;
	struct db_item it;
};

static int
line_find(void *arg, const struct db_item *it)
{
	struct line_find *f = arg;

	if (++f->at == f->want) {
		f->it = *it;
		return 1;
	}
	return 0;
}

/* "LINE=YUAN": the item on that line of case show, at that unit price. */
static int
v_price(struct case_move *m, const char *v)
{
	struct line_find f;
	char why[160], *end;
	const char *eq = strchr(v, '=');
	long line = eq ? strtol(v, &end, 10) : 0;
	int64_t fen;

	if (eq == NULL || end != eq || line < 1 || line > 9999)
		return refuse(m, "--price is LINE=YUAN (a line of case show,"
		    " e.g. 1=1299.50), not '%.40s' / 单价格式错误", v);
	if (money_parse(eq + 1, &fen, why, sizeof(why)) == -1)
		return refuse(m, "--price %.40s: %s", v, why);
	memset(&f, 0, sizeof(f));
	f.want = (int)line;
	if (db_item_foreach(m->db, m->c->id, line_find, &f) == -1)
		return -1;
	if (f.it.id == 0)
		return refuse(m, "case %s has no line %ld (it has %d) / 无此行",
		    m->c->case_no, line, f.at);
	for (int i = 0; i < m->nlines; i++)
		if (m->lines[i].line == line)
			return refuse(m, "line %ld is priced twice", line);
	m->lines[m->nlines].line = (int)line;
	m->lines[m->nlines].item_id = f.it.id;
	m->lines[m->nlines].qty = f.it.quantity;
	m->lines[m->nlines].price_fen = fen;
	m->total_fen += fen * f.it.quantity;
	m->nlines++;
	return 1;
}

/* The chain this total takes, as stored: "supervisor,gm". */
static void
chain_for(struct case_move *m)
{
	const struct st_config *cf = m->cf;
	int above = m->total_fen > cf->gm_amount_fen;
	size_t used = 0;

	m->chain[0] = '\0';
	for (int i = 0; i < cf->nchain; i++) {
		char name[32];

		if ((cf->chain[i].when > 0 && !above) ||
		    (cf->chain[i].when < 0 && above))
			continue;
		role_list(cf->chain[i].role, ",", name, sizeof(name));
		used += (size_t)snprintf(m->chain + used, sizeof(m->chain) - used,
		    "%s%s", used ? "," : "", name);
		if (used >= sizeof(m->chain))
			break;
	}
}

static int
v_apply(struct case_move *m)
{
	const struct case_args *a = m->a;
	int rc;

	if (!one_of(a->request, requests))
		return refuse(m, "--request is return, exchange, claim, repair or"
		    " other / 请求类型错误");
	if (!scan_text_ok("--reason", a->reason, 1024, m->reply))
		return 0;
	m->nlines = 0;
	m->total_fen = 0;
	for (int i = 0; i < a->nprices && i < CASE_MAX_LINES; i++)
		if ((rc = v_price(m, a->prices[i])) != 1)
			return rc;
	chain_for(m);
	if (m->chain[0] == '\0')
		return refuse(m, "[rules] approval_chain leaves no step for a"
		    " total of this size");
	return 1;
}

static int
v_review(struct case_move *m)
{
	return text_ok(m, "--note", m->a->note, 1024);
}

/* A badge of an active operator; *id its id. */
static int
badge_ok(struct case_move *m, const char *what, const char *badge,
    int64_t *id)
{
	struct db_operator op;
	int rc = db_operator_get(m->db, badge, &op);

	if (rc == -1)
		return -1;
	if (rc == 0 || !op.active)
		return refuse(m, "%s %.64s is no active badge / 工牌无效", what,
		    badge);
	*id = op.id;
	return 1;
}

/* A count typed for --scrap or --usable; -1 when not given. */
static int
count_arg(struct case_move *m, const char *what, const char *v, int *out)
{
	char *end;
	long n;

	*out = -1;
	if (v == NULL)
		return 1;
	n = strtol(v, &end, 10);
	if (*v < '0' || *v > '9' || *end || n > 9999)
		return refuse(m, "%s is a count from 0 to 9999", what);
	*out = (int)n;
	return 1;
}

static int
v_capa(struct case_move *m)
{
	const struct case_args *a = m->a;
	char why[160];
	size_t used = 0;
	int64_t id;
	int rc;

	if ((rc = badge_ok(m, "--host", a->host, &m->host_id)) != 1)
		return rc;
	m->attendees[0] = '\0';
	for (int i = 0; i < a->nattendees; i++) {
		if ((rc = badge_ok(m, "--attendee", a->attendees[i], &id)) != 1)
			return rc;
		used += (size_t)snprintf(m->attendees + used,
		    sizeof(m->attendees) - used, "%s%s", used ? "," : "",
		    a->attendees[i]);
		if (used >= sizeof(m->attendees))
			return refuse(m, "too many attendees");
	}
	if (!one_of(a->verdict, verdicts))
		return refuse(m, "--verdict is return, exchange, claim or other");
	if (!one_of(a->responsible, parties))
		return refuse(m, "--responsible is customer, sales, shipping,"
		    " production, supplier or carrier");
	if (!one_of(a->disposal, disposals))
		return refuse(m, "--disposal is repair, scrap or other");
	if (!scan_text_ok("--analysis", a->analysis, 2048, m->reply) ||
	    !scan_text_ok("--corrective", a->corrective, 2048, m->reply) ||
	    !scan_text_ok("--preventive", a->preventive, 2048, m->reply))
		return 0;
	if (count_arg(m, "--scrap", a->scrap, &m->scrap) != 1 ||
	    count_arg(m, "--usable", a->usable, &m->usable) != 1)
		return 0;
	if (db_case_qty(m->db, m->c->id, &m->qty) == -1)
		return -1;
	/* one count given: the other is the rest; none: by the disposal */
	if (m->scrap < 0 && m->usable < 0) {
		m->scrap = strcmp(a->disposal, "scrap") ? 0 : m->qty;
		m->usable = m->qty - m->scrap;
	} else if (m->scrap < 0)
		m->scrap = m->qty - m->usable;
	else if (m->usable < 0)
		m->usable = m->qty - m->scrap;
	if (m->scrap < 0 || m->usable < 0 || m->scrap + m->usable != m->qty)
		return refuse(m, "scrap and usable must add up to the %d units"
		    " returned / 报废数与可用数之和须等于退回数量", m->qty);
	m->cost_fen = 0;
	if (a->cost && money_parse(a->cost, &m->cost_fen, why,
	    sizeof(why)) == -1)
		return refuse(m, "--cost: %s", why);
	return 1;
}

static int
v_rma_reply(struct case_move *m)
{
	if (m->a->answer == NULL || (strcmp(m->a->answer, "accept") &&
	    strcmp(m->a->answer, "dispute")))
		return refuse(m, "say --accept or --dispute");
	return text_ok(m, "--note", m->a->note, 1024);
}

static int
v_callback(struct case_move *m)
{
	const char *r = m->a->received, *sat = m->a->satisfaction;

	if (r == NULL || (strcmp(r, "yes") && strcmp(r, "no")))
		return refuse(m, "--received is yes or no");
	m->satisfaction = 0;
	if (sat) {
		if (sat[0] < '1' || sat[0] > '5' || sat[1])
			return refuse(m, "--satisfaction is 1 (poor) to 5 (very"
			    " good) / 满意度为1-5");
		m->satisfaction = sat[0] - '0';
	}
	return text_ok(m, "--note", m->a->note, 1024);
}

static int
e_customer(struct case_move *m)
{
	return db_case_set_customer(m->db, m->c->id, m->a->customer);
}

static int
e_apply(struct case_move *m)
{
	struct db_application app;
	struct db_app_line lines[CASE_MAX_LINES];

	memset(&app, 0, sizeof(app));
	app.case_id = m->c->id;
	snprintf(app.request, sizeof(app.request), "%s", m->a->request);
	snprintf(app.reason, sizeof(app.reason), "%s", m->a->reason);
	app.total_fen = m->total_fen;
	snprintf(app.chain, sizeof(app.chain), "%s", m->chain);
	for (int i = 0; i < m->nlines; i++) {
		lines[i].line = m->lines[i].line;
		lines[i].item_id = m->lines[i].item_id;
		lines[i].quantity = m->lines[i].qty;
		lines[i].unit_price_fen = m->lines[i].price_fen;
	}
	return db_application_add(m->db, &app, lines, m->nlines, m->op->id,
	    &m->app_id);
}

static int
e_review(struct case_move *m)
{
	const char *decision = m->a->reject ? "reject" : "approve";

	if (db_approval_add(m->db, m->app_id, m->step_role, decision, m->op->id,
	    m->a->note) == -1)
		return -1;
	if (m->a->reject)
		return db_application_set_state(m->db, m->app_id, "rejected");
	if (m->app_step + 1 == m->app_steps)
		return db_application_set_state(m->db, m->app_id, "approved");
	return 0;
}

static int
e_capa(struct case_move *m)
{
	const struct case_args *a = m->a;
	struct db_review r;

	r.host_id = m->host_id;
	r.attendees = m->attendees;
	r.verdict = a->verdict;
	r.analysis = a->analysis;
	r.corrective = a->corrective;
	r.preventive = a->preventive;
	r.responsible = a->responsible;
	r.disposal = a->disposal;
	r.scrap = m->scrap;
	r.usable = m->usable;
	r.cost_fen = m->cost_fen;
	return db_review_add(m->db, m->c->id, &r, m->op->id);
}

static int
e_rma_sent(struct case_move *m)
{
	char due[32];

	clock_iso(clock_wall() + (time_t)m->cf->rma_reply_days * 86400, due,
	    sizeof(due));
	return db_rma_sent(m->db, m->app_id, due);
}

static int
e_rma_reply(struct case_move *m)
{
	return db_rma_reply(m->db, m->app_id, strcmp(m->a->answer, "accept") ?
	    "disputed" : "accepted", m->a->note);
}

static int
e_callback(struct case_move *m)
{
	if (db_callback_add(m->db, m->c->id, !strcmp(m->a->received, "yes"),
	    m->satisfaction, m->a->note, m->op->id) == -1)
		return -1;
	return db_breach_resolve(m->db, m->c->id, "callback");
}

/* --- checking --- */

/* Names the moves the table allows this operator next, if any. */
static void
next_steps(struct case_move *m)
{
	unsigned kind = case_kind_bit(m->c->kind), roles = role_mask(m->op->roles);
	int from = case_state_parse(m->c->state), n = 0, to;

	for (int act = 0; act < CA_COUNT; act++)
		if (act != CA_CUSTOMER && case_can(from, act, kind, roles, &to) &&
		    (act > CA_CLOSE || to != from))
			buf_printf(m->reply, "%s%s", n++ ? ", " : "; next / 下一步: ",
			    case_action_names[act]);
	if (n == 0)
		buf_puts(m->reply, "; nothing more is yours to do on it / 无可进行"
		    "的操作");
}

/* Explains why no row of the table lets m happen. */
static int
no_row(struct case_move *m, int role_ok)
{
	const struct action_def *d = &actions[m->act];
	unsigned roles = 0;

	for (size_t i = 0; i < NTABLE; i++)
		if (table[i].act == m->act)
			roles |= table[i].roles;
	if (!role_ok) {
		char what[64];

		snprintf(what, sizeof(what), "to %s a case", d->verb);
		return role_check(m->op, roles, what, m->reply);
	}
	refuse(m, "case %s is %s (%s): it cannot %s now / 当前状态不允许此操作",
	    m->c->case_no, m->c->state, m->c->kind[0] ? m->c->kind :
	    "no kind", d->verb);
	next_steps(m);
	return 0;
}

int
case_check(struct case_move *m)
{
	const struct action_def *d = &actions[m->act];
	static const struct case_args none;
	unsigned kind = case_kind_bit(m->c->kind), roles = role_mask(m->op->roles);
	const struct transition *t = NULL;
	int from = case_state_parse(m->c->state), role_ok = 0, rc;

	if (m->a == NULL)
		m->a = &none;
	if (!m->op->active)
		return refuse(m, "badge %s is disabled / 工牌已停用", m->op->badge);
	/* the desk that holds the goods moves the case */
	if (m->c->owner[0])
		return refuse(m, "case %s is held at desk %s: it is moved there"
		    " / 案件已移交 %s", m->c->case_no, m->c->owner_desk,
		    m->c->owner_desk);
	if (from < 0)
		return refuse(m, "case %s is in an unknown state %s",
		    m->c->case_no, m->c->state);
	for (size_t i = 0; i < NTABLE; i++)
		if (table[i].act == m->act && (table[i].roles & roles))
			role_ok = 1;
	if (role_ok && d->first && (rc = d->first(m)) != 1)
		return rc;
	for (size_t i = 0; i < NTABLE && t == NULL; i++)
		if (table[i].act == m->act && (table[i].froms & S(from)) &&
		    (table[i].kinds == 0 || (table[i].kinds & kind)))
			t = &table[i];
	if (t == NULL || !(t->roles & roles))
		return no_row(m, t ? 0 : role_ok);
	if (d->args && (rc = d->args(m)) != 1)
		return rc;
	if (t->guard && (rc = t->guard(m)) != 1)
		return rc;
	m->row = t;
	m->from = from;
	m->to = t->to == SAME ? from : t->to;
	return 1;
}

/* --- effects: the records an action writes besides the state --- */

static int
e_register(struct case_move *m)
{
	const struct area *ar = config_area(m->cf, m->c->kind, m->to == CS_HELD);
	char cause[512];

	if (db_case_qty(m->db, m->c->id, &m->qty) == -1 ||
	    db_items_commit(m->db, m->c->id) == -1 ||
	    db_case_registered(m->db, m->c->id) == -1 ||
	    rules_large_batch(m->db, m->cf, m->c, m->qty) == -1 ||
	    expect_compare(m->db, m->c) == -1 ||
	    db_case_move(m->db, m->c->id, m->c->state, case_state_names[m->to],
	    ar->code, ar->name) == -1 ||
	    db_case_get(m->db, m->c->id, m->c) != 1)
		return -1;
	if (labelq_add(m->db, m->cf, m->c, "area", cause, sizeof(cause)) == -1) {
		snprintf(m->trouble, sizeof(m->trouble), "label: %.480s", cause);
		return -1;
	}
	m->labels++;
	return 1;	/* the state is written */
}

static int
e_cancel(struct case_move *m)
{
	return db_items_discard(m->db, m->c->id);
}

/* Its real area now, and a label that says so. */
static int
e_accept(struct case_move *m)
{
	const struct area *ar = config_area(m->cf, m->c->kind, 0);
	char cause[512];

	if (db_case_move(m->db, m->c->id, m->c->state, case_state_names[m->to],
	    ar->code, ar->name) == -1 || db_case_get(m->db, m->c->id, m->c) != 1)
		return -1;
	if (labelq_add(m->db, m->cf, m->c, "area", cause, sizeof(cause)) == -1) {
		snprintf(m->trouble, sizeof(m->trouble), "label: %.480s", cause);
		return -1;
	}
	m->labels++;
	return 1;
}

static int
e_repair(struct case_move *m)
{
	const struct case_args *a = m->a;
	int64_t rid;

	if (db_repair_add(m->db, m->c->id, m->op->id, a->cause, a->beyond ?
	    "beyond_repair" : "repaired", a->note, &rid) == -1)
		return -1;
	for (int i = 0; i < a->nparts; i++)
		if (db_repair_part_add(m->db, rid, a->parts[i].code,
		    a->parts[i].qty) == -1)
			return -1;
	return 0;
}

static int
e_supplier_send(struct case_move *m)
{
	return db_supplier_send(m->db, m->c->id, m->a->supplier);
}

static int
e_supplier_back(struct case_move *m)
{
	return db_supplier_back(m->db, m->c->id);
}

static int
e_inspect(struct case_move *m)
{
	if (db_inspection_add(m->db, m->c->id, m->op->id, m->act ==
	    CA_INSPECT_PASS ? "pass" : "fail", m->a->sample, m->qty,
	    m->a->note) == -1)
		return -1;
	if (case_kind_bit(m->c->kind) == CK_NOREASON7)
		return db_breach_resolve(m->db, m->c->id, "noreason7_inspect");
	return 0;
}

static int
e_approve(struct case_move *m)
{
	return db_signoff_add(m->db, m->c->id, m->op->id);
}

/* The outbound waybill, upper-cased as scanned waybills are. */
static void
ship_waybill(const struct case_move *m, char *wb, size_t len)
{
	snprintf(wb, len, "%s", m->a->waybill);
	for (char *p = wb; *p; p++)
		*p = (char)toupper((unsigned char)*p);
}

static int
e_ship(struct case_move *m)
{
	const char *carrier = m->a->carrier;
	char wb[65];

	ship_waybill(m, wb, sizeof(wb));
	if (carrier == NULL)
		carrier = carrier_match(&m->cf->carriers, wb);
	if (db_shipment_add(m->db, m->c->id, wb, carrier ? carrier : "other",
	    m->a->reason, m->op->id) == -1)
		return -1;
	return db_breach_resolve(m->db, m->c->id, "repair_ship");
}

static int
e_reject(struct case_move *m)
{
	return db_case_set_reject_reason(m->db, m->c->id, m->a->reason);
}

/* --- applying --- */

/* What changed of the customer: names only for the phone and address,
 * which the log shows to every role. */
static void
customer_detail(struct json *j, const struct db_customer *cu)
{
	if (cu->name)
		json_str(j, "name", cu->name);
	if (cu->contact)
		json_str(j, "contact", cu->contact);
	if (cu->phone)
		json_str(j, "phone", "(changed)");
	if (cu->address)
		json_str(j, "address", "(changed)");
	if (cu->service_rep)
		json_str(j, "service_rep", cu->service_rep);
	if (cu->order_no)
		json_str(j, "order", cu->order_no);
	if (cu->complaint)
		json_str(j, "complaint", cu->complaint);
}

static void
audit_detail(const struct case_move *m, struct buf *b)
{
	const struct case_args *a = m->a;
	struct json j;
	char wb[65];

	json_init(&j, b);
	json_open(&j, NULL);
	json_str(&j, "case", m->c->case_no);
	json_str(&j, "from", case_state_names[m->from]);
	json_str(&j, "to", case_state_names[m->to]);
	if (a->desk)
		json_str(&j, "desk", a->desk);
	if (a->scan)
		json_str(&j, "scan", a->scan);
	switch (m->act) {
	case CA_REPAIR:
		json_str(&j, "cause", a->cause);
		json_str(&j, "result", a->beyond ? "beyond_repair" : "repaired");
		json_int(&j, "parts", a->nparts);
		break;
	case CA_SUPPLIER_SEND:
		json_str(&j, "supplier", a->supplier);
		break;
	case CA_INSPECT_PASS:
	case CA_INSPECT_FAIL:
		json_str(&j, "result", m->act == CA_INSPECT_PASS ? "pass" :
		    "fail");
		json_int(&j, "sample", a->sample);
		json_int(&j, "returned", m->qty);
		break;
	case CA_SHIP:
		ship_waybill(m, wb, sizeof(wb));
		json_str(&j, "waybill", wb);
		if (a->reason)
			json_str(&j, "reason", a->reason);
		break;
	case CA_REJECT:
		json_str(&j, "reason", a->reason);
		break;
	case CA_CUSTOMER:
		customer_detail(&j, a->customer);
		break;
	case CA_APPLY:
		json_str(&j, "request", a->request);
		json_str(&j, "reason", a->reason);
		json_int(&j, "total_fen", m->total_fen);
		json_int(&j, "lines", m->nlines);
		json_str(&j, "chain", m->chain);
		break;
	case CA_REVIEW:
		json_str(&j, "step", m->step_role);
		json_str(&j, "decision", a->reject ? "reject" : "approve");
		if (a->note)
			json_str(&j, "note", a->note);
		break;
	case CA_CAPA:
		json_str(&j, "verdict", a->verdict);
		json_str(&j, "responsible", a->responsible);
		json_str(&j, "disposal", a->disposal);
		json_int(&j, "scrap", m->scrap);
		json_int(&j, "usable", m->usable);
		json_int(&j, "cost_fen", m->cost_fen);
		break;
	case CA_RMA_REPLY:
		json_str(&j, "answer", a->answer);
		break;
	case CA_CALLBACK:
		json_str(&j, "received", a->received);
		if (m->satisfaction)
			json_int(&j, "satisfaction", m->satisfaction);
		break;
	default:
		break;
	}
	json_close(&j);
}

static int
apply_failed(struct case_move *m)
{
	if (m->trouble[0] == '\0')
		snprintf(m->trouble, sizeof(m->trouble), "%s", db_error(m->db));
	return -1;
}

int
case_apply(struct case_move *m)
{
	const struct action_def *d = &actions[m->act];
	struct buf detail;
	int rc = 0;

	m->trouble[0] = '\0';
	if (d->effect && (rc = d->effect(m)) == -1)
		return apply_failed(m);
	/* effects that place the case (an area) write the state themselves;
	 * a record that leaves the state writes none */
	if (rc == 0 && m->to != m->from && db_case_move(m->db, m->c->id, m->c->state,
	    case_state_names[m->to], NULL, NULL) == -1)
		return apply_failed(m);
	buf_init(&detail);
	audit_detail(m, &detail);
	rc = db_audit(m->db, m->op->badge, d->audit, "case", m->c->id,
	    detail.data, &m->event);
	buf_free(&detail);
	if (rc == -1)
		return apply_failed(m);
	snprintf(m->c->state, sizeof(m->c->state), "%s",
	    case_state_names[m->to]);
	return 0;
}

static enum st_result
failed(struct case_move *m)
{
	const char *why = m->trouble[0] ? m->trouble : db_error(m->db);

	buf_printf(m->reply, "could not save, nothing was stored / 保存失败，"
	    "未记录: %s", why);
	log_warnx("case: %s", why);
	db_rollback(m->db);
	return ST_FAILED;
}

/* What a record that leaves the state did, for the one who did it. */
static void
said(struct case_move *m)
{
	char yuan[32], step[96];

	switch (m->act) {
	case CA_APPLY:
		money_format(m->total_fen, yuan, sizeof(yuan));
		buf_printf(m->reply, "case %s: application filed, %d priced"
		    " line%s, total %s yuan; signed by %s / 申请已提交，合计 %s 元",
		    m->c->case_no, m->nlines, m->nlines == 1 ? "" : "s", yuan,
		    m->chain, yuan);
		break;
	case CA_REVIEW:
		if (m->a->reject)
			snprintf(step, sizeof(step), "rejected: the application"
			    " ends here / 已驳回");
		else if (m->app_step + 1 == m->app_steps)
			snprintf(step, sizeof(step), "approved: the chain is"
			    " complete, finance may sign / 审批完成");
		else
			snprintf(step, sizeof(step), "approved; next: %d of %d"
			    " / 已批准，待下一步", m->app_step + 2, m->app_steps);
		buf_printf(m->reply, "case %s: step %d of %d (%s) %s",
		    m->c->case_no, m->app_step + 1, m->app_steps, m->step_role,
		    step);
		break;
	case CA_CAPA:
		buf_printf(m->reply, "case %s: QC review recorded (%s, %d scrap,"
		    " %d usable) / 会审已记录", m->c->case_no, m->a->verdict,
		    m->scrap, m->usable);
		break;
	case CA_RMA_SENT:
		buf_printf(m->reply, "case %s: RMA report sent; without an answer"
		    " in %d days it is closed as accepted / 答复报告已发出",
		    m->c->case_no, m->cf->rma_reply_days);
		break;
	default:
		buf_printf(m->reply, "case %s: %s recorded (%s) / 已记录",
		    m->c->case_no, case_action_names[m->act], m->op->name);
	}
}

enum st_result
case_move(struct case_move *m)
{
	int rc;

	m->trouble[0] = '\0';
	if ((rc = case_check(m)) != 1)
		return rc == 0 ? ST_REFUSED : failed(m);
	if (db_begin(m->db) == -1 || case_apply(m) == -1 ||
	    db_commit(m->db) == -1)
		return failed(m);
	if (m->to == m->from && m->act > CA_CLOSE)
		said(m);
	else
		buf_printf(m->reply, "case %s: %s -> %s (%s) / 已更新",
		    m->c->case_no, case_state_names[m->from],
		    case_state_names[m->to], m->op->name);
	return ST_OK;
}

enum st_result
case_act(struct case_move *m, const char *badge, const char *key,
    int64_t desk_case)
{
	struct db_operator op;
	struct db_case c;
	enum st_result r;
	int rc;

	if (badge == NULL) {
		buf_puts(m->reply, "say who you are: stationctl --operator BADGE"
		    " ... / 请提供工牌号");
		return ST_REFUSED;
	}
	if ((rc = db_operator_get(m->db, badge, &op)) != 1) {
		if (rc == -1)
			return failed(m);
		buf_printf(m->reply, "unknown badge %s / 未知工牌", badge);
		return ST_REFUSED;
	}
	if ((rc = db_case_find(m->db, key, &c)) != 1) {
		if (rc == -1)
			return failed(m);
		buf_printf(m->reply, "no case or waybill %s / 无此案件", key);
		return ST_REFUSED;
	}
	if (c.id == desk_case) {
		buf_printf(m->reply, "case %s is open at the intake desk: finish"
		    " it with %%DONE first / 案件正在收货登记", c.case_no);
		return ST_REFUSED;
	}
	m->op = &op;
	m->c = &c;
	r = case_move(m);
	m->op = NULL;
	m->c = NULL;
	return r;
}

int
case_can(int from, enum case_action act, unsigned kind, unsigned roles,
    int *to)
{
	for (size_t i = 0; i < NTABLE; i++)
		if (table[i].act == act && from >= 0 && from < CS_COUNT &&
		    (table[i].froms & S(from)) &&
		    (table[i].kinds == 0 || (table[i].kinds & kind)) &&
		    (table[i].roles & roles)) {
			if (to)
				*to = table[i].to == SAME ? from : table[i].to;
			return 1;
		}
	return 0;
}
