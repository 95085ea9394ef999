/* The case state machine (see case.h). All state changes go through here. */
#define _POSIX_C_SOURCE 200809L
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "../common/buf.h"
#include "../common/json.h"
#include "../common/log.h"
#include "../db/db.h"
#include "case.h"
#include "config.h"
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
};

/* A guard: 1 allowed, 0 refused (reason in m->reply), -1 store failed. */
typedef int (*guard_fn)(struct case_move *);

struct transition {
	enum case_state		from;
	enum case_action	act;
	enum case_state		to;
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

#define DESK	(ROLE_INTAKE | ROLE_SUPERVISOR)
#define TECH	ROLE_TECHNICIAN
#define QC	ROLE_INSPECTOR
#define FIN	ROLE_FINANCE
#define SUP	ROLE_SUPERVISOR
#define CK_ALL	(CK_REPAIR | CK_RETURN | CK_EXCHANGE | CK_NOREASON7)
#define CK_GOODS (CK_RETURN | CK_EXCHANGE | CK_NOREASON7)

static const struct transition table[] = {
	/* intake */
	{ CS_DRAFT, CA_REGISTER, CS_REGISTERED, DESK, 0, g_registrable },
	{ CS_REGISTERED, CA_REGISTER, CS_REGISTERED, DESK, 0, g_registrable },
	{ CS_DRAFT, CA_HOLD, CS_HELD, DESK, 0, g_registrable },
	{ CS_HELD, CA_HOLD, CS_HELD, DESK, 0, g_registrable },
	{ CS_REGISTERED, CA_HOLD, CS_HELD, DESK, 0, g_registrable },
	{ CS_DRAFT, CA_CANCEL, CS_CANCELLED, DESK, 0, NULL },
	{ CS_HELD, CA_ACCEPT, CS_REGISTERED, SUP, 0, g_photo },
	/* repair */
	{ CS_REGISTERED, CA_REPAIR, CS_REPAIRED, TECH, CK_REPAIR,
	    g_outsourced_first },
	{ CS_IN_REPAIR, CA_REPAIR, CS_REPAIRED, TECH, CK_REPAIR,
	    g_outsourced_first },
	{ CS_BACK_FROM_SUPPLIER, CA_REPAIR, CS_REPAIRED, TECH, CK_REPAIR, NULL },
	{ CS_REGISTERED, CA_SUPPLIER_SEND, CS_AT_SUPPLIER, TECH | SUP, CK_REPAIR,
	    g_has_outsourced },
	{ CS_IN_REPAIR, CA_SUPPLIER_SEND, CS_AT_SUPPLIER, TECH | SUP, CK_REPAIR,
	    g_has_outsourced },
	{ CS_AT_SUPPLIER, CA_SUPPLIER_BACK, CS_BACK_FROM_SUPPLIER, TECH | SUP,
	    CK_REPAIR, NULL },
	/* inspection: a failed repair goes back to the bench */
	{ CS_REPAIRED, CA_INSPECT_PASS, CS_INSPECTED, QC, CK_REPAIR, g_sample },
	{ CS_REPAIRED, CA_INSPECT_FAIL, CS_IN_REPAIR, QC, CK_REPAIR, g_sample },
	{ CS_REGISTERED, CA_INSPECT_PASS, CS_INSPECTED, QC, CK_GOODS, g_sample },
	{ CS_REGISTERED, CA_INSPECT_FAIL, CS_INSPECTED, QC, CK_GOODS, g_sample },
	/* finance, shipping, rejection, closing */
	{ CS_INSPECTED, CA_APPROVE, CS_FINANCE_APPROVED, FIN, 0, NULL },
	{ CS_REJECTED, CA_APPROVE, CS_REJECTED, FIN, 0, NULL },
	{ CS_FINANCE_APPROVED, CA_SHIP, CS_SHIPPED, DESK,
	    CK_REPAIR | CK_EXCHANGE, g_exchange_reason },
	{ CS_REJECTED, CA_SHIP, CS_RETURNED_TO_CUSTOMER, DESK, 0, NULL },
	{ CS_HELD, CA_REJECT, CS_REJECTED, SUP | QC | ROLE_INTAKE, 0, NULL },
	{ CS_REGISTERED, CA_REJECT, CS_REJECTED, SUP | QC | ROLE_INTAKE, 0,
	    NULL },
	{ CS_INSPECTED, CA_REJECT, CS_REJECTED, SUP | QC | ROLE_INTAKE, 0, NULL },
	{ CS_SHIPPED, CA_CLOSE, CS_CLOSED, SUP, 0, NULL },
	{ CS_RETURNED_TO_CUSTOMER, CA_CLOSE, CS_CLOSED, SUP, 0, NULL },
	{ CS_FINANCE_APPROVED, CA_CLOSE, CS_CLOSED, SUP,
	    CK_RETURN | CK_NOREASON7, NULL },
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
};

int
case_state_parse(const char *s)
{
	for (int i = 0; i < CS_COUNT; i++)
		if (strcmp(case_state_names[i], s) == 0)
			return i;
	return -1;
}

unsigned
case_kind_bit(const char *kind)
{
	static const char *const kinds[] = { "repair", "return", "exchange",
	    "noreason7" };

	for (unsigned i = 0; i < 4; i++)
		if (strcmp(kinds[i], kind) == 0)
			return 1u << i;
	return 0;
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

/* --- checking --- */

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
	return refuse(m, "case %s is %s (%s): it cannot %s now / 当前状态不允许"
	    "此操作", m->c->case_no, m->c->state, m->c->kind[0] ? m->c->kind :
	    "no kind", d->verb);
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
	for (size_t i = 0; i < NTABLE; i++)
		if (table[i].act == m->act && (table[i].roles & roles))
			role_ok = 1;
	if (role_ok && d->first && (rc = d->first(m)) != 1)
		return rc;
	for (size_t i = 0; i < NTABLE && t == NULL; i++)
		if (table[i].act == m->act && (int)table[i].from == from &&
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
	m->to = t->to;
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
	/* effects that place the case (an area) write the state themselves */
	if (rc == 0 && db_case_move(m->db, m->c->id, m->c->state,
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
	buf_printf(m->reply, "case %s: %s -> %s (%s) / 已更新", m->c->case_no,
	    case_state_names[m->from], case_state_names[m->to], m->op->name);
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
		if (table[i].act == act && (int)table[i].from == from &&
		    (table[i].kinds == 0 || (table[i].kinds & kind)) &&
		    (table[i].roles & roles)) {
			if (to)
				*to = table[i].to;
			return 1;
		}
	return 0;
}
