/* The intake state machine (see intake.h). All moves happen in intake_scan(). */
#define _POSIX_C_SOURCE 200809L
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/clock.h"
#include "../common/buf.h"
#include "../common/json.h"
#include "config.h"
#include "expect.h"
#include "intake.h"
#include "case.h"
#include "labelq.h"
#include "role.h"
#include "rules.h"
#include "../common/log.h"
#include "scan.h"

struct scan_ctx {
	struct intake		*in;
	const char		*text;		/* the validated scan */
	struct buf		*reply;
	struct db_operator	 op;		/* signed-in operator, if any */
	struct db_session	 saved;		/* to restore on failure */
	int64_t			 event;
	char			 trouble[512];	/* why a store failed */
};

static const char *const state_names[] = {
	"signed_out", "ready", "case_open", "item_open",
};

enum intake_state
intake_state(const struct intake *in)
{
	if (in->ss.operator_id == 0)
		return IN_SIGNED_OUT;
	if (in->ss.case_id == 0)
		return IN_READY;
	if (in->ss.item_id == 0)
		return IN_CASE;
	return IN_ITEM;
}

const char *
intake_state_name(enum intake_state s)
{
	return state_names[s];
}

int
intake_init(struct intake *in, struct db *db, const struct st_config *cf,
    char *cause, size_t clen)
{
	memset(in, 0, sizeof(*in));
	in->db = db;
	in->cf = cf;
	if (db_session_load(db, cf->desk, &in->ss) == -1) {
		snprintf(cause, clen, "loading desk session: %s", db_error(db));
		return -1;
	}
	return 0;
}

static enum st_result
reject(struct scan_ctx *x, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static enum st_result
reject(struct scan_ctx *x, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	buf_puts(x->reply, msg);
	return ST_REFUSED;
}

/* Any database failure: roll back, restore the session mirror, say so. */
static enum st_result
store_failed(struct scan_ctx *x)
{
	struct intake *in = x->in;
	const char *why = x->trouble[0] ? x->trouble : db_error(in->db);

	log_warnx("intake: %s", why);
	buf_printf(x->reply, "could not save, nothing was stored / 保存失败，未记录: %s",
	    why);
	db_rollback(in->db);
	in->ss = x->saved;
	return ST_FAILED;
}

/* Saves the session and commits (the audit event is already written). */
static int
commit_session(struct scan_ctx *x)
{
	struct intake *in = x->in;

	return db_session_save(in->db, &in->ss) == -1 ||
	    db_commit(in->db) == -1 ? -1 : 0;
}

/* Saves the session and the audit event, then commits. */
static int
finish(struct scan_ctx *x, const char *action, const char *entity,
    int64_t entity_id, const char *case_no)
{
	struct intake *in = x->in;
	struct buf detail;
	struct json j;
	int rc;

	buf_init(&detail);
	json_init(&j, &detail);
	json_open(&j, NULL);
	json_str(&j, "desk", in->cf->desk);
	json_str(&j, "scan", x->text);
	if (case_no)
		json_str(&j, "case", case_no);
	json_close(&j);
	rc = db_session_save(in->db, &in->ss) == -1 ||
	    db_audit(in->db, x->op.id ? x->op.badge : in->cf->desk, action,
	    entity, entity_id, detail.data, &x->event) == -1 ||
	    db_commit(in->db) == -1 ? -1 : 0;
	buf_free(&detail);
	return rc;
}

static int
case_open_for_intake(const struct db_case *c)
{
	return case_state_intake_open(case_state_parse(c->state));
}

static void
reply_case(struct buf *r, const struct db_case *c)
{
	buf_printf(r, "%s  %s %s  [%s]", c->case_no, c->carrier, c->waybill,
	    c->state);
}

/* Makes c the desk's open case (a waybill or case label was scanned). */
static enum st_result
open_case(struct scan_ctx *x, const struct scan *sc)
{
	struct intake *in = x->in;
	struct db_case c;
	int found;

	if (sc->cls == SCAN_CASE)
		found = db_case_by_no(in->db, sc->arg, &c);
	else
		found = db_case_by_waybill(in->db, sc->arg, &c);
	if (found == -1)
		return store_failed(x);
	if (sc->cls == SCAN_CASE && !found)
		return reject(x, "no case %s / 无此案件", sc->arg);
	if (in->ss.case_id) {
		if (found && c.id == in->ss.case_id) {
			buf_puts(x->reply, "case already open / 案件已打开: ");
			reply_case(x->reply, &c);
			return ST_OK;
		}
		struct db_case cur;

		if (db_case_get(in->db, in->ss.case_id, &cur) != 1)
			return store_failed(x);
		return reject(x, "case %s is still open: finish it with %%DONE or"
		    " %%CANCEL first / 请先完成或取消当前案件", cur.case_no);
	}
	/* its goods went to another desk: that desk registers what is in it */
	if (found && c.owner[0])
		return reject(x, "case %s is held at desk %s: it is changed"
		    " there / 案件已移交 %s", c.case_no, c.owner_desk,
		    c.owner_desk);
	if (found && !case_open_for_intake(&c))
		return reject(x, "case %s is %s; intake can no longer change it"
		    " / 案件已进入后续流程", c.case_no, c.state);
	if (db_begin(in->db) == -1)
		return store_failed(x);
	if (!found) {
		if (db_case_create(in->db, in->cf->case_prefix, sc->arg,
		    sc->carrier, x->op.id, case_state_names[CS_DRAFT],
		    &c) == -1 || expect_match(in->db, &c) == -1)
			return store_failed(x);
		in->ss.case_was_new = 1;
	} else
		in->ss.case_was_new = case_state_parse(c.state) == CS_DRAFT;
	in->ss.case_id = c.id;
	in->ss.item_id = 0;
	snprintf(in->ss.prev_kind, sizeof(in->ss.prev_kind), "%s", c.kind);
	snprintf(in->ss.prev_condition, sizeof(in->ss.prev_condition), "%s",
	    c.condition);
	if (finish(x, found ? "case.reopen" : "case.open", "case", c.id,
	    c.case_no) == -1)
		return store_failed(x);
	buf_puts(x->reply, found ? "case reopened / 案件已重新打开: " :
	    "case opened / 已建立案件: ");
	reply_case(x->reply, &c);
	if (c.customer[0])
		buf_printf(x->reply, "  customer / 客户: %s", c.customer);
	return ST_OK;
}

static enum st_result
add_item(struct scan_ctx *x, const struct scan *sc, struct db_case *c)
{
	struct intake *in = x->in;
	struct db_product p;
	struct db_item it, same;
	int found;

	if (sc->cls == SCAN_PRODUCT)
		found = db_product_by_barcode(in->db, sc->arg, &p);
	else
		found = db_product_by_model(in->db, sc->arg, &p);
	if (found == -1)
		return store_failed(x);
	if (found && !p.active)
		return reject(x, "model %s is disabled in the catalogue"
		    " (stationctl product edit %s --active yes) / 型号已停用",
		    p.model, p.model);
	memset(&it, 0, sizeof(it));
	it.case_id = c->id;
	it.quantity = 1;
	if (found) {
		it.product_id = p.id;
		snprintf(it.model, sizeof(it.model), "%s", p.model);
		snprintf(it.spec, sizeof(it.spec), "%s", p.spec);
		it.cct = p.default_cct;
	} else if (c->not_our_product) {
		snprintf(it.model, sizeof(it.model), "%.64s", sc->arg);
	} else
		return reject(x, "unknown model %s: add it to the catalogue"
		    " (stationctl product add) or mark the case %%COND:FOREIGN"
		    " / 型号不在产品目录中", sc->arg);
	/* the same product again is one more unit on its line */
	if ((found = db_item_same(in->db, c->id, it.model, it.cct, &same)) == -1)
		return store_failed(x);
	if (found && same.quantity < 9999) {
		if (db_begin(in->db) == -1 || db_item_set_qty(in->db, same.id,
		    same.quantity + 1) == -1)
			return store_failed(x);
		in->ss.item_id = same.id;
		if (finish(x, "item.update", "item", same.id, c->case_no) == -1)
			return store_failed(x);
		buf_printf(x->reply, "one more / 数量加一: %s", same.model);
		if (same.cct)
			buf_printf(x->reply, " %dK", same.cct);
		buf_printf(x->reply, " x%d", same.quantity + 1);
		return ST_OK;
	}
	if (db_begin(in->db) == -1 || db_item_add(in->db, &it,
	    &in->ss.item_id) == -1)
		return store_failed(x);
	if (finish(x, "item.add", "item", in->ss.item_id, c->case_no) == -1)
		return store_failed(x);
	buf_printf(x->reply, "item added / 已添加: %s", it.model);
	if (it.cct)
		buf_printf(x->reply, " %dK", it.cct);
	buf_puts(x->reply, " x1");
	return ST_OK;
}

static enum st_result
item_command(struct scan_ctx *x, const struct scan *sc, struct db_case *c)
{
	struct intake *in = x->in;
	struct db_item it;
	char acc[257];
	int rc;

	if (in->ss.item_id == 0)
		return reject(x, "scan a model or product barcode first"
		    " / 请先扫描型号或产品条码");
	if (db_item_get(in->db, in->ss.item_id, &it) != 1)
		return store_failed(x);
	if (db_begin(in->db) == -1)
		return store_failed(x);
	switch (sc->cmd) {
	case CMD_CCT:
		rc = db_item_set_cct(in->db, it.id, (int)sc->num);
		break;
	case CMD_QTY:
		rc = db_item_set_qty(in->db, it.id, (int)sc->num);
		break;
	default:
		if (strlen(it.accessories_missing) + strlen(sc->arg) + 2 >=
		    sizeof(acc)) {
			db_rollback(in->db);
			return reject(x, "too many missing accessories on one item"
			    " / 缺件记录过长");
		}
		acc[0] = '\0';
		if (it.accessories_missing[0]) {
			strcat(acc, it.accessories_missing);
			strcat(acc, "; ");
		}
		strcat(acc, sc->arg);
		rc = db_item_set_acc(in->db, it.id, acc);
		break;
	}
	if (rc == -1 || finish(x, "item.update", "item", it.id,
	    c->case_no) == -1)
		return store_failed(x);
	switch (sc->cmd) {
	case CMD_CCT:
		buf_printf(x->reply, "%s colour temperature / 色温 %ldK",
		    it.model, sc->num);
		break;
	case CMD_QTY:
		buf_printf(x->reply, "%s quantity / 数量 %ld", it.model, sc->num);
		break;
	default:
		buf_printf(x->reply, "%s missing / 缺件: %s", it.model, sc->arg);
	}
	return ST_OK;
}

static enum st_result
case_command(struct scan_ctx *x, const struct scan *sc, struct db_case *c)
{
	struct intake *in = x->in;
	const char *word = sc->cmd == CMD_KIND ? scan_kinds[sc->idx] :
	    scan_conds[sc->idx];
	int rc;

	if (db_begin(in->db) == -1)
		return store_failed(x);
	if (sc->cmd == CMD_KIND)
		rc = db_case_set_kind(in->db, c->id, word);
	else
		rc = db_case_set_condition(in->db, c->id, word) == -1 ||
		    db_case_set_foreign(in->db, c->id,
		    !strcmp(word, "foreign")) == -1 ? -1 : 0;
	if (rc == -1 || finish(x, sc->cmd == CMD_KIND ? "case.kind" :
	    "case.condition", "case", c->id, c->case_no) == -1)
		return store_failed(x);
	buf_printf(x->reply, "%s %s / %s %s", c->case_no,
	    sc->cmd == CMD_KIND ? "kind" : "condition",
	    sc->cmd == CMD_KIND ? "类型" : "外观", word);
	return ST_OK;
}

/* Fills m for a move of case c by the desk's operator, from this scan. */
static void
desk_move(struct scan_ctx *x, struct case_move *m, struct case_args *a,
    struct db_case *c, enum case_action act)
{
	memset(m, 0, sizeof(*m));
	memset(a, 0, sizeof(*a));
	a->desk = x->in->cf->desk;
	a->scan = x->text;
	m->db = x->in->db;
	m->cf = x->in->cf;
	m->op = &x->op;
	m->c = c;
	m->act = act;
	m->a = a;
	m->reply = x->reply;
}

/* Applies a move the caller checked, saves the session, commits. */
static enum st_result
desk_apply(struct scan_ctx *x, struct case_move *m)
{
	if (case_apply(m) == -1) {
		snprintf(x->trouble, sizeof(x->trouble), "%s", m->trouble);
		return store_failed(x);
	}
	x->event = m->event;
	if (commit_session(x) == -1)
		return store_failed(x);
	return ST_OK;
}

static enum st_result
done(struct scan_ctx *x, struct db_case *c)
{
	struct intake *in = x->in;
	struct case_move m;
	struct case_args a;
	int held, rc;

	held = case_state_parse(c->state) == CS_HELD ||
	    !strcmp(c->condition, "severe");
	desk_move(x, &m, &a, c, held ? CA_HOLD : CA_REGISTER);
	if ((rc = case_check(&m)) != 1)
		return rc == 0 ? ST_REFUSED : store_failed(x);
	if (db_begin(in->db) == -1)
		return store_failed(x);
	in->ss.last_case_id = c->id;
	in->ss.case_id = in->ss.item_id = 0;
	in->ss.case_was_new = 0;
	in->ss.prev_kind[0] = in->ss.prev_condition[0] = '\0';
	if (desk_apply(x, &m) != ST_OK)
		return ST_FAILED;
	if (held)
		buf_printf(x->reply, "case %s held for a supervisor (severe damage),"
		    " label queued / 严重破损，待主管确认，标签已排队打印", c->case_no);
	else
		buf_printf(x->reply, "case %s registered, area %s %s, label queued"
		    " / 已登记，标签已排队打印", c->case_no, c->area, c->area_name);
	if (c->mismatch[0])
		buf_printf(x->reply, "  MISMATCH / 与登记不符: %s", c->mismatch);
	if (in->label_queued)
		in->label_queued(in->arg);
	return ST_OK;
}

static enum st_result
cancel(struct scan_ctx *x, struct db_case *c)
{
	struct intake *in = x->in;
	int was_new = in->ss.case_was_new, rc;
	char prev_kind[16], prev_cond[16];
	struct case_move m;
	struct case_args a;

	memcpy(prev_kind, in->ss.prev_kind, sizeof(prev_kind));
	memcpy(prev_cond, in->ss.prev_condition, sizeof(prev_cond));
	if (was_new) {
		desk_move(x, &m, &a, c, CA_CANCEL);
		if ((rc = case_check(&m)) != 1)
			return rc == 0 ? ST_REFUSED : store_failed(x);
	}
	/* the session lets go of the items before they are deleted */
	in->ss.case_id = in->ss.item_id = 0;
	in->ss.case_was_new = 0;
	in->ss.prev_kind[0] = in->ss.prev_condition[0] = '\0';
	if (db_begin(in->db) == -1 || db_session_save(in->db, &in->ss) == -1)
		return store_failed(x);
	if (was_new) {
		if (desk_apply(x, &m) != ST_OK)
			return ST_FAILED;
	} else if (db_items_discard(in->db, c->id) == -1 ||
	    db_case_set_kind(in->db, c->id, prev_kind) == -1 ||
	    db_case_set_condition(in->db, c->id, prev_cond[0] ? prev_cond :
	    "intact") == -1 ||
	    db_case_set_foreign(in->db, c->id, !strcmp(prev_cond,
	    "foreign")) == -1 ||
	    finish(x, "case.cancel", "case", c->id, c->case_no) == -1)
		return store_failed(x);
	buf_printf(x->reply, was_new ? "case %s cancelled / 案件已取消" :
	    "changes to case %s discarded / 本次修改已放弃", c->case_no);
	return ST_OK;
}

/*
 * %REPRINT and the commands of a case's later life act on the open case,
 * else the one last finished or selected by scanning its label.
 */
static enum st_result
on_case(struct scan_ctx *x, const struct scan *sc)
{
	struct intake *in = x->in;
	int64_t id = in->ss.case_id ? in->ss.case_id : in->ss.last_case_id;
	enum case_action act;
	struct case_move m;
	struct case_args a;
	enum st_result r;
	struct db_case c;

	if (id == 0)
		return reject(x, "no case to act on: scan a case label first"
		    " / 请先扫描案件标签");
	if (db_case_get(in->db, id, &c) != 1)
		return store_failed(x);
	if (sc->cmd == CMD_REPRINT) {
		char cause[512];

		if (!case_state_labelled(case_state_parse(c.state)))
			return reject(x, "case %s is not registered yet: scan %%DONE"
			    " / 案件尚未登记", c.case_no);
		if (db_begin(in->db) == -1)
			return store_failed(x);
		if (labelq_add(in->db, in->cf, &c, "area", cause, sizeof(cause)) == -1) {
			snprintf(x->trouble, sizeof(x->trouble), "label: %.480s",
			    cause);
			return store_failed(x);
		}
		if (finish(x, "label.reprint", "case", c.id, c.case_no) == -1)
			return store_failed(x);
		buf_printf(x->reply, "label for %s queued again / 标签已重新排队",
		    c.case_no);
		if (in->label_queued)
			in->label_queued(in->arg);
		return ST_OK;
	}
	if (in->ss.case_id)
		return reject(x, "finish the open case with %%DONE first"
		    " / 请先完成当前案件");
	switch (sc->cmd) {
	case CMD_ACCEPT:
		act = CA_ACCEPT;
		break;
	case CMD_INSPECT:
		act = sc->idx ? CA_INSPECT_PASS : CA_INSPECT_FAIL;
		break;
	case CMD_APPROVE:
		act = CA_APPROVE;
		break;
	case CMD_CAUSE:
	case CMD_BEYOND:
		act = CA_REPAIR;
		break;
	case CMD_SUPPLIER:
		act = CA_SUPPLIER_BACK;
		break;
	default:
		act = CA_CLOSE;
	}
	desk_move(x, &m, &a, &c, act);
	a.sample = (int)sc->num;
	a.cause = sc->arg;
	a.beyond = sc->cmd == CMD_BEYOND;
	if ((r = case_move(&m)) == ST_OK) {
		x->event = m.event;
		if (m.labels && in->label_queued)
			in->label_queued(in->arg);
	}
	return r;
}

/* A case label scanned by someone who does not do intake: select it. */
static enum st_result
select_case(struct scan_ctx *x, const struct scan *sc)
{
	struct intake *in = x->in;
	struct db_case c;
	int rc;

	if ((rc = db_case_by_no(in->db, sc->arg, &c)) != 1)
		return rc == -1 ? store_failed(x) :
		    reject(x, "no case %s / 无此案件", sc->arg);
	in->ss.last_case_id = c.id;
	if (db_begin(in->db) == -1 ||
	    finish(x, "case.select", "case", c.id, c.case_no) == -1)
		return store_failed(x);
	buf_puts(x->reply, "case selected / 已选择案件: ");
	reply_case(x->reply, &c);
	return ST_OK;
}

static int
is_catalogue_barcode(void *arg, const char *code)
{
	struct db_product p;

	return db_product_by_barcode(arg, code, &p) == 1;
}

enum st_result
intake_scan(struct intake *in, const char *text, size_t len, struct buf *reply,
    int64_t *event)
{
	return intake_scan_as(in, NULL, text, len, reply, event);
}

/* A scan sent for badge as (stationctl --operator) acts only for the one
 * signed in at the desk, and signs in only that badge, never over another
 * operator's open case. Returns 1 when it may go on. */
static int
acting_ok(struct scan_ctx *x, const struct scan *sc, const char *as)
{
	struct intake *in = x->in;
	struct db_case cur;

	if (as == NULL)
		return 1;
	if (sc->cls == SCAN_BADGE) {
		if (strcmp(sc->arg, as) != 0) {
			reject(x, "--operator %s cannot sign in badge %s"
			    " / 不能替他人登录", as, sc->arg);
			return 0;
		}
		if (in->ss.case_id && x->op.id && strcmp(x->op.badge, as) != 0 &&
		    db_case_get(in->db, in->ss.case_id, &cur) == 1) {
			reject(x, "case %s is open at the desk for %s: it is"
			    " finished there (%%DONE or %%CANCEL) first / 他人案件"
			    "未完成", cur.case_no, x->op.name);
			return 0;
		}
		return 1;
	}
	if (x->op.id == 0 || strcmp(x->op.badge, as) != 0) {
		reject(x, "badge %s is not the one signed in at the desk%s%s%s:"
		    " scan %%OP:%s first / 该工牌未在收货台登录", as,
		    x->op.id ? " (" : "", x->op.id ? x->op.name : "",
		    x->op.id ? ")" : "", as);
		return 0;
	}
	return 1;
}

enum st_result
intake_scan_as(struct intake *in, const char *as, const char *text,
    size_t len, struct buf *reply, int64_t *event)
{
	struct scan_ctx x;
	struct scan sc;
	struct db_case c;
	char s[SCAN_MAX + 1], cause[512];
	const char *why;
	enum st_result r;

	*event = 0;
	if (scan_validate(text, len, &why) == -1) {
		in->scans_rejected++;
		buf_puts(reply, why);
		return ST_REFUSED;
	}
	memcpy(s, text, len);
	s[len] = '\0';
	if (db_read_begin(in->db) == -1) {
		in->scans_rejected++;
		buf_printf(reply, "could not read, nothing was stored / 读取失败，"
		    "未记录: %s", db_error(in->db));
		return ST_FAILED;
	}
	memset(&x, 0, sizeof(x));
	x.in = in;
	x.text = s;
	x.reply = reply;
	x.saved = in->ss;
	if (scan_classify(s, &in->cf->carriers, in->cf->case_prefix,
	    is_catalogue_barcode, in->db, &sc, cause, sizeof(cause)) == -1) {
		db_read_end(in->db);
		in->scans_rejected++;
		buf_puts(reply, cause);
		return ST_REFUSED;
	}
	if (in->ss.operator_id && db_operator_by_id(in->db, in->ss.operator_id,
	    &x.op) != 1)
		memset(&x.op, 0, sizeof(x.op));

	if (!acting_ok(&x, &sc, as)) {
		r = ST_REFUSED;
		goto out;
	}
	if (sc.cls == SCAN_BADGE) {
		struct db_operator op;
		int rc = db_operator_get(in->db, sc.arg, &op);

		if (rc == -1)
			r = store_failed(&x);
		else if (rc == 0)
			r = reject(&x, "unknown badge %s / 未知工牌", sc.arg);
		else if (!op.active)
			r = reject(&x, "badge %s is disabled / 工牌已停用", sc.arg);
		else {
			x.op = op;
			in->ss.operator_id = op.id;
			if (db_begin(in->db) == -1 ||
			    finish(&x, "operator.signin", "operator", op.id,
			    NULL) == -1)
				r = store_failed(&x);
			else {
				buf_printf(reply, "operator / 操作员: %s (%s)",
				    op.name, op.roles);
				r = ST_OK;
			}
		}
		goto out;
	}
	if (x.op.id == 0) {
		r = reject(&x, "scan your badge first (%%OP:...) / 请先扫描工牌");
		goto out;
	}
	if (sc.cls == SCAN_COMMAND && sc.cmd >= CMD_REPRINT) {
		r = on_case(&x, &sc);
		goto out;
	}
	if (sc.cls == SCAN_CASE && x.op.active &&
	    !(role_mask(x.op.roles) & (ROLE_INTAKE | ROLE_SUPERVISOR))) {
		r = select_case(&x, &sc);
		goto out;
	}
	if (!role_check(&x.op, ROLE_INTAKE | ROLE_SUPERVISOR, "intake", reply)) {
		r = ST_REFUSED;
		goto out;
	}
	if (sc.cls == SCAN_WAYBILL || sc.cls == SCAN_CASE) {
		r = open_case(&x, &sc);
		goto out;
	}
	if (in->ss.case_id == 0) {
		r = reject(&x, "scan the parcel's waybill first / 请先扫描快递单号");
		goto out;
	}
	if (db_case_get(in->db, in->ss.case_id, &c) != 1) {
		r = store_failed(&x);
		goto out;
	}
	if (sc.cls == SCAN_PRODUCT) {
		r = add_item(&x, &sc, &c);
		goto out;
	}
	switch (sc.cmd) {
	case CMD_MODEL:
		r = add_item(&x, &sc, &c);
		break;
	case CMD_CCT:
	case CMD_QTY:
	case CMD_ACC:
		r = item_command(&x, &sc, &c);
		break;
	case CMD_KIND:
	case CMD_COND:
		r = case_command(&x, &sc, &c);
		break;
	case CMD_DONE:
		r = done(&x, &c);
		break;
	case CMD_CANCEL:
		r = cancel(&x, &c);
		break;
	default:
		r = reject(&x, "command not handled here");
	}
out:
	db_read_end(in->db);
	if (r == ST_OK) {
		in->scans_ok++;
		clock_now_iso(in->last_scan_at, sizeof(in->last_scan_at));
		*event = x.event;
	} else
		in->scans_rejected++;
	return r;
}

static int
describe_item(void *arg, const struct db_item *it)
{
	struct buf *b = arg;

	buf_printf(b, "%s %s", b->len && b->data[b->len - 1] != ':' ? ";" : "",
	    it->model);
	if (it->cct)
		buf_printf(b, " %dK", it->cct);
	buf_printf(b, " x%d", it->quantity);
	return 0;
}

void
intake_describe(struct intake *in, struct buf *b)
{
	struct db_operator op;
	struct db_case cs;
	int n = 0;

	buf_printf(b, "desk %s: %s", in->cf->desk,
	    intake_state_name(intake_state(in)));
	if (in->ss.operator_id && db_operator_by_id(in->db, in->ss.operator_id,
	    &op) == 1)
		buf_printf(b, ", operator %s %s", op.badge, op.name);
	if (in->ss.case_id && db_case_get(in->db, in->ss.case_id, &cs) == 1) {
		buf_printf(b, ", case %s (%s) open", cs.case_no, cs.waybill);
		if (cs.kind[0])
			buf_printf(b, ", %s", cs.kind);
		db_items_count(in->db, cs.id, &n);
		buf_printf(b, ", %d item%s / 案件未完成%s", n, n == 1 ? "" : "s",
		    n ? ":" : "");
		db_item_foreach(in->db, cs.id, describe_item, b);
	}
}
