/* Label outbox entries (see labelq.h). */
#include <stdio.h>
#include <string.h>

#include "../common/buf.h"
#include "../common/json.h"
#include "../common/log.h"
#include "../common/msg.h"
#include "../db/db.h"
#include "../labels/label.h"
#include "case.h"
#include "config.h"
#include "labelq.h"

struct summary {
	char	model[80];
	char	spec[129];
	int	models;
	int	cct;
	int	qty;
	struct buf *items;	/* "MODEL SPEC 4000K x3" lines */
	struct buf first;	/* the first two, for the area label */
};

static void
item_text(struct buf *b, const struct db_item *it, int spec)
{
	buf_puts(b, it->model);
	if (spec && it->spec[0])
		buf_printf(b, " %s", it->spec);
	if (it->cct > 0)
		buf_printf(b, " %dK", it->cct);
	buf_printf(b, " x%d", it->quantity);
}

static int
sum_item(void *arg, const struct db_item *it)
{
	struct summary *s = arg;

	if (s->models++ == 0) {
		snprintf(s->model, sizeof(s->model), "%s", it->model);
		snprintf(s->spec, sizeof(s->spec), "%s", it->spec);
		s->cct = it->cct;
	} else if (s->cct != it->cct)
		s->cct = 0;
	s->qty += it->quantity;
	if (s->items->len)
		buf_puts(s->items, "\n");
	item_text(s->items, it, 1);
	if (s->models <= 2) {
		if (s->first.len)
			buf_puts(&s->first, " · ");
		item_text(&s->first, it, 0);
	}
	return 0;
}

int
labelq_data(struct db *db, const struct db_case *c, struct labelq *q)
{
	struct summary sum;

	memset(&sum, 0, sizeof(sum));
	memset(q, 0, sizeof(*q));
	buf_init(&q->items);
	buf_init(&sum.first);
	sum.items = &q->items;
	if (db_item_foreach(db, c->id, sum_item, &sum) == -1) {
		buf_free(&sum.first);
		return -1;
	}
	if (sum.models > 1)
		snprintf(q->model, sizeof(q->model), "%s +%d", sum.model,
		    sum.models - 1);
	else
		snprintf(q->model, sizeof(q->model), "%s", sum.model);
	snprintf(q->spec, sizeof(q->spec), "%s", sum.spec);
	/* what is inside: the one item, or how many models and units */
	if (sum.models > 1) {
		snprintf(q->contents, sizeof(q->contents), "%d 型号 models · %d"
		    " 件 units", sum.models, sum.qty);
		snprintf(q->models, sizeof(q->models), "%s%s", sum.first.data,
		    sum.models > 2 ? " · …" : "");
	} else if (sum.models == 1)
		snprintf(q->contents, sizeof(q->contents), "%s%s%.0d%s  x%d",
		    sum.model, sum.cct > 0 ? "  " : "", sum.cct,
		    sum.cct > 0 ? "K" : "", sum.qty);
	buf_free(&sum.first);
	q->d.area = c->area;
	q->d.area_name = c->area_name;
	q->d.date = c->received_date;
	q->d.case_no = c->case_no;
	q->d.waybill = c->waybill;
	q->d.carrier = c->carrier;
	q->d.model = q->model;
	q->d.spec = q->spec;
	q->d.kind = c->kind;
	q->d.condition = c->condition;
	q->d.operator = c->opened_by;
	q->d.cct = sum.cct;
	q->d.qty = sum.qty;
	q->d.contents = q->contents;
	q->d.models = q->models;
	q->d.items = q->items.data ? q->items.data : "";
	return 0;
}

void
labelq_free(struct labelq *q)
{
	buf_free(&q->items);
}

/* The label's text, one field a key, as the outbox keeps it. */
static void
fields_json(const struct label_data *d, struct buf *b)
{
	struct json j;

	json_init(&j, b);
	json_open(&j, NULL);
	json_str(&j, "area", d->area);
	json_str(&j, "area_name", d->area_name);
	json_str(&j, "date", d->date);
	json_str(&j, "case_no", d->case_no);
	json_str(&j, "waybill", d->waybill);
	json_str(&j, "carrier", d->carrier);
	json_str(&j, "model", d->model);
	json_str(&j, "spec", d->spec);
	json_str(&j, "kind", d->kind);
	json_str(&j, "condition", d->condition);
	json_str(&j, "operator", d->operator);
	json_int(&j, "cct", d->cct);
	json_int(&j, "qty", d->qty);
	json_str(&j, "contents", d->contents);
	json_str(&j, "models", d->models);
	json_str(&j, "items", d->items);
	json_close(&j);
}

void
labelq_put_fields(const struct label_data *d, struct buf *msg)
{
	msg_put_str(msg, "area", d->area);
	msg_put_str(msg, "area_name", d->area_name);
	msg_put_str(msg, "date", d->date);
	msg_put_str(msg, "case_no", d->case_no);
	msg_put_str(msg, "waybill", d->waybill);
	msg_put_str(msg, "carrier", d->carrier);
	msg_put_str(msg, "model", d->model);
	msg_put_str(msg, "spec", d->spec);
	msg_put_str(msg, "kind", d->kind);
	msg_put_str(msg, "condition", d->condition);
	msg_put_str(msg, "operator", d->operator);
	msg_put_int(msg, "cct", d->cct);
	msg_put_int(msg, "qty", d->qty);
	msg_put_str(msg, "contents", d->contents);
	msg_put_str(msg, "models", d->models);
	msg_put_str(msg, "items", d->items);
}

int
labelq_add(struct db *db, const struct st_config *cf, const struct db_case *c,
    const char *tmpl, char *cause, size_t clen)
{
	struct labelq q;
	struct buf f;
	int rc;

	if (labelq_data(db, c, &q) == -1) {
		snprintf(cause, clen, "%s", db_error(db));
		return -1;
	}
	buf_init(&f);
	fields_json(&q.d, &f);
	labelq_free(&q);
	/* the printer side draws it with the configured template of that
	 * role (area or case) */
	rc = db_label_add(db, c->id, tmpl,
	    cf->label_format == LABEL_PDF ? "pdf" : "zpl", cf->printer_queue,
	    f.data, NULL);
	buf_free(&f);
	if (rc == -1)
		snprintf(cause, clen, "%s", db_error(db));
	return rc;
}

enum st_result
labelq_reprint(struct db *db, const struct st_config *cf, const char *key,
    const char *tmpl, const char *actor, struct buf *reply)
{
	struct db_case c;
	char cause[512];
	struct buf d;
	struct json j;
	int rc;

	if ((rc = db_case_find(db, key, &c)) == -1) {
		buf_puts(reply, db_error(db));
		return ST_FAILED;
	}
	if (rc == 0) {
		buf_printf(reply, "no case or waybill %s / 无此案件", key);
		return ST_REFUSED;
	}
	if (!case_state_labelled(case_state_parse(c.state))) {
		buf_printf(reply, "case %s is %s: it has no label yet"
		    " / 案件尚未登记", c.case_no, c.state);
		return ST_REFUSED;
	}
	buf_init(&d);
	json_init(&j, &d);
	json_open(&j, NULL);
	json_str(&j, "case", c.case_no);
	json_str(&j, "template", tmpl);
	json_close(&j);
	cause[0] = '\0';
	rc = db_begin(db) == -1 ||
	    labelq_add(db, cf, &c, tmpl, cause, sizeof(cause)) == -1 ||
	    db_audit(db, actor, "label.reprint", "case", c.id, d.data,
	    NULL) == -1 || db_commit(db) == -1;
	buf_free(&d);
	if (rc) {
		buf_printf(reply, "could not queue the label: %s",
		    cause[0] ? cause : db_error(db));
		db_rollback(db);
		return ST_FAILED;
	}
	buf_printf(reply, "%s label for %s queued / 标签已排队打印", tmpl,
	    c.case_no);
	return ST_OK;
}
