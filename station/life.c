/* A case's life after intake (see life.h). All moves go through move(). */
#define _POSIX_C_SOURCE 200809L
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "../db/db.h"
#include "buf.h"
#include "config.h"
#include "life.h"
#include "log.h"
#include "scan.h"

struct rule {
	enum life_action act;
	const char	*verb;
	const char	*roles;		/* any of these, comma-separated */
	const char	*from;		/* states, space-separated */
	const char	*kinds;		/* kinds it applies to; NULL all */
};

static const struct rule rules[] = {
	{ LA_ACCEPT, "accept", "supervisor", "held", NULL },
	{ LA_REPAIR, "repair", "technician",
	    "registered in_repair back_from_supplier", "repair" },
	{ LA_SUPPLIER_SEND, "send to the supplier", "technician,supervisor",
	    "registered in_repair", "repair" },
	{ LA_SUPPLIER_BACK, "take back from the supplier",
	    "technician,supervisor", "at_supplier", "repair" },
	{ LA_INSPECT, "inspect", "inspector", "repaired", "repair" },
	{ LA_INSPECT, "inspect", "inspector", "registered",
	    "return noreason7 exchange" },
	{ LA_APPROVE, "approve", "finance", "inspected rejected", NULL },
	{ LA_SHIP, "ship", "intake,supervisor", "finance_approved",
	    "repair exchange" },
	{ LA_SHIP, "ship", "intake,supervisor", "rejected", NULL },
	{ LA_REJECT, "reject", "supervisor,inspector,intake",
	    "held registered inspected", NULL },
	{ LA_CLOSE, "close", "supervisor", "shipped returned_to_customer",
	    NULL },
	{ LA_CLOSE, "close", "supervisor", "finance_approved",
	    "return noreason7" },
};
#define NRULES (sizeof(rules) / sizeof(rules[0]))

static int
word_in(const char *list, const char *w, char sep)
{
	size_t n = strlen(w);
	const char *p = list;

	while (p && *p) {
		if (strncmp(p, w, n) == 0 && (p[n] == sep || p[n] == '\0'))
			return 1;
		if ((p = strchr(p, sep)) != NULL)
			p++;
	}
	return 0;
}

int
life_has_role(const char *roles, const char *role)
{
	return word_in(roles, role, ',');
}

static enum intake_result
refuse(struct buf *reply, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static enum intake_result
refuse(struct buf *reply, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	buf_puts(reply, msg);
	return INTAKE_REJECT;
}

/* Finds the rule for act from c's state and kind; explains a refusal. */
static const struct rule *
find_rule(enum life_action act, const struct db_operator *op,
    const struct db_case *c, struct buf *reply)
{
	const struct rule *verb = NULL;
	int role_ok = 0;

	for (size_t i = 0; i < NRULES; i++) {
		const struct rule *r = &rules[i];
		const char *p;
		char role[32];

		if (r->act != act)
			continue;
		verb = r;
		for (p = r->roles; *p; ) {
			size_t n = strcspn(p, ",");

			snprintf(role, sizeof(role), "%.*s", (int)n, p);
			if (life_has_role(op->roles, role))
				role_ok = 1;
			p += n + (p[n] == ',');
		}
		if (word_in(r->from, c->state, ' ') &&
		    (r->kinds == NULL || word_in(r->kinds, c->kind, ' '))) {
			if (!role_ok)
				break;
			return r;
		}
	}
	if (verb && !role_ok) {
		refuse(reply, "to %s a case needs the %s role; %s has %s"
		    " / 权限不足", verb->verb, verb->roles, op->name, op->roles);
		return NULL;
	}
	refuse(reply, "case %s is %s (%s): it cannot %s now / 当前状态不允许此操作",
	    c->case_no, c->state, c->kind[0] ? c->kind : "no kind",
	    verb ? verb->verb : "do that");
	return NULL;
}

static int
audit(struct intake *in, const struct db_operator *op, const char *action,
    const struct db_case *c, const char *from, const char *to,
    const char *extra)
{
	struct buf d;
	int rc;

	buf_init(&d);
	buf_puts(&d, "{\"case\":");
	buf_json_str(&d, c->case_no);
	buf_puts(&d, ",\"from\":");
	buf_json_str(&d, from);
	buf_puts(&d, ",\"to\":");
	buf_json_str(&d, to);
	if (extra)
		buf_printf(&d, ",%s", extra);
	buf_puts(&d, "}");
	rc = db_audit(in->db, op->badge, action, "case", c->id, d.data, NULL);
	buf_free(&d);
	return rc;
}

static enum intake_result
failed(struct intake *in, struct buf *reply)
{
	buf_printf(reply, "could not save, nothing was stored / 保存失败，未记录: %s",
	    db_error(in->db));
	log_warnx("case: %s", db_error(in->db));
	db_rollback(in->db);
	return INTAKE_ERROR;
}

static int
text_ok(const char *what, const char *s, size_t max, struct buf *reply)
{
	const char *why;

	if (s == NULL || *s == '\0' || strlen(s) > max) {
		refuse(reply, "%s must be 1 to %zu bytes", what, max);
		return 0;
	}
	if (scan_validate(s, strlen(s) > SCAN_MAX ? SCAN_MAX : strlen(s),
	    &why) == -1) {
		refuse(reply, "%s: %s", what, why);
		return 0;
	}
	return 1;
}

enum intake_result
life_act_case(struct intake *in, const struct db_operator *op,
    struct db_case *c, enum life_action act, const struct life_args *a,
    struct buf *reply)
{
	struct db *db = in->db;
	const struct rule *r;
	char from[24], extra[600];
	const char *to = NULL, *action;
	struct db_cause cause;
	int n, qty, rc = 0;

	if (!op->active)
		return refuse(reply, "badge %s is disabled / 工牌已停用", op->badge);
	/* the finance gate is said first: it is the rule people must know */
	if (act == LA_SHIP) {
		if (db_signoff_count(db, c->id, &n) == -1)
			return failed(in, reply);
		if (n == 0)
			return refuse(reply, "finance has not signed off case %s:"
			    " nothing ships without it / 财务未签字，不能发货",
			    c->case_no);
	}
	if ((r = find_rule(act, op, c, reply)) == NULL)
		return INTAKE_REJECT;
	snprintf(from, sizeof(from), "%s", c->state);
	extra[0] = '\0';

	/* guards: checked before anything is written */
	switch (act) {
	case LA_ACCEPT:
		if (db_photo_count(db, c->id, &n) == -1)
			return failed(in, reply);
		if (n == 0)
			return refuse(reply, "case %s is severely damaged: attach at"
			    " least one photo (stationctl case photo) before"
			    " accepting it / 请先上传照片", c->case_no);
		to = "registered";
		action = "case.accept";
		break;
	case LA_REPAIR:
		if (a->cause == NULL)
			return refuse(reply, "repair needs a cause: see stationctl"
			    " cause list / 请选择故障原因");
		if ((rc = db_cause_get(db, a->cause, &cause)) != 1)
			return rc == -1 ? failed(in, reply) : refuse(reply,
			    "unknown cause '%.32s': see stationctl cause list"
			    " / 未知故障原因", a->cause);
		if (a->result && strcmp(a->result, "repaired") &&
		    strcmp(a->result, "beyond_repair"))
			return refuse(reply, "--result is repaired or"
			    " beyond_repair");
		if (a->note && !text_ok("--note", a->note, 1024, reply))
			return INTAKE_REJECT;
		if (strcmp(c->state, "back_from_supplier") != 0) {
			if (db_case_outsourced(db, c->id, &n) == -1)
				return failed(in, reply);
			if (n > 0)
				return refuse(reply, "case %s holds outsourced"
				    " products: send it to the supplier first"
				    " (case supplier send) / 外协产品请先寄回供应商",
				    c->case_no);
		}
		for (int i = 0; i < a->nparts; i++)
			if (a->parts[i].qty < 1 || a->parts[i].qty > 9999 ||
			    !text_ok("part code", a->parts[i].code, 64, reply))
				return a->parts[i].qty < 1 ||
				    a->parts[i].qty > 9999 ? refuse(reply,
				    "part %s: quantity must be 1 to 9999",
				    a->parts[i].code) : INTAKE_REJECT;
		to = "repaired";
		action = "case.repair";
		break;
	case LA_SUPPLIER_SEND:
		if (!text_ok("--supplier", a->supplier, 128, reply))
			return INTAKE_REJECT;
		if (db_case_outsourced(db, c->id, &n) == -1)
			return failed(in, reply);
		if (n == 0)
			return refuse(reply, "case %s holds no outsourced product;"
			    " repair it here / 非外协产品", c->case_no);
		to = "at_supplier";
		action = "case.supplier_send";
		break;
	case LA_SUPPLIER_BACK:
		to = "back_from_supplier";
		action = "case.supplier_back";
		break;
	case LA_INSPECT:
		if (db_case_qty(db, c->id, &qty) == -1)
			return failed(in, reply);
		if (qty > 1) {
			int need = (qty + 9) / 10;	/* 10 %, rounded up */

			if (a->sample <= 0)
				return refuse(reply, "case %s returned %d units:"
				    " give the sample size (--sample N, at least"
				    " %d) / 批量退货需记录抽检数量", c->case_no,
				    qty, need);
			if (a->sample < need || a->sample > qty)
				return refuse(reply, "a sample of %d of %d units is"
				    " %s: the sample must be at least 10 %% of the"
				    " units (%d) and at most all of them / 抽检数量"
				    "不符合要求", a->sample, qty, a->sample < need ?
				    "too small" : "more than returned", need);
		} else if (a->sample > qty)
			return refuse(reply, "a sample of %d is more than the %d"
			    " returned", a->sample, qty);
		if (a->note && !text_ok("--note", a->note, 1024, reply))
			return INTAKE_REJECT;
		/* a failed repair goes back to the bench */
		to = !a->pass && !strcmp(c->kind, "repair") ? "in_repair" :
		    "inspected";
		action = a->pass ? "case.inspect_pass" : "case.inspect_fail";
		snprintf(extra, sizeof(extra), "\"result\":\"%s\",\"sample\":%d,"
		    "\"returned\":%d", a->pass ? "pass" : "fail", a->sample, qty);
		break;
	case LA_APPROVE:
		to = strcmp(c->state, "rejected") ? "finance_approved" :
		    "rejected";
		action = "case.approve";
		break;
	case LA_SHIP:
		if (!text_ok("--waybill", a->waybill, 64, reply))
			return INTAKE_REJECT;
		if (!strcmp(c->kind, "exchange") && strcmp(c->state, "rejected") &&
		    (a->reason == NULL || (strcmp(a->reason, "customer") &&
		    strcmp(a->reason, "sales") && strcmp(a->reason, "shipping"))))
			return refuse(reply, "an exchange ships with --reason"
			    " customer, sales or shipping / 换货需注明原因");
		if (a->reason && strcmp(a->reason, "customer") &&
		    strcmp(a->reason, "sales") && strcmp(a->reason, "shipping"))
			return refuse(reply, "--reason is customer, sales or"
			    " shipping");
		to = strcmp(c->state, "rejected") ? "shipped" :
		    "returned_to_customer";
		action = "case.ship";
		break;
	case LA_REJECT:
		if (!text_ok("--reason", a->reason, 256, reply))
			return INTAKE_REJECT;
		to = "rejected";
		action = "case.reject";
		break;
	case LA_CLOSE:
	default:
		to = "closed";
		action = "case.close";
		break;
	}

	if (db_begin(db) == -1)
		return failed(in, reply);
	switch (act) {
	case LA_REPAIR: {
		int64_t rid;

		rc = db_repair_add(db, c->id, op->id, cause.code, a->result ?
		    a->result : "repaired", a->note, &rid);
		for (int i = 0; i < a->nparts && rc == 0; i++)
			rc = db_repair_part_add(db, rid, a->parts[i].code,
			    a->parts[i].qty);
		snprintf(extra, sizeof(extra), "\"cause\":\"%s\",\"result\":\"%s\","
		    "\"parts\":%d", cause.code, a->result ? a->result :
		    "repaired", a->nparts);
		break;
	}
	case LA_SUPPLIER_SEND:
		rc = db_supplier_send(db, c->id, a->supplier);
		break;
	case LA_SUPPLIER_BACK:
		rc = db_supplier_back(db, c->id);
		break;
	case LA_INSPECT:
		rc = db_inspection_add(db, c->id, op->id, a->pass ? "pass" :
		    "fail", a->sample, qty, a->note);
		if (rc == 0 && !strcmp(c->kind, "noreason7"))
			rc = db_breach_resolve(db, c->id, "noreason7_inspect");
		break;
	case LA_APPROVE:
		rc = db_signoff_add(db, c->id, op->id);
		break;
	case LA_SHIP: {
		const char *carrier = a->carrier;
		char wb[65];

		snprintf(wb, sizeof(wb), "%s", a->waybill);
		for (char *p = wb; *p; p++)
			*p = (char)toupper((unsigned char)*p);
		if (carrier == NULL)
			carrier = carrier_match(&in->cf->carriers, wb);
		rc = db_shipment_add(db, c->id, wb, carrier ? carrier : "other",
		    a->reason, op->id);
		if (rc == 0)
			rc = db_breach_resolve(db, c->id, "repair_ship");
		snprintf(extra, sizeof(extra), "\"waybill\":\"%s\"", wb);
		break;
	}
	case LA_REJECT:
		rc = db_case_reject(db, c->id, a->reason);
		break;
	default:
		break;
	}
	if (rc == 0 && strcmp(to, c->state) != 0 && act != LA_REJECT &&
	    act != LA_ACCEPT)
		rc = db_case_set_life(db, c->id, to);
	if (rc == 0 && act == LA_ACCEPT) {
		/* its real area now, and a label that says so */
		const struct area *ar = config_area(in->cf, c->kind, 0);

		rc = db_case_set_state(db, c->id, "registered", ar->code,
		    ar->name);
		if (rc == 0 && db_case_get(db, c->id, c) == 1)
			rc = intake_queue_label(in, c);
	}
	if (rc == 0)
		rc = audit(in, op, action, c, from, to, extra[0] ? extra : NULL);
	if (rc == -1 || db_commit(db) == -1)
		return failed(in, reply);
	snprintf(c->state, sizeof(c->state), "%s", to);
	buf_printf(reply, "case %s: %s -> %s (%s) / 已更新", c->case_no, from,
	    to, op->name);
	if (act == LA_ACCEPT && in->label_queued)
		in->label_queued(in->arg);
	return INTAKE_OK;
}

enum intake_result
life_act(struct intake *in, const char *badge, const char *key,
    enum life_action act, const struct life_args *a, struct buf *reply)
{
	struct db_operator op;
	struct db_case c;
	int rc;

	if (badge == NULL)
		return refuse(reply, "say who you are: stationctl --operator BADGE"
		    " ... / 请提供工牌号");
	if ((rc = db_operator_get(in->db, badge, &op)) != 1)
		return rc == -1 ? failed(in, reply) :
		    refuse(reply, "unknown badge %s / 未知工牌", badge);
	if ((rc = db_case_find(in->db, key, &c)) != 1)
		return rc == -1 ? failed(in, reply) :
		    refuse(reply, "no case or open waybill %s / 无此案件", key);
	if (in->ss.case_id == c.id)
		return refuse(reply, "case %s is open at the intake desk: finish"
		    " it with %%DONE first / 案件正在收货登记", c.case_no);
	return life_act_case(in, &op, &c, act, a, reply);
}
